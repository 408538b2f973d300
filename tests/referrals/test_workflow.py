"""The referral's transition table, exhaustively and without a database."""

from __future__ import annotations

import ast
import itertools
from pathlib import Path

import pytest

from lapnet.referrals import workflow
from lapnet.referrals.workflow import (
    DeclineReason,
    Event,
    Outcome,
    Party,
    State,
    TransitionError,
    allowed_events,
    next_state,
)

SENDER = Party.SENDER
RECEIVER = Party.RECEIVER


def fire(state: State, event: Event, **extra: object) -> State:
    """Fire an event with whatever it needs (a reason, an outcome, words) by the right party."""
    extra.setdefault("message", "words")
    if event is Event.DECLINE:
        extra.setdefault("reason", DeclineReason.OUTSIDE_REMIT)
    if event is Event.REPORT_OUTCOME:
        extra.setdefault("outcome", Outcome.FINE)
    return next_state(state, event, by=workflow.PARTY[event], **extra)  # type: ignore[arg-type]


def test_the_bar_path_drafted_sent_acknowledged_declined_resent_accepted_outcome_reported() -> None:
    state = State.DRAFT
    state = next_state(state, Event.SEND, by=SENDER)
    assert state is State.SENT
    state = next_state(state, Event.ACKNOWLEDGE, by=RECEIVER)
    assert state is State.ACKNOWLEDGED
    state = next_state(state, Event.DECLINE, by=RECEIVER, reason=DeclineReason.INSUFFICIENT_EVIDENCE)
    assert state is State.DECLINED
    state = next_state(state, Event.REVISE, by=SENDER)
    assert state is State.DRAFT
    state = next_state(state, Event.SEND, by=SENDER)
    assert state is State.SENT
    state = next_state(state, Event.ACCEPT, by=RECEIVER)
    assert state is State.ACCEPTED
    state = next_state(state, Event.START_WORK, by=RECEIVER)
    assert state is State.IN_PROGRESS
    state = next_state(state, Event.REPORT_OUTCOME, by=RECEIVER, outcome=Outcome.FINE, message="EUR 20,000")
    assert state is State.OUTCOME_REPORTED
    assert next_state(state, Event.CLOSE, by=SENDER) is State.CLOSED


def test_the_receiver_may_accept_or_decline_without_acknowledging_first() -> None:
    assert next_state(State.SENT, Event.ACCEPT, by=RECEIVER) is State.ACCEPTED
    assert next_state(State.SENT, Event.DECLINE, by=RECEIVER, reason="outside_remit") is State.DECLINED


def test_asking_for_information_waits_for_the_sender_and_the_answer_brings_it_back() -> None:
    state = next_state(State.ACKNOWLEDGED, Event.REQUEST_INFORMATION, by=RECEIVER, message="Full headers?")
    assert state is State.MORE_INFORMATION_REQUESTED
    state = next_state(state, Event.PROVIDE_INFORMATION, by=SENDER, message="Attached.")
    assert state is State.ACKNOWLEDGED


def test_the_receiver_may_decide_while_waiting_for_information() -> None:
    waiting = State.MORE_INFORMATION_REQUESTED
    assert next_state(waiting, Event.ACCEPT, by=RECEIVER) is State.ACCEPTED
    assert next_state(waiting, Event.DECLINE, by=RECEIVER, reason="no_legal_gateway") is State.DECLINED


def test_an_outcome_may_be_reported_straight_after_accepting() -> None:
    state = next_state(State.ACCEPTED, Event.REPORT_OUTCOME, by=RECEIVER, outcome="warning", message="Sent.")
    assert state is State.OUTCOME_REPORTED


@pytest.mark.parametrize("reason", list(DeclineReason))
def test_every_decline_reason_is_accepted(reason: DeclineReason) -> None:
    assert next_state(State.SENT, Event.DECLINE, by=RECEIVER, reason=reason, message="x") is State.DECLINED


def test_declining_needs_a_reason_from_the_list() -> None:
    with pytest.raises(TransitionError, match="decline needs a reason"):
        next_state(State.SENT, Event.DECLINE, by=RECEIVER, message="no")
    with pytest.raises(TransitionError, match="not a reason"):
        next_state(State.SENT, Event.DECLINE, by=RECEIVER, reason="too busy")


def test_declining_for_another_reason_needs_words() -> None:
    with pytest.raises(TransitionError, match="another reason needs a message"):
        next_state(State.SENT, Event.DECLINE, by=RECEIVER, reason=DeclineReason.OTHER, message="  ")
    state = next_state(State.SENT, Event.DECLINE, by=RECEIVER, reason=DeclineReason.OTHER, message="Court")
    assert state is State.DECLINED


def test_a_listed_reason_needs_no_words() -> None:
    assert next_state(State.SENT, Event.DECLINE, by=RECEIVER, reason="outside_remit") is State.DECLINED


@pytest.mark.parametrize("outcome", list(Outcome))
def test_every_outcome_is_accepted_with_details(outcome: Outcome) -> None:
    state = next_state(State.IN_PROGRESS, Event.REPORT_OUTCOME, by=RECEIVER, outcome=outcome, message="d")
    assert state is State.OUTCOME_REPORTED


