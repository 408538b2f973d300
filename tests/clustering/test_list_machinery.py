"""What a mailing list, a forwarder or the reporter's own domain adds to every message links nothing.

The causes of ham joining spam campaigns on the SpamAssassin corpus (docs/campaign-clustering.md):
a list's footer made an empty spam a near-duplicate of a one-line question to the same list, the
list's and its sponsor's addresses were shared keys, the collector's forwarder was taken for the
origin, and the collector's parent domain (taint.org) was a landing domain of both.
"""

from __future__ import annotations

from typing import Any

from lapnet.analysis.analyze import analyze_bytes
from lapnet.analysis.serialize import to_dict
from lapnet.clustering import jaccard, report_features
from lapnet.clustering.features import reads_as_ham
from lapnet.clustering.links import KeyKind, LinkKey, link_keys
from lapnet.clustering.lists import split_footer
from tests.clustering.list_posts import SF_FOOTER, list_post
from tests.corpora import corpus_bytes


def _features(data: bytes) -> Any:
    result = to_dict(analyze_bytes(data)[0])
    return report_features(data, result)


def test_a_list_footer_is_cut_from_the_compared_text() -> None:
    body, footer = split_footer("Hello all,\nany news?\n" + SF_FOOTER, ["webmake-talk"])
    assert body.strip() == "Hello all,\nany news?"
    assert "thinkgeek.com" in footer and "listinfo" in footer


def test_two_unrelated_posts_to_one_list_are_not_near_duplicates_through_its_footer() -> None:
    spam = _features(list_post("GREEN CARD", "Win your green card today in the lottery", number=1))
    ham = _features(list_post("Test spam", "Does anyone have real spam to test my setup with?", number=2))
    assert spam.signature is not None and ham.signature is not None
    assert jaccard(spam.signature, ham.signature) < 0.3


def test_the_lists_and_its_sponsors_addresses_and_domains_are_not_keys() -> None:
    spam = _features(list_post("Cheap meds", "Buy now at http://www.cheap-meds.top/order and save", number=3))
    values = {key.value for key in spam.keys}
    assert "cheap-meds.top" in values
    assert not {
        value for value in values if "sourceforge" in value or "thinkgeek" in value or "sf.net" in value
    }


def test_a_forwarder_taken_for_the_origin_is_not_a_key() -> None:
    hops = [
        {"verdict": "origin", "ip": "216.27.147.130", "rdns": "ns1.timhunt.net", "helo": "timhunt.net"},
        {"verdict": "unverifiable", "ip": "206.16.1.169", "by_host": "timhunt.net"},
    ]
    result = {"origin": {"ip": "216.27.147.130", "hops": hops}, "indicators": {}}
    assert link_keys(result) == []
    direct = {"origin": {"ip": "216.27.147.130", "hops": hops[:1]}, "indicators": {}}
    assert LinkKey(KeyKind.ORIGIN_IP, "216.27.147.130") in link_keys(direct)


def test_the_reporters_parent_domain_is_not_a_key() -> None:
    entry = {"value": "http://taint.org/x", "found_in": ["body:1:text/plain"], "attributes": {}}
    result = {"to": ["yyyy@spamassassin.taint.org"], "indicators": {"url": [entry]}}
    assert link_keys(result) == []


def test_on_the_corpus_a_list_spam_and_a_list_question_share_neither_content_nor_keys() -> None:
    spam = corpus_bytes("spamassassin-public-corpus/spam/00244.5cac9708afd7f9f00e9bf64eeb127f0a")
    ham = corpus_bytes("spamassassin-public-corpus/easy_ham/01329.19b80c37a933da3531c62ce091e7447c")
    first, second = _features(spam), _features(ham)
    if first.signature is not None and second.signature is not None:
        assert jaccard(first.signature, second.signature) < 0.5
    assert not {key.key for key in first.keys} & {key.key for key in second.keys}


def test_on_the_corpus_a_spam_posted_to_ilug_social_shares_no_key_with_a_reply_on_that_list() -> None:
    spam = corpus_bytes("spamassassin-public-corpus/spam_2/00288.e1f7256dd7c447815e6693fd8efea6c9")
    ham = corpus_bytes("spamassassin-public-corpus/easy_ham_2/00045.2ee1e1652c664c64b323207f9e7a6f02")
    shared = {key.value for key in _features(spam).keys} & {key.value for key in _features(ham).keys}
    assert not shared


def test_an_unknown_report_reads_as_ham_only_when_its_model_is_confident_it_is_ham() -> None:
    def unknown(probability: float) -> dict[str, Any]:
        return {
            "category": "unknown",
            "category_evidence": [{"rule": "model.spam_probability", "weight": probability}],
        }

    assert reads_as_ham({"category": "not_spam"})
    assert reads_as_ham(unknown(0.03))  # a newsletter that trips the accusing rules
    assert not reads_as_ham(unknown(0.35))  # extortion in a language the model hardly knows
    assert not reads_as_ham({"category": "unknown"})  # an X-ARF report: no model reading
    assert not reads_as_ham({"category": "phishing"})
