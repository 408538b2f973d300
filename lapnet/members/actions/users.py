"""Accounts: invitations with a one-time set-password link, roles, deactivation."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import IntegrityError, transaction

from lapnet.members.actions.common import (
    WEB,
    MembersError,
    mail_on_commit,
    set_password_url,
    unique_username,
    validate,
)
from lapnet.members.models import Organisation, Role, User
from lapnet.sharing.audit import record
from lapnet.sharing.models import AuditAction


@dataclass(frozen=True)
class Invitation:
    user: User
    set_password_url: str


def _check_may_grant(actor: User, role: str) -> Role:
    try:
        role = Role(role)
    except ValueError:
        raise MembersError(f"{role!r} is not a role") from None
    if role == Role.SECRETARIAT and not actor.is_secretariat:
        raise MembersError("only the secretariat may make someone a secretariat admin")
    return role


def _check_may_manage(actor: User, user: User) -> None:
    if user.pk == actor.pk:
        raise MembersError(
            "you cannot change your own account here: ask another coordinator or the secretariat"
        )
    if user.is_secretariat and not actor.is_secretariat:
        raise MembersError("only the secretariat may change a secretariat admin")


def check_invite_user(
    actor: User,
    organisation: Organisation,
    *,
    email: str,
    first_name: str = "",
    last_name: str = "",
    role: str = Role.VIEWER,
    base_url: str = "",
    channel: str = WEB,
) -> Invitation:
    granted = _check_may_grant(actor, role)
    if not organisation.is_active:
        raise MembersError(f"{organisation.display_name} is not an active member")
    return do_invite_user(
        actor,
        organisation,
        email=email,
        first_name=first_name,
        last_name=last_name,
        role=granted,
        base_url=base_url,
        channel=channel,
    )


def do_invite_user(
    actor: User,
    organisation: Organisation,
    *,
    email: str,
    first_name: str,
    last_name: str,
    role: Role,
    base_url: str = "",
    channel: str = WEB,
) -> Invitation:
    """A new account without a password, and a one-time link (mailed, and returned to show once)."""
    email = email.strip()
    with transaction.atomic():
        if User.objects.filter(organisation=organisation, email__iexact=email).exists():
            raise MembersError(f"{organisation.display_name} already has a user with the address {email}")
        user = User(
            username=unique_username(email),
            email=email,
            first_name=first_name.strip(),
            last_name=last_name.strip(),
            organisation=organisation,
            role=role,
        )
        user.set_unusable_password()
        validate(user)
        try:
            user.save()
        except IntegrityError:
            raise MembersError("that user name was taken meanwhile: try again") from None
        record(
            actor,
            AuditAction.CREATE,
            user,
            f"invited {user.username} ({email}) to {organisation.display_name} as {user.get_role_display()}",
            channel=channel,
            detail={"role": role, "organisation": organisation.pk},
        )
        link = set_password_url(user, base_url)
        mail_on_commit(
            "Your account on the network's platform",
            f"Dear {user.get_full_name() or user.username},\n\n{actor} has opened an account for you at "
            f"{organisation.name}. Your user name is {user.username}. Set your password here (the link "
            f"works once):\n\n{link}\n",
            [email],
        )
    return Invitation(user, link)


def check_change_user_role(actor: User, user: User, role: str, *, channel: str = WEB) -> User:
    granted = _check_may_grant(actor, role)
    _check_may_manage(actor, user)
    return do_change_user_role(actor, user, granted, channel=channel)


def do_change_user_role(actor: User, user: User, role: Role, *, channel: str = WEB) -> User:
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        if user.role == role:
            return user
        previous = user.role
        user.role = role
        user.save(update_fields=["role"])
        record(
            actor,
            AuditAction.SECURITY,
            user,
            f"changed the role of {user.username} from {Role(previous).label} to {Role(role).label}",
            channel=channel,
            detail={"from": previous, "to": role},
        )
    return user


def check_deactivate_user(actor: User, user: User, *, channel: str = WEB) -> User:
    _check_may_manage(actor, user)
    return do_set_user_active(actor, user, active=False, channel=channel)


def check_reactivate_user(actor: User, user: User, *, channel: str = WEB) -> User:
    _check_may_manage(actor, user)
    return do_set_user_active(actor, user, active=True, channel=channel)


def do_set_user_active(actor: User, user: User, *, active: bool, channel: str = WEB) -> User:
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        if user.is_active == active:
            return user
        user.is_active = active
        user.save(update_fields=["is_active"])
        record(
            actor,
            AuditAction.SECURITY,
            user,
            f"{'reactivated' if active else 'deactivated'} the account {user.username}",
            channel=channel,
        )
    return user


def do_set_password(user: User, password: str, *, channel: str = WEB) -> User:
    """The owner of a one-time link sets their password (validated by the form beforehand)."""
    with transaction.atomic():
        user.set_password(password)
        user.save(update_fields=["password"])
        record(user, AuditAction.SECURITY, user, f"{user.username} set their password", channel=channel)
    return user
