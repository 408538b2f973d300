"""Running the analysis over files and folders, in one process or several.

The command line (``lapnet analyze``) and the benchmarks use this; the platform's background tasks
call :func:`lapnet.analysis.analyze.analyze_item` directly on stored bytes. Items are analysed in
batches (:func:`lapnet.analysis.analyze.analyze_items`, stage by stage): the same results, sooner.

A process that analyses many items calls :func:`prepare_process` once, before the first: ``lapnet
analyze``, each of its ``--workers`` processes, ``lapnet worker`` and the benchmark do. The library
functions themselves never touch the garbage collector's settings.
"""

from __future__ import annotations

import gc
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

# The garbage collector's youngest generation is collected after this many more container objects
# were made than freed (the interpreter's default is 2,000 in Python 3.13). A batch holds each item's
# parse, collector and texts from one stage to the next, thousands of objects: at the default, the
# collector ran some 250 times over the 3,929 messages of the benchmark, each time tracing what the
# batch held and promoting it to older generations, which then grow into full collections. The
# analysis makes almost no reference cycles, so a higher threshold only delays freeing what little it
# leaves (docs/benchmarks.md, issue 2).
COLLECTOR_THRESHOLD = 20_000
# What a warm-up analyses: an email with the parts that load each table on first use (HTML, URL,
# phone number, relay, date), and an SMS record.
_WARM_UP_EMAIL = (
    b"Received: from relay.example.net (relay.example.net [198.51.100.7])\r\n"
    b"\tby mx.example.org with ESMTP id 1; Thu, 22 Aug 2002 18:26:25 +0700\r\n"
    b'From: "Prize Team" <winner@example.com>\r\nTo: you@example.org\r\nSubject: You have won\r\n'
    b"Date: Thu, 22 Aug 2002 18:26:25 +0700\r\nMIME-Version: 1.0\r\n"
    b'Content-Type: multipart/alternative; boundary="b"\r\n\r\n'
    b"--b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
    b"Claim your prize at http://prize.example.com/claim?id=1 or call +44 20 7946 0958.\r\n"
    b"--b\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"
    b'<p>Claim your <a href="http://prize.example.com/claim">prize</a></p>\r\n--b--\r\n'
)
_WARM_UP_SMS = b"spam\tWIN a prize! call 09061701461 or see http://prize.example.co.uk now\n"

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


def prepare_process(config: AnalysisConfig | None = None) -> None:
    """Sets up this process to analyse many items; call it once, before the first.

    It analyses a few made-up items, so that the tables loaded on first use are loaded, then moves
    every object alive (the modules, the tables, the model) out of the garbage collector's reach
    (``gc.freeze``): the collector stops tracing them again in each full collection. And it raises the
    threshold of the youngest generation to at least :data:`COLLECTOR_THRESHOLD`, so that what a batch
    holds between stages is not traced and promoted every few items. Whole-process choices, made by
    the process's entry point (``lapnet analyze``, ``lapnet worker``, the runner's workers), never by
    the library functions. Results are the same with or without it.
    """
    config = config or AnalysisConfig()
    analyze_items(
        [
            Item(Source("warm-up"), _WARM_UP_EMAIL),
            Item(Source("warm-up"), _WARM_UP_SMS, Kind.SMS),
        ],
        config,
    )
    set_up_collector()


def set_up_collector() -> None:
    """The collector settings of :func:`prepare_process`: every object alive frozen out of the
    collector's reach, the youngest generation's threshold at least :data:`COLLECTOR_THRESHOLD`."""
    gc.collect()
    gc.freeze()
    youngest, *older = gc.get_threshold()
    gc.set_threshold(max(youngest, COLLECTOR_THRESHOLD), *older)


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
    prepare_process(config)  # a forked worker inherits its parent's frozen heap; this adds its own


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
