"""The audit log is append-only in the database itself: triggers refuse UPDATE and DELETE whatever
issues them (raw SQL included), on SQLite and on PostgreSQL (set LAPNET_TEST_DATABASE_URL to run the
suite there). ``manage.py flush`` is the one sanctioned way to empty it, and puts the triggers back."""

from __future__ import annotations

import os
import secrets
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction

from lapnet.accounts import append_only
from lapnet.sharing.audit import record
from lapnet.sharing.models import AuditAction, AuditEvent
from tests.personas import Personas

ROOT = Path(__file__).resolve().parents[2]
EXPECTED_TRIGGERS = {
    "sqlite": {"lapnet_audit_no_update", "lapnet_audit_no_delete"},
    "postgresql": {"lapnet_audit_no_update", "lapnet_audit_no_delete", "lapnet_audit_no_truncate"},
}


def an_event(personas: Personas) -> AuditEvent:
    return record(
        personas.alice, AuditAction.VIEW, personas.alice, "looked at her own account", channel="web"
    )


def refused(sql: str, params: list[object] | None = None) -> str:
    with (
        pytest.raises(IntegrityError, match="append-only") as raised,
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(sql, params or [])
    return str(raised.value)


@pytest.mark.django_db
def test_the_migrations_leave_the_triggers_in_place() -> None:
    assert append_only.installed_triggers(connection) == EXPECTED_TRIGGERS[connection.vendor]


@pytest.mark.django_db
def test_the_database_refuses_to_update_an_event(personas: Personas) -> None:
    event = an_event(personas)
    refused("UPDATE sharing_auditevent SET summary = %s WHERE id = %s", ["nothing happened", event.pk])
    refused("UPDATE sharing_auditevent SET actor_label = 'someone else'")
    assert AuditEvent.objects.get(pk=event.pk).summary == "looked at her own account"


@pytest.mark.django_db
def test_the_database_refuses_to_delete_an_event(personas: Personas) -> None:
    event = an_event(personas)
    refused("DELETE FROM sharing_auditevent WHERE id = %s", [event.pk])
    refused("DELETE FROM sharing_auditevent")
    assert AuditEvent.objects.filter(pk=event.pk).exists()


@pytest.mark.django_db
def test_the_orm_refuses_before_the_database_has_to(personas: Personas) -> None:
    event = an_event(personas)
    with pytest.raises(PermissionError):
        AuditEvent.objects.filter(pk=event.pk).update(summary="x")
    with pytest.raises(PermissionError):
        event.delete()


@pytest.mark.django_db
@pytest.mark.skipif(not os.environ.get("LAPNET_TEST_DATABASE_URL"), reason="needs LAPNET_TEST_DATABASE_URL")
def test_postgresql_refuses_truncate_too(personas: Personas) -> None:
    assert connection.vendor == "postgresql"
    an_event(personas)
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # else PostgreSQL refuses TRUNCATE for pending checks
    refused("TRUNCATE sharing_auditevent")
    refused("TRUNCATE sharing_auditevent CASCADE")


@pytest.mark.django_db(transaction=True)
def test_flush_empties_the_log_and_puts_the_triggers_back(personas: Personas) -> None:
    an_event(personas)
    call_command("flush", interactive=False, verbosity=0)
    assert not AuditEvent.objects.exists()
    assert append_only.installed_triggers(connection) == EXPECTED_TRIGGERS[connection.vendor]


@pytest.mark.skipif(connection.vendor == "sqlite", reason="the tests above run on SQLite already")
def test_sqlite_refuses_too_when_the_suite_runs_elsewhere(tmp_path: Path) -> None:
    database = tmp_path / "lapnet.sqlite3"
    env = {
        "PATH": "/usr/bin:/bin",
        "PYTHONPATH": str(ROOT),
        "DJANGO_SETTINGS_MODULE": "lapnet.settings",
        "LAPNET_DEBUG": "1",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "LAPNET_DATA_DIR": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{database}",
    }
    subprocess.run(
        [sys.executable, "-m", "django", "migrate", "--no-input", "-v", "0"],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    db = sqlite3.connect(database)
    db.execute(
        "INSERT INTO sharing_auditevent (at, actor_label, action, object_type, object_id, summary, detail, channel)"
        " VALUES ('2026-01-01 00:00:00', 'system', 'view', 'x', '1', 's', '{}', '')"
    )
    for sql in ("UPDATE sharing_auditevent SET summary = 'changed'", "DELETE FROM sharing_auditevent"):
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            db.execute(sql)
