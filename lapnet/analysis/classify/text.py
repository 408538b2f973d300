"""The text the classifier reads: visible HTML text, one message's readable body, and folding for rules.

Everything here is runtime code (no scikit-learn) and never raises: HTML that the parser cannot read
falls back to a tag-stripping regex, and odd Unicode is folded rather than rejected.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import compress, count
from typing import Final

from selectolax.lexbor import LexborHTMLParser

from lapnet.analysis.message import ParsedMessage, TextPart

# HTML beyond this size is cut before parsing: nothing a person reads needs more, and it bounds the cost.
MAX_HTML_CHARS: Final = 1_000_000
# The classifier reads at most this much of a message's text (rules and model alike).
MAX_TEXT_CHARS: Final = 20_000

_BLOCK_END: Final = re.compile(
    r"(<br\b[^>]*>|<hr\b[^>]*>|</(?:p|div|tr|li|h[1-6]|td|th|table|blockquote|title|center|ul|ol)\s*>)",
    re.IGNORECASE,
)
_HIDDEN_STYLE: Final = re.compile(
    r"display\s*:\s*none|visibility\s*:\s*hidden|font-size\s*:\s*0(?:px|pt|em)?\s*(?:;|$)", re.IGNORECASE
)
_INVISIBLE_TAGS: Final = ["script", "style", "noscript", "template", "head"]
# what is left of them to remove once the indicator extraction has removed the scripts, style sheets
# and templates (its TreeReader contract)
_INVISIBLE_LEFT: Final = ["noscript", "head"]
_TAG: Final = re.compile(r"<[^>]{0,2000}>")
# Whitespace but line feeds and spaces (tabs, CR, no-break spaces...): every Unicode whitespace
# character sits below U+3001 (a test checks it). As a class of its own characters rather than
# [^\S\n ], it is a bitmap lookup per character for ``re``; for ASCII text, a ``str.translate`` table.
_OTHER_SPACES: Final = "".join(
    char for char in map(chr, range(0x3001)) if char.isspace() and char not in "\n "
)
_OTHER_SPACE: Final = re.compile(f"[{re.escape(_OTHER_SPACES)}]")
_ASCII_OTHER_SPACE: Final = "".join(" " if char in _OTHER_SPACES else char for char in map(chr, range(128)))
_SPACES: Final = re.compile(
    "  +"
)  # two literal spaces first: ``re`` skips to them in C (" {2,}" is 3x slower)
_LOOKS_LIKE_HTML: Final = re.compile(
    r"<(?:html|body|div|table|p|br|font|script|style|a\s+href)\b", re.IGNORECASE
)


def visible_text(html: str) -> str:
    """The text a reader of this HTML sees: no script, style, head or hidden elements; blocks on lines.

    selectolax (lexbor) parses it as a browser would and decodes entities. Never raises: on any parser
    failure the tags are stripped with a regex instead.
    """
    if not html:
        return ""
    html = html[:MAX_HTML_CHARS]
    try:
        return _tidy(_parse_visible(html))
    except Exception:  # hostile or broken input must cost the text, never the message
        return _tidy(_TAG.sub(" ", html))


def _parse_visible(html: str) -> str:
    return _read_visible(LexborHTMLParser(mark_blocks(html)))


def mark_blocks(html: str) -> str:
    """The markup the visible text is read from: a line break after each block's end."""
    return _BLOCK_END.sub(r"\1\n", html)


def read_visible_text(tree: LexborHTMLParser) -> str:
    """:func:`visible_text` of a tree parsed from :func:`mark_blocks` markup (that of the indicator
    extraction: one parse serves both), its scripts, style sheets and templates already removed (see
    ``lapnet.analysis.indicators.html.TreeReader``); raises on a tree it cannot read."""
    return _tidy(_read_visible(tree, _INVISIBLE_LEFT))


def _read_visible(tree: LexborHTMLParser, invisible: list[str] = _INVISIBLE_TAGS) -> str:
    title = tree.css_first("title")
    title_text = title.text() if title is not None else ""
    tree.strip_tags(invisible)  # one tag at a time (a walk of the tree each), the head last
    for node in tree.css("[style]"):
        style = node.attributes.get("style") or ""
        if _HIDDEN_STYLE.search(style):
            node.decompose()
    body = tree.body
    body_text = body.text() if body is not None else ""
    return f"{title_text}\n{body_text}" if title_text.strip() else body_text


