"""URLs: found in text (with a scheme, ``www.`` forms, bare domains, defanged forms) and normalised.

Normal form: scheme and host in lower case, the host as its IDN A-label (or dotted IPv4 / compressed
IPv6), an empty path written ``/``, tabs and newlines removed; userinfo, port, path, query and
fragment are kept exactly as written. Text is expected decoded already (percent-encoding inside a
URL is kept: it is part of the URL; HTML entities and quoted-printable are the caller's job).

What counts as a URL in text:

* ``http``, ``https``, ``ftp`` and ``ftps`` URLs; the run stops at white space, ``<>"`\\^``, control
  and zero-width characters and typographic quotes; trailing punctuation and closing brackets that
  do not close one opened inside the URL are cut (``(see http://x.example/a_(b))`` keeps ``_(b)``);
* ``www.`` host names, with or without a path, as ``http://`` URLs flagged ``schemeless``;
* a bare domain followed by a path (``evil.example/login``), likewise;
* a bare domain alone (``evil.example``) is a *domain*, not a URL.

Bare names need a TLD the Public Suffix List knows, written in lower case (or the whole name in
upper case): ``file.txt``, ``e.g.``, ``Hello.World`` and ``v1.2.3`` are not domains. A handful of
real TLDs that are mostly seen as file extensions (``invoice.zip``, ``clip.mov``, ``README.md``) are
refused without ``www.`` (see ``FILE_EXTENSION_TLDS``).

Defanged forms (``hxxp://``, ``hxxps[:]//``, ``example[.]com``, ``example(dot)com``, ``x [.] y``)
are refanged and flagged ``defanged``. XML namespace and schema URLs are not indicators and are
dropped (``NAMESPACE_URL_PREFIXES``).

Speed and safety: every scan starts from a literal ("://", a dot before a letter), which the regex
engine finds with a fast substring search, where a pattern led by a character class would cost a
match attempt at every position of the text; runs are possessive or bounded, and each anchor is
read once, so a megabyte of hostile text costs a bounded, linear amount of work.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Final
from urllib.parse import unquote

from mypy_extensions import mypyc_attr

from lapnet.analysis.indicators.budget import Budget
from lapnet.analysis.indicators.domains import DomainInfo, describe_domain
from lapnet.analysis.indicators.network import IpInfo, normalise_ip, parse_numeric_host

SCHEMES: Final = frozenset({"http", "https", "ftp", "ftps"})
# A URL longer than this is cut (host kept) and flagged ``truncated``: tracking and phishing links
# run to a few KB; longer ones are payloads, and would bloat every result that carries them.
MAX_URL_LENGTH: Final = 4096

# URLs that name an XML namespace, schema or DTD (in XHTML, Office HTML, XMP, Gmail markup): never
# links a person follows, never evidence. Matched against host + path, scheme ignored.
NAMESPACE_URL_PREFIXES: Final[tuple[str, ...]] = (
    "www.w3.org/",
    "w3.org/",
    "schemas.microsoft.com/",
    "schemas.openxmlformats.org/",
    "schemas.xmlsoap.org/",
    "schemas.android.com/",
    "purl.org/dc/",
    "purl.org/rss/",
    "ns.adobe.com/",
    "schema.org/",
    "www.idpf.org/",
    "xmlns.com/",
    "ogp.me/ns",
    "www.openarchives.org/",
    "iptc.org/std/",
)

# Real TLDs refused for bare names without ``www.``, because text mostly shows them as file names.
FILE_EXTENSION_TLDS: Final = frozenset(
    {"cab", "java", "md", "mm", "mobi", "mov", "one", "pm", "ps", "pub", "py", "sh", "so", "zip"}
)

_STOP: Final = (
    r"\s<>\"`\\^\x00-\x1f\x7f\u200b-\u200f\u2028\u2029\u2060-\u2064\ufeff"
    r"\u2018\u2019\u201c\u201d\u00ab\u00bb\u2039\u203a\u3008-\u3011"
)
_URL_RUN: Final = re.compile(rf"[^{_STOP}]*+")
_SCHEMES_BY_LENGTH: Final = (("https", 5), ("ftps", 4), ("http", 4), ("ftp", 3))
_DEFANGED_SCHEMES: Final = ("hxxp", "hxxps", "fxp", "h**p", "h**ps")
_SCHEME_PRECEDER: Final = frozenset("abcdefghijklmnopqrstuvwxyz0123456789+.-")
_DOT_LETTER: Final = re.compile(r"\.[^\W\d_]")
# matched on the reversed text: the run of name characters before a position, bounded (no host name
# is longer) so that a hostile run costs a bounded scan per anchor
_LEFT_RUN: Final = re.compile(r"[\w.-]{0,260}")
_RIGHT_RUN: Final = re.compile(r"[\w.-]*+")
_BARE_AT: Final = re.compile(rf"[^\W_][\w-]*+(?:\.[\w-]++)++(?!@)(/[^{_STOP}]*+)?")
_BARE_PRECEDER: Final = frozenset("@/:%+=&?#~\\")
_WWW: Final = re.compile(r"(?i)www\d{0,3}\.")
_AUTHORITY_END: Final = re.compile(r"[/?#\\]")
# WHATWG: a host whose last label is a number (decimal, or 0x hex) is an IPv4 address, or invalid
_NUMERIC_LABEL: Final = re.compile(r"\d+|0[xX][0-9A-Fa-f]*")

_TRAILING_PUNCTUATION: Final = frozenset(".,;:!?'\"*~…。，、！？：；")
_CLOSERS: Final = {")": "(", "]": "[", "}": "{", ">": "<"}

# one pattern per bracket, each led by its literal bracket: found by fast search, rare in text
_DEFANG_BRACKETS: Final = (
    ("[", re.compile(r"(?i)\[(?:\.|dot|:|://|@|at)\]")),
    ("(", re.compile(r"(?i)\((?:\.|dot|@|at)\)")),
    ("{", re.compile(r"(?i)\{(?:\.|dot|@|at)\}")),
    ("<", re.compile(r"(?i)<(?:@|at)>")),
)
_REFANG: Final = re.compile(
    r"(?i)(?P<scheme>\bh(?:xx|\*\*)p(?P<s>s?)\b)"
    r"|(?P<ftp>\bfxp\b)"
    r"|[ ]?[\[({](?:\.|dot)[\])}][ ]?"
    r"|\[(?P<colon>:|://)\]"
    r"|[ ]?[\[({<](?:@|at)[\])}>][ ]?"
)


@mypyc_attr(acyclic=True)
@dataclass(frozen=True, slots=True)
class ParsedUrl:
    """One URL in normal form, with what its host is."""

    value: str
    domain: DomainInfo | None  # the host when it is a name
    ip: IpInfo | None  # the host when it is an address
    attributes: tuple[tuple[str, str], ...]

    def __init__(
        self,
        value: str,
        domain: DomainInfo | None,
        ip: IpInfo | None,
        attributes: tuple[tuple[str, str], ...],
    ) -> None:
        # written out so that mypyc compiles it: see the note in lapnet.analysis.types
        object.__setattr__(self, "value", value)
        object.__setattr__(self, "domain", domain)
        object.__setattr__(self, "ip", ip)
        object.__setattr__(self, "attributes", attributes)


def has_defang_hint(text: str) -> bool:
    """True when ``text`` may hold a defanged URL, domain or address (then :func:`refang` it)."""
    if has_bracket_defang(text):
        return True
    for anchor in ("://", "[:]", "[://]"):
        position = text.find(anchor)
        while position != -1:
            if text[max(0, position - 5) : position].lower().endswith(_DEFANGED_SCHEMES):
                return True
            position = text.find(anchor, position + 1)
    return False


def has_bracket_defang(text: str) -> bool:
    """True when ``text`` holds a bracketed defang (``[.]``, ``(dot)``, ``[at]``, ``[:]``...)."""
    return any(bracket in text and pattern.search(text) for bracket, pattern in _DEFANG_BRACKETS)


def refang(text: str, limit: int = 0) -> str:
    """Undo the usual defanging of URLs, domains and addresses (``hxxp``, ``[.]``, ``[at]``...).

    ``limit`` (when not 0) caps the replacements: each costs a Python call, and hostile text can
    hold a million of them.
    """
    return _REFANG.sub(_refang_one, text, count=limit)


def _refang_one(match: re.Match[str]) -> str:
    if match.group("scheme"):
        return "http" + match.group("s")
    if match.group("ftp"):
        return "ftp"
    if match.group("colon"):
        return match.group("colon")
    token = match.group().strip().lower()
    return "@" if "@" in token or "at" in token else "."


def trim_url(url: str) -> str:
    """Cut trailing punctuation, and closing brackets that close nothing opened inside the URL."""
    end = len(url)
    opened: dict[str, int] | None = None
    while end:
        last = url[end - 1]
        if last in _TRAILING_PUNCTUATION:
            end -= 1
            continue
        opener = _CLOSERS.get(last)
        if opener is None:
            break
        if opened is None:  # counted once: trimming a run of brackets stays linear
            opened = {
                closer: url.count(op, 0, end) - url.count(closer, 0, end) for closer, op in _CLOSERS.items()
            }
        if opened[last] < 0:
            opened[last] += 1
            end -= 1
            continue
        break
    return url[:end]


@mypyc_attr(acyclic=True)
@dataclass(frozen=True, slots=True)
class UrlScan:
    urls: list[ParsedUrl]
    residual: str  # the text with every URL blanked out
    defanged_scheme: bool  # an ``hxxp://``-like scheme was seen: the text needs a refanged pass

    def __init__(self, urls: list[ParsedUrl], residual: str, defanged_scheme: bool) -> None:
        # written out so that mypyc compiles it: see the note in lapnet.analysis.types
        object.__setattr__(self, "urls", urls)
        object.__setattr__(self, "residual", residual)
        object.__setattr__(self, "defanged_scheme", defanged_scheme)


def find_urls(text: str, budget: Budget | None = None) -> tuple[list[ParsedUrl], str]:
    """URLs written with a scheme in ``text``, and the text with them blanked out."""
    scan = scan_urls(text, budget)
    return scan.urls, scan.residual


def scan_urls(text: str, budget: Budget | None = None) -> UrlScan:
    """URLs written with a scheme in ``text``, the text with them blanked out, and whether a
    defanged scheme was seen on the way.

    The residual text is what the other finders (bare domains, e-mail addresses, IPs, phones) read,
    so that a URL's host, path or query is not reported a second time as something else.
    """
    found: list[ParsedUrl] = []
    pieces: list[str] = []
    copied = 0
    defanged = False
    anchor = text.find("://")
    while anchor != -1:
        if budget is not None and not budget.take():
            break
        start = _scheme_start(text, anchor)
        if start is None:
            defanged = defanged or text[max(0, anchor - 5) : anchor].lower().endswith(_DEFANGED_SCHEMES)
            anchor = text.find("://", anchor + 3)
            continue
        run = _URL_RUN.match(text, anchor + 3)
        end = run.end() if run else anchor + 3
        pieces.append(text[copied:start])
        pieces.append(" ")
        copied = end
        # a run past the length limit is cut before trimming: parse_url flags it truncated
        parsed = parse_url(trim_url(text[start : min(end, start + MAX_URL_LENGTH + 1)]))
        if parsed is not None:
            found.append(parsed)
        anchor = text.find("://", max(end, anchor + 3))
    if not pieces:
        return UrlScan(found, text, defanged)
    pieces.append(text[copied:])
    return UrlScan(found, "".join(pieces), defanged)


def _scheme_start(text: str, anchor: int) -> int | None:
    """Where the scheme before ``://`` at ``anchor`` starts, if it is one we read and stands alone."""
    head = text[max(0, anchor - 5) : anchor].lower()
    for scheme, length in _SCHEMES_BY_LENGTH:
        if head.endswith(scheme):
            start = anchor - length
            if start > 0 and text[start - 1].lower() in _SCHEME_PRECEDER:
                return None
            return start
    return None


