"""The learned spam/ham model at run time: a logistic regression read from JSON, scored in pure Python.

``lapnet/analysis/data/category_model.json`` holds the vocabulary with one weight per feature, the
intercept, the version, the command that trained it and a summary of the data. It is read with
:mod:`json` once, at import: no pickle, no joblib, no scikit-learn at run time. Scoring a message is
one dictionary lookup per distinct feature and a sigmoid.

The file is part of the package. A malformed file fails the import loudly. A missing one (only while
bootstrapping: the training command imports this package before it has written the file) gives the
``ABSENT`` model, with a warning: its version says so in every result, it knows no feature, and the
classifier then decides on decisive rules only. A test makes sure the shipped file is there.
"""

from __future__ import annotations

import json
import math
import warnings
from bisect import insort
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from importlib import resources
from typing import Any, Final

MODEL_FORMAT: Final = "lapnet-category-model/1"
MODEL_RESOURCE: Final = "data/category_model.json"
_TOP_RANKS: Final = 256  # see SpamModel._top_ranks


@dataclass(frozen=True, slots=True)
class SpamModel:
    version: str
    intercept: float
    weights: dict[str, float]
    text_chars: int  # how much of the body the model was trained on (features.MODEL_TEXT_CHARS)
    # The features pushing towards spam (and towards ham) by rank, heaviest first, ties by name; each
    # feature's rank (from 1), and the ranks of the heaviest few alone: a message's heaviest features
    # are the lowest ranks among its own, found in C, and usually among those few (a small table).
    _ranked: dict[bool, list[tuple[str, float]]] = field(init=False, repr=False, compare=False)
    _ranks: dict[bool, dict[str, int]] = field(init=False, repr=False, compare=False)
    _top_ranks: dict[bool, dict[str, int]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        ranked: dict[bool, list[tuple[str, float]]] = {}
        ranks: dict[bool, dict[str, int]] = {}
        for towards_spam, sign in ((True, 1.0), (False, -1.0)):
            side = sorted(
                ((feature, weight) for feature, weight in self.weights.items() if weight * sign > 0),
                key=lambda item: (-abs(item[1]), item[0]),
            )
            ranked[towards_spam] = [("", 0.0), *side]
            ranks[towards_spam] = {feature: rank for rank, (feature, _) in enumerate(side, 1)}
        top = {side: {f: r for f, r in table.items() if r <= _TOP_RANKS} for side, table in ranks.items()}
        object.__setattr__(self, "_ranked", ranked)
        object.__setattr__(self, "_ranks", ranks)
        object.__setattr__(self, "_top_ranks", top)

    def weigh(self, features: Iterable[str]) -> tuple[float, int]:
        """(spam probability, how many of the features the model knows): one lookup per feature."""
        probability, known = self.weigh_known(features)
        return probability, len(known)

    def weigh_known(self, features: Iterable[str]) -> tuple[float, list[str]]:
        """(spam probability, the features the model knows, in the order given): what :meth:`heaviest`
        needs to read, a message's known features being about half of them."""
        weights = self.weights
        found: list[float] = []
        known: list[str] = []
        for feature in features:
            weight = weights.get(feature)
            if weight is not None:
                found.append(weight)
                known.append(feature)
        # sum() of floats is compensated (CPython 3.12+): summed as a list, as always, for the same bits
        return _sigmoid(self.intercept + sum(found)), known

    def probability(self, features: Iterable[str]) -> float:
        return self.weigh(features)[0]

    def heaviest(self, features: Iterable[str], count: int, towards_spam: bool) -> list[tuple[str, float]]:
        """The ``count`` present features that pushed hardest towards spam (or towards ham), heaviest
        first, ties by name."""
        found = _lowest(self._top_ranks[towards_spam], features, count)
        if len(found) < count:  # fewer than that among the heaviest few: rank them all
            found = _lowest(self._ranks[towards_spam], features, count)
        ranked = self._ranked[towards_spam]
        return [ranked[rank] for rank in found]


def _lowest(ranks: dict[str, int], features: Iterable[str], count: int) -> list[int]:
    """The ``count`` lowest ranks of the features that have one, in order (kept as they come, rather
    than all of them sorted: a spammy message holds dozens of the heaviest features)."""
    lowest: list[int] = []
    for feature in features:
        rank = ranks.get(feature)
        if rank is not None and (len(lowest) < count or rank < lowest[-1]):
            insort(lowest, rank)
            if len(lowest) > count:
                lowest.pop()
    return lowest


def _sigmoid(value: float) -> float:
    if value >= 0:
        return 1.0 / (1.0 + math.exp(-value))
    exponential = math.exp(value)
    return exponential / (1.0 + exponential)


def model_from_json(document: Mapping[str, Any]) -> SpamModel:
    if document.get("format") != MODEL_FORMAT:
        raise ValueError(f"not a {MODEL_FORMAT} document: format={document.get('format')!r}")
    weights = document["weights"]
    if not isinstance(weights, dict) or not all(isinstance(value, float | int) for value in weights.values()):
        raise ValueError("the model's weights must map feature names to numbers")
    return SpamModel(
        version=str(document["version"]),
        intercept=float(document["intercept"]),
        weights={str(key): float(value) for key, value in weights.items()},
        text_chars=int(document["text_chars"]),
    )


ABSENT: Final = SpamModel(version="category-model absent", intercept=0.0, weights={}, text_chars=3000)


def load_model() -> SpamModel:
    """The model shipped in the package."""
    resource = resources.files("lapnet.analysis").joinpath(MODEL_RESOURCE)
    if not resource.is_file():
        warnings.warn(
            f"lapnet/analysis/{MODEL_RESOURCE} is missing: run scripts/train-category-model", stacklevel=2
        )
        return ABSENT
    raw = resource.read_text(encoding="utf-8")
    try:
        return model_from_json(json.loads(raw))
    except (KeyError, TypeError, ValueError) as error:
        raise RuntimeError(
            f"lapnet/analysis/{MODEL_RESOURCE} is not a valid category model: {error}"
        ) from error
