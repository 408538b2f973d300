"""The bar: every file and record in the corpora gives a result, and none hits an internal error.

A result that carries ``analysis.internal_error`` means lapnet's own code raised: a bug, even though
the evidence was not lost. This sweep runs the command-line runner over each corpus folder.
"""

from __future__ import annotations

import hashlib
import json

import pytest

from lapnet.analysis.runner import analyze_paths, make_config
from lapnet.analysis.sources import iter_files, iter_items
from tests.corpora import corpora_root

FOLDERS = [
    "abuseio-notifier-samples",
    "abusix-xarf-samples",
    "fixtures-eml-parser",
    "fixtures-mikel-mail",
    "fixtures-spamscope-mail-parser",
    "fixtures-zbateson-mail-mime-parser",
    "nazario-phishing-corpus",
    "phishing-pot",
    "sisimai-set-of-emails",
    "spamassassin-public-corpus",
    "uci-sms-spam-collection",
    "xarf-spec-samples",
]

REQUIRED_KEYS = {
    "source",
    "sha256",
    "kind",
    "subject",
    "from",
    "reply_to",
    "return_path",
    "message_id",
    "date",
    "origin",
    "indicators",
    "jurisdictions",
    "category",
    "category_score",
    "category_evidence",
    "language",
    "defects",
    "report",
}


@pytest.mark.corpora
@pytest.mark.slow
@pytest.mark.parametrize("folder", FOLDERS)
def test_every_file_and_record_in_the_corpus_gives_a_result(folder: str) -> None:
    root = corpora_root() / folder
    expected_items = sum(len(list(iter_items(path, path.read_bytes()))) for path in iter_files([root]))
    results = list(analyze_paths([str(root)], config=make_config()))
    sources = {(r["source"]["path"], r["source"]["index"]) for r in results}  # type: ignore[index]
    assert len(sources) == expected_items, "every item has at least one result"
    failures = [
        (r["source"], d["message"])
        for r in results
        for d in r["defects"]  # type: ignore[attr-defined]
        if d["code"] == "analysis.internal_error"
    ]
    assert failures == []
    for result in results:
        assert result.keys() >= REQUIRED_KEYS
        assert set(result["indicators"]) >= {  # type: ignore[arg-type]
            "url",
            "domain",
            "email",
            "ip",
            "phone",
            "crypto_wallet",
            "iban",
            "attachment",
        }
        json.dumps(result)  # JSON-serialisable as is


@pytest.mark.corpora
def test_each_result_carries_the_sha256_of_its_exact_bytes() -> None:
    path = corpora_root() / "spamassassin-public-corpus" / "spam"
    files = sorted(path.iterdir())[:25]
    results = list(analyze_paths([str(f) for f in files], config=make_config()))
    assert [r["sha256"] for r in results] == [hashlib.sha256(f.read_bytes()).hexdigest() for f in files]
