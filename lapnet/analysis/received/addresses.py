"""IP literals and host names of Received headers: read by hand, the same answers as :mod:`ipaddress`."""

from __future__ import annotations

import ipaddress
import re
from functools import lru_cache
from typing import Final

# --- addresses ----------------------------------------------------------------------------------------

# A bare IPv4 or IPv6 address, perhaps after "user@": (1.2.3.4), (2603:10b6:a03:2c7::7), (::1)
_BARE: Final = re.compile(
    r"(?<![\w.:-])((?:\d{1,3}\.){3}\d{1,3}|(?:[0-9A-Fa-f]{0,4}:){2,7}(?:[0-9A-Fa-f]{1,4}|(?:\d{1,3}\.){3}\d{1,3})?)(?![\w.:-])"
)
_HELO: Final = re.compile(r"\b(?:helo|ehlo)(?:\s*=\s*|\s+)(\[[^\]]*\]|[^\s()\[\]]+)", re.IGNORECASE)


# A dotted quad in canonical form: four numbers from 0 to 255, ASCII digits, no leading zero.
_OCTET: Final = r"(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])"
_CANONICAL_IPV4: Final = re.compile(rf"{_OCTET}(?:\.{_OCTET}){{3}}")


def _ipv4(text: str) -> str | None:
    """``text`` when it is a dotted-quad IPv4 address in canonical form, else None (fast path)."""
    return text if _CANONICAL_IPV4.fullmatch(text) is not None else None


def normalise_ip(text: str) -> str | None:
    """The canonical form of an IP address literal, or None when ``text`` is not one.

    Brackets, an ``IPv6:`` prefix, a zone index and a ``:port`` after brackets are dropped;
    IPv4-mapped IPv6 addresses (``::ffff:1.2.3.4``) become IPv4.
    """
    if ":" not in text:
        candidate = text.strip()
        if candidate[:1] == "[":
            return _normalise_ip(candidate)
        return _ipv4(candidate)  # host names end here, without touching the cache
    return _normalise_ip(text)


@lru_cache(maxsize=4096)
def _normalise_ip(text: str) -> str | None:
    candidate = text.strip()
    if candidate.startswith("["):
        candidate = candidate[1:].partition("]")[0]
    if ":" not in candidate:
        return _ipv4(candidate)
    if candidate[:5].lower() == "ipv6:":
        candidate = candidate[5:]
    candidate = candidate.partition("%")[0]
    if not 2 <= len(candidate) <= 45:
        return None
    value = _ipv6_value(candidate)
    if value is None:  # not hexadecimal groups alone: an IPv4 tail, or not an address
        try:
            value = int(ipaddress.IPv6Address(candidate))
        except ValueError:
            return None
    if value >> 32 == 0xFFFF:  # IPv4-mapped
        return f"{value >> 24 & 255}.{value >> 16 & 255}.{value >> 8 & 255}.{value & 255}"
    return _ipv6_text(value)


# IPv6 addresses written as hexadecimal groups, read and written here rather than by ipaddress, which
# takes several times as long: the same answers (tests/analysis/test_received.py compares them).
_HEXTETS: Final = re.compile(r"[0-9A-Fa-f]{1,4}(?::[0-9A-Fa-f]{1,4})*")
_SHIFTS: Final = (112, 96, 80, 64, 48, 32, 16, 0)


def _ipv6_value(text: str) -> int | None:
    """The value of an IPv6 address written as hexadecimal groups, with at most one ``::``; None for
    any other text (which ipaddress may still read: an IPv4 tail such as ``::ffff:1.2.3.4``)."""
    head, double, tail = text.partition("::")
    if double:
        if (head and _HEXTETS.fullmatch(head) is None) or (tail and _HEXTETS.fullmatch(tail) is None):
            return None
        high = head.split(":") if head else []
        low = tail.split(":") if tail else []
        if len(high) + len(low) > 7:
            return None
        groups = [*high, *["0"] * (8 - len(high) - len(low)), *low]
    else:
        if _HEXTETS.fullmatch(text) is None:
            return None
        groups = text.split(":")
        if len(groups) != 8:
            return None
    return int("".join([group.zfill(4) for group in groups]), 16)


def _ipv6_text(value: int) -> str:
    """An IPv6 address as ``str(ipaddress.IPv6Address(value))`` writes it (RFC 5952): lower case, no
    leading zeros, the first longest run of two or more zero groups as ``::``."""
    hextets = [f"{value >> shift & 0xFFFF:x}" for shift in _SHIFTS]
    best_start = best_length = 0
    start = length = 0
    for index, hextet in enumerate(hextets):
        if hextet == "0":
            if length == 0:
                start = index
            length += 1
            if length > best_length:
                best_start, best_length = start, length
        else:
            length = 0
    if best_length > 1:
        end = best_start + best_length
        if end == 8:
            hextets.append("")
        hextets[best_start:end] = [""]
        if best_start == 0:
            hextets.insert(0, "")
    return ":".join(hextets)


def ip_value(ip: str) -> tuple[int, int] | None:
    """The version and integer value of an IP address as :func:`normalise_ip` writes it; else None."""
    if ":" not in ip:
        if _CANONICAL_IPV4.fullmatch(ip) is None:
            return None
        first, second, third, fourth = ip.split(".")
        return 4, int(first) << 24 | int(second) << 16 | int(third) << 8 | int(fourth)
    value = _ipv6_value(ip)
    return None if value is None else (6, value)


def _host_name(text: str) -> str | None:
    """A host name as recorded: any ``user@`` and final dot dropped; "unknown" and empty are None."""
    name = text.rpartition("@")[2].rstrip(".,;")
    if not name or name.startswith("[") or name.lower() in {"unknown", "unverified"}:
        return None
    return name


_SECOND_LEVEL: Final = frozenset(
    {
        "co",
        "com",
        "net",
        "org",
        "ac",
        "gov",
        "edu",
        "ne",
        "or",
        "go",
        "gob",
        "mil",
        "nic",
        "ltd",
        "plc",
        "sch",
    }
)


@lru_cache(maxsize=8192)
def registrable_part(name: str) -> str:
    """The part of a host name its owner registered, by a fixed rule so anyone can check it.

    The last two labels, or the last three when the second-to-last is a usual second level under a
    two-letter country code (``example.co.uk``, ``example.com.au``). IP literals and one-label names
    are returned lower-cased as they are. Deliberately not the Public Suffix List: the answer must not
    change when the list does, so that another agency re-running a walk gets the same flags.
    """
    labels = name.lower().strip("[].").split(".")
    if len(labels) < 2 or labels[-1].isdigit():
        return ".".join(labels)
    if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in _SECOND_LEVEL:
        return ".".join(labels[-3:])
    return ".".join(labels[-2:])
