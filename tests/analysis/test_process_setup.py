"""The set-up of a process that analyses many items (``runner.prepare_process``): it freezes the heap
and raises the collector's threshold, the results stay the same, and nothing else changes the
collector's settings behind its caller's back."""

from __future__ import annotations

import gc
import json
import subprocess
import sys
from pathlib import Path

import pytest

from lapnet import cli
from lapnet.analysis import runner
from lapnet.analysis.analyze import AnalysisConfig, analyze_item, analyze_items
from lapnet.analysis.serialize import to_dict
from lapnet.analysis.sources import Item
from lapnet.analysis.types import Kind, Source
from tests.corpora import corpora_root

FIXTURES = Path(__file__).parent / "fixtures"

# run in a child process: the set-up changes the whole process, which the test process must not be
SET_UP_IN_A_CHILD = """
import gc, json, sys
from pathlib import Path
from lapnet.analysis import runner
from lapnet.analysis.analyze import AnalysisConfig, analyze_items
from lapnet.analysis.serialize import to_dict
from lapnet.analysis.sources import Item
from lapnet.analysis.types import Source

def analyse():
    items = [Item(Source(path), Path(path).read_bytes()) for path in sys.argv[1:]]
    return [[to_dict(result) for result in results] for results in analyze_items(items, AnalysisConfig())]

before = {"threshold": gc.get_threshold(), "frozen": gc.get_freeze_count(), "results": analyse()}
runner.prepare_process()
after = {"threshold": gc.get_threshold(), "frozen": gc.get_freeze_count(), "results": analyse()}
print(json.dumps({"before": before, "after": after}))
"""


def _set_up_in_a_child() -> dict[str, dict[str, object]]:
    spam = sorted((corpora_root() / "spamassassin-public-corpus/spam").iterdir())[:150]
    paths = [str(path) for path in [*sorted(FIXTURES.glob("*.eml")), *spam]]
    finished = subprocess.run(
        [sys.executable, "-c", SET_UP_IN_A_CHILD, *paths],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    outcome: dict[str, dict[str, object]] = json.loads(finished.stdout)
    return outcome


def test_the_set_up_freezes_the_heap_raises_the_threshold_and_changes_no_result() -> None:
    outcome = _set_up_in_a_child()
    before, after = outcome["before"], outcome["after"]
    assert before["frozen"] == 0
    assert isinstance(after["frozen"], int) and after["frozen"] > 10_000  # the modules, tables and model
    assert before["threshold"] != after["threshold"]
    assert after["threshold"] == [runner.COLLECTOR_THRESHOLD, *before["threshold"][1:]]  # type: ignore[index]
    assert isinstance(before["results"], list) and len(before["results"]) == 153
    assert after["results"] == before["results"]


def test_the_set_up_never_lowers_a_higher_threshold(monkeypatch: pytest.MonkeyPatch) -> None:
    thresholds: list[tuple[int, ...]] = []
    monkeypatch.setattr(gc, "get_threshold", lambda: (runner.COLLECTOR_THRESHOLD * 3, 7, 5))
    monkeypatch.setattr(gc, "set_threshold", lambda *values: thresholds.append(values))
    monkeypatch.setattr(gc, "freeze", lambda: None)  # the test process's heap stays as it is
    runner.prepare_process()
    assert thresholds == [(runner.COLLECTOR_THRESHOLD * 3, 7, 5)]


def test_the_library_functions_leave_the_collector_as_they_found_it(tmp_path: Path) -> None:
    threshold, frozen, enabled = gc.get_threshold(), gc.get_freeze_count(), gc.isenabled()
    email = (FIXTURES / sorted(path.name for path in FIXTURES.glob("*.eml"))[0]).read_bytes()
    analyze_items(
        [Item(Source("a"), email), Item(Source("b"), b"spam\tcall 09061701461\n", Kind.SMS)], AnalysisConfig()
    )
    analyze_item(Item(Source("c"), email), AnalysisConfig())
    (tmp_path / "one.eml").write_bytes(email)
    assert len(list(runner.analyze_paths([str(tmp_path)], config=AnalysisConfig()))) == 1
    assert (gc.get_threshold(), gc.get_freeze_count(), gc.isenabled()) == (threshold, frozen, enabled)


def test_lapnet_analyze_and_each_worker_set_up_their_process(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    prepared: list[AnalysisConfig | None] = []
    monkeypatch.setattr(runner, "prepare_process", prepared.append)
    email = next(iter(sorted(FIXTURES.glob("*.eml")))).read_bytes()
    (tmp_path / "in").mkdir()
    (tmp_path / "in/one.eml").write_bytes(email)
    assert (
        cli.main(
            ["analyze", str(tmp_path / "in"), "--reporter-country", "fr", "--output", str(tmp_path / "out")]
        )
        == 0
    )
    assert len(prepared) == 1 and prepared[0] is not None and prepared[0].reporter_country == "FR"
    results = [json.loads(line) for line in (tmp_path / "out").read_text().splitlines()]
    expected = [
        to_dict(result)
        for result in analyze_item(Item(Source(str(tmp_path / "in/one.eml")), email), prepared[0])
    ]
    assert json.loads(json.dumps(expected)) == results
    # a worker process (what multiprocessing runs first in each) sets itself up with the run's configuration
    config = AnalysisConfig(reporter_country="DE")
    runner._init_worker(config, None)
    assert prepared[1:] == [config]
