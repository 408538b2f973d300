# ruff: noqa: N999 - the module name is the command name: `lapnet import`
"""``lapnet import``: bulk evidence for one member, through the evidence actions (channel CLI)."""

from __future__ import annotations

import sys
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from lapnet.analysis.types import Kind
from lapnet.runtime.importer import (
    ImportUsageError,
    import_files,
    list_files,
    resolve_organisation,
    resolve_tlp,
    resolve_user,
    summary,
)

KINDS = [kind.value for kind in (Kind.EMAIL, Kind.ARF, Kind.XARF, Kind.SMS)]


class Command(BaseCommand):
    help = (
        "Import evidence files and folders (.eml, mbox, Maildir, ARF, X-ARF, SMS record files) for a member "
        "organisation: one evidence per message, raw bytes stored and hashed first, analysis queued. Exit "
        "status: 0 when every file was taken, 1 when some were not (listed), 2 for usage errors."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("paths", nargs="+", metavar="PATH", help="files or folders (recursed)")
        parser.add_argument(
            "--org", required=True, help="the reporting organisation: slug, short name or name"
        )
        parser.add_argument(
            "--tlp", required=True, help="TLP 2.0 marking: clear, green, amber, amber+strict or red"
        )
        parser.add_argument("--user", help="user name to record as submitter (must belong to --org)")
        parser.add_argument("--kind", choices=KINDS, help="force the input kind instead of detecting it")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            organisation = resolve_organisation(options["org"])
            tlp = resolve_tlp(options["tlp"])
            user = resolve_user(options["user"], organisation)
            files = list_files(options["paths"])
        except ImportUsageError as error:
            raise CommandError(str(error), returncode=2) from None
        kind = Kind(options["kind"]) if options["kind"] else None

        progress = None
        if sys.stderr.isatty():
            from tqdm import tqdm

            progress = tqdm(total=len(files), unit="file", file=sys.stderr, dynamic_ncols=True)
        try:
            report = import_files(
                files,
                organisation=organisation,
                tlp=tlp,
                submitted_by=user,
                kind=kind,
                on_file=(lambda _path: progress.update(1)) if progress is not None else None,
            )
        finally:
            if progress is not None:
                progress.close()
        self.stdout.write(summary(report, organisation, tlp))
        if report.failures:
            raise CommandError(f"{len(report.failures)} file(s) were not imported", returncode=1)
