"""The multipart short cut of the MIME layer (``fast_tree``) builds the tree the stdlib's feed parser
builds, for the message and every part, or leaves the message to the feed parser: never a different
tree."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lapnet.analysis.message import IndexedMessage, fast_tree, parse_message
from lapnet.analysis.sources import iter_files, iter_items
from tests.analysis.mime_trees import feed_parser_tree, same_tree_or_none, tree_state
from tests.corpora import corpora_root


def _assert_same_tree_or_none(data: bytes) -> bool:
    return same_tree_or_none(fast_tree, data)


_ALTERNATIVE = (
    b"Content-Type: multipart/alternative; boundary=b\n\n--b\nContent-Type: text/plain\n\nplain\n"
    b"--b\nContent-Type: text/html\n\n<p>html</p>\n--b--\n"
)

TAKEN = [
    _ALTERNATIVE,
    # CRLF throughout, and a Unix From line
    _ALTERNATIVE.replace(b"\n", b"\r\n"),
    b"From a@b.example Thu Aug 22 18:26:25 2002\r\n" + _ALTERNATIVE.replace(b"\n", b"\r\n"),
    # preamble and epilogue present, of one or several lines, blank lines among them
    b"Content-Type: multipart/mixed; boundary=b\n\nthis is a preamble\n\n--b\n\nx\n--b--\nepilogue\n\n",
    b"Content-Type: multipart/mixed; boundary=b\r\n\r\npre\r\namble\r\n--b\r\n\r\nx\r\n--b--\r\nepi\r\n",
    b"Content-Type: multipart/mixed; boundary=b\n\n\n--b\n\nan empty preamble line\n--b--\n\n",
    # no preamble, no epilogue, close boundary without a line break, or with spaces after it
    b"Content-Type: multipart/mixed; boundary=b\n\n--b\n\nx\n--b--",
    b"Content-Type: multipart/mixed; boundary=b\n\n--b \t\n\nx\n--b-- \t\n",
    b"Content-Type: multipart/mixed; boundary=b\n\n--b\n\nx\n--b--   ",
    # boundary-like lines inside a part: the boundary as a prefix, or followed by other text
    b"Content-Type: multipart/mixed; boundary=b\n\n--b\n\n--bb\n--b x\n-- b\n --b\n--b--x\n--b---\n--b--\n",
    b'Content-Type: multipart/mixed; boundary="b--"\n\n--b--\n\nx\n--b----\n',
    # empty parts: no header and no body, headers and no body, headers up to the boundary line
    b"Content-Type: multipart/mixed; boundary=b\n\n--b\n\n--b\nX-A: 1\n\n--b\nX-B: 2\n--b--\n",
    b"Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n\r\n--b\r\nX-B: 2\r\n--b--\r\n",
    b"Content-Type: multipart/mixed; boundary=b\n\n--b\n\n\n--b--\n",
    # part bodies that end in blank lines or without a line break of their own
    b"Content-Type: multipart/mixed; boundary=b\n\n--b\n\nx\n\n\n--b\n\ny\r\n\r\n--b--\n",
    # nested multiparts, with and without their own preamble and epilogue
    b"Content-Type: multipart/mixed; boundary=outer\n\npre\n--outer\n"
    b"Content-Type: multipart/alternative; boundary=inner\n\ninner pre\n--inner\n\na\n--inner\n"
    b"Content-Type: text/html\n\n<b>b</b>\n--inner--\ninner epi\n\n--outer\n"
    b"Content-Type: application/pdf; name=x.pdf\nContent-Transfer-Encoding: base64\n\nJVBERi0=\n"
    b"--outer--\nouter epi\n",
    b"Content-Type: multipart/mixed; boundary=outer\n\n--outer\n"
    b"Content-Type: multipart/related; boundary=inner\n\n--inner\n\na\n--inner--\n--outer--\n",
    b"Content-Type: multipart/mixed; boundary=outer\n\n--outer\n"
    b"Content-Type: multipart/related; boundary=inner\n\n--inner\n\na\n--inner--\n\n--outer--\n",
    b"Content-Type: multipart/mixed; boundary=o\r\n\r\n--o\r\n"
    b"Content-Type: multipart/related; boundary=i\r\n\r\n--i\r\n\r\na\r\n--i--\r\n\r\n\r\n--o--\r\n",
    # multipart/digest: parts with a content type of their own (a part without one is a message)
    b"Content-Type: multipart/digest; boundary=d\n\n--d\nContent-Type: text/plain\n\nx\n--d--\n",
    # boundary parameters: quoted, with folding, with other parameters, in capitals, RFC 2231
    b'Content-Type: multipart/mixed;\n boundary="----=_Part 1.2"\n\n------=_Part 1.2\n\nx\n------=_Part 1.2--\n',
    b'Content-Type: MULTIPART/Mixed; charset=us-ascii; BOUNDARY="(b)+?*"\n\n--(b)+?*\n\nx\n--(b)+?*--\n',
    b"Content-Type: multipart/mixed; boundary*=''b\n\n--b\n\nx\n--b--\n",
    b"Content-Type: multipart/mixed; boundary=b\nContent-Transfer-Encoding: 7BIT\n\n--b\n\nx\n--b--\n",
    # 8-bit bytes in fields and bodies
    b"Subject: \xe9t\xe9\nContent-Type: multipart/mixed; boundary=b\n\n--b\nX-A: \xff\n\n\x80\n--b--\n",
]

LEFT = [
    # missing close boundary, at the end of the text or before the outer boundary line
    b"Content-Type: multipart/mixed; boundary=b\n\n--b\n\nx\n",
    b"Content-Type: multipart/mixed; boundary=o\n\n--o\nContent-Type: multipart/mixed; boundary=i\n\n"
    b"--i\n\nx\n--o--\n",
    # no separator line, or the close line first
    b"Content-Type: multipart/mixed; boundary=b\n\nno boundary line at all\n",
    b"Content-Type: multipart/mixed; boundary=b\n\n--b--\n",
    # a separator as the last line, two boundary lines in a row
    b"Content-Type: multipart/mixed; boundary=b\n\n--b\n\nx\n--b",
    b"Content-Type: multipart/mixed; boundary=b\n\n--b\n--b\n\nx\n--b--\n",
    b"Content-Type: multipart/mixed; boundary=b\n\n--b\n\nx\n--b\n--b--\n",
    # no boundary, an empty one, a bad transfer encoding
    b"Content-Type: multipart/mixed\n\nx\n",
    b'Content-Type: multipart/mixed; boundary=""\n\n--\n\nx\n----\n',
    b"Content-Type: multipart/mixed; boundary=b\nContent-Transfer-Encoding: base64\n\n--b\n\nx\n--b--\n",
    # lone CRs anywhere: they end lines for the feed parser
    b"Content-Type: multipart/mixed; boundary=b\n\n--b\n\nx\r--b\n\ny\n--b--\n",
    # message/* parts, and a multipart/digest part without a content type (a message/rfc822)
    b"Content-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: message/rfc822\n\nSubject: x\n\ny\n--b--\n",
    b"Content-Type: multipart/digest; boundary=d\n\n--d\n\nSubject: x\n\ny\n--d--\n",
    # part headers the feed parser reads with a defect, or with a Unix From line
    b"Content-Type: multipart/mixed; boundary=b\n\n--b\nnot a field\n\nx\n--b--\n",
    b"Content-Type: multipart/mixed; boundary=b\n\n--b\n continuation first\n\nx\n--b--\n",
    b"Content-Type: multipart/mixed; boundary=b\n\n--b\nFrom a Thu Aug 22 18:26:25 2002\n\nx\n--b--\n",
    # a nested multipart without its separator before the outer boundary
    b"Content-Type: multipart/mixed; boundary=o\n\n--o\nContent-Type: multipart/mixed; boundary=i\n\n"
    b"x\n--o--\n",
]


@pytest.mark.parametrize("data", TAKEN)
def test_a_multipart_message_gets_the_feed_parsers_tree(data: bytes) -> None:
    assert feed_parser_tree(data).is_multipart()
    assert _assert_same_tree_or_none(data)


@pytest.mark.parametrize("data", LEFT)
def test_what_the_feed_parser_must_read_is_left_to_it(data: bytes) -> None:
    assert fast_tree(data) is None
    # and parse_message, which falls back to the feed parser, reads it as it always did
    assert tree_state(parse_message(data).tree) == tree_state(feed_parser_tree(data))


def test_the_line_break_before_a_boundary_belongs_to_the_boundary() -> None:
    data = (
        b"Content-Type: multipart/mixed; boundary=o\r\n\r\npre\r\n\r\n--o\r\n"
        b"Content-Type: multipart/alternative; boundary=i\r\n\r\n--i\r\n\r\na\r\n\r\n--i--\r\n--o\r\n\r\n"
        b"b\r\n--o--\r\nepi\r\n"
    )
    tree = fast_tree(data)
    assert tree is not None
    assert (tree.preamble, tree.epilogue) == ("pre\r\n", "epi\r\n")
    payload = tree.get_payload()
    assert isinstance(payload, list) and len(payload) == 2
    inner, leaf = payload
    assert isinstance(inner, IndexedMessage) and isinstance(leaf, IndexedMessage)
    assert (inner.preamble, inner.epilogue, leaf.get_payload()) == (None, None, "b")
    innermost = inner.get_payload(0)
    assert isinstance(innermost, IndexedMessage) and innermost.get_payload() == "a\r\n"
    assert tree_state(tree) == tree_state(feed_parser_tree(data))


def test_a_multipart_message_parses_the_same_through_the_short_cut() -> None:
    data = (
        b"Content-Type: multipart/alternative; boundary=b\r\n\r\n--b\r\n"
        b"Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
        b"R=C3=A9activez\r\n--b\r\nContent-Type: text/html\r\n\r\n<p>html</p>\r\n--b--\r\n"
    )
    assert fast_tree(data) is not None
    parsed = parse_message(data)
    assert [part.text for part in parsed.text_parts] == ["Réactivez"]
    assert [part.text for part in parsed.html_parts] == ["<p>html</p>"]
    assert parsed.defects == ()


_FRAGMENTS = st.sampled_from(
    [
        b"Content-Type: multipart/mixed; boundary=b",
        b"Content-Type: multipart/alternative; boundary=c",
        b"Content-Type: multipart/digest; boundary=c",
        b'Content-Type: multipart/mixed; boundary="b"',
        b"Content-Type: text/plain",
        b"Content-Type: message/rfc822",
        b"Content-Transfer-Encoding: base64",
        b"From x",
        b"Subject: x",
        b" folded",
        b"--b",
        b"--b--",
        b"--b ",
        b"--bb",
        b"--c",
        b"--c--",
        b"body",
        b"\xe9",
        b"",
    ]
)
_ENDINGS = st.sampled_from([b"\n", b"\r\n", b"\n\n", b"\r\n\r\n", b"\r", b""])
_START = b"Content-Type: multipart/mixed; boundary=b\n\n"


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.tuples(_FRAGMENTS, _ENDINGS), max_size=16), st.booleans())
def test_the_short_cut_never_builds_another_tree_than_the_feed_parser(
    lines: list[tuple[bytes, bytes]], crlf: bool
) -> None:
    start = _START.replace(b"\n", b"\r\n") if crlf else _START
    _assert_same_tree_or_none(start + b"".join(fragment + ending for fragment, ending in lines))


# lines for preambles, bodies and epilogues: text and blank lines, and (one time in four) lines that
# are or look like boundary lines of the boundaries drawn below
_PLAIN_LINE = st.sampled_from([b"text", b"", b" ", b"\xe9", b"-- c", b"--bb", b"--b x"])
_BOUNDARY_LIKE_LINE = st.sampled_from([b"--b", b"--b--", b"--b \t", b"--c", b"--c--", b"--=_b 1"])
_LINES = st.lists(_PLAIN_LINE | _PLAIN_LINE | _PLAIN_LINE | _BOUNDARY_LIKE_LINE, max_size=3)
_BREAKS = st.sampled_from([b"\n", b"\r\n"])


@st.composite
def _multipart(draw: st.DrawFn, depth: int = 0) -> bytes:
    """A multipart message (or part) that is mostly well formed: its preamble, parts (leaves, or
    multiparts themselves) and epilogue, and now and then a missing close line or a lone CR."""
    nl = draw(_BREAKS)
    boundary = draw(st.sampled_from([b"b", b"c", b"b--", b"=_b 1", b"bb"]))
    subtype = draw(st.sampled_from([b"mixed", b"alternative", b"digest", b"related"]))
    quoted = b'"' + boundary + b'"' if draw(st.booleans()) else boundary
    out = [b"Content-Type: multipart/" + subtype + b"; boundary=" + quoted + nl, nl]
    preamble = draw(st.none() | _LINES)
    if preamble is not None:
        out.extend(line + nl for line in preamble)
    for _ in range(draw(st.integers(0, 3)) or draw(st.integers(0, 1))):  # no part: 1 in 8
        out.append(b"--" + boundary + draw(st.sampled_from([b"", b" ", b"\t "])) + nl)
        if depth < 2 and draw(st.integers(0, 3)) == 0:
            out.append(draw(_multipart(depth + 1)))
            continue
        for field in draw(
            st.lists(st.sampled_from([b"Content-Type: text/plain", b"Content-Type: text/html", b"X-A: 1"]))
        ):
            out.append(field + nl + (b" folded" + nl if draw(st.integers(0, 3)) == 0 else b""))
        if draw(st.integers(0, 4)):
            out.append(nl)
        out.extend(line + nl for line in draw(_LINES))
    if draw(st.integers(0, 5)):
        out.append(
            b"--" + boundary + b"--" + draw(st.sampled_from([b"", b" "])) + draw(st.sampled_from([nl, b""]))
        )
        out.extend(line + nl for line in draw(_LINES))
    if draw(st.integers(0, 20)) == 0:
        out.insert(draw(st.integers(0, len(out))), b"\r")
    return b"".join(out)


@settings(max_examples=1500, deadline=None)
@given(_multipart())
def test_the_short_cut_builds_the_feed_parsers_tree_for_generated_multiparts(data: bytes) -> None:
    _assert_same_tree_or_none(data)


@pytest.mark.corpora
def test_the_short_cut_builds_the_feed_parsers_tree_for_every_multipart_message_of_the_corpora() -> None:
    taken = left = 0
    spamassassin = spamassassin_taken = 0
    folders = {"spam", "spam_2", "easy_ham", "easy_ham_2", "hard_ham"}
    for path in iter_files([corpora_root()]):
        for item in iter_items(path, path.read_bytes()):
            if item.kind is not None and item.sms is not None:
                continue  # SMS records are no MIME
            tree = fast_tree(item.data)
            if tree is not None:
                assert tree_state(tree) == tree_state(feed_parser_tree(item.data)), item.source
            if not feed_parser_tree(item.data).is_multipart():
                continue
            took = tree is not None
            taken, left = taken + took, left + (not took)
            if "spamassassin-public-corpus" in path.parts and path.parent.name in folders:
                spamassassin, spamassassin_taken = spamassassin + 1, spamassassin_taken + took
    # SpamAssassin: 321 messages with parts (2026-11-28); most are plain multiparts
    assert spamassassin >= 300
    assert spamassassin_taken >= 0.8 * spamassassin, (spamassassin_taken, spamassassin)
    assert taken > 1000
    assert left > 0  # embedded messages and broken MIME are still the feed parser's
