from __future__ import annotations

from django.apps import AppConfig


class MembersConfig(AppConfig):
    name = "lapnet.members"
    label = "members"
    verbose_name = "The network"
