"""RFC 5322 / MIME messages from bytes: headers, text and HTML parts, attachments, embedded messages.

The stdlib parser (policy ``compat32``, the fastest and the most forgiving) does the MIME work; this
module turns its mutable tree into a frozen :class:`ParsedMessage` of decoded parts, and records what
the parser or the decoding found wrong as :class:`~lapnet.analysis.types.Defect` rather than raising.
Line endings may be LF, CRLF or CR alone: the stdlib feed parser accepts all three.
"""

from __future__ import annotations

import codecs
import email
import email.header
import email.message
import email.policy
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from email.generator import BytesGenerator
from io import BytesIO
from typing import Any, Final

from mypy_extensions import mypyc_attr

from lapnet.analysis.types import Defect

# Deeply nested MIME is a denial-of-service vector; nothing legitimate nests deeper than this.
MAX_DEPTH: Final = 24
# Parts beyond this many are recorded as a defect and skipped.
MAX_PARTS: Final = 500

_ENCODED_WORD: Final = re.compile(r"=\?[^?\s]+\?[bBqQ]\?[^?\s]*\?=")
_CHARSET_ALIASES: Final = {
    "unicode-1-1-utf-7": "utf-7",
    "x-unknown": "cp1252",
    "unknown-8bit": "cp1252",
    "us-ascii": "cp1252",  # mislabelled 8-bit text is common; cp1252 is a superset for ASCII
    "ascii": "cp1252",
    "iso-8859-1": "cp1252",  # browsers do the same (WHATWG): C1 range holds cp1252 punctuation
    "latin1": "cp1252",
    "x-user-defined": "cp1252",
    "ks_c_5601-1987": "cp949",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "windows-874": "cp874",
    "x-mac-roman": "mac_roman",
}
# A Content-Type whose only parameter is a charset token, bare or quoted: read without the stdlib's
# parameter parsing (which costs more than the rest of a part), to the same answer.
_SIMPLE_CHARSET: Final = re.compile(
    r'[^;"\\]*;\s*charset\s*=\s*(?:"([A-Za-z0-9_.:+-]+)"|([A-Za-z0-9_.:+-]+))\s*;?\s*\Z', re.IGNORECASE
)
REPORT_TYPES: Final = frozenset({"message/feedback-report", "message/delivery-status", "text/rfc822-headers"})
# One field of a header block that the stdlib's feed parser reads without a defect ("Name:", then the
# value, continued on lines that start with a space or a tab, every line ended by LF or CRLF; the
# name's characters are the feed parser's, email.feedparser.headerRE, at least one of them): its name,
# the white space after the colon (which compat32's header_source_parse drops), and its value before
# the final line break is stripped. A block is such fields one after the other, nothing between.
_HEADER_FIELD: Final = re.compile(r"([\041-\071\073-\176]+):([ \t]*)([^\n]*\n(?:[ \t][^\n]*\n)*)")
_BLANK_LINE: Final = re.compile(r"\n(\r?\n)")
# what may follow "--boundary" on a boundary line (email.feedparser.boundaryendRE, no lone CR): an
# optional "--" (group 1: the close boundary), spaces or tabs, then the line break or the end of the text
_BOUNDARY_END: Final = re.compile(r"(--)?[ \t]*(?:\r?\n|\Z)")


@mypyc_attr(acyclic=True)
@dataclass(frozen=True, slots=True)
class TextPart:
    path: str  # MIME part path: "1", "2.1", ...
    content_type: str
    text: str
    charset: str | None

    def __init__(self, path: str, content_type: str, text: str, charset: str | None) -> None:
        # written out so that mypyc compiles it: see the note in lapnet.analysis.types
        object.__setattr__(self, "path", path)
        object.__setattr__(self, "content_type", content_type)
        object.__setattr__(self, "text", text)
        object.__setattr__(self, "charset", charset)


