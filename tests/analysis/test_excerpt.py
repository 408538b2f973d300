"""The text excerpt of a result: the head of the text, white space runs made one space."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lapnet.analysis.analyze import EXCERPT_LENGTH, _excerpt


def reference(text: str) -> str:
    return " ".join(text[: EXCERPT_LENGTH * 4].split())[:EXCERPT_LENGTH]


words = st.text(alphabet=st.characters(blacklist_categories=("Zs", "Cc")), min_size=1, max_size=40)
gaps = st.sampled_from([" ", "  ", "\n", " \t\n\n ", " " * 300, "\u00a0", "\u2028"])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(words, gaps), max_size=400))
def test_the_excerpt_is_the_head_of_the_text_with_white_space_runs_made_one_space(
    pieces: list[tuple[str, str]],
) -> None:
    text = "".join(word + gap for word, gap in pieces)
    assert _excerpt(text) == reference(text)


def test_texts_at_the_edges_of_the_short_head() -> None:
    word = "a" * (EXCERPT_LENGTH * 2 - 1)
    for text in (word, word + "b", word + " b", " " * (EXCERPT_LENGTH * 2) + "word " * 300, "x" * 5000, ""):
        assert _excerpt(text) == reference(text)
    assert _excerpt("many   spaces\n\nand lines") == "many spaces and lines"


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(words, gaps), max_size=400))
def test_the_excerpt_of_tidy_text_is_its_head_with_line_breaks_made_spaces(
    pieces: list[tuple[str, str]],
) -> None:
    # the e-mail path's text comes from message_text, tidy: its excerpt needs no splitting
    from lapnet.analysis.analyze import _tidy_excerpt
    from lapnet.analysis.classify.text import _tidy

    tidy = _tidy("".join(word + gap for word, gap in pieces))
    assert _tidy_excerpt(tidy) == reference(tidy)


@pytest.mark.corpora
def test_the_excerpt_of_every_phishing_pot_message_is_the_same_either_way() -> None:
    from lapnet.analysis.analyze import _tidy_excerpt
    from lapnet.analysis.classify.text import message_text
    from lapnet.analysis.message import parse_message
    from tests.corpora import corpus_bytes

    manifest = corpus_bytes("phishing-pot/MANIFEST.tsv").decode("utf-8").splitlines()[1:]
    for line in manifest[::5]:
        text = message_text(parse_message(corpus_bytes(f"phishing-pot/{line.split(chr(9))[0]}")))
        assert _tidy_excerpt(text) == reference(text), line