def find_bare(text: str, budget: Budget | None = None) -> tuple[list[DomainInfo], list[ParsedUrl]]:
    """Domains written without a scheme, and the ``www.`` or domain-with-path forms among them as URLs."""
    domains: list[DomainInfo] = []
    urls: list[ParsedUrl] = []
    consumed = 0
    while (anchor := _DOT_LETTER.search(text, consumed)) is not None:
        if budget is not None and not budget.take():
            break
        dot = anchor.start()
        start = dot - _left_run_length(text, dot)
        # A name starts where its run of name characters starts, never inside it (the run before it
        # would make it part of a longer word): a run that began before what was read, is too long,
        # or follows "@", "/"... holds no name to read.
        if start < consumed or dot - start >= 260 or (start > 0 and text[start - 1] in _BARE_PRECEDER):
            right = _RIGHT_RUN.match(text, dot)
            consumed = right.end() if right else dot + 1
            continue
        match = _BARE_AT.match(text, start)
        if match is None:
            right = _RIGHT_RUN.match(text, dot)
            consumed = right.end() if right else dot + 1
            continue
        consumed = match.end()
        path = match.group(1)
        if path is not None and len(path) > MAX_URL_LENGTH:
            path = path[: MAX_URL_LENGTH + 1]
        token = match.group() if match.group(1) is None else text[start : match.start(1)]
        info = _bare_domain(token)
        if info is None:
            continue
        domains.append(info)
        www = _WWW.match(token) is not None
        if www or path:
            parsed = parse_url("http://" + token + trim_url(path or ""), schemeless=True)
            if parsed is not None:
                urls.append(parsed)
    return domains, urls


