"""Fixtures shared by the Django tests. Settings: tests/settings.py (pytest-django)."""

from __future__ import annotations

import pytest


@pytest.fixture
def personas(db: None) -> object:
    from tests.personas import create_personas

    return create_personas()