@mypyc_attr(acyclic=True)
@dataclass(frozen=True, slots=True)
class BinaryPart:
    path: str
    content_type: str
    filename: str | None
    payload: bytes
    inline: bool

    def __init__(
        self, path: str, content_type: str, filename: str | None, payload: bytes, inline: bool
    ) -> None:
        # written out so that mypyc compiles it: see the note in lapnet.analysis.types
        object.__setattr__(self, "path", path)
        object.__setattr__(self, "content_type", content_type)
        object.__setattr__(self, "filename", filename)
        object.__setattr__(self, "payload", payload)
        object.__setattr__(self, "inline", inline)


@mypyc_attr(acyclic=True)
@dataclass(frozen=True, slots=True)
class EmbeddedMessage:
    """A message carried inside another: ``message/rfc822`` or ``text/rfc822-headers``."""

    path: str
    content_type: str
    raw: bytes

    def __init__(self, path: str, content_type: str, raw: bytes) -> None:
        # written out so that mypyc compiles it: see the note in lapnet.analysis.types
        object.__setattr__(self, "path", path)
        object.__setattr__(self, "content_type", content_type)
        object.__setattr__(self, "raw", raw)


@dataclass(frozen=True, slots=True)
class ParsedMessage:
    headers: tuple[tuple[str, str], ...]  # (name, unfolded value), in order; 8-bit bytes decoded
    content_type: str
    text_parts: tuple[TextPart, ...]
    html_parts: tuple[TextPart, ...]
    attachments: tuple[BinaryPart, ...]
    embedded: tuple[EmbeddedMessage, ...]
    report_parts: tuple[TextPart, ...]  # message/feedback-report, message/delivery-status bodies
    defects: tuple[Defect, ...]
    tree: email.message.Message  # the stdlib tree, for report parsers that need structure
    by_name: Mapping[str, tuple[str, ...]]  # lower-cased name -> values
    # each leaf of ``tree`` whose ``get_payload(decode=True)`` gave bytes -> those bytes, so that a
    # later reader of the tree (the X-ARF sniff) need not decode the part again
    decoded: Mapping[email.message.Message, bytes]

    def __init__(  # noqa: PLR0917 - the fields, positional as in the generated __init__
        self,
        headers: tuple[tuple[str, str], ...],
        content_type: str,
        text_parts: tuple[TextPart, ...],
        html_parts: tuple[TextPart, ...],
        attachments: tuple[BinaryPart, ...],
        embedded: tuple[EmbeddedMessage, ...],
        report_parts: tuple[TextPart, ...],
        defects: tuple[Defect, ...],
        tree: email.message.Message,
        by_name: Mapping[str, tuple[str, ...]],
        decoded: Mapping[email.message.Message, bytes],
    ) -> None:
        # written out so that mypyc compiles it: see the note in lapnet.analysis.types
        object.__setattr__(self, "headers", headers)
        object.__setattr__(self, "content_type", content_type)
        object.__setattr__(self, "text_parts", text_parts)
        object.__setattr__(self, "html_parts", html_parts)
        object.__setattr__(self, "attachments", attachments)
        object.__setattr__(self, "embedded", embedded)
        object.__setattr__(self, "report_parts", report_parts)
        object.__setattr__(self, "defects", defects)
        object.__setattr__(self, "tree", tree)
        object.__setattr__(self, "by_name", by_name)
        object.__setattr__(self, "decoded", decoded)

    def header(self, name: str) -> str | None:
        """The first header of that name (case-insensitive), unfolded, or None."""
        values = self.by_name.get(name.lower())
        return values[0] if values else None

    def all_headers(self, name: str) -> list[str]:
        return list(self.by_name.get(name.lower(), ()))

    def decoded_header(self, name: str) -> str | None:
        value = self.header(name)
        return None if value is None else decode_words(value)


# Below this many header fields, a look-up scans them as the stdlib does (an index would cost more).
_INDEXED_FROM: Final = 8


