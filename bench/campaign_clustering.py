"""Incremental campaign clustering at scale: lapnet's persistent engine against an in-memory MinHashLSH.

    .venv/bin/python bench/campaign_clustering.py [--reports 1000000] [--batch 1000]
        [--database-url postgres://postgres@127.0.0.1:5432/lapnet_bench]

Both peers get the same precomputed input in the same run: MinHash signatures (128 permutations) and
link keys of N reports in arrival order, shaped like the generator's (long-tailed campaign sizes,
template variants as near-duplicates with about 10% of the rows changed, 5% unrelated noise, each
campaign's beneficiaries spread over its reports). Signatures are synthesised from campaign bases,
since analysing a million messages first is not what is measured here.

- datasketch ``MinHashLSH`` with the same banding (32 bands x 4 rows), in memory: for each report,
  ``query`` then ``insert`` (candidates only: no verification, no keys, no campaigns);
- lapnet's engine (``lapnet.campaigns.engine.cluster_reports``) in micro-batches of ``--batch`` reports
  in arrival order: band lookups, signature verification, key links and the frequency rule, campaign
  assignment and merges, and every row written (members, signatures, buckets, keys, campaigns), on
  the embedded default (SQLite, a scratch file) and on PostgreSQL when ``--database-url`` is given
  (a scratch database that the script creates and drops).

The two peers take turns, one micro-batch each, each timed on its own clock: on a machine shared with
other jobs a change of load then falls on both alike (run one after the other, the second could meet
a busier machine than the first). Setup (evidence rows the members point to, the engine's reports,
datasketch's MinHash objects) is not timed; both peers' inputs are then frozen out of the garbage
collector's passes (``gc.freeze``), which would otherwise rescan the other peer's million objects.
A progress line every tenth of the stream gives both times and the F1 so far.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

NUM_PERM = 128


def synthesise(reports: int, seed: int) -> tuple[np.ndarray, list[tuple[tuple[str, str], ...]], np.ndarray]:
    """Signatures (reports x 128, uint32), keys per report, and the true campaign of each report."""
    rng = np.random.default_rng(seed)
    campaigns = max(1, reports // 50)
    weights = rng.lognormal(0, 1.4, campaigns)
    truth = rng.choice(campaigns, size=reports, p=weights / weights.sum())
    noise = rng.random(reports) < 0.05
    truth[noise] = -1 - np.arange(int(noise.sum()))
    bases = rng.integers(0, 2**32, size=(campaigns, 3, NUM_PERM), dtype=np.uint64).astype(np.uint32)
    variant = rng.integers(0, 3, size=reports)
    signatures = np.empty((reports, NUM_PERM), dtype=np.uint32)
    own = np.clip(truth, 0, None)
    signatures[:] = bases[own, variant]
    changed = rng.random((reports, NUM_PERM)) < 0.1
    randoms = rng.integers(0, 2**32, size=(reports, NUM_PERM), dtype=np.uint64).astype(np.uint32)
    signatures[changed] = randoms[changed]
    signatures[noise] = randoms[noise]
    keys = []
    picks = rng.random((reports, 3))
    for index in range(reports):
        campaign = int(truth[index])
        if campaign < 0:
            keys.append((("landing_domain", f"noise{-campaign}.top"),))
            continue
        mine = [
            ("landing_domain", f"c{campaign}.top"),
            ("phone", f"+4420{campaign:07d}"),
            ("dropbox", f"pay{campaign}@box.top"),
        ]
        chosen = tuple(key for key, pick in zip(mine, picks[index], strict=True) if pick < 0.6)
        # a sending address of its own for every report of the stream (up to 62,500 x 250); the /24
        # networks repeat every 62,500 reports, across campaigns (a supporting link only, never alone).
        # Before 2026-11-28 the last octet was index % 7: the addresses came round again from 437,500
        # reports, each linking two campaigns' reports, and the F1 of the 1M runs collapsed there.
        address = f"1.{index % 250}.{index // 250 % 250}.{index // 62_500 % 250 + 1}"
        keys.append((*chosen, ("origin_ip", address)))
    return signatures, keys, truth


def prepare_datasketch(signatures: np.ndarray) -> tuple[Any, list[Any]]:
    from datasketch import MinHash, MinHashLSH

    # one permutation table for all (each MinHash would draw its own: setup time and memory only;
    # query and insert read the hash values alone)
    permutations = MinHash(num_perm=NUM_PERM, scheme="affine32").permutations
    hashes = [
        MinHash(
            num_perm=NUM_PERM,
            hashvalues=row.astype(np.uint64),
            permutations=permutations,
            scheme="affine32",
        )
        for row in signatures
    ]
    return MinHashLSH(num_perm=NUM_PERM, params=(32, 4)), hashes


def setup_django(database_url: str) -> None:
    os.environ.setdefault("LAPNET_DATA_DIR", tempfile.mkdtemp(prefix="lapnet-bench-"))
    os.environ.setdefault("LAPNET_DEBUG", "0")  # as in production: no query log
    os.environ.setdefault("SECRET_KEY", "clustering-bench-" + "k" * 40)
    os.environ["DATABASE_URL"] = database_url
    os.environ["DJANGO_SETTINGS_MODULE"] = "lapnet.settings"
    import logging

    import django
    from django.core.management import call_command

    django.setup()
    logging.getLogger("lapnet.campaigns.engine").setLevel(logging.WARNING)
    call_command("migrate", verbosity=0, skip_checks=True)


def prepare_engine(signatures: np.ndarray, keys: list[tuple[tuple[str, str], ...]]) -> list[Any]:
    from django.db import connection, transaction

    from lapnet.campaigns.engine import Report
    from lapnet.clustering import ReportFeatures, band_keys
    from lapnet.clustering.links import KeyKind, LinkKey
    from lapnet.evidence.models import Channel, Evidence, EvidenceBlob
    from lapnet.members.models import Organisation, OrganisationType

    organisation = Organisation.objects.create(
        name="Bench", slug="bench", type=OrganisationType.ENFORCEMENT, country="FR"
    )
    blob = EvidenceBlob.objects.create(sha256="0" * 64, size=1)
    # the evidence rows the members point to, in raw SQL (the ORM spent minutes on a million objects)
    columns = (
        "blob_id, organisation_id, channel, tlp, source_name, kind_hint, received_at, is_duplicate, "
        "status, attempts, last_error, results, kind, subject, category, origin_ip, origin_country, language"
    )
    now = connection.ops.adapt_datetimefield_value(datetime.now(UTC))
    row = (blob.pk, organisation.pk, Channel.CLI.value, "amber", "", "", now, False, "done", 0, "", "[]")
    row += ("email", "", "", "", "", "")
    table = Evidence._meta.db_table
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for _ in range(len(signatures)):
                    copy.write_row(row)
        else:
            marks = ", ".join(["%s"] * len(row))
            cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})", [row] * len(signatures))
    ids = list(Evidence.objects.order_by("pk").values_list("pk", flat=True))
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")  # as after any bulk load: visibility map and statistics
    seen = datetime(2026, 1, 1, tzinfo=UTC)
    reports = [
        Report(
            evidence_id=ids[index],
            features=ReportFeatures(
                signature=signatures[index],
                bands=tuple(band_keys(signatures[index])),
                keys=tuple(LinkKey(KeyKind(kind), value) for kind, value in keys[index]),
                label=keys[index][0][1],
                category="phishing",
            ),
            organisation_id=organisation.pk,
            tlp="amber",
            submitted_by_id=None,
            country="FR",
            channel="email",
            origin_country="",
            seen_at=seen + timedelta(seconds=index),
        )
        for index in range(len(signatures))
    ]
    connection.close()
    return reports


def run(
    reports: list[Any], lsh: Any, hashes: list[Any], batch: int, truth: np.ndarray
) -> tuple[float, float, list[int]]:
    """Both peers over the stream, one micro-batch each in turn; returns their times and the campaigns."""
    from lapnet.campaigns.engine import cluster_reports

    gc.collect()
    gc.freeze()
    sketch_seconds = engine_seconds = 0.0
    campaigns: list[int] = []
    checkpoints = {len(reports) * step // 10 for step in range(1, 10)}
    for start in range(0, len(reports), batch):
        end = min(start + batch, len(reports))
        started = time.perf_counter()
        for index in range(start, end):
            lsh.query(hashes[index])
            lsh.insert(index, hashes[index])
        sketch_seconds += time.perf_counter() - started
        started = time.perf_counter()
        campaigns += cluster_reports(reports[start:end])
        engine_seconds += time.perf_counter() - started
        if any(start < point <= end for point in checkpoints):
            report(end, sketch_seconds, engine_seconds, truth[:end], campaigns, progress=True)
    return sketch_seconds, engine_seconds, campaigns


def report(
    done: int,
    sketch_seconds: float,
    engine_seconds: float,
    truth: np.ndarray,
    campaigns: list[int],
    *,
    label: str = "",
    batch: int = 0,
    progress: bool = False,
) -> None:
    from lapnet.clustering.quality import pairwise_scores

    scores = pairwise_scores([int(value) if value >= 0 else None for value in truth], campaigns)
    if progress:
        print(
            f"  {done:>9,} reports: datasketch {sketch_seconds:7.1f} s, engine {engine_seconds:7.1f} s, "
            f"ratio {engine_seconds / sketch_seconds:.2f}x, F1 {scores.f1:.4f}  ({time.strftime('%H:%M:%S')})",
            flush=True,
        )
        return
    print(
        f"datasketch MinHashLSH (memory, query+insert): {sketch_seconds:8.1f} s  {done / sketch_seconds:9.0f} reports/s"
    )
    print(
        f"lapnet engine on {label:10} (batches of {batch}): {engine_seconds:8.1f} s  {done / engine_seconds:9.0f} reports/s"
    )
    print(f"ratio engine/datasketch: {engine_seconds / sketch_seconds:.2f}x (bar: <= 3x)")
    from lapnet.campaigns.models import BandBucket

    buckets = BandBucket.objects.count()
    print(f"bucket rows: {buckets:,} ({buckets / done:.1f} a report; datasketch holds 32 a report)")
    print(
        f"clustering of the synthetic stream: precision {scores.precision:.4f} recall {scores.recall:.4f} F1 {scores.f1:.4f} ARI {scores.adjusted_rand:.4f}"
    )


def scratch_postgres(url: str) -> str:
    """Create (again) the database the URL names, on its server."""
    import psycopg

    base, _, name = url.rpartition("/")
    with psycopg.connect(f"{base}/postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
    return url


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--reports", type=int, default=1_000_000)
    parser.add_argument("--batch", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=4)
    parser.add_argument(
        "--stop", type=int, default=0, help="cluster only the stream's first N reports (to try a change)"
    )
    parser.add_argument("--database-url", help="PostgreSQL instead of a scratch SQLite file")
    args = parser.parse_args()
    started = time.perf_counter()
    signatures, keys, truth = synthesise(args.reports, args.seed)
    print(f"{args.reports} reports synthesised in {time.perf_counter() - started:.0f} s")
    if args.stop:
        signatures, keys, truth = signatures[: args.stop], keys[: args.stop], truth[: args.stop]
        print(f"clustering the first {len(truth)} of them only (--stop)")
    if args.database_url:
        url, label = scratch_postgres(args.database_url), "PostgreSQL"
    else:
        url, label = f"sqlite:///{tempfile.mkdtemp(prefix='lapnet-bench-')}/bench.sqlite3", "SQLite"
    setup_django(url)
    reports = prepare_engine(signatures, keys)
    lsh, hashes = prepare_datasketch(signatures)
    print(
        f"setup done in {time.perf_counter() - started:.0f} s; {label}, batches of {args.batch}", flush=True
    )
    sketch_seconds, engine_seconds, campaigns = run(reports, lsh, hashes, args.batch, truth)
    report(len(truth), sketch_seconds, engine_seconds, truth, campaigns, label=label, batch=args.batch)


if __name__ == "__main__":
    main()
