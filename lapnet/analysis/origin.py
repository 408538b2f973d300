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

The walk never names an IP from a chain it cannot anchor. When a hop above the candidate records no
client IP and is no hand-over inside one host, when a header above or at the candidate was plainly not
written by the client of the hop above it (``chain_break``), or when the first untrusted client is
private or a bogon, ``Origin.anchored`` is False and ``Origin.ip`` stays None unless a fallback
applies: webmail headers (``X-Originating-IP`` and kin), then the Source-IP of an ARF report. A
webmail header also replaces an anchored origin that is itself a webmail system (the hop below it is
a web submission written by the origin relay's own domain). ``Origin.trust_anchors`` records the rules,
networks and fallback used, so that another agency can rebuild the same :class:`TrustConfig` with
:meth:`TrustConfig.from_anchors` and get the same answer.

Flags on each hop: ``private``, ``loopback``, ``link_local``, ``cgnat``, ``bogon`` and ``reserved``
for the client address; ``no_ip``; ``helo_mismatch`` (the HELO is another IP literal, or a name in
another registered domain than the rDNS name); ``time_order`` (dated more than 15 minutes after the
hop above it, which handled the message later); ``chain_break``; ``may_be_forged`` (Sendmail's own
remark). Defects: ``received.unparsable``, ``received.bad_date``, ``received.time_order``,
``received.chain_break``, ``received.no_client_ip``.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from ipaddress import IPv4Network, IPv6Address, IPv6Network
from typing import NamedTuple

from lapnet.analysis.received import UNPARSABLE, ReceivedFields, normalise_ip, read_received, registrable_part
from lapnet.analysis.types import Defect, Hop, HopVerdict, Origin, OriginMethod

__all__ = [
    "ANCHORED_CONFIDENCE",
    "ARF_CONFIDENCE",
    "DISAGREEING_WEBMAIL_CONFIDENCE",
    "INFERRED_ANCHOR",
    "INFERRED_CONFIDENCE",
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
    side (their MX, filters, mailbox servers). When empty, the walk infers the boundary conservatively.
    Loopback and link-local clients are always trusted.
    """

    trusted_networks: tuple[IPv4Network | IPv6Network, ...] = ()
    # Worked out once: the networks as (version, first address, mask, network) integers for matching,
    # and as text for reasons and anchors.
    _ranges: tuple[tuple[int, int, int, IPv4Network | IPv6Network], ...] = field(
        init=False, repr=False, compare=False, hash=False, default=()
    )
    _text: str = field(init=False, repr=False, compare=False, hash=False, default="")
    _anchors: tuple[str, ...] = field(init=False, repr=False, compare=False, hash=False, default=())

    def __post_init__(self) -> None:
        ranges = tuple(
            (network.version, int(network.network_address), int(network.netmask), network)
            for network in self.trusted_networks
        )
        names = [str(network) for network in self.trusted_networks]
        object.__setattr__(self, "_ranges", ranges)
        object.__setattr__(self, "_text", ", ".join(names))
        object.__setattr__(
            self, "_anchors", tuple(f"trusted:{name}" for name in names) if names else (INFERRED_ANCHOR,)
        )

    @classmethod
    def parse(cls, networks: Iterable[str]) -> TrustConfig:
        """A configuration from CIDR strings such as ``"192.0.2.0/24"``; raises ValueError on a bad one."""
        return cls(tuple(ipaddress.ip_network(network.strip(), strict=False) for network in networks))

    @classmethod
    def from_anchors(cls, anchors: Iterable[str]) -> TrustConfig:
        """The configuration an ``Origin.trust_anchors`` tuple records, to re-run the same walk."""
        return cls.parse(
            anchor.removeprefix("trusted:") for anchor in anchors if anchor.startswith("trusted:")
        )

    def anchors(self) -> tuple[str, ...]:
        """What ``Origin.trust_anchors`` records of this configuration (before any fallback)."""
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
    if len(octets) != 4 or not all(octet.isdigit() for octet in octets):
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
    if ":" not in ip:
        octets = ip.split(".")
        if len(octets) == 4 and all(octet.isdigit() for octet in octets):
            return 4, (int(octets[0]) << 24) | (int(octets[1]) << 16) | (int(octets[2]) << 8) | int(octets[3])
        return 0, 0
    try:
        return 6, int(IPv6Address(ip))
    except ValueError:
        return 0, 0


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
    names = []
    if fields.rdns:
        names.append(f"rDNS {fields.rdns}")
    if fields.helo and fields.helo != fields.rdns:
        names.append(f"HELO {fields.helo}")
    if not names:
        return str(fields.ip)
    return f"{fields.ip} ({', '.join(names)})"


def _helo_mismatch(fields: ReceivedFields, kind: str) -> bool:
    """The HELO is an IP literal other than the client's, or a name registered apart from the rDNS."""
    helo = fields.helo
    if helo is None or fields.ip is None or kind == "loopback":
        return False
    helo_ip = normalise_ip(helo) if (helo[0] == "[" or helo[-1].isdigit() or ":" in helo) else None
    if helo_ip is not None:
        return helo_ip != fields.ip
    if fields.rdns is None or normalise_ip(fields.rdns) is not None:
        return False
    return registrable_part(helo) != registrable_part(fields.rdns)


_LOCAL_NAMES = frozenset({"localhost", "localhost.localdomain", "localhost6"})


def _machine_label(name: str) -> str | None:
    """The first label of a name when it looks like one machine's own ("dm6pr11ca0029"), else None."""
    label = name.split(".", 1)[0]
    if len(label) >= 6 and any(character.isdigit() for character in label) and not label.isdigit():
        return label
    return None


def _same_host(by_host: str, above: ReceivedFields) -> bool | None:
    """Whether ``by_host`` names the client of the hop above: True, False, or None (cannot tell).

    Names match when equal, when they share a registrable part, when one is the unqualified form of
    the other ("phobos", "phobos.example.com"), or when they share a first label that names one machine
    ("dm6pr11ca0029.namprd11.prod.outlook.com", "dm6pr11ca0029.outlook.office365.com").
    """
    by = by_host.lower().strip("[]").rstrip(".")
    if not by or by in _LOCAL_NAMES:
        return None
    by_ip = normalise_ip(by)
    if by_ip is not None:
        if above.ip is None:
            return None
        if by_ip == above.ip:
            return True
        if _kind(by_ip) != _PUBLIC or _kind(above.ip) != _PUBLIC or (":" in by_ip) != (":" in above.ip):
            return None  # NAT, or an inner address: the two need not agree
        return False
    names = [
        name.lower().rstrip(".")
        for name in (above.from_host, above.helo, above.rdns)
        if name
        and " " not in name
        and not name.isdigit()
        and name.lower() != "unknown"
        and normalise_ip(name) is None
    ]
    if not names:
        return None
    by_label = by.split(".", 1)[0]
    by_machine = _machine_label(by)
    for name in names:
        if name in _LOCAL_NAMES:
            return None
        if name == by or registrable_part(name) == registrable_part(by):
            return True
        if ("." not in name or "." not in by) and name.split(".", 1)[0] == by_label:
            return True
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


def _usable_ip(ip: str | None, trust: TrustConfig) -> bool:
    """Whether a fallback IP may be named: public, and not one of the reporter's trusted relays."""
    return ip is not None and _kind(ip) == _PUBLIC and _trusted_network(trust, ip) is None


def _public_ip_in(value: str, trust: TrustConfig) -> str | None:
    for match in _ADDRESS.finditer(value):
        ip = normalise_ip(match.group(1))
        if ip is not None and _usable_ip(ip, trust):
            return ip
    return None


def _webmail_ip(headers: Sequence[tuple[str, str]], trust: TrustConfig) -> tuple[str, str] | None:
    """The first usable IP named by a webmail header, and the header's name as written."""
    found: dict[str, tuple[str, str]] = {}
    for name, value in headers:
        key = str(name).strip().lower()
        if key in _WEBMAIL_HEADERS and key not in found:
            ip = _public_ip_in(str(value), trust)
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
        "reasons",
        "stop_index",
        "stop_reason",
        "verdicts",
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

    def judge(self, index: int, verdict: HopVerdict, reason: str) -> None:
        self.verdicts[index] = verdict
        self.reasons[index] = reason

    def hops(self, raws: Sequence[str]) -> tuple[Hop, ...]:
        return tuple(
            Hop(
                index=index,
                raw=raws[index],
                dialect=fields.dialect,
                from_host=fields.from_host,
                helo=fields.helo,
                rdns=fields.rdns,
                ip=fields.ip,
                by_host=fields.by_host,
                id=fields.id,
                for_address=fields.for_address,
                protocol=fields.protocol,
                tls=fields.tls,
                authenticated=fields.authenticated,
                timestamp=fields.timestamp,
                verdict=self.verdicts[index],
                reason=self.reasons[index],
                flags=tuple(self.flags[index]),
            )
            for index, fields in enumerate(self.fields)
        )


def _flag_hops(walk: _Walk, raws: Sequence[str]) -> None:
    """Flags that do not depend on trust: address kinds, HELO, time order, chain breaks."""
    previous_epoch: int | None = None
    previous_index = -1
    for index, fields in enumerate(walk.fields):
        flags = walk.flags[index]
        if fields.dialect == UNPARSABLE:
            walk.defects.append(
                Defect("received.unparsable", "the Received header could not be read", f"Received[{index}]")
            )
            continue
        if fields.ip is None:
            flags.append("no_ip")
        else:
            kind = _kind(fields.ip)
            flags.extend(_FLAGS[kind])
            if _helo_mismatch(fields, kind):
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


def _pass_without_ip(walk: _Walk, index: int, internal: HopVerdict) -> bool:
    """Judge a hop that records no client IP; False when the walk cannot go past it."""
    fields = walk.fields[index]
    by = fields.by_host or "the receiving host"
    if fields.local:
        walk.judge(index, internal, f"no client IP: a hand-over inside {by}")
        return True
    if (
        fields.from_host is not None
        and fields.by_host is not None
        and registrable_part(fields.from_host) == registrable_part(fields.by_host)
    ):
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


def _pass_with_ip(walk: _Walk, index: int, trust: TrustConfig) -> bool:
    """Judge a hop by its client IP: True when the client is trusted or internal and the walk goes on."""
    fields = walk.fields[index]
    ip = str(fields.ip)
    kind = _kind(ip)
    client = _describe_client(fields)
    if trust.trusted_networks:
        network = _trusted_network(trust, ip)
        if network is not None:
            walk.judge(index, HopVerdict.TRUSTED, f"client {client} is in trusted network {network}")
            return True
        if kind in _SAME_LINK_KINDS:
            walk.judge(index, HopVerdict.TRUSTED, f"client {client} is {_WORDS[kind]}: always trusted")
            return True
        return False
    if kind != _PUBLIC:
        reason = f"client {client} is {_WORDS[kind]}: treated as an internal relay"
        if kind == "reserved":
            reason += "; a bogon never reaches the Internet, so this header may be forged"
        walk.judge(index, HopVerdict.INTERNAL, reason)
        return True
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
    """Walk from the top: trusted and internal hops, then the origin, then the unverifiable rest."""
    configured = bool(trust.trusted_networks)
    internal = HopVerdict.TRUSTED if configured else HopVerdict.INTERNAL
    # Set when a header's writer is plainly not the client of the hop above it: from there on no header is
    # tied to the relays we trust, so no client below can be named.
    broken_at: int | None = None
    for index, fields in enumerate(walk.fields):
        if fields.dialect == UNPARSABLE:
            walk.reasons[index] = "could not be read; skipped, as SpamAssassin does"
            continue
        if broken_at is None and "chain_break" in walk.flags[index]:
            broken_at = index
        if fields.ip is None:
            if _pass_without_ip(walk, index, internal):
                continue
            break
        if _pass_with_ip(walk, index, trust):
            continue
        # The first client we cannot vouch for.
        ip = fields.ip
        kind = _kind(ip)
        client = _describe_client(fields)
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
        if configured:
            reason = f"client {client} not in trusted networks {trust._text}: first untrusted relay, origin"
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
    for index in range(last + 1, len(walk.fields)):
        fields = walk.fields[index]
        if fields.dialect == UNPARSABLE:
            walk.reasons[index] = "could not be read"
        elif walk.origin_index is not None:
            walk.judge(
                index,
                HopVerdict.UNVERIFIABLE,
                f"below the origin: written by {fields.by_host or 'an untrusted host'}, which no trusted relay "
                "vouches for; may be forged",
            )
        else:
            walk.judge(
                index,
                HopVerdict.UNVERIFIABLE,
                f"below Received[{last}], where the walk lost its anchor: cannot be verified",
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
    origin = Origin(
        ip=answer.ip,
        country=ip_country(answer.ip) if answer.ip is not None else None,
        method=answer.method,
        confidence=answer.confidence,
        anchored=answer.anchored,
        reason=answer.reason,
        hops=walk.hops(raws),
        trust_anchors=(*trust.anchors(), answer.fallback) if answer.fallback else trust.anchors(),
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
        webmail = _webmail_ip(headers, trust)
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
    confidence = ANCHORED_CONFIDENCE if trust.trusted_networks else INFERRED_CONFIDENCE
    return _Answer(ip, OriginMethod.RECEIVED_WALK, confidence, True, reason)


def _fallback_answer(
    walk: _Walk, trust: TrustConfig, headers: Sequence[tuple[str, str]], arf_source_ip: str | None
) -> _Answer:
    """No origin from the walk: a webmail header, then the ARF Source-IP, else nothing, and why."""
    why = f"no origin from the Received headers: {_no_origin_reason(walk, bool(trust.trusted_networks))}"
    webmail = _webmail_ip(headers, trust)
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
    if source_ip is not None and _usable_ip(source_ip, trust):
        reason = f"{why}; the ARF report's Source-IP names {source_ip}"
        return _Answer(
            source_ip, OriginMethod.ARF_SOURCE_IP, ARF_CONFIDENCE, False, reason, "fallback:arf-source-ip"
        )
    return _Answer(None, OriginMethod.NONE, 0.0, False, why)
