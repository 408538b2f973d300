"""What the actions share: the error they raise, validation, links and mail after commit."""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.text import slugify

from lapnet.members.access import application_token
from lapnet.members.models import MembershipApplication, Organisation, Role, User

log = logging.getLogger("lapnet.members.actions")

WEB = "web"


class MembersError(ValueError):
    """A rule of the network says no; the message says why, to the person who asked."""


def fields_of(given: Mapping[str, Any], allowed: frozenset[str]) -> dict[str, Any]:
    unknown = set(given) - allowed
    if unknown:
        raise MembersError(f"these fields cannot be set here: {', '.join(sorted(unknown))}")
    return dict(given)


def validate(instance: Any) -> None:
    """``full_clean`` with the errors as one sentence (forms have shown the field errors already)."""
    try:
        instance.full_clean()
    except ValidationError as error:
        raise MembersError("; ".join(error.messages)) from None


def normalise(value: Any, normaliser: Any) -> Any:
    try:
        return normaliser(value)
    except ValueError as error:
        raise MembersError(str(error)) from None


def absolute_url(base_url: str, path: str) -> str:
    base = base_url or getattr(settings, "LAPNET_BASE_URL", "")
    return base.rstrip("/") + path


def mail_on_commit(subject: str, body: str, recipients: list[str]) -> None:
    """Mail once the transaction has committed; a mail server that fails does not undo the work."""
    recipients = [address for address in recipients if address]
    if not recipients:
        return

    def send() -> None:
        try:
            send_mail(subject, body, None, recipients)
        except Exception:
            log.exception("could not send %r to %s", subject, recipients)

    transaction.on_commit(send)


def secretariat_addresses() -> list[str]:
    return list(
        User.objects.filter(role=Role.SECRETARIAT, is_active=True)
        .exclude(email="")
        .values_list("email", flat=True)
    )


def set_password_url(user: User, base_url: str = "") -> str:
    """A one-time link to set a password (Django's password-reset token: it expires with
    ``PASSWORD_RESET_TIMEOUT`` and stops working once the password is set)."""
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    return absolute_url(base_url, reverse("members:set-password", args=[uid, token]))


def application_url(application: MembershipApplication, base_url: str = "") -> str:
    return absolute_url(base_url, reverse("members:track-application", args=[application_token(application)]))


def unique_slug(name: str) -> str:
    base = slugify(name)[:50] or "organisation"
    slug, n = base, 1
    while Organisation.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def unique_username(email: str) -> str:
    base = re.sub(r"[^\w.@+-]", "", email.split("@", 1)[0].lower())[:140] or "member"
    username, n = base, 1
    while User.objects.filter(username__iexact=username).exists():
        n += 1
        username = f"{base}{n}"
    return username


def split_name(name: str) -> tuple[str, str]:
    first, _, last = name.strip().partition(" ")
    return first[:150], last.strip()[:150]
