"""Access to the public corpora in ../shared/corpora for tests.

``LAPNET_CORPORA`` names the folder. When it is set (CI) and the folder is missing, tests fail; when it
is unset (a user's clone without the corpora), tests that need them skip with a clear reason.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from lapnet.analysis.sources import Item


def corpora_root() -> Path:
    value = os.environ.get("LAPNET_CORPORA")
    if not value:
        pytest.skip("LAPNET_CORPORA is not set: the public test corpora are not available in this clone")
    root = Path(value)
    if not root.is_dir():
        pytest.fail(f"LAPNET_CORPORA={value} is set but is not a folder")
    return root


def corpus_file(relative: str) -> Path:
    """A file inside the corpora; fails (never skips) when the corpora are there but the file is not."""
    path = corpora_root() / relative
    if not path.exists():
        pytest.fail(f"corpus file {relative} is missing from {corpora_root()}")
    return path


def corpus_bytes(relative: str) -> bytes:
    return corpus_file(relative).read_bytes()


def corpus_mail() -> Iterator[Item]:
    """Every message of the corpora that is mail (each file and each mbox record; SMS records left
    out), as the analysis reads them."""
    from lapnet.analysis.sources import iter_files, iter_items

    for path in iter_files([corpora_root()]):
        for item in iter_items(path, path.read_bytes()):
            if item.sms is None:
                yield item
