"""Who may manage whose sign-in security, and who may read which audit events. One condition per line."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db.models import CharField, Q
from django.db.models.functions import Cast
from django.http import Http404

from lapnet.accounts.models import ApiToken
from lapnet.members.models import Role, User
from lapnet.sharing.models import AuditEvent

if TYPE_CHECKING:
    from django.db.models import QuerySet

USER_OBJECT_TYPE = "members.user"


def may_manage_people(user: User) -> bool:
    """Coordinators (for their organisation) and the secretariat (for everyone)."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.role == Role.SECRETARIAT:
        return True
    return user.role == Role.COORDINATOR and user.organisation_id is not None


def people_managed_by(user: User) -> QuerySet[User]:
    """Whose second factor this user may reset (never their own: that takes their password and code)."""
    if not may_manage_people(user):
        raise PermissionDenied("only coordinators and the secretariat manage other people's sign-in")
    people = User.objects.filter(is_active=True).exclude(pk=user.pk)
    if user.role == Role.SECRETARIAT:
        return people
    people = people.filter(organisation_id=user.organisation_id)
    people = people.exclude(role=Role.SECRETARIAT)
    return people.exclude(is_superuser=True)


def access_person(user: User, pk: int) -> User:
    """A person whose sign-in this user manages; 404 for anyone else (existence is not disclosed)."""
    try:
        return people_managed_by(user).get(pk=pk)
    except User.DoesNotExist:
        raise Http404("no such person") from None


def access_api_token(user: User, pk: int) -> ApiToken:
    """One of the user's own tokens; 404 otherwise."""
    try:
        return ApiToken.objects.select_related("user").get(pk=pk, user_id=user.pk)
    except ApiToken.DoesNotExist:
        raise Http404("no such token") from None


def may_read_audit_log(user: User) -> bool:
    return may_manage_people(user)


def audit_events_visible_to(user: User) -> QuerySet[AuditEvent]:
    """The secretariat reads every event; a coordinator reads the events of their organisation's people
    and the events about them (failed log-ins to their accounts, resets by the secretariat)."""
    if not may_read_audit_log(user):
        raise PermissionDenied("only coordinators and the secretariat read the audit log")
    if user.role == Role.SECRETARIAT:
        return AuditEvent.objects.all()
    own_people = (
        User.objects.filter(organisation_id=user.organisation_id)
        .annotate(pk_text=Cast("pk", CharField()))
        .values("pk_text")
    )
    by_own = Q(organisation_id=user.organisation_id)
    about_own = Q(object_type=USER_OBJECT_TYPE, object_id__in=own_people)
    return AuditEvent.objects.filter(by_own | about_own)
