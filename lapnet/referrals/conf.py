"""The referral settings, read in one place with their defaults.

``lapnet/settings.py`` may set them from the environment through its typed helpers::

    LAPNET_REFERRAL_ACKNOWLEDGEMENT_DAYS = envint("LAPNET_REFERRAL_ACKNOWLEDGEMENT_DAYS", 7)
    LAPNET_REFERRAL_INFORMATION_REPLY_DAYS = envint("LAPNET_REFERRAL_INFORMATION_REPLY_DAYS", 30)
    LAPNET_REFERRAL_ENFORCEMENT_REPLY_MONTHS = envint("LAPNET_REFERRAL_ENFORCEMENT_REPLY_MONTHS", 6)
    LAPNET_REFERRAL_REMINDER_LEAD_DAYS = envint("LAPNET_REFERRAL_REMINDER_LEAD_DAYS", 3)

Read at call time (never at import), so ``override_settings`` in tests and a changed environment
both take effect.
"""

from __future__ import annotations

from django.conf import settings

from lapnet.referrals.deadlines import DeadlinePolicy

_DEFAULTS = DeadlinePolicy()


def _positive(name: str, default: int) -> int:
    value = getattr(settings, name, default)
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise ValueError(f"settings.{name}={value!r} must be a whole number of 0 or more")
    return value


def deadline_policy() -> DeadlinePolicy:
    return DeadlinePolicy(
        acknowledgement_days=_positive(
            "LAPNET_REFERRAL_ACKNOWLEDGEMENT_DAYS", _DEFAULTS.acknowledgement_days
        ),
        information_reply_days=_positive(
            "LAPNET_REFERRAL_INFORMATION_REPLY_DAYS", _DEFAULTS.information_reply_days
        ),
        enforcement_reply_months=_positive(
            "LAPNET_REFERRAL_ENFORCEMENT_REPLY_MONTHS", _DEFAULTS.enforcement_reply_months
        ),
        reminder_lead_days=_positive("LAPNET_REFERRAL_REMINDER_LEAD_DAYS", _DEFAULTS.reminder_lead_days),
    )
