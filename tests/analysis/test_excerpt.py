"""The text excerpt of a result: the head of the text, white space runs made one space."""

from __future__ import annotations

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
