"""Enrichers: small injected objects that add facts from offline data sets.

Each enricher says which data it used (``data_version``) so that a result can be reproduced. They are
passed in through :class:`~lapnet.analysis.analyze.AnalysisConfig`, so an agency can swap in its own
data (a commercial geolocation database, say) without touching the analysis.
"""

from __future__ import annotations

import ipaddress
import re
from functools import lru_cache
from importlib import metadata
from typing import Protocol

_LETTERS = re.compile(r"[^\W\d_]")
_URLISH = re.compile(r"(?:https?://|www\.)\S+|\S+@\S+", re.IGNORECASE)
# the first characters of the text are enough for a language guess and keep the cost bounded
LANGUAGE_SAMPLE = 600
MIN_LETTERS_FOR_LANGUAGE = 20


class IpCountry(Protocol):
    """Maps an IP address to an ISO 3166-1 alpha-2 country code, or None."""

    @property
    def data_version(self) -> str: ...

    def __call__(self, ip: str) -> str | None: ...


class RirIpCountry:
    """Country of an IP address as assigned by the five Regional Internet Registries.

    The data ships inside the ``iptocc`` wheel (built from the RIRs' delegation files when that version
    was released), so the package version dates the data. It is the country the block was assigned
    to, not necessarily where it is used: good enough to route a referral, and said so in docs.
    """

    def __init__(self) -> None:
        from iptocc import country_code  # imported here: the embedded table is loaded on first use

        self._lookup = country_code
        self._data_version = f"iptocc {metadata.version('iptocc')} (RIR delegation files)"

    @property
    def data_version(self) -> str:
        return self._data_version

    def __call__(self, ip: str) -> str | None:
        return _cached_country(self._lookup, ip)


@lru_cache(maxsize=65536)
def _cached_country(lookup: object, ip: str) -> str | None:
    try:
        address = ipaddress.ip_address(ip)
    except ValueError:
        return None
    if not address.is_global:
        return None
    try:
        code = lookup(str(address))  # type: ignore[operator]
    except Exception:
        return None
    if not isinstance(code, str) or len(code) != 2 or code in {"ZZ", "EU", "AP"}:
        return None
    return code.upper()


class StaticIpCountry:
    """An explicit table, for tests and for re-running a walk with another agency's answers."""

    def __init__(self, table: dict[str, str], data_version: str = "static table") -> None:
        self._table = dict(table)
        self._data_version = data_version

    @property
    def data_version(self) -> str:
        return self._data_version

    def __call__(self, ip: str) -> str | None:
        return self._table.get(ip)


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language, or None when there is too little text to tell."""
    sample = _URLISH.sub(" ", text[: LANGUAGE_SAMPLE * 2])[:LANGUAGE_SAMPLE]
    if len(_LETTERS.findall(sample)) < MIN_LETTERS_FOR_LANGUAGE:
        return None
    try:
        import py3langid

        code, _score = py3langid.classify(sample)
    except Exception:
        return None
    return str(code) if code else None

