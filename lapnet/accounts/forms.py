"""Input of the sign-in and security pages. Forms parse; checks of codes and writes happen in actions."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib.auth import authenticate
from django.contrib.auth.forms import AuthenticationForm

from lapnet.accounts.queries import AuditFilter
from lapnet.sharing.models import AuditAction

if TYPE_CHECKING:
    from django.http import HttpRequest

    from lapnet.members.models import User


class LogInForm(AuthenticationForm):
    """Django's form: ``authenticate`` runs every backend, so django-axes counts each failure."""

    def __init__(self, request: HttpRequest | None = None, *args: Any, **kwargs: Any) -> None:
        super().__init__(request, *args, **kwargs)
        self.fields["username"].widget.attrs.update(autocomplete="username", autofocus=True)
        self.fields["password"].widget.attrs.update(autocomplete="current-password")


def _code_field(label: str = "Code") -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=32,
        strip=True,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autocapitalize": "off", "spellcheck": "false"}
        ),
    )


class CodeForm(forms.Form):
    code = _code_field()


class PasswordAndCodeForm(forms.Form):
    """Proves it is really the account holder at the keyboard, not someone with a borrowed session.
    The password goes through ``authenticate`` too, so guesses here count towards the lock-out.

    Field names stay ``password`` and ``code`` (no form prefix): django-axes keeps the POST data of
    every failure and masks only the field names it is told about."""

    password = forms.CharField(
        label="Your password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    code = _code_field()

    def __init__(self, request: HttpRequest, user: User, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.request = request
        self.user = user

    def clean_password(self) -> str:
        password: str = self.cleaned_data["password"]
        checked = authenticate(self.request, username=self.user.get_username(), password=password)
        if checked is None or checked.pk != self.user.pk:
            raise forms.ValidationError("That is not your password.", code="invalid_password")
        return password


class ResetSecondFactorForm(forms.Form):
    reason = forms.CharField(
        max_length=300,
        help_text="Why, for the audit log: for example, 'lost phone, identity confirmed by call-back'.",
    )


LIFETIMES = {
    "30": timedelta(days=30),
    "90": timedelta(days=90),
    "365": timedelta(days=365),
    "never": None,
}


class ApiTokenForm(forms.Form):
    name = forms.CharField(max_length=100, help_text="What uses it: 'feedback loop importer', 'SOC script'.")
    lifetime = forms.ChoiceField(
        choices=[("30", "30 days"), ("90", "90 days"), ("365", "one year"), ("never", "never expires")],
        initial="90",
    )

    def cleaned_lifetime(self) -> timedelta | None:
        return LIFETIMES[self.cleaned_data["lifetime"]]


class AuditFilterForm(forms.Form):
    action = forms.ChoiceField(choices=[("", "any action"), *AuditAction.choices], required=False)
    user = forms.CharField(max_length=150, required=False, label="User name")
    object_type = forms.CharField(
        max_length=50, required=False, label="Object type", help_text="for example evidence.evidence"
    )
    object_id = forms.CharField(max_length=100, required=False, label="Object id")
    since = forms.DateField(required=False, label="From", widget=forms.DateInput(attrs={"type": "date"}))
    until = forms.DateField(required=False, label="To", widget=forms.DateInput(attrs={"type": "date"}))

    def audit_filter(self) -> AuditFilter:
        data = self.cleaned_data if self.is_valid() else {}
        return AuditFilter(
            action=data.get("action") or "",
            username=(data.get("user") or "").strip(),
            object_type=(data.get("object_type") or "").strip(),
            object_id=(data.get("object_id") or "").strip(),
            since=data.get("since"),
            until=data.get("until"),
        )
