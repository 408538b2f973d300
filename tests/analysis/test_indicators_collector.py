"""The collector: deduplication, every place found, sorted output, defects, never raising, bounded time."""

from __future__ import annotations

import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lapnet.analysis.indicators import IndicatorCollector
from lapnet.analysis.types import Indicators
from tests.analysis.indicators_support import by_value, collect_message
from tests.corpora import corpus_bytes


def test_it_merges_one_indicator_found_in_several_places() -> None:
    collector = IndicatorCollector()
    collector.add_header_address("Reply-To", "claims@payout.example.com")
    collector.add_text("Write to CLAIMS@payout.example.com or claims@payout.example.com", "body:1:text/plain")
    collector.add_html('<a href="mailto:claims@payout.example.com">write</a>', "body:2:text/html")
    emails = collector.result().email
    assert len(emails) == 1
    assert emails[0].value == "claims@payout.example.com"
    assert emails[0].found_in == ("body:1:text/plain", "body:2:text/html:href", "header:Reply-To")
    assert ("role", "reply_to") in emails[0].attributes


def test_it_merges_urls_that_differ_only_in_case_of_scheme_and_host() -> None:
    collector = IndicatorCollector()
    collector.add_text("HTTP://EVIL.Example.COM/Path", "body:1:text/plain")
    collector.add_url("http://evil.example.com/Path", "report:reported_uri")
    (url,) = collector.result().url
    assert url.value == "http://evil.example.com/Path"
    assert url.found_in == ("body:1:text/plain", "report:reported_uri")


def test_it_sorts_every_list_by_value_and_gives_equal_results_for_equal_input() -> None:
    text = "zeta.example.com alpha.example.org http://m.example.net/ +33 6 12 34 56 78 +44 20 7946 0958"

    def run() -> Indicators:
        collector = IndicatorCollector()
        collector.add_text(text, "body:1:text/plain")
        return collector.result()

    first = run()
    assert first == run()
    for indicators in (first.url, first.domain, first.phone):
        assert [i.value for i in indicators] == sorted(i.value for i in indicators)


def test_it_reads_a_url_from_a_structured_report() -> None:
    collector = IndicatorCollector()
    collector.add_url("<hxxps://spam-landing[.]example[.]com/offer>", "report:reported_uri")
    collector.add_url("spam-landing.example.com/other", "report:reported_uri")
    collector.add_url("mailto:abuse-contact@example.org", "report:reported_uri")
    collector.add_url("not a url at all", "report:reported_uri")
    result = collector.result()
    urls = by_value(result.url)
    assert set(urls) == {"https://spam-landing.example.com/offer", "http://spam-landing.example.com/other"}
    assert urls["https://spam-landing.example.com/offer"].attribute("defanged") == "true"
    assert urls["http://spam-landing.example.com/other"].attribute("schemeless") == "true"
    assert [e.value for e in result.email] == ["abuse-contact@example.org"]


def test_it_collects_every_kind_from_a_real_phishing_message() -> None:
    # phishing-pot sample-1004: an advance-fee letter with a Pakistani sender and a gmail drop box
    collector = collect_message(corpus_bytes("phishing-pot/eml/sample-1004.eml"))
    result = collector.result()
    assert result.email
    assert by_value(result.domain)["cyber.net.pk"].country == "PK"
    assert collector.defects == ()


def test_it_records_a_limit_defect_instead_of_working_without_end() -> None:
    collector = IndicatorCollector()
    collector.add_text(" ".join(f"+4420794{n:05d}" for n in range(500)), "body:1:text/plain")
    defects = collector.defects
    assert [d.code for d in defects] == ["indicators.limit"]
    assert defects[0].where == "body:1:text/plain"
    assert 0 < len(collector.result().phone) <= 64


def test_it_records_markup_it_would_not_parse() -> None:
    collector = IndicatorCollector()
    collector.add_html("<div>" * 10_000 + '<a href="http://x.example.com/">x</a>', "body:1:text/html")
    assert [d.code for d in collector.defects] == ["indicators.html_unparsed"]
    assert [u.value for u in collector.result().url] == ["http://x.example.com/"]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    text=st.text(),
    html=st.text(
        alphabet=st.sampled_from(list("<>/=\"' ahrefsc:.@[]()-+0123456789!-xn\\\ud800\x00é中"))
        | st.characters()
    ),
    header=st.text(),
    payload=st.binary(),
    region=st.one_of(st.none(), st.text(max_size=3), st.sampled_from(["GB", "FR", "US", "uk"])),
)
def test_it_never_raises_on_arbitrary_input(
    text: str, html: str, header: str, payload: bytes, region: str | None
) -> None:
    collector = IndicatorCollector(default_region=region)
    collector.add_header_address("From", header)
    collector.add_header_address(header, text)
    collector.add_text(text, "body:1:text/plain")
    collector.add_html(html, "body:2:text/html")
    collector.add_html(text, "body:3:text/html")
    collector.add_url(text, "report:reported_uri")
    collector.add_domain(text, "report:reported_domain")
    collector.add_ip(text, "report:source_ip")
    collector.add_phone(text, "sms:sender")
    collector.add_attachment(text or None, header, payload, "body:4")
    result = collector.result()
    assert isinstance(result, Indicators)
    assert not [d for d in collector.defects if d.code == "indicators.internal_error"]