def _tidy(text: str) -> str:
    """Runs of spaces made one space, lines stripped, blank lines dropped.

    Each step looks only for what it changes (a regex that matched every single space cost most of
    :func:`message_text`), in C: each line is stripped (``str.strip`` takes every kind of white
    space) and the empty ones dropped first, which removes most runs of spaces (an HTML text's
    indentation); then the other white space left inside lines becomes spaces, and runs of spaces
    one space.
    """
    text = "\n".join(filter(None, map(str.strip, text.split("\n"))))
    if not text.isascii() and "\xa0" in text:
        # HTML's &nbsp;, the one such space common in mail, replaced in C: the text is often ASCII then
        text = text.replace("\xa0", " ")
    if text.isascii():
        text = text.translate(_ASCII_OTHER_SPACE)
    else:  # translated quickly where ASCII, the regex reading the other characters' runs only
        pieces = split_non_ascii(text)
        pieces[0::2] = [piece.translate(_ASCII_OTHER_SPACE) for piece in pieces[0::2]]
        pieces[1::2] = [_OTHER_SPACE.sub(" ", run) for run in pieces[1::2]]
        text = "".join(pieces)
    if "  " in text:
        text = _SPACES.sub(" ", text)
    return text


def message_text(message: ParsedMessage, html_texts: Sequence[str | None] = ()) -> str:
    """The readable body of a parsed message: its text parts, and its HTML parts' visible text when the
    text parts do not already say it (a one-line "view this in a browser" beside a full HTML body).

    A ``text/plain`` part that is really HTML (common in spam) is read as HTML. ``html_texts`` may
    hold the visible text of each HTML part already read (:func:`read_visible_text`), None where not.
    """
    plain_pieces: list[str] = []
    for part in message.text_parts:
        text = part.text
        if _LOOKS_LIKE_HTML.search(text[:5000]):
            text = visible_text(text)
        plain_pieces.append(text)
    plain = _tidy("\n".join(plain_pieces))
    # visible text is already tidy: joined on line breaks (the empty left out), it stays so
    html = "\n".join(filter(None, map(_visible_of_part, message.html_parts, _padded(html_texts))))
    if not html:
        return plain[:MAX_TEXT_CHARS]
    if not plain:
        return html[:MAX_TEXT_CHARS]
    if len(plain) < len(html) // 2:
        return f"{plain}\n{html}"[:MAX_TEXT_CHARS]
    return plain[:MAX_TEXT_CHARS]


def _visible_of_part(part: TextPart, known: str | None) -> str:
    return known if known is not None else visible_text(part.text)


def _padded(texts: Sequence[str | None]) -> Iterator[str | None]:
    yield from texts
    while True:
        yield None


def attachment_names(message: ParsedMessage) -> tuple[str, ...]:
    return tuple(part.filename for part in message.attachments if part.filename)


