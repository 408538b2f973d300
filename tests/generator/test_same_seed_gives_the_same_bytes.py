"""A generation is a function of its parameters: the same seed gives the same bytes, every time."""

from __future__ import annotations

from lapnet.generator import iter_reports, plan


def _digest(seed: int) -> list[tuple[str, bytes]]:
    return [(r.name, r.data) for r in iter_reports(campaigns=12, reports=150, seed=seed)]


def test_the_same_seed_gives_the_same_reports() -> None:
    assert _digest(7) == _digest(7)


def test_another_seed_gives_other_reports() -> None:
    assert _digest(7) != _digest(8)


def test_iterating_a_generation_twice_gives_the_same_reports_and_ground_truth() -> None:
    generation = plan(campaigns=8, reports=120, seed=3, noise=0.2)
    first = [(r.data, r.truth()) for r in generation.reports()]
    second = [(r.data, r.truth()) for r in generation.reports()]
    assert first == second
    assert (
        generation.campaigns_document()
        == plan(campaigns=8, reports=120, seed=3, noise=0.2).campaigns_document()
    )
