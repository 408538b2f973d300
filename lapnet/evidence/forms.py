from __future__ import annotations

from django import forms

from lapnet.sharing.tlp import TLP

KIND_CHOICES = [
    ("", "Detect automatically"),
    ("email", "Email"),
    ("arf", "ARF report"),
    ("xarf", "X-ARF report"),
    ("sms", "SMS records"),
]


class UploadForm(forms.Form):
    files = forms.FileField(
        required=False,
        widget=forms.ClearableFileInput(attrs={"allow_multiple_selected": True}),
        help_text=".eml, mbox, ARF, X-ARF JSON, SMS CSV/TSV/JSON",
    )
    pasted = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 10, "class": "mono"}),
        help_text="or paste a raw message with all its headers",
    )
    tlp = forms.ChoiceField(choices=TLP.choices, initial=TLP.AMBER, label="TLP marking")
    kind = forms.ChoiceField(choices=KIND_CHOICES, required=False)

    def clean(self) -> dict[str, object]:
        cleaned = super().clean() or {}
        if not self.files.getlist("files") and not (cleaned.get("pasted") or "").strip():
            raise forms.ValidationError("Choose at least one file or paste a message.")
        return cleaned


class SearchForm(forms.Form):
    q = forms.CharField(
        label="Indicator",
        max_length=700,
        widget=forms.TextInput(
            attrs={"placeholder": "URL, domain, address, IP, phone, wallet, IBAN, SHA-256", "autofocus": True}
        ),
    )
    type = forms.ChoiceField(
        required=False,
        choices=[("", "any type")]
        + [(t, t) for t in ("url", "domain", "email", "ip", "phone", "crypto_wallet", "iban", "attachment")],
    )
