"""The referral settings, read in one place with their defaults.

``lapnet/settings.py`` may set them from the environment through its typed helpers::

    LAPNET_REFERRAL_ACKNOWLEDGEMENT_DAYS = envint("LAPNET_REFERRAL_ACKNOWLEDGEMENT_DAYS", 7)
    LAPNET_REFERRAL_INFORMATION_REPLY_DAYS = envint("LAPNET_REFERRAL_INFORMATION_REPLY_DAYS", 30)
    LAPNET_REFERRAL_ENFORCEMENT_REPLY_MONTHS = envint("LAPNET_REFERRAL_ENFORCEMENT_REPLY_MONTHS", 6)
    LAPNET_REFERRAL_REMINDER_LEAD_DAYS = envint("LAPNET_REFERRAL_REMINDER_LEAD_DAYS", 3)
    LAPNET_NODE_ID = envstr("LAPNET_NODE_ID", "")
    LAPNET_NODE_KEY_FILE = envstr("LAPNET_NODE_KEY_FILE", "")

The node (what signs evidence packages, see ``nodekeys.py``): ``LAPNET_NODE_ID`` names this
installation in the directory and in every package it sends; unset, it is the host name of
``LAPNET_BASE_URL`` and, without one, the machine's host name. ``LAPNET_NODE_KEY_FILE`` is the
private signing key (PKCS#8 PEM); unset, ``<DATA_DIR>/node_signing_key.pem``, made on first use.

Read at call time (never at import), so ``override_settings`` in tests and a changed environment
both take effect.
"""

from __future__ import annotations

import socket
from pathlib import Path
from urllib.parse import urlsplit

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


NODE_KEY_FILE_NAME = "node_signing_key.pem"


def node_id() -> str:
    """This node's name in the directory and in the packages it signs (see the module's docstring)."""
    configured = str(getattr(settings, "LAPNET_NODE_ID", "") or "").strip()
    if configured:
        return configured
    host = urlsplit(str(getattr(settings, "LAPNET_BASE_URL", "") or "")).hostname
    return (host or socket.gethostname() or "lapnet").lower()


def node_key_file() -> Path:
    """Where this node's private signing key lives: never in the database."""
    configured = str(getattr(settings, "LAPNET_NODE_KEY_FILE", "") or "").strip()
    if configured:
        return Path(configured)
    return Path(settings.DATA_DIR) / NODE_KEY_FILE_NAME
