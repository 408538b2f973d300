"""Every write that matters to sign-in security: atomic, audited, one place for web, CLI and admin.

Log-ins and failed log-ins are recorded here too (``AuditAction.LOGIN`` / ``LOGIN_FAILED``); the session
mechanics of the two-step log-in are in :mod:`.signin`.
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from lapnet.accounts import second_factor
from lapnet.accounts.models import ApiToken
from lapnet.sharing.audit import record
from lapnet.sharing.models import AuditAction

if TYPE_CHECKING:
    from django_otp.models import Device

    from lapnet.members.models import User


class SecondFactorError(ValueError):
    """The second-factor change cannot be made (wrong code, already enrolled): say why, change nothing."""


def do_record_log_in(user: User, *, ip: str, device: Device | None, channel: str = "web") -> None:
    method = "password and " + _device_kind(device) if device is not None else "password"
    record(
        user,
        AuditAction.LOGIN,
        user,
        f"logged in with {method} from {ip or 'an unknown address'}",
        channel=channel,
        detail={"ip": ip, "second_factor": _device_kind(device) if device is not None else None},
    )


def do_record_failed_log_in(
    *,
    username: str,
    ip: str,
    reason: str,
    user: User | None = None,
    locked_out: bool = False,
    channel: str = "web",
) -> None:
    """A failed attempt: no actor (whoever tried is not known to be that user); the account tried, if it
    exists, is the object, so its organisation's coordinators see the attempt in their audit log."""
    record(
        None,
        AuditAction.LOGIN_FAILED,
        user,
        f"failed log-in as {username!r} from {ip or 'an unknown address'}: {reason}"
        + (" (now locked out)" if locked_out else ""),
        channel=channel,
        object_type="members.user",
        detail={"username": username[:150], "ip": ip, "reason": reason, "locked_out": locked_out},
    )


def do_confirm_totp_device(user: User, device: TOTPDevice, code: str) -> list[str]:
    """Turn on two-factor log-in: the code proves the app holds the secret. Returns the new recovery
    codes, to be shown once."""
    if device.user_id != user.pk or device.confirmed:
        raise SecondFactorError("This enrolment is not pending any more; start again.")
    if second_factor.has_second_factor(user):
        raise SecondFactorError("Two-factor log-in is already on for this account.")
    allowed, details = device.verify_is_allowed()
    if not allowed:
        raise SecondFactorError(throttled_message((details or {}).get("locked_until")))
    if not device.verify_token(second_factor.normalise(code)):
        raise SecondFactorError("That code is not right: check the app's clock and try the next code.")
    with transaction.atomic():
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
        codes = _replace_recovery_codes(user)
        record(
            user,
            AuditAction.SECURITY,
            user,
            "turned on two-factor log-in (authenticator app and recovery codes)",
            channel="web",
            detail={"event": "second_factor_enabled", "device": device.persistent_id},
        )
    return codes


def do_regenerate_recovery_codes(user: User) -> list[str]:
    """New recovery codes; the old ones stop working."""
    if not second_factor.has_second_factor(user):
        raise SecondFactorError("Turn on two-factor log-in first.")
    with transaction.atomic():
        codes = _replace_recovery_codes(user)
        record(
            user,
            AuditAction.SECURITY,
            user,
            "replaced the recovery codes",
            channel="web",
            detail={"event": "recovery_codes_replaced"},
        )
    return codes


def do_remove_second_factor(actor: User, target: User, *, reason: str = "") -> None:
    """Turn two-factor log-in off: by the user (who proved password and code) or, for a lost phone, by
    a coordinator of the user's organisation or the secretariat (see ``access.access_person``). Sessions
    verified with the removed device stop being verified at once."""
    by_self = actor.pk == target.pk
    with transaction.atomic():
        TOTPDevice.objects.filter(user=target).delete()
        StaticDevice.objects.filter(user=target).delete()
        record(
            actor,
            AuditAction.SECURITY,
            target,
            "turned off two-factor log-in"
            if by_self
            else f"reset two-factor log-in of {target.get_username()}: {reason}",
            channel="web",
            detail={
                "event": "second_factor_removed" if by_self else "second_factor_reset",
                "user": target.get_username(),
                "reason": reason,
            },
        )


def do_issue_api_token(user: User, *, name: str, lifetime: timedelta | None) -> tuple[ApiToken, str]:
    """A new API token; the secret is returned once, only its SHA-256 is stored."""
    expires_at = timezone.now() + lifetime if lifetime is not None else None
    with transaction.atomic():
        token, secret = ApiToken.issue(user, name, expires_at=expires_at)
        record(
            user,
            AuditAction.SECURITY,
            token,
            f"issued API token {name!r}"
            + (f", valid until {expires_at:%Y-%m-%d}" if expires_at else ", never expires"),
            channel="web",
            detail=_token_detail(token, "api_token_issued"),
        )
    return token, secret


def do_revoke_api_token(actor: User, token: ApiToken) -> None:
    with transaction.atomic():
        revoked = ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(
            revoked_at=timezone.now()
        )
        if not revoked:
            return
        token.refresh_from_db(fields=["revoked_at"])
        record(
            actor,
            AuditAction.SECURITY,
            token,
            f"revoked API token {token.name!r}",
            channel="web",
            detail=_token_detail(token, "api_token_revoked"),
        )


def _replace_recovery_codes(user: User) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=second_factor.RECOVERY_DEVICE_NAME, confirmed=True)
    codes = [second_factor.new_recovery_code() for _ in range(second_factor.RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def _device_kind(device: Device) -> str:
    return "recovery code" if isinstance(device, StaticDevice) else "authenticator app"


def _token_detail(token: ApiToken, event: str) -> dict[str, Any]:
    return {"event": event, "name": token.name, "owner": token.user.get_username()}


def throttled_message(until: Any) -> str:
    if until is None:
        return "Too many wrong codes: wait a moment and try again."
    seconds = max(1, int((until - timezone.now()).total_seconds()) + 1)
    return f"Too many wrong codes: wait {seconds} seconds and try again."
