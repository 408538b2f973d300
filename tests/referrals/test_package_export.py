"""The evidence package of the end-to-end referral: exported by the two sides and the copied
coordinator (nobody else), signed with the node key of the directory, every byte covered, the PDF in
the receiver's language, personal data redacted as the legal basis says, every export audited."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from lapnet.exchange.package import PackageError, verify_package
from lapnet.referrals import nodekeys
from lapnet.referrals.models import NodeKey, Referral
from lapnet.sharing.models import AuditEvent
from tests.personas import Personas
from tests.referrals.support import Network, corpus_referral, login, node

pytestmark = [pytest.mark.django_db, pytest.mark.corpora]

RECIPIENT = b"phishing@pot"  # the To: address of the corpus sample (the victim's, personal data)


@pytest.fixture
def referral(network: Network, django_capture_on_commit_callbacks: Any, tmp_path: Path) -> Any:
    with node(tmp_path, "node-fr"):
        yield corpus_referral(network, django_capture_on_commit_callbacks)[0]


def download(client: Client, referral: Referral, **data: str) -> Any:
    url = reverse("referrals:package", args=[referral.pk])
    return client.post(url, data) if data else client.get(url)


def members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_the_exported_package_verifies_with_the_key_in_the_directory(
    personas: Personas, referral: Referral
) -> None:
    response = download(login(Client(), personas.alice), referral)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert f"{referral.reference}-evidence-package.zip" in response["Content-Disposition"]
    verified = verify_package(response.content, nodekeys.trusted_keys())
    assert verified.sending_node == "node-fr"
    assert verified.referral_id == referral.reference
    local = NodeKey.objects.get(is_local=True)
    assert verified.signer.fingerprint == local.fingerprint
    assert len(verified.evidence) == 1
    assert verified.header_walk["messages"][0]["origin"]["ip"] == "185.98.145.214"


def test_one_flipped_byte_in_any_file_is_detected(personas: Personas, referral: Referral) -> None:
    data = download(login(Client(), personas.alice), referral).content
    keys = nodekeys.trusted_keys()
    for name, content in members(data).items():
        offset = data.index(content) + len(content) // 2  # members are stored: their bytes are in the ZIP
        tampered = data[:offset] + bytes([data[offset] ^ 0x01]) + data[offset + 1 :]
        with pytest.raises(PackageError) as refused:
            verify_package(tampered, keys)
        assert refused.value.code in {"signature", "hash_mismatch", "corrupt_member"}, name


def test_the_pdf_is_in_the_receivers_language(
    personas: Personas, network: Network, referral: Referral
) -> None:
    network.charlie_contact.languages = ["de", "en"]
    network.charlie_contact.save()
    referral.refresh_from_db()
    alice = login(Client(), personas.alice)
    package = members(download(alice, referral).content)
    assert "Formblatt" in pdf_text(package["proforma.pdf"])
    pdf = alice.get(reverse("referrals:pro-forma-pdf", args=[referral.pk]))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert "Formblatt" in pdf_text(pdf.content)
    french = alice.get(reverse("referrals:pro-forma-pdf", args=[referral.pk]), {"language": "fr"})
    assert "Saisine transfrontalière" in pdf_text(french.content)


def test_recipients_are_redacted_by_default_under_a_memorandum(
    personas: Personas, referral: Referral
) -> None:
    assert referral.pro_forma["legal_framing"]["legal_basis"] == "network_mou"
    package = members(download(login(Client(), personas.alice), referral).content)
    (name,) = [path for path in package if path.startswith("evidence/")]
    assert name.endswith(".redacted.eml")
    assert RECIPIENT not in package[name]
    assert b"@redacted.invalid" in package[name]


def test_recipients_are_disclosed_under_the_eu_cooperation_regulation(
    personas: Personas, network: Network, django_capture_on_commit_callbacks: Any, tmp_path: Path
) -> None:
    fields = {"pro_forma": {"legal_framing": {"legal_basis": "eu_regulation_2017_2394"}}}
    with node(tmp_path, "node-fr"):
        referral, evidence = corpus_referral(network, django_capture_on_commit_callbacks, **fields)
        package = members(download(login(Client(), personas.charlie), referral).content)
    assert package[f"evidence/{evidence.blob_id}.eml"].count(RECIPIENT) >= 1


def test_the_sender_overrides_the_redaction_with_a_reason_and_it_is_audited(
    personas: Personas, referral: Referral
) -> None:
    alice = login(Client(), personas.alice)
    refused = download(alice, referral, redaction="disclose")
    assert refused.status_code == 302  # no reason given: back to the page, nothing exported
    response = download(alice, referral, redaction="disclose", override_reason="victims consented")
    package = members(response.content)
    assert any(name.endswith(".eml") and ".redacted" not in name for name in package)
    event = AuditEvent.objects.filter(action="export", object_id=str(referral.pk)).latest("at")
    assert event.detail["redaction_override"] is True and event.detail["redacted"] is False
    assert event.detail["reason"] == "victims consented"
    # the receiver cannot override the sender's redaction
    charlie = login(Client(), personas.charlie)
    assert download(charlie, referral, redaction="disclose", override_reason="please").status_code == 302


def test_only_the_two_organisations_and_the_coordinator_export(
    personas: Personas, network: Network, referral: Referral
) -> None:
    for user in (personas.alice, personas.carol, personas.charlie, network.nora):
        assert download(login(Client(), user), referral).status_code == 200, user
    for user in (personas.dave, personas.erin):
        client = login(Client(), user)
        assert download(client, referral).status_code == 404, user
        assert client.get(reverse("referrals:pro-forma-pdf", args=[referral.pk])).status_code == 404


def test_every_export_is_audited(personas: Personas, referral: Referral) -> None:
    charlie = login(Client(), personas.charlie)
    download(charlie, referral)
    charlie.get(reverse("referrals:pro-forma-pdf", args=[referral.pk]), {"language": "es"})
    exports = AuditEvent.objects.filter(action="export", object_id=str(referral.pk), actor=personas.charlie)
    details = sorted(exports.values_list("detail", flat=True), key=lambda detail: "format" in detail)
    assert len(details) == 2
    assert details[0]["redacted"] is True and details[0]["node"] == "node-fr"
    assert details[0]["signing_key"] == NodeKey.objects.get(is_local=True).fingerprint
    assert details[1] == {"format": "pdf", "language": "es"}


def test_the_referral_page_offers_the_downloads(personas: Personas, referral: Referral) -> None:
    page = login(Client(), personas.charlie).get(reverse("referrals:detail", args=[referral.pk]))
    assert reverse("referrals:package", args=[referral.pk]).encode() in page.content
    assert reverse("referrals:pro-forma-pdf", args=[referral.pk]).encode() in page.content
