"""IP address literals: found in text, validated and normalised with :mod:`ipaddress`.

Text yields only globally routable addresses: a private, loopback, link-local, documentation or
otherwise reserved address in a message body (``192.168.1.1``, ``127.0.0.1``) names no one outside
the sender's own network, and version strings look the same. Structured sources (a report's source
IP, a URL host, the origin walk) keep every valid address, with its ``scope`` recorded.
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Final

from mypy_extensions import mypyc_attr

from lapnet.analysis.indicators.budget import Budget

# A dotted quad standing alone: not inside a longer dotted run (1.2.3.4.5), a version (v1.2.3.4) or
# a word. Bounded repeats only, and a start anchored by the look-behind: linear in the input.
_IPV4_IN_TEXT: Final = re.compile(r"(?<![\w.-])(?:\d{1,3}\.){3}\d{1,3}(?![\w-]|\.\d)")
# The scan starts from a literal-led anchor (".1.2.3" after the first octet), found by fast search.
_IPV4_ANCHOR: Final = re.compile(r"\.\d{1,3}\.\d{1,3}\.\d")
_IPV6_ANCHOR: Final = re.compile(r"::|:[0-9A-Fa-f]{1,4}:[0-9A-Fa-f]{1,4}:")
_HEX_OR_COLON: Final = frozenset("0123456789abcdefABCDEF:")
# A run of hex digits and colons (with an optional dotted tail, ::ffff:1.2.3.4) that may be IPv6;
# ipaddress decides. The look-behind keeps C++ ``std::map`` and times (``10:30``) out early.
_IPV6_IN_TEXT: Final = re.compile(
    r"(?<![\w:.])[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}+(?:\.\d{1,3}){0,3}(?![\w:])"
)
_HEX_OR_DIGITS: Final = re.compile(r"(?:0[xX][0-9A-Fa-f]*|\d+)")


@mypyc_attr(acyclic=True)
@dataclass(frozen=True, slots=True)
class IpInfo:
    value: str
    version: int
    scope: str  # global, private, loopback, link_local, multicast, reserved, unspecified, shared

    def __init__(self, value: str, version: int, scope: str) -> None:
        # written out so that mypyc compiles it: see the note in lapnet.analysis.types
        object.__setattr__(self, "value", value)
        object.__setattr__(self, "version", version)
        object.__setattr__(self, "scope", scope)

    def attributes(self) -> list[tuple[str, str]]:
        return [("version", str(self.version)), ("scope", self.scope)]


@lru_cache(maxsize=4096)
def normalise_ip(text: str) -> IpInfo | None:
    """Validate an IPv4 or IPv6 literal (brackets and an IPv6 zone allowed); None when it is not one.

    IPv6 is written compressed; an IPv4-mapped IPv6 address becomes the IPv4 address it carries.
    """
    candidate = text.strip()
    if candidate.startswith("[") and candidate.endswith("]"):
        candidate = candidate[1:-1]
    candidate = candidate.split("%", 1)[0]  # IPv6 zone (fe80::1%eth0): local meaning only
    if not candidate or len(candidate) > 45:
        return None
    try:
        address = ipaddress.ip_address(candidate)
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return IpInfo(str(address), address.version, _scope(address))


def _scope(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str:
    if address.is_unspecified:
        return "unspecified"
    if address.is_loopback:
        return "loopback"
    if address.is_link_local:
        return "link_local"
    if address.is_multicast:
        return "multicast"
    if isinstance(address, ipaddress.IPv4Address) and address in _SHARED:
        return "shared"  # carrier-grade NAT, RFC 6598
    if address.is_private:
        return "private"
    if address.is_global:
        return "global"
    return "reserved"


_SHARED: Final = ipaddress.IPv4Network("100.64.0.0/10")


def find_ips(text: str, budget: Budget | None = None) -> list[IpInfo]:
    """Globally routable IPv4 and IPv6 addresses written in ``text``, in order of appearance."""
    found: list[IpInfo] = []
    for anchor in _IPV4_ANCHOR.finditer(text):
        if budget is not None and not budget.take():
            return found
        start = anchor.start()
        while start > 0 and anchor.start() - start < 3 and "0" <= text[start - 1] <= "9":
            start -= 1
        match = _IPV4_IN_TEXT.match(text, start)
        if match is None or start == anchor.start():
            continue
        info = normalise_ip(match.group())
        if info is not None and info.scope == "global":
            found.append(info)
    consumed = 0
    colon = _IPV6_ANCHOR.search(text) if ":" in text else None
    while colon is not None:
        if budget is not None and not budget.take():
            return found
        start = colon.start()
        floor = max(consumed, start - 39)  # an IPv6 address is at most 39 characters before a dotted tail
        while start > floor and text[start - 1] in _HEX_OR_COLON:
            start -= 1
        match = _IPV6_IN_TEXT.match(text, start)
        consumed = max(match.end() if match else 0, colon.end())
        if match is not None and match.group().count(":") >= 2:
            info = normalise_ip(match.group())
            if info is not None and info.scope == "global":
                found.append(info)
        colon = _IPV6_ANCHOR.search(text, consumed)
    return found


def parse_numeric_host(host: str) -> str | None:
    """The IPv4 address a browser reads in a numeric URL host, or None.

    WHATWG URL parsing accepts one to four dot-separated parts in decimal, octal (leading 0) or hex
    (0x), the last part filling the remaining bytes: ``3628126748``, ``0xd8.0x3a.0xd6.0xce`` and
    ``123.123.123`` are all IPv4 addresses to a browser, and a classic way to hide a spam server.
    """
    name = host[:-1] if host.endswith(".") else host
    parts = name.split(".")
    if not 1 <= len(parts) <= 4 or not all(_HEX_OR_DIGITS.fullmatch(part) for part in parts):
        return None
    numbers: list[int] = []
    for part in parts:
        try:
            if part[:2] in ("0x", "0X"):
                numbers.append(int(part[2:], 16) if len(part) > 2 else 0)
            elif len(part) > 1 and part.startswith("0"):
                numbers.append(int(part, 8))
            else:
                numbers.append(int(part))
        except ValueError:
            return None  # 08 or 09: not octal, and not a valid host for a browser
    *head, last = numbers
    if any(number > 255 for number in head) or last >= 256 ** (5 - len(numbers)):
        return None
    value = last
    for index, number in enumerate(head):
        value += number << (8 * (3 - index))
    return str(ipaddress.IPv4Address(value))
