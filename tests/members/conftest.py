"""People the network's tests need beyond the shared personas (tests/personas.py)."""

from __future__ import annotations

import pytest

from lapnet.members.models import Role, User
from tests.personas import Personas, make_user


@pytest.fixture
def frank(personas: Personas) -> User:
    """The coordinator of the Dutch regulator (ACM): a coordinator, but of another organisation."""
    return make_user("frank", personas.acm, Role.COORDINATOR)


@pytest.fixture
def grace(personas: Personas) -> User:
    """The coordinator of Mailco, the German mail provider (industry)."""
    return make_user("grace", personas.mailco, Role.COORDINATOR)


@pytest.fixture
def victor(personas: Personas) -> User:
    """A viewer at the French agency (DGCCRF): reads, changes nothing."""
    return make_user("victor", personas.dgccrf, Role.VIEWER)