# Letters that look Latin in other scripts (homoglyphs used to dodge filters), folded to the Latin letter.
_CONFUSABLES: Final = {
    "а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "у": "y", "х": "x", "і": "i", "ј": "j", "ѕ": "s",
    "ԁ": "d", "ӏ": "l", "һ": "h", "ԛ": "q", "ԝ": "w", "А": "a", "В": "b", "Е": "e", "К": "k", "М": "m",
    "Н": "h", "О": "o", "Р": "p", "С": "c", "Т": "t", "Х": "x", "І": "i", "Ј": "j", "Ѕ": "s", "α": "a",
    "ο": "o", "ι": "i", "κ": "k", "ν": "v", "ρ": "p", "τ": "t", "υ": "u", "Α": "a", "Β": "b", "Ε": "e",
    "Ζ": "z", "Η": "h", "Ι": "i", "Κ": "k", "Μ": "m", "Ν": "n", "Ο": "o", "Ρ": "p", "Τ": "t", "Υ": "y",
    "Χ": "x", "ß": "s", "æ": "a", "Æ": "a", "ø": "o", "Ø": "o", "đ": "d", "Đ": "d", "ł": "l", "Ł": "l",
    "œ": "o", "Œ": "o", "ı": "i", "İ": "i", "ſ": "s",
}  # fmt: skip
_PUNCTUATION: Final = {
    "\u00a0": " ", "\u2007": " ", "\u202f": " ", "\u3000": " ", "\u2018": "'", "\u2019": "'", "\u201a": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-",
    "\u2014": "-", "\u2212": "-", "\u2024": ".", "\uff0e": ".", "\u3002": ".",
}  # fmt: skip
# Invisible characters slipped inside words ("Pay\u200bPal"): folded to a marker, then removed.
_INVISIBLE: Final = "\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b\u200c\u200d\u200e\u200f\u2060\u2061\u2062\u2063\u2064\ufeff"
_REMOVED: Final = "\x7f"  # DEL: never meaningful in mail text, so it can stand for "drop this character"
# Ranges where compatibility forms of Latin letters and digits live (accents, Vietnamese, circled,
# full-width, mathematical bold/italic/script...): each such character folds to its base ASCII form.
_COMPATIBILITY_RANGES: Final = (
    (0xC0, 0x250),
    (0x1E00, 0x1F00),
    (0x2100, 0x2150),
    (0x2460, 0x2500),
    (0xFF00, 0xFF60),
)
_MATHEMATICAL: Final = (0x1D400, 0x1D800)  # bold, italic, script... letters: outside the BMP, folded apart
_HAS_MATHEMATICAL: Final = re.compile("[\U0001d400-\U0001d7ff]")


def _fold_table() -> str:
    """A translation table as a string indexed by code point (much faster than a dict in ``translate``).

    Each entry is exactly one character, so folding never moves an offset; characters beyond the table
    are left as they are.
    """
    table = [chr(code) for code in range(0x10000)]
    table[0x7F] = " "  # a DEL in the input is not a removal marker
    for low, high in _COMPATIBILITY_RANGES:
        for code in range(low, high):
            char = chr(code)
            base = unicodedata.normalize("NFKD", char)[:1]
            if base != char and base.isascii() and base.isalnum():
                table[code] = base
    for char, base in (*_CONFUSABLES.items(), *_PUNCTUATION.items()):
        table[ord(char)] = base
    for char in _INVISIBLE:
        table[ord(char)] = _REMOVED
    return "".join(table)


def _mathematical_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for code in range(*_MATHEMATICAL):
        base = unicodedata.normalize("NFKD", chr(code))[:1]
        if base.isascii() and base.isalnum():
            table[code] = base
    return table


_FOLD: Final = _fold_table()  # the Basic Multilingual Plane, 2 bytes a character: about 128 KB
_FOLD_MATHEMATICAL: Final = _mathematical_table()


# A text is read for its other characters in chunks of this many (see split_non_ascii).
_CHUNK: Final = 256
_NON_ASCII_SPLIT: Final = re.compile(r"([^\x00-\x7f]+)")


def split_non_ascii(text: str) -> list[str]:
    """``re.split(r"([^\\x00-\\x7f]+)", text)``: the text's stretches of ASCII and the runs of other
    characters between them, alternately, from an ASCII stretch to an ASCII stretch (either may be
    empty). A caller treats each kind its own way: ``str.translate`` and ``str.lower`` are quick on
    ASCII only, and the other runs are usually a few symbols or accented letters.

    The regular expression alone tries every position of the text in turn, about 20 ns a character
    however few other characters there are (0.35 ms for a text of 16,000 characters with one accented
    letter). Here the text is read in chunks, whose ASCII-ness CPython finds a machine word at a time;
    the expression runs only over the chunks that hold another character, and the pieces on either
    side of those are joined to their neighbours, so that the list is the expression's own.
    """
    if text.isascii():
        return [text]
    pieces: list[str] = []
    length = len(text)
    prefix = ""  # the end of the last mixed stretch, ASCII, which the text after it continues
    ascii_from = 0  # where the ASCII text not yet in ``pieces`` (after ``prefix``) begins
    position = 0
    while position < length:
        end = position + _CHUNK
        if text[position:end].isascii():
            position = end
            continue
        mixed_from = position
        position = end
        while position < length and not text[position : position + _CHUNK].isascii():
            position += _CHUNK
        split = _NON_ASCII_SPLIT.split(text[mixed_from:position])  # ASCII, run, ..., run, ASCII
        split[0] = prefix + text[ascii_from:mixed_from] + split[0]
        prefix = split.pop()
        pieces.extend(split)
        ascii_from = position
    pieces.append(prefix + text[ascii_from:])
    return pieces


