"""Links and visible text out of an HTML body.

The markup is parsed once with selectolax's lexbor engine (an HTML5 parser in C: it reads markup as a
browser does and decodes entities). Collected, each with its kind for ``found_in``:

* ``href`` (a, area, link, base), ``src`` (img, script, iframe, frame, embed, source, input...),
  ``action`` (form), ``formaction`` (button, input), ``background`` (body, table, td), ``poster``,
  ``data`` (object), and, through the markup scan below, ``xlink:href`` (SVG), ``lowsrc``,
  ``dynsrc``, ``data-src``/``data-href``/``data-url``;
* ``srcset`` and ``imagesrcset`` (every candidate URL);
* ``meta_refresh`` (``<meta http-equiv="refresh" content="0; url=...">``) and ``meta`` (a ``content``
  that is an absolute URL, such as ``og:url``);
* ``css``: ``url(...)`` in style attributes and style sheets (``@import url(...)`` included);
* ``script``: the text of scripts, from which the collector takes only scheme URLs (JS redirects);
* the visible text (scripts, style sheets and templates removed), read like plain text.

For ``<a href>`` the anchor's own text is kept, so that a link whose text shows another domain than
the one it leads to can be flagged.

What a parser does not see is read from the markup directly, by a scan anchored on attribute names
(found with fast substring searches, never a pattern tried at every position):

* comments: Outlook's conditional comments hold the VML buttons (``<v:roundrect href=...>``) that
  Outlook users click, and commented-out markup still names the sender's infrastructure;
* broken markup: an attribute whose quote is never closed makes an HTML5 parser drop the rest of
  the tag, often the rest of the document. When the markup outside comments says ``href=``/``src=``/
  ``action=`` more often than the parser found such attributes, the whole markup is scanned too;
* a parser failure (never seen, but hostile input is hostile): the scan and a tag stripper stand in.

Limits: an HTML5 parser's time grows with the square of the nesting depth (lexbor takes 0.6 s for
20,000 unclosed ``<div>``), so markup with thousands of elements left open is not parsed but scanned;
and at most ``MAX_LINKS`` links are read from one document.
"""

from __future__ import annotations

import html as html_lib
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Final

from mypy_extensions import mypyc_attr
from selectolax.lexbor import LexborHTMLParser, LexborNode

_URL_ATTRIBUTES: Final = frozenset(
    {
        "href", "src", "action", "formaction", "background", "poster", "data", "lowsrc", "dynsrc",
        "xlink:href", "data-src", "data-href", "data-url",
    }
)  # fmt: skip
_SRCSET_ATTRIBUTES: Final = frozenset({"srcset", "imagesrcset"})
# The selector names the common attributes only: lexbor's cost grows with the number of selectors
# times the number of elements. The rare ones all contain "src=" or "href=", so the count check
# sends a document that has them to the markup scan.
_SELECTED: Final = ("href", "src", "action", "background", "srcset", "formaction", "poster", "data")
_SELECTOR: Final = ",".join([f"[{name}]" for name in _SELECTED] + ["meta[content]"])
# Markers of URL attributes in the raw markup, compared with what the parser selected: they also
# count xlink:href, data-href, lowsrc, dynsrc and data-src, which the selector leaves to the markup
# scan. Each marker costs a pass over the markup, so they are few.
_COUNTED_MARKERS: Final = (b"href=", b"src=")
_ANCHOR_TEXT_LIMIT: Final = 300
_HIDDEN_BLOCKS: Final = ["script", "style", "template"]
# Without "<script" in the markup there is no script element: not asking lexbor for one spares a walk
# of the whole tree (the markup is searched for "<script" anyway, for the script text).
_HIDDEN_BLOCKS_BUT_SCRIPT: Final = ["style", "template"]
MAX_LINKS: Final = 5000
# "<" minus twice "</": at least the number of elements left open (void elements such as <br> and
# <img> count too, so the bound is generous); above it the parser's quadratic cost is a risk.
MAX_UNCLOSED: Final = 8000

