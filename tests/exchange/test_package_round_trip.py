from __future__ import annotations

import hashlib

import pytest

from lapnet.exchange.package import build_package, verify_package
from tests.corpora import corpus_bytes
from tests.exchange import support


def test_an_exported_package_verifies() -> None:
    key, trusted = support.node_key()
    verified = verify_package(support.package(key, redact=False), [trusted])
    assert verified.referral_id == "LAP-2025-0042"
    assert verified.sending_node == "node-au"
    assert verified.signer == trusted
    assert verified.created_at == support.CREATED_AT
    assert {item.path for item in verified.files} >= {
        "proforma.json",
        "proforma.pdf",
        "header-walk.json",
        "header-walk.txt",
    }


def test_unredacted_evidence_is_carried_byte_for_byte() -> None:
    key, trusted = support.node_key()
    verified = verify_package(support.package(key, redact=False), [trusted])
    (item,) = verified.evidence
    assert not item.redacted
    assert verified.evidence_bytes(item) == support.VICTIM_MESSAGE
    assert item.path == f"evidence/{hashlib.sha256(support.VICTIM_MESSAGE).hexdigest()}.eml"


def test_real_corpus_messages_round_trip_byte_for_byte() -> None:
    spam = corpus_bytes(support.SPAMASSASSIN_SPAM)
    phish = corpus_bytes(support.PHISHING_POT)
    key, trusted = support.node_key()
    data = build_package(support.contents(messages=(spam, phish), redact=False), key)
    verified = verify_package(data, [trusted])
    assert [verified.evidence_bytes(item) for item in verified.evidence] == [spam, phish]
    walked = [message["sha256"] for message in verified.header_walk["messages"]]
    assert walked == [hashlib.sha256(spam).hexdigest(), hashlib.sha256(phish).hexdigest()]
    assert "Trust anchors:" in verified.header_walk_text


def test_the_pro_forma_comes_back_with_its_evidence_items_filled_in() -> None:
    key, trusted = support.node_key()
    verified = verify_package(support.package(key, redact=False), [trusted])
    assert verified.proforma.header == support.proforma().header
    (item,) = verified.proforma.evidence.items
    assert item.sha256 == hashlib.sha256(support.VICTIM_MESSAGE).hexdigest()
    assert item.path == verified.evidence[0].path
    assert verified.proforma_pdf.startswith(b"%PDF-")


def test_building_twice_gives_the_same_bytes() -> None:
    key, _ = support.node_key()
    assert support.package(key) == support.package(key)


def test_a_naive_creation_time_is_refused() -> None:
    key, _ = support.node_key()
    with pytest.raises(ValueError, match="timezone-aware"):
        build_package(support.contents(created_at=support.CREATED_AT.replace(tzinfo=None)), key)
