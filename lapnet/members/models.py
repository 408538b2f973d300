"""The network: member organisations, their people, points of contact and national coordination."""

from __future__ import annotations

import ipaddress
from typing import ClassVar

from django.contrib.auth.models import AbstractUser, UserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q


class OrganisationType(models.TextChoices):
    ENFORCEMENT = "enforcement", "Enforcement agency"
    GOVERNMENT = "government", "Government or ministry"
    INDUSTRY = "industry", "Industry"
    INTEREST_GROUP = "interest_group", "Special-interest group"


class Remit(models.TextChoices):
    PRIVACY = "privacy", "Privacy / data protection"
    CONSUMER = "consumer", "Consumer protection"
    TELECOM = "telecom", "Telecoms"
    CRIMINAL = "criminal", "Criminal / cyber"
    OTHER = "other", "Other"


class Sector(models.TextChoices):
    REGULATOR = "regulator", "Regulator"
    POLICE = "police", "Police"
    MAIL_PROVIDER = "mail_provider", "Mail provider"
    ISP = "isp", "Internet service provider"
    TELECOM_OPERATOR = "telecom_operator", "Telecom operator"
    REGISTRAR = "registrar", "Registrar / registry"
    HOSTING = "hosting", "Hosting"
    BANK = "bank", "Bank / payments"
    SECURITY_VENDOR = "security_vendor", "Security vendor"
    CONSUMER_GROUP = "consumer_group", "Consumer group"
    RESEARCH = "research", "Research"
    OTHER = "other", "Other"


def validate_country(value: str) -> None:
    if len(value) != 2 or not value.isalpha() or not value.isupper():
        raise ValidationError(f"{value!r} is not an ISO 3166-1 alpha-2 country code (e.g. FR)")


class Organisation(models.Model):
    name = models.CharField(max_length=200, unique=True)
    short_name = models.CharField(max_length=40, blank=True)
    slug = models.SlugField(max_length=60, unique=True)
    type = models.CharField(max_length=20, choices=OrganisationType.choices)
    country = models.CharField(max_length=2, validators=[validate_country], db_index=True)
    remits = models.JSONField(default=list, blank=True, help_text="list of Remit values")
    sectors = models.JSONField(default=list, blank=True, help_text="list of Sector values")
    languages = models.JSONField(default=list, blank=True, help_text="ISO 639-1 codes")
    website = models.URLField(blank=True)
    description = models.TextField(blank=True)
    # shown in correlation totals of other members even when its evidence is AMBER (numbers only)
    share_counts = models.BooleanField(default=False)
    is_active = models.BooleanField(default=True)
    joined_at = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["country", "name"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_enforcement(self) -> bool:
        return self.type == OrganisationType.ENFORCEMENT

    @property
    def is_industry(self) -> bool:
        return self.type == OrganisationType.INDUSTRY

    @property
    def display_name(self) -> str:
        return self.short_name or self.name

    @property
    def country_name(self) -> str:
        from lapnet.members.countries import country_name

        return country_name(self.country)

    @property
    def remit_labels(self) -> list[str]:
        return _labels(Remit, self.remits)

    @property
    def sector_labels(self) -> list[str]:
        return _labels(Sector, self.sectors)

    @property
    def language_labels(self) -> list[str]:
        from lapnet.members.countries import language_name

        return [language_name(code) for code in self.languages]


def _labels(choices: type[models.TextChoices], values: list[str]) -> list[str]:
    labels = dict(choices.choices)
    return [str(labels.get(value, value)) for value in values]


class OrganisationNetwork(models.Model):
    """A network an (industry) member operates, to be notified about abuse from it."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="networks")
    cidr = models.CharField(max_length=50)

    class Meta:
        unique_together = [("organisation", "cidr")]

    def __str__(self) -> str:
        return self.cidr

    def clean(self) -> None:
        try:
            self.cidr = str(ipaddress.ip_network(self.cidr, strict=False))
        except ValueError:
            raise ValidationError({"cidr": f"{self.cidr!r} is not a network in CIDR notation"}) from None


class OrganisationDomain(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="domains")
    domain = models.CharField(max_length=253)

    class Meta:
        unique_together = [("organisation", "domain")]

    def __str__(self) -> str:
        return self.domain


class Role(models.TextChoices):
    SECRETARIAT = "secretariat", "Secretariat admin"
    COORDINATOR = "coordinator", "Coordinator"
    ANALYST = "analyst", "Analyst"
    CONTRIBUTOR = "contributor", "Contributor"
    VIEWER = "viewer", "Viewer"


# roles that must use a second factor before doing anything
ROLES_REQUIRING_2FA = frozenset({Role.SECRETARIAT, Role.COORDINATOR})


class User(AbstractUser):
    """A person; belongs to exactly one organisation (the secretariat's own users too)."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="users", null=True, blank=True
    )
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.VIEWER)
    languages = models.JSONField(default=list, blank=True)

    objects: ClassVar[UserManager[User]] = UserManager()

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    @property
    def is_secretariat(self) -> bool:
        return self.role == Role.SECRETARIAT

    @property
    def is_coordinator(self) -> bool:
        return self.role == Role.COORDINATOR

    @property
    def requires_2fa(self) -> bool:
        return self.role in ROLES_REQUIRING_2FA


