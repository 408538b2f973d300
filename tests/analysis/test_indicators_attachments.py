"""Attachments: declared against sniffed type, size and SHA-256, never trusting the name."""

from __future__ import annotations

import email
import email.policy
import hashlib
import io
import zipfile

import pytest

from lapnet.analysis.indicators import IndicatorCollector
from lapnet.analysis.indicators.attachments import SNIFF_BYTES, _puremagic_type, sniff_type
from tests.corpora import corpora_root, corpus_bytes


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_it_records_name_types_size_and_sha256() -> None:
    payload = b"MZ\x90\x00" + b"\x00" * 60 + b"This program cannot be run in DOS mode."
    collector = IndicatorCollector()
    collector.add_attachment("invoice.pdf", "Application/PDF", payload, "body:2")
    (attachment,) = collector.result().attachment
    assert attachment.filename == "invoice.pdf"
    assert attachment.declared_type == "application/pdf"
    assert attachment.sniffed_type == "application/vnd.microsoft.portable-executable"
    assert attachment.size == len(payload)
    assert attachment.sha256 == hashlib.sha256(payload).hexdigest()
    assert attachment.found_in == "body:2"


@pytest.mark.parametrize(
    ("payload", "expected"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "application/pdf"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "image/png"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "image/jpeg"),
        (b"Rar!\x1a\x07\x01\x00", "application/vnd.rar"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504, "application/x-ole-storage"),
        (b"\xef\xbb\xbf  <!DOCTYPE html><html><form action=x>", "text/html"),
    ],
)
def test_it_sniffs_the_type_from_the_first_bytes(payload: bytes, expected: str) -> None:
    assert sniff_type(payload) == expected


def test_it_tells_a_plain_zip_from_office_and_opendocument_files() -> None:
    assert sniff_type(_zip({"invoice.js": b"WScript.Shell"})) == "application/zip"
    assert sniff_type(_zip({"[Content_Types].xml": b"<x/>", "word/document.xml": b"<w/>"})) == (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    odt = _zip({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<x/>"})
    assert sniff_type(odt) == "application/vnd.oasis.opendocument.text"


def test_it_gives_no_type_for_empty_or_unknown_bytes() -> None:
    assert sniff_type(b"") is None
    assert sniff_type(b"\x00\x01\x02 nothing known here") is None


def test_it_keeps_one_record_per_part_and_payload() -> None:
    collector = IndicatorCollector()
    collector.add_attachment("a.txt", "text/plain", b"same", "body:2")
    collector.add_attachment("a.txt", "text/plain", b"same", "body:2")
    collector.add_attachment("b.txt", "text/plain", b"same", "body:3")
    assert [a.found_in for a in collector.result().attachment] == ["body:2", "body:3"]


def test_it_describes_the_attachments_of_real_malspam() -> None:
    # SpamScope fixture mail_test_2: real malspam; every attachment gets a hash and a sniffed type
    message = email.message_from_bytes(
        corpus_bytes("fixtures-spamscope-mail-parser/mail_test_2"), policy=email.policy.compat32
    )
    collector = IndicatorCollector()
    for index, part in enumerate(message.walk()):
        if part.is_multipart() or part.get_content_maintype() == "text":
            continue
        payload = part.get_payload(decode=True)
        if isinstance(payload, bytes):
            collector.add_attachment(part.get_filename(), part.get_content_type(), payload, f"body:{index}")
    attachments = collector.result().attachment
    assert all(len(a.sha256) == 64 and a.size > 0 for a in attachments)
    # the "Bollettino.pdf" sent as application/octet-stream is seen for the PDF it is
    assert ("Bollettino.pdf", "application/octet-stream", "application/pdf") in {
        (a.filename, a.declared_type, a.sniffed_type) for a in attachments
    }


@pytest.mark.parametrize(
    "armour",
    [
        b"-----BEGIN PGP SIGNATURE-----\nVersion: GnuPG v1.0.6 (GNU/Linux)\n\niD8DBQE9\n=Lm6n\n-----END PGP SIGNATURE-----\n",
        b"-----BEGIN PGP MESSAGE-----\n\nhQEMA0cX\n-----END PGP MESSAGE-----\n",
        b"-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nmQGiBD\n-----END PGP PUBLIC KEY BLOCK-----\n",
    ],
)
def test_it_names_openpgp_armour_as_puremagic_does(armour: bytes) -> None:
    # recognised directly, without puremagic's table scan: the answer must stay puremagic's own
    assert sniff_type(armour) == _puremagic_type(armour)
    assert sniff_type(armour) is not None
    assert sniff_type(armour[:20]) is None  # a cut armour is no armour for either


def test_the_detached_signatures_of_signed_ham_are_named_as_puremagic_names_them() -> None:
    signed = 0
    for path in sorted((corpora_root() / "spamassassin-public-corpus").rglob("*")):
        if not path.is_file():
            continue
        message = email.message_from_bytes(path.read_bytes(), policy=email.policy.compat32)
        for part in message.walk():
            payload = part.get_payload(decode=True)
            if isinstance(payload, bytes) and payload.startswith(b"-----BEGIN PGP"):
                signed += 1
                assert sniff_type(payload) == _puremagic_type(payload[:SNIFF_BYTES])
    assert signed >= 80  # 84 in the SpamAssassin corpus: 66 detached signatures, 18 signed texts
