"""The alerts page: the user's own alerts for reports they may still see, unread first; marking read
through htmx; the count badge of the navigation; a fixed number of queries however many alerts."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from lapnet.evidence.models import Evidence
from lapnet.members.models import User
from lapnet.sharing.tlp import TLP
from lapnet.watching.actions import do_mark_alerts_read, do_watch_indicator
from lapnet.watching.models import Alert
from tests.members.support import hx, login
from tests.personas import Personas
from tests.watching.support import DROPBOX, report

pytestmark = pytest.mark.django_db


def client_for(user: User) -> Client:
    client = Client()
    login(client, user)
    return client


def alerted(personas: Personas, count: int) -> list[Evidence]:
    do_watch_indicator(personas.alice, "email", DROPBOX)
    return [report(personas.charlie, TLP.GREEN, n) for n in range(count)]


def rows(html: str) -> list[str]:
    return [part.split('"', 1)[0] for part in html.split('class="alert ')[1:]]


def test_the_page_lists_the_users_alerts_unread_first(personas: Personas) -> None:
    first, second, third = alerted(personas, 3)
    do_mark_alerts_read(personas.alice, [Alert.objects.get(evidence=second).pk])
    page = client_for(personas.alice).get(reverse("watching:list-alerts"))
    html = page.content.decode()
    assert page.status_code == 200
    assert rows(html) == ["unread", "unread", "read"]
    assert html.index(f"/evidence/{third.pk}/") < html.index(f"/evidence/{first.pk}/")
    assert html.index(f"/evidence/{first.pk}/") < html.index(f"/evidence/{second.pk}/")
    assert f"email {DROPBOX}" in html


def test_marking_read_through_htmx_returns_the_list_and_tells_the_badge(personas: Personas) -> None:
    first, second = alerted(personas, 2)
    client = client_for(personas.alice)
    one = Alert.objects.get(evidence=first)
    response = hx(client, "post", reverse("watching:mark-alerts-read"), {"ids": [str(one.pk)]})
    assert response.status_code == 200
    assert response["HX-Trigger"] == "alerts-changed"
    assert "<html" not in response.content.decode(), "a partial"
    assert list(Alert.objects.filter(read_at__isnull=True).values_list("evidence_id", flat=True)) == [
        second.pk
    ]
    hx(client, "post", reverse("watching:mark-alerts-read"), {"all": "1"})
    assert not Alert.objects.filter(read_at__isnull=True).exists()


def test_no_one_marks_or_sees_another_users_alerts(personas: Personas) -> None:
    (evidence,) = alerted(personas, 1)
    alert = Alert.objects.get()
    bob = client_for(personas.bob)
    bob.post(reverse("watching:mark-alerts-read"), {"ids": [str(alert.pk)]})
    alert.refresh_from_db()
    assert alert.read_at is None
    assert f"/evidence/{evidence.pk}/" not in bob.get(reverse("watching:list-alerts")).content.decode()


def test_the_badge_counts_unread_alerts_of_reports_still_visible(personas: Personas) -> None:
    _, second = alerted(personas, 2)
    client = client_for(personas.alice)
    assert 'class="badge alert-count"' not in client.get(reverse("home")).content.decode(), (
        "pages load the badge through htmx: no query of theirs"
    )
    assert ">2</span>" in client.get(reverse("watching:alert-badge")).content.decode()
    Evidence.objects.filter(pk=second.pk).update(tlp=TLP.AMBER)  # re-marked: alice may no longer see it
    assert ">1</span>" in client.get(reverse("watching:alert-badge")).content.decode()
    page = client.get(reverse("watching:list-alerts")).content.decode()
    assert f"/evidence/{second.pk}/" not in page, "an alert never shows a report its user may not see"
    client.logout()
    assert client.get(reverse("watching:alert-badge")).status_code == 204, "nothing to swap in"


def test_the_page_costs_the_same_queries_for_one_alert_or_many(
    personas: Personas, django_assert_num_queries: object
) -> None:
    alerted(personas, 1)
    client = client_for(personas.alice)
    client.get(reverse("watching:list-alerts"))  # warm the session and the second factor
    with django_assert_num_queries(QUERIES):  # type: ignore[operator]
        client.get(reverse("watching:list-alerts"))
    for n in range(1, 6):
        report(personas.charlie, TLP.GREEN, n)
    with django_assert_num_queries(QUERIES):  # type: ignore[operator]
        page = client.get(reverse("watching:list-alerts"))
    assert len(rows(page.content.decode())) == 6


# session, user, second-factor device (middleware), sharing partners (the TLP filter), the paginator's
# count, the page of alerts with their reports and owners, the user's organisation (navigation)
QUERIES = 7
