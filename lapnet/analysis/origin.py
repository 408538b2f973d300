"""The explainable header walk: which relay handed the message to the reporter's side?

The walk reads the ``Received`` headers from the top (written last, by the reporter's own MX) down,
in the manner of Apache SpamAssassin's trust path (``trusted_networks``, ``internal_networks`` in
``Mail::SpamAssassin::Conf``) and of SpamCop's parser:

* A hop whose client IP is trusted (inside the configured ``trusted_networks``; loopback and link-local
  clients always are) is ``TRUSTED``: the header below it was written by a host we trust, so we read
  on. The topmost header is taken as written by the reporter's own MX.
* The first hop whose client IP is not trusted is the ``ORIGIN``: that client is the first host we
  cannot vouch for, and the last one whose address a trusted host saw for itself.
* Everything below was written by untrusted hosts and is ``UNVERIFIABLE``: it may be forged.

When no network is configured the boundary is inferred conservatively, as SpamAssassin does: hops
whose client is private (RFC 1918, unique local), loopback, link-local, carrier-grade NAT or reserved,
and authenticated submissions (``ESMTPSA``, ``Authenticated sender``, ``with HTTP`` webmail), are
``INTERNAL``; the first public, unauthenticated client is the origin, with a lower confidence.

Inference alone would accuse the recipient's mailbox provider: on mail delivered to Microsoft 365, the
first public client is one of Microsoft's own relays. So an unconfigured walk first looks for the
recipient's provider among the shipped presets (:mod:`lapnet.analysis.providers`): the ``by`` host of the
topmost hop (or of the first hop below the top's internal hand-overs) names it. From that hop down, a
hop is ``TRUSTED`` only while its ``by`` host carries that provider's suffix and its client lies in that
provider's published networks; private clients stay ``INTERNAL``. The first client outside is the
origin, even when it is another provider's outbound relay or an authenticated user: that party handed the
message over. Only the recipient's provider is walked through.

The walk never names an IP from a chain it cannot anchor. When a hop above the candidate records no
client IP and is no hand-over inside one host, when a header above or at the candidate was plainly not
written by the client of the hop above it (``chain_break``), or when the first untrusted client is
private or a bogon, ``Origin.anchored`` is False and ``Origin.ip`` stays None unless a fallback
applies: webmail headers (``X-Originating-IP`` and kin), then the Source-IP of an ARF report. A
webmail header also replaces an anchored origin that is itself a webmail system (the hop below it is
a web submission written by the origin relay's own domain). ``Origin.trust_anchors`` records the rules,
networks, preset (``preset:microsoft-365``) and fallback used, so that another agency can rebuild the
same :class:`TrustConfig` with :meth:`TrustConfig.from_anchors` and get the same answer.

Flags on each hop: ``private``, ``loopback``, ``link_local``, ``cgnat``, ``bogon`` and ``reserved``
for the client address; ``no_ip``; ``helo_mismatch`` (the HELO is another IP literal, or a name in
another registered domain than the rDNS name); ``time_order`` (dated more than 15 minutes after the
hop above it, which handled the message later); ``chain_break``; ``may_be_forged`` (Sendmail's own
remark). Defects: ``received.unparsable``, ``received.bad_date``, ``received.time_order``,
``received.chain_break``, ``received.no_client_ip``.
"""

from __future__ import annotations

import dataclasses
import ipaddress
import re
import types
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from ipaddress import IPv4Network, IPv6Network
from typing import NamedTuple

from lapnet.analysis.providers import Provider, provider_by_key, provider_for_host, provider_networks_of
from lapnet.analysis.received import (
    UNPARSABLE,
    ReceivedFields,
    ip_value,
    normalise_ip,
    read_received,
    registrable_part,
)
from lapnet.analysis.types import Defect, Hop, HopVerdict, Origin, OriginMethod

__all__ = [
    "ANCHORED_CONFIDENCE",
    "ARF_CONFIDENCE",
    "DISAGREEING_WEBMAIL_CONFIDENCE",
    "INFERRED_ANCHOR",
    "INFERRED_CONFIDENCE",
    "PRESET_CONFIDENCE",
    "TIME_TOLERANCE_SECONDS",
    "UNANCHORED_WEBMAIL_CONFIDENCE",
    "WEBMAIL_CONFIDENCE",
    "TrustConfig",
    "walk_origin",
]

