from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from lapnet.exchange.labels import LABELS
from lapnet.exchange.pdf import render_proforma_pdf
from lapnet.exchange.proforma import SECTIONS
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
    assert LABELS[language]["request_type.request_for_enforcement_action"] in text
    assert LABELS[language]["legal_basis.network_mou"] in text


def test_the_pdf_renders_from_the_json_form() -> None:
    text = _text(render_proforma_pdf(support.proforma().to_dict(), "es"))
    assert "Remisión transfronteriza" in text


def test_every_language_has_exactly_the_english_labels() -> None:
    for language, labels in LABELS.items():
        assert set(labels) == set(LABELS["en"]), language
    assert all(section in LABELS["en"] for section in SECTIONS)


def test_an_unknown_language_is_refused() -> None:
    with pytest.raises(ValueError, match="no labels for language 'xx'"):
        render_proforma_pdf(support.proforma(), "xx")
