"""An organisation's profile, its networks and domains, its points of contact (one primary at a
time) and national coordination."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import transaction

from lapnet.members.actions.common import WEB, MembersError, fields_of, normalise, validate
from lapnet.members.models import (
    COORDINATING_TYPES,
    NationalCoordinator,
    Organisation,
    OrganisationDomain,
    OrganisationNetwork,
    PointOfContact,
    User,
)
from lapnet.members.validation import (
    normalise_cidr,
    normalise_domain,
    normalise_pgp_fingerprint,
    parse_languages,
)
from lapnet.sharing.audit import record
from lapnet.sharing.models import AuditAction

# what a coordinator may change about their organisation; the secretariat may also change the rest
PROFILE_FIELDS = frozenset(
    {"name", "short_name", "remits", "sectors", "languages", "website", "description", "share_counts"}
)
SECRETARIAT_PROFILE_FIELDS = frozenset({"type", "country", "is_active"})
CONTACT_FIELDS = frozenset(
    {
        "name",
        "role_title",
        "email",
        "phone",
        "languages",
        "pgp_fingerprint",
        "secure_channel",
        "availability",
        "user",
    }
)

# --- organisations: profile, networks, domains --------------------------------------------------------


def do_update_organisation(
    actor: User, organisation: Organisation, changes: Mapping[str, Any], *, channel: str = WEB
) -> Organisation:
    allowed = PROFILE_FIELDS | (SECRETARIAT_PROFILE_FIELDS if actor.is_secretariat else frozenset())
    values = fields_of(changes, allowed)
    if "languages" in values:
        values["languages"] = normalise(values["languages"], parse_languages)
    with transaction.atomic():
        organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
        diff = {
            field: [getattr(organisation, field), value]
            for field, value in values.items()
            if getattr(organisation, field) != value
        }
        if not diff:
            return organisation
        for field, value in values.items():
            setattr(organisation, field, value)
        validate(organisation)
        organisation.save()
        record(
            actor,
            AuditAction.CHANGE,
            organisation,
            f"changed the profile of {organisation.display_name}: {', '.join(sorted(diff))}",
            channel=channel,
            detail=_jsonable(diff),
        )
        # a coordinating agency that moved, stopped being a public body or left coordinates no more
        designation = NationalCoordinator.objects.filter(organisation=organisation).first()
        if designation is not None and (
            designation.country != organisation.country
            or organisation.type not in COORDINATING_TYPES
            or not organisation.is_active
        ):
            designation.delete()
            record(
                actor,
                AuditAction.DELETE,
                organisation,
                f"{organisation.display_name} no longer coordinates {designation.country}",
                channel=channel,
                object_type="members.nationalcoordinator",
                object_id=designation.country,
            )
    return organisation


def _jsonable(diff: dict[str, list[Any]]) -> dict[str, list[Any]]:
    return {
        field: [
            value if isinstance(value, (str, int, bool, list, type(None))) else str(value) for value in pair
        ]
        for field, pair in diff.items()
    }


def do_add_network(
    actor: User, organisation: Organisation, cidr: str, *, channel: str = WEB
) -> OrganisationNetwork:
    cidr = normalise(cidr, normalise_cidr)
    with transaction.atomic():
        if OrganisationNetwork.objects.filter(organisation=organisation, cidr=cidr).exists():
            raise MembersError(f"{cidr} is already listed")
        network = OrganisationNetwork.objects.create(organisation=organisation, cidr=cidr)
        record(
            actor,
            AuditAction.CREATE,
            network,
            f"{organisation.display_name} operates {cidr}",
            channel=channel,
        )
    return network


def do_remove_network(actor: User, network: OrganisationNetwork, *, channel: str = WEB) -> None:
    with transaction.atomic():
        record(
            actor,
            AuditAction.DELETE,
            network,
            f"{network.organisation.display_name} no longer operates {network.cidr}",
            channel=channel,
        )
        network.delete()


def do_add_domain(
    actor: User, organisation: Organisation, domain: str, *, channel: str = WEB
) -> OrganisationDomain:
    domain = normalise(domain, normalise_domain)
    with transaction.atomic():
        if OrganisationDomain.objects.filter(organisation=organisation, domain=domain).exists():
            raise MembersError(f"{domain} is already listed")
        row = OrganisationDomain.objects.create(organisation=organisation, domain=domain)
        record(
            actor, AuditAction.CREATE, row, f"{organisation.display_name} operates {domain}", channel=channel
        )
    return row


def do_remove_domain(actor: User, domain: OrganisationDomain, *, channel: str = WEB) -> None:
    with transaction.atomic():
        record(
            actor,
            AuditAction.DELETE,
            domain,
            f"{domain.organisation.display_name} no longer operates {domain.domain}",
            channel=channel,
        )
        domain.delete()


# --- points of contact ----------------------------------------------------------------------------------


def _contact_values(organisation: Organisation, fields: Mapping[str, Any]) -> dict[str, Any]:
    values = fields_of(fields, CONTACT_FIELDS)
    if "languages" in values:
        values["languages"] = normalise(values["languages"], parse_languages)
    if "pgp_fingerprint" in values:
        values["pgp_fingerprint"] = normalise(values["pgp_fingerprint"], normalise_pgp_fingerprint)
    user = values.get("user")
    if user is not None and user.organisation_id != organisation.pk:
        raise MembersError(f"{user} is not a user of {organisation.display_name}")
    return values


def _promote(contact: PointOfContact) -> PointOfContact | None:
    """Make ``contact`` the primary, demoting the previous one first (the database allows one per
    organisation: ``one_primary_contact_per_organisation``). Returns the demoted contact, if any."""
    previous = (
        PointOfContact.objects.select_for_update()
        .filter(organisation_id=contact.organisation_id, is_primary=True)
        .exclude(pk=contact.pk)
        .first()
    )
    if previous is not None:
        PointOfContact.objects.filter(pk=previous.pk).update(is_primary=False)
    PointOfContact.objects.filter(pk=contact.pk).update(is_primary=True)
    contact.is_primary = True
    return previous


def do_add_contact(
    actor: User,
    organisation: Organisation,
    fields: Mapping[str, Any],
    *,
    primary: bool = False,
    channel: str = WEB,
) -> PointOfContact:
    """A new point of contact: a deputy, or the primary if asked (or if the organisation has none)."""
    values = _contact_values(organisation, fields)
    with transaction.atomic():
        Organisation.objects.select_for_update().filter(pk=organisation.pk).first()  # one change at a time
        contact = PointOfContact(organisation=organisation, **values)
        validate(contact)
        contact.save()
        has_primary = PointOfContact.objects.filter(organisation=organisation, is_primary=True).exists()
        demoted = _promote(contact) if primary or not has_primary else None
        record(
            actor,
            AuditAction.CREATE,
            contact,
            f"designated {contact.name} {'primary point of contact' if contact.is_primary else 'deputy'} "
            f"of {organisation.display_name}",
            channel=channel,
            detail={"demoted": demoted.pk} if demoted else {},
        )
    return contact


def do_update_contact(
    actor: User, contact: PointOfContact, fields: Mapping[str, Any], *, channel: str = WEB
) -> PointOfContact:
    values = _contact_values(contact.organisation, fields)
    with transaction.atomic():
        contact = PointOfContact.objects.select_for_update().select_related("organisation").get(pk=contact.pk)
        changed = sorted(field for field, value in values.items() if getattr(contact, field) != value)
        for field, value in values.items():
            setattr(contact, field, value)
        validate(contact)
        contact.save()
        record(
            actor,
            AuditAction.CHANGE,
            contact,
            f"changed the point of contact {contact.name} of {contact.organisation.display_name}",
            channel=channel,
            detail={"fields": changed},
        )
    return contact


def do_make_primary_contact(actor: User, contact: PointOfContact, *, channel: str = WEB) -> PointOfContact:
    """Swap the primary: the previous one becomes a deputy in the same transaction."""
    with transaction.atomic():
        Organisation.objects.select_for_update().filter(pk=contact.organisation_id).first()
        contact = PointOfContact.objects.select_related("organisation").get(pk=contact.pk)
        if contact.is_primary:
            return contact
        demoted = _promote(contact)
        record(
            actor,
            AuditAction.CHANGE,
            contact,
            f"made {contact.name} primary point of contact of {contact.organisation.display_name}"
            + (f" instead of {demoted.name}" if demoted else ""),
            channel=channel,
            detail={"demoted": demoted.pk if demoted else None},
        )
    return contact


def do_remove_contact(actor: User, contact: PointOfContact, *, channel: str = WEB) -> None:
    with transaction.atomic():
        contact = PointOfContact.objects.select_for_update().select_related("organisation").get(pk=contact.pk)
        if contact.is_primary:
            raise MembersError(
                f"{contact.name} is the primary point of contact: make another contact primary first"
            )
        record(
            actor,
            AuditAction.DELETE,
            contact,
            f"removed the point of contact {contact.name} of {contact.organisation.display_name}",
            channel=channel,
        )
        contact.delete()


# --- national coordination ------------------------------------------------------------------------------


def do_designate_national_coordinator(
    actor: User, organisation: Organisation, *, channel: str = WEB
) -> NationalCoordinator:
    """Make ``organisation`` the coordinating agency of its country, replacing the previous one."""
    if not actor.is_secretariat:
        raise MembersError("only the secretariat designates national coordinators")
    with transaction.atomic():
        organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
        if not organisation.is_active:
            raise MembersError(f"{organisation.display_name} is not an active member")
        if organisation.type not in COORDINATING_TYPES:
            raise MembersError(
                f"{organisation.display_name} is {organisation.get_type_display().lower()}: a national "
                "coordinator is an enforcement agency or a government body"
            )
        designation = (
            NationalCoordinator.objects.select_for_update()
            .select_related("organisation")
            .filter(country=organisation.country)
            .first()
        )
        if designation is not None and designation.organisation_id == organisation.pk:
            return designation
        replaced = designation.organisation if designation is not None else None
        if designation is None:
            designation = NationalCoordinator(country=organisation.country)
        designation.organisation = organisation
        designation.save()
        record(
            actor,
            AuditAction.CHANGE if replaced else AuditAction.CREATE,
            designation,
            f"designated {organisation.display_name} national coordinator of {organisation.country}"
            + (f" instead of {replaced.display_name}" if replaced else ""),
            channel=channel,
            detail={"organisation": organisation.pk, "replaced": replaced.pk if replaced else None},
        )
    return designation


def do_remove_national_coordinator(actor: User, country: str, *, channel: str = WEB) -> None:
    if not actor.is_secretariat:
        raise MembersError("only the secretariat designates national coordinators")
    with transaction.atomic():
        designation = (
            NationalCoordinator.objects.select_for_update()
            .select_related("organisation")
            .filter(country=country)
            .first()
        )
        if designation is None:
            raise MembersError(f"{country} has no national coordinator")
        record(
            actor,
            AuditAction.DELETE,
            designation,
            f"{designation.organisation.display_name} no longer coordinates {country}",
            channel=channel,
        )
        designation.delete()
