"""`lapnet import` as a user runs it: folders and mbox become one evidence per message, through the
evidence actions (channel CLI), with the organisation and marking asked for; usage errors exit 2."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from lapnet.cli import main
from lapnet.evidence.models import AnalysisStatus, Channel, Evidence
from lapnet.sharing.models import AuditEvent
from tests.personas import Personas

FIXTURES = Path(__file__).parents[1] / "analysis" / "fixtures"

# analysis is queued when each intake transaction commits: these tests let transactions commit
pytestmark = pytest.mark.django_db(transaction=True)

MBOX = (
    b"From spammer@relay.example  Mon Nov  2 10:00:00 2026\n"
    b"From: Prize Office <claims@lottery-winner.example>\nSubject: First\n\nYou have won. Call +44 20 7946 0958.\n"
    b"\n"
    b"From spammer@relay.example  Mon Nov  2 10:05:00 2026\n"
    b"From: Prize Office <claims@lottery-winner.example>\nSubject: Second\n\nClaim at http://claims.example/x\n"
    b"\n"
    b"From spammer@relay.example  Mon Nov  2 10:10:00 2026\n"
    b"From: Bank <security@bank-verify.example>\nSubject: Third\n\nVerify your account now.\n"
)


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    try:
        code = main(["import", *args])
    except SystemExit as exit_:  # CommandError and argparse errors end the command with a status
        code = int(exit_.code or 0)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_it_imports_a_folder_and_an_mbox_as_one_evidence_per_message(
    personas: Personas, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "reports"
    (folder / "nested").mkdir(parents=True)
    shutil.copy(FIXTURES / "crlf_lottery.eml", folder / "a.eml")
    shutil.copy(FIXTURES / "lf_only.eml", folder / "nested" / "b.eml")
    mbox = tmp_path / "spam.mbox"
    mbox.write_bytes(MBOX)

    code, out, err = run(capsys, str(folder), str(mbox), "--org", "dgccrf", "--tlp", "green")

    assert code == 0, err
    evidence = list(Evidence.objects.order_by("pk"))
    assert len(evidence) == 5
    assert {e.organisation_id for e in evidence} == {personas.dgccrf.pk}
    assert {e.tlp for e in evidence} == {"green"}
    assert {e.channel for e in evidence} == {Channel.CLI}
    assert {e.status for e in evidence} == {AnalysisStatus.DONE}
    assert [e.record_index for e in evidence if e.source_name == str(mbox)] == [1, 2, 3]
    assert "5 message(s) from 3 file(s) stored for DGCCRF (FR) as TLP:GREEN" in out
    assert AuditEvent.objects.filter(action="create", channel="cli").count() == 5


def test_the_organisation_may_be_named_by_short_name_and_the_marking_as_tlp_text(
    personas: Personas, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(
        capsys, str(FIXTURES / "crlf_lottery.eml"), "--org", "ACM", "--tlp", "TLP:AMBER+STRICT"
    )
    assert code == 0, err
    evidence = Evidence.objects.get()
    assert (evidence.organisation_id, evidence.tlp) == (personas.acm.pk, "amber+strict")


def test_options_may_come_before_the_paths(personas: Personas, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(
        capsys, "--org", "dgccrf", "--tlp", "red", "--user", "carol", str(FIXTURES / "lf_only.eml")
    )
    assert code == 0, err
    assert Evidence.objects.get().tlp == "red"


def test_an_unknown_organisation_exits_2_and_names_the_known_ones(
    personas: Personas, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, str(FIXTURES), "--org", "nowhere", "--tlp", "green")
    assert code == 2
    assert "no organisation 'nowhere'" in err and "dgccrf" in err
    assert not Evidence.objects.exists()


def test_an_unknown_marking_exits_2_and_lists_the_tlp_levels(
    personas: Personas, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, str(FIXTURES), "--org", "dgccrf", "--tlp", "orange")
    assert code == 2
    assert "not a TLP 2.0 marking: 'orange'" in err and "TLP:AMBER+STRICT" in err
    assert not Evidence.objects.exists()


def test_a_submitter_from_another_organisation_exits_2(
    personas: Personas, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, str(FIXTURES), "--org", "dgccrf", "--tlp", "green", "--user", "charlie")
    assert code == 2
    assert "does not belong to" in err


def test_a_missing_path_exits_2(
    personas: Personas, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, str(tmp_path / "absent"), "--org", "dgccrf", "--tlp", "green")
    assert code == 2
    assert "no such file or folder" in err


def test_a_file_the_intake_refuses_is_named_and_the_rest_is_imported_with_status_1(
    personas: Personas, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copy(FIXTURES / "crlf_lottery.eml", tmp_path / "good.eml")
    (tmp_path / "empty.eml").write_bytes(b"")
    code, out, err = run(capsys, str(tmp_path), "--org", "dgccrf", "--tlp", "amber", "--user", "alice")
    assert code == 1
    assert f"not imported: {tmp_path / 'empty.eml'}: the evidence is empty" in out
    assert "1 file(s) were not imported" in err
    evidence = Evidence.objects.get()
    assert evidence.submitted_by == personas.alice
