"""A saved search raises an alert for each new visible report the search page would find: the query
normalised as the search page normalises it, against every indicator type unless the search named one."""

from __future__ import annotations

import pytest
from django.core import mail

from lapnet.sharing.tlp import TLP
from lapnet.watching.actions import WatchingError, do_save_search
from lapnet.watching.models import Alert
from tests.personas import Personas
from tests.watching.support import report

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_saved_search_fires_for_a_report_the_search_page_would_find(personas: Personas) -> None:
    mail.outbox.clear()
    watch = do_save_search(personas.alice, " Lotto-Claims.EXAMPLE ", "lottery drop boxes")
    assert (watch.query, watch.value) == ("Lotto-Claims.EXAMPLE", "lotto-claims.example")
    evidence = report(personas.charlie, TLP.GREEN)
    (alert,) = Alert.objects.filter(user=personas.alice)
    assert alert.evidence_id == evidence.pk
    assert alert.reason == "saved search “lottery drop boxes”"
    assert len(mail.outbox) == 1


def test_a_saved_search_limited_to_a_type_ignores_the_value_as_another_type(personas: Personas) -> None:
    do_save_search(personas.alice, "lotto-claims.example", "as a phone", indicator_type="phone")
    report(personas.charlie, TLP.GREEN)
    assert not Alert.objects.exists()
    do_save_search(personas.alice, "lotto-claims.example", "as a domain", indicator_type="domain")
    report(personas.charlie, TLP.GREEN, 1)
    assert list(Alert.objects.values_list("reason", flat=True)) == ["saved search “as a domain” (domain)"]


def test_a_saved_search_does_not_fire_for_a_report_the_watcher_may_not_see(personas: Personas) -> None:
    do_save_search(personas.alice, "lotto-claims.example", "lottery")
    report(personas.charlie, TLP.AMBER)
    assert not Alert.objects.exists()


def test_an_empty_search_cannot_be_saved(personas: Personas) -> None:
    with pytest.raises(WatchingError):
        do_save_search(personas.alice, "   ", "nothing")
