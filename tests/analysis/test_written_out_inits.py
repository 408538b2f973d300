"""The frozen dataclasses that write their ``__init__`` out (so that mypyc compiles it: see
:mod:`lapnet.analysis.types`) take exactly their fields, in order, with their defaults, and set each
one, as the ``__init__`` the dataclass would generate does; and they stay frozen."""

from __future__ import annotations

import ast
import dataclasses
from pathlib import Path

import pytest

from lapnet.analysis.types import Evidence, Hop, HopVerdict, Indicators, Kind, Result, Source

ANALYSIS = Path(__file__).resolve().parents[2] / "lapnet" / "analysis"


def _written_out() -> list[tuple[str, ast.ClassDef, ast.FunctionDef]]:
    found = []
    for path in sorted(ANALYSIS.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef) and any(
                "dataclass" in ast.unparse(d) for d in node.decorator_list
            ):
                for statement in node.body:
                    if isinstance(statement, ast.FunctionDef) and statement.name == "__init__":
                        found.append((f"{path.relative_to(ANALYSIS)}:{node.name}", node, statement))
    return found


WRITTEN_OUT = _written_out()


def _fields(cls: ast.ClassDef) -> list[tuple[str, str, str | None]]:
    """(name, annotation, default) of each field, as source text; a default factory ``X`` as ``X()``."""
    fields = []
    for statement in cls.body:
        if not (isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name)):
            continue
        value = statement.value
        default = None if value is None else ast.unparse(value)
        if isinstance(value, ast.Call) and ast.unparse(value.func) == "field":
            keywords = {keyword.arg: keyword.value for keyword in value.keywords}
            assert "init" not in keywords, "a field left out of __init__: teach this test about it"
            if "default_factory" in keywords:
                default = f"{ast.unparse(keywords['default_factory'])}()"
            else:
                default = ast.unparse(keywords["default"]) if "default" in keywords else None
        fields.append((statement.target.id, ast.unparse(statement.annotation), default))
    return fields


def test_the_hot_classes_write_their_init_out() -> None:
    names = {name.split(":")[1] for name, _, _ in WRITTEN_OUT}
    assert {"Hop", "Indicator", "Evidence", "Result", "HtmlLink", "ParsedUrl", "DomainInfo"} <= names


@pytest.mark.parametrize(("name", "cls", "init"), WRITTEN_OUT, ids=[name for name, _, _ in WRITTEN_OUT])
def test_a_written_out_init_takes_and_sets_exactly_the_fields(
    name: str, cls: ast.ClassDef, init: ast.FunctionDef
) -> None:
    fields = _fields(cls)
    arguments = init.args
    assert not (arguments.posonlyargs or arguments.kwonlyargs or arguments.vararg or arguments.kwarg), name
    assert [argument.arg for argument in arguments.args] == ["self", *(field[0] for field in fields)]
    annotations = [ast.unparse(argument.annotation) for argument in arguments.args[1:] if argument.annotation]
    assert annotations == [field[1] for field in fields], name
    defaults = [ast.unparse(default) for default in arguments.defaults]
    assert defaults == [field[2] for field in fields if field[2] is not None], name
    assert [field[2] is not None for field in fields] == sorted(field[2] is not None for field in fields)
    sets = [ast.unparse(statement) for statement in init.body]
    assert sets == [f"object.__setattr__(self, '{field}', {field})" for field, _, _ in fields], name


def test_objects_built_by_a_written_out_init_equal_and_hash_as_the_fields_say() -> None:
    hop = Hop(0, "from a by b", "postfix", ip="192.0.2.1", verdict=HopVerdict.ORIGIN, flags=("bogon",))
    assert dataclasses.astuple(hop)[:3] == (0, "from a by b", "postfix")
    assert hop == dataclasses.replace(hop) and hash(hop) == hash(dataclasses.replace(hop))
    assert hop.timestamp is None and hop.flags == ("bogon",)
    result = Result(Source("x"), "0" * 64, 1, Kind.EMAIL)
    assert result.indicators == Indicators() and result.defects == ()
    assert all(hasattr(result, field.name) for field in dataclasses.fields(Result))  # every field set


def test_they_stay_frozen() -> None:
    evidence = Evidence("phishing.verify_account[en]", "verify your account", 0.6)
    with pytest.raises(dataclasses.FrozenInstanceError):
        evidence.weight = 1.0  # type: ignore[misc]
