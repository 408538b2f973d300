"""The membership application as a pure transition table: no Django, no database, no I/O.

::

    submitted ──request_information──▶ more_information_requested
        ▲                                        │
        └──────────provide_information───────────┘
    submitted | more_information_requested ──approve──▶ approved
    submitted | more_information_requested ──decline──▶ declined     (a reason is required)
    submitted | more_information_requested ──withdraw─▶ withdrawn

``approved``, ``declined`` and ``withdrawn`` are final. The secretariat approves, declines and asks
for more information; the applicant answers and may withdraw. ``lapnet.members.actions`` applies
this table to the rows (and ``ApplicationStatus`` in the models mirrors :class:`State`).
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum


class State(StrEnum):
    SUBMITTED = "submitted"
    MORE_INFORMATION_REQUESTED = "more_information_requested"
    APPROVED = "approved"
    DECLINED = "declined"
    WITHDRAWN = "withdrawn"


class Event(StrEnum):
    REQUEST_INFORMATION = "request_information"
    PROVIDE_INFORMATION = "provide_information"
    APPROVE = "approve"
    DECLINE = "decline"
    WITHDRAW = "withdraw"


class Party(StrEnum):
    """Who may cause an event."""

    SECRETARIAT = "secretariat"
    APPLICANT = "applicant"


TRANSITIONS: Mapping[tuple[State, Event], State] = {
    (State.SUBMITTED, Event.REQUEST_INFORMATION): State.MORE_INFORMATION_REQUESTED,
    (State.SUBMITTED, Event.APPROVE): State.APPROVED,
    (State.SUBMITTED, Event.DECLINE): State.DECLINED,
    (State.SUBMITTED, Event.WITHDRAW): State.WITHDRAWN,
    (State.MORE_INFORMATION_REQUESTED, Event.PROVIDE_INFORMATION): State.SUBMITTED,
    (State.MORE_INFORMATION_REQUESTED, Event.APPROVE): State.APPROVED,
    (State.MORE_INFORMATION_REQUESTED, Event.DECLINE): State.DECLINED,
    (State.MORE_INFORMATION_REQUESTED, Event.WITHDRAW): State.WITHDRAWN,
}

PARTY: Mapping[Event, Party] = {
    Event.REQUEST_INFORMATION: Party.SECRETARIAT,
    Event.APPROVE: Party.SECRETARIAT,
    Event.DECLINE: Party.SECRETARIAT,
    Event.PROVIDE_INFORMATION: Party.APPLICANT,
    Event.WITHDRAW: Party.APPLICANT,
}

# events that mean nothing without words: what is missing, why not, what the answer is
MESSAGE_REQUIRED: frozenset[Event] = frozenset(
    {Event.REQUEST_INFORMATION, Event.DECLINE, Event.PROVIDE_INFORMATION}
)

FINAL: frozenset[State] = frozenset({State.APPROVED, State.DECLINED, State.WITHDRAWN})


class TransitionError(ValueError):
    """The event is not allowed in this state, by this party, or without a message."""


def next_state(state: State | str, event: Event | str, *, by: Party | str, message: str = "") -> State:
    """The state after ``event`` caused by ``by``; raises :class:`TransitionError` with the reason."""
    try:
        state = State(state)
    except ValueError:
        raise TransitionError(f"{state!r} is not a state of a membership application") from None
    try:
        event = Event(event)
    except ValueError:
        raise TransitionError(f"{event!r} is not an event of a membership application") from None
    target = TRANSITIONS.get((state, event))
    if target is None:
        if state in FINAL:
            raise TransitionError(f"the application is already {state.value}: it cannot {event.value}")
        raise TransitionError(f"an application that is {state.value} cannot {event.value}")
    if Party(by) is not PARTY[event]:
        raise TransitionError(f"only the {PARTY[event].value} may {event.value}")
    if event in MESSAGE_REQUIRED and not message.strip():
        raise TransitionError(f"{event.value.replace('_', ' ')} needs a message")
    return target


def allowed_events(state: State | str, by: Party | str | None = None) -> list[Event]:
    """The events possible from ``state`` (for ``by`` only, if given), in the table's order."""
    state = State(state)
    return [
        event
        for (source, event) in TRANSITIONS
        if source is state and (by is None or PARTY[event] is Party(by))
    ]


def is_final(state: State | str) -> bool:
    return State(state) in FINAL
