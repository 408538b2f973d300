"""Results as JSON-ready dictionaries, and back.

One generic walk over the frozen dataclasses: enums become their values, tuples lists, and the field
``from_`` (``from`` is a Python keyword) becomes ``from``. Attribute pairs become objects. The schema
is documented in ``docs/analysis-result.md``.
"""

from __future__ import annotations

import dataclasses
import json
from enum import Enum
from typing import Any

from lapnet.analysis.types import Result

_RENAMES = {"from_": "from"}
_PAIR_FIELDS = frozenset({"attributes"})


def to_dict(result: Result) -> dict[str, Any]:
    value = _plain(result)
    assert isinstance(value, dict)
    return value


def to_json(result: Result, *, indent: int | None = None) -> str:
    return json.dumps(
        to_dict(result), ensure_ascii=False, indent=indent, separators=None if indent else (",", ":")
    )


def _plain(value: object) -> object:
    if isinstance(value, Enum):
        return value.value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        out: dict[str, object] = {}
        for item in dataclasses.fields(value):
            raw = getattr(value, item.name)
            if item.name in _PAIR_FIELDS:
                out[item.name] = dict(raw)
            elif item.name == "fields":  # report fields keep order and repeats: a list of pairs
                out[item.name] = [[key, text] for key, text in raw]
            else:
                out[_RENAMES.get(item.name, item.name)] = _plain(raw)
        return out
    if isinstance(value, tuple | list):
        return [_plain(item) for item in value]
    return value
