"""Background work of the campaigns context: ids in, load rows, call the engine."""

from __future__ import annotations

from django.tasks import task

from lapnet.campaigns import engine


@task(queue_name="analysis")
def cluster_evidence(evidence_id: int) -> str:
    """Cluster one analysed report into its campaign (queued when its analysis succeeds), then look for
    the watches it matches: campaign watches need the report's campaign, so alerts come after."""
    from lapnet.watching.tasks import match_report

    campaign_id = engine.cluster_report(evidence_id)
    match_report.enqueue(evidence_id)
    return f"{evidence_id}:{campaign_id}"