class IndexedMessage(email.message.Message):
    """The stdlib's compat32 message, whose :meth:`get` finds a field through an index of lower-cased
    names instead of lower-casing every field name on every call.

    ``get`` is behind nearly every accessor (the content type, the payload, the parameters; the feed
    parser itself asks for the content type of each part), and a message's top-level header holds
    dozens of fields: the scan cost more than the rest of the MIME walk. The answer is the stdlib's
    own: the first field of that name, through the policy's ``header_fetch_parse``. The index is built
    on first use and rebuilt when the field list changes: the stdlib appends fields, replaces the
    list, or (``replace_header``) replaces one in place, which drops the index.
    """

    _index: tuple[object, int, dict[str, tuple[Any, Any]]] | None = None

    def get(self, name: str, failobj: Any = None) -> Any:
        # the fields as the stdlib holds them: names and values are str, or whatever a caller stored
        # (an email.header.Header): typed Any, so that code compiled by mypyc checks nothing here
        fields: Any = self
        headers: list[tuple[Any, Any]] = fields._headers
        name = name.lower()
        if len(headers) < _INDEXED_FROM:
            for key, value in headers:
                if key.lower() == name:
                    return self._fetch(key, value)
            return failobj
        index = self._index
        if index is None or index[0] is not headers or index[1] != len(headers):
            first: dict[str, tuple[Any, Any]] = {}
            for key, value in headers:
                first.setdefault(key.lower(), (key, value))
            index = self._index = (headers, len(headers), first)
        found = index[2].get(name)
        return failobj if found is None else self._fetch(*found)

    def _fetch(self, key: Any, value: Any) -> Any:
        # compat32 returns a str value as it is unless it holds surrogate escapes (non-ASCII)
        policy: Any = self.policy  # its answer may be a Header, where typeshed says str
        if type(value) is str and value.isascii() and policy is email.policy.compat32:
            return value
        return policy.header_fetch_parse(key, value)

    def replace_header(self, _name: str, _value: Any) -> None:
        self._index = None
        super().replace_header(_name, _value)


def parse_message(data: bytes) -> ParsedMessage:
    """Parse raw message bytes. Never raises; problems become defects."""
    defects: list[Defect] = []
    try:
        tree = fast_tree(data) or email.message_from_bytes(data, IndexedMessage, policy=email.policy.compat32)
    except Exception as error:  # the feed parser is forgiving, but never trust that with hostile bytes
        defects.append(Defect("mime.unparsable", f"the message could not be parsed: {error!r}"))
        tree = email.message.Message()
    headers, by_name = _read_headers(tree)
    if not headers:
        defects.append(Defect("header.none", "the message has no header fields"))
    walker = _Walker(defects)
    walker.visit(tree, "1", 0)
    content_type = _content_type(tree, defects, "1")
    return ParsedMessage(
        headers=headers,
        content_type=content_type,
        text_parts=tuple(walker.text_parts),
        html_parts=tuple(walker.html_parts),
        attachments=tuple(walker.attachments),
        embedded=tuple(walker.embedded),
        report_parts=tuple(walker.report_parts),
        defects=tuple(defects),
        tree=tree,
        by_name=by_name,
        decoded=walker.decoded,
    )


def single_part_tree(data: bytes) -> IndexedMessage | None:
    """The tree the stdlib's feed parser (compat32) builds for a message of one part, without the
    feed parser; None for any other message, which is then left to the feed parser.

    Most evidence is one text part. The feed parser reads it line by line in Python (about half of
    the MIME layer's time); here the header block is checked and cut into fields by two regular
    expressions, and the body is the rest of the text, as the feed parser would have it. Taken only
    where the feed parser would find nothing wrong and not look inside the body: an optional Unix
    From line, header fields whose lines end in LF or CRLF (no lone CR), then a blank line, and a
    content type that is neither ``multipart/*`` nor ``message/*``. The result is the same message:
    the same fields in the same order, unix-from, payload and (no) defects (a test compares them on
    every file of the corpora).
    """
    return _fast_tree(data, False)


def fast_tree(data: bytes) -> IndexedMessage | None:
    """:func:`single_part_tree`, and also the tree of a ``multipart/*`` message whose parts are all
    plain (see :func:`_fill_multipart`); None for any other message, left to the feed parser."""
    return _fast_tree(data, True)


