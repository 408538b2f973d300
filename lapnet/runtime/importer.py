"""Bulk import of evidence files for one member: the CLI's adapter onto the evidence actions.

Folders are walked in sorted order; every file goes through :func:`lapnet.evidence.actions.submit_file`
(channel ``cli``), which splits mbox and SMS record files into one evidence per message, stores the raw
bytes first and queues the analysis. A file that cannot be read, or that the intake refuses (empty,
too large), is reported by name and the import goes on.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from django.db.models import Q

from lapnet.analysis.sources import iter_files
from lapnet.analysis.types import Kind
from lapnet.evidence.actions import IntakeError, submit_file
from lapnet.evidence.models import AnalysisStatus, Channel, Evidence
from lapnet.members.models import Organisation, User
from lapnet.sharing.tlp import TLP

if TYPE_CHECKING:
    pass


class ImportUsageError(ValueError):
    """The import cannot start (unknown organisation, marking or user): says what is known instead."""


@dataclass
class ImportReport:
    files: int = 0
    messages: int = 0
    duplicates: int = 0
    evidence_ids: list[int] = field(default_factory=list)
    failures: list[tuple[str, str]] = field(default_factory=list)

    def statuses(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for status in Evidence.objects.filter(pk__in=self.evidence_ids).values_list("status", flat=True):
            counts[status] = counts.get(status, 0) + 1
        return counts


def resolve_organisation(text: str) -> Organisation:
    """By slug, short name or full name (any case), or by number."""
    value = text.strip()
    match = Q(slug__iexact=value) | Q(short_name__iexact=value) | Q(name__iexact=value)
    if value.isdigit():
        match |= Q(pk=int(value))
    found = list(Organisation.objects.filter(match, is_active=True)[:2])
    if len(found) == 1:
        return found[0]
    if len(found) > 1:
        raise ImportUsageError(f"--org {text!r} names more than one organisation: use its slug")
    known = list(
        Organisation.objects.filter(is_active=True).order_by("slug").values_list("slug", flat=True)[:30]
    )
    hint = (
        f" (known: {', '.join(known)}{', ...' if len(known) == 30 else ''})"
        if known
        else " (there is none yet)"
    )
    raise ImportUsageError(f"no organisation {text!r}{hint}")


def resolve_tlp(text: str) -> TLP:
    try:
        return TLP.parse(text)
    except ValueError as error:
        raise ImportUsageError(str(error)) from None


def resolve_user(username: str | None, organisation: Organisation) -> User | None:
    if not username:
        return None
    user = User.objects.filter(username=username, is_active=True).first()
    if user is None:
        raise ImportUsageError(f"no active user {username!r}")
    if user.organisation_id != organisation.pk:
        raise ImportUsageError(f"user {username!r} does not belong to {organisation.name}")
    return user


def list_files(paths: Sequence[str]) -> list[Path]:
    missing = [path for path in paths if not Path(path).exists()]
    if missing:
        raise ImportUsageError(f"no such file or folder: {', '.join(missing)}")
    return list(iter_files(paths))


def import_files(
    files: Sequence[Path],
    *,
    organisation: Organisation,
    tlp: TLP,
    submitted_by: User | None = None,
    kind: Kind | None = None,
    on_file: Callable[[Path], None] | None = None,
) -> ImportReport:
    report = ImportReport()
    for path in files:
        try:
            data = path.read_bytes()
            submitted = submit_file(
                path=path,
                data=data,
                organisation=organisation,
                submitted_by=submitted_by,
                channel=Channel.CLI,
                tlp=tlp,
                kind=kind,
            )
        except (OSError, IntakeError) as error:
            report.failures.append((str(path), str(error)))
        else:
            report.files += 1
            report.messages += len(submitted)
            report.duplicates += sum(1 for item in submitted if item.duplicate)
            report.evidence_ids += [item.evidence.pk for item in submitted]
        if on_file is not None:
            on_file(path)
    return report


def summary(report: ImportReport, organisation: Organisation, tlp: TLP) -> str:
    statuses = report.statuses()
    analysed = statuses.get(AnalysisStatus.DONE, 0)
    waiting = statuses.get(AnalysisStatus.PENDING, 0) + statuses.get(AnalysisStatus.RUNNING, 0)
    lines = [
        f"{report.messages} message(s) from {report.files} file(s) stored for "
        f"{organisation.short_name or organisation.name} ({organisation.country}) as {tlp.label}"
        + (f"; {report.duplicates} had been reported before" if report.duplicates else "")
    ]
    if waiting:
        lines.append(f"{waiting} queued for analysis: `lapnet serve` or `lapnet worker` analyses them")
    if analysed:
        lines.append(f"{analysed} analysed")
    if statuses.get(AnalysisStatus.FAILED):
        lines.append(f"{statuses[AnalysisStatus.FAILED]} failed analysis (see each evidence's page)")
    for name, reason in report.failures:
        lines.append(f"not imported: {name}: {reason}")
    return "\n".join(lines)
