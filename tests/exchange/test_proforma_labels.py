"""The pro forma labels live in gettext catalogues: every language has every label, translated, and
the committed .mo files are the compiled form of their .po files."""

from __future__ import annotations

import gettext

import pytest

from lapnet import i18n
from lapnet.exchange.labels import ENGLISH, LABELS, LANGUAGES, LOCALE, label
from lapnet.exchange.proforma import SECTIONS

TRANSLATED = [language for language in LANGUAGES if language != "en"]


def _entries(language: str) -> dict[str, str]:
    return i18n.parse_po((LOCALE / language / "LC_MESSAGES" / "django.po").read_text(encoding="utf-8"))


def test_every_section_has_a_label() -> None:
    assert all(section in ENGLISH for section in SECTIONS)


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_language_translates_exactly_the_english_labels(language: str) -> None:
    """One entry per key (msgctxt) with the English text (msgid), translated and not fuzzy: a key
    missing from the .po, or an English text changed without its translation, fails here."""
    translated = {entry for entry in _entries(language) if entry}  # the header has the empty msgid
    expected = {f"{key}\x04{english}" for key, english in ENGLISH.items()}
    assert sorted(expected - translated) == [], "untranslated, fuzzy or missing"
    assert sorted(translated - expected) == [], "no longer in lapnet/exchange/labels.py"


def test_the_catalogues_are_those_of_the_languages() -> None:
    folders = {po.parts[-3] for po in LOCALE.glob("*/LC_MESSAGES/django.po")}
    assert folders == set(TRANSLATED)
    assert set(LABELS) == set(LANGUAGES)


@pytest.mark.parametrize("language", TRANSLATED)
def test_the_committed_mo_is_compiled_from_the_po(language: str) -> None:
    folder = LOCALE / language / "LC_MESSAGES"
    assert (folder / "django.mo").read_bytes() == i18n.compiled(folder / "django.po"), (
        "run: python -m lapnet.i18n"
    )


@pytest.mark.parametrize("language", TRANSLATED)
def test_a_label_is_the_catalogue_translation_read_with_gettext(language: str) -> None:
    catalogue = gettext.translation("django", LOCALE, languages=[language])
    for key, english in ENGLISH.items():
        assert label(language, key) == catalogue.pgettext(key, english), key
    assert label(language, "technical") != ENGLISH["technical"]
    assert LABELS[language]["header.request_type"] == label(language, "header.request_type")


def test_english_is_the_source_text_and_unknown_keys_or_languages_fall_back() -> None:
    assert label("en", "header.request_type") == "Type of request"
    assert label("nl", "header.request_type") == "Type of request"
    assert label("fr", "no.such.key") == "no.such.key"
