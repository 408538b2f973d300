"""Background work of the evidence context: ids in, load rows, call an action."""

from __future__ import annotations

from django.tasks import task

from lapnet.evidence import actions


@task(queue_name="analysis")
def analyse_evidence(evidence_id: int) -> str:
    evidence = actions.analyse(evidence_id)
    return f"{evidence.pk}:{evidence.category}"
