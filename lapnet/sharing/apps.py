from __future__ import annotations

from django.apps import AppConfig


class SharingConfig(AppConfig):
    name = "lapnet.sharing"
    label = "sharing"
    verbose_name = "Trust and sharing"