# Attribute names are found from these substrings (in the ASCII-lowered markup), then widened to the
# whole name: "src" finds src, srcset, lowsrc, dynsrc and data-src.
_NAME_NEEDLES: Final = (b"href", b"src", b"action", b"background", b"poster", b"data")
# Misses allowed to the one-byte search of _find_by_rare_byte before the ordinary search takes over:
# the byte is rare in markup (a median of 1 "(" and 4 "!" in the corpus's HTML parts).
_RARE_BYTE_MISSES: Final = 16
_NAME_BYTES: Final = frozenset(b"abcdefghijklmnopqrstuvwxyz-:")
_NAME_LIMIT: Final = 16  # longer than any URL attribute name: bounds the widening on hostile input
_VALUE_AT: Final = re.compile(
    r"\s*=\s*(?:\"([^\"]{0,8192}+)\"|'([^']{0,8192}+)'|[\"']?([^\s\"'<>]{1,8192}+))"
)
_CSS_VALUE_AT: Final = re.compile(r"\s*([^()]{1,4096}+)\)")
_META_REFRESH_URL: Final = re.compile(r"(?i)^\s*[\d.]*\s*[;,]?\s*(?:url\s*=\s*)?(.*)$", re.DOTALL)
_TAG: Final = re.compile(r"<[^<>]{0,4096}+>")


@mypyc_attr(acyclic=True)
@dataclass(frozen=True, slots=True)
class HtmlLink:
    value: str  # the attribute value, entities decoded, surrounding white space removed
    kind: str  # href, src, action, ..., css, meta_refresh
    anchor_text: str | None = None  # the text of an <a href>, when it has any

    def __init__(self, value: str, kind: str, anchor_text: str | None = None) -> None:
        # written out so that mypyc compiles it: see the note in lapnet.analysis.types
        object.__setattr__(self, "value", value)
        object.__setattr__(self, "kind", kind)
        object.__setattr__(self, "anchor_text", anchor_text)


@mypyc_attr(acyclic=True)
@dataclass(frozen=True, slots=True)
class HtmlContent:
    links: list[HtmlLink]
    text: str = ""
    script: str = ""
    unparsed: str | None = None  # why the markup scan stood in for the parser, when it did
    truncated: bool = False  # more than MAX_LINKS links: the rest were not read
    reading: str | None = None  # what ``reader`` read from the same tree, when it could

    def __init__(  # noqa: PLR0917 - the fields, positional as in the generated __init__
        self,
        links: list[HtmlLink],
        text: str = "",
        script: str = "",
        unparsed: str | None = None,
        truncated: bool = False,
        reading: str | None = None,
    ) -> None:
        # written out so that mypyc compiles it: see the note in lapnet.analysis.types
        object.__setattr__(self, "links", links)
        object.__setattr__(self, "text", text)
        object.__setattr__(self, "script", script)
        object.__setattr__(self, "unparsed", unparsed)
        object.__setattr__(self, "truncated", truncated)
        object.__setattr__(self, "reading", reading)


@dataclass(frozen=True, slots=True)
class TreeReader:
    """A second reading of the parsed tree, so that one HTML parse serves two readers.

    ``prepare`` turns the markup into the markup the tree is parsed from; it may only add white space
    between tags (the classifier puts a line break after each block), so links and text read the
    same. ``read`` runs once links and text are taken, on the tree with scripts, style sheets and
    templates removed; its result is :attr:`HtmlContent.reading`. When the parse needs a fallback, or
    ``read`` fails, ``reading`` stays None and the caller reads the HTML its own way.
    """

    prepare: Callable[[str], str]
    read: Callable[[LexborHTMLParser], str]


def extract_html(markup: str, reader: TreeReader | None = None) -> HtmlContent:
    """Links, visible text and script text of ``markup``; never raises."""
    ascii_lower = markup.encode("ascii", "replace").lower()  # one byte per character: indices agree
    too_long = len(markup) > 3 * MAX_UNCLOSED  # fewer characters cannot leave that many open
    if too_long and ascii_lower.count(b"<") - 2 * ascii_lower.count(b"</") > MAX_UNCLOSED:
        return _extract_scanned(markup, ascii_lower, "too many elements left open to parse in bounded time")
    try:
        return _extract_parsed(markup, ascii_lower, reader)
    except Exception as error:  # the parser (or its encoder) on input it cannot take: scan instead
        return _extract_scanned(markup, ascii_lower, f"the HTML parser failed ({type(error).__name__})")


