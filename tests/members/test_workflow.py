"""The membership application's transition table, without a database."""

from __future__ import annotations

import ast
import itertools
from pathlib import Path

import pytest

from lapnet.members import workflow
from lapnet.members.workflow import Event, Party, State, TransitionError, allowed_events, next_state

SECRETARIAT = Party.SECRETARIAT
APPLICANT = Party.APPLICANT


def test_the_secretariat_can_approve_a_submitted_application() -> None:
    assert next_state(State.SUBMITTED, Event.APPROVE, by=SECRETARIAT) is State.APPROVED


def test_the_secretariat_can_approve_while_waiting_for_information() -> None:
    assert next_state(State.MORE_INFORMATION_REQUESTED, Event.APPROVE, by=SECRETARIAT) is State.APPROVED


def test_asking_for_information_waits_for_the_applicant() -> None:
    state = next_state(State.SUBMITTED, Event.REQUEST_INFORMATION, by=SECRETARIAT, message="Your remit?")
    assert state is State.MORE_INFORMATION_REQUESTED


def test_the_applicants_answer_puts_the_application_back_for_review() -> None:
    state = next_state(
        State.MORE_INFORMATION_REQUESTED, Event.PROVIDE_INFORMATION, by=APPLICANT, message="Consumer law."
    )
    assert state is State.SUBMITTED


def test_declining_needs_a_reason() -> None:
    with pytest.raises(TransitionError, match="needs a message"):
        next_state(State.SUBMITTED, Event.DECLINE, by=SECRETARIAT, message="   ")
    assert (
        next_state(State.SUBMITTED, Event.DECLINE, by=SECRETARIAT, message="Outside remit") is State.DECLINED
    )


def test_asking_for_information_needs_the_question() -> None:
    with pytest.raises(TransitionError, match="needs a message"):
        next_state(State.SUBMITTED, Event.REQUEST_INFORMATION, by=SECRETARIAT)


def test_the_applicant_may_withdraw_an_open_application() -> None:
    assert next_state(State.SUBMITTED, Event.WITHDRAW, by=APPLICANT) is State.WITHDRAWN
    assert next_state(State.MORE_INFORMATION_REQUESTED, Event.WITHDRAW, by=APPLICANT) is State.WITHDRAWN


def test_the_applicant_cannot_approve_their_own_application() -> None:
    with pytest.raises(TransitionError, match="only the secretariat may approve"):
        next_state(State.SUBMITTED, Event.APPROVE, by=APPLICANT)


def test_the_secretariat_cannot_withdraw_for_the_applicant() -> None:
    with pytest.raises(TransitionError, match="only the applicant may withdraw"):
        next_state(State.SUBMITTED, Event.WITHDRAW, by=SECRETARIAT)


def test_there_is_nothing_to_answer_when_nothing_was_asked() -> None:
    with pytest.raises(TransitionError, match="submitted cannot provide_information"):
        next_state(State.SUBMITTED, Event.PROVIDE_INFORMATION, by=APPLICANT, message="hello")


def test_the_secretariat_does_not_ask_twice_before_an_answer() -> None:
    with pytest.raises(TransitionError):
        next_state(State.MORE_INFORMATION_REQUESTED, Event.REQUEST_INFORMATION, by=SECRETARIAT, message="?")


@pytest.mark.parametrize("final", [State.APPROVED, State.DECLINED, State.WITHDRAWN])
@pytest.mark.parametrize("event", list(Event))
def test_a_decided_application_is_final(final: State, event: Event) -> None:
    with pytest.raises(TransitionError, match=f"already {final.value}"):
        next_state(final, event, by=workflow.PARTY[event], message="anything")
    assert allowed_events(final) == []
    assert workflow.is_final(final)


def test_every_transition_of_the_table_is_reachable_and_nothing_else_is() -> None:
    for state, event in itertools.product(State, Event):
        target = workflow.TRANSITIONS.get((state, event))
        try:
            result = next_state(state, event, by=workflow.PARTY[event], message="because")
        except TransitionError:
            result = None
        assert result == target, (state, event)


def test_every_state_can_be_reached_from_submitted() -> None:
    reached = {State.SUBMITTED}
    frontier = [State.SUBMITTED]
    while frontier:
        state = frontier.pop()
        for event in allowed_events(state):
            target = workflow.TRANSITIONS[(state, event)]
            if target not in reached:
                reached.add(target)
                frontier.append(target)
    assert reached == set(State)


def test_allowed_events_for_each_party() -> None:
    assert allowed_events(State.SUBMITTED, SECRETARIAT) == [
        Event.REQUEST_INFORMATION,
        Event.APPROVE,
        Event.DECLINE,
    ]
    assert allowed_events(State.SUBMITTED, APPLICANT) == [Event.WITHDRAW]
    assert allowed_events(State.MORE_INFORMATION_REQUESTED, APPLICANT) == [
        Event.PROVIDE_INFORMATION,
        Event.WITHDRAW,
    ]


def test_every_event_has_a_party() -> None:
    assert set(workflow.PARTY) == set(Event)


def test_unknown_states_and_events_are_refused_with_a_clear_error() -> None:
    with pytest.raises(TransitionError, match="'limbo' is not a state"):
        next_state("limbo", Event.APPROVE, by=SECRETARIAT)
    with pytest.raises(TransitionError, match="'promote' is not an event"):
        next_state(State.SUBMITTED, "promote", by=SECRETARIAT)


def test_strings_are_accepted_as_stored_in_the_database() -> None:
    assert next_state("submitted", "approve", by="secretariat") is State.APPROVED


def test_the_workflow_module_does_not_import_django() -> None:
    tree = ast.parse(Path(workflow.__file__).read_text(encoding="utf-8"))
    imported = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    imported |= {node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    assert imported == {"__future__", "collections.abc", "enum"}


def test_the_stored_statuses_are_the_workflow_states() -> None:
    from lapnet.members.models import ApplicationEventKind, ApplicationStatus

    assert set(ApplicationStatus.values) == {state.value for state in State}
    assert set(ApplicationEventKind.values) == {event.value for event in Event} | {"submit"}
