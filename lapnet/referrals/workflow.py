"""A cross-border referral as a pure transition table: no Django, no database, no I/O.

::

    draft ──send──▶ sent ──acknowledge──▶ acknowledged
                     │                        │
                     ├──request_information───┤──▶ more_information_requested
                     │                        │         │ provide_information
                     │                        ◀─────────┘   (back to acknowledged)
                     ├──accept────────────────┴──▶ accepted ──start_work──▶ in_progress
                     └──decline (reason)──▶ declined            │                │
                                               │                └─report_outcome─┴──▶ outcome_reported
                                               ├──revise──▶ draft (edited, then sent again)
                                               └──close───▶ closed ◀──close── outcome_reported

The **sender** (the requesting organisation) drafts, sends, answers questions, revises a declined
referral and closes it; the **receiver** (the requested organisation) acknowledges, accepts or
declines (with a :class:`DeclineReason`; ``other`` needs words), asks for more information, starts
work and reports the :class:`Outcome` (with details). Accepting or declining a referral that was not
acknowledged yet acknowledges it implicitly. ``closed`` is final. ``lapnet.referrals.actions``
applies this table to the rows; ``ReferralStatus`` in the models mirrors :class:`State` (a test keeps
the two equal).
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum


class State(StrEnum):
    DRAFT = "draft"
    SENT = "sent"
    ACKNOWLEDGED = "acknowledged"
    MORE_INFORMATION_REQUESTED = "more_information_requested"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    IN_PROGRESS = "in_progress"
    OUTCOME_REPORTED = "outcome_reported"
    CLOSED = "closed"


class Event(StrEnum):
    SEND = "send"
    ACKNOWLEDGE = "acknowledge"
    ACCEPT = "accept"
    DECLINE = "decline"
    REQUEST_INFORMATION = "request_information"
    PROVIDE_INFORMATION = "provide_information"
    START_WORK = "start_work"
    REPORT_OUTCOME = "report_outcome"
    REVISE = "revise"
    CLOSE = "close"


class Party(StrEnum):
    """Which side of the referral may cause an event."""

    SENDER = "sender"
    RECEIVER = "receiver"


class DeclineReason(StrEnum):
    NO_LEGAL_GATEWAY = "no_legal_gateway"
    OUTSIDE_REMIT = "outside_remit"
    INSUFFICIENT_EVIDENCE = "insufficient_evidence"
    ALREADY_UNDER_INVESTIGATION = "already_under_investigation"
    OTHER = "other"


class Outcome(StrEnum):
    WARNING = "warning"
    FINE = "fine"
    PROSECUTION = "prosecution"
    TAKEDOWN = "takedown"
    NO_ACTION = "no_action"


# the states in which the receiver has the referral in hand but has not decided yet
UNDECIDED: frozenset[State] = frozenset({State.SENT, State.ACKNOWLEDGED, State.MORE_INFORMATION_REQUESTED})

TRANSITIONS: Mapping[tuple[State, Event], State] = {
    (State.DRAFT, Event.SEND): State.SENT,
    (State.SENT, Event.ACKNOWLEDGE): State.ACKNOWLEDGED,
    (State.SENT, Event.ACCEPT): State.ACCEPTED,
    (State.SENT, Event.DECLINE): State.DECLINED,
    (State.SENT, Event.REQUEST_INFORMATION): State.MORE_INFORMATION_REQUESTED,
    (State.ACKNOWLEDGED, Event.ACCEPT): State.ACCEPTED,
    (State.ACKNOWLEDGED, Event.DECLINE): State.DECLINED,
    (State.ACKNOWLEDGED, Event.REQUEST_INFORMATION): State.MORE_INFORMATION_REQUESTED,
    (State.MORE_INFORMATION_REQUESTED, Event.PROVIDE_INFORMATION): State.ACKNOWLEDGED,
    (State.MORE_INFORMATION_REQUESTED, Event.ACCEPT): State.ACCEPTED,
    (State.MORE_INFORMATION_REQUESTED, Event.DECLINE): State.DECLINED,
    (State.ACCEPTED, Event.START_WORK): State.IN_PROGRESS,
    (State.ACCEPTED, Event.REPORT_OUTCOME): State.OUTCOME_REPORTED,
    (State.IN_PROGRESS, Event.REPORT_OUTCOME): State.OUTCOME_REPORTED,
    (State.DECLINED, Event.REVISE): State.DRAFT,
    (State.DECLINED, Event.CLOSE): State.CLOSED,
    (State.OUTCOME_REPORTED, Event.CLOSE): State.CLOSED,
}

PARTY: Mapping[Event, Party] = {
    Event.SEND: Party.SENDER,
    Event.PROVIDE_INFORMATION: Party.SENDER,
    Event.REVISE: Party.SENDER,
    Event.CLOSE: Party.SENDER,
    Event.ACKNOWLEDGE: Party.RECEIVER,
    Event.ACCEPT: Party.RECEIVER,
    Event.DECLINE: Party.RECEIVER,
    Event.REQUEST_INFORMATION: Party.RECEIVER,
    Event.START_WORK: Party.RECEIVER,
    Event.REPORT_OUTCOME: Party.RECEIVER,
}

# events that mean nothing without words: what is missing, what the answer is, what was done
MESSAGE_REQUIRED: frozenset[Event] = frozenset(
    {Event.REQUEST_INFORMATION, Event.PROVIDE_INFORMATION, Event.REPORT_OUTCOME}
)

FINAL: frozenset[State] = frozenset({State.CLOSED})


class TransitionError(ValueError):
    """The event is not allowed in this state, by this party, or without its reason or message."""


def next_state(
    state: State | str,
    event: Event | str,
    *,
    by: Party | str,
    message: str = "",
    reason: DeclineReason | str | None = None,
    outcome: Outcome | str | None = None,
) -> State:
    """The state after ``event`` caused by ``by``; raises :class:`TransitionError` with the reason.

    ``reason`` is the :class:`DeclineReason` of a decline (``other`` needs a ``message``); ``outcome``
    the :class:`Outcome` of a reported outcome, whose details are the ``message``.
    """
    try:
        state = State(state)
    except ValueError:
        raise TransitionError(f"{state!r} is not a state of a referral") from None
    try:
        event = Event(event)
    except ValueError:
        raise TransitionError(f"{event!r} is not an event of a referral") from None
    try:
        party = Party(by)
    except ValueError:
        raise TransitionError(f"{by!r} is not a party to a referral") from None
    target = TRANSITIONS.get((state, event))
    if target is None:
        if state in FINAL:
            raise TransitionError(f"the referral is already {state.value}: it cannot {event.value}")
        raise TransitionError(f"a referral that is {state.value} cannot {event.value}")
    if party is not PARTY[event]:
        raise TransitionError(f"only the {PARTY[event].value} may {event.value}")
    if event is Event.DECLINE:
        _check_decline_reason(reason, message)
    if event is Event.REPORT_OUTCOME:
        _check_outcome(outcome)
    if event in MESSAGE_REQUIRED and not message.strip():
        raise TransitionError(f"{event.value.replace('_', ' ')} needs a message")
    return target


def _check_decline_reason(reason: DeclineReason | str | None, message: str) -> None:
    if reason is None or reason == "":
        raise TransitionError("decline needs a reason")
    try:
        reason = DeclineReason(reason)
    except ValueError:
        raise TransitionError(f"{reason!r} is not a reason to decline a referral") from None
    if reason is DeclineReason.OTHER and not message.strip():
        raise TransitionError("decline for another reason needs a message saying which")


def _check_outcome(outcome: Outcome | str | None) -> None:
    if outcome is None or outcome == "":
        raise TransitionError("report outcome needs an outcome")
    try:
        Outcome(outcome)
    except ValueError:
        raise TransitionError(f"{outcome!r} is not an outcome of a referral") from None


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


def is_undecided(state: State | str) -> bool:
    """Sent but neither accepted nor declined: the receiver owes a decision."""
    return State(state) in UNDECIDED


def acknowledges(event: Event | str) -> bool:
    """Whether the event, by the receiver, also acknowledges receipt (any answer does)."""
    return PARTY[Event(event)] is Party.RECEIVER


def answers(state: State | str) -> bool:
    """Whether the receiver has answered the request in ``state`` (declined or reported an outcome)."""
    return State(state) in {State.DECLINED, State.OUTCOME_REPORTED, State.CLOSED}
