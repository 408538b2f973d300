"""Analysing items together, stage by stage (``analyze_items``, the runner's batches), gives every
item the results it gets alone: the batch changes when each stage runs, never what it finds."""

from __future__ import annotations

from pathlib import Path

import pytest

from lapnet.analysis import runner
from lapnet.analysis.analyze import AnalysisConfig, analyze_item, analyze_items
from lapnet.analysis.origin import TrustConfig
from lapnet.analysis.reports.sms import SmsRecord
from lapnet.analysis.runner import analyze_paths, parse_networks
from lapnet.analysis.serialize import to_dict
from lapnet.analysis.sources import Item, iter_files, iter_items
from lapnet.analysis.types import Kind, Result, Source
from tests.corpora import corpora_root, corpus_file

FIXTURES = Path(__file__).parent / "fixtures"
CONFIG = AnalysisConfig(
    trust=TrustConfig(trusted_networks=parse_networks("192.0.2.0/24")), reporter_country="FR"
)

PLAIN = (
    b"From: Bank <a@bank.example>\nSubject: verify\n\nverify your account at http://bank.example.evil.test/\n"
)
HTML = (
    b"From: x@shop.example\r\nSubject: deal\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"
    b'<p>Buy <a href="http://shop.example.ru/p?id=1">now</a>, call +44 20 7946 0000</p>\r\n'
)
ALTERNATIVE = (
    b"From: a@b.example\nSubject: both\nContent-Type: multipart/alternative; boundary=b\n\n"
    b"--b\nContent-Type: text/plain\n\nplain http://a.example/\n--b\nContent-Type: text/html\n\n"
    b"<b>html</b> http://c.example/\n--b--\n"
)
FORWARDED = (
    b"From: victim@isp.example\nSubject: Fwd: spam\nContent-Type: multipart/mixed; boundary=f\n\n"
    b"--f\nContent-Type: text/plain\n\nlook at this\n--f\nContent-Type: message/rfc822\n\n"
    b"Received: from evil (evil [198.51.100.7]) by mx.isp.example; Thu, 22 Aug 2002 18:26:25 +0700\n"
    b"From: spammer@evil.example\nSubject: win\n\nyou won http://win.example/\n--f\n"
    b"Content-Type: message/rfc822\n\nFrom: other@evil.example\nSubject: again\n\nhttp://again.example/\n--f--\n"
)
XARF = b'{"Version": "4", "ReporterInfo": {"ReporterOrg": "x"}, "Report": {"ReportClass": "Content"}}'
SMS_LINES = b"spam\tWIN a prize! call 09061701461 now\nham\tsee you at 6\n"
HOSTILE = [
    b"",
    b"\x00\xff" * 100,
    b"Content-Type: multipart/mixed; boundary=x\n\n"
    + b"--x\nContent-Type: multipart/mixed; boundary=x\n\n" * 60,
    b"Subject: " + b"=?utf-8?b?" * 500 + b"\n\n" + b"a.com " * 5000,
    b"Subject: lone\rCR\r\rbody",
]


def _items() -> list[Item]:
    items = [
        Item(Source(f"fixture:{path.name}"), path.read_bytes()) for path in sorted(FIXTURES.glob("*.eml"))
    ]
    items += [Item(Source(f"made:{number}"), data) for number, data in enumerate([PLAIN, HTML, ALTERNATIVE])]
    items += [
        Item(Source("forwarded"), FORWARDED),
        Item(Source("xarf"), XARF, Kind.XARF),
        Item(Source("sms-lines"), SMS_LINES, Kind.SMS),
        Item(Source("forced-arf"), PLAIN, Kind.ARF),
        Item(Source("unreadable"), b"", read_error="Permission denied"),
    ]
    items += [Item(Source(f"hostile:{number}"), data) for number, data in enumerate(HOSTILE)]
    return items


def _dicts(results: list[list[Result]]) -> list[list[dict[str, object]]]:
    return [[to_dict(result) for result in item_results] for item_results in results]


def _alone(items: list[Item], config: AnalysisConfig) -> list[list[dict[str, object]]]:
    return _dicts([analyze_item(item, config) for item in items])


def test_a_batch_gives_each_item_the_results_it_gets_alone() -> None:
    items = _items()
    together = _dicts(analyze_items(items, CONFIG))
    assert together == _alone(items, CONFIG)
    assert len(together[items.index(next(i for i in items if i.source.path == "forwarded"))]) == 2
    assert len(together[items.index(next(i for i in items if i.source.path == "sms-lines"))]) == 2


def test_the_order_of_a_batch_changes_no_result() -> None:
    items = _items()
    forwards = _dicts(analyze_items(items, CONFIG))
    backwards = _dicts(analyze_items(items[::-1], CONFIG))
    assert backwards[::-1] == forwards


