"""The analysis core runs compiled (mypyc, ``scripts/compile-analysis``) or as pure Python, to the same
results; ``LAPNET_PURE_PYTHON=1`` chooses the .py files even where the extensions are built."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import lapnet
import lapnet.analysis
from tests.corpora import corpora_root

REPOSITORY = Path(lapnet.__file__).resolve().parents[1]
# small corpora of odd shapes (MIME torture tests, ARF, X-ARF, bounces) and one folder of real mail
FOLDERS = (
    "fixtures-eml-parser",
    "fixtures-mikel-mail",
    "fixtures-spamscope-mail-parser",
    "fixtures-zbateson-mail-mime-parser",
    "abuseio-notifier-samples",
    "abusix-xarf-samples",
    "xarf-spec-samples",
    "spamassassin-public-corpus/hard_ham",
)


def run_python(code: str, *, pure: bool, args: tuple[str, ...] = ()) -> str:
    environment = {**os.environ, "PYTHONPATH": str(REPOSITORY)}
    environment.pop("LAPNET_PURE_PYTHON", None)
    if pure:
        environment["LAPNET_PURE_PYTHON"] = "1"
    done = subprocess.run(
        [sys.executable, "-c", code, *args],
        env=environment,
        cwd=REPOSITORY,
        capture_output=True,
        text=True,
        check=True,
        timeout=600,
    )
    return done.stdout


def test_pure_python_mode_imports_the_py_files() -> None:
    shown = run_python(
        "import lapnet.analysis as p, lapnet.analysis.analyze as a, lapnet.analysis.classify.rules as r;"
        "print(p.COMPILED, a.__file__.endswith('.py'), r.__file__.endswith('.py'))",
        pure=True,
    )
    assert shown.split() == ["False", "True", "True"]


@pytest.mark.corpora
@pytest.mark.slow
def test_compiled_and_pure_python_give_the_same_results_on_the_corpora() -> None:
    if not lapnet.analysis.COMPILED:
        pytest.skip(f"nothing to compare: lapnet.analysis runs as {lapnet.analysis.COMPILATION}")
    paths = tuple(str(corpora_root() / folder) for folder in FOLDERS)
    code = (
        "import sys, lapnet.analysis as p; from lapnet.cli import main;"
        "print(p.COMPILATION, flush=True); main(['analyze', *sys.argv[1:]])"
    )
    compiled = run_python(code, pure=False, args=paths).splitlines()
    pure = run_python(code, pure=True, args=paths).splitlines()
    assert compiled[0] == "compiled (mypyc)"
    assert pure[0].startswith("pure Python")
    assert len(compiled) > 400
    assert compiled[1:] == pure[1:]