def _fold_run(run: str) -> str:
    folded = run.translate(_FOLD)
    return folded.translate(_FOLD_MATHEMATICAL) if _HAS_MATHEMATICAL.search(folded) else folded


def _translated(text: str) -> list[str]:
    """:func:`split_non_ascii` pieces of ``text.translate(_FOLD)`` (the mathematical letters beyond the
    table folded too), for text that is not ASCII.

    ``str.translate`` looks each character of a text that is not pure ASCII up one by one (tens of
    nanoseconds each), yet the table changes no ASCII character but DEL: so only the runs of other
    characters are translated, usually a few symbols or accented letters in a text of thousands.
    """
    if "\x7f" in text:
        text = text.replace("\x7f", _FOLD[0x7F])
    pieces = split_non_ascii(text)
    pieces[1::2] = [_fold_run(run) for run in pieces[1::2]]
    return pieces


def _lower(text: str, pieces: list[str]) -> str:
    """``text.lower()``, given ``text`` as pieces. ``str.lower`` is quick on ASCII only, so each piece
    is lowered apart, the long ASCII stretches quickly. It maps each character alone, but for a
    capital sigma, which becomes a final sigma at the end of a word: a text holding one is lowered whole."""
    if len(pieces) == 1 or "\u03a3" in text:
        return text.lower()
    return "".join([piece.lower() for piece in pieces])


@dataclass(frozen=True, slots=True)
class Folded:
    """Folded text, and where each of its characters sits in the original (None: same place)."""

    text: str
    positions: tuple[int, ...] | None = None

    def __init__(self, text: str, positions: tuple[int, ...] | None = None) -> None:
        # written out so that mypyc compiles it: see the note in lapnet.analysis.types
        object.__setattr__(self, "text", text)
        object.__setattr__(self, "positions", positions)

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        if self.positions is None:
            return start, end
        if not self.positions:
            return 0, 0
        last = len(self.positions) - 1
        first = self.positions[min(start, last)]
        final = self.positions[min(max(end - 1, start), last)] + 1
        return first, final


def fold(text: str) -> Folded:
    """Lower case; accents, homoglyphs, full-width and typographic forms folded; invisibles removed.

    Offsets in the folded text map back to the original through :meth:`Folded.original_span`, so
    evidence snippets are cut from what the sender wrote, not from the folded copy.
    """
    if text.isascii():
        folded = text.lower()
    else:
        pieces = _translated(text)
        text = "".join(pieces)
        folded = _lower(text, pieces)
    if len(folded) != len(text):  # U+0130 and kin outside the table: keep offsets exact
        folded = "".join(char.lower()[:1] for char in text)
    if _REMOVED not in folded:
        return Folded(folded)
    positions = tuple(compress(count(), map(_REMOVED.__ne__, folded)))  # in C: texts are long
    return Folded(folded.replace(_REMOVED, ""), positions)


def fold_text(text: str) -> str:
    """Just the folded text (for the model, which needs no offsets)."""
    if text.isascii():
        folded = text.lower()
    else:
        pieces = _translated(text)
        folded = _lower("".join(pieces), pieces)
    return folded.replace(_REMOVED, "") if _REMOVED in folded else folded


def snippet(text: str, start: int, end: int, width: int = 80) -> str:
    """About ``width`` characters of ``text`` around ``[start, end)``, whitespace collapsed.

    The matched text is always kept whole (up to 200 characters), with context shared on both sides.
    """
    start = max(0, min(start, len(text)))
    end = max(start, min(end, len(text), start + 200))
    context = max(0, width - (end - start)) // 2
    left = max(0, start - context)
    right = min(len(text), end + context)
    piece = " ".join(text[left:right].split())
    prefix = "…" if left > 0 else ""
    suffix = "…" if right < len(text) else ""
    return f"{prefix}{piece}{suffix}"
