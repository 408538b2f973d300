"""The only way to fetch the network's rows on behalf of a user, and the rules of who may change what.

Reading: every signed-in, active user sees the active organisations of the network, their points of
contact, networks, domains and the sector resources (the directory is what members are for); the
secretariat also sees inactive organisations and the membership applications.

Changing: the secretariat may change anything; a coordinator may change their own (active)
organisation: its profile, networks, domains, points of contact and users; members of an industry
organisation (except viewers) keep its sector resources. Nobody else changes anything here.

``access_*`` return the row or raise ``Http404`` (the row is not visible) or ``PermissionDenied``
(visible, but not for this user to change). The rules are written one condition per line so that
each branch is covered by a test.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib.auth.tokens import default_token_generator
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.encoding import force_str
from django.utils.http import urlsafe_base64_decode

from lapnet.members.models import (
    MembershipApplication,
    Organisation,
    OrganisationDomain,
    OrganisationNetwork,
    OrganisationType,
    PointOfContact,
    Role,
    SectorResource,
    User,
)

if TYPE_CHECKING:
    from django.db.models import QuerySet

APPLICATION_TOKEN_SALT = "lapnet.members.application"  # noqa: S105 - a salt, not a secret
APPLICATION_TOKEN_MAX_AGE = 180 * 24 * 3600  # an applicant may answer questions for six months

# roles of an industry organisation that keep its sector resources
RESOURCE_EDITOR_ROLES = frozenset({Role.COORDINATOR, Role.ANALYST, Role.CONTRIBUTOR})


# --- who may ---------------------------------------------------------------------------------------


def is_signed_in(user: User) -> bool:
    return bool(user.is_authenticated and user.is_active)


def is_secretariat(user: User) -> bool:
    if not is_signed_in(user):
        return False
    return bool(user.role == Role.SECRETARIAT)


def can_manage_organisation(user: User, organisation: Organisation) -> bool:
    """Edit the profile, networks, domains, points of contact and users of ``organisation``."""
    if not is_signed_in(user):
        return False
    if user.role == Role.SECRETARIAT:
        return True
    if user.role != Role.COORDINATOR:
        return False
    if user.organisation_id != organisation.pk:
        return False
    return organisation.is_active


def can_add_resources(user: User) -> bool:
    if not is_signed_in(user):
        return False
    if user.role == Role.SECRETARIAT:
        return True
    if user.role not in RESOURCE_EDITOR_ROLES:
        return False
    if user.organisation is None:
        return False
    if not user.organisation.is_active:
        return False
    return user.organisation.type == OrganisationType.INDUSTRY


def can_edit_resource(user: User, resource: SectorResource) -> bool:
    if not can_add_resources(user):
        return False
    if user.role == Role.SECRETARIAT:
        return True
    return user.organisation_id == resource.organisation_id


def require_secretariat(user: User) -> None:
    if not is_secretariat(user):
        raise PermissionDenied("only the secretariat may do this")


# --- organisations, contacts, networks, domains ------------------------------------------------------


def organisations_visible_to(user: User) -> QuerySet[Organisation]:
    if not is_signed_in(user):
        return Organisation.objects.none()
    if user.role == Role.SECRETARIAT:
        return Organisation.objects.all()
    return Organisation.objects.filter(is_active=True)


def access_organisation(user: User, slug: str, *, write: bool = False) -> Organisation:
    try:
        organisation = organisations_visible_to(user).get(slug=slug)
    except Organisation.DoesNotExist:
        raise Http404("no such organisation") from None
    if write and not can_manage_organisation(user, organisation):
        raise PermissionDenied("only the organisation's coordinators and the secretariat may change it")
    return organisation


def access_contact(user: User, pk: int, *, write: bool = False) -> PointOfContact:
    visible = organisations_visible_to(user)
    try:
        contact = PointOfContact.objects.select_related("organisation").get(pk=pk, organisation__in=visible)
    except PointOfContact.DoesNotExist:
        raise Http404("no such point of contact") from None
    if write and not can_manage_organisation(user, contact.organisation):
        raise PermissionDenied("only the organisation's coordinators and the secretariat may change it")
    return contact


def access_network(user: User, pk: int) -> OrganisationNetwork:
    """A network to change (there is nothing to read about a network beyond its organisation's page)."""
    visible = organisations_visible_to(user)
    try:
        network = OrganisationNetwork.objects.select_related("organisation").get(
            pk=pk, organisation__in=visible
        )
    except OrganisationNetwork.DoesNotExist:
        raise Http404("no such network") from None
    if not can_manage_organisation(user, network.organisation):
        raise PermissionDenied("only the organisation's coordinators and the secretariat may change it")
    return network


def access_domain(user: User, pk: int) -> OrganisationDomain:
    visible = organisations_visible_to(user)
    try:
        domain = OrganisationDomain.objects.select_related("organisation").get(
            pk=pk, organisation__in=visible
        )
    except OrganisationDomain.DoesNotExist:
        raise Http404("no such domain") from None
    if not can_manage_organisation(user, domain.organisation):
        raise PermissionDenied("only the organisation's coordinators and the secretariat may change it")
    return domain


# --- users -----------------------------------------------------------------------------------------------


def users_manageable_by(user: User, organisation: Organisation | None = None) -> QuerySet[User]:
    """The accounts ``user`` may invite, deactivate and change the role of (optionally of one organisation)."""
    if not is_signed_in(user):
        return User.objects.none()
    if user.role == Role.SECRETARIAT:
        users = User.objects.all()
    elif user.role == Role.COORDINATOR and user.organisation_id is not None:
        users = User.objects.filter(organisation_id=user.organisation_id)
    else:
        return User.objects.none()
    if organisation is not None:
        users = users.filter(organisation=organisation)
    return users.select_related("organisation")


def access_user(user: User, pk: int) -> User:
    """An account to manage; accounts outside the manager's reach are not disclosed."""
    try:
        return users_manageable_by(user).get(pk=pk)
    except User.DoesNotExist:
        raise Http404("no such user") from None


def access_user_by_set_password_token(uidb64: str, token: str) -> User | None:
    """The active account a one-time set-password link was made for, or None if the link is not valid
    (unknown, used, expired: Django's password-reset tokens change when the password does)."""
    try:
        pk = int(force_str(urlsafe_base64_decode(uidb64)))
    except (TypeError, ValueError, OverflowError):
        return None
    user = User.objects.filter(pk=pk, is_active=True).first()
    if user is None:
        return None
    if not default_token_generator.check_token(user, token):
        return None
    return user


# --- membership applications ---------------------------------------------------------------------------


def applications_visible_to(user: User) -> QuerySet[MembershipApplication]:
    if not is_secretariat(user):
        return MembershipApplication.objects.none()
    return MembershipApplication.objects.all()


def access_application(user: User, pk: int) -> MembershipApplication:
    try:
        return applications_visible_to(user).select_related("organisation", "decided_by").get(pk=pk)
    except MembershipApplication.DoesNotExist:
        raise Http404("no such application") from None


def application_token(application: MembershipApplication) -> str:
    """The applicant's key to their application (status, questions, withdrawal): signed, not stored."""
    return signing.dumps(application.pk, salt=APPLICATION_TOKEN_SALT)


def access_application_by_token(token: str) -> MembershipApplication:
    try:
        pk = signing.loads(token, salt=APPLICATION_TOKEN_SALT, max_age=APPLICATION_TOKEN_MAX_AGE)
    except signing.BadSignature:
        raise Http404("this link is not valid (or has expired)") from None
    try:
        return MembershipApplication.objects.get(pk=int(pk))
    except (MembershipApplication.DoesNotExist, TypeError, ValueError):
        raise Http404("no such application") from None


# --- sector resources ------------------------------------------------------------------------------------


def resources_visible_to(user: User) -> QuerySet[SectorResource]:
    if not is_signed_in(user):
        return SectorResource.objects.none()
    return SectorResource.objects.filter(organisation__in=organisations_visible_to(user)).select_related(
        "organisation"
    )


def access_resource(user: User, pk: int, *, write: bool = False) -> SectorResource:
    try:
        resource = resources_visible_to(user).get(pk=pk)
    except SectorResource.DoesNotExist:
        raise Http404("no such resource") from None
    if write and not can_edit_resource(user, resource):
        raise PermissionDenied("only the industry member that keeps this resource may change it")
    return resource