def test_an_outcome_needs_its_kind_and_details() -> None:
    with pytest.raises(TransitionError, match="needs an outcome"):
        next_state(State.IN_PROGRESS, Event.REPORT_OUTCOME, by=RECEIVER, message="done")
    with pytest.raises(TransitionError, match="not an outcome"):
        next_state(State.IN_PROGRESS, Event.REPORT_OUTCOME, by=RECEIVER, outcome="jail", message="d")
    with pytest.raises(TransitionError, match="report outcome needs a message"):
        next_state(State.IN_PROGRESS, Event.REPORT_OUTCOME, by=RECEIVER, outcome="fine")


@pytest.mark.parametrize("event", sorted(workflow.MESSAGE_REQUIRED))
def test_events_that_carry_words_refuse_to_fire_without_them(event: Event) -> None:
    state = next(source for (source, candidate) in workflow.TRANSITIONS if candidate is event)
    extra: dict[str, object] = {"outcome": Outcome.FINE} if event is Event.REPORT_OUTCOME else {}
    with pytest.raises(TransitionError, match="needs a message"):
        next_state(state, event, by=workflow.PARTY[event], message=" \n", **extra)  # type: ignore[arg-type]


@pytest.mark.parametrize(("state", "event"), list(workflow.TRANSITIONS))
def test_each_transition_is_refused_to_the_other_party(state: State, event: Event) -> None:
    other = RECEIVER if workflow.PARTY[event] is SENDER else SENDER
    with pytest.raises(TransitionError, match=f"only the {workflow.PARTY[event].value} may"):
        next_state(state, event, by=other, message="x", reason="other", outcome="fine")


@pytest.mark.parametrize(("state", "event"), list(itertools.product(State, Event)))
def test_the_table_is_the_whole_truth(state: State, event: Event) -> None:
    """Every (state, event) pair either moves to the table's target or is refused."""
    target = workflow.TRANSITIONS.get((state, event))
    if target is None:
        with pytest.raises(TransitionError, match="cannot"):
            fire(state, event)
    else:
        assert fire(state, event) is target


def test_the_sender_owns_sending_answering_revising_and_closing() -> None:
    sender_events = {event for event, party in workflow.PARTY.items() if party is SENDER}
    assert sender_events == {Event.SEND, Event.PROVIDE_INFORMATION, Event.REVISE, Event.CLOSE}
    assert set(workflow.PARTY) == set(Event)


def test_a_closed_referral_is_final() -> None:
    for event in Event:
        with pytest.raises(TransitionError, match="already closed"):
            fire(State.CLOSED, event)
    assert workflow.is_final(State.CLOSED)
    assert not any(workflow.is_final(state) for state in State if state is not State.CLOSED)


def test_every_state_but_closed_can_be_left_and_every_state_can_be_reached() -> None:
    sources = {source for source, _ in workflow.TRANSITIONS}
    targets = set(workflow.TRANSITIONS.values())
    assert sources == set(State) - {State.CLOSED}
    assert targets | {State.DRAFT} == set(State)


def test_a_declined_referral_can_only_be_revised_or_closed() -> None:
    assert allowed_events(State.DECLINED) == [Event.REVISE, Event.CLOSE]
    assert allowed_events(State.DECLINED, RECEIVER) == []


def test_allowed_events_lists_what_each_side_may_do_while_undecided() -> None:
    assert allowed_events(State.SENT, RECEIVER) == [
        Event.ACKNOWLEDGE,
        Event.ACCEPT,
        Event.DECLINE,
        Event.REQUEST_INFORMATION,
    ]
    assert allowed_events(State.SENT, SENDER) == []
    assert allowed_events(State.MORE_INFORMATION_REQUESTED, SENDER) == [Event.PROVIDE_INFORMATION]


def test_unknown_states_events_and_parties_are_refused_with_a_sentence() -> None:
    with pytest.raises(TransitionError, match="not a state"):
        next_state("lost", Event.SEND, by=SENDER)
    with pytest.raises(TransitionError, match="not an event"):
        next_state(State.DRAFT, "teleport", by=SENDER)
    with pytest.raises(TransitionError, match="not a party"):
        next_state(State.DRAFT, Event.SEND, by="coordinator")


def test_undecided_and_answered_states() -> None:
    assert {state for state in State if workflow.is_undecided(state)} == {
        State.SENT,
        State.ACKNOWLEDGED,
        State.MORE_INFORMATION_REQUESTED,
    }
    assert {state for state in State if workflow.answers(state)} == {
        State.DECLINED,
        State.OUTCOME_REPORTED,
        State.CLOSED,
    }


def test_any_answer_of_the_receiver_acknowledges_receipt() -> None:
    assert all(workflow.acknowledges(event) for event in Event if workflow.PARTY[event] is RECEIVER)
    assert not workflow.acknowledges(Event.SEND)


def test_the_workflow_module_imports_nothing_from_django() -> None:
    tree = ast.parse(Path(workflow.__file__).read_text(encoding="utf-8"))
    imported = {
        alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names
    } | {node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    assert not any(name.startswith(("django", "lapnet")) for name in imported)
