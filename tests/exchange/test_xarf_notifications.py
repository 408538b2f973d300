from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from lapnet.analysis.reports.xarf import validate_v4
from lapnet.exchange.abuse import (
    AbuseReportError,
    Enclosure,
    Reporter,
    XarfType,
    xarf_document,
    xarf_email,
    xarf_report,
)
from tests.corpora import corpus_bytes
from tests.exchange import support

REPORTER = Reporter("Ñandú Consumer Agency", "reports@nandu.example", "nandu.example")
WHEN = datetime(2025, 3, 14, 10, 0, tzinfo=UTC)


def _spam(original: bytes, **changes: object) -> dict:
    arguments: dict = {
        "report_id": "0b7f2d0e-8f8f-4c1e-9a40-3f5b6f3b2a11",
        "timestamp": datetime(2002, 8, 22, 16, 0, tzinfo=UTC),
        "reporter": REPORTER,
        "source_identifier": "193.120.211.219",
        "source_port": 41234,
        "smtp_from": "sabrina@mx3.1premio.com",
        "smtp_to": "recipient-1@redacted.invalid",
        "subject": "Slim Down",
        "suspicious_links": ("http://www.1premio.com/",),
    }
    arguments.update(changes)
    return xarf_document(original, **arguments)


def test_an_xarf_spam_report_validates_against_the_schema() -> None:
    data = xarf_report(_spam(corpus_bytes(support.SPAMASSASSIN_SPAM)))
    assert validate_v4(json.loads(data)) == []


def test_an_xarf_report_parses_back_through_lapnet_with_its_fields_intact() -> None:
    original = corpus_bytes(support.SPAMASSASSIN_SPAM)
    result = support.analyse_report(xarf_report(_spam(original)))
    assert result["kind"] == "xarf"
    report = result["report"]
    assert report["valid"], report["errors"]
    assert report["version"] == "4.2.0"
    assert report["feedback_type"] == "messaging/spam"
    assert report["source_ip"] == "193.120.211.219"
    assert report["original_mail_from"] == "sabrina@mx3.1premio.com"
    assert report["original_rcpt_to"] == ["recipient-1@redacted.invalid"]
    assert report["reporter_org"] == "Ñandú Consumer Agency"
    assert report["reported_uris"] == ["http://www.1premio.com/"]
    assert report["protocol"] == "smtp"
    assert result["subject"] == support.analysis(original)["subject"]  # the evidence was analysed
    assert not [defect for defect in result["defects"] if defect["code"].startswith("xarf.")]


def test_an_xarf_email_parses_back_as_xarf() -> None:
    report = xarf_report(_spam(support.VICTIM_MESSAGE, enclosure=Enclosure.HEADERS))
    data = xarf_email(
        report,
        from_address="reports@nandu.example",
        to_address="abuse@isp.example",
        date=WHEN,
        message_id="<x-1@nandu.example>",
    )
    result = support.analyse_report(data)
    assert result["kind"] == "xarf"
    assert result["report"]["valid"]
    assert result["report"]["source_ip"] == "193.120.211.219"


def test_a_phishing_report_validates_and_names_its_url() -> None:
    document = _spam(
        corpus_bytes(support.PHISHING_POT),
        xarf_type=XarfType.PHISHING,
        url="https://login.bank.phish.example/verify",
        domain="login.bank.phish.example",
        source_identifier="login.bank.phish.example",
        evidence_source="user_complaint",
    )
    result = support.analyse_report(xarf_report(document))
    assert result["report"]["feedback_type"] == "content/phishing"
    assert "https://login.bank.phish.example/verify" in result["report"]["reported_uris"]


def test_a_report_that_would_not_validate_is_refused_with_the_reasons() -> None:
    with pytest.raises(AbuseReportError) as caught:
        xarf_report(_spam(support.VICTIM_MESSAGE, source_port=None, smtp_from="not-an-address"))
    joined = " | ".join(caught.value.errors)
    assert "source_port" in joined
    assert "$.smtp_from" in joined
