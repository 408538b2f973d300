"""Several workers clustering at once neither lose nor duplicate memberships, and still find the links
(on PostgreSQL for real; on SQLite the writers take turns)."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, transaction

from lapnet.campaigns import engine
from lapnet.campaigns.models import (
    BandBucket,
    Campaign,
    CampaignMember,
    KeyCampaign,
    KeyFrequency,
    KeyGroup,
    ReportSignature,
)
from tests.campaigns.engine_support import email, submit
from tests.personas import Personas

pytestmark = pytest.mark.django_db(transaction=True)


def test_two_workers_clustering_at_once_keep_one_membership_per_report(personas: Personas) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("concurrent writers: run with LAPNET_TEST_DATABASE_URL (SQLite serialises them anyway)")
    reports = [submit(personas.alice, email(number=number, ip=f"9.9.{number}.1")) for number in range(1, 13)]
    for model in (CampaignMember, BandBucket, KeyCampaign, KeyFrequency, KeyGroup, ReportSignature):
        model.objects.all().delete()
    Campaign.objects.all().delete()
    errors: list[BaseException] = []
    barrier = threading.Barrier(2)

    def work(ids: list[int]) -> None:
        try:
            barrier.wait()
            for evidence_id in ids:
                engine.cluster_report(evidence_id)
        except BaseException as error:  # reported below
            errors.append(error)
        finally:
            connection.close()

    ids = [report.pk for report in reports]
    threads = [threading.Thread(target=work, args=(ids[start::2],)) for start in (0, 1)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert sorted(CampaignMember.objects.values_list("evidence_id", flat=True)) == sorted(ids)
    live = Campaign.objects.filter(merged_into__isnull=True)
    assert live.count() == 1
    assert live.get().size == len(ids)


def _all_visible_pages(table: str) -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT relallvisible FROM pg_class WHERE relname = %s", [table])
        return int(cursor.fetchone()[0])


def test_the_lookup_tables_are_vacuumed_for_index_only_scans(
    personas: Personas, monkeypatch: pytest.MonkeyPatch
) -> None:
    """PostgreSQL: the engine vacuums its insert-only look-up tables itself every VACUUM_ROWS new rows
    (this server runs without autovacuum), and never inside a caller's transaction."""
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only: SQLite has no visibility map")
    monkeypatch.setattr(engine, "VACUUM_ROWS", 10**9)
    reports = [submit(personas.alice, email(number=number)) for number in range(1, 4)]
    BandBucket.objects.all().delete()  # the submissions clustered them: start from an empty table
    with connection.cursor() as cursor:
        cursor.execute("VACUUM campaigns_bandbucket")
    assert _all_visible_pages("campaigns_bandbucket") == 0
    monkeypatch.setattr(engine, "VACUUM_ROWS", 1)
    monkeypatch.setattr(engine, "_unvacuumed", [0])
    with transaction.atomic():  # inside a caller's transaction: no vacuum (it could not run there)
        engine.cluster_report(reports[0].pk)
    assert BandBucket.objects.exists()
    assert _all_visible_pages("campaigns_bandbucket") == 0
    engine.cluster_report(reports[1].pk)
    assert _all_visible_pages("campaigns_bandbucket") > 0
    assert engine._unvacuumed == [0]
