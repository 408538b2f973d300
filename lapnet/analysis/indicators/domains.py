"""Host names: normalisation (case, trailing dot, IDN), registrable domain and ccTLD country.

The Public Suffix List is the copy bundled with ``publicsuffixlist`` (its version carries the list's
date); it is parsed once, at import, and never fetched. Two views of it are kept:

* the ICANN section gives ``registrable_domain``: the name a registrar sold, so the one a referral
  to a registrar or registry is about (``evil.co.uk``, ``site.github.io`` -> ``github.io``);
* the whole list (ICANN and private sections) tells when a host sits under a hosting provider's
  shared suffix (``web.app``, ``blogspot.com``, ``r2.dev``): recorded as ``private_suffix``, because
  then the provider, not the registrar, is the one who can take the site down.

IDNs are normalised to their ASCII (A-label, ``xn--``) form, which is what DNS, WHOIS and registries
use and what makes a homograph visible; the Unicode form is kept as the ``idn`` attribute. The
stdlib codec implements IDNA 2003: it differs from browsers' UTS #46 processing only for the four
"deviation" characters (``ß``, ``ς``, ZWJ, ZWNJ), which it maps away.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Final

from mypy_extensions import mypyc_attr
from publicsuffixlist import PublicSuffixList

from lapnet.analysis.indicators.shorteners import is_shortener

try:
    from publicsuffixlist import __version__ as _psl_version
except ImportError:  # pragma: no cover - every released version defines it
    _psl_version = "unknown"

PUBLIC_SUFFIX_LIST_VERSION: Final[str] = str(_psl_version)

_ICANN: Final = PublicSuffixList(accept_unknown=False, only_icann=True)
_ALL: Final = PublicSuffixList(accept_unknown=False)

# Full stops that IDNA treats as label separators (ideographic, fullwidth, halfwidth).
_DOTS: Final = str.maketrans({"\u3002": ".", "\uff0e": ".", "\uff61": "."})
_ASCII_LABEL: Final = re.compile(r"[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?")
_TLD: Final = re.compile(r"[a-z]{2,63}|xn--[a-z0-9-]{1,59}")
MAX_HOST_LENGTH: Final = 253

# ccTLDs whose ISO 3166-1 code differs, or that name no single country.
_CCTLD_COUNTRY_EXCEPTIONS: Final[dict[str, str | None]] = {
    "uk": "GB",
    "ac": "SH",  # Ascension Island, part of Saint Helena, Ascension and Tristan da Cunha
    "tp": "TL",  # East Timor's former ccTLD
    "eu": None,
    "su": None,  # the former Soviet Union
}
# Internationalised ccTLDs (A-labels) and the country they belong to.
_IDN_CCTLD_COUNTRY: Final[dict[str, str]] = {
    "xn--p1ai": "RU",  # .рф
    "xn--90ais": "BY",  # .бел
    "xn--j1amh": "UA",  # .укр
    "xn--90a3ac": "RS",  # .срб
    "xn--d1alf": "MK",  # .мкд
    "xn--80ao21a": "KZ",  # .қаз
    "xn--l1acc": "MN",  # .мон
    "xn--node": "GE",  # .გე
    "xn--y9a3aq": "AM",  # .հայ
    "xn--qxam": "GR",  # .ελ
    "xn--fiqs8s": "CN",  # .中国
    "xn--fiqz9s": "CN",  # .中國
    "xn--j6w193g": "HK",  # .香港
    "xn--mix891f": "MO",  # .澳門
    "xn--kprw13d": "TW",  # .台湾
    "xn--kpry57d": "TW",  # .台灣
    "xn--3e0b707e": "KR",  # .한국
    "xn--yfro4i67o": "SG",  # .新加坡
    "xn--clchc0ea0b2g2a9gcd": "SG",  # .சிங்கப்பூர்
    "xn--o3cw4h": "TH",  # .ไทย
    "xn--h2brj9c": "IN",  # .भारत
    "xn--mgbbh1a71e": "IN",  # .بھارت
    "xn--mgbaam7a8h": "AE",  # .امارات
    "xn--mgberp4a5d4ar": "SA",  # .السعودية
    "xn--wgbh1c": "EG",  # .مصر
    "xn--mgbc0a9azcg": "MA",  # .المغرب
    "xn--lgbbat1ad8j": "DZ",  # .الجزائر
    "xn--pgbs0dh": "TN",  # .تونس
    "xn--mgbtx2b": "IQ",  # .عراق
    "xn--mgba3a4f16a": "IR",  # .ایران
    "xn--mgbai9azgqp6j": "PK",  # .پاکستان
    "xn--ygbi2ammx": "PS",  # .فلسطين
    "xn--wgbl6a": "QA",  # .قطر
    "xn--mgbx4cd0ab": "MY",  # .مليسيا
    "xn--4dbrk0ce": "IL",  # .ישראל
    "xn--fzc2c9e2c": "LK",  # .ලංකා
    "xn--xkc2al3hye2a": "LK",  # .இலங்கை
    "xn--54b7fta0cc": "BD",  # .বাংলা
}
# ccTLDs marketed worldwide as generic names (Google Search Central's list of "generic ccTLDs",
# plus .ai, .gg, .gl, .ly, .sh, .to and .vc, sold the same way): the country is still reported,
# flagged with ``generic_cctld`` so that jurisdiction ranking can discount it.
GENERIC_CCTLDS: Final[frozenset[str]] = frozenset(
    {
        "ac", "ad", "ai", "am", "as", "bz", "cc", "cd", "co", "dj", "fm", "gg", "gl", "io", "la",
        "ly", "me", "ms", "nu", "sc", "sh", "sr", "su", "tk", "to", "tv", "vc", "ws",
    }
)  # fmt: skip


@mypyc_attr(acyclic=True)
@dataclass(frozen=True, slots=True)
class HostName:
    """A host name in its normal form: lower-case ASCII, no trailing dot."""

    ascii: str
    unicode: str | None  # set only for an IDN, whose Unicode form differs

    def __init__(self, ascii: str, unicode: str | None) -> None:
        # written out so that mypyc compiles it: see the note in lapnet.analysis.types
        object.__setattr__(self, "ascii", ascii)
        object.__setattr__(self, "unicode", unicode)


@mypyc_attr(acyclic=True)
@dataclass(frozen=True, slots=True)
class DomainInfo:
    """What the Public Suffix List and the ccTLD table say about one host name."""

    host: str
    unicode: str | None
    registrable: str | None  # None when the TLD is unknown or the host is itself a public suffix
    private_suffix: str | None
    country: str | None
    generic_cctld: bool
    listed_tld: bool
    shortener: bool

    def __init__(  # noqa: PLR0917 - the fields, positional as in the generated __init__
        self,
        host: str,
        unicode: str | None,
        registrable: str | None,
        private_suffix: str | None,
        country: str | None,
        generic_cctld: bool,
        listed_tld: bool,
        shortener: bool,
    ) -> None:
        # written out so that mypyc compiles it: see the note in lapnet.analysis.types
        object.__setattr__(self, "host", host)
        object.__setattr__(self, "unicode", unicode)
        object.__setattr__(self, "registrable", registrable)
        object.__setattr__(self, "private_suffix", private_suffix)
        object.__setattr__(self, "country", country)
        object.__setattr__(self, "generic_cctld", generic_cctld)
        object.__setattr__(self, "listed_tld", listed_tld)
        object.__setattr__(self, "shortener", shortener)

    def attributes(self) -> list[tuple[str, str]]:
        pairs: list[tuple[str, str]] = []
        if self.registrable:
            pairs.append(("registrable_domain", self.registrable))
        if self.private_suffix:
            pairs.append(("private_suffix", self.private_suffix))
        if self.generic_cctld:
            pairs.append(("generic_cctld", "true"))
        if self.unicode:
            pairs.append(("idn", self.unicode))
        if not self.listed_tld:
            pairs.append(("unlisted_tld", "true"))
        if self.shortener:
            pairs.append(("shortener", "true"))
        return pairs


@lru_cache(maxsize=16384)
def normalise_host(host: str) -> HostName | None:
    """The normal form of a DNS host name, or None when it cannot be one.

    Accepts Unicode and punycode, upper case, a trailing dot and IDNA's alternative full stops.
    Rejects empty labels, labels or names too long, a TLD that is not alphabetic (``1.1.1.1.1``), and
    single-label names (``localhost``). IP literals are not host names here: see ``network``.
    """
    if not host or len(host) > 4 * MAX_HOST_LENGTH:
        return None
    name = host.translate(_DOTS).lower()
    if name.endswith("."):
        name = name[:-1]
    if not name.isascii():
        try:
            name = name.encode("idna").decode("ascii")
        except (UnicodeError, ValueError):
            return None
    if len(name) > MAX_HOST_LENGTH:
        return None
    labels = name.split(".")
    if len(labels) < 2 or not _TLD.fullmatch(labels[-1]):
        return None
    if not all(_ASCII_LABEL.fullmatch(label) for label in labels):
        return None
    unicode_form: str | None = None
    if "xn--" in name:
        try:
            decoded = name.encode("ascii").decode("idna")
        except (UnicodeError, ValueError):
            return None  # an A-label that is not valid punycode
        if decoded != name:
            unicode_form = decoded
    return HostName(name, unicode_form)


@lru_cache(maxsize=16384)
def describe_domain(host: str) -> DomainInfo | None:
    """Normalise ``host`` and look it up in the PSL and the ccTLD table; None if it is no host name."""
    name = normalise_host(host)
    if name is None:
        return None
    ascii_host = name.ascii
    try:
        public = _ICANN.publicsuffix(ascii_host)
        private_public = _ALL.publicsuffix(ascii_host)
    except Exception:  # the PSL library on a name it does not expect
        return None
    registrable = _registrable(ascii_host, public)
    private_suffix = private_public if private_public and private_public != public else None
    tld = ascii_host.rsplit(".", 1)[-1]
    country = cctld_country(tld)
    return DomainInfo(
        host=ascii_host,
        unicode=name.unicode,
        registrable=registrable,
        private_suffix=private_suffix,
        country=country,
        generic_cctld=tld in GENERIC_CCTLDS,
        listed_tld=public is not None,
        shortener=is_shortener(ascii_host),
    )


def _registrable(host: str, public: str | None) -> str | None:
    """``_ICANN.privatesuffix(host)`` given ``public``, ``_ICANN.publicsuffix(host)``: the public suffix
    and one label more, when the host has it (the library finds both from the same count of public
    labels, so the second look-up in the list is spared). ``host`` is normal: lower case, no empty label."""
    if public is None:
        return None
    labels = host.split(".")
    kept = public.count(".") + 2
    return ".".join(labels[-kept:]) if len(labels) >= kept else None


def cctld_country(tld: str) -> str | None:
    """The ISO 3166-1 alpha-2 code a country-code TLD stands for (``uk`` -> ``GB``), else None."""
    tld = tld.lower()
    if tld in _CCTLD_COUNTRY_EXCEPTIONS:
        return _CCTLD_COUNTRY_EXCEPTIONS[tld]
    if len(tld) == 2 and tld.isascii() and tld.isalpha():
        return tld.upper()
    return _IDN_CCTLD_COUNTRY.get(tld)
