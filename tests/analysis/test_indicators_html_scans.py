"""The markup scans of the HTML extraction find what a plain search finds, however the markup is made."""

from __future__ import annotations

import random

import pytest

from lapnet.analysis.indicators import html
from lapnet.analysis.indicators.html import extract_html


def _comment_spans_by_plain_search(ascii_lower: bytes) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    start = ascii_lower.find(b"<!--")
    while start != -1:
        end = ascii_lower.find(b"-->", start + 4)
        if end == -1:
            spans.append((start + 4, len(ascii_lower)))
            break
        spans.append((start + 4, end))
        start = ascii_lower.find(b"<!--", end + 3)
    return spans


@pytest.mark.parametrize(("needle", "rare"), [(b"url(", 3), (b"<!--", 1)])
def test_the_rare_byte_search_finds_what_find_finds(needle: bytes, rare: int) -> None:
    pieces = [
        needle,
        needle[: rare + 1],
        needle[rare:],
        needle[rare : rare + 1] * 40,
        b"<",
        b"u",
        b"x",
        b"-",
        b"(",
    ]
    generator = random.Random(7)
    for _ in range(3000):
        haystack = b"".join(generator.choice(pieces) for _ in range(generator.randrange(0, 30)))
        for start in range(0, len(haystack) + 2, 3):
            assert html._find_by_rare_byte(haystack, needle, rare, start) == haystack.find(needle, start)


def test_the_search_past_too_many_misses_still_finds_the_needle() -> None:
    # more "(" than the one-byte search may miss, then the needle: the ordinary search takes over
    haystack = b"(" * (3 * html._RARE_BYTE_MISSES) + b"url(http://x)"
    assert html._find_by_rare_byte(haystack, b"url(", 3, 0) == 3 * html._RARE_BYTE_MISSES
    assert html._find_by_rare_byte(b"(" * 100, b"url(", 3, 0) == -1


def test_comment_spans_are_those_of_a_plain_search() -> None:
    markup = b"hi!! <!-- a --> wow!!! <!-- <!-- b -- > --> <! not one> !<!-- unclosed"
    assert html._comment_spans(markup) == _comment_spans_by_plain_search(markup)
    assert html._comment_spans(b"!" * 100 + b"<!--x-->") == [(104, 105)]


def test_css_urls_are_found_among_many_parentheses() -> None:
    markup = (
        "<script>"
        + "f(1);" * 50
        + "</script><div style=\"background: url('http://bg.example.com/b.png')\">x</div>"
    )
    content = extract_html(markup)
    assert [link.value for link in content.links if link.kind == "css"] == ["http://bg.example.com/b.png"]


@pytest.mark.parametrize(
    "markup",
    [
        "<p>seen</p><style>p { color: red }</style><template><p>hidden</p></template>",
        "<p>seen</p><SCRIPT>var hidden = 1;</SCRIPT>",
        "<p>seen</p><Script type='x'>hidden()</Script><style>.hidden{}</style>",
    ],
)
def test_scripts_style_sheets_and_templates_stay_out_of_the_text(markup: str) -> None:
    content = extract_html(markup)
    assert "seen" in content.text
    assert "hidden" not in content.text
