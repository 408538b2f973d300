"""Work shared or skipped for speed gives the answers of the plain way: one HTML parse for indicators
and classifier, repeated links placed once, the MIME walk's short cuts, and the serialiser's plans."""

from __future__ import annotations

import email
import email.message
import email.utils
import re
from email.policy import compat32

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lapnet.analysis.analyze import _parse_date, analyze_bytes
from lapnet.analysis.classify import text as text_module
from lapnet.analysis.classify.text import mark_blocks, message_text, read_visible_text, visible_text
from lapnet.analysis.indicators import IndicatorCollector
from lapnet.analysis.indicators import html as html_module
from lapnet.analysis.indicators.html import TreeReader, extract_html
from lapnet.analysis.indicators.urls import _parse_url, parse_url
from lapnet.analysis.message import IndexedMessage, _charset, _filename, parse_message, unfold
from lapnet.analysis.serialize import to_dict
from lapnet.analysis.sources import iter_files
from tests.analysis.indicators_support import by_value, from_html
from tests.corpora import corpora_root

VISIBLE = TreeReader(mark_blocks, read_visible_text)
HTML_SAMPLES = [
    "",
    "<p>Dear customer</p><div>verify your account at http://login.example.com/x</div>",
    "<html><head><title>Notice</title><style>p{}</style></head><body><p>a</p>b<br>c</body></html>",
    '<div style="display:none">hidden</div><table><tr><td>one</td><td>two</td></tr></table>',
    "<script>var u='http://evil.example/'</script><noscript>no</noscript><p>text</p>",
    '<a href="http://a.example.com/">www.paypal.com</a><!-- <a href="http://c.example/"> -->',
    "<p>unclosed <b>bold <i>italic",
]


@pytest.mark.parametrize("markup", HTML_SAMPLES)
def test_the_shared_parse_reads_the_visible_text_the_classifier_reads_alone(markup: str) -> None:
    content = extract_html(markup, VISIBLE)
    assert content.reading == visible_text(markup)


@pytest.mark.parametrize("markup", HTML_SAMPLES)
def test_the_shared_parse_finds_the_links_and_text_of_a_parse_of_its_own(markup: str) -> None:
    shared = extract_html(markup, VISIBLE)
    alone = extract_html(markup)
    assert shared.links == alone.links
    assert shared.text.split() == alone.text.split()


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet="<>/=\"' abpdivhrtleyscon:.\n-", max_size=200))
def test_the_shared_parse_agrees_with_the_classifier_on_any_markup(markup: str) -> None:
    reading = extract_html(markup, VISIBLE).reading
    assert reading is None or reading == visible_text(markup)


def test_a_reader_that_fails_leaves_the_reading_to_the_caller() -> None:
    def broken(_tree: object) -> str:
        raise ValueError("no")

    content = extract_html("<p>http://a.example.com/</p>", TreeReader(mark_blocks, broken))
    assert content.reading is None
    assert [link.value for link in content.links] == []
    assert "http://a.example.com/" in content.text


def test_message_text_uses_the_visible_texts_it_is_given_and_reads_the_rest() -> None:
    raw = (
        b"Subject: x\r\nContent-Type: multipart/alternative; boundary=b\r\n\r\n--b\r\n"
        b"Content-Type: text/html\r\n\r\n<p>first</p>\r\n--b\r\nContent-Type: text/html\r\n\r\n"
        b"<p>second</p>\r\n--b--\r\n"
    )
    message = parse_message(raw)
    assert message_text(message) == "first\nsecond"
    assert message_text(message, ["FIRST", None]) == "FIRST\nsecond"


def test_a_repeated_link_is_placed_once_with_the_same_result() -> None:
    link = '<a href="http://shop.example.com/?id=1">shop</a>'
    once = by_value(from_html(link).url)
    many = by_value(from_html(link * 50).url)
    assert many == once


def test_repeated_phone_links_still_spend_the_phone_budget() -> None:
    collector = IndicatorCollector(default_region="GB")
    before = collector._budgets["phone"].remaining
    collector.add_html('<a href="tel:+442079460000">call</a>' * 3, "body:1:text/html")
    assert before - collector._budgets["phone"].remaining == 3