def test_an_empty_batch_gives_nothing() -> None:
    assert analyze_items([], CONFIG) == []


def test_an_error_in_one_item_costs_only_that_items_analysis() -> None:
    # a record no parser makes (its defects are not a tuple): lapnet's own code fails on it late,
    # after its classification, while the other items of the batch are at the same stage
    broken = SmsRecord(index=1, text="call 09061701461", sender=None, recipient_country=None,
                       received_at=None, label=None, defects=None)  # type: ignore[arg-type]  # fmt: skip
    items = [
        Item(Source("a"), PLAIN),
        Item(Source("broken"), b"x", Kind.SMS, broken),
        Item(Source("b"), HTML),
    ]
    first, failed, last = analyze_items(items, CONFIG)
    assert [defect.code for defect in failed[0].defects] == ["analysis.internal_error"]
    assert failed[0].sha256 and failed[0].source.path == "broken"
    assert _dicts([first, last]) == _alone([items[0], items[2]], CONFIG)


CORPUS_FILES = [
    "spamassassin-public-corpus/spam/00005.57696a39d7d84318ce497886896bf90d",
    "fixtures-spamscope-mail-parser/mail_malformed_2",
    "fixtures-mikel-mail/multipart_report_emails/multi_address_bounce1.eml",
    "abuseio-notifier-samples/feedback-loop/AOL_example_2.eml",
    "phishing-pot/eml/sample-126.eml",
    "xarf-spec-samples/v4/messaging-bulk-messaging.json",
    "nazario-phishing-corpus/20051114.mbox",
]
CORPUS_FOLDERS = [
    "fixtures-mikel-mail",
    "fixtures-spamscope-mail-parser",
    "fixtures-eml-parser",
    "abuseio-notifier-samples",
    "xarf-spec-samples",
    "abusix-xarf-samples",
]


@pytest.mark.corpora
@pytest.mark.parametrize("size", [7, 32])
def test_batches_of_corpus_messages_give_each_the_results_it_gets_alone(size: int) -> None:
    root = corpora_root()
    paths = [corpus_file(relative) for relative in CORPUS_FILES]
    paths += list(iter_files([root / folder for folder in CORPUS_FOLDERS]))
    items = [item for path in paths for item in iter_items(path, path.read_bytes())]
    assert len(items) > 500
    together = [
        results
        for start in range(0, len(items), size)
        for results in _dicts(analyze_items(items[start : start + size], CONFIG))
    ]
    assert together == _alone(items, CONFIG)


def test_the_runner_gives_the_results_of_each_item_alone_whatever_its_batches(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "a.eml").write_bytes(PLAIN)
    records = b"".join(
        b"From sender@example.com Thu Aug 22 18:26:25 2002\nSubject: record %d\n\nhttp://r%d.example/\n\n"
        % (n, n)
        for n in range(7)
    )
    (tmp_path / "b.mbox").write_bytes(records)
    (tmp_path / "c.eml").write_bytes(FORWARDED)
    (tmp_path / "d.txt").write_bytes(SMS_LINES)
    (tmp_path / "e.eml").write_bytes(HTML)
    paths = sorted(tmp_path.iterdir())
    expected = [
        to_dict(result)
        for path in paths
        for item in iter_items(path, path.read_bytes())
        for result in analyze_item(item, CONFIG)
    ]
    assert len(expected) == 1 + 7 + 2 + 2 + 1
    for batch_items in (1, 3, 32):
        monkeypatch.setattr(runner, "BATCH_ITEMS", batch_items)
        got, files_done = _run_with_progress(tmp_path)
        assert got == expected
        # each file is counted once, after its last result (a, the 7 records of b, c's 2, d's 2, e)
        assert files_done == [1, 8, 10, 12, 13]


def _run_with_progress(folder: Path) -> tuple[list[dict[str, object]], list[int]]:
    """The runner's results, and how many of them had come each time it counted a file done."""
    got: list[dict[str, object]] = []
    files_done: list[int] = []
    for result in analyze_paths([str(folder)], config=CONFIG, on_file=lambda: files_done.append(len(got))):
        got.append(result)
    return got, files_done


def test_the_runner_bounds_a_batch_by_its_bytes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for number in range(5):
        (tmp_path / f"{number}.eml").write_bytes(PLAIN + b"x" * 1000 * number)
    seen: list[int] = []

    def counting(items: list[Item], config: AnalysisConfig) -> list[list[Result]]:
        seen.append(len(items))
        return analyze_items(items, config)

    monkeypatch.setattr(runner, "BATCH_BYTES", 2500)
    monkeypatch.setattr(runner, "analyze_items", counting)
    results = list(analyze_paths([str(tmp_path)], config=CONFIG))
    assert len(results) == 5
    assert seen == [3, 1, 1]  # 0 + 1,000 + 2,000 bytes of padding reach 2,500; then one file each