def _extract_parsed(markup: str, ascii_lower: bytes, reader: TreeReader | None) -> HtmlContent:
    tree: LexborHTMLParser | None = None
    if reader is not None:
        try:
            tree = LexborHTMLParser(reader.prepare(markup))
        except Exception:  # read alone below; the caller's reader parses on its own
            reader = None
    if tree is None:
        try:
            tree = LexborHTMLParser(markup)
        except UnicodeEncodeError:  # lone surrogates from a broken decode upstream
            tree = LexborHTMLParser(markup.encode("utf-8", "replace").decode("utf-8"))
    links: list[HtmlLink] = []
    counted = 0
    for node in tree.css(_SELECTOR):
        if len(links) >= MAX_LINKS:
            break
        attributes = node.attributes
        for name, raw in attributes.items():
            if not raw:
                continue
            # the tag name is decoded only where it matters (href, content), not for every <img src>
            if name in _URL_ATTRIBUTES:
                counted += name in ("href", "src")
                value = raw.strip()
                if value:
                    anchor = _anchor_text(node) if name == "href" and node.tag == "a" else None
                    links.append(HtmlLink(value, name, anchor))
            elif name in _SRCSET_ATTRIBUTES:
                links.extend(HtmlLink(url, name) for url in _srcset_urls(raw))
            elif name == "content" and node.tag == "meta":
                links.extend(_meta_link(attributes, raw))
    outside = sum(ascii_lower.count(marker) for marker in _COUNTED_MARKERS)
    for start, end in _comment_spans(ascii_lower):
        if ascii_lower.find(b"=", start, end) == -1:
            continue  # a label or a bare conditional: no attribute inside
        outside -= sum(ascii_lower.count(marker, start, end) for marker in _COUNTED_MARKERS)
        links.extend(_attribute_links(markup, ascii_lower, start, end))
    if outside > counted:  # the parser lost attributes: broken markup
        seen = {(link.kind, link.value) for link in links}
        scanned = _attribute_links(markup, ascii_lower, 0, len(markup))
        links.extend(link for link in scanned if (link.kind, link.value) not in seen)
    links.extend(_css_links(markup, ascii_lower))
    first_script = ascii_lower.find(b"<script")
    tree.strip_tags(_HIDDEN_BLOCKS if first_script != -1 else _HIDDEN_BLOCKS_BUT_SCRIPT, recursive=True)
    root = tree.root
    text = root.text(separator=" ") if root is not None else ""
    script = _script_text(markup, ascii_lower, first_script)
    reading = None
    if reader is not None:
        try:
            reading = reader.read(tree)
        except Exception:  # the caller's own reading takes over
            reading = None
    return HtmlContent(links[:MAX_LINKS], text, script, truncated=len(links) >= MAX_LINKS, reading=reading)


def _extract_scanned(markup: str, ascii_lower: bytes, reason: str) -> HtmlContent:
    try:
        links = _attribute_links(markup, ascii_lower, 0, len(markup))
        links.extend(_css_links(markup, ascii_lower))
        text = html_lib.unescape(_TAG.sub(" ", markup))
    except Exception:  # nothing more to fall back to: no indicator rather than an exception
        return HtmlContent([], unparsed=reason)
    return HtmlContent(links[:MAX_LINKS], text, "", unparsed=reason, truncated=len(links) >= MAX_LINKS)


def _anchor_text(node: LexborNode) -> str | None:
    text = node.text(deep=True, separator="", strip=True)[:_ANCHOR_TEXT_LIMIT].strip()
    return text or None


def _meta_link(attributes: dict[str, str | None], content: str) -> list[HtmlLink]:
    http_equiv = (attributes.get("http-equiv") or "").strip().lower()
    if http_equiv == "refresh":
        match = _META_REFRESH_URL.match(content)
        target = match.group(1).strip().strip("'\"").strip() if match else ""
        return [HtmlLink(target, "meta_refresh")] if target else []
    value = content.strip()
    if value[:7].lower() == "http://" or value[:8].lower() == "https://":
        return [HtmlLink(value, "meta")]
    return []


def _srcset_urls(srcset: str) -> list[str]:
    urls: list[str] = []
    for candidate in srcset.split(","):
        parts = candidate.split()
        if parts:
            urls.append(parts[0])
    return urls


def _script_text(markup: str, ascii_lower: bytes, start: int) -> str:
    """The text of every ``<script>`` element, read from the markup (scripts are raw text in HTML);
    ``start`` is where ``ascii_lower`` first says ``<script`` (-1: nowhere)."""
    pieces: list[str] = []
    while start != -1 and len(pieces) < MAX_LINKS:
        body = ascii_lower.find(b">", start)
        if body == -1:
            break
        end = ascii_lower.find(b"</script", body)
        if end == -1:
            end = len(ascii_lower)
        pieces.append(markup[body + 1 : end])
        start = ascii_lower.find(b"<script", end)
    return "\n".join(pieces)


