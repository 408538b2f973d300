"""Normal forms of what members type in: networks, domains, key fingerprints, language codes.

Pure functions: a value in, its normal form out, ``ValueError`` with a sentence for the person who
typed it. Forms use them to validate, actions use them again so that the CLI and the API cannot store
a form a web form would have refused. Domains are normalised exactly as the analysis core normalises
the domains it finds in spam (``lapnet.analysis.indicators.domains``), so that abuse *from* a member's
domain can later be matched against what it registered here.
"""

from __future__ import annotations

import ipaddress
import re

from lapnet.analysis.indicators.domains import describe_domain

# the shortest prefixes a member may claim: a /8 of IPv4 or a /16 of IPv6 is already a whole RIR's worth
MIN_IPV4_PREFIX = 8
MIN_IPV6_PREFIX = 16

_HEX = re.compile(r"[0-9A-F]+")
_LANGUAGE = re.compile(r"[a-z]{2,3}")


def normalise_cidr(text: str) -> str:
    """``192.0.2.7/24`` -> ``192.0.2.0/24``; a single address is a /32 (or /128)."""
    value = text.strip()
    try:
        network = ipaddress.ip_network(value, strict=False)
    except ValueError:
        raise ValueError(f"{value!r} is not a network in CIDR notation (e.g. 192.0.2.0/24)") from None
    minimum = MIN_IPV4_PREFIX if network.version == 4 else MIN_IPV6_PREFIX
    if network.prefixlen < minimum:
        raise ValueError(f"{network} is too broad: claim networks of /{minimum} or longer")
    if not network.is_global:
        raise ValueError(f"{network} is not a public network (private, reserved or documentation range)")
    return str(network)


def normalise_domain(text: str) -> str:
    """A registrable domain or a host under one, lower-case ASCII (IDNs as ``xn--``)."""
    value = text.strip()
    info = describe_domain(value)
    if info is None:
        raise ValueError(f"{value!r} is not a domain name")
    if not info.listed_tld:
        raise ValueError(f"{value!r} is not under a known top-level domain")
    if info.registrable is None:
        raise ValueError(f"{value!r} is a public suffix: give the domain registered under it")
    return info.host


def normalise_pgp_fingerprint(text: str) -> str:
    """Upper-case hex in groups of four; 40 digits (OpenPGP v4) or 64 (v5, v6). Empty stays empty."""
    compact = re.sub(r"[\s:]", "", text).upper().removeprefix("0X")
    if not compact:
        return ""
    if not _HEX.fullmatch(compact) or len(compact) not in (40, 64):
        raise ValueError("a PGP fingerprint is 40 (or 64) hexadecimal digits")
    return " ".join(compact[i : i + 4] for i in range(0, len(compact), 4))


def parse_languages(text: str | list[str]) -> list[str]:
    """``"fr, EN  de"`` -> ``["fr", "en", "de"]``: ISO 639 codes, in order, without repeats."""
    items = text if isinstance(text, list) else re.split(r"[\s,;]+", text)
    languages: list[str] = []
    for item in items:
        code = item.strip().lower()
        if not code:
            continue
        if not _LANGUAGE.fullmatch(code):
            raise ValueError(f"{item!r} is not an ISO 639 language code (e.g. en, fr, de)")
        if code not in languages:
            languages.append(code)
    return languages


def parse_lines(text: str) -> list[str]:
    """One item a line (commas and spaces separate too), blanks dropped."""
    return [item for item in re.split(r"[\s,;]+", text) if item]
