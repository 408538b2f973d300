from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader

from lapnet import i18n
from lapnet.exchange.labels import LOCALE, label
from lapnet.exchange.pdf import render_proforma_pdf
from tests.exchange import support

SECTION_LABELS = {
    "en": [
        "Header",
        "Requesting agency",
        "Legal framing",
        "Subject and conduct",
        "Technical identifiers",
        "Evidence",
        "Scale and harm",
        "Measures requested",
        "Handling",
        "Response",
    ],
    "fr": [
        "En-tête",
        "Autorité requérante",
        "Cadre juridique",
        "Objet et comportement",
        "Identifiants techniques",
        "Preuves",
        "Ampleur et préjudice",
        "Mesures demandées",
        "Traitement",
        "Réponse",
    ],
    "es": [
        "Encabezado",
        "Autoridad requirente",
        "Marco jurídico",
        "Objeto y conducta",
        "Identificadores técnicos",
        "Pruebas",
        "Alcance y perjuicio",
        "Medidas solicitadas",
        "Tratamiento",
        "Respuesta",
    ],
    "de": [
        "Kopfdaten",
        "Ersuchende Behörde",
        "Rechtlicher Rahmen",
        "Gegenstand und Verhalten",
        "Technische Kennungen",
        "Beweismittel",
        "Umfang und Schaden",
        "Ersuchte Maßnahmen",
        "Umgang",
        "Antwort",
    ],
}


def _text(pdf: bytes) -> str:
    return " ".join(
        " ".join((page.extract_text() or "").split()) for page in PdfReader(io.BytesIO(pdf)).pages
    )


@pytest.mark.parametrize("language", ["en", "fr", "es", "de"])
def test_the_pdf_text_has_every_section_label_and_the_values(language: str) -> None:
    form = support.proforma()
    text = _text(render_proforma_pdf(form, language))
    for heading in SECTION_LABELS[language]:
        assert heading in text, heading
    for value in (
        "LAP-2025-0042",
        "Łódź",
        "Ñandú Consumer Agency",
        "Σοφία Παπαδοπούλου",
        "Jürgen Groß",
        "EUR 18 000",
        "TLP:AMBER",
    ):
        assert value in text, value
    assert label(language, "request_type.request_for_enforcement_action") in text
    assert label(language, "legal_basis.network_mou") in text


def test_the_pdf_renders_from_the_json_form() -> None:
    text = _text(render_proforma_pdf(support.proforma().to_dict(), "es"))
    assert "Remisión transfronteriza" in text


def test_the_labels_are_read_from_the_gettext_catalogue(tmp_path: Path) -> None:
    """A label changed in a copy of the French .po, compiled, changes the French PDF."""
    locale = tmp_path / "locale"
    shutil.copytree(LOCALE, locale)
    po = locale / "fr" / "LC_MESSAGES" / "django.po"
    text = po.read_text(encoding="utf-8")
    entry = 'msgctxt "technical"\nmsgid "Technical identifiers"\nmsgstr "Identifiants techniques"\n'
    assert entry in text
    po.write_text(
        text.replace(entry, entry.replace('msgstr "Identifiants', 'msgstr "Repères')), encoding="utf-8"
    )
    i18n.compile_all((locale,))

    changed = _text(render_proforma_pdf(support.proforma(), "fr", localedir=locale))
    assert "Repères techniques" in changed
    assert "Identifiants techniques" not in changed
    assert "Identifiants techniques" in _text(render_proforma_pdf(support.proforma(), "fr"))


def test_an_unknown_language_is_refused() -> None:
    with pytest.raises(ValueError, match="no labels for language 'xx'"):
        render_proforma_pdf(support.proforma(), "xx")