def _left_run_length(text: str, end: int) -> int:
    """Length of the run of name characters ending at ``end`` (at most 260), read on a reversed copy
    of the characters before it: a short window first (most runs are words), the full bound only
    when the run fills it."""
    window = text[max(0, end - _SHORT_LEFT) : end][::-1]
    match = _LEFT_RUN.match(window)
    length = match.end() if match else 0
    if length < _SHORT_LEFT:
        return length
    match = _LEFT_RUN.match(text[max(0, end - 260) : end][::-1])
    return match.end() if match else 0


_SHORT_LEFT: Final = 32


def _bare_domain(token: str) -> DomainInfo | None:
    if token.count(".") > 20 or "_" in token:
        return None  # underscores: file names (50_scores.cf), never a web host written in prose
    tld = token[token.rfind(".") + 1 :]
    if tld.isdigit():
        return None  # a number or an IP: not a name
    if tld != tld.lower() and token != token.upper():
        return None  # Hello.World, end.The: sentences run together, not names
    info = describe_domain(token)
    if info is None or info.registrable is None:
        return None
    if tld.lower() in FILE_EXTENSION_TLDS and _WWW.match(token) is None:
        return None
    label = info.registrable.split(".", 1)[0]
    if label.isdigit() and len(label) < 3:
        return None  # "option 1.to reply", "2.de": list numbering, not a site
    return info


