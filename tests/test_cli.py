"""`lapnet analyze` as a user runs it: formats, workers, usage errors, broken input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from lapnet.cli import main

FIXTURES = Path(__file__).parent / "analysis" / "fixtures"
LOTTERY = str(FIXTURES / "crlf_lottery.eml")


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    try:
        code = main(["analyze", *args])
    except SystemExit as exit_:  # argparse exits on usage errors
        code = int(exit_.code or 0)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_it_prints_one_json_line_per_message(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, LOTTERY)
    assert code == 0
    lines = out.splitlines()
    assert len(lines) == 1
    result = json.loads(lines[0])
    assert result["kind"] == "email"
    assert result["subject"] == "You have won €1,000,000"
    assert result["source"] == {"path": LOTTERY, "index": None}
    assert result["origin"]["ip"] == "81.2.69.160"
    assert result["origin"]["country"] == "GB"
    urls = [u["value"] for u in result["indicators"]["url"]]
    assert "http://claims.lottery-winner.example/form" in urls
    phones = {p["value"]: p["country"] for p in result["indicators"]["phone"]}
    assert phones == {"+442079460958": "GB"}
    assert "payout.agent@mailbox.example" in [e["value"] for e in result["indicators"]["email"]]
    assert result["category"] == "lottery_or_prize"
    assert result["language"] == "en"


def test_the_three_line_endings_give_the_same_analysis(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys, *(str(FIXTURES / n) for n in ("crlf_lottery.eml", "lf_only.eml", "cr_only.eml"))
    )
    assert code == 0
    results = [json.loads(line) for line in out.splitlines()]
    assert len({r["sha256"] for r in results}) == 3  # different bytes, different hashes
    for key in ("subject", "category", "origin", "indicators", "jurisdictions"):
        assert results[0][key] == results[1][key] == results[2][key], key


def test_json_format_is_one_valid_array(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--format", "json", str(FIXTURES))
    assert code == 0
    assert len(json.loads(out)) == 3


def test_table_format_has_a_header_and_a_row_per_message(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--format", "table", LOTTERY)
    assert code == 0
    header, row = out.splitlines()
    assert header.split()[:3] == ["source", "kind", "category"]
    assert "lottery_or_prize" in row and "81.2.69.160" in row


def test_trusted_networks_move_the_origin_down_the_chain(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--trusted-networks", "81.2.69.0/24", LOTTERY)
    assert code == 0
    origin = json.loads(out)["origin"]
    assert origin["ip"] != "81.2.69.160"
    assert "trusted:81.2.69.0/24" in origin["trust_anchors"]


@pytest.mark.parametrize(
    "args",
    [
        ["/no/such/path"],
        ["--trusted-networks", "10.0.0.0/33", LOTTERY],
        ["--workers", "0", LOTTERY],
        ["--kind", "fax", LOTTERY],
        ["--format", "xml", LOTTERY],
        ["--reporter-country", "France", LOTTERY],
    ],
)
def test_usage_errors_exit_with_status_2_and_say_why(
    capsys: pytest.CaptureFixture[str], args: list[str]
) -> None:
    code, out, err = run(capsys, *args)
    assert code == 2
    assert out == ""
    assert "error:" in err


def test_garbage_is_a_result_with_defects_not_a_failure(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    garbage = tmp_path / "garbage.bin"
    garbage.write_bytes(bytes(range(256)) * 40)
    code, out, _ = run(capsys, str(garbage))
    assert code == 0
    result = json.loads(out)
    assert result["defects"], "what is wrong is said"
    assert all(d["code"] != "analysis.internal_error" for d in result["defects"])


def test_two_workers_give_the_same_results_in_the_same_order(capsys: pytest.CaptureFixture[str]) -> None:
    _, one, _ = run(capsys, str(FIXTURES))
    _, two, _ = run(capsys, "--workers", "2", str(FIXTURES))
    assert one == two


def test_the_installed_command_runs(tmp_path: Path) -> None:
    lapnet = Path(sys.executable).with_name("lapnet")
    completed = subprocess.run(
        [str(lapnet), "analyze", "--format", "table", LOTTERY], capture_output=True, text=True, check=False
    )
    assert completed.returncode == 0, completed.stderr
    assert "lottery_or_prize" in completed.stdout