@pytest.mark.parametrize(
    "content_type",
    [
        'text/plain; charset="utf-8"',
        'text/plain; charset="utf-8',
        "text/plain;charset=UTF-8;",
        "text/plain; CHARSET = ISO-8859-1 ",
        "text/plain; charset=",
        'text/plain; charset=""',
        "text/plain; charset*=utf-8''x",
        'text/plain; charset="a\\"b"',
        'text/html;\n\tcharset="windows-1252"',
        "text/plain; format=flowed; charset=us-ascii",
        "text/plain",
    ],
)
def test_the_charset_short_cut_gives_what_the_stdlib_gives(content_type: str) -> None:
    part = email.message.Message()
    part["Content-Type"] = content_type
    assert _charset(part) == part.get_content_charset()


@pytest.mark.parametrize(
    ("content_type", "disposition"),
    [
        ("application/pdf", 'attachment; filename="invoice.pdf"'),
        ('application/pdf; name="scan.pdf"', "attachment"),
        ("application/pdf", "attachment; filename*=utf-8''r%C3%A9sum%C3%A9.pdf"),
        ("application/pdf", "inline"),
        ("text/plain", ""),
    ],
)
def test_the_file_name_short_cut_gives_what_the_stdlib_gives(content_type: str, disposition: str) -> None:
    part = email.message.Message()
    part["Content-Type"] = content_type
    if disposition:
        part["Content-Disposition"] = disposition
    assert _filename(part, disposition) == part.get_filename()


@pytest.mark.corpora
def test_the_short_cuts_agree_with_the_stdlib_on_every_part_of_the_corpora() -> None:
    root = corpora_root()
    for path in iter_files([root / "fixtures-eml-parser", root / "fixtures-mikel-mail"]):
        message = email.message_from_bytes(path.read_bytes(), policy=compat32)
        for part in message.walk():
            try:
                expected = part.get_content_charset()
            except Exception:
                expected = None
            assert _charset(part) == expected, (path, part.get("Content-Type"))


def test_results_serialise_the_same_through_the_per_class_plans() -> None:
    raw = b"From: a@b.example\r\nSubject: hi\r\nReply-To: c@d.example\r\n\r\nvisit http://e.example/x\r\n"
    first = to_dict(analyze_bytes(raw)[0])
    second = to_dict(analyze_bytes(raw)[0])
    assert first == second
    assert first["from"] == "a@b.example"
    assert first["indicators"]["url"][0]["value"] == "http://e.example/x"
    assert isinstance(first["indicators"]["url"][0]["attributes"], dict)


def _stdlib_date(value: str) -> str:
    try:
        return email.utils.parsedate_to_datetime(value).isoformat()
    except (TypeError, ValueError, IndexError, OverflowError) as error:
        return type(error).__name__


@pytest.mark.parametrize(
    "value",
    [
        "Thu, 22 Aug 2002 18:26:25 +0700",
        "22 Aug 2002 18:26:25 -0000",
        "Thu, 22 Aug 2002 18:26:25 +0000 (GMT)",
        "Mon, 2 Sep 2002 08:01:02 -0530",
        "Mon, 02 SEP 2002 08:01:02 +0075",
        "Fri, 31 Feb 2002 10:00:00 +0100",
        "Fri, 30 Jun 2002 24:00:00 +0100",
        "Tue, 1 Jan 0099 10:00:00 +0100",
        "Tue, 1 Jan 0042 10:00:00 +0100",
        "Tue, 1 Jan 2002 10:00:00 +2400",
        "Xyz, 1 Jan 2002 10:00:00 +0100 junk",
        "1 Foo 2002 10:00:00 +0100",
        "Tue 1 Jan 2002 10:00:00 +0100",
        "Tue,1 Jan 2002 10:00:00 +0100",
        "Tue, 1 Jan 2002 10:00 +0100",
        "Tue, 1 Jan 2002 10:00:00 EST",
        "Tue, 1 Jan 2002 10:00:00 +0100x",
        "Tue, 1 Jan 02 10:00:00 +0100",
        "Jan 1 2002 10:00:00 +0100",
        "",
    ],
)
def test_the_date_short_cut_gives_what_the_stdlib_gives(value: str) -> None:
    try:
        ours = _parse_date(value).isoformat()
    except (TypeError, ValueError, IndexError, OverflowError) as error:
        ours = type(error).__name__
    assert ours == _stdlib_date(value)


