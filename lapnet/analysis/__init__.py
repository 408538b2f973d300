"""The pure-Python analysis core: raw evidence bytes in, typed frozen results out.

This package never imports Django (a lint rule enforces it) and never raises on hostile input: what
is wrong with the input is recorded as :class:`~lapnet.analysis.types.Defect` instead.

Its modules may run compiled: ``scripts/compile-analysis`` (run by ``scripts/bootstrap`` and by
``make test`` / ``make bench`` when a source changed) builds them with mypyc into C extensions beside
the .py files, which Python then imports instead. The results are the same either way. This module
decides which is used, all of them or none: the .py files if there are no extensions, if
``LAPNET_PURE_PYTHON=1``, or if a source is newer than the extensions (an edited module must never
be shadowed by its old compiled self). :data:`COMPILATION` says which.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from importlib.abc import MetaPathFinder
from importlib.machinery import EXTENSION_SUFFIXES, SOURCE_SUFFIXES, FileFinder, ModuleSpec, SourceFileLoader
from pathlib import Path
from types import ModuleType

__all__ = ["COMPILATION", "COMPILED"]


class _Interpreted(MetaPathFinder):
    """Finds this package's modules as .py files, never as the compiled extensions beside them."""

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> ModuleSpec | None:
        if path is None or not fullname.startswith(f"{__name__}."):
            return None
        for entry in path:
            spec = FileFinder(entry, (SourceFileLoader, SOURCE_SUFFIXES)).find_spec(fullname, target)
            if spec is not None:
                return spec
        return None


def _compilation() -> str:
    here = Path(__file__).resolve().parent
    shared = [here / f"_compiled__mypyc{suffix}" for suffix in EXTENSION_SUFFIXES]
    built = [path.stat().st_mtime for path in shared if path.exists()]
    if not built:
        return "pure Python (not compiled: scripts/compile-analysis)"
    if os.environ.get("LAPNET_PURE_PYTHON", "") not in {"", "0"}:
        return "pure Python (LAPNET_PURE_PYTHON is set)"
    if any(path.stat().st_mtime > min(built) for path in here.rglob("*.py")):
        return "pure Python (the compiled modules are older than the sources: scripts/compile-analysis)"
    return "compiled (mypyc)"


COMPILATION: str = _compilation()
COMPILED: bool = COMPILATION.startswith("compiled")
if not COMPILED and not any(isinstance(finder, _Interpreted) for finder in sys.meta_path):
    sys.meta_path.insert(0, _Interpreted())
