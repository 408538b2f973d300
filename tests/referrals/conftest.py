"""Fixtures of the referral tests: the Dutch side of the network and a report alice made."""

from __future__ import annotations

from typing import Any

import pytest

from lapnet.evidence.models import Evidence
from tests.personas import Personas
from tests.referrals.support import Network, dutch_side, submit_lottery


@pytest.fixture
def network(personas: Personas) -> Network:
    return dutch_side(personas)


@pytest.fixture
def report(personas: Personas, django_capture_on_commit_callbacks: Any) -> Evidence:
    """An AMBER lottery scam reported by alice (DGCCRF, FR)."""
    return submit_lottery(personas.alice, capture=django_capture_on_commit_callbacks)
