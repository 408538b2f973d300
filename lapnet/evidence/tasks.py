"""Background work of the evidence context: ids in, load rows, call an action."""

from __future__ import annotations

from datetime import timedelta

from django.tasks import task
from django.utils import timezone

from lapnet.evidence import actions
from lapnet.evidence.models import AnalysisStatus, Evidence

# waits before the second and third attempt of a failed analysis
RETRY_DELAYS = (timedelta(minutes=1), timedelta(minutes=10))


@task(queue_name="analysis")
def analyse_evidence(evidence_id: int) -> str:
    try:
        evidence = actions.analyse(evidence_id)
    except Exception:
        _retry_later(evidence_id)
        raise
    _after_analysis(evidence.pk)
    return f"{evidence.pk}:{evidence.category}"


def _after_analysis(evidence_id: int) -> None:
    """What an analysed report sets off, each as a task of its own (a failure there never fails the
    analysis): clustering into campaigns (which then raises the watchers' alerts), and abuse
    notifications to the industry members whose networks or domains it names."""
    from lapnet.campaigns.tasks import cluster_evidence
    from lapnet.notifications.tasks import queue_abuse_notifications

    cluster_evidence.enqueue(evidence_id)
    queue_abuse_notifications.enqueue(evidence_id)


def _retry_later(evidence_id: int) -> None:
    """A failed analysis that has attempts left (status back to pending) is queued again, later."""
    evidence = Evidence.objects.filter(pk=evidence_id).only("status", "attempts").first()
    if evidence is None or evidence.status != AnalysisStatus.PENDING:
        return  # gone, or out of attempts: it stays visible as failed
    delay = RETRY_DELAYS[min(evidence.attempts, len(RETRY_DELAYS)) - 1]
    retry = analyse_evidence
    if retry.get_backend().supports_defer:
        retry = retry.using(run_after=timezone.now() + delay)
    retry.enqueue(evidence_id)
