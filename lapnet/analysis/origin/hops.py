"""What one hop says about its neighbours (HELO, same host, webmail), and the header fallbacks used
when the walk finds no origin."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Final

from lapnet.analysis.origin.trust import _PUBLIC, TrustConfig, _kind, _trusted_network
from lapnet.analysis.providers import Provider, provider_networks_of
from lapnet.analysis.received import (
    ReceivedFields,
    normalise_ip,
    registrable_part,
)

# --- reading one hop ----------------------------------------------------------------------------------


def _is_webmail(fields: ReceivedFields) -> bool:
    return fields.protocol is not None and fields.protocol.startswith("HTTP")


_SAME_LINK_KINDS: Final = frozenset({"loopback", "link_local"})
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


_LOCAL_NAMES: Final = frozenset({"localhost", "localhost.localdomain", "localhost6"})


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
_WEBMAIL_HEADERS: Final = (
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
_ADDRESS: Final = re.compile(
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
