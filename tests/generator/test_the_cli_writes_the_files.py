"""`lapnet generate` as a user runs it: the reports, the ground truth and the campaigns, on disk."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lapnet.cli import main


def test_it_writes_reports_ground_truth_and_campaigns(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    code = main(["generate", "--campaigns", "5", "--reports", "60", "--seed", "3", "--days", "10", str(out)])
    assert code == 0
    assert "Wrote 60 reports" in capsys.readouterr().out

    names = sorted(p.name for p in (out / "reports").iterdir())
    assert len(names) == 60 and names[0].startswith("000001.")
    truth = [
        json.loads(line) for line in (out / "ground_truth.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    assert sorted(t["name"] for t in truth) == names
    document = json.loads((out / "campaigns.json").read_text(encoding="utf-8"))
    assert document["seed"] == 3 and document["reports"] == 60
    ids = {c["id"] for c in document["campaigns"]}
    assert len(ids) == 5
    assert {t["campaign"] for t in truth} <= ids | {None}
    first = truth[0]
    assert set(first) == {
        "name", "campaign", "kind", "channel", "language", "sent_at", "origin_ip", "origin_country",
        "recipient_country", "beneficiaries",
    }  # fmt: skip


def test_the_same_command_writes_the_same_bytes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for name in ("a", "b"):
        assert (
            main(["generate", "--campaigns", "4", "--reports", "40", "--seed", "9", str(tmp_path / name)])
            == 0
        )
    for file in ("ground_truth.jsonl", "campaigns.json"):
        assert (tmp_path / "a" / file).read_bytes() == (tmp_path / "b" / file).read_bytes()
    for report in (tmp_path / "a" / "reports").iterdir():
        assert report.read_bytes() == (tmp_path / "b" / "reports" / report.name).read_bytes()


@pytest.mark.parametrize(
    "arguments",
    [
        ["--campaigns", "10", "--reports", "5"],  # fewer reports than campaigns
        ["--noise", "1.5"],
        ["--start", "01/02/2026"],
    ],
)
def test_usage_errors_exit_with_status_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], arguments: list[str]
) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["generate", *arguments, str(tmp_path / "out")])
    assert exit_.value.code == 2


def test_it_refuses_a_folder_that_holds_files(tmp_path: Path) -> None:
    (tmp_path / "keep.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(SystemExit) as exit_:
        main(["generate", "--reports", "10", "--campaigns", "2", str(tmp_path)])
    assert exit_.value.code == 2
    assert [p.name for p in tmp_path.iterdir()] == ["keep.txt"]
