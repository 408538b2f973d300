"""Values that are everywhere never link reports on their own: the maintained list, the reporter's own
addresses, and the frequency rule."""

from __future__ import annotations

import pytest

from lapnet.campaigns import engine
from lapnet.campaigns.models import KeyFrequency
from tests.campaigns.engine_support import LOTTERY_EN, PARCEL_EN, campaign_of, email, submit
from tests.personas import Personas

pytestmark = pytest.mark.django_db(transaction=True)

TEMPLATES = [
    "Your mailbox quota is full. Verify your account now or lose access to your messages today, visit {url} {extra}",
    "Cheap watches and designer bags at factory prices, free worldwide shipping on all orders, shop {url} {extra}",
    "Investment opportunity: our trading robot doubled the savings of thousands of families, join {url} {extra}",
    "Hot singles in your area want to meet you tonight, create your free profile in one minute at {url} {extra}",
]


def _unrelated(number: int, shared: str, reply_to: str | None = None) -> bytes:
    """A message of its own template (no shared beneficiary) that mentions ``shared``."""
    words = " ".join(f"w{number}x{index}" for index in range(12))
    text = TEMPLATES[number % len(TEMPLATES)].replace("{extra}", f"{words} {shared}")
    return email(
        template=text.replace("{url}", f"https://site{number}.shop-{number}.top/"),
        subject=f"Offer {number}",
        number=number,
        dropbox=f"x{number}@own{number}.top",
        phone=f"+44 20 7946 {1000 + number}",
        ip=f"9.9.{number}.10",
        reply_to=reply_to,
    )


@pytest.mark.parametrize(
    ("shared", "reply_to"),
    [
        ("", "winner.claims.{number}@gmail.com"),
        ("see https://bit.ly for details", None),
        ("<!DOCTYPE html> http://www.w3.org/1999/xhtml", None),
    ],
)
def test_excluded_values_never_link_reports_alone(
    personas: Personas, shared: str, reply_to: str | None
) -> None:
    first = submit(personas.alice, _unrelated(1, shared, reply_to))
    second = submit(personas.alice, _unrelated(2, shared, reply_to))
    assert campaign_of(first) != campaign_of(second)


def test_the_reporters_own_address_never_links_reports(personas: Personas) -> None:
    victim = ("Jane Doe", "jane.doe@victim-mail.test")
    first = submit(
        personas.alice,
        _unrelated(1, "unsubscribe jane.doe@victim-mail.test https://victim-mail.test/u", None),
    )
    second = submit(
        personas.alice,
        _unrelated(2, "unsubscribe jane.doe@victim-mail.test https://victim-mail.test/u", None),
    )
    assert victim[1].endswith("victim-mail.test")
    assert campaign_of(first) != campaign_of(second)


def test_a_value_seen_with_many_templates_becomes_everywhere_and_stops_linking(
    personas: Personas, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(engine, "EVERYWHERE_REPORTS", 3)
    monkeypatch.setattr(engine, "EVERYWHERE_GROUPS", 3)
    tracker = "https://pixel.tracker-cloud.top/open.gif"
    reports = [submit(personas.alice, _unrelated(number, tracker)) for number in range(1, 6)]
    frequency = KeyFrequency.objects.get(kind="landing_host", value="pixel.tracker-cloud.top")
    assert frequency.everywhere
    assert frequency.reports == 5
    # the first two were linked before the rule fired; from the third on the tracker links nothing
    assert campaign_of(reports[0]) == campaign_of(reports[1])
    later = {campaign_of(report) for report in reports[2:]}
    assert len(later) == 3
    assert campaign_of(reports[0]) not in later


def test_a_drop_box_of_one_template_stays_a_link_however_often_it_is_seen(
    personas: Personas, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(engine, "EVERYWHERE_REPORTS", 3)
    monkeypatch.setattr(engine, "EVERYWHERE_GROUPS", 3)
    reports = [submit(personas.alice, email(number=number)) for number in range(1, 6)]
    assert len({campaign_of(report) for report in reports}) == 1
    assert not KeyFrequency.objects.filter(everywhere=True).exists()
    parcel = submit(personas.alice, email(template=PARCEL_EN, number=9))  # same drop box, other template
    assert campaign_of(parcel) == campaign_of(reports[0])
    assert LOTTERY_EN
