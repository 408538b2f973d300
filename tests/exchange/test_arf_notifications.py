from __future__ import annotations

import email
import email.policy
from datetime import UTC, datetime

from lapnet.exchange.abuse import Enclosure, arf_report, digest
from tests.corpora import corpus_bytes
from tests.exchange import support

WHEN = datetime(2025, 3, 14, 10, 0, tzinfo=UTC)


def _report(original: bytes, **changes: object) -> bytes:
    arguments: dict = {
        "from_address": "reports@lapnet.example",
        "to_address": "abuse@isp.example",
        "date": WHEN,
        "message_id": "<arf-1@lapnet.example>",
        "source_ip": "193.120.211.219",
        "arrival_date": datetime(2002, 8, 22, 16, 0, tzinfo=UTC),
        "reporting_mta": "trap.lapnet.example",
        "reported_domains": ("1premio.com",),
        "reported_uris": ("http://www.1premio.com/",),
        "original_mail_from": "sabrina@mx3.1premio.com",
        "original_rcpt_to": ("recipient-1@redacted.invalid",),
        "incidents": 3,
        "authentication_results": ("trap.lapnet.example; spf=fail smtp.mailfrom=mx3.1premio.com",),
    }
    arguments.update(changes)
    return arf_report(original, **arguments)


def test_an_arf_report_parses_back_through_lapnet_with_its_fields_intact() -> None:
    original = corpus_bytes(support.SPAMASSASSIN_SPAM)
    result = support.analyse_report(_report(original))
    assert result["kind"] == "arf"
    report = result["report"]
    assert report["valid"], report["errors"]
    assert report["feedback_type"] == "abuse"
    assert report["version"] == "1"
    assert report["user_agent"] == "lapnet/1"
    assert report["source_ip"] == "193.120.211.219"
    assert report["reported_domains"] == ["1premio.com"]
    assert report["reported_uris"] == ["http://www.1premio.com/"]
    assert report["original_mail_from"] == "sabrina@mx3.1premio.com"
    assert report["original_rcpt_to"] == ["recipient-1@redacted.invalid"]
    assert report["incidents"] == 3
    assert report["reporting_mta"] == "dns; trap.lapnet.example"
    assert report["authentication_results"] == ["trap.lapnet.example; spf=fail smtp.mailfrom=mx3.1premio.com"]
    # the enclosed original is analysed as the spam it is
    assert result["from"] == support.analysis(original)["from"]
    assert result["subject"] == support.analysis(original)["subject"]


def test_an_arf_report_has_the_three_parts_of_rfc_5965() -> None:
    message = email.message_from_bytes(_report(support.VICTIM_MESSAGE), policy=email.policy.default)
    assert message.get_content_type() == "multipart/report"
    assert message.get_param("report-type") == "feedback-report"
    assert [part.get_content_type() for part in message.iter_parts()] == [
        "text/plain",
        "message/feedback-report",
        "message/rfc822",
    ]


def test_headers_only_reports_enclose_no_body() -> None:
    data = _report(support.VICTIM_MESSAGE, enclosure=Enclosure.HEADERS)
    message = email.message_from_bytes(data, policy=email.policy.default)
    assert list(message.iter_parts())[2].get_content_type() == "text/rfc822-headers"
    assert b"RGVhciBKYW4g" not in data  # the base64 body of the original
    assert support.analyse_report(data)["report"]["valid"]


def test_a_digest_carries_several_reports_that_each_parse_back() -> None:
    reports = [_report(support.VICTIM_MESSAGE, message_id=f"<arf-{n}@lapnet.example>") for n in range(3)]
    data = digest(
        reports,
        from_address="reports@lapnet.example",
        to_address="abuse@isp.example",
        date=WHEN,
        message_id="<digest@lapnet.example>",
        subject="3 abuse reports",
    )
    message = email.message_from_bytes(data, policy=email.policy.default)
    assert message.get_content_type() == "multipart/digest"
    parts = list(message.iter_parts())
    assert len(parts) == 3
    for part in parts:
        assert part.get_content_type() == "message/rfc822"
        inner = part.get_payload(0).as_bytes()
        assert support.analyse_report(inner)["report"]["valid"]
