from __future__ import annotations

import dataclasses
from datetime import UTC, datetime

from lapnet.exchange.abuse import (
    Enclosure,
    IndustryMember,
    Notification,
    NotificationFormat,
    Reporter,
    Tlp,
    batch_notifications,
    enclosure_for,
    render_batch,
)
from tests.exchange import support

WHEN = datetime(2025, 3, 14, 10, 0, tzinfo=UTC)
REPORTER = Reporter("LAP network", "reports@lapnet.example", "lapnet.example")
ISP = IndustryMember(
    id="isp", name="Relay ISP", abuse_address="abuse@isp.example", networks=("203.0.113.0/24",)
)
REGISTRAR = IndustryMember(
    id="reg",
    name="Registrar",
    abuse_address="abuse@reg.example",
    domains=("spammer.example",),
    max_tlp=Tlp.AMBER,
)


def _notification(id: str, tlp: Tlp = Tlp.GREEN, **changes: object) -> Notification:
    base = Notification(
        id=id,
        original=support.VICTIM_MESSAGE,
        tlp=tlp,
        arrival_date=WHEN,
        source_ip="203.0.113.77",
        source_port=50123,
        reported_domains=("prize.spammer.example",),
        reported_uris=("http://prize.spammer.example/claim",),
        original_mail_from="winner@lottery.spammer.example",
        original_rcpt_to=("jan.kowalski@victim.example",),
    )
    return dataclasses.replace(base, **changes)


def test_notifications_are_grouped_per_member_by_network_and_domain() -> None:
    batches, withheld = batch_notifications(
        [
            _notification("a"),
            _notification("b", source_ip="198.51.100.1"),
            _notification("c", reported_domains=()),
        ],
        [ISP, REGISTRAR],
    )
    assert withheld == ()
    assert [(batch.member.id, [n.id for n in batch.notifications]) for batch in batches] == [
        ("isp", ["a", "c"]),
        ("reg", ["a", "b"]),
    ]


def test_tlp_keeps_narrow_reports_from_members_not_cleared_for_them() -> None:
    batches, withheld = batch_notifications(
        [_notification("amber", Tlp.AMBER), _notification("red", Tlp.RED)], [ISP, REGISTRAR]
    )
    assert [(batch.member.id, [n.id for n in batch.notifications]) for batch in batches] == [
        ("reg", ["amber"])
    ]
    assert {(item.notification_id, item.member_id) for item in withheld} == {
        ("amber", "isp"),
        ("red", "isp"),
        ("red", "reg"),
    }
    assert enclosure_for(Tlp.GREEN) is Enclosure.FULL
    assert enclosure_for(Tlp.AMBER) is Enclosure.HEADERS


def test_batches_are_cut_at_the_maximum_size() -> None:
    batches, _ = batch_notifications([_notification(str(n)) for n in range(5)], [ISP], max_per_batch=2)
    assert [len(batch.notifications) for batch in batches] == [2, 2, 1]


def test_a_rendered_batch_is_one_redacted_report_per_notification() -> None:
    batches, _ = batch_notifications([_notification("a"), _notification("b", Tlp.AMBER)], [REGISTRAR])
    messages = render_batch(batches[0], reporter=REPORTER, date=WHEN)
    assert len(messages) == 2
    for message in messages:
        assert b"jan.kowalski" not in message.lower()
        result = support.analyse_report(message)
        assert result["report"]["valid"]
        assert result["report"]["original_rcpt_to"] == ["recipient-1@redacted.invalid"]
    assert b"text/rfc822-headers" in messages[1]  # TLP:AMBER: the header only
    assert render_batch(batches[0], reporter=REPORTER, date=WHEN) == messages  # retries are identical


def test_a_member_may_take_x_arf() -> None:
    member = dataclasses.replace(ISP, format=NotificationFormat.XARF)
    batches, _ = batch_notifications([_notification("a")], [member])
    (message,) = render_batch(batches[0], reporter=REPORTER, date=WHEN)
    result = support.analyse_report(message)
    assert result["kind"] == "xarf"
    assert result["report"]["valid"]
    assert result["report"]["source_ip"] == "203.0.113.77"
