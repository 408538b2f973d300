"""Results as JSON-ready dictionaries, and back.

One generic walk over the frozen dataclasses: enums become their values, tuples lists, and the field
``from_`` (``from`` is a Python keyword) becomes ``from``. Attribute pairs become objects. The schema
is documented in ``docs/analysis-result.md``.
"""

from __future__ import annotations

import dataclasses
import json
from enum import Enum
from typing import Any, Final

from lapnet.analysis.types import Result

_RENAMES: Final = {"from_": "from"}
_PAIR_FIELDS: Final = frozenset({"attributes"})


def to_dict(result: Result) -> dict[str, Any]:
    value = _plain(result)
    assert isinstance(value, dict)
    return value


def to_json(result: Result, *, indent: int | None = None) -> str:
    return json.dumps(
        to_dict(result), ensure_ascii=False, indent=indent, separators=None if indent else (",", ":")
    )


def _plain(value: object) -> object:
    kind = type(value)
    if kind in _SCALARS:
        return value
    if kind is tuple or kind is list:
        return [_plain(item) for item in value]  # type: ignore[attr-defined]
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, tuple | list):
        return [_plain(item) for item in value]
    plan = _PLANS.get(type(value))
    if plan is None:
        if not dataclasses.is_dataclass(value) or isinstance(value, type):
            return value
        plan = _PLANS[type(value)] = _plan(type(value))
    out: dict[str, object] = {}
    for name, key, how in plan:
        raw = getattr(value, name)
        if how == _PAIRS:
            out[key] = dict(raw)
        elif how == _LIST_OF_PAIRS:
            out[key] = [[pair_key, text] for pair_key, text in raw]
        else:
            out[key] = _plain(raw)
    return out


_SCALARS: Final = frozenset({str, int, float, bool, type(None)})
_PAIRS, _LIST_OF_PAIRS, _VALUE = 1, 2, 0
# per dataclass: (attribute, key in the dictionary, how to write it); read once per class, not per value
_PLANS: dict[type, tuple[tuple[str, str, int], ...]] = {}


def _plan(cls: type) -> tuple[tuple[str, str, int], ...]:
    plan = []
    for item in dataclasses.fields(cls):
        if item.name in _PAIR_FIELDS:
            how = _PAIRS
        elif item.name == "fields":  # report fields keep order and repeats: a list of pairs
            how = _LIST_OF_PAIRS
        else:
            how = _VALUE
        plan.append((item.name, _RENAMES.get(item.name, item.name), how))
    return tuple(plan)
