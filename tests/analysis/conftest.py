"""Shared set-up of the analysis core's tests."""

from __future__ import annotations

import lapnet.analysis


def pytest_report_header() -> str:
    # compiled (scripts/compile-analysis) or pure Python: the tests run against whichever is present
    return f"lapnet.analysis: {lapnet.analysis.COMPILATION}"
