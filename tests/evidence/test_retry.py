"""A failed analysis is retried, then stays visible as failed with its error; nothing is lost."""

from __future__ import annotations

import pytest

from lapnet.evidence import actions, store
from lapnet.evidence.models import AnalysisStatus, Channel, Evidence
from lapnet.sharing.tlp import TLP
from tests.personas import Personas

pytestmark = pytest.mark.django_db(transaction=True)

DATA = b"Subject: hello\n\nbody"


def test_a_failing_analysis_is_retried_then_marked_failed_and_can_be_run_again(personas: Personas) -> None:
    # the stored copy is damaged on disk before the analysis reads it: the hash check refuses it
    sha256, _ = store.put(DATA)
    path = store.blob_path(sha256)
    path.chmod(0o644)
    path.write_bytes(b"tampered")
    actions.submit_evidence(
        data=DATA,
        organisation=personas.dgccrf,
        submitted_by=personas.alice,
        channel=Channel.WEB,
        tlp=TLP.GREEN,
    )
    evidence = Evidence.objects.get()
    assert evidence.attempts == actions.MAX_ATTEMPTS, "the task was retried"
    assert evidence.status == AnalysisStatus.FAILED
    assert "does not match its hash" in evidence.last_error
    path.write_bytes(DATA)  # the copy is restored from backup
    assert actions.analyse(evidence.pk, force=True).status == AnalysisStatus.DONE
