"""Background work of abuse notifications: match an analysed report, and send the queued batches."""

from __future__ import annotations

from django.tasks import task

from lapnet.notifications import actions


@task(queue_name="default")
def queue_abuse_notifications(evidence_id: int) -> int:
    return len(actions.queue_for_evidence(evidence_id))


@task(queue_name="default")
def send_abuse_notifications() -> int:
    return actions.send_queued()
