"""``lapnet manage referral_reminders``: queue the deadline reminders (``--now``: send them here).

Every task worker queues the reminders hourly on its own (``lapnet.runtime.periodic``); this command
is for running them by hand. The reminders are idempotent, so running it more often, or on several
nodes, sends nothing twice.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from lapnet.referrals.actions import do_send_due_reminders
from lapnet.referrals.tasks import send_due_reminders


class Command(BaseCommand):
    help = "Remind receivers of referral deadlines that are near or past (one reminder per deadline)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--now", action="store_true", help="send in this process instead of queueing a task"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["now"]:
            sent = do_send_due_reminders()
            self.stdout.write(f"{sent} reminder(s) sent")
            return
        result = send_due_reminders.enqueue()
        self.stdout.write(f"reminders queued as task {result.id}")
