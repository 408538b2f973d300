"""The watch buttons, through HTTP: on the evidence page (each indicator), the search page (each
indicator found, and the search itself) and for campaigns; htmx swaps the button, a plain post comes
back to the page; watches are the user's own, audited; a campaign the user may not see cannot be
watched (404); the page reads the user's watches once, whatever the number of buttons."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lapnet.members.models import User
from lapnet.sharing.models import AuditEvent
from lapnet.sharing.tlp import TLP
from lapnet.watching.actions import do_watch_indicator
from lapnet.watching.models import Watch, WatchKind
from tests.members.support import hx, login
from tests.personas import Personas
from tests.watching.support import DROPBOX, campaign_of, report

pytestmark = pytest.mark.django_db


def client_for(user: User) -> Client:
    client = Client()
    login(client, user)
    return client


def test_the_evidence_page_offers_a_watch_button_for_each_indicator(personas: Personas) -> None:
    evidence = report(personas.charlie, TLP.GREEN)
    do_watch_indicator(personas.alice, "email", DROPBOX)
    html = client_for(personas.alice).get(reverse("evidence:detail", args=[evidence.pk])).content.decode()
    assert html.count('class="inline watch-button"') >= 5
    assert html.count("★ watching") == 1, "the watched indicator shows as watched"
    assert reverse("watching:unwatch", args=[Watch.objects.get().pk]) in html


def test_watching_through_htmx_swaps_the_button_and_unwatching_swaps_it_back(personas: Personas) -> None:
    client = client_for(personas.alice)
    data = {"kind": "indicator", "indicator_type": "phone", "value": "+44 20 7946 0958", "next": "/evidence/"}
    response = hx(client, "post", reverse("watching:watch"), data)
    assert response.status_code == 200
    assert "★ watching" in response.content.decode()
    watch = Watch.objects.get(user=personas.alice)
    assert (watch.kind, watch.indicator_type, watch.value) == (WatchKind.INDICATOR, "phone", "+442079460958")
    response = hx(client, "post", reverse("watching:unwatch", args=[watch.pk]), {"next": "/evidence/"})
    assert "☆ watch" in response.content.decode()
    assert not Watch.objects.exists()
    summaries = list(
        AuditEvent.objects.filter(object_type="watching.watch").values_list("summary", flat=True)
    )
    assert sorted(summaries) == [
        "started watching phone +442079460958",
        "stopped watching phone +442079460958",
    ]


def test_a_plain_post_comes_back_to_the_page_it_came_from(personas: Personas) -> None:
    client = client_for(personas.alice)
    data = {"kind": "indicator", "indicator_type": "email", "value": DROPBOX, "next": "/evidence/search/?q=x"}
    response = client.post(reverse("watching:watch"), data)
    assert response.status_code == 302
    assert response["Location"] == "/evidence/search/?q=x"
    data["next"] = "https://elsewhere.example/"
    assert client.post(reverse("watching:watch"), data)["Location"] == reverse("watching:list-watches")


def test_the_search_page_offers_to_watch_each_indicator_and_to_save_the_search(personas: Personas) -> None:
    report(personas.charlie, TLP.GREEN)
    client = client_for(personas.alice)
    html = client.get(reverse("evidence:search"), {"q": "lotto-claims.example"}).content.decode()
    assert "☆ save this search" in html
    assert 'name="value" value="lotto-claims.example"' in html
    response = hx(
        client, "post", reverse("watching:watch"), {"kind": "search", "value": "lotto-claims.example"}
    )
    assert "★ saved search" in response.content.decode()
    html = client.get(reverse("evidence:search"), {"q": "lotto-claims.example"}).content.decode()
    assert "★ saved search" in html


def test_the_search_page_reads_the_watches_once_for_all_its_buttons(personas: Personas) -> None:
    report(personas.charlie, TLP.GREEN)
    client = client_for(personas.alice)
    client.get(reverse("evidence:search"), {"q": "lotto-claims.example"})
    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("evidence:search"), {"q": "lotto-claims.example"})
    assert sum('FROM "watching_watch"' in q["sql"] for q in queries.captured_queries) == 1


def test_a_campaign_the_user_may_not_see_cannot_be_watched(personas: Personas) -> None:
    hidden = campaign_of("Someone else's", [report(personas.charlie, TLP.AMBER, match=False)])
    shown = campaign_of("Lottery claims", [report(personas.charlie, TLP.GREEN, 1, match=False)])
    client = client_for(personas.alice)
    assert (
        client.post(reverse("watching:watch"), {"kind": "campaign", "campaign": hidden.pk}).status_code == 404
    )
    response = hx(client, "post", reverse("watching:watch"), {"kind": "campaign", "campaign": shown.pk})
    assert "★ watching" in response.content.decode()
    assert list(Watch.objects.values_list("campaign_id", flat=True)) == [shown.pk]


def test_no_one_removes_another_users_watch(personas: Personas) -> None:
    watch = do_watch_indicator(personas.alice, "email", DROPBOX)
    assert client_for(personas.bob).post(reverse("watching:unwatch", args=[watch.pk])).status_code == 404
    assert Watch.objects.filter(pk=watch.pk).exists()


def test_the_watches_page_lists_the_users_watches_only(personas: Personas) -> None:
    do_watch_indicator(personas.alice, "email", DROPBOX)
    do_watch_indicator(personas.bob, "phone", "+442079460958")
    html = client_for(personas.alice).get(reverse("watching:list-watches")).content.decode()
    assert DROPBOX in html
    assert "+442079460958" not in html