def parse_url(raw: str, *, defanged: bool = False, schemeless: bool = False) -> ParsedUrl | None:
    """Parse and normalise one absolute URL; None when it is not an http(s)/ftp(s) URL with a valid host.

    Cached for URLs of usual length: a message repeats its links (text and HTML parts, logos,
    footers) and messages share theirs (half of the 20,093 parses of the SpamAssassin corpus are
    repeats). The length limit bounds what the cache holds whatever the input.
    """
    if len(raw) > _CACHED_URL_LENGTH:
        return _parse_url(raw, defanged, schemeless)
    return _cached_parse_url(raw, defanged, schemeless)


_CACHED_URL_LENGTH: Final = 512


def _parse_url(raw: str, defanged: bool, schemeless: bool) -> ParsedUrl | None:
    url = raw.strip()
    if "\n" in url or "\r" in url or "\t" in url:
        url = url.replace("\n", "").replace("\r", "").replace("\t", "")  # as browsers do
    scheme, separator, rest = url.partition("://")
    scheme = scheme.lower()
    if not separator or scheme not in SCHEMES:
        return None
    attributes: list[tuple[str, str]] = []
    if len(url) > MAX_URL_LENGTH:
        rest = rest[: MAX_URL_LENGTH - len(scheme) - 3]
        attributes.append(("truncated", "true"))
    end_match = _AUTHORITY_END.search(rest)
    end = end_match.start() if end_match else len(rest)
    authority, tail = rest[:end], rest[end:]
    userinfo, at, host_port = authority.rpartition("@")
    host_text, port = _split_port(host_port)
    if host_text is None or port is None:
        return None
    domain: DomainInfo | None = None
    ip: IpInfo | None = None
    if host_text.startswith("["):
        ip = normalise_ip(unquote(host_text))
        if ip is None or ip.version != 6:
            return None
        host = f"[{ip.value}]"
    else:
        if "%" in host_text:
            host_text = unquote(host_text)
        if _NUMERIC_LABEL.fullmatch(host_text.rstrip(".").rpartition(".")[2]):
            address = parse_numeric_host(host_text)
            if address is None:
                return None
            ip = normalise_ip(address)
            if ip is None:
                return None
            host = ip.value
            if host_text.rstrip(".") != host:
                attributes.append(("obfuscated_ip", "true"))
        else:
            domain = describe_domain(host_text)
            if domain is None:
                return None
            host = domain.host
    if tail[:1] != "/" and tail[:1] != "\\":
        tail = "/" + tail
    value = f"{scheme}://{userinfo}{at}{host}{':' + port if port else ''}{tail}"
    if _is_namespace(value, len(scheme) + 3):
        return None
    if at:
        attributes.append(("userinfo", "true"))
    if defanged:
        attributes.append(("defanged", "true"))
    if schemeless:
        attributes.append(("schemeless", "true"))
    if domain is not None:
        if domain.registrable:
            attributes.append(("registrable_domain", domain.registrable))
        if domain.shortener:
            attributes.append(("shortener", "true"))
    return ParsedUrl(value, domain, ip, tuple(attributes))


_cached_parse_url = lru_cache(maxsize=4096)(_parse_url)


def _split_port(host_port: str) -> tuple[str | None, str | None]:
    """(host, port) with port "" when absent; (None, None) when the pair is malformed."""
    if host_port.startswith("["):
        close = host_port.find("]")
        if close == -1:
            return None, None
        host, after = host_port[: close + 1], host_port[close + 1 :]
        if not after:
            return host, ""
        if after[0] != ":":
            return None, None
        port = after[1:]
    else:
        host, colon, port = host_port.partition(":")
        if not colon:
            return (host or None), ""
    if not port:
        return host, ""
    if not port.isascii() or not port.isdigit() or len(port) > 5 or int(port) > 65535:
        return None, None
    return host, str(int(port))


def _is_namespace(value: str, offset: int) -> bool:
    return value.startswith(NAMESPACE_URL_PREFIXES, offset)