def test_the_indexed_message_finds_the_header_fields_the_stdlib_finds() -> None:
    raw = (
        b"Received: one\r\nReceived: two\r\nsubject: first\r\nSUBJECT: second\r\nFrom: a@b.example\r\n"
        b"To: c@d.example\r\nX-A: 1\r\nX-B: 2\r\nX-C: 3\r\nX-Eight-Bit: caf\xc3\xa9\r\n"
        b"Content-Type: text/plain; charset=utf-8\r\n\r\nbody\r\n"
    )
    plain = email.message_from_bytes(raw, policy=compat32)
    indexed = email.message_from_bytes(raw, IndexedMessage, policy=compat32)
    names = ["received", "Subject", "from", "x-eight-bit", "content-type", "missing", "X-C"]
    for name in names:
        assert str(indexed.get(name)) == str(plain.get(name))
        assert type(indexed.get(name)) is type(plain.get(name))
    assert indexed.get("missing", "default") == "default"
    for message in (plain, indexed):  # the index follows changes to the fields
        message.replace_header("Subject", "replaced")
        message["X-D"] = "4"
        del message["From"]
    for name in [*names, "x-d"]:
        assert str(indexed.get(name)) == str(plain.get(name))
    assert indexed.get_content_charset() == plain.get_content_charset() == "utf-8"


@pytest.mark.corpora
def test_the_indexed_message_and_the_date_short_cut_agree_with_the_stdlib_on_the_corpora() -> None:
    root = corpora_root()
    for path in iter_files(
        [root / "fixtures-eml-parser", root / "fixtures-mikel-mail", root / "phishing-pot"]
    ):
        data = path.read_bytes()
        plain = email.message_from_bytes(data, policy=compat32)
        indexed = email.message_from_bytes(data, IndexedMessage, policy=compat32)
        for plain_part, indexed_part in zip(plain.walk(), indexed.walk(), strict=True):
            for name in {*plain_part.keys(), "Content-Type", "Content-Transfer-Encoding", "X-Nothing"}:
                assert str(indexed_part.get(name)) == str(plain_part.get(name)), (path, name)
        date = parse_message(data).header("Date")
        if date is not None:
            try:
                ours = _parse_date(date).isoformat()
            except (TypeError, ValueError, IndexError, OverflowError) as error:
                ours = type(error).__name__
            assert ours == _stdlib_date(date), (path, date)


@pytest.mark.parametrize(
    "value", ["plain", " padded ", "a\r\n b", "a\n\tb", "a\r b", "a\r\r\n\n b\r", "\r\n", "x\n\r\ny"]
)
def test_unfolding_removes_every_line_break_as_the_regex_did(value: str) -> None:
    assert unfold(value) == re.sub(r"\r\n|\r|\n", "", value).strip()


@pytest.mark.parametrize(
    "url",
    [
        "http://login.example.com/verify?id=1",
        "HTTP://User@Example.COM:8080/a",
        "http://0x7f.1/x",
        "ftp://[::1]/file",
        "http://exa mple.com/",
        "http://example.com/" + "a" * 600,  # past the cached length: parsed each time
    ],
)
def test_a_cached_url_parse_gives_what_a_fresh_parse_gives(url: str) -> None:
    for defanged, schemeless in ((False, False), (True, False), (False, True)):
        expected = _parse_url(url, defanged, schemeless)
        assert parse_url(url, defanged=defanged, schemeless=schemeless) == expected
        assert parse_url(url, defanged=defanged, schemeless=schemeless) == expected  # from the cache


def test_the_shared_parse_leaves_the_classifier_only_the_invisible_elements_it_did_not_remove() -> None:
    removed = set(html_module._HIDDEN_BLOCKS)
    assert set(text_module._INVISIBLE_LEFT) == set(text_module._INVISIBLE_TAGS) - removed
    assert text_module._INVISIBLE_LEFT[-1] == text_module._INVISIBLE_TAGS[-1] == "head"