def _comment_spans(ascii_lower: bytes) -> list[tuple[int, int]]:
    """(start, end) of the content of every ``<!-- ... -->`` (an unclosed one runs to the end)."""
    spans: list[tuple[int, int]] = []
    start = _find_by_rare_byte(ascii_lower, b"<!--", 1, 0)
    while start != -1:
        end = ascii_lower.find(b"-->", start + 4)
        if end == -1:
            spans.append((start + 4, len(ascii_lower)))
            break
        spans.append((start + 4, end))
        start = _find_by_rare_byte(ascii_lower, b"<!--", 1, end + 3)
    return spans


def _attribute_links(markup: str, ascii_lower: bytes, start: int, end: int) -> list[HtmlLink]:
    """URL attributes written in ``markup[start:end]``, found from their names."""
    links: list[HtmlLink] = []
    seen_names: set[int] = set()
    for needle in _NAME_NEEDLES:
        position = ascii_lower.find(needle, start, end)
        while position != -1 and len(seen_names) < MAX_LINKS:
            name_start = position
            floor = max(start, position - _NAME_LIMIT)
            while name_start > floor and ascii_lower[name_start - 1] in _NAME_BYTES:
                name_start -= 1
            name_end = position + len(needle)
            ceiling = min(end, name_end + _NAME_LIMIT)
            while name_end < ceiling and ascii_lower[name_end] in _NAME_BYTES:
                name_end += 1
            position = ascii_lower.find(needle, name_end, end)
            if name_start in seen_names or name_end - name_start > _NAME_LIMIT:
                continue
            seen_names.add(name_start)
            name = ascii_lower[name_start:name_end].decode("ascii")
            if name not in _URL_ATTRIBUTES and name not in _SRCSET_ATTRIBUTES:
                continue
            match = _VALUE_AT.match(markup, name_end, end)
            if match is None:
                continue
            raw = match.group(1) or match.group(2) or match.group(3) or ""
            value = _unescape(raw).strip()
            if not value:
                continue
            if name in _SRCSET_ATTRIBUTES:
                links.extend(HtmlLink(url, name) for url in _srcset_urls(value))
            else:
                links.append(HtmlLink(value, name))
    return links


def _css_links(markup: str, ascii_lower: bytes) -> list[HtmlLink]:
    """``url(...)`` anywhere in the markup: style attributes and style sheets, ``@import url(...)``
    included (the rare ``@import "..."`` without ``url`` is not worth another pass over the markup)."""
    links: list[HtmlLink] = []
    position = _find_by_rare_byte(ascii_lower, b"url(", 3, 0)
    while position != -1 and len(links) < MAX_LINKS:
        match = _CSS_VALUE_AT.match(markup, position + 4)
        position = _find_by_rare_byte(ascii_lower, b"url(", 3, position + 4)
        if match is None:
            continue
        value = _unescape(match.group(1)).strip().strip("'\"").strip()
        if value:
            links.append(HtmlLink(value, "css"))
    return links


def _unescape(value: str) -> str:
    """``html.unescape``, without its call (interpreted Python) for the many values with no entity."""
    return html_lib.unescape(value) if "&" in value else value


def _find_by_rare_byte(haystack: bytes, needle: bytes, rare: int, start: int) -> int:
    """``haystack.find(needle, start)``, looked for through ``needle[rare]``, a byte that markup seldom
    holds ("(" of "url(", "!" of "<!--").

    CPython searches a longer needle at about 2 bytes a nanosecond, reading the whole markup when the
    needle is not there (the usual case); a single byte is searched with memchr, many times faster,
    and each of its rare occurrences costs one comparison. Markup full of that byte (hostile, or a
    script) would make it slow: after a few misses the ordinary search takes over.
    """
    byte = needle[rare : rare + 1]
    misses = 0
    position = haystack.find(byte, start + rare)
    while position != -1 and misses < _RARE_BYTE_MISSES:
        if haystack.startswith(needle, position - rare):
            return position - rare
        misses += 1
        position = haystack.find(byte, position + 1)
    return -1 if position == -1 else haystack.find(needle, position - rare)
