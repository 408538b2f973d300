from __future__ import annotations

from django.apps import AppConfig


class WatchingConfig(AppConfig):
    name = "lapnet.watching"
    label = "watching"
    verbose_name = "Watches and alerts"
