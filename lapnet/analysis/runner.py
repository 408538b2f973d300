"""Running the analysis over files and folders, in one process or several.

The command line (``lapnet analyze``) and the benchmarks use this; the platform's background tasks
call :func:`lapnet.analysis.analyze.analyze_item` directly on stored bytes.
"""

from __future__ import annotations

import ipaddress
import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator, Sequence

from lapnet.analysis.analyze import AnalysisConfig, analyze_item
from lapnet.analysis.origin import TrustConfig
from lapnet.analysis.serialize import to_dict
from lapnet.analysis.sources import Item, iter_files, iter_items
from lapnet.analysis.types import Kind, Source

# items handed to a worker at once: large enough to amortise inter-process traffic
CHUNK_SIZE = 8


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


def iter_input_items(
    paths: Sequence[str], kind: Kind | None, on_file: Callable[[], None] | None = None
) -> Iterator[Item]:
    for path in iter_files(paths):
        try:
            data = path.read_bytes()
        except OSError as error:  # reported on a result of its own, the run goes on
            yield Item(Source(str(path)), b"", kind, read_error=str(error.strerror or error))
        else:
            yield from iter_items(path, data, kind)
        if on_file is not None:
            on_file()


def analyze_paths(
    paths: Sequence[str],
    *,
    config: AnalysisConfig,
    kind: Kind | None = None,
    workers: int = 1,
    on_file: Callable[[], None] | None = None,
) -> Iterator[dict[str, object]]:
    """Results as JSON-ready dictionaries, in input order, streamed."""
    items = iter_input_items(paths, kind, on_file)
    if workers <= 1:
        for item in items:
            for result in analyze_item(item, config):
                yield to_dict(result)
        return
    context = multiprocessing.get_context("spawn" if os.name != "posix" else "fork")
    with context.Pool(workers, initializer=_init_worker, initargs=(config,)) as pool:
        for batch in pool.imap(_analyze_in_worker, items, chunksize=CHUNK_SIZE):
            yield from batch


def count_files(paths: Iterable[str]) -> int:
    return sum(1 for _ in iter_files(paths))


_WORKER_CONFIG: AnalysisConfig | None = None


def _init_worker(config: AnalysisConfig) -> None:
    global _WORKER_CONFIG  # noqa: PLW0603 - one configuration per worker process
    _WORKER_CONFIG = config


def _analyze_in_worker(item: Item) -> list[dict[str, object]]:
    config = _WORKER_CONFIG or AnalysisConfig()
    return [to_dict(result) for result in analyze_item(item, config)]
