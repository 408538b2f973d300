"""Trust: the append-only audit log and sharing groups."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models


class AuditAction(models.TextChoices):
    CREATE = "create", "created"
    VIEW = "view", "viewed"
    CHANGE = "change", "changed"
    EXPORT = "export", "exported"
    DELETE = "delete", "deleted"
    LOGIN = "login", "logged in"
    LOGIN_FAILED = "login_failed", "failed to log in"
    SECURITY = "security", "changed security settings"
    DECIDE = "decide", "decided"


class AuditEventQuerySet(models.QuerySet["AuditEvent"]):
    def update(self, **kwargs: Any) -> int:
        raise PermissionError("the audit log is append-only")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise PermissionError("the audit log is append-only")


class AuditEvent(models.Model):
    """Who did what to which object, when. Rows are only ever inserted (see ``save``/``delete``)."""

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    actor_label = models.CharField(max_length=200)  # kept even if the user is renamed
    organisation = models.ForeignKey(
        "members.Organisation", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    action = models.CharField(max_length=20, choices=AuditAction.choices)
    object_type = models.CharField(max_length=50)
    object_id = models.CharField(max_length=100, blank=True)
    summary = models.CharField(max_length=500)
    detail = models.JSONField(default=dict, blank=True)
    channel = models.CharField(max_length=20, blank=True)  # web, api, cli, smtp, task

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id", "at"])]

    def __str__(self) -> str:
        return (
            f"{self.at:%Y-%m-%d %H:%M} {self.actor_label} {self.action} {self.object_type} {self.object_id}"
        )

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise PermissionError("the audit log is append-only")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise PermissionError("the audit log is append-only")


class SharingGroup(models.Model):
    """Organisations that share AMBER material with each other (TLP:AMBER's "need to know")."""

    name = models.CharField(max_length=200, unique=True)
    description = models.TextField(blank=True)
    owner = models.ForeignKey("members.Organisation", on_delete=models.PROTECT, related_name="owned_groups")
    members = models.ManyToManyField("members.Organisation", related_name="sharing_groups", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.name
