"""Attachments: name, declared type, the type the bytes really have, size and SHA-256.

The declared MIME type is the sender's claim; the sniffed type is what the first bytes say, so that
``invoice.pdf`` declared ``application/pdf`` but starting with ``MZ`` is seen for the executable it
is. A few signatures that malspam uses most, and the OpenPGP armour of signed mail, are recognised
here directly (fast, and a ZIP is told apart from the Office and OpenDocument files built on it);
anything else goes to ``puremagic``, which scans its whole signature table (about 0.2 ms) and may
fail on odd input: its failure means "unknown", never an exception.

Payloads may be live malware: they are hashed and their first bytes compared, nothing else.
"""

from __future__ import annotations

import hashlib
from typing import Final

import puremagic

from lapnet.analysis.types import Attachment

# How much of the payload the sniffers see: every signature used lives in the first 64 KiB
# (ISO 9660 puts its own at 32 KiB).
SNIFF_BYTES: Final = 65536

_SIGNATURES: Final[tuple[tuple[bytes, str], ...]] = (
    (b"%PDF-", "application/pdf"),
    (b"MZ", "application/vnd.microsoft.portable-executable"),
    (b"\x7fELF", "application/x-elf"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
    (b"Rar!\x1a\x07", "application/vnd.rar"),
    (b"7z\xbc\xaf\x27\x1c", "application/x-7z-compressed"),
    (b"\x1f\x8b", "application/gzip"),
    (b"{\\rtf", "application/rtf"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "application/x-ole-storage"),  # doc, xls, ppt, msg
    (b"MSCF", "application/vnd.ms-cab-compressed"),
    (b"L\x00\x00\x00\x01\x14\x02\x00", "application/x-ms-shortcut"),  # .lnk
    # OpenPGP armour, as puremagic names it (a test holds them to its answers): the detached signature
    # of a signed mail is the usual non-text part of ham, and puremagic's table scan costs ~0.2 ms
    (b"-----BEGIN PGP SIGNATURE-----", "application/pgp-signature"),
    (b"-----BEGIN PGP MESSAGE-----", "application/pgp-encrypted"),
    (b"-----BEGIN PGP PUBLIC KEY BLOCK-----", "application/pgp-keys"),
)
_ZIP_MAGIC: Final = b"PK\x03\x04"
_OOXML_PARTS: Final = (
    (b"word/", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    (b"xl/", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    (b"ppt/", "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
)
_HTML_STARTS: Final = (b"<!doctype html", b"<html", b"<head", b"<body", b"<script", b"<meta", b"<iframe")


def describe_attachment(filename: str | None, declared_type: str, payload: bytes, where: str) -> Attachment:
    """The :class:`Attachment` record for one MIME part's decoded payload."""
    return Attachment(
        filename=filename,
        declared_type=declared_type.strip().lower(),
        sniffed_type=sniff_type(payload),
        size=len(payload),
        sha256=hashlib.sha256(payload).hexdigest(),
        found_in=where,
    )


def sniff_type(payload: bytes) -> str | None:
    """The MIME type the bytes themselves show, or None when no signature matches."""
    head = payload[:SNIFF_BYTES]
    if not head:
        return None
    for magic, mime in _SIGNATURES:
        if head.startswith(magic):
            return mime
    if head.startswith(_ZIP_MAGIC):
        return _zip_flavour(head)
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:16].lower()
    if start.startswith(_HTML_STARTS):
        return "text/html"
    return _puremagic_type(head)


def _zip_flavour(head: bytes) -> str:
    # The first local file header names the first member; OpenDocument stores "mimetype" first,
    # uncompressed, with the type as its content.
    name_length = int.from_bytes(head[26:28], "little")
    extra_length = int.from_bytes(head[28:30], "little")
    name = head[30 : 30 + name_length]
    if name == b"mimetype":
        start = 30 + name_length + extra_length
        mime = head[start : start + 80].split(b"PK", 1)[0].strip()
        if mime.startswith(b"application/") and mime.isascii():
            return mime.decode("ascii")
    for marker, mime_type in _OOXML_PARTS:
        if marker in head:
            return mime_type
    if b"META-INF/MANIFEST.MF" in head or b".class" in head:
        return "application/java-archive"
    return "application/zip"


def _puremagic_type(head: bytes) -> str | None:
    try:
        matches = puremagic.magic_string(head)
    except Exception:  # PureError on no match, anything else on hostile input
        return None
    best: str | None = None
    best_confidence = -1.0
    for match in matches:
        mime = str(getattr(match, "mime_type", "") or "")
        confidence = float(getattr(match, "confidence", 0.0) or 0.0)
        if mime and confidence > best_confidence:
            best, best_confidence = mime, confidence
    return best
