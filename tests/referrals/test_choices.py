"""The stored choices mirror the pure workflow and the exchange context's pro forma."""

from __future__ import annotations

from lapnet.exchange import proforma
from lapnet.referrals import models, workflow


def test_the_stored_states_are_the_workflows_states() -> None:
    assert models.ReferralStatus.values == [state.value for state in workflow.State]


def test_decline_reasons_and_outcomes_are_the_workflows_and_the_pro_formas() -> None:
    assert models.DeclineReason.values == [reason.value for reason in workflow.DeclineReason]
    assert models.DeclineReason.values == [reason.value for reason in proforma.DeclineReason]
    assert models.Outcome.values == [outcome.value for outcome in workflow.Outcome]
    assert models.Outcome.values == [outcome.value for outcome in proforma.Outcome]


def test_request_types_and_urgencies_are_the_pro_formas() -> None:
    assert models.RequestType.values == [kind.value for kind in proforma.RequestType]
    assert models.Urgency.values == [urgency.value for urgency in proforma.Urgency]


def test_every_workflow_event_is_a_recorded_event_kind() -> None:
    assert {event.value for event in workflow.Event} <= set(models.ReferralEventKind.values)
