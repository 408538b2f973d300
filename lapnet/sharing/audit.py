"""Writing the audit log: every action that creates, changes, shows or exports marked material calls
:func:`record`. Reading it is :mod:`lapnet.sharing.queries`' job."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from lapnet.sharing.models import AuditAction, AuditEvent

if TYPE_CHECKING:
    from django.db.models import Model

    from lapnet.members.models import User


def record(
    actor: User | None,
    action: AuditAction,
    obj: Model | None = None,
    summary: str = "",
    *,
    channel: str = "",
    object_type: str = "",
    object_id: str = "",
    detail: dict[str, Any] | None = None,
) -> AuditEvent:
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or str(obj.pk)
    return AuditEvent.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        actor_label=_label(actor),
        organisation_id=getattr(actor, "organisation_id", None),
        action=action,
        object_type=object_type,
        object_id=object_id,
        summary=summary[:500],
        detail=detail or {},
        channel=channel,
    )


def _label(actor: User | None) -> str:
    if actor is None or not actor.is_authenticated:
        return "system"
    org = actor.organisation.short_name or actor.organisation.name if actor.organisation_id else "-"
    return f"{actor.username} ({org})"
