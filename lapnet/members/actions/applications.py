"""Membership applications: the public form, the secretariat's review, approval (which admits the
member). The states and who may move them are ``lapnet.members.workflow``'s transition table."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from lapnet.members import workflow
from lapnet.members.actions.common import (
    WEB,
    MembersError,
    absolute_url,
    application_url,
    fields_of,
    mail_on_commit,
    normalise,
    secretariat_addresses,
    set_password_url,
    split_name,
    unique_slug,
    unique_username,
    validate,
)
from lapnet.members.models import (
    ApplicationEvent,
    ApplicationEventKind,
    ApplicationStatus,
    MembershipApplication,
    Organisation,
    OrganisationDomain,
    OrganisationNetwork,
    PointOfContact,
    Role,
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

APPLICATION_FIELDS = frozenset(
    {
        "organisation_name",
        "short_name",
        "type",
        "country",
        "remits",
        "sectors",
        "languages",
        "website",
        "description",
        "networks",
        "domains",
        "contact_name",
        "contact_role_title",
        "contact_email",
        "contact_phone",
        "contact_languages",
        "contact_pgp_fingerprint",
    }
)

# --- membership applications ------------------------------------------------------------------------


def do_submit_application(
    fields: Mapping[str, Any], *, base_url: str = "", channel: str = WEB
) -> MembershipApplication:
    """The public form: anyone may apply; the applicant gets a link to follow the application."""
    values = fields_of(fields, APPLICATION_FIELDS)
    values["networks"] = [normalise(cidr, normalise_cidr) for cidr in values.get("networks", [])]
    values["domains"] = [normalise(domain, normalise_domain) for domain in values.get("domains", [])]
    values["languages"] = normalise(values.get("languages", []), parse_languages)
    values["contact_languages"] = normalise(values.get("contact_languages", []), parse_languages)
    values["contact_pgp_fingerprint"] = normalise(
        values.get("contact_pgp_fingerprint", ""), normalise_pgp_fingerprint
    )
    application = MembershipApplication(**values)
    validate(application)
    with transaction.atomic():
        application.save()
        ApplicationEvent.objects.create(
            application=application,
            kind=ApplicationEventKind.SUBMIT,
            to_status=application.status,
            message=application.description,
        )
        record(
            None,
            AuditAction.CREATE,
            application,
            f"membership application from {application.organisation_name} ({application.country}), "
            f"contact {application.contact_email}",
            channel=channel,
        )
        link = application_url(application, base_url)
        mail_on_commit(
            "Your application to join the network",
            f"Dear {application.contact_name},\n\nwe have received the application of "
            f"{application.organisation_name}. The secretariat will review it; you can follow it, answer "
            f"questions or withdraw it here:\n\n{link}\n\nKeep this link to yourself.\n",
            [application.contact_email],
        )
        mail_on_commit(
            f"New membership application: {application.organisation_name}",
            f"{application.organisation_name} ({application.country}, {application.get_type_display()}) "
            f"applied to join the network.\n\n"
            + absolute_url(base_url, reverse("members:review-application", args=[application.pk])),
            secretariat_addresses(),
        )
    return application


def _transition(
    application: MembershipApplication,
    event: workflow.Event,
    *,
    actor: User | None,
    message: str = "",
) -> tuple[MembershipApplication, str]:
    """Lock the row, ask the transition table, store the new state and its history (in a transaction
    opened by the caller). Returns the locked row and the state it left."""
    locked = MembershipApplication.objects.select_for_update().get(pk=application.pk)
    by = workflow.PARTY[event]
    try:
        target = workflow.next_state(locked.status, event, by=by, message=message)
    except workflow.TransitionError as error:
        raise MembersError(str(error)) from None
    previous = locked.status
    locked.status = ApplicationStatus(target.value)
    if by is workflow.Party.SECRETARIAT and workflow.is_final(target):
        locked.decided_at = timezone.now()
        locked.decided_by = actor
    ApplicationEvent.objects.create(
        application=locked,
        kind=ApplicationEventKind(event.value),
        from_status=previous,
        to_status=locked.status,
        actor=actor,
        message=message.strip(),
    )
    return locked, previous


def do_request_information(
    actor: User, application: MembershipApplication, message: str, *, base_url: str = "", channel: str = WEB
) -> MembershipApplication:
    with transaction.atomic():
        application, previous = _transition(
            application, workflow.Event.REQUEST_INFORMATION, actor=actor, message=message
        )
        application.save()
        record(
            actor,
            AuditAction.DECIDE,
            application,
            f"asked {application.organisation_name} for more information",
            channel=channel,
            detail={"from": previous, "to": application.status, "message": message.strip()},
        )
        mail_on_commit(
            "Your application to join the network: more information needed",
            f"Dear {application.contact_name},\n\nthe secretariat asks:\n\n{message.strip()}\n\n"
            f"Please answer here:\n\n{application_url(application, base_url)}\n",
            [application.contact_email],
        )
    return application


def do_provide_information(
    application: MembershipApplication, message: str, *, base_url: str = "", channel: str = WEB
) -> MembershipApplication:
    """The applicant answers the secretariat's questions (from the link they were given)."""
    with transaction.atomic():
        application, previous = _transition(
            application, workflow.Event.PROVIDE_INFORMATION, actor=None, message=message
        )
        application.save()
        record(
            None,
            AuditAction.CHANGE,
            application,
            f"{application.contact_email} answered for {application.organisation_name}",
            channel=channel,
            detail={"from": previous, "to": application.status},
        )
        mail_on_commit(
            f"Membership application answered: {application.organisation_name}",
            f"{application.contact_name} answered:\n\n{message.strip()}\n\n"
            + absolute_url(base_url, reverse("members:review-application", args=[application.pk])),
            secretariat_addresses(),
        )
    return application


