"""How far the walk trusts what it reads: the confidences, the reporter's trusted networks and
providers (:class:`TrustConfig`), and the kinds of address space."""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from ipaddress import IPv4Network, IPv6Network
from typing import Final

from lapnet.analysis.providers import provider_by_key
from lapnet.analysis.received import (
    ip_value,
)

ANCHORED_CONFIDENCE: Final = 0.9
"""Confidence in an origin found below relays inside the configured trusted networks."""
INFERRED_CONFIDENCE: Final = 0.6
"""Confidence in an origin found by inference (no trusted networks configured)."""
PRESET_CONFIDENCE: Final = 0.75
"""Confidence in an origin found below the relays of the recipient's provider, by a shipped preset."""
WEBMAIL_CONFIDENCE: Final = 0.7
"""Confidence in a webmail header when the walk found the webmail system as the origin relay."""
DISAGREEING_WEBMAIL_CONFIDENCE: Final = 0.5
"""The same, when the web submission's Received header records another client IP than the header."""
UNANCHORED_WEBMAIL_CONFIDENCE: Final = 0.3
"""Confidence in a webmail header when the walk found no origin: a sender can write that header."""
ARF_CONFIDENCE: Final = 0.5
"""Confidence in the Source-IP of an ARF report: the reporting system's word, not checked here."""
TIME_TOLERANCE_SECONDS: Final = 15 * 60
"""How far a hop's clock may run ahead of the hop above it before ``time_order`` is flagged."""
INFERRED_ANCHOR: Final = "inferred:private-and-authenticated-are-internal"


@dataclass(frozen=True, slots=True)
class TrustConfig:
    """Where the reporter's own mail system sits.

    ``trusted_networks`` lists the networks of the relays that handled the message on the reporter's
    side (their MX, filters, mailbox servers). When empty, the walk infers the boundary conservatively,
    after walking through the relays of the recipient's mailbox provider when a shipped preset names it.
    Loopback and link-local clients are always trusted.

    ``presets`` says which presets (keys of :data:`lapnet.analysis.providers.PROVIDERS`) such a walk may
    use: None for all of them (the default), ``()`` for none (pure inference), or keys such as
    ``("microsoft-365",)``. Presets are never used when trusted networks are configured.
    """

    trusted_networks: tuple[IPv4Network | IPv6Network, ...] = ()
    presets: tuple[str, ...] | None = None
    # Worked out once: the networks as (version, first address, mask, network) integers for matching,
    # and as text for reasons and anchors.
    _ranges: tuple[tuple[int, int, int, IPv4Network | IPv6Network], ...] = field(
        init=False, repr=False, compare=False, hash=False, default=()
    )
    _text: str = field(init=False, repr=False, compare=False, hash=False, default="")
    _anchors: tuple[str, ...] = field(
        init=False, repr=False, compare=False, hash=False, default=(INFERRED_ANCHOR,)
    )

    def __post_init__(self) -> None:
        for key in self.presets or ():
            try:
                provider_by_key(key)
            except KeyError:
                raise ValueError(f"unknown provider preset {key!r}") from None
        if not self.trusted_networks:
            return  # the defaults: no ranges, the inference anchor
        ranges = tuple(
            (network.version, int(network.network_address), int(network.netmask), network)
            for network in self.trusted_networks
        )
        names = [str(network) for network in self.trusted_networks]
        object.__setattr__(self, "_ranges", ranges)
        object.__setattr__(self, "_text", ", ".join(names))
        object.__setattr__(self, "_anchors", tuple(f"trusted:{name}" for name in names))

    @classmethod
    def parse(cls, networks: Iterable[str]) -> TrustConfig:
        """A configuration from CIDR strings such as ``"192.0.2.0/24"``; raises ValueError on a bad one."""
        return cls(tuple(ipaddress.ip_network(network.strip(), strict=False) for network in networks))

    @classmethod
    def from_anchors(cls, anchors: Iterable[str]) -> TrustConfig:
        """The configuration an ``Origin.trust_anchors`` tuple records, to re-run the same walk.

        ``trusted:`` networks give that configuration; else ``preset:`` keys give a walk restricted to
        those presets; else (inference alone) a walk without presets. Raises ValueError on a bad network
        or an unknown preset.
        """
        anchors = tuple(anchors)
        networks = [anchor.removeprefix("trusted:") for anchor in anchors if anchor.startswith("trusted:")]
        if networks:
            return cls.parse(networks)
        return cls(
            presets=tuple(
                anchor.removeprefix("preset:") for anchor in anchors if anchor.startswith("preset:")
            )
        )

    def anchors(self) -> tuple[str, ...]:
        """What ``Origin.trust_anchors`` records of this configuration when no preset applies.

        A walk that used a preset records ``preset:<key>`` and the inference rule instead; fallbacks add
        their own anchor.
        """
        return self._anchors


