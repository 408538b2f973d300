"""lapnet's own analysis reads generated evidence as it reads real evidence: no internal error, the
origin in the campaign's country, and the campaign's identifiers among the indicators."""

from __future__ import annotations

from pathlib import Path

import pytest

from lapnet.analysis.analyze import AnalysisConfig, analyze_item
from lapnet.analysis.sources import iter_items
from lapnet.analysis.types import Kind, Result
from lapnet.generator import GeneratedReport, iter_reports


@pytest.fixture(scope="module")
def analysed() -> list[tuple[GeneratedReport, Result]]:
    config = AnalysisConfig()
    pairs = []
    for report in iter_reports(campaigns=40, reports=500, seed=21, noise=0.1):
        items = list(iter_items(Path(report.name), report.data))
        assert len(items) == 1, report.name
        [result] = analyze_item(items[0], config)
        pairs.append((report, result))
    return pairs


def _found(result: Result) -> dict[str, set[str]]:
    indicators = result.indicators
    return {
        "domain": {i.value for i in indicators.domain},
        "email": {i.value for i in indicators.email},
        "phone": {i.value for i in indicators.phone},
        "crypto_wallet": {i.value for i in indicators.crypto_wallet},
        "iban": {i.value for i in indicators.iban},
    }


def test_no_report_makes_the_analysis_fail(analysed: list[tuple[GeneratedReport, Result]]) -> None:
    for report, result in analysed:
        assert not [d for d in result.defects if d.code == "analysis.internal_error"], report.name


def test_email_origin_is_the_sending_machine_in_the_campaigns_country(
    analysed: list[tuple[GeneratedReport, Result]],
) -> None:
    emails = [(r, res) for r, res in analysed if r.channel == "email"]
    assert len(emails) > 300
    for report, result in emails:
        assert result.kind is Kind.EMAIL
        assert result.origin is not None
        assert (result.origin.ip, result.origin.country) == (report.origin_ip, report.origin_country), (
            report.name
        )


def test_the_indicators_include_every_beneficiary(analysed: list[tuple[GeneratedReport, Result]]) -> None:
    seen_types: set[str] = set()
    for report, result in analysed:
        found = _found(result)
        for kind, values in report.beneficiaries.items():
            seen_types.add(kind)
            assert set(values) <= found[kind], (report.name, kind, values, found[kind])
    assert seen_types == {"domain", "email", "phone", "crypto_wallet", "iban"}


def test_sms_reports_are_read_as_one_record_with_its_fields(
    analysed: list[tuple[GeneratedReport, Result]],
) -> None:
    sms = [(r, res) for r, res in analysed if r.channel == "sms"]
    assert sms
    for report, result in sms:
        assert result.kind is Kind.SMS
        assert report.name.endswith(".sms.json")
        [item] = iter_items(Path(report.name), report.data)
        assert item.sms is not None and item.sms.text and item.sms.sender
        assert item.sms.recipient_country == report.recipient_country
        assert not item.sms.defects
