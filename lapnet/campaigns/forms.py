"""Forms of the campaign pages: they parse and validate input; the actions do the writing."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from lapnet.campaigns.models import CampaignStatus
from lapnet.campaigns.queries import CampaignFilter, Sort
from lapnet.sharing.tlp import TLP

MAX_IDS = 500


def _choices(values: list[str], anything: str) -> list[tuple[str, str]]:
    return [("", anything), *((value, value) for value in values)]


class CampaignFilterForm(forms.Form):
    category = forms.ChoiceField(required=False, choices=[])
    country = forms.ChoiceField(required=False, choices=[], label="Reported from")
    origin_country = forms.ChoiceField(required=False, choices=[], label="Sent from")
    channel = forms.ChoiceField(required=False, choices=[])
    since = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))
    until = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))
    min_size = forms.IntegerField(required=False, min_value=1, label="At least (reports)")
    sort = forms.ChoiceField(required=False, choices=Sort.CHOICES)

    def __init__(self, *args: Any, choices: dict[str, list[str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = _choices(choices["category"], "any category")  # type: ignore[attr-defined]
        self.fields["country"].choices = _choices(choices["country"], "any country")  # type: ignore[attr-defined]
        self.fields["origin_country"].choices = _choices(choices["origin_country"], "any country")  # type: ignore[attr-defined]
        self.fields["channel"].choices = _choices(choices["channel"], "any channel")  # type: ignore[attr-defined]

    def to_filter(self) -> CampaignFilter:
        """The valid part of the query (an unknown value simply does not filter)."""
        self.is_valid()
        cleaned = getattr(self, "cleaned_data", {})
        return CampaignFilter(
            category=cleaned.get("category") or "",
            country=cleaned.get("country") or "",
            origin_country=cleaned.get("origin_country") or "",
            channel=cleaned.get("channel") or "",
            since=cleaned.get("since"),
            until=cleaned.get("until"),
            min_size=cleaned.get("min_size"),
            sort=cleaned.get("sort") or Sort.LAST_SEEN,
        )


def parse_ids(text: str) -> list[int]:
    """``12, 14 15`` or ``#12 #14``: campaign or report numbers as people type them."""
    ids: list[int] = []
    for typed in text.replace(",", " ").replace(";", " ").split():
        token = typed.removeprefix("#")
        if not token.isdigit():
            raise ValidationError(f"not a number: {typed!r}")
        if int(token) not in ids:
            ids.append(int(token))
    if len(ids) > MAX_IDS:
        raise ValidationError(f"at most {MAX_IDS} at once")
    return ids


class RenameForm(forms.Form):
    name = forms.CharField(max_length=200)

    def clean_name(self) -> str:
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise ValidationError("a campaign needs a name")
        return name


class MergeForm(forms.Form):
    others = forms.CharField(
        max_length=2000, label="Campaigns to merge into this one", help_text="their numbers: 12, 15"
    )

    def clean_others(self) -> list[int]:
        ids = parse_ids(self.cleaned_data["others"])
        if not ids:
            raise ValidationError("name at least one campaign")
        return ids


class SplitForm(forms.Form):
    evidence = forms.CharField(
        max_length=5000, label="Reports to move out", help_text="report numbers, or tick them in the list"
    )
    new_name = forms.CharField(max_length=200, required=False, label="Name of the new campaign")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # ticked boxes arrive as several values of ``evidence``: read them as one list
        data = args[0] if args else kwargs.get("data")
        if data is not None and hasattr(data, "getlist"):
            data = data.copy()
            data["evidence"] = " ".join(data.getlist("evidence"))
            if args:
                args = (data, *args[1:])
            else:
                kwargs["data"] = data
        super().__init__(*args, **kwargs)

    def clean_evidence(self) -> list[int]:
        ids = parse_ids(self.cleaned_data["evidence"])
        if not ids:
            raise ValidationError("choose at least one report")
        return ids


class AnnotateForm(forms.Form):
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), max_length=10_000, label="Note")
    tlp = forms.ChoiceField(choices=TLP.choices, initial=TLP.AMBER, label="Marking")


class MarkForm(forms.Form):
    status = forms.ChoiceField(choices=CampaignStatus.choices)
