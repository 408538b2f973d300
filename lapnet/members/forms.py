"""Forms of the network's pages: they parse and validate input; actions do the writing."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from lapnet.members.countries import country_choices
from lapnet.members.models import Organisation, OrganisationType, Remit, Role, Sector, User
from lapnet.members.queries import DirectoryFilter
from lapnet.members.validation import (
    normalise_cidr,
    normalise_domain,
    normalise_pgp_fingerprint,
    parse_languages,
    parse_lines,
)


class LanguagesField(forms.CharField):
    """``fr, en`` in the form, ``["fr", "en"]`` in ``cleaned_data``."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("help_text", "ISO 639-1 codes, separated by commas: en, fr, de")
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> list[str]:  # type: ignore[override]
        text = super().to_python(value)
        try:
            return parse_languages(text)
        except ValueError as error:
            raise ValidationError(str(error)) from None

    def prepare_value(self, value: Any) -> Any:
        return ", ".join(value) if isinstance(value, list) else value


class LinesField(forms.CharField):
    """One item a line, each normalised; ``cleaned_data`` holds the list without repeats."""

    widget = forms.Textarea(attrs={"rows": 3, "class": "mono"})

    def __init__(self, normaliser: Callable[[str], str], **kwargs: Any) -> None:
        self.normaliser = normaliser
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> list[str]:  # type: ignore[override]
        items: list[str] = []
        errors: list[str] = []
        for item in parse_lines(super().to_python(value)):
            try:
                items.append(self.normaliser(item))
            except ValueError as error:
                errors.append(str(error))
        if errors:
            raise ValidationError(errors)
        return list(dict.fromkeys(items))

    def prepare_value(self, value: Any) -> Any:
        return "\n".join(value) if isinstance(value, list) else value


class NormalisedField(forms.CharField):
    def __init__(self, normaliser: Callable[[str], str], **kwargs: Any) -> None:
        self.normaliser = normaliser
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> str:
        text = super().to_python(value)
        if not text:
            return text
        try:
            return self.normaliser(text)
        except ValueError as error:
            raise ValidationError(str(error)) from None


def _choices_field(choices: Any, **kwargs: Any) -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        choices=choices, required=False, widget=forms.CheckboxSelectMultiple, **kwargs
    )


def _pgp_field() -> NormalisedField:
    return NormalisedField(
        normalise_pgp_fingerprint,
        required=False,
        label="PGP key fingerprint",
        help_text="40 hexadecimal digits; spaces are fine",
    )


# --- membership applications -------------------------------------------------------------------------


def _choose_a_country() -> list[tuple[str, str]]:
    return [("", "Choose a country"), *country_choices()]


class ApplicationForm(forms.Form):
    organisation_name = forms.CharField(max_length=200, label="Organisation")
    short_name = forms.CharField(max_length=40, required=False, help_text="an acronym, e.g. DGCCRF")
    type = forms.ChoiceField(choices=OrganisationType.choices)
    country = forms.ChoiceField(choices=_choose_a_country)
    remits = _choices_field(Remit.choices, help_text="what your organisation enforces or works on")
    sectors = _choices_field(Sector.choices)
    languages = LanguagesField(label="Working languages")
    website = forms.URLField(required=False, assume_scheme="https")
    description = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 5}),
        label="About your organisation",
        help_text="what it does, and why it wants to join the network",
    )
    networks = LinesField(
        normalise_cidr, help_text="industry members: networks you operate, in CIDR notation, one a line"
    )
    domains = LinesField(normalise_domain, help_text="industry members: domains you operate, one a line")
    contact_name = forms.CharField(max_length=200, label="Your name")
    contact_role_title = forms.CharField(max_length=200, required=False, label="Your position")
    contact_email = forms.EmailField(label="Your e-mail address")
    contact_phone = forms.CharField(max_length=40, required=False, label="Your phone number")
    contact_languages = LanguagesField(label="Languages you speak")
    contact_pgp_fingerprint = _pgp_field()
    # a field people never see (its wrapper is hidden); robots fill it in
    homepage = forms.CharField(
        required=False, widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"})
    )

    def clean_homepage(self) -> str:
        if self.cleaned_data.get("homepage"):
            raise ValidationError("leave this field empty")
        return ""

    def application_fields(self) -> dict[str, Any]:
        return {name: value for name, value in self.cleaned_data.items() if name != "homepage"}


class MessageForm(forms.Form):
    """A question of the secretariat, a reason to decline, an applicant's answer."""

    message = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}))


# --- organisations --------------------------------------------------------------------------------------


