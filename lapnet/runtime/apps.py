from __future__ import annotations

from django.apps import AppConfig


class RuntimeConfig(AppConfig):
    name = "lapnet.runtime"
    label = "runtime"
    verbose_name = "Running the platform"
