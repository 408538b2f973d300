"""Forms of the watching pages: they parse input; actions do the writing."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django import forms
from django.utils import timezone

from lapnet.evidence.queries import INDICATOR_TYPES
from lapnet.watching.models import WatchKind
from lapnet.watching.reports import Period


class WatchForm(forms.Form):
    """What a watch button posts: the kind and its target."""

    kind = forms.ChoiceField(choices=WatchKind.choices)
    indicator_type = forms.ChoiceField(
        required=False, choices=[("", "any type")] + [(t, t) for t in INDICATOR_TYPES]
    )
    value = forms.CharField(required=False, max_length=700)  # indicator value, or the search query
    campaign = forms.IntegerField(required=False, min_value=1)
    name = forms.CharField(required=False, max_length=200)
    next = forms.CharField(required=False, max_length=2000)

    def clean(self) -> dict[str, object]:
        cleaned = super().clean() or {}
        kind = cleaned.get("kind")
        if kind == WatchKind.CAMPAIGN and not cleaned.get("campaign"):
            raise forms.ValidationError("Which campaign?")
        if kind == WatchKind.INDICATOR and not cleaned.get("indicator_type"):
            raise forms.ValidationError("An indicator watch needs the indicator's type.")
        if kind in (WatchKind.INDICATOR, WatchKind.SEARCH) and not (cleaned.get("value") or "").strip():
            raise forms.ValidationError("What should be watched?")
        return cleaned


class IdsField(forms.Field):
    """Repeated ``ids`` values as a list of integers."""

    widget = forms.MultipleHiddenInput

    def to_python(self, value: object) -> list[int]:
        values = value if isinstance(value, list | tuple) else ([value] if value else [])
        try:
            return [int(str(item)) for item in values]
        except ValueError:
            raise forms.ValidationError("not a list of alert numbers") from None


class MarkReadForm(forms.Form):
    """Which alerts to mark read: the ``ids`` given, or all of the user's (``all``)."""

    ids = IdsField(required=False)
    all = forms.BooleanField(required=False)


PERIODS = [("7", "last 7 days"), ("30", "last 30 days"), ("90", "last 90 days"), ("custom", "custom")]


class PeriodForm(forms.Form):
    period = forms.ChoiceField(choices=PERIODS, required=False, initial="30")
    start = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(
        required=False, widget=forms.DateInput(attrs={"type": "date"}), help_text="inclusive"
    )

    MAX_DAYS = 366

    def clean(self) -> dict[str, object]:
        cleaned = super().clean() or {}
        if cleaned.get("period") == "custom":
            start, end = cleaned.get("start"), cleaned.get("end")
            if not start or not end:
                raise forms.ValidationError("A custom period needs a start and an end date.")
            if end < start:  # type: ignore[operator]
                raise forms.ValidationError("The period ends before it starts.")
            if (end - start).days > self.MAX_DAYS:  # type: ignore[operator]
                raise forms.ValidationError(f"A period is at most {self.MAX_DAYS} days long.")
        return cleaned

    def to_period(self, now: datetime) -> Period:
        """The chosen period, or the last 30 days when the form is empty or invalid."""
        if not self.is_bound or not self.is_valid():
            return Period.last(30, now)
        choice = self.cleaned_data.get("period") or "30"
        if choice != "custom":
            return Period.last(int(choice), now)
        zone = timezone.get_current_timezone()
        start = datetime.combine(self.cleaned_data["start"], time.min, tzinfo=zone)
        end = datetime.combine(self.cleaned_data["end"], time.min, tzinfo=zone) + timedelta(days=1)
        return Period(start, end)
