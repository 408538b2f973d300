"""SMS spam reports: record files in, one :class:`SmsRecord` per message out.

Layouts read (``sniff_sms_layout`` names them without being told):

``uci_tsv``
    ``label<TAB>text`` lines without a header, as in the UCI SMS Spam Collection (labels ``ham``/``spam``).
``csv`` / ``tsv``
    a header row naming the columns; common names are accepted (``text``/``message``/``body``/``content``,
    ``sender``/``from``/``sender_id``/``originator``/``number``, ``recipient_country``/``country``,
    ``received_at``/``date``/``time``/``timestamp``, ``label``/``class``).
``json``
    a list of objects, an object holding such a list (``{"reports": [...]}``), or one object: a single
    forwarded report such as a 7726 report (the text plus the sender's number).
``jsonl``
    one JSON object per line.

Every record is decoded on its own: UTF-8 first, latin-1 when that fails (recorded as a defect), so one
badly encoded line does not spoil a whole file. A bad record (wrong number of columns, empty text, a line
that is not JSON) still yields a record, with a defect saying what is wrong: records are never dropped
silently and nothing here raises on hostile input. ``label`` carries the ground truth of a labelled
collection for evaluation only; it must never reach the classifier.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

from lapnet.analysis.types import Defect

__all__ = ["LAYOUTS", "SmsRecord", "iter_sms_records", "sniff_sms_layout"]

LAYOUTS = ("uci_tsv", "csv", "tsv", "json", "jsonl")


@dataclass(frozen=True, slots=True)
class SmsRecord:
    index: int
    text: str
    sender: str | None  # number or alphanumeric sender id
    recipient_country: str | None
    received_at: str | None  # ISO 8601
    label: str | None  # ground truth from a labelled collection, for evaluation ONLY
    defects: tuple[Defect, ...] = ()
    # the record's exact bytes: its line (with line ending) in line-based layouts and CSV; for a JSON
    # document, the object re-encoded canonically (sorted keys, UTF-8), as a JSON array has no lines
    raw: bytes = b""


# Column (CSV/TSV) and key (JSON) names, normalised by _normalise_name, for each slot.
_ALIASES: Mapping[str, frozenset[str]] = {
    "text": frozenset({"text", "message", "body", "content", "sms", "sms_text", "message_text", "msg"}),
    "sender": frozenset(
        {
            "sender",
            "from",
            "sender_id",
            "originator",
            "number",
            "sender_number",
            "from_number",
            "spam_number",
            "reported_number",
            "phone",
            "phone_number",
        }
    ),
    "recipient_country": frozenset({"recipient_country", "country", "country_code"}),
    "received_at": frozenset(
        {"received_at", "date", "time", "timestamp", "datetime", "received", "sent_at", "date_time"}
    ),
    "label": frozenset({"label", "class", "is_spam", "ground_truth"}),
}
_LIST_KEYS = ("reports", "records", "messages", "sms", "items", "data")

_UCI_LINE = re.compile(rb"^(?:ham|spam)\t")
_NAME_JUNK = re.compile(r"[\s\-.]+")
_COUNTRY = re.compile(r"^[A-Za-z]{2}$")
_EPOCH = re.compile(r"^\d{9,13}$")
_SLASHED_ISO = re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$")
_BOM = b"\xef\xbb\xbf"
_TEXT_KEY = re.compile(rb'"(?:text|message|body|content|sms|sms_text|message_text|msg)"\s*:', re.IGNORECASE)
_XARF_KEYS = frozenset({"xarf_version", "ReporterInfo", "Report", "Report-Type"})
_SNIFF_BYTES = 64 * 1024
_SNIFF_LINES = 20


def sniff_sms_layout(data: bytes) -> str | None:
    """Name the layout of an SMS record file, or None when it is none of :data:`LAYOUTS`."""
    head = data[:_SNIFF_BYTES].removeprefix(_BOM).lstrip()
    if not head:
        return None
    if head[:1] in (b"[", b"{"):
        return _sniff_json(data.removeprefix(_BOM).lstrip(), head)
    lines = [line for line in head.splitlines() if line.strip()][:_SNIFF_LINES]
    if len(head) == _SNIFF_BYTES and len(lines) > 1:
        lines = lines[:-1]  # the last line of a cut sample may be cut too
    if lines and all(_UCI_LINE.match(line) for line in lines):
        return "uci_tsv"
    header = _decode(lines[0])[0]
    delimiter = "\t" if "\t" in header else _csv_delimiter(header)
    if delimiter is None:
        return None
    columns = _columns(next(csv.reader([header], delimiter=delimiter), []))
    if "text" not in columns:
        return None
    return "tsv" if delimiter == "\t" else "csv"


def iter_sms_records(data: bytes, layout: str | None = None) -> Iterator[SmsRecord]:
    """Yield the records of ``data`` read as ``layout`` (sniffed when None).

    Input that matches no layout yields one record holding the whole text, with an
    ``sms.unknown_layout`` defect. ``layout`` must be None or one of :data:`LAYOUTS`.
    """
    if layout is not None and layout not in LAYOUTS:
        raise ValueError(f"unknown SMS layout {layout!r}; expected one of {', '.join(LAYOUTS)}")
    if not data.strip():
        return
    chosen = layout or sniff_sms_layout(data)
    body = data.removeprefix(_BOM)
    if chosen == "uci_tsv":
        yield from _iter_uci(body)
    elif chosen in ("csv", "tsv"):
        yield from _iter_delimited(body, "\t" if chosen == "tsv" else None)
    elif chosen == "json":
        yield from _iter_json(body)
    elif chosen == "jsonl":
        yield from _iter_jsonl(body)
    else:
        text, fallback = _decode(body)
        defects = [Defect("sms.unknown_layout", "not a known SMS record layout: read as one message")]
        if fallback:
            defects.append(_latin1_defect())
        yield _record(1, {"text": text.strip()}, defects, body)


# --- layouts -----------------------------------------------------------------------------------------


def _iter_uci(data: bytes) -> Iterator[SmsRecord]:
    index = 1
    for raw in data.splitlines(keepends=True):
        line = raw.rstrip(b"\r\n")
        if not line.strip():
            continue
        text, fallback = _decode(line)
        defects: list[Defect] = [_latin1_defect(index)] if fallback else []
        label, tab, message = text.partition("\t")
        if not tab:
            defects.append(
                Defect("sms.bad_record", "expected label<TAB>text, found no tab", f"record:{index}")
            )
            label, message = "", text
        label = label.strip().lower()
        if tab and label not in ("ham", "spam"):
            defects.append(
                Defect("sms.unknown_label", f"label {label!r} is neither ham nor spam", f"record:{index}")
            )
        yield _record(index, {"text": message, "label": label or None}, defects, raw)
        index += 1


def _iter_delimited(data: bytes, delimiter: str | None) -> Iterator[SmsRecord]:
    # Decoding keeps undecodable bytes as surrogates, so each field can fall back to latin-1 on its own
    # and quoted fields spanning lines still parse.
    text = data.decode("utf-8", "surrogateescape")
    first_line = text.lstrip().split("\n", 1)[0]
    delimiter = delimiter or _csv_delimiter(first_line) or ","
    lines = io.StringIO(text, newline="").readlines()
    reader = csv.reader(iter(lines), delimiter=delimiter)
    index = 1
    try:
        header: list[str] | None = None
        consumed = 0
        for row in reader:
            raw = "".join(lines[consumed : reader.line_num]).encode("utf-8", "surrogateescape")
            consumed = reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            if header is None:
                header = row
                columns = _columns(row)
                if "text" not in columns:
                    names = ", ".join(repr(_fixed(cell)[0]) for cell in row[:10])
                    yield _record(
                        1, {}, [Defect("sms.no_text_column", f"no text column among {names}")], data
                    )
                    return
                continue
            yield _row_record(index, row, header, columns, raw)
            index += 1
    except csv.Error as error:
        yield _record(index, {}, [Defect("sms.bad_record", f"CSV error: {error}", f"line:{reader.line_num}")])


def _row_record(
    index: int, row: list[str], header: list[str], columns: dict[str, int], raw: bytes
) -> SmsRecord:
    defects: list[Defect] = []
    if len(row) != len(header):
        defects.append(
            Defect(
                "sms.bad_record", f"row has {len(row)} fields, header has {len(header)}", f"record:{index}"
            )
        )
    values: dict[str, str | None] = {}
    fallback = False
    for slot, position in columns.items():
        if position < len(row):
            values[slot], used = _fixed(row[position])
            fallback = fallback or used
    if fallback:
        defects.append(_latin1_defect(index))
    return _record(index, values, defects, raw)


def _iter_json(data: bytes) -> Iterator[SmsRecord]:
    text = _decode_document(data)
    try:
        document = json.loads(text)
    except (ValueError, RecursionError) as error:
        yield _record(1, {}, [Defect("sms.bad_json", f"not valid JSON: {_short(error)}")], data)
        return
    items = _json_items(document)
    if items is None:
        kind = type(document).__name__
        yield _record(
            1, {}, [Defect("sms.bad_json", f"expected a list of objects or an object, found {kind}")], data
        )
        return
    for index, item in enumerate(items, start=1):
        yield _json_record(index, item, _canonical(item))


def _iter_jsonl(data: bytes) -> Iterator[SmsRecord]:
    index = 1
    for raw in data.splitlines(keepends=True):
        line = raw.rstrip(b"\r\n")
        if not line.strip():
            continue
        try:
            item = json.loads(_decode_document(line))
        except (ValueError, RecursionError) as error:
            yield _record(
                index,
                {},
                [Defect("sms.bad_json", f"not valid JSON: {_short(error)}", f"record:{index}")],
                raw,
            )
        else:
            yield _json_record(index, item, raw)
        index += 1


def _json_items(document: object) -> list[object] | None:
    if isinstance(document, list):
        return document
    if isinstance(document, dict):
        for key in _LIST_KEYS:
            value = document.get(key)
            if isinstance(value, list):
                return value
        return [document]
    return None


def _canonical(item: object) -> bytes:
    try:
        return json.dumps(item, ensure_ascii=False, sort_keys=True).encode("utf-8", "surrogateescape")
    except (TypeError, ValueError, RecursionError, UnicodeEncodeError):
        return repr(item).encode("utf-8", "replace")


def _json_record(index: int, item: object, raw: bytes) -> SmsRecord:
    if not isinstance(item, dict):
        kind = type(item).__name__
        return _record(
            index, {}, [Defect("sms.bad_record", f"expected an object, found {kind}", f"record:{index}")], raw
        )
    values: dict[str, str | None] = {}
    fallback = False
    for key, value in item.items():
        slot = _slot(str(key))
        if slot is None or slot in values or value is None:
            continue
        if isinstance(value, (dict, list)):
            continue  # a nested structure is not a text, a number or a date
        values[slot], used = _fixed(value if isinstance(value, str) else json.dumps(value))
        fallback = fallback or used
    defects = [_latin1_defect(index)] if fallback else []
    return _record(index, values, defects, raw)


# --- one record --------------------------------------------------------------------------------------


def _record(
    index: int, values: Mapping[str, str | None], defects: list[Defect], raw: bytes = b""
) -> SmsRecord:
    where = f"record:{index}"
    text = (values.get("text") or "").strip()
    if not text:
        defects.append(Defect("sms.empty_text", "the record has no message text", where))
    received_at = None
    raw_date = _blank_to_none(values.get("received_at"))
    if raw_date is not None:
        received_at = _iso_date(raw_date)
        if received_at is None:
            defects.append(Defect("sms.bad_date", f"cannot read {raw_date[:80]!r} as a date", where))
    country = _blank_to_none(values.get("recipient_country"))
    if country is not None:
        if _COUNTRY.match(country):
            country = country.upper()
        else:
            defects.append(
                Defect("sms.bad_country", f"{country[:80]!r} is not an ISO 3166 alpha-2 code", where)
            )
    label = _blank_to_none(values.get("label"))
    return SmsRecord(
        index=index,
        text=text,
        sender=_blank_to_none(values.get("sender")),
        recipient_country=country,
        received_at=received_at,
        label=label.lower() if label is not None else None,
        defects=tuple(defects),
        raw=raw,
    )


def _iso_date(value: str) -> str | None:
    """ISO 8601 for the date forms seen in SMS exports; None when the form is unknown or ambiguous."""
    text = value.strip()
    parsed: datetime | None = None
    if _EPOCH.match(text):
        seconds = int(text) / (1000 if len(text) > 11 else 1)
        try:
            parsed = datetime.fromtimestamp(seconds, tz=UTC)
        except (OverflowError, OSError, ValueError):
            return None
        return parsed.isoformat()
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        parsed = None
    if parsed is None and (match := _SLASHED_ISO.match(text)):
        year, month, day, hour, minute, second = (int(part) if part else 0 for part in match.groups())
        try:
            parsed = datetime(year, month, day, hour, minute, second)  # naive: no zone in the export
        except ValueError:
            return None
    if parsed is None:
        try:
            parsed = parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            return None
    return parsed.isoformat()


# --- helpers -----------------------------------------------------------------------------------------


def _sniff_json(data: bytes, head: bytes) -> str | None:
    """``json`` or ``jsonl`` when the records carry a message text; None for other JSON (an X-ARF
    report among them, which has no text key and names itself)."""
    lines = [line for line in head.splitlines() if line.strip()]
    if head[:1] == b"{" and len(lines) > 1 and lines[1].lstrip()[:1] == b"{":
        try:
            first = json.loads(_decode_document(lines[0]))
        except (ValueError, RecursionError):
            first = None  # a pretty-printed object whose first line is not a whole object
        if first is not None:
            return "jsonl" if _is_sms_object(first) else None
    try:
        document = json.loads(_decode_document(data))
    except (ValueError, RecursionError):
        return "json" if _TEXT_KEY.search(head) else None  # broken, but plainly meant as SMS records
    items = _json_items(document) or []
    return "json" if items and _is_sms_object(items[0]) else None


def _is_sms_object(item: object) -> bool:
    if not isinstance(item, dict) or not _XARF_KEYS.isdisjoint(item.keys()):
        return False
    return any(_slot(str(key)) == "text" for key in item)


def _csv_delimiter(line: str) -> str | None:
    counts = {delimiter: line.count(delimiter) for delimiter in (",", ";", "|")}
    best = max(counts, key=lambda delimiter: counts[delimiter])
    return best if counts[best] else None


def _normalise_name(name: str) -> str:
    return _NAME_JUNK.sub("_", _fixed(name)[0].strip().strip('"').lower()).strip("_")


def _slot(name: str) -> str | None:
    normalised = _normalise_name(name)
    for slot, aliases in _ALIASES.items():
        if normalised in aliases:
            return slot
    return None


def _columns(header: list[str]) -> dict[str, int]:
    columns: dict[str, int] = {}
    for position, name in enumerate(header):
        slot = _slot(name)
        if slot is not None and slot not in columns:
            columns[slot] = position
    return columns


def _decode(raw: bytes) -> tuple[str, bool]:
    """UTF-8, or latin-1 when that fails; the flag says the fallback was used."""
    try:
        return raw.decode("utf-8"), False
    except UnicodeDecodeError:
        return raw.decode("latin-1"), True


def _decode_document(raw: bytes) -> str:
    """JSON text with undecodable bytes kept as surrogates, for :func:`_fixed` to settle per record."""
    return raw.decode("utf-8", "surrogateescape")


def _fixed(value: str) -> tuple[str, bool]:
    """Undo ``surrogateescape``: a string holding undecodable bytes is re-read as latin-1 (flag True).

    Lone surrogates written as JSON escapes (``"\\ud800"``) are not bytes: they become "?".
    """
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        try:
            return value.encode("utf-8", "surrogateescape").decode("latin-1"), True
        except UnicodeEncodeError:
            return value.encode("utf-8", "replace").decode("utf-8"), False
    return value, False


def _blank_to_none(value: str | None) -> str | None:
    if value is None:
        return None
    value = value.strip()
    return value or None


def _latin1_defect(index: int | None = None) -> Defect:
    where = f"record:{index}" if index is not None else ""
    return Defect("sms.latin1_fallback", "not valid UTF-8: decoded as latin-1", where)


def _short(error: BaseException) -> str:
    return str(error)[:200] or type(error).__name__
