"""The audit log page: the secretariat reads every event, a coordinator their organisation's (and the
events about its people), nobody else; filterable by action, user, object and dates; paginated."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from lapnet.sharing.audit import record
from lapnet.sharing.models import AuditAction, AuditEvent
from tests.accounts.support import force_login_with_second_factor, log_in
from tests.personas import Personas

pytestmark = pytest.mark.django_db

PAGE = reverse("accounts:audit-log")


def summaries(response: object) -> set[str]:
    return {event.summary for event in response.context["page"]}


def some_events(personas: Personas) -> None:
    record(
        personas.alice,
        AuditAction.VIEW,
        personas.alice,
        "alice viewed",
        object_type="evidence.evidence",
        object_id="7",
    )
    record(
        personas.bob,
        AuditAction.EXPORT,
        personas.bob,
        "bob exported",
        object_type="evidence.evidence",
        object_id="8",
    )
    record(
        personas.charlie,
        AuditAction.VIEW,
        personas.charlie,
        "charlie viewed",
        object_type="evidence.evidence",
        object_id="9",
    )


def test_the_secretariat_reads_every_event(personas: Personas, client: Client) -> None:
    some_events(personas)
    force_login_with_second_factor(client, personas.erin)
    assert {"alice viewed", "bob exported", "charlie viewed"} <= summaries(client.get(PAGE))


def test_a_coordinator_reads_her_organisations_events_and_those_about_its_people(
    personas: Personas, client: Client
) -> None:
    some_events(personas)
    log_in(Client(), "alice", "a guess")  # a failed log-in: no actor, alice's account is the object
    force_login_with_second_factor(client, personas.carol)
    shown = summaries(client.get(PAGE))
    assert {"alice viewed", "bob exported"} <= shown
    assert any(s.startswith("failed log-in as 'alice'") for s in shown)
    assert "charlie viewed" not in shown


@pytest.mark.parametrize("username", ["alice", "dave"])
def test_nobody_else_reads_it(personas: Personas, client: Client, username: str) -> None:
    client.force_login(getattr(personas, username))
    assert client.get(PAGE).status_code == 403


def test_it_filters_by_action_user_object_and_dates(personas: Personas, client: Client) -> None:
    some_events(personas)
    force_login_with_second_factor(client, personas.erin)
    assert summaries(client.get(PAGE, {"action": "export"})) == {"bob exported"}
    assert summaries(client.get(PAGE, {"user": "Charlie"})) == {"charlie viewed"}
    assert summaries(client.get(PAGE, {"object_type": "evidence.evidence", "object_id": "7"})) == {
        "alice viewed"
    }
    today = timezone.now().date()
    assert "alice viewed" in summaries(
        client.get(PAGE, {"since": today.isoformat(), "until": today.isoformat()})
    )
    yesterday = (today - timedelta(days=1)).isoformat()
    assert summaries(client.get(PAGE, {"until": yesterday})) == set()


def test_it_is_paginated_and_the_filter_follows_the_pages(personas: Personas, client: Client) -> None:
    for number in range(120):
        record(personas.alice, AuditAction.VIEW, personas.alice, f"view {number}")
    force_login_with_second_factor(client, personas.erin)
    first = client.get(PAGE, {"action": "view"})
    assert len(first.context["page"]) == 50
    assert b"?action=view&amp;page=2" in first.content
    third = client.get(PAGE, {"action": "view", "page": 3})
    assert len(third.context["page"]) == AuditEvent.objects.filter(action="view").count() - 100


def test_the_page_costs_the_same_number_of_queries_however_many_events(
    personas: Personas, client: Client, django_assert_max_num_queries: object
) -> None:
    for number in range(60):
        record(personas.alice, AuditAction.VIEW, personas.alice, f"view {number}")
    force_login_with_second_factor(client, personas.erin)
    with django_assert_max_num_queries(8):
        assert client.get(PAGE).status_code == 200