# pieces of the things the finders look for, so that generated text reaches deep into every path
FRAGMENTS = [
    "http://", "https://", "hxxp://", "ftp://", "www.", ".", "..", "@", "[.]", "(dot)", "[at]", ":", "::",
    "/", "?", "#", "%", "(", ")", "[", "]", "<", ">", '"', "'", "=", " ", "\n", "+", "00", "0x",
    "bc1", "1A1z", "DE89", "AA99 ", "xn--", "пример", ".рф", ".com", ".co.uk", ".io", "example",
    "<a href=", "<img src=", "<!--", "-->", "url(", "<meta http-equiv=refresh content=",
    "<script>", "</script>", "mailto:", "tel:", "&amp;", "&#", "\ud800", "\x00", "4420", "7946",
    "0958", "12", "255", "3628126748", "bit.ly", "wa.me/", "0123456789",
]  # fmt: skip


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pieces=st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=4), max_size=60))
def test_it_never_raises_on_text_built_from_what_it_looks_for(pieces: list[str]) -> None:
    text = "".join(pieces)
    collector = IndicatorCollector(default_region="GB")
    collector.add_text(text, "body:1:text/plain")
    collector.add_html(text, "body:2:text/html")
    collector.add_url(text, "report:reported_uri")
    collector.add_domain(text, "report:reported_domain")
    collector.add_header_address("Reply-To", text)
    result = collector.result()
    assert not [d for d in collector.defects if d.code == "indicators.internal_error"]
    for indicators in (result.url, result.domain, result.email, result.ip, result.phone):
        assert [i.value for i in indicators] == sorted({i.value for i in indicators})
        assert all(list(i.found_in) == sorted(set(i.found_in)) for i in indicators)


@pytest.mark.parametrize(
    "hostile",
    [
        "a" * 1_000_000,
        ".a" * 500_000,
        "a." * 500_000,
        "@" * 1_000_000,
        "a@" * 500_000,
        "http://" * 150_000,
        "http://a.example.com/" + ")" * 1_000_000,
        "1." * 500_000,
        "::" * 500_000,
        "+1 " * 330_000,
        "0" * 1_000_000,
        "AA99 " * 200_000,
        "[.]" * 330_000,
        "hxxp://" * 140_000,
        "a.com " * 160_000,
        " ".join(f"x{n}.com" for n in range(120_000)),
    ],
    ids=lambda text: repr(text[:12]),
)
def test_a_megabyte_of_hostile_text_cannot_make_it_backtrack_for_minutes(hostile: str) -> None:
    collector = IndicatorCollector(default_region="GB")
    started = time.perf_counter()
    collector.add_text(hostile, "body:1:text/plain")
    collector.result()
    # about 0.25 s here; catastrophic backtracking takes minutes. The bound leaves room for a loaded
    # CI machine: speed itself is measured in bench/, not here.
    assert time.perf_counter() - started < 10


@pytest.mark.parametrize(
    "hostile",
    [
        "<div>" * 200_000,
        "<a href=" * 125_000,
        '<a href="' + "x" * 1_000_000,
        "<!--" * 250_000,
        "url(" * 250_000,
        "<" * 1_000_000,
        "href" * 250_000,
        "".join(f'<a href="http://x{n}.example.com/">x{n}.example.com</a>' for n in range(20_000)),
    ],
    ids=lambda markup: repr(markup[:12]),
)
def test_a_megabyte_of_hostile_html_cannot_make_it_backtrack_for_minutes(hostile: str) -> None:
    collector = IndicatorCollector()
    started = time.perf_counter()
    collector.add_html(hostile, "body:1:text/html")
    collector.result()
    # about 0.25 s here; catastrophic backtracking takes minutes. The bound leaves room for a loaded
    # CI machine: speed itself is measured in bench/, not here.
    assert time.perf_counter() - started < 10
