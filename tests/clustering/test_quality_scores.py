"""Pairwise precision, recall, F1 and adjusted Rand index, checked on labelings small enough to count."""

from __future__ import annotations

import pytest

from lapnet.clustering.quality import pairwise_scores


def test_a_perfect_clustering_scores_one() -> None:
    scores = pairwise_scores(["a", "a", "b", None], [1, 1, 2, 3])
    assert (scores.precision, scores.recall, scores.f1, scores.adjusted_rand) == (1.0, 1.0, 1.0, 1.0)


def test_merging_two_campaigns_costs_precision_not_recall() -> None:
    scores = pairwise_scores(["a", "a", "b", "b"], [1, 1, 1, 1])
    assert scores.recall == 1.0
    assert scores.precision == pytest.approx(2 / 6)
    assert scores.adjusted_rand == pytest.approx(0.0)


def test_noise_reports_are_campaigns_of_their_own() -> None:
    scores = pairwise_scores([None, None], [1, 1])
    assert scores.precision == 0.0
