from __future__ import annotations

from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "lapnet.accounts"
    label = "accounts"
    verbose_name = "Sign-in and security"
