"""The referral page renders in the viewing point of contact's language (French, German, Spanish),
the committed .mo files are the compiled form of their .po files, and Django reads the pro forma
labels from the very catalogue the PDF is printed from."""

from __future__ import annotations

import gettext

import pytest
from django.template import Context, Template
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import translation

from lapnet import i18n
from lapnet.evidence.models import Evidence
from lapnet.exchange import labels
from lapnet.referrals import messages
from tests.personas import Personas
from tests.referrals.support import Network, login, sent_referral


@pytest.mark.django_db
def test_alice_reads_her_referral_in_french(personas: Personas, network: Network, report: Evidence) -> None:
    referral = sent_referral(network, [report])
    page = login(Client(), personas.alice).get(reverse("referrals:detail", args=[referral.pk]))
    assert page.status_code == 200
    for label in ("Formulaire type", "Identifiants techniques", "Autorité requérante", "Envoyée"):
        assert label.encode() in page.content, label
    assert b'lang="fr"' in page.content


@pytest.mark.django_db
def test_a_german_speaking_point_of_contact_reads_it_in_german(
    personas: Personas, network: Network, report: Evidence
) -> None:
    network.charlie_contact.languages = ["de", "en"]
    network.charlie_contact.save()
    referral = sent_referral(network, [report])
    page = login(Client(), personas.charlie).get(reverse("referrals:detail", args=[referral.pk]))
    for label in ("Formblatt", "Technische Kennungen", "Eingang bestätigen", "Ablehnen"):
        assert label.encode() in page.content, label


@pytest.mark.django_db
def test_a_point_of_contact_without_a_translated_language_reads_english_and_may_switch(
    personas: Personas, network: Network, report: Evidence
) -> None:
    referral = sent_referral(network, [report])
    client = login(Client(), personas.charlie)  # ACM speaks nl and en
    assert b"Technical identifiers" in client.get(reverse("referrals:detail", args=[referral.pk])).content
    spanish = client.get(reverse("referrals:detail", args=[referral.pk]), {"lang": "es"})
    assert "Identificadores técnicos".encode() in spanish.content


@pytest.mark.parametrize("language", ["fr", "es", "de"])
def test_the_committed_mo_files_are_compiled_from_the_po_files(language: str) -> None:
    folder = messages.LOCALE / language / "LC_MESSAGES"
    expected = i18n.compiled(folder / "django.po")
    assert (folder / "django.mo").read_bytes() == expected, "run: python -m lapnet.i18n"
    with (folder / "django.mo").open("rb") as handle:
        catalog = gettext.GNUTranslations(handle)
    assert catalog.gettext("Pro forma") != "Pro forma"
    assert catalog.pgettext("referral event", "closed the referral") != "closed the referral"


@pytest.mark.parametrize("language", ["fr", "es", "de"])
def test_every_message_is_translated(language: str) -> None:
    text = (messages.LOCALE / language / "LC_MESSAGES" / "django.po").read_text(encoding="utf-8")
    assert text.count('msgstr ""') == 1  # the header only
    assert "#, fuzzy" not in text


def test_the_builder_compiles_the_referral_and_the_pro_forma_label_catalogues() -> None:
    assert messages.LOCALE in i18n.CATALOGUES
    assert labels.LOCALE in i18n.CATALOGUES


@pytest.mark.parametrize("language", ["fr", "es", "de"])
def test_django_translates_the_pro_forma_labels_as_the_pdf_prints_them(language: str) -> None:
    # The catalogue reaches Django through LOCALE_PATHS (lapnet/settings.py); set here so that the
    # test holds whatever the settings say.
    with override_settings(LOCALE_PATHS=[labels.LOCALE]), translation.override(language):
        for key, english in labels.ENGLISH.items():
            assert translation.pgettext(key, english) == labels.label(language, key), key
        template = Template('{% load i18n %}{% translate "Technical identifiers" context "technical" %}')
        assert template.render(Context()) == labels.label(language, "technical")
        assert translation.gettext("Pro forma") != "Pro forma"  # the referral catalogue still applies
