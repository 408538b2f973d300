"""``manage.py flush``, which empties every table on purpose, with the audit log's append-only triggers
lifted for that one transaction (Django's flush would otherwise stop at ``sharing_auditevent``).

The test suite depends on this: pytest-django and Django's TransactionTestCase call ``flush`` after
each transactional test. Any installed app's command of the same name takes precedence over Django's.
"""

from __future__ import annotations

from typing import Any

from django.core.management.commands import flush
from django.db import connections

from lapnet.accounts import append_only


class Command(flush.Command):
    help = flush.Command.help + " The audit log's append-only triggers are lifted for the flush only."

    def handle(self, **options: Any) -> None:
        with append_only.suspended(connections[options["database"]]):
            super().handle(**options)
