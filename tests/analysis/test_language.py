"""The language of a message's text (CLD2), including texts CLD2 refuses as they are."""

from __future__ import annotations

import pytest

from lapnet.analysis.enrich import detect_language

ENGLISH = "Your account has been suspended. Please verify your details within two days to keep it open."
FRENCH = "Votre compte a été suspendu. Veuillez vérifier vos informations dans les deux jours qui viennent."


def test_plain_texts_get_their_language() -> None:
    assert detect_language(ENGLISH) == "en"
    assert detect_language(FRENCH) == "fr"


def test_too_little_text_has_no_language() -> None:
    assert detect_language("Hi there") is None
    assert detect_language("") is None


@pytest.mark.parametrize("odd", ["\x00", "\x0b", "\x7f", "\ud800"])
def test_characters_cld2_refuses_are_cleaned_and_the_text_still_read(odd: str) -> None:
    assert detect_language(ENGLISH[:40] + odd + ENGLISH[40:]) == "en"


def test_a_text_cld2_refuses_even_cleaned_has_no_language_rather_than_an_error() -> None:
    assert detect_language(ENGLISH + "\ufffe") is None