def _fast_tree(data: bytes, multipart: bool) -> IndexedMessage | None:
    text = data.decode("ascii", "surrogateescape")  # what email.parser.BytesParser reads
    start = 0
    unixfrom = None
    if text.startswith("From "):  # the envelope line of an mbox record: no header field
        start = text.find("\n") + 1
        if not start:
            return None
        unixfrom = text[: start - 2] if text.endswith("\r\n", 0, start) else text[: start - 1]
    head = _head(text, start, len(text))
    if head is None:  # no body: rare, and the last line may lack its line break
        return None
    end, body = head
    if "\r" in text[:end] and text.count("\r", 0, end) != text.count("\r\n", 0, end):
        return None  # a lone CR ends a line for the feed parser
    message = _fields(text, start, end)
    if message is None:
        return None
    if unixfrom is not None:
        message.set_unixfrom(unixfrom)
    maintype = _maintype(message)
    if maintype == "multipart" and multipart:
        # every line of the body is then read, by the boundary expressions: no lone CR anywhere
        if "\r" in text and text.count("\r", body) != text.count("\r\n", body):
            return None
        try:
            filled = _fill_multipart(text, message, body, len(text), 0)
        except Exception:  # a parameter the stdlib cannot read: let the feed parser meet it
            return None
        return message if filled else None
    if maintype in {"multipart", "message"}:
        return None  # parts to find: the feed parser's work
    message.set_payload(text[body:])
    return message


