"""Property test: mutated real messages never make the analysis raise or hit an internal error.

Seeds are real messages (the fixtures here, and a handful of corpus files of different shapes when
the corpora are present); hypothesis mutates them byte-wise and structurally.
"""

from __future__ import annotations

import os
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lapnet.analysis.analyze import analyze_bytes
from lapnet.analysis.types import Kind

FIXTURES = Path(__file__).parent / "fixtures"
CORPUS_SEEDS = [
    "spamassassin-public-corpus/spam/00005.57696a39d7d84318ce497886896bf90d",
    "fixtures-spamscope-mail-parser/mail_malformed_2",
    "fixtures-mikel-mail/multipart_report_emails/multi_address_bounce1.eml",
    "abuseio-notifier-samples/feedback-loop/AOL_example_2.eml",
    "phishing-pot/eml/sample-126.eml",
    "xarf-spec-samples/v4/messaging-bulk-messaging.json",
]


def _seeds() -> list[bytes]:
    seeds = [p.read_bytes() for p in sorted(FIXTURES.glob("*.eml"))]
    root = os.environ.get("LAPNET_CORPORA")
    if root:
        seeds += [(Path(root) / rel).read_bytes() for rel in CORPUS_SEEDS if (Path(root) / rel).exists()]
    return seeds


SEEDS = _seeds()


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    data = bytearray(draw(st.sampled_from(SEEDS)))
    for _ in range(draw(st.integers(1, 8))):
        if not data:
            break
        where = draw(st.integers(0, len(data) - 1))
        action = draw(st.sampled_from(["flip", "insert", "delete", "cut", "repeat", "newline"]))
        if action == "flip":
            data[where] = draw(st.integers(0, 255))
        elif action == "insert":
            data[where:where] = draw(st.binary(min_size=1, max_size=64))
        elif action == "delete":
            del data[where : where + draw(st.integers(1, 200))]
        elif action == "cut":
            del data[where:]
        elif action == "repeat":
            end = min(len(data), where + draw(st.integers(1, 300)))
            data[where:where] = data[where:end] * draw(st.integers(1, 20))
        else:
            data[where:where] = draw(st.sampled_from([b"\r", b"\n", b"\r\n", b"\n\n", b"\n--", b"=?"]))
    return bytes(data)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=mutated(), kind=st.sampled_from([None, None, None, Kind.EMAIL, Kind.ARF, Kind.XARF]))
def test_mutated_real_messages_always_give_a_result_without_internal_errors(
    data: bytes, kind: Kind | None
) -> None:
    results = analyze_bytes(data, kind=kind)
    assert results
    for result in results:
        assert not [d for d in result.defects if d.code == "analysis.internal_error"]


@settings(max_examples=200, deadline=None)
@given(data=st.binary(max_size=4096))
def test_arbitrary_bytes_always_give_a_result_without_internal_errors(data: bytes) -> None:
    for result in analyze_bytes(data):
        assert not [d for d in result.defects if d.code == "analysis.internal_error"]