# --- addresses ----------------------------------------------------------------------------------------

_PUBLIC: Final = "public"
# Address space that is not public, after the IANA special-purpose registries (RFC 6890 and updates),
# most specific first; the first match gives the kind. Everything else is public.
_SPECIAL_V4: Final = (
    ("127.0.0.0/8", "loopback"),
    ("10.0.0.0/8", "private"),
    ("172.16.0.0/12", "private"),
    ("192.168.0.0/16", "private"),
    ("100.64.0.0/10", "cgnat"),
    ("169.254.0.0/16", "link_local"),
    ("0.0.0.0/8", "reserved"),  # "this network"
    ("192.0.0.0/24", "reserved"),  # IETF protocol assignments
    ("192.0.2.0/24", "reserved"),  # TEST-NET-1 (documentation)
    ("198.51.100.0/24", "reserved"),  # TEST-NET-2
    ("203.0.113.0/24", "reserved"),  # TEST-NET-3
    ("192.88.99.0/24", "reserved"),  # 6to4 relay anycast (deprecated)
    ("198.18.0.0/15", "reserved"),  # benchmarking
    ("224.0.0.0/4", "reserved"),  # multicast
    ("240.0.0.0/4", "reserved"),  # reserved, and the limited broadcast address
)


def _ranges(table: tuple[tuple[str, str], ...]) -> tuple[tuple[int, int, str], ...]:
    networks = [(ipaddress.ip_network(cidr), kind) for cidr, kind in table]
    return tuple((int(network.network_address), int(network.netmask), kind) for network, kind in networks)


_SPECIAL_V4_RANGES: Final = _ranges(_SPECIAL_V4)
# Flags and words for each kind of client address.
_FLAGS: Final[dict[str, tuple[str, ...]]] = {
    _PUBLIC: (),
    "private": ("private",),
    "loopback": ("private", "loopback"),
    "link_local": ("private", "link_local"),
    "cgnat": ("private", "cgnat"),
    "reserved": ("bogon", "reserved"),
}
_WORDS: Final = {
    "private": "a private address",
    "loopback": "a loopback address",
    "link_local": "a link-local address",
    "cgnat": "a carrier-grade NAT address (RFC 6598)",
    "reserved": "a reserved address (bogon: documentation, benchmarking, multicast or unassigned space)",
}


# First octets of every special IPv4 range above: any other address is public at a glance.
_SPECIAL_FIRST_OCTETS: Final = frozenset({0, 10, 100, 127, 169, 172, 192, 198, 203, *range(224, 256)})


@lru_cache(maxsize=8192)
def _kind(ip: str) -> str:
    """What kind of address a canonical IP is: public, private, loopback, link_local, cgnat or reserved."""
    if ":" in ip:
        return _kind_v6(ip)
    octets = ip.split(".")
    if len(octets) != 4 or not all(map(str.isdigit, octets)):
        return "reserved"
    first = int(octets[0])
    if first not in _SPECIAL_FIRST_OCTETS:
        return _PUBLIC
    value = (first << 24) | (int(octets[1]) << 16) | (int(octets[2]) << 8) | int(octets[3])
    for network, mask, kind in _SPECIAL_V4_RANGES:
        if value & mask == network:
            return kind
    return _PUBLIC


def _kind_v6(ip: str) -> str:
    """The same for a canonical (compressed, lower-case) IPv6 address, read from its text."""
    if ip == "::1":
        return "loopback"
    groups = ip.split(":")
    try:
        first = int(groups[0] or "0", 16)
        second = int(groups[1] or "0", 16)
    except (ValueError, IndexError):
        return "reserved"
    if 0xFC00 <= first <= 0xFDFF:
        return "private"  # unique local addresses
    if 0xFE80 <= first <= 0xFEBF:
        return "link_local"
    if not 0x2000 <= first <= 0x3FFF:
        return "reserved"  # outside global unicast: unspecified, multicast, NAT64, discard...
    if first == 0x2002 or (first == 0x2001 and second == 0xDB8):
        return "reserved"  # 6to4, documentation
    if first == 0x2001 and second < 0x200 and not (second == 3 or 0x20 <= second <= 0x3F):
        return "reserved"  # IETF protocol assignments and Teredo, but for AMT, ORCHIDv2 and DRIP
    return _PUBLIC


@lru_cache(maxsize=8192)
def _address_number(ip: str) -> tuple[int, int]:
    """The version and integer value of a canonical IP address; (0, 0) for anything else."""
    return ip_value(ip) or (0, 0)


def _trusted_network(trust: TrustConfig, ip: str) -> IPv4Network | IPv6Network | None:
    if not trust._ranges:
        return None
    version, value = _address_number(ip)
    for network_version, first, mask, network in trust._ranges:
        if network_version == version and value & mask == first:
            return network
    return None
