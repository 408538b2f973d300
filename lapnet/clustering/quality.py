"""Clustering quality against ground truth: pairwise precision, recall, F1 and the adjusted Rand index.

Pairwise: every pair of reports is a decision (same campaign or not). Precision is the share of
pairs put together that belong together; recall the share of pairs that belong together that were
put together. A report with no true campaign (background noise) is a campaign of its own.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Scores:
    reports: int
    precision: float
    recall: float
    f1: float
    adjusted_rand: float
    true_campaigns: int
    found_campaigns: int


def _pairs(count: int) -> int:
    return count * (count - 1) // 2


def pairwise_scores(truth: Sequence[Hashable | None], found: Sequence[Hashable]) -> Scores:
    """Compare two labelings of the same reports (``None`` in ``truth``: a campaign of its own)."""
    assert len(truth) == len(found)
    labels = [label if label is not None else ("noise", index) for index, label in enumerate(truth)]
    together = sum(_pairs(count) for count in Counter(zip(labels, found, strict=True)).values())
    true_pairs = sum(_pairs(count) for count in Counter(labels).values())
    found_pairs = sum(_pairs(count) for count in Counter(found).values())
    precision = together / found_pairs if found_pairs else 1.0
    recall = together / true_pairs if true_pairs else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    total = _pairs(len(labels))
    expected = true_pairs * found_pairs / total if total else 0.0
    maximum = (true_pairs + found_pairs) / 2
    adjusted = (together - expected) / (maximum - expected) if maximum != expected else 1.0
    return Scores(len(labels), precision, recall, f1, adjusted, len(set(labels)), len(set(found)))
