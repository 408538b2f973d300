"""The pro forma as a PDF: readable, printable, in the receiver's language.

:func:`render_proforma_pdf` is pure: a pro forma (typed, or its JSON form) and a language in, PDF
bytes out. Labels come from the gettext catalogues of :mod:`lapnet.exchange.labels`; the values (free text, identifiers) are
printed as written. Every section and every field is printed, empty ones as "-", so two PDFs of the
same form line up for the reader. The TLP marking is printed at the top of every page, in the
colours of TLP 2.0.

The text needs a Unicode TrueType font (names such as "Łódź" or Greek script are common in the
evidence). :func:`find_fonts` gives DejaVu Sans, which ships inside this package; pass
:class:`PdfFonts` to choose another.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from enum import StrEnum
from pathlib import Path
from typing import Any

from fpdf import FPDF
from fpdf.enums import TableBordersLayout, XPos, YPos
from fpdf.fonts import FontFace

from lapnet.exchange.labels import LANGUAGES, LOCALE, Labels, labels_for
from lapnet.exchange.proforma import (
    SECTIONS,
    Decision,
    DeclineReason,
    EvidenceSource,
    Measure,
    Medium,
    Outcome,
    ProForma,
    RequestType,
    TargetKind,
    Tlp,
    Urgency,
)

__all__ = ["PdfFontError", "PdfFonts", "find_fonts", "render_proforma_pdf"]

_FONTS = Path(__file__).parent / "fonts"
_CHOICE_KEYS: dict[type[StrEnum], str] = {
    RequestType: "request_type",
    Urgency: "urgency",
    Medium: "medium",
    TargetKind: "target_kind",
    EvidenceSource: "evidence_source",
    Measure: "measure",
    Decision: "decision",
    DeclineReason: "decline_reason",
    Outcome: "outcome",
}
_NESTED_KEYS = {
    "Agency": "agency",
    "Person": "person",
    "Target": "target",
    "OriginIp": "origin_ip",
    "EvidenceItem": "evidence_item",
}
# TLP 2.0 colours: the label is printed in colour on black
_TLP_COLOURS = {
    Tlp.CLEAR: (255, 255, 255),
    Tlp.GREEN: (51, 255, 0),
    Tlp.AMBER: (255, 192, 0),
    Tlp.AMBER_STRICT: (255, 192, 0),
    Tlp.RED: (255, 43, 43),
}


class PdfFontError(RuntimeError):
    """No Unicode font was found: says where lapnet looked."""


@dataclass(frozen=True, slots=True)
class PdfFonts:
    regular: Path
    bold: Path


def find_fonts() -> PdfFonts:
    """DejaVu Sans, shipped inside this package (``fonts/``, Bitstream Vera licence): Latin, Greek and
    Cyrillic in every language a point of contact reads, with nothing to install on the machine."""
    regular, bold = _FONTS / "DejaVuSans.ttf", _FONTS / "DejaVuSans-Bold.ttf"
    if regular.is_file() and bold.is_file():
        return PdfFonts(regular, bold)
    raise PdfFontError(f"the fonts shipped with lapnet are missing from {_FONTS}: reinstall lapnet")


def render_proforma_pdf(
    proforma: ProForma | Mapping[str, Any],
    language: str,
    *,
    fonts: PdfFonts | None = None,
    localedir: Path = LOCALE,
) -> bytes:
    """The pro forma as PDF, labelled in ``language`` (``en``, ``fr``, ``es``, ``de``).

    ``proforma`` may be the JSON form; it is validated first (:class:`ProFormaError` if invalid).
    An unknown language raises ``ValueError``. The labels are read from the gettext catalogues in
    ``localedir`` (those shipped with lapnet unless told).
    """
    if language not in LANGUAGES:
        raise ValueError(f"no labels for language {language!r}: one of {', '.join(LANGUAGES)}")
    form = proforma if isinstance(proforma, ProForma) else ProForma.from_dict(dict(proforma))
    chosen = fonts or find_fonts()
    label = labels_for(language, localedir)
    pdf = _Document(form, label)
    pdf.add_font("body", "", str(chosen.regular))
    pdf.add_font("body", "B", str(chosen.bold))
    pdf.set_title(f"{label('document.title')} {form.header.id}")
    pdf.set_lang(language)
    pdf.set_creator("lapnet")
    pdf.set_creation_date(datetime.combine(form.header.date, time(), tzinfo=UTC))
    pdf.set_auto_page_break(auto=True, margin=16)
    pdf.set_margins(16, 16, 16)
    pdf.add_page()
    pdf.set_font("body", "B", 15)
    pdf.multi_cell(0, 8, label("document.title"), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font("body", "", 10)
    pdf.multi_cell(0, 6, f"{label('header.id')}: {form.header.id}", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    for section in SECTIONS:
        _section(pdf, label, section, getattr(form, section))
    return bytes(pdf.output())


class _Document(FPDF):
    def __init__(self, form: ProForma, label: Labels) -> None:
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self.form = form
        self.label = label

    def header(self) -> None:
        tlp = self.form.handling.tlp
        self.set_font("body", "B", 9)
        self.set_fill_color(0, 0, 0)
        self.set_text_color(*_TLP_COLOURS[tlp])
        width = self.get_string_width(tlp.value) + 6
        self.set_xy(self.w - self.r_margin - width, 6)
        self.cell(width, 6, tlp.value, fill=True, align="C")
        self.set_text_color(0, 0, 0)
        self.set_xy(self.l_margin, 6)
        self.set_font("body", "", 8)
        self.cell(0, 6, self.form.header.id)
        self.set_y(16)

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font("body", "", 8)
        text = self.label("document.footer").format(page=self.page_no(), pages="{nb}")
        self.cell(0, 6, text, align="C")


def _section(pdf: FPDF, label: Labels, name: str, value: object) -> None:
    pdf.ln(3)
    pdf.set_font("body", "B", 12)
    pdf.multi_cell(0, 7, label(name), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font("body", "", 9)
    assert dataclasses.is_dataclass(value)
    rows = [
        (label(f"{name}.{item.name}"), _text(label, item.name, getattr(value, item.name)))
        for item in dataclasses.fields(value)
    ]
    with pdf.table(
        col_widths=(32, 68),
        first_row_as_headings=False,
        borders_layout=TableBordersLayout.HORIZONTAL_LINES,
        line_height=4.6,
        padding=1.2,
        text_align="LEFT",
        v_align="TOP",
    ) as table:
        for heading, text in rows:
            row = table.row()
            row.cell(heading, style=FontFace(emphasis="BOLD"))
            row.cell(text)


def _text(label: Labels, field_name: str, value: object) -> str:
    """A field's value as text; nested records as 'label: value' lines, lists one item a line."""
    none = label("misc.none")
    if value is None or value in ("", ()):
        return none
    if field_name == "legal_basis" and isinstance(value, str):
        return label(f"legal_basis.{value}")
    if isinstance(value, tuple):
        items = [_text(label, field_name, item) for item in value]
        if any("\n" in item for item in items):
            return "\n\n".join(items)
        return "\n".join(f"• {item}" for item in items)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        prefix = _NESTED_KEYS[type(value).__name__]
        lines = [
            f"{label(f'{prefix}.{item.name}')}: {_inline(label, item.name, getattr(value, item.name))}"
            for item in dataclasses.fields(value)
            if getattr(value, item.name) not in (None, "", ())
        ]
        return "\n".join(lines) or none
    if isinstance(value, bool):
        return label("misc.yes" if value else "misc.no")
    if isinstance(value, StrEnum):
        key = _CHOICE_KEYS.get(type(value))
        return label(f"{key}.{value.value}") if key else value.value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, float):
        return f"{value:.2f}"
    return str(value)


def _inline(label: Labels, field_name: str, value: object) -> str:
    if isinstance(value, tuple):
        return ", ".join(_text(label, field_name, item) for item in value)
    return _text(label, field_name, value)
