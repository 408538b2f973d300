"""The walk: hops read bottom-up from the trusted boundary, judged, and the origin chosen."""

from __future__ import annotations

import dataclasses
import types
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Final

from mypy_extensions import mypyc_attr

from lapnet.analysis.origin.hops import (
    _SAME_LINK_KINDS,
    _describe_client,
    _helo_mismatch,
    _is_webmail,
    _same_host,
    _usable_ip,
    _webmail_ip,
)
from lapnet.analysis.origin.trust import (
    _FLAGS,
    _PUBLIC,
    _WORDS,
    ANCHORED_CONFIDENCE,
    ARF_CONFIDENCE,
    DISAGREEING_WEBMAIL_CONFIDENCE,
    INFERRED_ANCHOR,
    INFERRED_CONFIDENCE,
    PRESET_CONFIDENCE,
    TIME_TOLERANCE_SECONDS,
    UNANCHORED_WEBMAIL_CONFIDENCE,
    WEBMAIL_CONFIDENCE,
    TrustConfig,
    _kind,
    _trusted_network,
)
from lapnet.analysis.providers import Provider, provider_for_host, provider_networks_of
from lapnet.analysis.received import (
    UNPARSABLE,
    ReceivedFields,
    normalise_ip,
    read_received,
    registrable_part,
)
from lapnet.analysis.types import Defect, Hop, HopVerdict, Origin, OriginMethod

# --- the walk -----------------------------------------------------------------------------------------


class _Walk:
    """One walk: the hops as read, their flags, verdicts and reasons, the defects, and the outcome."""

    __slots__ = (
        "defects",
        "fields",
        "flags",
        "kinds",
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
        # Each client IP's kind (public, private...; None without an IP), looked up once: flags, chain
        # breaks, the search for the provider and the judgement all ask for it.
        self.kinds: list[str | None] = [None if hop.ip is None else _kind(hop.ip) for hop in fields]
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
        if _SLOTS is None:
            # Hop is not the dataclass _hop_slots knows: its own constructor. Compiled, Hop is a native
            # class with its own __init__, which the arguments written out one by one reach directly (a
            # call with *fields[:12] would slice the fields and go through Python's argument parsing).
            verdicts, reasons, flags = self.verdicts, self.reasons, self.flags
            return tuple(
                [
                    Hop(
                        index,
                        raws[index],
                        fields[0],
                        fields[1],
                        fields[2],
                        fields[3],
                        fields[4],
                        fields[5],
                        fields[6],
                        fields[7],
                        fields[8],
                        fields[9],
                        fields[10],
                        fields[11],
                        verdicts[index],
                        reasons[index],
                        tuple(flags[index]),
                    )
                    for index, fields in enumerate(self.fields)
                ]
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
_HOP_FIELDS: Final = (
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


_SLOTS: Final = _hop_slots()


def _flag_hops(walk: _Walk, raws: Sequence[str]) -> None:
    """Flags that do not depend on trust: address kinds, HELO, time order, chain breaks."""
    previous_epoch: int | None = None
    previous_index = -1
    every_flags, kinds = walk.flags, walk.kinds
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
            flags.extend(_FLAGS[str(kinds[index])])
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
        if index and _breaks_chain(fields, walk.fields[index - 1], kinds[index - 1]):
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


def _breaks_chain(fields: ReceivedFields, above: ReceivedFields, above_kind: str | None) -> bool:
    """Whether the host that wrote ``fields`` is plainly not the client of the hop above it.

    Not judged when either side is unknown, or when the client above (of kind ``above_kind``) is on
    loopback (the same machine under another name) or a hand-over inside one host.
    """
    if fields.by_host is None or above.dialect == UNPARSABLE or above.local or above.from_host is None:
        return False
    if above_kind == "loopback":
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
    kind = str(walk.kinds[index])
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
            elif walk.kinds[index] == _PUBLIC:
                searching = False
        if broken_at is None and "chain_break" in every_flags[index]:
            broken_at = index
        if ip is None:
            if _pass_without_ip(walk, index, internal):
                continue
            break
        kind = str(walk.kinds[index])
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
    bogons = [
        str(fields.ip) for fields, kind in zip(walk.fields, walk.kinds, strict=True) if kind == "reserved"
    ]
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


@mypyc_attr(acyclic=True)
@dataclass(frozen=True, slots=True)
class _Answer:
    ip: str | None
    method: OriginMethod
    confidence: float
    anchored: bool
    reason: str
    fallback: str = ""  # the fallback used, as recorded in the trust anchors: "fallback:X-Originating-IP"

    def __init__(  # noqa: PLR0917 - the fields, positional as in the generated __init__
        self,
        ip: str | None,
        method: OriginMethod,
        confidence: float,
        anchored: bool,
        reason: str,
        fallback: str = "",
    ) -> None:
        # written out so that mypyc compiles it: see the note in lapnet.analysis.types
        object.__setattr__(self, "ip", ip)
        object.__setattr__(self, "method", method)
        object.__setattr__(self, "confidence", confidence)
        object.__setattr__(self, "anchored", anchored)
        object.__setattr__(self, "reason", reason)
        object.__setattr__(self, "fallback", fallback)


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
