from __future__ import annotations

from lapnet.exchange.prefill import evidence_items, technical_identifiers
from tests.corpora import corpus_bytes
from tests.exchange import support


def test_technical_identifiers_come_from_the_analysis_results() -> None:
    raw = corpus_bytes(support.SPAMASSASSIN_SPAM)
    result = support.analysis(raw)
    technical = technical_identifiers([result, support.analysis(support.VICTIM_MESSAGE)])
    first = technical.origin_ips[0]
    assert first.ip == result["origin"]["ip"] == "193.120.211.219"
    assert first.method == "received_walk"
    assert first.trust_anchors == tuple(result["origin"]["trust_anchors"])
    assert first.evidence_sha256 == result["sha256"]
    assert '"Prize Desk" <winner@lottery.spammer.example>' in technical.senders
    assert "claims@lottery.spammer.example" in technical.reply_to
    assert "<prize-1@lottery.spammer.example>" in technical.message_ids
    assert "http://prize.spammer.example/claim" in technical.urls
    assert any("jan.kowalski@victim.example" in recipient for recipient in technical.recipients)


def test_evidence_items_name_each_message_once() -> None:
    result = support.analysis(support.VICTIM_MESSAGE)
    (item,) = evidence_items([result, result])
    assert item.sha256 == result["sha256"]
    assert item.size == len(support.VICTIM_MESSAGE)
    assert item.description == "Kowalski, you have won!"
