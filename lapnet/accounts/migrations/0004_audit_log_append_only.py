"""Make ``sharing_auditevent`` append-only in the database: triggers reject UPDATE and DELETE (and
TRUNCATE on PostgreSQL). See lapnet/accounts/append_only.py for the SQL and the reasons."""

from __future__ import annotations

from typing import Any

from django.db import migrations


def install(apps: Any, schema_editor: Any) -> None:
    from lapnet.accounts import append_only

    append_only.install(schema_editor.connection)


def uninstall(apps: Any, schema_editor: Any) -> None:
    from lapnet.accounts import append_only

    append_only.uninstall(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_apitoken_expires_at"),
        ("sharing", "0001_initial"),
    ]

    operations = [migrations.RunPython(install, uninstall, elidable=False)]
