from __future__ import annotations

import base64
import email
import email.policy
import hashlib

from lapnet.exchange.package import original_matches, verify_package
from lapnet.exchange.proforma import LegalFraming
from lapnet.exchange.redact import REDACTED, plan_redaction, redact_message, redact_proforma
from tests.corpora import corpus_bytes
from tests.exchange import support


def _decoded_text(data: bytes) -> str:
    message = email.message_from_bytes(data, policy=email.policy.compat32)
    texts = [data.decode("utf-8", "replace")]
    for part in message.walk():
        payload = part.get_payload(decode=True)
        if isinstance(payload, bytes):
            texts.append(payload.decode("utf-8", "replace"))
    return "\n".join(texts).lower()


def test_redaction_removes_recipient_addresses_and_keeps_the_original_hash() -> None:
    plan = plan_redaction([support.VICTIM_MESSAGE])
    redacted = redact_message(support.VICTIM_MESSAGE, plan)
    text = _decoded_text(redacted.data)
    for address in support.VICTIM_ADDRESSES:
        assert address not in text
    assert "kowalski" not in text
    assert redacted.original_sha256 == hashlib.sha256(support.VICTIM_MESSAGE).hexdigest()
    assert f"original-sha256={redacted.original_sha256}".encode() in redacted.data
    assert redacted.residual == ()


def test_recipients_become_stable_pseudonyms_and_the_spammer_stays() -> None:
    plan = plan_redaction([support.VICTIM_MESSAGE])
    data = redact_message(support.VICTIM_MESSAGE, plan).data
    assert plan.pseudonym("Jan.Kowalski@victim.example") == "recipient-1@redacted.invalid"
    assert b"To: recipient-1@redacted.invalid\r\n" in data
    assert b"Cc: recipient-2@redacted.invalid\r\n" in data
    assert b"for <recipient-1@redacted.invalid>;" in data
    assert b"winner@lottery.spammer.example" in data
    assert b"claims@lottery.spammer.example" in data
    assert b"203.0.113.77" in data
    assert b"Subject: [redacted], you have won!" in data


def test_names_are_redacted_inside_base64_and_html_parts() -> None:
    plan = plan_redaction([support.VICTIM_MESSAGE])
    data = redact_message(support.VICTIM_MESSAGE, plan).data
    message = email.message_from_bytes(data, policy=email.policy.compat32)
    plain, html = [part.get_payload(decode=True) for part in message.walk() if not part.is_multipart()]
    assert plain.startswith(b"Dear [redacted], your prize waits. Write from recipient-1@redacted.invalid")
    assert b"http://prize.spammer.example/claim" in plain
    assert b"mailto:recipient-1@redacted.invalid" in html


def test_a_non_text_part_naming_a_victim_is_withheld_with_its_hash() -> None:
    attachment = b"%PDF-1.4 invoice for jan.kowalski@victim.example"
    raw = (
        b"To: jan.kowalski@victim.example\r\nFrom: x@spammer.example\r\nSubject: invoice\r\n"
        b"MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n"
        b"--b\r\nContent-Type: text/plain\r\n\r\nsee attached\r\n"
        b"--b\r\nContent-Type: application/pdf\r\nContent-Transfer-Encoding: base64\r\n\r\n"
        + base64.encodebytes(attachment)
        + b"--b--\r\n"
    )
    redacted = redact_message(raw, plan_redaction([raw]))
    assert redacted.withheld_parts == (
        f"sha256:{hashlib.sha256(attachment).hexdigest()} (application/pdf, {len(attachment)} bytes)",
    )
    assert b"kowalski" not in _decoded_text(redacted.data).encode()


def test_a_real_corpus_spam_loses_its_recipient() -> None:
    raw = corpus_bytes(support.SPAMASSASSIN_SPAM)
    plan = plan_redaction([raw])
    assert plan.pseudonym("zzzz@spamassassin.taint.org") is not None
    redacted = redact_message(raw, plan)
    assert b"zzzz@spamassassin.taint.org" not in redacted.data.lower()
    assert redacted.residual == ()
    assert b"sabrina@mx3.1premio.com" in redacted.data  # the sender is evidence


def test_the_pro_forma_loses_victims_but_keeps_the_rest() -> None:
    plan = plan_redaction([support.VICTIM_MESSAGE])
    form = support.proforma()
    redacted = redact_proforma(form, plan)
    assert redacted.scale.victims == (REDACTED,)
    assert "Kowalski" not in redacted.subject.summary_of_facts
    assert redacted.subject.product_or_service == "Fake lottery prize"
    assert redacted.header == form.header


def test_a_redacted_package_carries_the_original_hash_and_can_check_the_original_later() -> None:
    key, trusted = support.node_key()
    verified = verify_package(support.package(key), [trusted])  # network_mou: redacted by default
    assert verified.redacted
    (item,) = verified.evidence
    original_sha256 = hashlib.sha256(support.VICTIM_MESSAGE).hexdigest()
    assert item.redacted
    assert item.original_sha256 == original_sha256
    assert item.path == f"evidence/{original_sha256}.redacted.eml"
    assert b"jan.kowalski@victim.example" not in verified.evidence_bytes(item).lower()
    assert "jan.kowalski" not in verified.header_walk_text.lower()
    assert original_matches(item, support.VICTIM_MESSAGE)
    assert not original_matches(item, support.VICTIM_MESSAGE + b" ")


def test_a_legal_basis_that_allows_disclosure_sends_the_original() -> None:
    key, trusted = support.node_key()
    allowed = support.proforma(legal_framing=LegalFraming(legal_basis="eu_regulation_2017_2394"))
    verified = verify_package(support.package(key, proforma=allowed), [trusted])
    assert not verified.redacted
    assert verified.evidence_bytes(verified.evidence[0]) == support.VICTIM_MESSAGE
