"""The engine's bulk writes keep every value as given: COPY's text format on PostgreSQL (escaped by
hand), executemany on SQLite."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from django.db import connection

from lapnet.campaigns import engine
from lapnet.campaigns.models import CampaignMember, ReportSignature
from lapnet.evidence.models import Evidence
from tests.campaigns.engine_support import email, submit
from tests.personas import Personas

pytestmark = pytest.mark.django_db

HOSTILE = 'tab\there, new\nline, cr\r, back\\slash, "quotes", \\N, \\x00, ünï 🐟'


def _write_signature(row: tuple[object, ...]) -> ReportSignature:
    """Write one signature row through the engine's bulk insert and read it back."""
    columns = (
        "(evidence_id, minhash, bands, beneficiaries, keys, content_group, label, category, clustered_at)"
    )
    json_param = "%s::jsonb" if connection.vendor == "postgresql" else "%s"
    with engine._cursor() as cursor:
        engine._insert(
            cursor,
            f"INSERT INTO {engine._table(ReportSignature)} {columns}",
            f"(%s, %s, %s, %s, {json_param}, %s, %s, %s, %s)",
            [row],
        )
    return ReportSignature.objects.get(evidence_id=row[0])


def test_rows_with_hostile_text_bytes_and_nulls_are_written_as_given(personas: Personas) -> None:
    evidence: Evidence = submit(personas.alice, email(number=1))
    ReportSignature.objects.filter(evidence=evidence).delete()
    keys = [["dropbox", HOSTILE], ["landing_domain", "a\tb.top"]]
    minhash = bytes(range(256)) * 2
    when = datetime(2026, 11, 28, 19, 40, 1, 123456, tzinfo=UTC)
    stored = _write_signature(
        (
            evidence.pk,
            minhash,
            b"",
            engine._int64s([-1, 2**62]),
            json.dumps(keys),
            -5,
            HOSTILE,
            "",
            engine._db_time(when),
        )
    )
    assert bytes(stored.minhash) == minhash
    assert bytes(stored.bands) == b""
    assert engine._from_int64s(stored.beneficiaries) == [-1, 2**62]
    assert stored.keys == keys
    assert stored.content_group == -5
    assert stored.label == HOSTILE
    assert stored.category == ""


def test_a_null_signature_is_written_as_null(personas: Personas) -> None:
    evidence: Evidence = submit(personas.alice, email(number=2))
    ReportSignature.objects.filter(evidence=evidence).delete()
    stored = _write_signature(
        (evidence.pk, None, b"", b"", "[]", 1, "\\N", "x", engine._db_time(datetime.now(UTC)))
    )
    assert stored.minhash is None
    assert stored.label == "\\N"  # the text, not a null


@pytest.mark.django_db(transaction=True)
def test_the_engine_writes_reasons_and_keys_as_json_arrays(personas: Personas) -> None:
    """PostgreSQL's binary COPY takes the objects themselves: a JSON text there would be stored as one
    JSON string."""
    first = submit(personas.alice, email(number=1))
    second = submit(personas.alice, email(number=2))
    reasons = CampaignMember.objects.get(evidence=second).reasons
    assert isinstance(reasons, list) and {reason["link"] for reason in reasons} >= {"content"}
    keys = ReportSignature.objects.get(evidence=first).keys
    assert isinstance(keys, list) and ["dropbox", "claims.agent@prize-desk.top"] in keys
