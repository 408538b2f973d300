"""Every write of the watching context: following things, matching new reports, delivering alerts.

- ``do_watch_indicator``, ``do_watch_campaign``, ``do_save_search``, ``do_unwatch``: a user's watches,
  audited (what an agency follows is itself sensitive). Watching twice returns the existing watch.
- ``match_new_report``: run once a report is analysed (and clustered): raises one alert per matching
  watch whose user may see the report; idempotent (``(watch, evidence)`` is unique).
- ``do_deliver_alert_mail``: one digest mail per user with every alert not yet mailed, sent by a task
  queued on commit; each alert records whether and when it was mailed, or why not.

The rules (who is alerted, what a mail says, why a digest) are in docs/watching.md.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from uuid import uuid4

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from lapnet.campaigns.models import Campaign, CampaignMember
from lapnet.evidence.models import AnalysisStatus, Evidence, IndicatorSighting
from lapnet.evidence.queries import INDICATOR_TYPES, normalise_query
from lapnet.members.models import User
from lapnet.sharing.access import visibility_q
from lapnet.sharing.audit import record
from lapnet.sharing.models import AuditAction
from lapnet.watching.access import campaign_family, may_see_evidence, surviving_campaign
from lapnet.watching.models import Alert, MailState, Watch, WatchKind

log = logging.getLogger(__name__)

WEB = "web"
MAX_MAIL_ATTEMPTS = 3


class WatchingError(ValueError):
    """The watch cannot be made; the message says why, to the person who asked."""


# --- watches -------------------------------------------------------------------------------------------


def do_watch_indicator(user: User, indicator_type: str, value: str, *, channel: str = WEB) -> Watch:
    if indicator_type not in INDICATOR_TYPES:
        raise WatchingError(f"not an indicator type: {indicator_type!r}")
    normalised = normalise_query(value)[:700]
    if not normalised:
        raise WatchingError("an indicator watch needs a value")
    return _create(user, WatchKind.INDICATOR, channel, indicator_type=indicator_type, value=normalised)


def do_watch_campaign(user: User, campaign: Campaign, *, channel: str = WEB) -> Watch:
    """Watch the campaign a merge kept, if this one was merged (alerts follow merges either way)."""
    return _create(user, WatchKind.CAMPAIGN, channel, campaign=surviving_campaign(campaign))


def do_save_search(
    user: User, query: str, name: str = "", *, indicator_type: str = "", channel: str = WEB
) -> Watch:
    """A search the user wants to hear about again: matched as the search page matches it (the
    normalised query against every indicator value, of one type when the search named one)."""
    if indicator_type and indicator_type not in INDICATOR_TYPES:
        raise WatchingError(f"not an indicator type: {indicator_type!r}")
    normalised = normalise_query(query)[:700]
    if not normalised:
        raise WatchingError("a saved search needs a query")
    return _create(
        user,
        WatchKind.SEARCH,
        channel,
        indicator_type=indicator_type,
        value=normalised,
        query=query.strip()[:700],
        name=name.strip()[:200],
    )


def _create(user: User, kind: WatchKind, channel: str, **fields: object) -> Watch:
    key = {k: v for k, v in fields.items() if k in ("indicator_type", "value", "campaign")}
    with transaction.atomic():
        watch, created = Watch.objects.get_or_create(user=user, kind=kind, **key, defaults=fields)
        if created:
            record(user, AuditAction.CREATE, watch, f"started watching {watch.describe()}", channel=channel)
    return watch


def do_unwatch(user: User, watch: Watch, *, channel: str = WEB) -> None:
    if watch.user_id != user.pk:
        raise WatchingError("this watch is not yours")
    with transaction.atomic():
        record(user, AuditAction.DELETE, watch, f"stopped watching {watch.describe()}", channel=channel)
        watch.delete()


def do_mark_alerts_read(user: User, ids: Iterable[int] | None = None) -> int:
    """Mark the user's alerts read: those given, or all of them (``ids`` None). Others' are untouched."""
    unread = Alert.objects.filter(user_id=user.pk, read_at__isnull=True)
    if ids is not None:
        unread = unread.filter(pk__in=list(ids))
    return unread.update(read_at=timezone.now())


# --- matching a new report -----------------------------------------------------------------------------


def match_new_report(evidence_id: int) -> list[Alert]:
    """Raise the alerts a newly analysed (and clustered) report deserves; return those it created.

    A watch matches when the report carries its indicator (type and normalised value), belongs to its
    campaign (or one merged with it), or carries a value its saved search finds. An alert is raised
    only if the watcher may see the report, the report reached lapnet after the watch was made (a
    re-analysis of old evidence alerts nobody) and the watcher did not submit it personally.
    """
    evidence = (
        Evidence.objects.filter(pk=evidence_id, status=AnalysisStatus.DONE)
        .only("pk", "received_at", "submitted_by_id")
        .first()
    )
    if evidence is None:
        return []
    watches = _matching_watches(evidence)
    watches = [
        watch
        for watch in watches
        if watch.created_at <= evidence.received_at and watch.user_id != evidence.submitted_by_id
    ]
    allowed_users = {
        user.pk for user in {watch.user for watch in watches} if may_see_evidence(user, evidence.pk)
    }
    watches = [watch for watch in watches if watch.user_id in allowed_users]
    if not watches:
        return []
    with transaction.atomic():
        known = set(
            Alert.objects.filter(evidence_id=evidence.pk, watch__in=watches).values_list(
                "watch_id", flat=True
            )
        )
        fresh = [watch for watch in watches if watch.pk not in known]
        Alert.objects.bulk_create(
            [
                Alert(
                    user_id=watch.user_id,
                    watch=watch,
                    evidence_id=evidence.pk,
                    kind=watch.kind,
                    reason=watch.describe()[:800],
                )
                for watch in fresh
            ],
            ignore_conflicts=True,  # a concurrent run raised it already: the constraint keeps one
        )
        created = list(
            Alert.objects.filter(evidence_id=evidence.pk, watch__in=fresh, mail_state=MailState.PENDING)
        )
        for user_id in sorted({alert.user_id for alert in created}):
            transaction.on_commit(lambda user_id=user_id: enqueue_alert_mail(user_id), robust=True)
    return created


def _matching_watches(evidence: Evidence) -> list[Watch]:
    pairs = set(IndicatorSighting.objects.filter(evidence_id=evidence.pk).values_list("type", "value"))
    values = {value for _, value in pairs}
    matched: list[Watch] = []
    if values:
        for watch in Watch.objects.filter(
            value__in=sorted(values), kind__in=[WatchKind.INDICATOR, WatchKind.SEARCH]
        ).select_related("user"):
            if (watch.indicator_type, watch.value) in pairs or (
                watch.kind == WatchKind.SEARCH and not watch.indicator_type
            ):
                matched.append(watch)
    campaign_id = (
        CampaignMember.objects.filter(evidence_id=evidence.pk).values_list("campaign_id", flat=True).first()
    )
    if campaign_id is not None:
        matched += Watch.objects.filter(
            kind=WatchKind.CAMPAIGN, campaign_id__in=sorted(campaign_family(campaign_id))
        ).select_related("user")
    return matched


# --- mail ----------------------------------------------------------------------------------------------


def enqueue_alert_mail(user_id: int) -> None:
    from lapnet.watching.tasks import DIGEST_DELAY, send_alert_mail

    task = send_alert_mail
    if task.get_backend().supports_defer:
        task = task.using(run_after=timezone.now() + DIGEST_DELAY)
    task.enqueue(user_id)


def do_deliver_alert_mail(user_id: int) -> int:
    """Mail the user one digest of every alert not mailed yet; return how many it carried.

    The alerts are claimed with one conditional UPDATE, so two workers never mail the same alert.
    A report the user may no longer see, an inactive account or one without an address is recorded as
    skipped; a mail server error is recorded on the alerts, which stay pending for the next delivery
    (the task tries again later) until ``MAX_MAIL_ATTEMPTS``, then are marked failed.
    """
    claim = uuid4().hex
    claimed = Alert.objects.filter(user_id=user_id, mail_state=MailState.PENDING).update(
        mail_state=MailState.SENDING, mail_claim=claim, mail_attempts=F("mail_attempts") + 1
    )
    if not claimed:
        return 0
    mine = Alert.objects.filter(mail_claim=claim, mail_state=MailState.SENDING)
    user = User.objects.filter(pk=user_id).select_related("organisation").first()
    if user is None or not user.is_active or not user.email:
        mine.update(mail_state=MailState.SKIPPED, mail_error="no active account with an email address")
        return 0
    mine.exclude(visibility_q(user, "evidence__")).update(
        mail_state=MailState.SKIPPED, mail_error="the report is not visible to the watcher"
    )
    alerts = list(mine.select_related("evidence").order_by("created_at", "id"))
    if not alerts:
        return 0
    subject, body = _digest(user, alerts)
    try:
        send_mail(subject, body, None, [user.email])
    except Exception as error:
        log.exception("could not mail %s alert(s) to user %s", len(alerts), user_id)
        Alert.objects.filter(pk__in=[a.pk for a in alerts], mail_attempts__lt=MAX_MAIL_ATTEMPTS).update(
            mail_state=MailState.PENDING, mail_error=repr(error)[:2000]
        )
        Alert.objects.filter(pk__in=[a.pk for a in alerts], mail_attempts__gte=MAX_MAIL_ATTEMPTS).update(
            mail_state=MailState.FAILED, mail_error=repr(error)[:2000]
        )
        return 0
    mine.filter(pk__in=[a.pk for a in alerts]).update(
        mail_state=MailState.SENT, sent_at=timezone.now(), mail_error=""
    )
    return len(alerts)


def absolute_url(path: str) -> str:
    return settings.LAPNET_BASE_URL.rstrip("/") + path


def _digest(user: User, alerts: list[Alert]) -> tuple[str, str]:
    """A pointer, not a copy: report numbers, markings, links and the watcher's own words for what
    matched. Nothing of a report's content leaves lapnet by mail."""
    reports: dict[int, dict[str, object]] = {}
    for alert in alerts:
        entry = reports.setdefault(
            alert.evidence_id,
            {
                "evidence": alert.evidence,
                "url": absolute_url(reverse("evidence:detail", args=[alert.evidence_id])),
                "reasons": [],
            },
        )
        reasons = entry["reasons"]
        assert isinstance(reasons, list)
        reasons.append(alert.reason)
    context = {
        "user": user,
        "reports": list(reports.values()),
        "alerts_url": absolute_url(reverse("watching:list-alerts")),
    }
    subject = render_to_string("watching/mail/alerts_subject.txt", context).strip()
    body = render_to_string("watching/mail/alerts_body.txt", context)
    return subject, body
