""" "Who else saw this?" at a million reports: the indexed lookup against a full scan, same data, same run.

    .venv/bin/python bench/correlation.py [--reports 1000000] [--database-url postgres://...]

Builds a throw-away database (SQLite in a temporary folder by default) with the real schema
(migrations), N evidence rows from 40 organisations in 20 countries with every TLP marking, and
about 6 indicator sightings per report drawn from a long-tailed value distribution (a few values
everywhere, most rare: the shape of real spam). Then it times lapnet's own correlation query
(``lapnet.evidence.queries.correlate``, the code the page and the API run, visibility included) for
random values, and the same aggregate with the index disabled (SQLite ``NOT INDEXED``; PostgreSQL
``enable_indexscan``/``enable_bitmapscan`` off), and prints both and the ratio.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path


def setup_django(database_url: str | None) -> None:
    data = tempfile.mkdtemp(prefix="lapnet-bench-")
    os.environ["LAPNET_DATA_DIR"] = data
    os.environ.setdefault("LAPNET_DEBUG", "1")
    os.environ.setdefault("SECRET_KEY", "bench-" + "x" * 50)
    os.environ["LAPNET_TASK_BACKEND"] = "django.tasks.backends.dummy.DummyBackend"
    if database_url:
        os.environ["DATABASE_URL"] = database_url
    os.environ["DJANGO_SETTINGS_MODULE"] = "lapnet.settings"
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def populate(reports: int, seed: int) -> list[str]:
    from django.db import connection, transaction
    from django.utils import timezone

    from lapnet.members.models import Organisation, OrganisationType
    from lapnet.sharing.tlp import TLP

    rng = random.Random(seed)
    countries = [
        "FR",
        "NL",
        "DE",
        "GB",
        "US",
        "CA",
        "AU",
        "JP",
        "KR",
        "BR",
        "ES",
        "IT",
        "PL",
        "SE",
        "NZ",
        "IE",
        "BE",
        "CH",
        "AT",
        "MX",
    ]
    orgs = [
        Organisation.objects.create(
            name=f"Member {i}",
            slug=f"member-{i}",
            type=list(OrganisationType)[i % 4],
            country=countries[i % 20],
        )
        for i in range(40)
    ]
    markings = [TLP.CLEAR, TLP.GREEN, TLP.GREEN, TLP.AMBER, TLP.AMBER, TLP.AMBER_STRICT, TLP.RED]
    types = ["url", "domain", "email", "ip", "phone", "crypto_wallet", "iban", "attachment"]
    values = [f"value-{n}.example" for n in range(reports // 3)]
    now = timezone.now()
    org_country = {org.pk: org.country for org in orgs}
    org_ids = [org.pk for org in orgs]
    batch = 50_000
    started = time.perf_counter()
    # rows go in with executemany: the ORM's per-object overhead would dominate at this size
    with connection.cursor() as cursor:
        for offset in range(0, reports, batch):
            count = min(batch, reports - offset)
            with transaction.atomic():
                cursor.executemany(
                    "INSERT INTO evidence_evidenceblob (sha256, size, stored_at) VALUES (%s, %s, %s)",
                    [(f"{offset + i:064x}", 1000, now) for i in range(count)],
                )
                evidence_rows = []
                for i in range(count):
                    n = offset + i
                    evidence_rows.append(
                        (n + 1, f"{n:064x}", org_ids[n % 40], "cli", markings[n % len(markings)], now, "done")
                    )
                cursor.executemany(
                    "INSERT INTO evidence_evidence (id, blob_id, organisation_id, channel, tlp, received_at, status,"
                    " source_name, kind_hint, is_duplicate, attempts, last_error, results, kind, subject, category,"
                    " origin_ip, origin_country, language)"
                    " VALUES (%s, %s, %s, %s, %s, %s, %s, '', '', FALSE, 1, '', '[]', 'email', '', '', '', '', '')",
                    evidence_rows,
                )
                sightings = []
                for evidence_id, _blob, org_id, _channel, tlp, _at, _status in evidence_rows:
                    for _ in range(6):
                        if rng.random() < 0.3:
                            value = values[min(int(rng.paretovariate(1.2)) - 1, len(values) - 1)]
                        else:
                            value = values[rng.randrange(len(values))]
                        sightings.append(
                            (evidence_id, rng.choice(types), value, org_id, org_country[org_id], tlp, now)
                        )
                cursor.executemany(
                    "INSERT INTO evidence_indicatorsighting (evidence_id, type, value, organisation_id, country, tlp,"
                    " seen_at) VALUES (%s, %s, %s, %s, %s, %s, %s)",
                    sightings,
                )
            print(
                f"\r{offset + count:>9} reports loaded ({time.perf_counter() - started:.0f} s)",
                end="",
                flush=True,
            )
    print()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return values


def scan_query(value: str, viewer_org: int) -> int:
    """The same aggregate as correlate(), forced to read the whole table."""
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT type, COUNT(DISTINCT evidence_id), COUNT(DISTINCT organisation_id), COUNT(DISTINCT country),"
                " MIN(seen_at), MAX(seen_at) FROM evidence_indicatorsighting NOT INDEXED"
                " WHERE value = %s AND (tlp IN ('clear', 'green') OR organisation_id = %s) GROUP BY type",
                [value, viewer_org],
            )
        else:
            cursor.execute("SET LOCAL enable_indexscan = off; SET LOCAL enable_bitmapscan = off")
            cursor.execute(
                "SELECT type, COUNT(DISTINCT evidence_id), COUNT(DISTINCT organisation_id), COUNT(DISTINCT country),"
                " MIN(seen_at), MAX(seen_at) FROM evidence_indicatorsighting"
                " WHERE value = %s AND (tlp IN ('clear', 'green') OR organisation_id = %s) GROUP BY type",
                [value, viewer_org],
            )
        return len(cursor.fetchall())


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--reports", type=int, default=1_000_000)
    parser.add_argument("--queries", type=int, default=50)
    parser.add_argument("--scans", type=int, default=5)
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    setup_django(args.database_url)

    from django.db import connection, transaction

    from lapnet.evidence.queries import correlate
    from lapnet.members.models import Organisation, Role, User

    values = populate(args.reports, args.seed)
    viewer = User.objects.create_user(
        "bench", organisation=Organisation.objects.get(slug="member-0"), role=Role.ANALYST
    )
    rng = random.Random(args.seed + 1)
    probes = [values[0], values[1]] + [rng.choice(values) for _ in range(args.queries - 2)]

    indexed = []
    for value in probes:
        start = time.perf_counter()
        correlate(viewer, value, limit=50)
        indexed.append(time.perf_counter() - start)
    scans = []
    for value in probes[: args.scans]:
        with transaction.atomic():
            start = time.perf_counter()
            scan_query(value, viewer.organisation_id)
            scans.append(time.perf_counter() - start)
    indexed_ms = statistics.median(indexed) * 1000
    scan_ms = statistics.median(scans) * 1000
    print(f"database: {connection.vendor}, {args.reports} reports, {args.reports * 6} indicator sightings")
    print(
        f"correlate() with the index, median of {len(indexed)}: {indexed_ms:8.2f} ms"
        f"  (slowest {max(indexed) * 1000:.1f} ms, the most common value: {indexed[0] * 1000:.1f} ms)"
    )
    print(f"same aggregate as a full scan, median of {len(scans)}: {scan_ms:8.2f} ms")
    print(f"scan / index = {scan_ms / indexed_ms:.0f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
