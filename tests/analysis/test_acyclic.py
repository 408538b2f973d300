"""The classes marked ``@mypyc_attr(acyclic=True)`` (see :mod:`lapnet.analysis.types`) can never be
part of a reference cycle, and compiled, the collector does not track them.

Compiled, the collector never traces such an instance: were one part of a cycle, the cycle would never
be freed. A cycle needs a path from an object back to itself, so each field of a marked class may hold
only what cannot lead back: strings, bytes, numbers, enums, containers of those, and instances of
other marked classes (or of frozen dataclasses whose own fields pass the same test). The fields are
read from the source (the class's annotations), so that a field added later is checked too.
"""

from __future__ import annotations

import ast
import collections.abc
import dataclasses
import enum
import gc
import importlib
import types
import typing
from pathlib import Path

import pytest

from lapnet.analysis import COMPILED
from lapnet.analysis.types import Kind, Result, Source

ANALYSIS = Path(__file__).resolve().parents[2] / "lapnet" / "analysis"


def _marked() -> list[tuple[str, str, ast.ClassDef]]:
    """(module, class name, class node) of each class marked acyclic."""
    found = []
    for path in sorted(ANALYSIS.rglob("*.py")):
        module = ".".join(("lapnet", "analysis", *path.relative_to(ANALYSIS).with_suffix("").parts))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef) and any(
                ast.unparse(decorator).replace(" ", "") == "mypyc_attr(acyclic=True)"
                for decorator in node.decorator_list
            ):
                found.append((module, node.name, node))
    return found


MARKED = _marked()
MARKED_NAMES = {f"{module}.{name}" for module, name, _ in MARKED}
ATOMIC = (str, bytes, int, float, bool, type(None))
CONTAINERS = {
    tuple,
    list,
    set,
    frozenset,
    dict,
    collections.abc.Mapping,
    collections.abc.Sequence,
    collections.abc.Set,
    collections.abc.KeysView,
}


def _annotations(node: ast.ClassDef) -> dict[str, str]:
    """Each field's annotation as written: the class body's ``name: type`` lines."""
    return {
        statement.target.id: ast.unparse(statement.annotation)
        for statement in node.body
        if isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name)
    }


def _class_node(module: str, name: str) -> ast.ClassDef:
    path = ANALYSIS.joinpath(*module.split(".")[2:]).with_suffix(".py")
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ClassDef) and node.name == name:
            return node
    raise LookupError(f"no class {name} in {path}")


def _field_types(cls: type) -> dict[str, object]:
    """Each field's type, from the annotations of the class's source (a compiled class keeps none
    that say more than ``type``)."""
    namespace = vars(importlib.import_module(cls.__module__))
    annotations = _annotations(_class_node(cls.__module__, cls.__name__))
    return {field: eval(annotation, namespace) for field, annotation in annotations.items()}  # our own source


def _problems(hint: object, seen: set[type]) -> list[str]:
    """Why a value of this type might lead back to the object holding it (nothing: it cannot)."""
    if hint in ATOMIC:
        return []
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        return [problem for arg in typing.get_args(hint) for problem in _problems(arg, seen)]
    if origin in CONTAINERS:
        return [
            problem for arg in typing.get_args(hint) if arg is not ... for problem in _problems(arg, seen)
        ]
    if isinstance(hint, type):
        if issubclass(hint, enum.Enum) or hint in seen:
            return []
        if f"{hint.__module__}.{hint.__qualname__}" in MARKED_NAMES:
            return []  # checked on its own
        if dataclasses.is_dataclass(hint) and hint.__dataclass_params__.frozen:  # type: ignore[attr-defined]
            seen.add(hint)
            return [problem for field in _field_types(hint).values() for problem in _problems(field, seen)]
    return [repr(hint)]


def test_the_result_classes_are_marked() -> None:
    names = {name for _, name, _ in MARKED}
    assert {
        "Result",
        "Indicator",
        "Indicators",
        "Hop",
        "Origin",
        "Evidence",
        "Defect",
        "Jurisdiction",
    } <= names
    assert {"Hit", "ParsedUrl", "DomainInfo", "HtmlLink", "TextPart", "_Entry", "_Part"} <= names


@pytest.mark.parametrize(("module", "name", "node"), MARKED, ids=[f"{m}.{n}" for m, n, _ in MARKED])
def test_a_marked_class_holds_nothing_that_can_lead_back_to_it(
    module: str, name: str, node: ast.ClassDef
) -> None:
    namespace = vars(importlib.import_module(module))
    annotations = _annotations(node)
    assert annotations, f"{name}: no annotated fields to check (annotate its slots in the class body)"
    slots = getattr(namespace[name], "__slots__", None)
    if slots is not None and not dataclasses.is_dataclass(namespace[name]):
        assert set(slots) == set(annotations), f"{name}: every slot must be annotated in the class body"
    for field, annotation in annotations.items():
        hint = eval(annotation, namespace)  # the annotation text of our own source
        problems = _problems(hint, set())
        assert not problems, f"{name}.{field}: {annotation} may hold {problems}, which may lead back"


@pytest.mark.skipif(not COMPILED, reason="the mark changes only the compiled classes")
def test_compiled_marked_instances_are_not_tracked_by_the_collector() -> None:
    for module, name, _ in MARKED:
        cls = getattr(importlib.import_module(module), name)
        assert not cls.__flags__ & (1 << 14), f"{module}.{name} is a collector-tracked type"  # HAVE_GC
    result = Result(Source("x"), "", 0, Kind.EMAIL)
    assert not gc.is_tracked(result)


def test_the_check_tells_what_may_lead_back() -> None:
    import email.message

    from lapnet.analysis.message import ParsedMessage
    from lapnet.analysis.types import Defect

    assert _problems(tuple[Defect, ...] | None, set()) == []
    assert _problems(dict[str, tuple[str, ...]], set()) == []
    assert _problems(list[email.message.Message], set()) == [repr(email.message.Message)]
    assert _problems(object, set()) == [repr(object)]
    assert _problems(ParsedMessage, set())  # a frozen dataclass holding the stdlib's mutable tree