class OrganisationForm(forms.Form):
    name = forms.CharField(max_length=200)
    short_name = forms.CharField(max_length=40, required=False)
    remits = _choices_field(Remit.choices)
    sectors = _choices_field(Sector.choices)
    languages = LanguagesField(label="Working languages")
    website = forms.URLField(required=False, assume_scheme="https")
    description = forms.CharField(widget=forms.Textarea(attrs={"rows": 5}), required=False)
    share_counts = forms.BooleanField(
        required=False,
        label="Let other members count our AMBER reports",
        help_text="numbers only, in 'who else saw this' totals; the reports stay invisible to them",
    )
    # the secretariat's fields
    type = forms.ChoiceField(choices=OrganisationType.choices)
    country = forms.ChoiceField(choices=country_choices)
    is_active = forms.BooleanField(required=False, label="Active member")

    SECRETARIAT_ONLY = ("type", "country", "is_active")

    def __init__(self, *args: Any, organisation: Organisation, secretariat: bool, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {name: getattr(organisation, name) for name in self.base_fields})
        super().__init__(*args, **kwargs)
        if not secretariat:
            for name in self.SECRETARIAT_ONLY:
                del self.fields[name]


class NetworkForm(forms.Form):
    cidr = NormalisedField(
        normalise_cidr,
        label="Network (CIDR)",
        max_length=50,
        widget=forms.TextInput(
            attrs={"placeholder": "203.0.113.0/24 or 2001:db8::/32", "aria-label": "Network"}
        ),
    )


class DomainForm(forms.Form):
    domain = NormalisedField(
        normalise_domain,
        max_length=253,
        widget=forms.TextInput(attrs={"placeholder": "example.org", "aria-label": "Domain"}),
    )


class ContactForm(forms.Form):
    name = forms.CharField(max_length=200)
    role_title = forms.CharField(max_length=200, required=False, label="Position")
    email = forms.EmailField()
    phone = forms.CharField(max_length=40, required=False)
    languages = LanguagesField()
    pgp_fingerprint = _pgp_field()
    secure_channel = forms.CharField(
        max_length=200, required=False, help_text="e.g. Signal number, Threema ID, secure mail gateway"
    )
    availability = forms.CharField(
        max_length=200, required=False, help_text="e.g. Mon-Fri 9:00-17:00 CET; 24/7 on-call number"
    )
    user = forms.ModelChoiceField(
        queryset=User.objects.none(), required=False, label="Account", help_text="if this person has one"
    )

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["user"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = User.objects.filter(organisation=organisation, is_active=True).order_by("username")


class NewContactForm(ContactForm):
    primary = forms.BooleanField(required=False, label="Primary point of contact")


# --- users -------------------------------------------------------------------------------------------------


def role_choices(secretariat: bool) -> list[tuple[str, str]]:
    return [(role.value, role.label) for role in Role if secretariat or role != Role.SECRETARIAT]


class InviteForm(forms.Form):
    first_name = forms.CharField(max_length=150)
    last_name = forms.CharField(max_length=150, required=False)
    email = forms.EmailField()
    role = forms.ChoiceField(choices=[])

    def __init__(self, *args: Any, secretariat: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = role_choices(secretariat)  # type: ignore[attr-defined]
        self.fields["role"].initial = Role.VIEWER


class RoleForm(forms.Form):
    role = forms.ChoiceField(choices=[])

    def __init__(self, *args: Any, secretariat: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = role_choices(secretariat)  # type: ignore[attr-defined]


# --- national coordination, resources, the directory --------------------------------------------------


class DesignateForm(forms.Form):
    organisation = forms.ModelChoiceField(queryset=Organisation.objects.none())

    def __init__(self, *args: Any, candidates: list[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["organisation"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Organisation.objects.filter(pk__in=[o.pk for o in candidates]).order_by(
            "country", "name"
        )
        field.label_from_instance = lambda o: f"{o.country} · {o.name}"


def _international_or_country() -> list[tuple[str, str]]:
    return [("", "International"), *country_choices()]


class ResourceForm(forms.Form):
    title = forms.CharField(max_length=200)
    sector = forms.ChoiceField(choices=Sector.choices)
    country = forms.ChoiceField(choices=_international_or_country, required=False)
    url = forms.URLField(required=False, assume_scheme="https", label="Web address")
    contact = forms.CharField(max_length=200, required=False, help_text="an address, a phone number, a form")
    notes = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), required=False)


class DirectoryFilterForm(forms.Form):
    q = forms.CharField(required=False, label="Name", max_length=100)
    country = forms.ChoiceField(required=False, choices=[])
    type = forms.ChoiceField(required=False, choices=[("", "any type"), *OrganisationType.choices])
    remit = forms.ChoiceField(required=False, choices=[("", "any remit"), *Remit.choices])
    sector = forms.ChoiceField(required=False, choices=[("", "any sector"), *Sector.choices])
    language = forms.ChoiceField(required=False, choices=[])

    def __init__(
        self,
        *args: Any,
        countries: list[tuple[str, str]],
        languages: list[tuple[str, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [("", "any country"), *countries]  # type: ignore[attr-defined]
        self.fields["language"].choices = [("", "any language"), *languages]  # type: ignore[attr-defined]

    def to_filter(self) -> DirectoryFilter:
        """The valid part of the query (an unknown country simply does not filter)."""
        self.is_valid()
        cleaned = getattr(self, "cleaned_data", {})
        return DirectoryFilter(**{name: cleaned.get(name) or "" for name in self.fields})
