"""The surge rule, pure: does an entity's volume in the recent week jump against its own baseline?

The baseline is the entity's weekly report counts over the eight weeks before the recent week
(weeks without reports count as 0). A week is flagged when all three hold:

- ``recent >= MIN_RECENT`` (5): a handful of reports is not a trend;
- ``recent >= MIN_RATIO * mean`` (1.5): a big entity's ordinary noise is not a surge;
- ``z >= Z_THRESHOLD`` (3), with ``z = (recent - mean) / max(sd, sqrt(max(mean, 1)))``.

The denominator is the baseline's sample standard deviation, but never less than the Poisson
deviation of its mean (``sqrt(mean)``, at least 1): a perfectly steady baseline (sd 0) would otherwise
turn any one extra report into an infinite score. A new entity (baseline all zeros) is flagged once
it reaches ``MIN_RECENT`` reports in a week (z = recent). See docs/watching.md.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta
from statistics import fmean, stdev

RECENT_WINDOW = timedelta(days=7)
BASELINE_WEEKS = 8
MIN_RECENT = 5
MIN_RATIO = 1.5
Z_THRESHOLD = 3.0


@dataclass(frozen=True, slots=True)
class Assessment:
    recent: int
    weekly: tuple[int, ...]  # baseline weeks, most recent first
    mean: float
    sd: float
    score: float
    is_surge: bool


def assess(
    recent: int,
    weekly: Sequence[int],
    *,
    min_recent: int = MIN_RECENT,
    min_ratio: float = MIN_RATIO,
    threshold: float = Z_THRESHOLD,
) -> Assessment:
    weeks = tuple(weekly)
    mean = fmean(weeks) if weeks else 0.0
    sd = stdev(weeks) if len(weeks) > 1 else 0.0
    spread = max(sd, math.sqrt(max(mean, 1.0)))
    score = (recent - mean) / spread
    is_surge = recent >= min_recent and recent >= min_ratio * mean and score >= threshold
    return Assessment(recent, weeks, mean, sd, score, is_surge)
