"""``lapnet demo``: a living demo network in this database (see lapnet/runtime/demo/)."""

from __future__ import annotations

import secrets
import string
import sys
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from lapnet.evidence.models import AnalysisStatus, Channel, Evidence
from lapnet.members.models import Organisation
from lapnet.runtime.demo.corpora import corpora_root
from lapnet.runtime.demo.seed import (
    DEMO_SEED,
    DemoResult,
    Planned,
    create_demo,
    demo_present,
    existing_organisations,
    logins_path,
    write_logins,
)
from lapnet.runtime.worker import database_backend_in_use, drain_queue

REPOSITORY = Path(__file__).resolve().parents[4]


def random_password() -> str:
    alphabet = string.ascii_lowercase + string.digits
    return "-".join("".join(secrets.choice(alphabet) for _ in range(4)) for _ in range(3))


class Command(BaseCommand):
    help = (
        "Create a demo network: 35 members in 17 countries with points of contact, national coordinators "
        "and a user for every role, and evidence from a dozen spam campaigns (e-mail and SMS, nine "
        "languages; plus a sample of the public corpora when LAPNET_CORPORA or ../shared/corpora exists) "
        "submitted and analysed through the real pipeline. Run it again and it says the demo is there."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--reset",
            action="store_true",
            help="erase this database and create the demo again (refused if it holds anything but the demo)",
        )
        parser.add_argument(
            "--password", help="password of every demo account (default: a random one, printed)"
        )
        parser.add_argument("--no-corpora", action="store_true", help="leave the public corpora out")
        parser.add_argument(
            "--no-analyse",
            action="store_true",
            help="leave the evidence queued for the task worker (`lapnet serve` starts one)",
        )
        parser.add_argument("--seed", type=int, default=DEMO_SEED, help="random seed (same seed, same demo)")

    def handle(self, *args: Any, **options: Any) -> None:
        call_command("migrate", interactive=False, verbosity=0)
        quiet = options["verbosity"] == 0  # `make demo`: `lapnet serve` prints the logins next
        if demo_present():
            if not options["reset"]:
                self._already_there(quiet=quiet)
                return
            self._erase()
        elif existing := existing_organisations():
            raise CommandError(
                f"this database already holds a network that is not the demo ({', '.join(existing)}, ...): "
                "the demo goes into a database of its own (set LAPNET_DATA_DIR or DATABASE_URL to a fresh one)",
                returncode=2,
            )
        password = options["password"] or random_password()
        corpora = None if options["no_corpora"] else corpora_root(REPOSITORY)
        self.stdout.write("Creating the demo network and submitting its evidence through the intake ...")
        result = self._create(password, options["seed"], corpora, analyse=not options["no_analyse"])
        self._report(result, corpora)
        path = write_logins(result.logins)
        if not quiet:
            self.stdout.write(result.logins.rstrip())
            self.stdout.write(f"(saved in {path}; `lapnet serve` prints them again)")

    def _create(self, password: str, seed: int, corpora: Path | None, *, analyse: bool) -> DemoResult:
        progress = None
        if sys.stdout.isatty():
            from tqdm import tqdm

            progress = tqdm(unit="report", file=sys.stdout, dynamic_ncols=True, leave=False)

        def on_report(report: Planned) -> None:
            if progress is not None:
                progress.update(1)

        def run_queue() -> None:
            if analyse and database_backend_in_use():
                pending = Evidence.objects.filter(channel=Channel.DEMO, status=AnalysisStatus.PENDING).count()
                self.stdout.write(f"Analysing {pending} messages through the task queue ...")
                drain_queue()

        try:
            return create_demo(
                password=password, seed=seed, corpora=corpora, on_report=on_report, analyse=run_queue
            )
        finally:
            if progress is not None:
                progress.close()

    def _report(self, result: DemoResult, corpora: Path | None) -> None:
        planned = result.planned
        self.stdout.write(
            f"Demo network: {result.organisations} organisations in {result.countries} countries, "
            f"{result.coordinators} national coordinators, {result.users} users."
        )
        sources = f"{planned.get('email', 0)} e-mails, {planned.get('sms', 0)} SMS report files"
        if corpora is not None:
            sources += f", {planned.get('corpus', 0)} files of the public corpora ({corpora})"
        self.stdout.write(
            f"Evidence: {result.evidence} messages from {sources}; {result.analysed} analysed"
            + (f", {result.pending} waiting for the task worker" if result.pending else "")
            + "."
        )
        activity = result.activity
        if activity:
            self.stdout.write(
                f"Campaigns: {activity.get('campaigns', 0)}; abuse notifications queued for industry desks: "
                f"{activity.get('notifications', 0)}; referrals: {activity.get('referrals', 0)}; "
                f"watches waiting for reports: {result.watches}."
            )
        for rejected in result.rejected:
            self.stderr.write(f"not submitted: {rejected}")

    def _already_there(self, *, quiet: bool) -> None:
        evidence = Evidence.objects.filter(channel=Channel.DEMO).count()
        self.stdout.write(
            f"The demo network is already in this database ({Organisation.objects.count()} organisations, "
            f"{evidence} demo evidence): nothing to do. `lapnet demo --reset` erases it and creates it again."
        )
        if quiet:
            return
        path = logins_path()
        if path.is_file():
            self.stdout.write(path.read_text(encoding="utf-8").rstrip())
        else:
            self.stdout.write(
                "The demo passwords were printed when it was created; set a new one with "
                "`lapnet manage changepassword USER`."
            )

    def _erase(self) -> None:
        """Only a database the demo was created in (an empty one, see ``handle``) is erased."""
        self.stdout.write("Erasing the demo database (--reset) ...")
        call_command("flush", interactive=False, verbosity=0)
        logins_path().unlink(missing_ok=True)