class PointOfContact(models.Model):
    """A person an organisation designates to be called: one primary at a time, any number of deputies."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="contacts")
    user = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    name = models.CharField(max_length=200)
    role_title = models.CharField(max_length=200, blank=True)
    email = models.EmailField()
    phone = models.CharField(max_length=40, blank=True)
    languages = models.JSONField(default=list, blank=True)
    # upper-case hex in groups of four: 40 digits (OpenPGP v4) or 64 (v5/v6)
    pgp_fingerprint = models.CharField(max_length=80, blank=True)
    secure_channel = models.CharField(max_length=200, blank=True)
    availability = models.CharField(max_length=200, blank=True)
    is_primary = models.BooleanField(default=False)

    class Meta:
        ordering = ["organisation", "-is_primary", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation"],
                condition=Q(is_primary=True),
                name="one_primary_contact_per_organisation",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.organisation})"

    @property
    def language_labels(self) -> list[str]:
        from lapnet.members.countries import language_name

        return [language_name(code) for code in self.languages]


# the organisations that may coordinate a country: public bodies, not companies or associations
COORDINATING_TYPES = frozenset({OrganisationType.ENFORCEMENT, OrganisationType.GOVERNMENT})


class NationalCoordinator(models.Model):
    """The one coordinating agency of a country."""

    country = models.CharField(max_length=2, unique=True, validators=[validate_country])
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="coordinates")

    class Meta:
        ordering = ["country"]

    def __str__(self) -> str:
        return f"{self.country}: {self.organisation}"


class ApplicationStatus(models.TextChoices):
    """The states of ``lapnet.members.workflow.State``, as stored (a test keeps the two equal)."""

    SUBMITTED = "submitted", "Submitted"
    MORE_INFORMATION_REQUESTED = "more_information_requested", "More information requested"
    APPROVED = "approved", "Approved"
    DECLINED = "declined", "Declined"
    WITHDRAWN = "withdrawn", "Withdrawn"


class ApplicationEventKind(models.TextChoices):
    """``submit`` plus the events of ``lapnet.members.workflow.Event``."""

    SUBMIT = "submit", "submitted the application"
    REQUEST_INFORMATION = "request_information", "asked for more information"
    PROVIDE_INFORMATION = "provide_information", "provided more information"
    APPROVE = "approve", "approved the application"
    DECLINE = "decline", "declined the application"
    WITHDRAW = "withdraw", "withdrew the application"


class MembershipApplication(models.Model):
    """An organisation asking to join the network, made on the public form; reviewed by the secretariat.

    Approval creates the :class:`Organisation`, its networks and domains, its primary point of contact
    and a coordinator account for the applicant's contact (see ``actions.do_approve_application``).
    """

    organisation_name = models.CharField(max_length=200)
    short_name = models.CharField(max_length=40, blank=True)
    type = models.CharField(max_length=20, choices=OrganisationType.choices)
    country = models.CharField(max_length=2, validators=[validate_country])
    remits = models.JSONField(default=list, blank=True)
    sectors = models.JSONField(default=list, blank=True)
    languages = models.JSONField(default=list, blank=True)
    website = models.URLField(blank=True)
    description = models.TextField(blank=True, help_text="what the organisation does, why it wants to join")
    networks = models.JSONField(default=list, blank=True, help_text="CIDR networks it operates")
    domains = models.JSONField(default=list, blank=True, help_text="domains it operates")

    contact_name = models.CharField(max_length=200)
    contact_role_title = models.CharField(max_length=200, blank=True)
    contact_email = models.EmailField()
    contact_phone = models.CharField(max_length=40, blank=True)
    contact_languages = models.JSONField(default=list, blank=True)
    contact_pgp_fingerprint = models.CharField(max_length=80, blank=True)

    status = models.CharField(
        max_length=30, choices=ApplicationStatus.choices, default=ApplicationStatus.SUBMITTED, db_index=True
    )
    submitted_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    decision_reason = models.TextField(blank=True)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.SET_NULL, null=True, blank=True, related_name="applications"
    )
    coordinator = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["-submitted_at", "-id"]

    def __str__(self) -> str:
        return f"{self.organisation_name} ({self.country}): {self.get_status_display()}"

    @property
    def remit_labels(self) -> list[str]:
        return _labels(Remit, self.remits)

    @property
    def sector_labels(self) -> list[str]:
        return _labels(Sector, self.sectors)


class ApplicationEvent(models.Model):
    """One step of an application's history, with the words exchanged (the audit log has the rest)."""

    application = models.ForeignKey(MembershipApplication, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=30, choices=ApplicationEventKind.choices)
    from_status = models.CharField(max_length=30, choices=ApplicationStatus.choices, blank=True)
    to_status = models.CharField(max_length=30, choices=ApplicationStatus.choices)
    actor = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    message = models.TextField(blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.application_id}: {self.kind} -> {self.to_status}"


class SectorResource(models.Model):
    """A useful address kept by an industry member: an abuse desk, a registrar's abuse contact, ..."""

    title = models.CharField(max_length=200)
    sector = models.CharField(max_length=20, choices=Sector.choices)
    country = models.CharField(
        max_length=2, blank=True, validators=[validate_country], help_text="empty when international"
    )
    url = models.URLField(blank=True)
    contact = models.CharField(max_length=200, blank=True, help_text="an address, a phone number, a form")
    notes = models.TextField(blank=True)
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="resources")
    created_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["sector", "country", "title"]

    def __str__(self) -> str:
        return self.title
