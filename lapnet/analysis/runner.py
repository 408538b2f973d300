"""Running the analysis over files and folders, in one process or several.

The command line (``lapnet analyze``) and the benchmarks use this; the platform's background tasks
call :func:`lapnet.analysis.analyze.analyze_item` directly on stored bytes. Items are analysed in
batches (:func:`lapnet.analysis.analyze.analyze_items`, stage by stage): the same results, sooner.
"""

from __future__ import annotations

import ipaddress
import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path

from lapnet.analysis.analyze import AnalysisConfig, analyze_items
from lapnet.analysis.origin import TrustConfig
from lapnet.analysis.serialize import to_dict
from lapnet.analysis.sources import Item, iter_files, iter_items
from lapnet.analysis.types import Kind, Source

# files handed to a worker at once: large enough to amortise inter-process traffic, small enough that
# the last batches keep both workers busy and progress moves
FILES_PER_BATCH = 16
# items analysed together, stage by stage (analyze_items): enough for each stage's tables to stay in
# the caches from one item to the next; the bytes bound what a batch holds in memory at once
BATCH_ITEMS = 32
BATCH_BYTES = 16 * 1024 * 1024


def parse_networks(text: str) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
    """``"192.0.2.0/24, 2001:db8::/32"`` -> networks; raises ValueError naming the bad one."""
    networks = []
    for raw in text.split(","):
        piece = raw.strip()
        if not piece:
            continue
        try:
            networks.append(ipaddress.ip_network(piece, strict=False))
        except ValueError as error:
            raise ValueError(f"not a network in CIDR notation: {piece!r}") from error
    return tuple(networks)


def make_config(trusted_networks: str = "", reporter_country: str | None = None) -> AnalysisConfig:
    return AnalysisConfig(
        trust=TrustConfig(trusted_networks=parse_networks(trusted_networks)),
        reporter_country=reporter_country.upper() if reporter_country else None,
    )


def _file_items(path: Path, kind: Kind | None) -> Iterator[Item]:
    try:
        data = path.read_bytes()
    except OSError as error:  # reported on a result of its own, the run goes on
        yield Item(Source(str(path)), b"", kind, read_error=str(error.strerror or error))
    else:
        yield from iter_items(path, data, kind)


def analyze_paths(
    paths: Sequence[str],
    *,
    config: AnalysisConfig,
    kind: Kind | None = None,
    workers: int = 1,
    on_file: Callable[[], None] | None = None,
) -> Iterator[dict[str, object]]:
    """Results as JSON-ready dictionaries, in input order, streamed.

    With several workers, the parent only lists the files: each worker reads its files, splits them
    into items, analyses them and serialises the results, a batch of files at a time. The parent
    process would otherwise compete with the workers for the cores, reading and pickling bytes.
    """
    if workers <= 1:
        for results, ends_file in _analyze_files(iter_files(paths), kind, config):
            yield from results
            if ends_file and on_file is not None:
                on_file()
        return
    context = multiprocessing.get_context("spawn" if os.name != "posix" else "fork")
    batches = _batches(iter_files(paths), FILES_PER_BATCH)
    with context.Pool(workers, initializer=_init_worker, initargs=(config, kind)) as pool:
        for batch in pool.imap(_analyze_files_in_worker, batches):
            for results in batch:
                yield from results
                if on_file is not None:
                    on_file()


def count_files(paths: Iterable[str]) -> int:
    return sum(1 for _ in iter_files(paths))


def _batches(files: Iterable[Path], size: int) -> Iterator[list[str]]:
    batch: list[str] = []
    for path in files:
        batch.append(str(path))
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


_WORKER_CONFIG: AnalysisConfig | None = None
_WORKER_KIND: Kind | None = None


def _init_worker(config: AnalysisConfig, kind: Kind | None) -> None:
    global _WORKER_CONFIG, _WORKER_KIND  # noqa: PLW0603 - one configuration per worker process
    _WORKER_CONFIG = config
    _WORKER_KIND = kind


def _analyze_files_in_worker(paths: list[str]) -> list[list[dict[str, object]]]:
    """Each file's results, in order: one list per file (the parent counts files for its progress)."""
    config = _WORKER_CONFIG or AnalysisConfig()
    files: list[list[dict[str, object]]] = []
    current: list[dict[str, object]] = []
    for results, ends_file in _analyze_files(map(Path, paths), _WORKER_KIND, config):
        current.extend(results)
        if ends_file:
            files.append(current)
            current = []
    return files


def _analyze_files(
    files: Iterable[Path], kind: Kind | None, config: AnalysisConfig
) -> Iterator[tuple[list[dict[str, object]], bool]]:
    """The files' results in order, as they are analysed: pairs of (the results of some of a file's
    items, whether that file ends there). Items go to :func:`analyze_items` in batches that may span
    files (``BATCH_ITEMS`` items or ``BATCH_BYTES`` bytes, whichever comes first)."""
    queue: list[Item | None] = []  # items read and not yet analysed, None where a file ends
    size = 0
    for path in files:
        for item in _file_items(path, kind):
            queue.append(item)
            size += len(item.data)
            if len(queue) >= BATCH_ITEMS or size >= BATCH_BYTES:
                yield from _analyze_queue(queue, config)
                queue, size = [], 0
        queue.append(None)
    yield from _analyze_queue(queue, config)


def _analyze_queue(
    queue: list[Item | None], config: AnalysisConfig
) -> Iterator[tuple[list[dict[str, object]], bool]]:
    items = [entry for entry in queue if entry is not None]
    analysed = iter(analyze_items(items, config) if items else ())
    results: list[dict[str, object]] = []
    for entry in queue:
        if entry is None:
            yield results, True
            results = []
        else:
            results.extend(map(to_dict, next(analysed)))
    if results:  # the last file goes on in the next batch
        yield results, False