def _head(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Where the header fields of ``text[start:end]`` end (after the last one's line break) and the
    body starts (after the blank line); None without a blank line. No field at all: a blank line first."""
    if text.startswith("\n", start) or text.startswith("\r\n", start):
        return start, start + (1 if text[start] == "\n" else 2)
    blank = _BLANK_LINE.search(text, start, end)
    return None if blank is None else (blank.start() + 1, blank.end())


def _fields(text: str, start: int, end: int) -> IndexedMessage | None:
    """A message holding the header fields of ``text[start:end]`` as the feed parser stores them, or
    None unless that block is one the feed parser reads without a defect (see ``_HEADER_FIELD``)."""
    block = text[start:end]
    headers: list[tuple[str, str]] = []
    covered = 0
    for name, space, value in _HEADER_FIELD.findall(block):
        covered += len(name) + len(space) + len(value) + 1
        headers.append((name, value.rstrip("\r\n")))
    # the matches come in order and never overlap: they cover the block only if they tile it, one
    # field after the other, with nothing between them that is not a field
    if covered != len(block):
        return None
    message = IndexedMessage(policy=email.policy.compat32)
    fields: Any = message
    fields._headers = headers
    return message


def _boundary_line(text: str, separator: str, start: int, limit: int) -> tuple[int, re.Match[str]] | None:
    """The first line of ``text[start:limit]`` that the feed parser takes for a boundary line of
    ``separator`` (``--`` and the boundary): where it starts, and the rest of it (``_BOUNDARY_END``).

    ``str.find`` and one compiled expression, rather than an expression compiled for each boundary
    (which would cost more than the feed parser's whole work on a small message). A line starts
    after a LF: the caller has checked that no lone CR ends a line, and ``start`` is a line start.
    After a find that is no boundary line the search goes on from the next line, so that a text full
    of the separator (a boundary of dashes) costs at most one step per line, as the feed parser.
    """
    at = text.find(separator, start, limit)
    while at >= 0:
        if at == start or text[at - 1] == "\n":
            rest = _BOUNDARY_END.match(text, at + len(separator), limit)
            if rest is not None:
                return at, rest
        line_end = text.find("\n", at, limit)
        if line_end < 0:
            return None
        at = text.find(separator, line_end + 1, limit)
    return None


def _strip_line_end(value: str) -> str:
    """One final line break off (email.feedparser.NLCRE_eol; no lone CR reaches here): RFC 2046
    gives the line break before a boundary line to the boundary, not to the text before it."""
    if value.endswith("\n"):
        return value[:-2] if value.endswith("\r\n") else value[:-1]
    return value


def _fill_multipart(text: str, message: IndexedMessage, start: int, limit: int, depth: int) -> bool:
    """Give ``message``, a ``multipart/*`` whose body is ``text[start:limit]``, the preamble, parts
    and epilogue the feed parser gives it; False (the message is then left to the feed parser) for
    anything that parser would read with a defect or in a way not reproduced here.

    The feed parser reads line by line and ends a part at the first line that matches the boundary
    of the part's multipart or of any enclosing one. ``limit`` is where the enclosing multipart's
    next boundary line (or the end of the text) is: no line before it matches an enclosing boundary,
    so only this multipart's own boundary lines are looked for (:func:`_boundary_line`), a few
    searches in C for the whole body instead of Python work on every line. The preamble is the text
    before the first of them, each part runs from the line after a separator line to the next
    boundary line, and the epilogue is what follows the close boundary line, up to ``limit``. The
    line break before each boundary line is cut off the text before it, as the feed parser does (for
    a nested multipart, its parent cuts it off the epilogue, and an empty epilogue becomes None).

    Left to the feed parser: a missing, empty or multi-line boundary, a transfer encoding other
    than 7bit, 8bit or binary, no separator line, no close boundary line before ``limit``, two
    boundary lines in a row (the feed parser skips the second), a part whose header block is not
    plain or which begins with a Unix From line, ``message/*`` parts (the feed parser reads them as
    messages), and nesting deeper than :data:`MAX_DEPTH`.
    """
    if depth > MAX_DEPTH:
        return False
    boundary = message.get_boundary()  # what the feed parser asks, RFC 2231 and quoting undone
    if not boundary or "\n" in boundary or "\r" in boundary:
        return False
    encoding = header_field(message, "content-transfer-encoding")
    if encoding is not None and str(encoding).lower() not in {"7bit", "8bit", "binary"}:
        return False  # the feed parser records InvalidMultipartContentTransferEncodingDefect
    separator = "--" + boundary
    found = _boundary_line(text, separator, start, limit)
    if found is None or found[1].group(1):  # no separator line before the close line or the end
        return False
    if found[0] > start:  # no preamble line at all: the preamble stays None
        message.preamble = _strip_line_end(text[start : found[0]])
    digest = _stdlib_content_type(message) == "multipart/digest"
    parts: list[email.message.Message | str] = []  # the stdlib's type for a payload list
    while True:
        part_start = found[1].end()
        if part_start >= limit or (
            text.startswith(separator, part_start, limit)
            and _BOUNDARY_END.match(text, part_start + len(separator), limit) is not None
        ):
            return False  # a separator as the last line, or a second boundary line in a row
        found = _boundary_line(text, separator, part_start, limit)
        if found is None:  # no close boundary line: CloseBoundaryNotFoundDefect
            return False
        part = _part(text, part_start, found[0], digest, depth)
        if part is None:
            return False
        parts.append(part)
        if found[1].group(1):
            break
    message.set_payload(parts)
    message.epilogue = text[found[1].end() : limit]
    return True


def _part(text: str, start: int, end: int, digest: bool, depth: int) -> IndexedMessage | None:
    """One part of a multipart, ``text[start:end]`` (``end`` at the next boundary line), as the
    feed parser builds it, its last line break already given to the boundary; or None."""
    # without a blank line, the header fields run up to the boundary line and the body is empty
    fields_end, body = _head(text, start, end) or (end, end)
    part = _fields(text, start, fields_end)
    if part is None:
        return None
    if digest:
        part.set_default_type("message/rfc822")
    maintype = _maintype(part)
    if maintype == "message":
        return None  # an embedded message, parsed by the feed parser
    if maintype == "multipart":
        if not _fill_multipart(text, part, body, end, depth + 1):
            return None
        epilogue = part.epilogue
        part.epilogue = None if not epilogue else _strip_line_end(epilogue)
        return part
    part.set_payload(_strip_line_end(text[body:end]))
    return part


def _read_headers(
    tree: email.message.Message,
) -> tuple[tuple[tuple[str, str], ...], dict[str, tuple[str, ...]]]:
    """The header fields in order, names and values decoded and unfolded, and grouped by lower-cased
    name: one pass (a plain ASCII string, nearly every one, needs no decoding)."""
    headers: list[tuple[str, str]] = []
    grouped: dict[str, list[str]] = {}
    for raw_key, raw_value in tree.raw_items():
        key = raw_key if type(raw_key) is str and raw_key.isascii() else _text(raw_key)
        value = unfold(raw_value if type(raw_value) is str and raw_value.isascii() else _text(raw_value))
        headers.append((key, value))
        lowered = key.lower()
        values = grouped.get(lowered)
        if values is None:
            grouped[lowered] = [value]
        else:
            values.append(value)
    return tuple(headers), {key: tuple(values) for key, values in grouped.items()}


class _Walker:
    """One pass over the MIME tree, collecting leaves by what they are."""

    def __init__(self, defects: list[Defect]) -> None:
        self.defects = defects
        self.text_parts: list[TextPart] = []
        self.html_parts: list[TextPart] = []
        self.attachments: list[BinaryPart] = []
        self.embedded: list[EmbeddedMessage] = []
        self.report_parts: list[TextPart] = []
        self.decoded: dict[email.message.Message, bytes] = {}
        self.count = 0

    def visit(self, part: email.message.Message, path: str, depth: int) -> None:
        self.count += 1
        if self.count > MAX_PARTS:
            if self.count == MAX_PARTS + 1:
                self.defects.append(
                    Defect("mime.too_many_parts", f"more than {MAX_PARTS} parts; rest skipped")
                )
            return
        if depth > MAX_DEPTH:
            self.defects.append(Defect("mime.too_deep", f"MIME nesting deeper than {MAX_DEPTH}", path))
            return
        for defect in part.defects:
            self.defects.append(Defect(_defect_code(defect), _defect_message(defect), f"body:{path}"))
        content_type = _content_type(part, self.defects, path)
        # a list for containers, a str for leaves: what get_payload() gives a container, read directly
        # (for a leaf, compat32's get_payload() decodes a copy of any 8-bit text, which is not needed)
        fields: Any = part
        payload: object = fields._payload
        if isinstance(payload, list):
            if content_type in {"message/rfc822", "message/global"} or content_type.startswith("message/"):
                self._embedded(part, payload, content_type, path)
                return
            for number, child in enumerate(payload, start=1):
                if isinstance(child, email.message.Message):
                    self.visit(child, f"{path}.{number}" if depth else str(number), depth + 1)
            return
        try:
            self._leaf(part, content_type, path)
        except Exception as error:  # last line of defence: one bad part never costs the message
            self.defects.append(Defect("mime.bad_part", f"the part could not be read: {error!r}", path))

    def _embedded(
        self, part: email.message.Message, payload: Sequence[object], content_type: str, path: str
    ) -> None:
        if content_type in REPORT_TYPES:
            # the stdlib reads message/feedback-report and message/delivery-status as header blocks
            blocks = [_as_bytes(block) for block in payload if isinstance(block, email.message.Message)]
            text = b"\n".join(blocks).decode("utf-8", "replace")
            self.report_parts.append(TextPart(path, content_type, text, None))
            return
        for child in payload:
            if isinstance(child, email.message.Message):
                self.embedded.append(EmbeddedMessage(path, content_type, _as_bytes(child)))

    def _leaf(self, part: email.message.Message, content_type: str, path: str) -> None:
        raw_disposition = _text(header_field(part, "Content-Disposition") or "")
        filename = _filename(part, raw_disposition)
        disposition = raw_disposition.split(";", 1)[0].strip().lower()
        raw = _payload_bytes(part, self.defects, path, self.decoded)
        is_attachment = disposition == "attachment" or (filename is not None and disposition != "inline")
        if content_type in {"text/plain", "text/html", "text/enriched", ""} and not is_attachment:
            charset = _charset(part)
            text = decode_text(raw, charset, self.defects, f"body:{path}")
            target = self.html_parts if content_type == "text/html" else self.text_parts
            target.append(TextPart(path, content_type or "text/plain", text, charset))
            return
        if content_type in REPORT_TYPES:
            text = decode_text(raw, _charset(part), self.defects, f"body:{path}")
            if content_type == "text/rfc822-headers":
                self.embedded.append(EmbeddedMessage(path, content_type, raw))
            else:
                self.report_parts.append(TextPart(path, content_type, text, None))
            return
        if content_type == "message/rfc822":  # base64-encoded message: the parser left it a leaf
            self.embedded.append(EmbeddedMessage(path, content_type, raw))
            return
        self.attachments.append(BinaryPart(path, content_type, filename, raw, disposition == "inline"))


def decode_text(raw: bytes, charset: str | None, defects: list[Defect], where: str) -> str:
    """Decode a text body with its declared charset, falling back without ever raising."""
    name = (charset or "").strip().strip('"').lower()
    name = _CHARSET_ALIASES.get(name, name)
    if name:
        try:
            codecs.lookup(name)
        except LookupError:
            defects.append(Defect("charset.unknown", f"unknown charset {charset!r}", where))
            name = ""
    if not name:
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError:
            return raw.decode("cp1252", "replace")
    try:
        return raw.decode(name)
    except UnicodeDecodeError:
        defects.append(Defect("charset.mismatch", f"the text is not valid {charset}", where))
        return raw.decode(name, "replace")
    except Exception:  # codecs such as utf-7 can fail in other ways on hostile input
        defects.append(Defect("charset.mismatch", f"the text could not be decoded as {charset}", where))
        return raw.decode("cp1252", "replace")


def decode_words(value: str) -> str:
    """Decode RFC 2047 encoded-words; undecodable words stay as written."""
    if "=?" not in value or not _ENCODED_WORD.search(value):
        return value
    try:
        pieces = email.header.decode_header(value)
    except Exception:
        return value
    out: list[str] = []
    for piece, charset in pieces:
        if isinstance(piece, str):
            out.append(piece)
            continue
        name = _CHARSET_ALIASES.get((charset or "").lower(), charset or "utf-8")
        try:
            out.append(piece.decode(name, "replace"))
        except (LookupError, ValueError):  # unknown charset, or a name with a NUL in it
            out.append(piece.decode("cp1252", "replace"))
    return "".join(out)


def unfold(value: str) -> str:
    """RFC 5322 unfolding: line breaks inside a header value are removed (every CR and LF, paired or
    alone: two ``str.replace`` in C rather than a regex)."""
    if "\n" in value or "\r" in value:
        value = value.replace("\r", "").replace("\n", "")
    return value.strip()


def _text(value: object) -> str:
    """Header names and values from the compat32 parser carry 8-bit bytes as surrogate escapes."""
    if isinstance(value, email.header.Header):
        value = str(value)
    text = str(value)
    if not text.isascii():
        try:
            raw = text.encode("utf-8", "surrogateescape")
        except UnicodeEncodeError:
            return text
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError:
            return raw.decode("cp1252", "replace")
    return text


def header_field(part: email.message.Message, name: str) -> object:
    """A header field of a stdlib part, or None: a str, or an ``email.header.Header`` where the
    value holds 8-bit bytes (compat32 does that, while typeshed says str: typed ``object`` here, so
    that code compiled by mypyc, which checks declared types at run time, accepts both)."""
    fields: Any = part
    return fields.get(name)


def _stdlib_content_type(part: email.message.Message) -> str:
    """``part.get_content_type()`` (compat32), the same steps compiled: the Content-Type field up to
    its first ';', stripped and lower-cased, ``text/plain`` unless it holds exactly one '/', the
    default type without the field."""
    value = header_field(part, "content-type")
    if value is None:
        return part.get_default_type()
    content_type = _bare_type(str(value))
    return content_type if content_type.count("/") == 1 else "text/plain"


def _bare_type(field: str) -> str:
    """A Content-Type field's type: up to its first ';', stripped and lower-cased."""
    return field.partition(";")[0].strip().lower()


def _maintype(part: email.message.Message) -> str:
    """``part.get_content_maintype()`` (compat32), compiled."""
    return _stdlib_content_type(part).split("/")[0]


def _content_type(part: email.message.Message, defects: list[Defect], path: str) -> str:
    raw = header_field(part, "Content-Type")
    if raw is None:
        return part.get_default_type()
    value = _bare_type(_text(raw))
    if value.count("/") != 1:
        defects.append(Defect("mime.bad_content_type", f"invalid Content-Type {value!r}", f"body:{path}"))
        return "text/plain"
    return value


def _charset(part: email.message.Message) -> str | None:
    # parsing the parameters costs more than the rest of a part: skip it when none can be a charset
    content_type = header_field(part, "Content-Type")
    if content_type is None or "charset" not in str(content_type).lower():
        return None
    simple = _SIMPLE_CHARSET.match(str(content_type))
    if simple is not None:  # "type/subtype; charset=x": what the stdlib's parameter parsing gives
        return (simple.group(1) or simple.group(2)).lower()
    try:
        return part.get_content_charset()
    except Exception:
        return None


def _filename(part: email.message.Message, disposition: str) -> str | None:
    # a "filename" (Content-Disposition) or "name" (Content-Type) parameter: none without those letters
    if (
        "name" not in disposition.lower()
        and "name" not in str(header_field(part, "Content-Type") or "").lower()
    ):
        return None
    try:
        name = part.get_filename()
    except Exception:
        return None
    if name is None:
        return None
    return decode_words(_text(name))


# The transfer encodings that get_payload(decode=True) undoes (email.message.Message.get_payload).
_DECODED_ENCODINGS: Final = frozenset(
    {"quoted-printable", "base64", "x-uuencode", "uuencode", "uue", "x-uue"}
)


def _payload_bytes(
    part: email.message.Message, defects: list[Defect], path: str, decoded: dict[email.message.Message, bytes]
) -> bytes:
    """The part's body, transfer encoding undone; what ``get_payload(decode=True)`` gave is also kept
    in ``decoded`` (see :attr:`ParsedMessage.decoded`)."""
    fields: Any = part
    body = fields._payload
    if isinstance(body, str):
        # what get_payload(decode=True) gives a leaf whose body needs no decoding (no transfer encoding,
        # 7bit, 8bit, binary...), without its interpreted steps: the text's bytes back
        encoding = str(header_field(part, "content-transfer-encoding") or "").lower()
        if encoding not in _DECODED_ENCODINGS:
            try:
                as_bytes = body.encode("ascii", "surrogateescape")
            except UnicodeEncodeError:
                as_bytes = body.encode("raw-unicode-escape")
            decoded[part] = as_bytes
            return as_bytes
    try:
        payload = part.get_payload(decode=True)
    except Exception as error:
        defects.append(Defect("mime.bad_transfer_encoding", f"payload could not be decoded: {error!r}", path))
        payload = None
    if isinstance(payload, bytes):
        decoded[part] = payload
        return payload
    raw = part.get_payload()
    if isinstance(raw, str):
        return raw.encode("utf-8", "surrogateescape")
    return b""


def _as_bytes(message: email.message.Message) -> bytes:
    buffer = BytesIO()
    try:
        BytesGenerator(buffer, mangle_from_=False, policy=email.policy.compat32).flatten(message)
    except Exception:
        return bytes(str(message).encode("utf-8", "surrogateescape"))
    return buffer.getvalue()


def _defect_code(defect: object) -> str:
    name = type(defect).__name__
    name = name.removesuffix("Defect")
    snake = re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()
    return f"mime.{snake}"


def _defect_message(defect: object) -> str:
    text = str(defect)
    return text or type(defect).__name__
