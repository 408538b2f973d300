"""Background work of the watching context: ids in, load rows, call an action."""

from __future__ import annotations

from datetime import timedelta

from django.tasks import task
from django.utils import timezone

from lapnet.watching import actions
from lapnet.watching.models import Alert, MailState

# how long alerts of one user gather before the digest goes out (a burst of reports makes one mail);
# backends that cannot defer (the immediate one of tests) send at once
DIGEST_DELAY = timedelta(minutes=5)
RETRY_DELAY = timedelta(minutes=15)


@task()
def match_report(evidence_id: int) -> int:
    """Run once a report is analysed and clustered: raise its alerts (their mail follows on commit)."""
    return len(actions.match_new_report(evidence_id))


@task()
def send_alert_mail(user_id: int) -> int:
    sent = actions.do_deliver_alert_mail(user_id)
    if Alert.objects.filter(user_id=user_id, mail_state=MailState.PENDING, mail_attempts__gt=0).exists():
        _retry_later(user_id)  # the mail server failed: try again later, while attempts remain
    return sent


def _retry_later(user_id: int) -> None:
    retry = send_alert_mail
    if not retry.get_backend().supports_defer:
        return  # without a deferred retry the next alert's delivery carries them
    retry.using(run_after=timezone.now() + RETRY_DELAY).enqueue(user_id)
