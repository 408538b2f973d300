"""The audit log is append-only in the database itself, not only in the ORM.

``AuditEvent.save``/``delete`` and its queryset refuse changes in Python; these triggers refuse them
for any SQL that reaches the table (a raw cursor, a bulk update, a console session), so a bug or a
compromised code path cannot rewrite who saw what:

- SQLite: ``BEFORE UPDATE`` and ``BEFORE DELETE`` triggers that ``RAISE(ABORT)``.
- PostgreSQL: one trigger function, fired ``BEFORE UPDATE OR DELETE`` for each row and
  ``BEFORE TRUNCATE`` for the statement; it raises SQLSTATE 23001 (restrict_violation).

Both surface in Django as :class:`django.db.IntegrityError` with "append-only" in the message.

The one sanctioned way around them is :func:`suspended`, used by ``manage.py flush`` (which empties
the whole database on purpose, and which the test suite runs between transactional tests): it drops
or disables the triggers and puts them back inside the same transaction.

Migrations that rebuild ``sharing_auditevent`` on SQLite (``AlterField`` and friends copy the table
and drop the old one) drop its triggers with it; ``tests/accounts/test_append_only_audit_log.py``
fails when that happens, and the fix is a migration here that calls :func:`install` again.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from django.db import transaction

if TYPE_CHECKING:
    from django.db.backends.base.base import BaseDatabaseWrapper

TABLE = "sharing_auditevent"
MESSAGE = "the audit log is append-only"
TRIGGERS = ("lapnet_audit_no_update", "lapnet_audit_no_delete", "lapnet_audit_no_truncate")

SQLITE_INSTALL = [
    f"""CREATE TRIGGER IF NOT EXISTS lapnet_audit_no_update BEFORE UPDATE ON {TABLE}
    BEGIN SELECT RAISE(ABORT, '{MESSAGE}: UPDATE is not allowed'); END""",
    f"""CREATE TRIGGER IF NOT EXISTS lapnet_audit_no_delete BEFORE DELETE ON {TABLE}
    BEGIN SELECT RAISE(ABORT, '{MESSAGE}: DELETE is not allowed'); END""",
]
SQLITE_UNINSTALL = [
    "DROP TRIGGER IF EXISTS lapnet_audit_no_update",
    "DROP TRIGGER IF EXISTS lapnet_audit_no_delete",
]

POSTGRESQL_INSTALL = [
    f"""CREATE OR REPLACE FUNCTION lapnet_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        RAISE EXCEPTION '{MESSAGE}: % is not allowed on %', TG_OP, TG_TABLE_NAME
            USING ERRCODE = 'restrict_violation';
    END
    $$""",
    f"DROP TRIGGER IF EXISTS lapnet_audit_no_update ON {TABLE}",
    f"""CREATE TRIGGER lapnet_audit_no_update BEFORE UPDATE ON {TABLE}
    FOR EACH ROW EXECUTE FUNCTION lapnet_audit_append_only()""",
    f"DROP TRIGGER IF EXISTS lapnet_audit_no_delete ON {TABLE}",
    f"""CREATE TRIGGER lapnet_audit_no_delete BEFORE DELETE ON {TABLE}
    FOR EACH ROW EXECUTE FUNCTION lapnet_audit_append_only()""",
    f"DROP TRIGGER IF EXISTS lapnet_audit_no_truncate ON {TABLE}",
    f"""CREATE TRIGGER lapnet_audit_no_truncate BEFORE TRUNCATE ON {TABLE}
    FOR EACH STATEMENT EXECUTE FUNCTION lapnet_audit_append_only()""",
]
POSTGRESQL_UNINSTALL = [
    f"DROP TRIGGER IF EXISTS lapnet_audit_no_truncate ON {TABLE}",
    f"DROP TRIGGER IF EXISTS lapnet_audit_no_delete ON {TABLE}",
    f"DROP TRIGGER IF EXISTS lapnet_audit_no_update ON {TABLE}",
    "DROP FUNCTION IF EXISTS lapnet_audit_append_only()",
]

_INSTALL = {"sqlite": SQLITE_INSTALL, "postgresql": POSTGRESQL_INSTALL}
_UNINSTALL = {"sqlite": SQLITE_UNINSTALL, "postgresql": POSTGRESQL_UNINSTALL}


def install(connection: BaseDatabaseWrapper) -> bool:
    """Create the triggers (idempotent). False on a database vendor lapnet does not support."""
    return _run(connection, _INSTALL.get(connection.vendor))


def uninstall(connection: BaseDatabaseWrapper) -> bool:
    return _run(connection, _UNINSTALL.get(connection.vendor))


def installed_triggers(connection: BaseDatabaseWrapper) -> set[str]:
    """The names of lapnet's audit triggers present on the table (empty on other vendors)."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s", [TABLE])
        elif connection.vendor == "postgresql":
            cursor.execute(
                "SELECT tgname FROM pg_trigger WHERE tgrelid = to_regclass(%s) AND NOT tgisinternal",
                [TABLE],
            )
        else:
            return set()
        return {name for (name,) in cursor.fetchall()} & set(TRIGGERS)


@contextmanager
def suspended(connection: BaseDatabaseWrapper) -> Iterator[None]:
    """Lift the triggers for the body and restore them, all in one transaction: if the body fails,
    the rollback restores them too. Only for ``flush`` (and a future, audited retention purge)."""
    with transaction.atomic(using=connection.alias):
        present = installed_triggers(connection)
        if present:
            uninstall(connection)
        yield
        if present:
            install(connection)


def _run(connection: BaseDatabaseWrapper, statements: list[str] | None) -> bool:
    if statements is None:
        return False
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)
    return True
