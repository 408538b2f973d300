"""The single-part short cut of the MIME layer builds the tree the stdlib's feed parser builds, or
leaves the message to the feed parser: never a different tree."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lapnet.analysis.message import parse_message, single_part_tree
from lapnet.analysis.sources import iter_files, iter_items
from tests.analysis.mime_trees import feed_parser_tree, same_tree_or_none, tree_state
from tests.corpora import corpora_root


def _assert_same_tree_or_none(data: bytes) -> bool:
    return same_tree_or_none(single_part_tree, data)


TAKEN = [
    b"Subject: hi\nFrom: a@b.example\n\nbody\n",
    b"Subject: hi\r\nFrom: a@b.example\r\n\r\nbody\r\nmore\r\n",
    b"From sender@example.com Thu Aug 22 18:26:25 2002\nSubject: x\n\nbody",
    b"From sender@example.com Thu Aug 22 18:26:25 2002\r\nSubject: x\r\n\r\nbody",
    b"From x\n\nthe envelope line, then no field at all\n",
    b"\nno header at all\n",
    b"\r\nno header at all, CRLF\r\n",
    b"Subject: folded\n  on two lines\n\tand a tab\nTo: c@d.example\n\nbody",
    b"Subject: folded\r\n on two lines\r\n\r\nbody",
    b"Subject:no space\nX-Empty:\nX-Spaces:   \t  \n\n",
    b"Subject: \xe9t\xe9 8-bit\nFrom: \xff\xfe@example.com\n\nbody \x80\x81\n",
    b"Subject: a NUL \x00 and a form feed \x0c and \x1c\n\nbody",
    b"Content-Type: text/html; charset=utf-8\nContent-Transfer-Encoding: base64\n\nPGI+aGk8L2I+\n",
    b"Content-Type: application/pdf; name=x.pdf\n\n%PDF-1.4\n",
    b"Content-Type: multipartish/mixed\n\nnot a multipart\n",
    b"Content-Type: \xe9\xe9/plain\n\nbody",
    b"Content-Type: text\n\nan invalid type: text/plain\n",
    b"Subject: x\r\n\r\nthe body keeps a lone\rCR and\r\n\r\nblank lines\n\n\n",
    b"Subject: x\n\n",
    b"Subject: x\n\r\nbody after a CRLF blank line",
    b"Received: from a\n\tby b; Thu, 22 Aug 2002\nReceived: from c\n\n",
    b"From: a@b.example\nFrom: c@d.example\n\ntwo From fields are fields, not envelopes\n",
]

LEFT = [
    b"Content-Type: multipart/alternative; boundary=b\n\n--b\n\nx\n--b--\n",
    b"Content-Type: message/rfc822\n\nSubject: inner\n\nbody\n",
    b"Content-Type: MESSAGE/delivery-status\n\nx\n",
    b"Content-Type: multipart/mixed\n\nno boundary\n",
    b"Subject: a lone\rCR in a field\n\nbody",
    b"Subject: lone CR line ends\r\rbody",
    b"Subject: no body and no line break",
    b"Subject: no blank line\n",
    b"  continuation first\nSubject: x\n\nbody",
    b"From x\n continuation of the envelope line\n\nbody",
    b"Subject: x\nnot a field\n\nbody",
    b"Subject: x\nName with space: y\n\nbody",
    b": no name\n\nbody",
    b"Subject: x\nFrom y@example.com Thu Aug 22 18:26:25 2002\n\nbody",
    b"Subject: x\n\xe9: eight-bit name\n\nbody",
    b"",
    b"just text, no header\n\nat all",
]


@pytest.mark.parametrize("data", TAKEN)
def test_a_single_part_message_gets_the_feed_parsers_tree(data: bytes) -> None:
    assert _assert_same_tree_or_none(data)


@pytest.mark.parametrize("data", LEFT)
def test_what_the_feed_parser_must_read_is_left_to_it(data: bytes) -> None:
    assert single_part_tree(data) is None
    # and parse_message, which falls back to the feed parser, reads it as it always did
    assert tree_state(parse_message(data).tree) == tree_state(feed_parser_tree(data))


def test_a_message_parses_the_same_through_the_short_cut() -> None:
    data = (
        b"From: Bank <a@bank.example>\r\nSubject: =?utf-8?q?V=C3=A9rifiez?=\r\n"
        b"Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
        b"R=C3=A9activez votre compte: http://login.bank.example.evil.test/\r\n"
    )
    assert single_part_tree(data) is not None
    parsed = parse_message(data)
    assert parsed.text_parts[0].text == "Réactivez votre compte: http://login.bank.example.evil.test/\r\n"
    assert parsed.decoded_header("Subject") == "Vérifiez"
    assert parsed.defects == ()


_FRAGMENTS = st.sampled_from(
    [
        b"Subject: x",
        b"From: a@b.example",
        b"From x",
        b"Content-Type: text/plain",
        b"Content-Type: multipart/mixed; boundary=b",
        b"Content-Type: message/rfc822",
        b" folded",
        b"\tfolded",
        b": no name",
        b"X:",
        b"\xe9",
        b"\x00",
        b"--b",
        b"body",
        b"",
    ]
)
_ENDINGS = st.sampled_from([b"\n", b"\r\n", b"\r", b"\n\n", b"\r\n\r\n", b""])


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(_FRAGMENTS, _ENDINGS), max_size=12), st.binary(max_size=40))
def test_the_short_cut_never_builds_another_tree_than_the_feed_parser(
    lines: list[tuple[bytes, bytes]], tail: bytes
) -> None:
    _assert_same_tree_or_none(b"".join(fragment + ending for fragment, ending in lines) + tail)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=300))
def test_the_short_cut_never_builds_another_tree_on_arbitrary_bytes(data: bytes) -> None:
    _assert_same_tree_or_none(data)


@pytest.mark.corpora
def test_the_short_cut_builds_the_feed_parsers_tree_for_every_message_of_the_corpora() -> None:
    taken = left = 0
    for path in iter_files([corpora_root()]):
        for item in iter_items(path, path.read_bytes()):
            if item.kind is not None and item.sms is not None:
                continue  # SMS records are no MIME
            if _assert_same_tree_or_none(item.data):
                taken += 1
            else:
                left += 1
    assert taken > 5000  # most evidence is one part (5,100 of the 7,171 messages of 2026-11-28)
    assert left > 1000
