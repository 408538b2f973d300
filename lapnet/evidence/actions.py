"""Every write that matters to evidence: intake and analysis. Web, API, CLI and SMTP all call these.

Intake stores the raw bytes first (content-addressed, fsync'd, read-only), then records the
submission, audits it and queues the analysis once the transaction commits. If the process dies
after the bytes are stored, nothing is lost: the blob is on disk and the row either exists (and its
analysis is pending, picked up by ``requeue_pending``) or does not (and a retry stores nothing twice).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from lapnet.analysis.analyze import AnalysisConfig, analyze_item
from lapnet.analysis.serialize import to_dict
from lapnet.analysis.sources import Item, iter_items
from lapnet.analysis.types import Kind, Source
from lapnet.evidence import store
from lapnet.evidence.models import AnalysisStatus, Channel, Evidence, EvidenceBlob, IndicatorSighting
from lapnet.sharing.audit import record
from lapnet.sharing.models import AuditAction
from lapnet.sharing.tlp import TLP

if TYPE_CHECKING:
    from lapnet.members.models import Organisation, User

log = logging.getLogger(__name__)
MAX_ATTEMPTS = 3


class IntakeError(ValueError):
    """The submission cannot be taken (empty, too large, no organisation): say why, store nothing."""


@dataclass(frozen=True)
class Submitted:
    evidence: Evidence
    duplicate: bool


def submit_evidence(
    *,
    data: bytes,
    organisation: Organisation,
    submitted_by: User | None,
    channel: Channel,
    tlp: TLP,
    source_name: str = "",
    record_index: int | None = None,
    kind: Kind | None = None,
) -> Submitted:
    """Store one message's bytes and queue its analysis. Raw bytes are stored before anything else."""
    if not data:
        raise IntakeError("the evidence is empty")
    if len(data) > settings.LAPNET_MAX_EVIDENCE_BYTES:
        raise IntakeError(f"the evidence is larger than {settings.LAPNET_MAX_EVIDENCE_BYTES} bytes")
    sha256, _created = store.put(data)
    with transaction.atomic():
        blob, blob_created = EvidenceBlob.objects.get_or_create(sha256=sha256, defaults={"size": len(data)})
        evidence = Evidence.objects.create(
            blob=blob,
            organisation=organisation,
            submitted_by=submitted_by,
            channel=channel,
            tlp=tlp,
            source_name=source_name[:500],
            record_index=record_index,
            kind_hint=kind.value if kind else "",
            is_duplicate=not blob_created,
        )
        record(
            submitted_by,
            AuditAction.CREATE,
            evidence,
            f"submitted {len(data)} bytes ({sha256[:12]}) as {TLP(tlp).label}"
            + (" - already known" if not blob_created else ""),
            channel=channel,
            detail={"sha256": sha256, "source": source_name, "record": record_index},
        )
        transaction.on_commit(lambda: _enqueue(evidence.pk))
    return Submitted(evidence, duplicate=not blob_created)


def submit_file(
    *,
    path: Path | str,
    data: bytes,
    organisation: Organisation,
    submitted_by: User | None,
    channel: Channel,
    tlp: TLP,
    kind: Kind | None = None,
) -> list[Submitted]:
    """A file may hold many messages (mbox, SMS records): each is stored and analysed on its own."""
    return [
        submit_evidence(
            data=item.data,
            organisation=organisation,
            submitted_by=submitted_by,
            channel=channel,
            tlp=tlp,
            source_name=str(path),
            record_index=item.source.index,
            kind=item.kind or kind,
        )
        for item in iter_items(Path(path), data, kind)
    ]


def _enqueue(evidence_id: int) -> None:
    from lapnet.evidence.tasks import analyse_evidence

    analyse_evidence.enqueue(evidence_id)


def analyse(evidence_id: int, *, force: bool = False) -> Evidence:
    """Run the analysis core over the stored bytes and index the indicators.

    Idempotent: evidence already analysed is left as it is unless ``force`` (a re-analysis after an
    upgrade), so a task queued twice (by ``requeue_pending`` after a restart) costs nothing.
    """
    evidence = Evidence.objects.select_related("organisation").get(pk=evidence_id)
    if evidence.status == AnalysisStatus.DONE and not force:
        return evidence
    Evidence.objects.filter(pk=evidence_id).update(
        status=AnalysisStatus.RUNNING, attempts=evidence.attempts + 1
    )
    try:
        data = store.get(evidence.blob_id)
        kind = Kind(evidence.kind_hint) if evidence.kind_hint else None
        item = Item(Source(evidence.source_name or evidence.blob_id, evidence.record_index), data, kind)
        if kind is Kind.SMS:
            item = next(iter(iter_items(Path(evidence.source_name or "sms"), data, kind)), item)
        config = AnalysisConfig(reporter_country=evidence.organisation.country)
        results = [to_dict(result) for result in analyze_item(item, config)]
    except Exception as error:
        failed = evidence.attempts + 1 >= MAX_ATTEMPTS
        Evidence.objects.filter(pk=evidence_id).update(
            status=AnalysisStatus.FAILED if failed else AnalysisStatus.PENDING, last_error=repr(error)[:2000]
        )
        log.exception("analysis of evidence %s failed (attempt %s)", evidence_id, evidence.attempts + 1)
        raise
    with transaction.atomic():
        first = results[0] if results else {}
        origin = first.get("origin") or {}
        assert isinstance(origin, dict)
        evidence.results = results
        evidence.status = AnalysisStatus.DONE
        evidence.analysed_at = timezone.now()
        evidence.last_error = ""
        evidence.kind = str(first.get("kind") or "")
        evidence.subject = str(first.get("subject") or "")[:500]
        evidence.category = str(first.get("category") or "")
        evidence.origin_ip = str(origin.get("ip") or "")
        evidence.origin_country = str(origin.get("country") or "")
        evidence.language = str(first.get("language") or "")
        evidence.attempts += 1
        evidence.save()
        IndicatorSighting.objects.filter(evidence=evidence).delete()
        IndicatorSighting.objects.bulk_create(_sightings(evidence, results))
    return evidence


def _sightings(evidence: Evidence, results: list[dict[str, object]]) -> list[IndicatorSighting]:
    seen: set[tuple[str, str]] = set()
    rows = []
    for result in results:
        indicators = result.get("indicators") or {}
        assert isinstance(indicators, dict)
        for kind, entries in indicators.items():
            for entry in entries:
                value = entry.get("sha256") if kind == "attachment" else entry.get("value")
                if not value or (kind, value) in seen:
                    continue
                seen.add((kind, value))
                rows.append(
                    IndicatorSighting(
                        evidence=evidence,
                        type=kind,
                        value=str(value)[:700],
                        organisation_id=evidence.organisation_id,
                        country=evidence.organisation.country,
                        tlp=evidence.tlp,
                        submitted_by_id=evidence.submitted_by_id,
                        seen_at=evidence.received_at,
                    )
                )
    return rows


STALE_RUNNING = timedelta(minutes=10)


def requeue_pending() -> int:
    """Queue analysis again for evidence left pending (a retry is due) or left running by a worker that
    died (no analysis takes minutes). Analysing twice is harmless: ``analyse`` skips finished work."""
    stale = timezone.now() - STALE_RUNNING
    pending = list(
        Evidence.objects.filter(
            Q(status=AnalysisStatus.PENDING) | Q(status=AnalysisStatus.RUNNING, received_at__lt=stale)
        ).values_list("pk", flat=True)
    )
    for evidence_id in pending:
        _enqueue(evidence_id)
    return len(pending)
