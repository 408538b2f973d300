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
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib import resources
from typing import Any

MODEL_FORMAT = "lapnet-category-model/1"
MODEL_RESOURCE = "data/category_model.json"


@dataclass(frozen=True, slots=True)
class SpamModel:
    version: str
    intercept: float
    weights: Mapping[str, float]
    text_chars: int  # how much of the body the model was trained on (features.MODEL_TEXT_CHARS)

    def weigh(self, features: Iterable[str]) -> tuple[float, int]:
        """(spam probability, how many of the features the model knows): one lookup per feature."""
        found = list(map(self.weights.get, features))
        known = len(found) - found.count(None)
        return _sigmoid(self.intercept + sum(filter(None, found))), known

    def probability(self, features: Iterable[str]) -> float:
        return self.weigh(features)[0]

    def heaviest(self, features: Iterable[str], count: int, towards_spam: bool) -> list[tuple[str, float]]:
        """The ``count`` present features that pushed hardest towards spam (or towards ham)."""
        get = self.weights.get
        sign = 1.0 if towards_spam else -1.0
        weighed = [(feature, weight) for feature in features if (weight := get(feature, 0.0)) * sign > 0]
        weighed.sort(key=lambda item: (-abs(item[1]), item[0]))
        return weighed[:count]


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


ABSENT = SpamModel(version="category-model absent", intercept=0.0, weights={}, text_chars=3000)


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
