"""Reading evidence from disk: files, folder trees, Maildir, mbox and record files, as bytes.

This is the I/O adapter of the analysis core: it finds the inputs, detects their layout and yields
one :class:`Item` per message or record, each with exact bytes and a :class:`Source`. Detection looks
at content, not file names, and ``kind`` overrides it. Records are numbered from 1, as in the
corpora's manifests.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from mypy_extensions import mypyc_attr

from lapnet.analysis.reports.sms import SmsRecord, iter_sms_records, sniff_sms_layout
from lapnet.analysis.reports.xarf import looks_like_xarf
from lapnet.analysis.types import Kind, Source

# An mbox "From " separator line: "From sender  Tue Jun 14 19:52:09 2005" (sender may be MAILER-DAEMON).
_MBOX_SEPARATOR: Final = re.compile(rb"^From \S*[^\r\n]*?\d{1,2}:\d{2}(?::\d{2})?[^\r\n]*\r?$", re.MULTILINE)
_MBOX_FIRST_LINE: Final = re.compile(rb"\AFrom \S*[^\r\n]*?\d{1,2}:\d{2}")


@mypyc_attr(acyclic=True)
@dataclass(frozen=True, slots=True)
class Item:
    """One message or record to analyse: exact bytes, where they came from, and the detected kind.

    ``kind`` is None for messages whose kind the analysis decides from their structure (email, ARF,
    forwarded). SMS records arrive already split, with their fields in ``sms``. ``read_error`` says why
    a file could not be read (its result then carries only that defect).
    """

    source: Source
    data: bytes
    kind: Kind | None = None
    sms: SmsRecord | None = None
    read_error: str | None = None

    def __init__(
        self,
        source: Source,
        data: bytes,
        kind: Kind | None = None,
        sms: SmsRecord | None = None,
        read_error: str | None = None,
    ) -> None:
        # written out so that mypyc compiles it: see the note in lapnet.analysis.types
        object.__setattr__(self, "source", source)
        object.__setattr__(self, "data", data)
        object.__setattr__(self, "kind", kind)
        object.__setattr__(self, "sms", sms)
        object.__setattr__(self, "read_error", read_error)


def iter_files(paths: Iterable[str | os.PathLike[str]]) -> Iterator[Path]:
    """Every regular file under the given paths, folders recursed in sorted order, each file once."""
    seen: set[Path] = set()
    for given in paths:
        path = Path(given)
        if path.is_dir():
            for root, dirs, files in os.walk(path, followlinks=False):
                dirs.sort()
                for name in sorted(files):
                    candidate = Path(root) / name
                    if candidate.is_file() and candidate not in seen:
                        seen.add(candidate)
                        yield candidate
        elif path not in seen:
            seen.add(path)
            yield path


def iter_items(path: Path, data: bytes, kind: Kind | None = None) -> Iterator[Item]:
    """Split one file's bytes into items, detecting the layout unless ``kind`` forces it."""
    text_path = str(path)
    if kind is Kind.SMS or (kind is None and sniff_sms_layout(data) is not None):
        records = list(iter_sms_records(data))
        for record in records:
            yield Item(Source(text_path, record.index), record.raw, Kind.SMS, record)
        if records:
            return
        if kind is Kind.SMS:  # forced, but nothing in it: still one result, which will say so
            yield Item(Source(text_path), data, Kind.SMS, None)
            return
    if kind is Kind.XARF or (kind is None and looks_like_xarf(data)):
        yield Item(Source(text_path), data, Kind.XARF)
        return
    if kind in (None, Kind.EMAIL, Kind.ARF) and is_mbox(data):
        messages = list(split_mbox(data))
        # a single message saved with its "From " line (as the SpamAssassin corpus is) is one file,
        # and its exact bytes are the file's: the parser reads the separator as the Unix From line
        if len(messages) > 1:
            for index, message in enumerate(messages, start=1):
                yield Item(Source(text_path, index), message, kind)
            return
    yield Item(Source(text_path), data, kind)


def is_mbox(data: bytes) -> bool:
    return _MBOX_FIRST_LINE.match(data) is not None


def split_mbox(data: bytes) -> Iterator[bytes]:
    """The records of an mbox file, each the exact slice of the file it occupies.

    A record runs from its "From " separator line up to the next one, so it keeps its separator (the
    stdlib parser reads it as the Unix From line) and the blank line that ends it: concatenating the
    records gives the file back byte for byte, and each record's SHA-256 is that of the bytes stored.
    A separator is only taken where a blank line (or the start of the file) precedes it, as mboxrd
    readers do, so that an unquoted "From " line inside a body does not cut a message in two.
    """
    starts = [
        match.start()
        for match in _MBOX_SEPARATOR.finditer(data)
        if match.start() == 0
        or data.endswith(b"\n\n", 0, match.start())
        or data.endswith(b"\n\r\n", 0, match.start())
    ]
    for number, begin in enumerate(starts):
        end = starts[number + 1] if number + 1 < len(starts) else len(data)
        yield data[begin:end]