ANCHORED_CONFIDENCE = 0.9
"""Confidence in an origin found below relays inside the configured trusted networks."""
INFERRED_CONFIDENCE = 0.6
"""Confidence in an origin found by inference (no trusted networks configured)."""
PRESET_CONFIDENCE = 0.75
"""Confidence in an origin found below the relays of the recipient's provider, by a shipped preset."""
WEBMAIL_CONFIDENCE = 0.7
"""Confidence in a webmail header when the walk found the webmail system as the origin relay."""
DISAGREEING_WEBMAIL_CONFIDENCE = 0.5
"""The same, when the web submission's Received header records another client IP than the header."""
UNANCHORED_WEBMAIL_CONFIDENCE = 0.3
"""Confidence in a webmail header when the walk found no origin: a sender can write that header."""
ARF_CONFIDENCE = 0.5
"""Confidence in the Source-IP of an ARF report: the reporting system's word, not checked here."""
TIME_TOLERANCE_SECONDS = 15 * 60
"""How far a hop's clock may run ahead of the hop above it before ``time_order`` is flagged."""
INFERRED_ANCHOR = "inferred:private-and-authenticated-are-internal"


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

_PUBLIC = "public"
# Address space that is not public, after the IANA special-purpose registries (RFC 6890 and updates),
# most specific first; the first match gives the kind. Everything else is public.
_SPECIAL_V4 = (
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


_SPECIAL_V4_RANGES = _ranges(_SPECIAL_V4)
# Flags and words for each kind of client address.
_FLAGS: dict[str, tuple[str, ...]] = {
    _PUBLIC: (),
    "private": ("private",),
    "loopback": ("private", "loopback"),
    "link_local": ("private", "link_local"),
    "cgnat": ("private", "cgnat"),
    "reserved": ("bogon", "reserved"),
}
_WORDS = {
    "private": "a private address",
    "loopback": "a loopback address",
    "link_local": "a link-local address",
    "cgnat": "a carrier-grade NAT address (RFC 6598)",
    "reserved": "a reserved address (bogon: documentation, benchmarking, multicast or unassigned space)",
}


# First octets of every special IPv4 range above: any other address is public at a glance.
_SPECIAL_FIRST_OCTETS = frozenset({0, 10, 100, 127, 169, 172, 192, 198, 203, *range(224, 256)})


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


# --- reading one hop ----------------------------------------------------------------------------------


def _is_webmail(fields: ReceivedFields) -> bool:
    return fields.protocol is not None and fields.protocol.startswith("HTTP")


_SAME_LINK_KINDS = frozenset({"loopback", "link_local"})
"""Clients on the receiving host itself or on its link: trusted whenever the receiving host is."""


def _describe_client(fields: ReceivedFields) -> str:
    """ "203.0.113.9 (rDNS mail.example.net, HELO example.net)" """
    rdns, helo = fields.rdns, fields.helo
    if rdns:
        if helo and helo != rdns:
            return f"{fields.ip} (rDNS {rdns}, HELO {helo})"
        return f"{fields.ip} (rDNS {rdns})"
    if helo:
        return f"{fields.ip} (HELO {helo})"
    return str(fields.ip)


@lru_cache(maxsize=8192)
def _helo_mismatch(helo: str, ip: str, rdns: str | None) -> bool:
    """The HELO is an IP literal other than the client's, or a name registered apart from the rDNS.

    Cached: a relay greets with the same name from the same address every time.
    """
    if _kind(ip) == "loopback":
        return False
    helo_ip = normalise_ip(helo) if (helo[0] == "[" or helo[-1].isdigit() or ":" in helo) else None
    if helo_ip is not None:
        return helo_ip != ip
    if rdns is None or normalise_ip(rdns) is not None:
        return False
    return registrable_part(helo) != registrable_part(rdns)


_LOCAL_NAMES = frozenset({"localhost", "localhost.localdomain", "localhost6"})


def _machine_label(name: str) -> str | None:
    """The first label of a name when it looks like one machine's own ("dm6pr11ca0029"), else None."""
    label = name.split(".", 1)[0]
    if len(label) >= 6 and any(map(str.isdigit, label)) and not label.isdigit():
        return label
    return None


def _same_host(by_host: str, above: ReceivedFields) -> bool | None:
    """Whether ``by_host`` names the client of the hop above: True, False, or None (cannot tell).

    Names match when equal, when they share a registrable part, when one is the unqualified form of
    the other ("phobos", "phobos.example.com"), or when they share a first label that names one machine
    ("dm6pr11ca0029.namprd11.prod.outlook.com", "dm6pr11ca0029.outlook.office365.com").
    """
    return _same_host_names(by_host, above.from_host, above.helo, above.rdns, above.ip)


@lru_cache(maxsize=8192)
def _same_host_names(
    by_host: str, from_host: str | None, helo: str | None, rdns: str | None, ip: str | None
) -> bool | None:
    """:func:`_same_host` on the names the hop above recorded. Cached: relays hand over to the same
    relays again and again."""
    by = by_host.lower().strip("[]").rstrip(".")
    if not by or by in _LOCAL_NAMES:
        return None
    by_ip = normalise_ip(by)
    if by_ip is not None:
        if ip is None:
            return None
        if by_ip == ip:
            return True
        if _kind(by_ip) != _PUBLIC or _kind(ip) != _PUBLIC or (":" in by_ip) != (":" in ip):
            return None  # NAT, or an inner address: the two need not agree
        return False
    names = [
        name.lower().rstrip(".")
        for name in (from_host, helo, rdns)
        if name
        and " " not in name
        and not name.isdigit()
        and name.lower() != "unknown"
        and normalise_ip(name) is None
    ]
    if not names:
        return None
    by_registrable = registrable_part(by)
    by_label = by.split(".", 1)[0]
    by_machine: str | None = ""  # worked out when first needed
    for name in names:
        if name in _LOCAL_NAMES:
            return None
        if name == by or registrable_part(name) == by_registrable:
            return True
        if ("." not in name or "." not in by) and name.split(".", 1)[0] == by_label:
            return True
        if by_machine == "":
            by_machine = _machine_label(by)
        if by_machine is not None and _machine_label(name) == by_machine:
            return True
    return False


# --- fallbacks ----------------------------------------------------------------------------------------

# Headers in which webmail systems record the address of the browser or client that submitted the
# message, in order of preference.
_WEBMAIL_HEADERS = (
    "x-originating-ip",
    "x-sender-ip",
    "x-aol-ip",
    "x-yahoo-post-ip",
    "x-apparently-from",
    "x-forwarded-for",
    "x-real-ip",
    "x-client-ip",
)
# An IPv4 or IPv6 address standing on its own: "[81.2.69.160]", "81.2.69.160, 10.0.0.1", "2001:db8::1"
_ADDRESS = re.compile(
    r"(?<![\w.:])((?:\d{1,3}\.){3}\d{1,3}|[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}(?:(?<=:)(?:\d{1,3}\.){3}\d{1,3})?)(?![\w.:])"
)


def _usable_ip(ip: str | None, trust: TrustConfig, provider: Provider | None) -> bool:
    """Whether a fallback IP may be named: public, and not a relay of the reporter or of its provider."""
    if ip is None or _kind(ip) != _PUBLIC or _trusted_network(trust, ip) is not None:
        return False
    return provider is None or all(owner is not provider for owner, _ in provider_networks_of(ip))


def _public_ip_in(value: str, trust: TrustConfig, provider: Provider | None) -> str | None:
    for match in _ADDRESS.finditer(value):
        ip = normalise_ip(match.group(1))
        if ip is not None and _usable_ip(ip, trust, provider):
            return ip
    return None


def _webmail_ip(
    headers: Sequence[tuple[str, str]], trust: TrustConfig, provider: Provider | None
) -> tuple[str, str] | None:
    """The first usable IP named by a webmail header, and the header's name as written."""
    found: dict[str, tuple[str, str]] = {}
    for name, value in headers:
        key = str(name).strip().lower()
        if key in _WEBMAIL_HEADERS and key not in found:
            ip = _public_ip_in(str(value), trust, provider)
            if ip is not None:
                found[key] = (ip, str(name).strip())
    for key in _WEBMAIL_HEADERS:
        if key in found:
            return found[key]
    return None


# --- the walk -----------------------------------------------------------------------------------------


class _Walk:
    """One walk: the hops as read, their flags, verdicts and reasons, the defects, and the outcome."""

    __slots__ = (
        "defects",
        "fields",
        "flags",
        "origin_index",
        "provider",
        "reasons",
        "stop_index",
        "stop_reason",
        "verdicts",
        "zone",
    )

    def __init__(self, fields: list[ReceivedFields]) -> None:
        self.fields = fields
        self.flags: list[list[str]] = [[] for _ in fields]
        self.verdicts: list[HopVerdict] = [HopVerdict.UNPARSED] * len(fields)
        self.reasons: list[str] = [""] * len(fields)
        self.defects: list[Defect] = []
        self.origin_index: int | None = None
        self.stop_index: int | None = None  # where the walk lost its anchor, if it did
        self.stop_reason = ""
        self.provider: Provider | None = None  # the recipient's provider, when a preset named it
        self.zone = len(fields)  # the first hop written by that provider's relays

    def provider_at(self, index: int) -> Provider | None:
        """The recipient's provider when hop ``index`` lies at or below the hop that named it."""
        return self.provider if index >= self.zone else None

    def judge(self, index: int, verdict: HopVerdict, reason: str) -> None:
        self.verdicts[index] = verdict
        self.reasons[index] = reason

    def hops(self, raws: Sequence[str]) -> tuple[Hop, ...]:
        if _SLOTS is None:  # Hop is not the dataclass _hop_slots knows: its own constructor
            return tuple(
                Hop(index, raws[index], *fields[:12], self.verdicts[index], self.reasons[index], tuple(flags))
                for index, (fields, flags) in enumerate(zip(self.fields, self.flags, strict=True))
            )
        (
            set_index,
            set_raw,
            set_dialect,
            set_from_host,
            set_helo,
            set_rdns,
            set_ip,
            set_by_host,
            set_id,
            set_for_address,
            set_protocol,
            set_tls,
            set_authenticated,
            set_timestamp,
            set_verdict,
            set_reason,
            set_flags,
        ) = _SLOTS
        verdicts, reasons, flags = self.verdicts, self.reasons, self.flags
        hops = []
        for index, fields in enumerate(self.fields):
            hop = _new_hop(Hop)
            set_index(hop, index)
            set_raw(hop, raws[index])
            set_dialect(hop, fields[0])
            set_from_host(hop, fields[1])
            set_helo(hop, fields[2])
            set_rdns(hop, fields[3])
            set_ip(hop, fields[4])
            set_by_host(hop, fields[5])
            set_id(hop, fields[6])
            set_for_address(hop, fields[7])
            set_protocol(hop, fields[8])
            set_tls(hop, fields[9])
            set_authenticated(hop, fields[10])
            set_timestamp(hop, fields[11])
            set_verdict(hop, verdicts[index])
            set_reason(hop, reasons[index])
            set_flags(hop, tuple(flags[index]))
            hops.append(hop)
        return tuple(hops)


# Building Hops fast. Hop is a frozen, slotted dataclass: its generated __init__ sets its 17 fields one
# by one through object.__setattr__, which costs more than reading the header did. The walk builds
# each Hop as that __init__ would, but through the slots' own setters: the same object (equal, same
# hash), in half the time. Only while Hop is exactly the dataclass this code knows (these fields, in this
# order, the first twelve after index and raw as in ReceivedFields, no __post_init__); else Hop(...).
_HOP_FIELDS = (
    "index",
    "raw",
    *ReceivedFields._fields[:12],
    "verdict",
    "reason",
    "flags",
)
_new_hop = object.__new__


def _hop_slots() -> tuple[Callable[[Hop, object], None], ...] | None:
    names = tuple(field.name for field in dataclasses.fields(Hop))
    if names != _HOP_FIELDS or hasattr(Hop, "__post_init__"):
        return None
    setters = tuple(getattr(Hop, name) for name in names)
    if not all(isinstance(setter, types.MemberDescriptorType) for setter in setters):
        return None
    return tuple(setter.__set__ for setter in setters)


_SLOTS = _hop_slots()


def _flag_hops(walk: _Walk, raws: Sequence[str]) -> None:
    """Flags that do not depend on trust: address kinds, HELO, time order, chain breaks."""
    previous_epoch: int | None = None
    previous_index = -1
    every_flags = walk.flags
    for index, fields in enumerate(walk.fields):
        flags = every_flags[index]
        if fields.dialect == UNPARSABLE:
            walk.defects.append(
                Defect("received.unparsable", "the Received header could not be read", f"Received[{index}]")
            )
            continue
        ip = fields.ip
        if ip is None:
            flags.append("no_ip")
        else:
            flags.extend(_FLAGS[_kind(ip)])
            if fields.helo is not None and _helo_mismatch(fields.helo, ip, fields.rdns):
                flags.append("helo_mismatch")
        if fields.may_be_forged:
            flags.append("may_be_forged")
        if fields.epoch is None:
            if ";" in raws[index]:
                walk.defects.append(
                    Defect(
                        "received.bad_date",
                        "the Received header's date could not be read",
                        f"Received[{index}]",
                    )
                )
        else:
            if previous_epoch is not None and fields.epoch - previous_epoch > TIME_TOLERANCE_SECONDS:
                flags.append("time_order")
                minutes = round((fields.epoch - previous_epoch) / 60)
                walk.defects.append(
                    Defect(
                        "received.time_order",
                        f"dated {minutes} minutes after Received[{previous_index}], which handled the message later",
                        f"Received[{index}]",
                    )
                )
            previous_epoch, previous_index = fields.epoch, index
        if index and _breaks_chain(fields, walk.fields[index - 1]):
            flags.append("chain_break")
            above = walk.fields[index - 1]
            walk.defects.append(
                Defect(
                    "received.chain_break",
                    f"written by {fields.by_host}, but Received[{index - 1}] received the message from "
                    f"{_describe_client(above) if above.ip else above.from_host}",
                    f"Received[{index}]",
                )
            )


def _breaks_chain(fields: ReceivedFields, above: ReceivedFields) -> bool:
    """Whether the host that wrote ``fields`` is plainly not the client of the hop above it.

    Not judged when either side is unknown, or when the client above is on loopback (the same machine
    under another name) or a hand-over inside one host.
    """
    if fields.by_host is None or above.dialect == UNPARSABLE or above.local or above.from_host is None:
        return False
    if above.ip is not None and _kind(above.ip) == "loopback":
        return False
    return _same_host(fields.by_host, above) is False


def _same_domain_hand_over(fields: ReceivedFields) -> bool:
    """No client IP, but the two names belong to one domain."""
    return (
        fields.from_host is not None
        and fields.by_host is not None
        and registrable_part(fields.from_host) == registrable_part(fields.by_host)
    )


def _inside(walk: _Walk, index: int) -> str:
    """ " (inside the recipient's provider Microsoft 365)" for a hop written by that provider's host."""
    provider = walk.provider_at(index)
    by_host = walk.fields[index].by_host
    if provider is None or by_host is None or provider_for_host(by_host) is not provider:
        return ""
    return f" (inside the recipient's provider {provider.name})"


def _pass_without_ip(walk: _Walk, index: int, internal: HopVerdict) -> bool:
    """Judge a hop that records no client IP; False when the walk cannot go past it."""
    fields = walk.fields[index]
    by = fields.by_host or "the receiving host"
    if fields.local:
        walk.judge(index, internal, f"no client IP: a hand-over inside {by}{_inside(walk, index)}")
        return True
    # Inside the recipient's provider, one domain says nothing: millions of its users share it.
    if _same_domain_hand_over(fields) and walk.provider_at(index) is None:
        walk.judge(
            index,
            internal,
            f"no client IP, but {fields.from_host} and {by} belong to one domain: an internal hand-over",
        )
        return True
    walk.stop_index = index
    walk.stop_reason = (
        f"Received[{index}] records no client IP for {fields.from_host} (by {by}): the walk cannot tell who "
        "handed the message over, so it stops there"
    )
    walk.judge(index, HopVerdict.UNVERIFIABLE, walk.stop_reason)
    walk.defects.append(Defect("received.no_client_ip", walk.stop_reason, f"Received[{index}]"))
    return False


def _pass_with_ip(walk: _Walk, index: int, client: str, trust: TrustConfig) -> bool:
    """Judge a hop by its client IP: True when the client is trusted or internal and the walk goes on.

    ``client`` describes the client (:func:`_describe_client`), worked out once by the caller.
    """
    fields = walk.fields[index]
    ip = str(fields.ip)
    kind = _kind(ip)
    if trust.trusted_networks:
        network = _trusted_network(trust, ip)
        if network is not None:
            walk.judge(index, HopVerdict.TRUSTED, f"client {client} is in trusted network {network}")
            return True
        if kind in _SAME_LINK_KINDS:
            walk.judge(index, HopVerdict.TRUSTED, f"client {client} is {_WORDS[kind]}: always trusted")
            return True
        return False
    provider = walk.provider if index >= walk.zone else None
    if kind != _PUBLIC:
        reason = f"client {client} is {_WORDS[kind]}: treated as an internal relay"
        if provider is not None:
            reason += _inside(walk, index)
        if kind == "reserved":
            reason += "; a bogon never reaches the Internet, so this header may be forged"
        walk.judge(index, HopVerdict.INTERNAL, reason)
        return True
    if provider is not None:
        by_host = fields.by_host
        if by_host is not None and provider_for_host(by_host) is provider:
            for owner, cidr in provider_networks_of(ip):
                if owner is provider:
                    walk.judge(
                        index,
                        HopVerdict.TRUSTED,
                        f"client {client} is a relay of the recipient's provider {provider.name} ({cidr}), "
                        f"received by {by_host}",
                    )
                    return True
        return False  # outside the recipient's provider, even when authenticated: that client is the sender
    by = fields.by_host or "the receiving host"
    if _is_webmail(fields):
        walk.judge(
            index,
            HopVerdict.INTERNAL,
            f"client {client} submitted by {fields.protocol} (webmail) to {by}: a user's submission, treated as internal",
        )
        return True
    if fields.authenticated:
        walk.judge(
            index,
            HopVerdict.INTERNAL,
            f"client {client} authenticated ({fields.protocol or 'SMTP AUTH'}) to {by}: a user's submission, "
            "treated as internal",
        )
        return True
    return False


def _judge_hops(walk: _Walk, trust: TrustConfig) -> None:
    """Walk from the top: trusted and internal hops, then the origin, then the unverifiable rest.

    Without trusted networks, the walk also looks for the recipient's provider as it goes: the ``by``
    host of the topmost hop names it, or of a hop below hops that only the inference passes (private,
    loopback or reserved clients, hand-overs without a client IP). A public client, or a hop the walk
    cannot pass, ends the search: the message reached the reporter through someone else. From the hop
    that named it (``walk.zone``) down, that provider's relays are trusted.
    """
    configured = bool(trust.trusted_networks)
    internal = HopVerdict.TRUSTED if configured else HopVerdict.INTERNAL
    # Whether the recipient's provider may still be found, before each hop is judged.
    searching = not configured and trust.presets != ()
    allowed = trust.presets
    every_flags = walk.flags
    # Set when a header's writer is plainly not the client of the hop above it: from there on no header is
    # tied to the relays we trust, so no client below can be named.
    broken_at: int | None = None
    for index, fields in enumerate(walk.fields):
        if fields.dialect == UNPARSABLE:
            walk.reasons[index] = "could not be read; skipped, as SpamAssassin does"
            continue
        ip = fields.ip
        if searching:
            if fields.by_host is not None and (provider := provider_for_host(fields.by_host)) is not None:
                searching = False
                if allowed is None or provider.key in allowed:
                    walk.provider, walk.zone = provider, index
            elif ip is not None and _kind(ip) == _PUBLIC:
                searching = False
        if broken_at is None and "chain_break" in every_flags[index]:
            broken_at = index
        if ip is None:
            if _pass_without_ip(walk, index, internal):
                continue
            break
        kind = _kind(ip)
        client = _describe_client(fields)
        if _pass_with_ip(walk, index, client, trust):
            continue
        # The first client we cannot vouch for.
        if broken_at is not None:
            above = walk.fields[broken_at - 1]
            walk.stop_reason = (
                f"Received[{broken_at}] says it was written by {walk.fields[broken_at].by_host}, but the hop above "
                f"received the message from {above.rdns or above.helo or above.from_host}: the chain breaks above "
                f"the first untrusted client {ip}, which therefore cannot be named as the origin"
            )
        elif kind != _PUBLIC:  # only when configured: inferred walks pass every non-public client
            walk.stop_reason = (
                f"client {client} is not in trusted networks {trust._text} but is {_WORDS[kind]}: it cannot be the "
                "origin; the trusted networks probably miss one of the reporter's relays"
            )
        if walk.stop_reason:
            walk.stop_index = index
            walk.judge(index, HopVerdict.UNVERIFIABLE, walk.stop_reason)
            break
        walk.origin_index = index
        provider = walk.provider if index >= walk.zone else None
        if configured:
            reason = f"client {client} not in trusted networks {trust._text}: first untrusted relay, origin"
        elif provider is not None:
            reason = _outside_provider_reason(fields, client, provider)
        else:
            reason = (
                f"client {client} is the first public, unauthenticated client: origin (inferred, no trusted "
                "networks configured)"
            )
        walk.judge(index, HopVerdict.ORIGIN, reason)
        break

    last = walk.origin_index if walk.origin_index is not None else walk.stop_index
    if last is None:
        return
    verdicts, reasons = walk.verdicts, walk.reasons
    lost = f"below Received[{last}], where the walk lost its anchor: cannot be verified"
    for index in range(last + 1, len(walk.fields)):
        fields = walk.fields[index]
        if fields.dialect == UNPARSABLE:
            reasons[index] = "could not be read"
            continue
        verdicts[index] = HopVerdict.UNVERIFIABLE
        if walk.origin_index is not None:
            reasons[index] = (
                f"below the origin: written by {fields.by_host or 'an untrusted host'}, which no trusted relay "
                "vouches for; may be forged"
            )
        else:
            reasons[index] = lost


def _outside_provider_reason(fields: ReceivedFields, client: str, provider: Provider) -> str:
    """Why the first client outside the recipient's provider is the origin, naming who it is."""
    by = fields.by_host or "the receiving host"
    own = other = None
    for owner, cidr in provider_networks_of(str(fields.ip)):
        if owner is provider:
            own = cidr
        elif other is None:
            other = (owner, cidr)
    if own is not None:
        return (
            f"client {client} is in {provider.name}'s network {own}, but {by}, which recorded it, is not one "
            f"of its hosts: the first relay the recipient's provider {provider.name} does not vouch for, origin"
        )
    if other is not None:
        return (
            f"client {client} is a relay of {other[0].name} ({other[1]}), which handed the message to the "
            f"recipient's provider {provider.name}: the first relay outside it, origin"
        )
    if _is_webmail(fields) or fields.authenticated:
        return (
            f"client {client} submitted the message to {by} ({fields.protocol or 'SMTP AUTH'}, a user's "
            f"submission): the sender's own client, the first outside the recipient's provider {provider.name}, "
            "origin"
        )
    return (
        f"client {client} is not a relay of the recipient's provider {provider.name}: the first relay outside "
        "it, origin"
    )


def _no_origin_reason(walk: _Walk, configured: bool) -> str:
    if walk.stop_reason:
        return walk.stop_reason
    if not walk.fields:
        return "no Received headers"
    if all(fields.dialect == UNPARSABLE for fields in walk.fields):
        return "no Received header could be read"
    if configured:
        return "every client recorded is inside the trusted networks"
    if walk.provider is not None:
        return (
            f"every client recorded is internal or a relay of the recipient's provider {walk.provider.name}: "
            "the message never left it, so the sender is one of its users, whom only the provider can name"
        )
    bogons = [fields.ip for fields in walk.fields if fields.ip is not None and _kind(fields.ip) == "reserved"]
    if bogons:
        return f"no public client IP in the Received headers; {', '.join(bogons)}: bogon, never an origin"
    return "no public client IP in the Received headers: the message never left internal relays"


def _webmail_submission(fields: list[ReceivedFields], origin_index: int) -> int | None:
    """The hop showing a web submission to the origin relay, when the origin relay is a webmail system.

    The hop right below the origin must be written by a host of the origin relay's own domain, as its
    reverse-DNS name (recorded by a trusted relay, not claimed by the sender) shows; then only hand-overs
    inside one host may lead down to a ``with HTTP``/``via HTTP`` hop. Yahoo::

        from web21506.mail.yahoo.com (web21506.mail.yahoo.com [66.163.169.17]) by mx.example.org ...
        from [64.86.155.135] by web21506.mail.yahoo.com via HTTP; ...
    """
    origin = fields[origin_index]
    if origin.rdns is None or origin_index + 1 >= len(fields):
        return None
    below = fields[origin_index + 1]
    if below.by_host is None or registrable_part(below.by_host) != registrable_part(origin.rdns):
        return None
    for index in range(origin_index + 1, len(fields)):
        if _is_webmail(fields[index]):
            return index
        if not fields[index].local:
            return None
    return None


def walk_origin(
    received: Sequence[str],
    *,
    trust: TrustConfig,
    ip_country: Callable[[str], str | None],
    fallback_headers: Sequence[tuple[str, str]] = (),
    arf_source_ip: str | None = None,
) -> tuple[Origin, tuple[Defect, ...]]:
    """Walk the Received headers (topmost first, as they appear) and name the origin, with reasons.

    ``fallback_headers`` are the message's headers as (name, value) pairs; only webmail headers
    (``X-Originating-IP`` and kin) are read from them, and only when the walk found no origin or found
    a webmail system as the origin. ``arf_source_ip`` is the Source-IP of an ARF report about the
    message, the last resort. ``ip_country`` maps an IP to a country code. Never raises on any text.
    """
    raws = [raw if isinstance(raw, str) else str(raw) for raw in received]
    walk = _Walk([read_received(raw) for raw in raws])
    _flag_hops(walk, raws)
    _judge_hops(walk, trust)
    if walk.origin_index is not None:
        answer = _anchored_answer(walk, trust, fallback_headers)
    else:
        answer = _fallback_answer(walk, trust, fallback_headers, arf_source_ip)
    if walk.provider is not None:
        anchors: tuple[str, ...] = (f"preset:{walk.provider.key}", INFERRED_ANCHOR)
    else:
        anchors = trust.anchors()
    origin = Origin(
        ip=answer.ip,
        country=ip_country(answer.ip) if answer.ip is not None else None,
        method=answer.method,
        confidence=answer.confidence,
        anchored=answer.anchored,
        reason=answer.reason,
        hops=walk.hops(raws),
        trust_anchors=(*anchors, answer.fallback) if answer.fallback else anchors,
    )
    return origin, tuple(walk.defects)


class _Answer(NamedTuple):
    ip: str | None
    method: OriginMethod
    confidence: float
    anchored: bool
    reason: str
    fallback: str = ""  # the fallback used, as recorded in the trust anchors: "fallback:X-Originating-IP"


def _anchored_answer(walk: _Walk, trust: TrustConfig, headers: Sequence[tuple[str, str]]) -> _Answer:
    """The walk's origin, or the webmail header that names the client of a webmail origin relay."""
    index = walk.origin_index
    assert index is not None
    relay = walk.fields[index]
    ip = str(relay.ip)
    reason = f"origin {ip}: {walk.reasons[index]} (Received[{index}], by {relay.by_host})"
    submission = _webmail_submission(walk.fields, index)
    if submission is not None:
        web = walk.fields[submission]
        webmail = _webmail_ip(headers, trust, walk.provider)
        if webmail is None:
            reason += (
                f"; it is a webmail system (Received[{submission}]: {web.protocol}), but no X-Originating-IP "
                "or kin names its client"
            )
        elif webmail[0] != ip:
            webmail_ip, header = webmail
            reason = (
                f"the origin relay {ip} ({relay.rdns}) is a webmail system: Received[{submission}] shows the "
                f"message submitted by {web.protocol} to {web.by_host}; {header} names its client {webmail_ip}"
            )
            confidence = WEBMAIL_CONFIDENCE
            if web.ip is not None and web.ip != webmail_ip:
                reason += f", though Received[{submission}] records {web.ip}"
                confidence = DISAGREEING_WEBMAIL_CONFIDENCE
            elif web.ip is not None:
                reason += f", as Received[{submission}] records"
            return _Answer(
                webmail_ip, OriginMethod.WEBMAIL_HEADER, confidence, True, reason, f"fallback:{header}"
            )
    if trust.trusted_networks:
        confidence = ANCHORED_CONFIDENCE
    elif walk.provider is not None:
        confidence = PRESET_CONFIDENCE
    else:
        confidence = INFERRED_CONFIDENCE
    return _Answer(ip, OriginMethod.RECEIVED_WALK, confidence, True, reason)


def _fallback_answer(
    walk: _Walk, trust: TrustConfig, headers: Sequence[tuple[str, str]], arf_source_ip: str | None
) -> _Answer:
    """No origin from the walk: a webmail header, then the ARF Source-IP, else nothing, and why."""
    why = f"no origin from the Received headers: {_no_origin_reason(walk, bool(trust.trusted_networks))}"
    webmail = _webmail_ip(headers, trust, walk.provider)
    if webmail is not None:
        webmail_ip, header = webmail
        reason = f"{why}; {header} names {webmail_ip}, which no trusted relay confirms"
        return _Answer(
            webmail_ip,
            OriginMethod.WEBMAIL_HEADER,
            UNANCHORED_WEBMAIL_CONFIDENCE,
            False,
            reason,
            f"fallback:{header}",
        )
    source_ip = normalise_ip(arf_source_ip) if isinstance(arf_source_ip, str) else None
    if source_ip is not None and _usable_ip(source_ip, trust, walk.provider):
        reason = f"{why}; the ARF report's Source-IP names {source_ip}"
        return _Answer(
            source_ip, OriginMethod.ARF_SOURCE_IP, ARF_CONFIDENCE, False, reason, "fallback:arf-source-ip"
        )
    return _Answer(None, OriginMethod.NONE, 0.0, False, why)