def do_withdraw_application(
    application: MembershipApplication, *, channel: str = WEB
) -> MembershipApplication:
    with transaction.atomic():
        application, previous = _transition(application, workflow.Event.WITHDRAW, actor=None)
        application.save()
        record(
            None,
            AuditAction.CHANGE,
            application,
            f"{application.contact_email} withdrew the application of {application.organisation_name}",
            channel=channel,
            detail={"from": previous, "to": application.status},
        )
    return application


def do_decline_application(
    actor: User, application: MembershipApplication, reason: str, *, channel: str = WEB
) -> MembershipApplication:
    with transaction.atomic():
        application, previous = _transition(application, workflow.Event.DECLINE, actor=actor, message=reason)
        application.decision_reason = reason.strip()
        application.save()
        record(
            actor,
            AuditAction.DECIDE,
            application,
            f"declined the application of {application.organisation_name}",
            channel=channel,
            detail={"from": previous, "to": application.status, "reason": reason.strip()},
        )
        mail_on_commit(
            "Your application to join the network",
            f"Dear {application.contact_name},\n\nthe secretariat has declined the application of "
            f"{application.organisation_name}, for this reason:\n\n{reason.strip()}\n",
            [application.contact_email],
        )
    return application


@dataclass(frozen=True)
class Approval:
    application: MembershipApplication
    organisation: Organisation
    coordinator: User
    set_password_url: str  # shown once to the secretariat and mailed to the coordinator


def do_approve_application(
    actor: User, application: MembershipApplication, *, base_url: str = "", channel: str = WEB
) -> Approval:
    """Admit the applicant: the organisation, its networks and domains, its primary point of contact
    and a coordinator account (no password yet: a one-time link lets the applicant set one)."""
    with transaction.atomic():
        application, previous = _transition(application, workflow.Event.APPROVE, actor=actor)
        name = application.organisation_name.strip()
        if Organisation.objects.filter(name__iexact=name).exists():
            raise MembersError(f"an organisation named {name!r} is already a member")
        organisation = Organisation(
            name=name,
            short_name=application.short_name,
            slug=unique_slug(application.short_name or name),
            type=application.type,
            country=application.country,
            remits=list(application.remits),
            sectors=list(application.sectors),
            languages=list(application.languages),
            website=application.website,
            description=application.description,
            joined_at=timezone.localdate(),
        )
        validate(organisation)
        organisation.save()
        OrganisationNetwork.objects.bulk_create(
            OrganisationNetwork(organisation=organisation, cidr=cidr)
            for cidr in dict.fromkeys(application.networks)
        )
        OrganisationDomain.objects.bulk_create(
            OrganisationDomain(organisation=organisation, domain=domain)
            for domain in dict.fromkeys(application.domains)
        )
        first_name, last_name = split_name(application.contact_name)
        coordinator = User(
            username=unique_username(application.contact_email),
            email=application.contact_email,
            first_name=first_name,
            last_name=last_name,
            organisation=organisation,
            role=Role.COORDINATOR,
            languages=list(application.contact_languages),
        )
        coordinator.set_unusable_password()
        coordinator.save()
        contact = PointOfContact.objects.create(
            organisation=organisation,
            user=coordinator,
            name=application.contact_name,
            role_title=application.contact_role_title,
            email=application.contact_email,
            phone=application.contact_phone,
            languages=list(application.contact_languages),
            pgp_fingerprint=application.contact_pgp_fingerprint,
            is_primary=True,
        )
        application.organisation = organisation
        application.coordinator = coordinator
        application.save()
        record(
            actor,
            AuditAction.DECIDE,
            application,
            f"approved the application of {organisation.name}",
            channel=channel,
            detail={"from": previous, "to": application.status, "organisation": organisation.pk},
        )
        record(
            actor,
            AuditAction.CREATE,
            organisation,
            f"admitted {organisation.name} ({organisation.country}) to the network",
            channel=channel,
            detail={"application": application.pk},
        )
        record(
            actor,
            AuditAction.CREATE,
            coordinator,
            f"created the coordinator account {coordinator.username} of {organisation.display_name}",
            channel=channel,
            detail={"role": coordinator.role, "organisation": organisation.pk},
        )
        record(
            actor,
            AuditAction.CREATE,
            contact,
            f"designated {contact.name} primary point of contact of {organisation.display_name}",
            channel=channel,
        )
        link = set_password_url(coordinator, base_url)
        mail_on_commit(
            "Welcome to the network",
            f"Dear {application.contact_name},\n\n{organisation.name} is now a member of the network, and "
            f"you are its coordinator. Your user name is {coordinator.username}. Set your password here "
            f"(the link works once):\n\n{link}\n",
            [coordinator.email],
        )
    return Approval(application, organisation, coordinator, link)
