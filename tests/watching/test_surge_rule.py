"""The surge rule on its own (no database): a jump against the entity's own weekly baseline is
flagged; steady or noisy volume, small numbers and ordinary growth of a big entity are not."""

from __future__ import annotations

import pytest

from lapnet.watching.surge import MIN_RECENT, assess


def test_a_jump_against_a_steady_baseline_is_a_surge() -> None:
    verdict = assess(30, [5, 6, 4, 5, 5, 6, 4, 5])
    assert verdict.is_surge
    assert verdict.mean == 5.0
    assert verdict.score > 10


def test_steady_volume_is_not_a_surge() -> None:
    assert not assess(10, [10] * 8).is_surge
    assert not assess(12, [10] * 8).is_surge, "sd 0: the Poisson deviation of the mean is the floor"


def test_a_noisy_baseline_absorbs_what_it_usually_does() -> None:
    assert not assess(25, [0, 20, 0, 20, 0, 20, 0, 20]).is_surge


def test_a_new_entity_is_a_surge_once_it_reaches_the_minimum() -> None:
    assert assess(MIN_RECENT, [0] * 8).is_surge
    assert not assess(MIN_RECENT - 1, [0] * 8).is_surge, "a handful of reports is not a trend"


def test_a_big_entitys_ordinary_growth_is_not_a_surge() -> None:
    verdict = assess(1400, [1000, 1010, 990, 1000, 1005, 995, 1000, 1000])
    assert verdict.score > 3, "statistically significant"
    assert not verdict.is_surge, "but less than one and a half times the usual week"


@pytest.mark.parametrize("weekly", [[], [3]])
def test_a_short_history_still_gives_a_verdict(weekly: list[int]) -> None:
    assert assess(20, weekly).is_surge


def test_the_baseline_is_kept_for_display() -> None:
    verdict = assess(9, [1, 2, 3, 2, 1, 2, 3, 2])
    assert verdict.weekly == (1, 2, 3, 2, 1, 2, 3, 2)
    assert (verdict.recent, round(verdict.mean, 2), round(verdict.sd, 2)) == (9, 2.0, 0.76)
