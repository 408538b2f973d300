"""Helpers shared by the network's tests: signing in (with a verified second factor where the role
requires one), a complete application, and a few more people around the shared personas."""

from __future__ import annotations

import unicodedata
from typing import Any

from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from lapnet.members import actions
from lapnet.members.models import Organisation, PointOfContact, User


def login(client: Client, user: User) -> None:
    """Sign ``user`` in; coordinators and the secretariat also pass their second factor, so these
    tests do not depend on whether the second-factor middleware is switched on."""
    client.force_login(user)
    if user.requires_2fa:
        device, _ = TOTPDevice.objects.get_or_create(user=user, name="tests", defaults={"confirmed": True})
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()


def hx(client: Client, method: str, url: str, data: dict[str, Any] | None = None) -> Any:
    """A request as htmx sends it."""
    return getattr(client, method)(url, data or {}, headers={"HX-Request": "true"})


def application_data(**overrides: Any) -> dict[str, Any]:
    """What an applicant types into the public form (as POST data)."""
    data: dict[str, Any] = {
        "organisation_name": "Agencia Española de Protección de Datos",
        "short_name": "AEPD",
        "type": "enforcement",
        "country": "ES",
        "remits": ["privacy"],
        "sectors": ["regulator"],
        "languages": "es, en",
        "website": "https://www.aepd.es",
        "description": "The Spanish data protection authority; we enforce the rules on unsolicited e-mail.",
        "networks": "",
        "domains": "",
        "contact_name": "Lucía Fernández",
        "contact_role_title": "Head of the spam unit",
        "contact_email": "lucia.fernandez@aepd.example",
        "contact_phone": "+34 91 000 00 00",
        "contact_languages": "es, en",
        "contact_pgp_fingerprint": "",
        "homepage": "",
    }
    data.update(overrides)
    return data


def add_contact(
    actor: User, organisation: Organisation, name: str, *, primary: bool = False, **extra: Any
) -> PointOfContact:
    local = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower().replace(" ", ".")
    fields = {"name": name, "email": f"{local}@{organisation.slug}.example"}
    fields.update(extra)
    return actions.do_add_contact(actor, organisation, fields, primary=primary)
