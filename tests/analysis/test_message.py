"""MIME parsing into frozen parts: line endings, charsets, attachments, embedded messages, defects."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lapnet.analysis.message import decode_words, parse_message
from tests.corpora import corpus_bytes

FIXTURES = Path(__file__).parent / "fixtures"


def test_it_reads_the_same_message_with_crlf_lf_and_cr_only_line_endings() -> None:
    parsed = [
        parse_message((FIXTURES / name).read_bytes())
        for name in ("crlf_lottery.eml", "lf_only.eml", "cr_only.eml")
    ]
    subjects = {p.decoded_header("Subject") for p in parsed}
    assert subjects == {"You have won €1,000,000"}
    for message in parsed:
        assert "claim your prize" in message.text_parts[0].text
        assert message.header("Reply-To") == "payout.agent@mailbox.example"
        assert len(message.all_headers("Received")) == 1
        assert "\n" not in message.all_headers("Received")[0]  # unfolded


def test_it_decodes_rfc2047_words_and_leaves_broken_ones_alone() -> None:
    assert decode_words("=?iso-8859-1?q?caf=E9?=") == "café"
    assert decode_words("=?x-no-such-charset?q?abc?=") == "abc"
    assert decode_words("plain text") == "plain text"


def test_it_separates_text_html_and_attachments_in_a_real_malspam_message() -> None:
    # SpamScope fixture: a real malspam with attachments
    message = parse_message(corpus_bytes("fixtures-spamscope-mail-parser/mail_test_2"))
    assert message.attachments, "the attachment is found"
    assert all(part.payload for part in message.attachments)


def test_it_records_defects_of_a_broken_multipart_instead_of_raising() -> None:
    data = (
        b"From: a@example.org\nContent-Type: multipart/mixed; boundary=XYZ\n\n--XYZ\n"
        b"Content-Type: text/plain\nContent-Transfer-Encoding: base64\n\nnot base64 at all!!\n"
    )
    message = parse_message(data)
    codes = {defect.code for defect in message.defects}
    assert "mime.close_boundary_not_found" in codes


def test_it_survives_a_message_without_any_header() -> None:
    message = parse_message(b"\n\njust a body")
    assert [d.code for d in message.defects] == ["header.none"]


def test_it_falls_back_when_the_declared_charset_does_not_exist() -> None:
    data = b"Subject: x\nContent-Type: text/plain; charset=klingon\n\ncaf\xe9"
    message = parse_message(data)
    assert message.text_parts[0].text == "café"
    assert any(d.code == "charset.unknown" for d in message.defects)


def test_it_keeps_attached_messages_as_embedded_bytes() -> None:
    inner = b"From: spammer@example.com\nSubject: Cheap pills\n\nBuy now"
    data = (
        b"From: reporter@example.net\nSubject: Fwd: spam\nContent-Type: multipart/mixed; boundary=B\n\n"
        b"--B\nContent-Type: text/plain\n\nsee attached\n--B\nContent-Type: message/rfc822\n\n"
        + inner
        + b"\n--B--\n"
    )
    message = parse_message(data)
    assert len(message.embedded) == 1
    assert b"Subject: Cheap pills" in message.embedded[0].raw
    assert message.embedded[0].path == "2"


def test_it_stops_at_absurd_nesting_depth() -> None:
    depth = 60
    head = b"".join(b"Content-Type: multipart/mixed; boundary=b%d\n\n--b%d\n" % (i, i) for i in range(depth))
    message = parse_message(b"From: x@example.org\n" + head + b"Content-Type: text/plain\n\nhi\n")
    assert any(d.code == "mime.too_deep" for d in message.defects)


def test_it_keeps_what_each_leaf_decoded_to_for_later_readers_of_the_tree() -> None:
    data = (
        b"From: reporter@example.net\nContent-Type: multipart/mixed; boundary=B\n\n"
        b"--B\nContent-Type: text/plain\nContent-Transfer-Encoding: base64\n\naGVsbG8=\n"
        b"--B\nContent-Type: application/json\n\n{}\n--B--\n"
    )
    message = parse_message(data)
    first, second = message.tree.get_payload()
    assert message.decoded == {first: b"hello", second: b"{}"}  # the leaves only, not the container


@pytest.mark.corpora
def test_a_leaf_body_reads_as_get_payload_decode_true_gives_it_on_every_corpus_part() -> None:
    # _payload_bytes reads bodies that need no decoding itself (the stdlib's steps are interpreted)
    import email.message

    from lapnet.analysis.message import _payload_bytes, fast_tree
    from tests.analysis.mime_trees import feed_parser_tree
    from tests.corpora import corpus_mail

    read_here = 0
    for item in corpus_mail():
        for tree in (fast_tree(item.data), feed_parser_tree(item.data)):
            if tree is None:
                continue
            for part in tree.walk():
                if not isinstance(part, email.message.Message) or part.is_multipart():
                    continue
                try:
                    expected = part.get_payload(decode=True)
                except Exception:
                    continue
                if isinstance(expected, bytes):
                    decoded: dict[email.message.Message, bytes] = {}
                    assert _payload_bytes(part, [], "1", decoded) == expected, item.source
                    assert decoded[part] == expected
                    read_here += str(part.get("content-transfer-encoding", "")).lower() not in {
                        "quoted-printable",
                        "base64",
                    }
    assert read_here > 5000


@pytest.mark.corpora
def test_the_content_type_reads_as_the_stdlibs_on_every_corpus_part() -> None:
    # _stdlib_content_type / _maintype replace get_content_type / get_content_maintype (interpreted)
    import email.message

    from lapnet.analysis.message import _maintype, _stdlib_content_type, fast_tree
    from tests.analysis.mime_trees import feed_parser_tree
    from tests.corpora import corpus_mail

    types: set[str] = set()
    for item in corpus_mail():
        for tree in (fast_tree(item.data), feed_parser_tree(item.data)):
            if tree is None:
                continue
            for part in tree.walk():
                if isinstance(part, email.message.Message):
                    assert _stdlib_content_type(part) == part.get_content_type(), item.source
                    assert _maintype(part) == part.get_content_maintype(), item.source
                    types.add(part.get_content_type())
    assert len(types) > 40


@settings(max_examples=600, deadline=None)
@given(
    st.one_of(
        st.none(),
        st.text(alphabet=" \t\r\n;/=\"'xyzTEXT-+.é\x00", max_size=30),
        st.sampled_from(
            ["multipart/mixed; boundary=b", " Text/HTML ;charset=x", "a/b/c", "/", "message/rfc822"]
        ),
    ),
    st.booleans(),
)
def test_the_content_type_reads_as_the_stdlibs_on_generated_fields(value: str | None, digest: bool) -> None:
    from lapnet.analysis.message import IndexedMessage, _maintype, _stdlib_content_type

    part = IndexedMessage()
    if digest:
        part.set_default_type("message/rfc822")
    if value is not None:
        part["Content-Type"] = value
    assert _stdlib_content_type(part) == part.get_content_type()
    assert _maintype(part) == part.get_content_maintype()
