"""Sector resources kept by industry members."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import transaction

from lapnet.members.actions.common import WEB, MembersError, fields_of, validate
from lapnet.members.models import SectorResource, User
from lapnet.sharing.audit import record
from lapnet.sharing.models import AuditAction

RESOURCE_FIELDS = frozenset({"title", "sector", "country", "url", "contact", "notes"})


def do_add_resource(actor: User, fields: Mapping[str, Any], *, channel: str = WEB) -> SectorResource:
    if actor.organisation is None:
        raise MembersError("your account belongs to no organisation")
    values = fields_of(fields, RESOURCE_FIELDS)
    with transaction.atomic():
        resource = SectorResource(organisation=actor.organisation, created_by=actor, **values)
        validate(resource)
        resource.save()
        record(
            actor,
            AuditAction.CREATE,
            resource,
            f"added the {resource.get_sector_display().lower()} resource {resource.title!r}",
            channel=channel,
        )
    return resource


def do_update_resource(
    actor: User, resource: SectorResource, fields: Mapping[str, Any], *, channel: str = WEB
) -> SectorResource:
    values = fields_of(fields, RESOURCE_FIELDS)
    with transaction.atomic():
        resource = SectorResource.objects.select_for_update().get(pk=resource.pk)
        changed = sorted(field for field, value in values.items() if getattr(resource, field) != value)
        for field, value in values.items():
            setattr(resource, field, value)
        validate(resource)
        resource.save()
        record(
            actor,
            AuditAction.CHANGE,
            resource,
            f"changed the resource {resource.title!r}",
            channel=channel,
            detail={"fields": changed},
        )
    return resource


def do_delete_resource(actor: User, resource: SectorResource, *, channel: str = WEB) -> None:
    with transaction.atomic():
        record(
            actor, AuditAction.DELETE, resource, f"removed the resource {resource.title!r}", channel=channel
        )
        resource.delete()
