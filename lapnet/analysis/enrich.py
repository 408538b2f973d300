"""Enrichers: small injected objects that add facts from offline data sets.

Each enricher says which data it used (``data_version``) so that a result can be reproduced. They are
passed in through :class:`~lapnet.analysis.analyze.AnalysisConfig`, so an agency can swap in its own
data (a commercial geolocation database, say) without touching the analysis.
"""

from __future__ import annotations

import hashlib
import ipaddress
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Final, Protocol

# the first characters of the text are enough for a language guess and keep the cost bounded
LANGUAGE_SAMPLE: Final = 2000
_CONTROL_CHARACTERS: Final = dict.fromkeys((*range(0, 9), 11, 12, *range(14, 32), 127), " ")
MIN_CHARACTERS_FOR_LANGUAGE: Final = 20


class IpCountry(Protocol):
    """Maps an IP address to an ISO 3166-1 alpha-2 country code, or None."""

    @property
    def data_version(self) -> str: ...

    def __call__(self, ip: str) -> str | None: ...


class RirIpCountry:
    """Country of an IP address as assigned by the five Regional Internet Registries.

    The data ships inside the ``iptocc`` wheel, built from the RIRs' delegation files when that version
    was released (the wheel records no date, so the version and a fingerprint of the compiled table
    identify the data exactly). It is the country the block was assigned to, not necessarily where
    it is used: good enough to route a referral, and said so in docs.
    """

    def __init__(self) -> None:
        import iptocc  # imported here: the embedded table is loaded on first use

        self._lookup = iptocc.country_code
        self._data_version = (
            f"iptocc {metadata.version('iptocc')} (RIR delegation files, table sha256:{_table_fingerprint()})"
        )

    @property
    def data_version(self) -> str:
        return self._data_version

    def __call__(self, ip: str) -> str | None:
        return _cached_country(self._lookup, ip)


def _table_fingerprint() -> str:
    """The first 12 hex digits of the SHA-256 of iptocc's compiled extension, which embeds the table."""
    files = metadata.files("iptocc") or []
    for file in files:
        if file.name.startswith("iptocc.") and file.suffix in {".so", ".pyd"}:
            try:
                return hashlib.sha256(Path(file.locate()).read_bytes()).hexdigest()[:12]
            except OSError:
                break
    return "unknown"


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
    """ISO 639 code of the text's language, or None when there is too little text to tell.

    Google's Compact Language Detector 2 (``pycld2``, tables compiled into the extension) reads the
    first few thousand characters in tens of microseconds.
    """
    sample = text[:LANGUAGE_SAMPLE]
    if len(sample) < MIN_CHARACTERS_FOR_LANGUAGE:
        return None
    import pycld2

    try:
        details = pycld2.detect(sample)[2]
    except Exception:  # CLD2 rejects some control characters: clean them (only then: it costs), retry
        cleaned = sample.translate(_CONTROL_CHARACTERS).encode("utf-8", "ignore").decode("utf-8")
        try:
            details = pycld2.detect(cleaned)[2]
        except Exception:
            return None
    code = str(details[0][1]) if details else "un"
    return None if code in {"un", "xxx"} else code
