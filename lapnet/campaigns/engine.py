"""The incremental campaign clustering engine: a newly analysed report joins a campaign, starts one,
or merges the campaigns it bridges. No batch re-run; the state lives in indexed rows
(:mod:`lapnet.campaigns.models.index`). Algorithm, thresholds and figures: docs/campaign-clustering.md.

For each report, in arrival order:

1. **Content**: the report's LSH band keys find reports in the same buckets; each candidate's stored
   signature is compared, and a Jaccard estimate of at least :data:`CONTENT_THRESHOLD` is a content
   link, unless both reports name beneficiaries and share none (the same kit sent by two operations
   is two campaigns: the *veto*).
2. **Keys**: each link key of the report (landing domain, drop box, phone, wallet, IBAN, affiliate id,
   origin IP...) finds the campaigns that already have it, unless the frequency rule says it is
   everywhere. Reports classified as not spam link by content only.
3. Candidate campaigns (followed through ``merged_into``) are scored: 1 for content, plus each key
   kind's weight (1; an origin /24 0.5: it supports a link, never makes one). At 1 or more a
   campaign is linked. None: the report starts a campaign; one: it joins; several: they merge into
   the best (highest score, then largest), except campaigns an analyst kept apart.

Analysts' decisions win: a pinned member keeps its campaign on re-analysis, and :class:`KeepApart`
pairs are never merged. Concurrency: the assignment step runs in one transaction under a lock
(PostgreSQL: a transaction-level advisory lock; SQLite: its IMMEDIATE transactions), so workers
never decide on stale state; the costly part (parsing, MinHash) runs before, in parallel.

SQL here is built from table names taken from the models (quoted by the backend) and placeholders:
values are always parameters (hence the S608 waivers).
"""

from __future__ import annotations

import json
import logging
import struct
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from operator import itemgetter
from typing import Any

import numpy as np
from django.db import connection, transaction
from django.utils import timezone

from lapnet.campaigns.models import (
    BandBucket,
    Campaign,
    CampaignMember,
    CampaignStatus,
    KeepApart,
    KeyCampaign,
    KeyFrequency,
    KeyGroup,
    LinkKind,
    ReportSignature,
)
from lapnet.clustering import ReportFeatures, jaccard, report_features
from lapnet.clustering.features import HAM
from lapnet.clustering.links import INFRASTRUCTURE_KINDS, WEIGHTS, KeyKind
from lapnet.clustering.minhash import band_keys, from_bytes, to_bytes

log = logging.getLogger(__name__)

CONTENT_THRESHOLD = 0.5  # estimated Jaccard of masked word 3-shingles for a near-duplicate
BUCKET_REPRESENTATIVES = 4  # reports kept per LSH bucket: enough to find the campaign, bounded cost
# a report whose content is this close to a report already indexed in the campaign it joins is
# represented by it: its bands are not indexed (a later copy finds the campaign through the other
# report; one that drifted further than this from every indexed report is indexed in turn)
REPRESENTED_SIMILARITY = 0.7
# the frequency rule: a key is everywhere, and stops linking, when it was seen in at least
# EVERYWHERE_REPORTS reports of at least EVERYWHERE_GROUPS different templates (content groups), or
# when EVERYWHERE_CONFLICTS times it pointed to other campaigns than a report's own content and
# beneficiaries did
EVERYWHERE_REPORTS = 30
EVERYWHERE_GROUPS = 15
EVERYWHERE_CONFLICTS = 3
# sending infrastructure is everywhere sooner: without the reporter's trusted networks the header walk
# can stop at the reporter's own relay, which every message it received shares
INFRASTRUCTURE_EVERYWHERE_REPORTS = 10
INFRASTRUCTURE_EVERYWHERE_GROUPS = 4
NAME_REFRESH_LIMIT = 1000  # members read to name a campaign (the most recent ones)
_ADVISORY_LOCK = 0x4C41_504E_4554  # "LAPNET": PostgreSQL advisory lock of the assignment step


@dataclass(frozen=True, slots=True)
class Report:
    """One report to cluster: its features and the member columns (denormalised from the evidence)."""

    evidence_id: int
    features: ReportFeatures
    organisation_id: int
    tlp: str
    submitted_by_id: int | None
    country: str
    channel: str
    origin_country: str
    seen_at: datetime


@dataclass(slots=True)
class _Stored:
    """A candidate report from the index."""

    signature: Any  # numpy uint32 array or None
    beneficiaries: frozenset[int]
    content_group: int
    campaign_id: int | None
    ham: bool = False


@dataclass(slots=True)
class _Frequency:
    kind: str
    value: str
    reports: int = 0
    groups: int = 0
    conflicts: int = 0
    everywhere: bool = False
    known_groups: set[int] = field(default_factory=set)
    changed: bool = False
    # the first campaign (with the report that brought the key there) and the first content group,
    # kept in the frequency row itself: most keys (a bot's address, a one-off domain) never get a
    # second, and then need no row in KeyCampaign or KeyGroup. ``shared``: KeyCampaign holds more.
    campaign: int | None = None
    evidence: int | None = None
    group: int | None = None
    shared: bool = False
    stored: bool = False  # a row exists (read at the start of the batch)


@dataclass(slots=True)
class _CampaignState:
    size: int
    first_seen: datetime | None
    last_seen: datetime | None
    merged_into: int | None
    created: bool = False
    label: str = ""
    category: str = ""
    touched: bool = False
    renamed: bool = False  # an analyst's name: kept


# -- entry points ---------------------------------------------------------------------------------


def cluster_report(evidence_id: int) -> int | None:
    """Cluster one analysed report; returns its campaign id (None when it has no analysis result)."""
    from lapnet.evidence import store
    from lapnet.evidence.models import AnalysisStatus, Evidence

    evidence = Evidence.objects.select_related("organisation").get(pk=evidence_id)
    if evidence.status != AnalysisStatus.DONE or not evidence.results:
        return None
    result = evidence.results[0]
    features = report_features(store.get(evidence.blob_id), result)
    report = Report(
        evidence_id=evidence.pk,
        features=features,
        organisation_id=evidence.organisation_id,
        tlp=evidence.tlp,
        submitted_by_id=evidence.submitted_by_id,
        country=evidence.organisation.country,
        channel=evidence.kind,
        origin_country=evidence.origin_country,
        seen_at=evidence.received_at,
    )
    return cluster_reports([report])[0]


def cluster_reports(reports: Sequence[Report]) -> list[int]:
    """Cluster reports in order (each sees the ones before it); one transaction, one lock, a few
    queries for the whole sequence. Returns each report's campaign id."""
    _tune_sqlite()
    with transaction.atomic():
        _lock()
        batch = _Batch(reports)
        campaigns = batch.run()
    _keep_visible(len(batch.new_buckets) + len(batch.new_key_campaigns) + len(batch.new_key_groups))
    return campaigns


# PostgreSQL: the look-up tables are vacuumed after this many new rows (see _keep_visible)
VACUUM_ROWS = 50_000
_LOOKUP_TABLES = (BandBucket, KeyCampaign, KeyGroup)
_unvacuumed = [0]  # rows this process added since its last vacuum


def _keep_visible(rows: int) -> None:
    """PostgreSQL: vacuum the insert-only look-up tables every :data:`VACUUM_ROWS` new rows, so that
    their index scans are index-only. The bucket look-up (thousands of keys a batch, the engine's
    largest statement) reads ``(bucket, evidence_id)`` from the index alone only where the table's
    visibility map says the page is all-visible, and only a vacuum sets it; without it each of the
    thousands of rows found is also fetched from the table (half of the look-up's time at 100,000
    reports). Autovacuum, where on, runs after a fifth of a table was added, too rarely for a growing
    index, and is off on some servers. No dead rows in these tables: the vacuum reads only the pages
    added since the last one, a few milliseconds. Skipped inside an outer transaction (a vacuum
    cannot run there) and for tables another session holds."""
    if connection.vendor != "postgresql":
        return
    _unvacuumed[0] += rows
    if _unvacuumed[0] < VACUUM_ROWS or connection.in_atomic_block:
        return
    _unvacuumed[0] = 0
    with connection.cursor() as cursor:
        # no dead rows to clean from the indexes, nothing to truncate: the visibility map only
        cursor.execute(
            "VACUUM (SKIP_LOCKED, INDEX_CLEANUP OFF, TRUNCATE OFF, PROCESS_TOAST OFF) "
            + ", ".join(_table(model) for model in _LOOKUP_TABLES)
        )


_SQLITE_CHECKPOINT_PAGES = 100_000


def _tune_sqlite() -> None:
    """SQLite, once per connection: a 64 MB page cache (the default 2 MB is smaller than the bucket
    index's upper levels once it holds millions of rows) and a WAL checkpoint every 100,000 pages (400
    MB) instead of 1,000: a batch dirties thousands of pages of the bucket and key indexes at random,
    each appended to the WAL at every commit; a checkpoint writes each page back once however many
    commits changed it, and syncs the file, so a rare checkpoint saves most of those writes (with one
    every 16,000 pages, commits took 340 ms a batch at 100,000 reports; now 125 ms). The WAL file
    keeps its size once grown. Journal mode (WAL) and ``synchronous=NORMAL`` come from the
    settings."""
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA wal_autocheckpoint")
        if cursor.fetchone()[0] != _SQLITE_CHECKPOINT_PAGES:
            cursor.execute("PRAGMA cache_size = -65536")
            cursor.execute(f"PRAGMA wal_autocheckpoint = {_SQLITE_CHECKPOINT_PAGES}")


def _lock() -> None:
    if connection.vendor == "postgresql":
        with _cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_ADVISORY_LOCK])
            # the engine's queries are short index probes: JIT compiling them (the planner's estimate for
            # thousands of lookups crosses jit_above_cost) costs more than running them
            cursor.execute("SET LOCAL jit = off")
            # and they are index look-ups whatever the statistics say: without them (they lag behind bulk
            # loads, and never follow where autovacuum is off) ``= ANY`` of thousands of keys is
            # estimated to match the whole table and planned as a sequential scan, each row compared
            # with every key; with an index scan it is one descent per key
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("SET LOCAL enable_bitmapscan = off")
    # SQLite: lapnet's settings open IMMEDIATE transactions, so the first statement holds the writer lock


# -- SQL helpers ----------------------------------------------------------------------------------


def _cursor() -> Any:
    """A cursor in the current transaction. PostgreSQL: psycopg's own cursor, which binds values on the
    server (Django's binds them on the client: it splits the statement and quotes every value into its
    text, which for arrays and rows by the thousand costs more than running the statement). Its errors
    are psycopg's own, not wrapped in ``django.db``'s; ``transaction.atomic`` rolls back on any."""
    if connection.vendor != "postgresql":
        return connection.cursor()
    import psycopg

    connection.ensure_connection()
    return psycopg.Cursor(connection.connection)


def _in(values: Iterable[int]) -> tuple[str, list[Any]]:
    """An ``IN`` clause over integers with one parameter: a JSON array (SQLite) or an array (PostgreSQL)."""
    items = list(values)
    if connection.vendor == "postgresql":
        return "= ANY(%s::text::bigint[])", [_pg_array(items)]
    return "IN (SELECT value FROM json_each(%s))", ["[" + ",".join(map(str, items)) + "]"]


def _pg_array(integers: Iterable[int]) -> str:
    """An array of integers as PostgreSQL's text literal: one string built in C (psycopg's list dumper
    adapts element by element in Python, which for 30,000 keys cost more than the look-up itself)."""
    return "{" + ",".join(map(str, integers)) + "}"


def _select(sql: str, values: Iterable[int], extra: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
    """Rows of ``sql`` for the given values of the column before ``IN_LIST`` (an index look-up per value
    on PostgreSQL in the engine's transaction: see :func:`_lock`)."""
    items = list(values) if isinstance(values, set | frozenset) else list(dict.fromkeys(values))
    if not items:
        return []
    clause, params = _in(items)
    with _cursor() as cursor:
        cursor.execute(sql.replace("IN_LIST", clause), [*params, *extra])
        return list(cursor.fetchall())


def _bucket_rows(buckets: Iterable[int]) -> list[tuple[int, int]]:
    """The ``(bucket, evidence_id)`` rows of the given buckets: one index descent per bucket."""
    return _select(f"SELECT bucket, evidence_id FROM {_table(BandBucket)} WHERE bucket IN_LIST", buckets)  # noqa: S608


def _table(model: type[Any]) -> str:
    return connection.ops.quote_name(model._meta.db_table)


_PG_TYPES = ((bool, "boolean"), (int, "bigint"), (str, "text"))
# the PostgreSQL types of a member row and a signature row as the engine writes them (binary COPY)
_MEMBER_TYPES = (
    *("int8", "int8", "jsonb", "bool", "timestamptz", "int8", "text", "int8"),
    *("text", "text", "text", "text", "timestamptz"),
)
_SIGNATURE_TYPES = ("int8", "bytea", "bytea", "bytea", "jsonb", "int8", "text", "text", "timestamptz")
# the columns of a KeyFrequency row as the engine writes it, and their types (campaign, evidence and
# group can be NULL)
_FREQUENCY_COLUMNS = (
    "key",
    "kind",
    "value",
    "reports",
    "groups",
    "conflicts",
    "everywhere",
    "campaign_id",
    "evidence_id",
    "content_group",
    "shared",
)
_FREQUENCY_TYPES = (
    "bigint",
    "text",
    "text",
    "bigint",
    "bigint",
    "bigint",
    "boolean",
    "bigint",
    "bigint",
    "bigint",
    "boolean",
)


def _insert(
    cursor: Any,
    head: str,
    row: str,
    rows: Sequence[Sequence[Any]],
    tail: str = "",
    *,
    binary: Sequence[str] = (),
) -> None:
    """Insert many rows. SQLite: ``executemany`` (in process, no round trips). PostgreSQL: ``COPY``
    for plain inserts, in the binary format where the columns' PostgreSQL types are given (``binary``:
    psycopg then adapts each value in C, two thirds of the time of the text format's adaptation); with
    an ``ON CONFLICT`` tail, one statement over an array per column, each passed as one text literal
    (the rows' values are then non-null integers, strings or booleans)."""
    if not rows:
        return
    if connection.vendor != "postgresql":
        cursor.executemany(f"{head} VALUES {row}{tail}", rows)
        return
    table, _, columns = head.removeprefix("INSERT INTO ").partition(" ")
    if not tail and binary:
        with cursor.copy(f"COPY {table} {columns} FROM STDIN (FORMAT BINARY)") as copy:
            copy.set_types(binary)
            for values in rows:
                copy.write_row(values)
        return
    if not tail:
        with cursor.copy(f"COPY {table} {columns} FROM STDIN") as copy:
            if all(type(value) is int for value in rows[0]):  # integers only: the text format, built in C
                copy.write("".join("\t".join(map(str, values)) + "\n" for values in rows))
            else:
                for values in rows:
                    copy.write_row(values)
        return
    arrays, literals = _pg_unnest(rows, None)
    cursor.execute(f"{head} SELECT * FROM unnest({arrays}){tail}", literals)  # noqa: S608


def _pg_unnest(rows: Sequence[Sequence[Any]], types: Sequence[str] | None) -> tuple[str, list[str]]:
    """The arguments of ``unnest`` for rows (one array a column, each one text literal) and their
    literals: columns of the given ``types`` (None then NULL), or else of the first row's types."""
    if types is None:
        types = [next(name for kind, name in _PG_TYPES if isinstance(value, kind)) for value in rows[0]]
    literals = [
        (_pg_nullable_array if name == "bigint" and None in column else _PG_LITERALS[name])(column)
        for name, column in zip(types, zip(*rows, strict=True), strict=True)
    ]
    return ", ".join(f"%s::text::{name}[]" for name in types), literals


def _pg_nullable_array(integers: Iterable[int | None]) -> str:
    return "{" + ",".join("NULL" if value is None else str(value) for value in integers) + "}"


def _pg_text_array(values: Iterable[str | None]) -> str:
    """Strings as one array literal: each quoted, backslashes and quotes escaped (None: NULL)."""
    return (
        "{"
        + ",".join(
            "NULL" if value is None else '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
            for value in values
        )
        + "}"
    )


def _pg_time_array(values: Iterable[datetime | None]) -> str:
    """Aware datetimes as one ``timestamptz[]`` literal (None: NULL)."""
    return "{" + ",".join('"' + value.isoformat() + '"' if value else "NULL" for value in values) + "}"


def _pg_bool_array(values: Iterable[bool]) -> str:
    return "{" + ",".join("t" if value else "f" for value in values) + "}"


_PG_LITERALS = {"bigint": _pg_array, "text": _pg_text_array, "boolean": _pg_bool_array}


def _json(value: Any) -> Any:
    """A JSON column read with raw SQL: text on SQLite (and from psycopg as Django configures it)."""
    return json.loads(value) if isinstance(value, str | bytes) else value


def _int64s(values: Iterable[int]) -> bytes:
    items = list(values)
    return struct.pack(f"<{len(items)}q", *items)


def _from_int64s(data: bytes | memoryview | None) -> list[int]:
    return [int(value) for value in np.frombuffer(bytes(data or b""), dtype="<i8")]


# -- the batch ------------------------------------------------------------------------------------


class _Batch:
    """One call of :func:`cluster_reports`: reads what the reports need, decides in memory, writes."""

    def __init__(self, reports: Sequence[Report]) -> None:
        self.reports = list(reports)
        self.postgresql = connection.vendor == "postgresql"
        self.db_time = _db_time_converter()
        self.stored: dict[int, _Stored] = {}
        self.buckets: dict[int, list[int]] = defaultdict(list)
        self.key_campaigns: dict[int, dict[int, int]] = defaultdict(dict)  # key -> campaign -> evidence
        self.frequencies: dict[int, _Frequency] = {}
        self.campaigns: dict[int, _CampaignState] = {}
        self.keep_apart: set[tuple[int, int]] = set()
        self.next_temporary = -1
        # what to write
        self.members: dict[int, tuple[int, list[dict[str, Any]]]] = {}
        self.pinned: set[int] = set()
        self.new_buckets: list[tuple[int, int]] = []
        self.new_key_campaigns: list[tuple[int, int, int]] = []
        self.new_key_groups: list[tuple[int, int]] = []
        self.merges: list[tuple[int, int]] = []  # (merged, into)
        self.leaving: dict[int, int] = {}  # evidence id -> the campaign it leaves (re-analysis)
        self.previous_keys: dict[int, set[int]] = {}
        self.previous_content: dict[int, tuple[Any, int]] = {}  # evidence id -> (signature, group)
        self.groups_of: dict[int, int] = {}
        self.bands_of: dict[int, list[int]] = defaultdict(list)
        self.created_ids: dict[int, int] = {}

    # reads ---------------------------------------------------------------------------------------

    def run(self) -> list[int]:
        ids = [report.evidence_id for report in self.reports]
        self._forget_previous(ids)
        bands = {band for report in self.reports for band in report.features.bands}
        for bucket, evidence_id in _bucket_rows(bands):
            self.buckets[bucket].append(evidence_id)
        candidates = {evidence_id for rows in self.buckets.values() for evidence_id in rows}
        self._load_stored(candidates - set(ids))
        self._load_keys()
        self._load_campaigns(
            {stored.campaign_id for stored in self.stored.values() if stored.campaign_id is not None}
            | {campaign for by_campaign in self.key_campaigns.values() for campaign in by_campaign}
            | {campaign for campaign, _reasons in self.members.values()}
            | set(self.leaving.values())
        )
        assigned = [self._assign(report) for report in self.reports]
        self._write()
        final = {temporary: self._root(temporary) for temporary in set(assigned)}
        return [self.created_ids.get(final[campaign], final[campaign]) for campaign in assigned]

    def _forget_previous(self, ids: list[int]) -> None:
        """Re-analysis: replace a report's index rows; keep its membership only if pinned."""
        previous = _select(
            f"SELECT evidence_id, bands, keys, minhash, content_group FROM {_table(ReportSignature)} "  # noqa: S608
            "WHERE evidence_id IN_LIST",
            ids,
        )
        members = _select(
            f"SELECT evidence_id, campaign_id, pinned, reasons FROM {_table(CampaignMember)} "  # noqa: S608
            "WHERE evidence_id IN_LIST",
            ids,
        )
        for evidence_id, bands, keys, minhash, group in previous:  # a new report (the usual case) has none
            if minhash is not None:
                self.previous_content[evidence_id] = (from_bytes(bytes(minhash)), group)
            old_bands = _from_int64s(bands)
            if old_bands:
                BandBucket.objects.filter(bucket__in=old_bands, evidence_id=evidence_id).delete()
            self.previous_keys[evidence_id] = {_key_int(kind, value) for kind, value in _json(keys)}
        if previous:
            ReportSignature.objects.filter(evidence_id__in=[row[0] for row in previous]).delete()
        for evidence_id, campaign_id, pinned, reasons in members:
            if pinned:
                self.pinned.add(evidence_id)
                self.members[evidence_id] = (campaign_id, list(_json(reasons)))
            else:
                self.leaving[evidence_id] = campaign_id
        if self.leaving:
            CampaignMember.objects.filter(evidence_id__in=list(self.leaving)).delete()

    def _load_stored(self, evidence_ids: set[int]) -> None:
        rows = _select(
            f"SELECT s.evidence_id, s.minhash, s.beneficiaries, s.content_group, m.campaign_id, s.category "  # noqa: S608
            f"FROM {_table(ReportSignature)} s LEFT JOIN {_table(CampaignMember)} m "
            f"ON m.evidence_id = s.evidence_id WHERE s.evidence_id IN_LIST",
            evidence_ids,
        )
        for evidence_id, minhash, beneficiaries, group, campaign_id, category in rows:
            self.stored[evidence_id] = _Stored(
                from_bytes(bytes(minhash)) if minhash is not None else None,
                frozenset(_from_int64s(beneficiaries)),
                group,
                campaign_id,
                category == HAM,
            )

    def _load_keys(self) -> None:
        keys: dict[int, tuple[str, str]] = {}
        for report in self.reports:
            for link in report.features.keys:
                keys[link.key] = (link.kind.value, link.value)
        if not keys:
            return
        for key, reports, groups, conflicts, everywhere, campaign, evidence, group, shared in _select(
            f'SELECT "key", reports, "groups", conflicts, everywhere, campaign_id, evidence_id, content_group, '  # noqa: S608
            f'shared FROM {_table(KeyFrequency)} WHERE "key" IN_LIST',
            keys,
        ):
            kind, value = keys[key]
            frequency = _Frequency(
                kind,
                value,
                reports,
                groups,
                conflicts,
                bool(everywhere),
                campaign=campaign,
                evidence=evidence,
                group=group,
                shared=bool(shared),
                stored=True,
            )
            self.frequencies[key] = frequency
            if campaign is not None:
                self.key_campaigns[key][campaign] = evidence
            if group is not None:
                frequency.known_groups.add(group)
        for key, campaign_id, evidence_id in _select(
            f'SELECT "key", campaign_id, evidence_id FROM {_table(KeyCampaign)} WHERE "key" IN_LIST',  # noqa: S608
            [key for key, frequency in self.frequencies.items() if frequency.shared],
        ):
            self.key_campaigns[key][campaign_id] = evidence_id
        # the groups past the first (or every group of a row written before the first was kept inline)
        tracked = [
            key
            for key, frequency in self.frequencies.items()
            if not frequency.everywhere and frequency.groups > (0 if frequency.group is None else 1)
        ]
        for key, group in _select(
            f'SELECT "key", content_group FROM {_table(KeyGroup)} WHERE "key" IN_LIST',  # noqa: S608
            tracked,
        ):
            self.frequencies[key].known_groups.add(group)
        for key, (kind, value) in keys.items():
            self.frequencies.setdefault(key, _Frequency(kind, value))

    def _load_campaigns(self, ids: set[int]) -> None:
        wanted = {campaign_id for campaign_id in ids if campaign_id is not None}
        while wanted:
            rows = _select(
                f"SELECT id, size, first_seen, last_seen, merged_into_id, name_set_by_analyst "  # noqa: S608
                f"FROM {_table(Campaign)} WHERE id IN_LIST",
                wanted,
            )
            wanted = set()
            for pk, size, first_seen, last_seen, merged_into, renamed in rows:
                self.campaigns[pk] = _CampaignState(
                    size,
                    _from_db_time(first_seen),
                    _from_db_time(last_seen),
                    merged_into,
                    renamed=bool(renamed),
                )
                if merged_into is not None and merged_into not in self.campaigns:
                    wanted.add(merged_into)
        roots = {self._root(campaign_id) for campaign_id in self.campaigns}
        table = _table(KeepApart)
        for column in ("first_id", "second_id"):
            for first, second in _select(
                f"SELECT first_id, second_id FROM {table} WHERE {column} IN_LIST",  # noqa: S608
                roots,
            ):
                self.keep_apart.add((first, second))

    def _root(self, campaign_id: int) -> int:
        seen = 0
        while (state := self.campaigns.get(campaign_id)) is not None and state.merged_into is not None:
            campaign_id = state.merged_into
            seen += 1
            if seen > 100:  # a cycle can only come from a hand-edited database: stop, do not loop
                break
        return campaign_id

    def _apart(self, first: int, second: int) -> bool:
        return (min(first, second), max(first, second)) in self.keep_apart

    # decisions -----------------------------------------------------------------------------------

    def _assign(self, report: Report) -> int:
        scores: dict[int, float] = defaultdict(float)
        reasons: dict[int, list[dict[str, Any]]] = defaultdict(list)
        group, closest = self._content_links(report, scores, reasons)
        self._key_links(report, group, scores, reasons)

        if report.evidence_id in self.pinned:
            campaign = self._root(self.members[report.evidence_id][0])
        else:
            linked = [campaign for campaign, score in scores.items() if score >= 1.0 - 1e-9]
            campaign = self._choose(linked, scores)
            reasons_here = [reason for linked_campaign in linked for reason in reasons[linked_campaign]]
            if campaign is None:
                campaign = self._new_campaign(report)
                reasons_here = [{"link": LinkKind.FIRST.value}]
            self.members[report.evidence_id] = (campaign, reasons_here[:50])
            state = self.campaigns[campaign]
            state.size += 1
            state.touched = True
            state.first_seen = min(filter(None, (state.first_seen, report.seen_at)))
            state.last_seen = max(filter(None, (state.last_seen, report.seen_at)))
            left = self.leaving.get(report.evidence_id)
            if left is not None and left in self.campaigns:
                self._leave(left, campaign)
        represented = any(
            similarity >= REPRESENTED_SIMILARITY and self._root(linked_campaign) == campaign
            for linked_campaign, similarity in closest.items()
        )
        self._index(report, campaign, group, bands=not represented)
        return campaign

    def _content_links(
        self, report: Report, scores: dict[int, float], reasons: dict[int, list[dict[str, Any]]]
    ) -> tuple[int, dict[int, float]]:
        """Content links into ``scores``; returns the report's content group and, per linked campaign,
        the similarity of its closest indexed report."""
        features = report.features
        group = report.evidence_id
        if features.signature is None:
            return group, {}
        own_beneficiaries = {
            link.key
            for link in features.keys
            if not link.infrastructure and not self.frequencies[link.key].everywhere
        }
        best: dict[int, tuple[float, int]] = {}
        seen: set[int] = set()
        closest: dict[int, float] = {}  # per campaign, the closest report in the index
        previous = self.previous_content.get(report.evidence_id)
        left = self.leaving.get(report.evidence_id)
        if previous is not None and left is not None:
            # analysed again: its own previous content links it to the campaign it was in (the reports
            # it represented there have no bucket rows of their own to be found through)
            similarity = jaccard(features.signature, previous[0])
            if similarity >= CONTENT_THRESHOLD:
                group = min(group, previous[1])
                best[self._root(left)] = (similarity, report.evidence_id)
        for band in features.bands:
            for candidate in self.buckets.get(band, ()):
                if candidate in seen or candidate == report.evidence_id:
                    continue
                seen.add(candidate)
                stored = self.stored.get(candidate)
                if stored is None or stored.signature is None or stored.campaign_id is None:
                    continue
                similarity = jaccard(features.signature, stored.signature)
                if similarity < CONTENT_THRESHOLD:
                    continue
                if (
                    own_beneficiaries
                    and stored.beneficiaries
                    and not own_beneficiaries & stored.beneficiaries
                ):
                    continue  # the veto: the same template, another operation's beneficiaries
                group = min(group, stored.content_group)
                campaign = self._root(stored.campaign_id)
                if campaign not in best or similarity > best[campaign][0]:
                    best[campaign] = (similarity, candidate)
                closest[campaign] = max(closest.get(campaign, 0.0), similarity)
        for campaign, (similarity, candidate) in best.items():
            scores[campaign] += 1.0
            reasons[campaign].append(
                {"link": LinkKind.CONTENT.value, "evidence": candidate, "similarity": round(similarity, 3)}
            )
        return group, closest

    def _key_links(
        self, report: Report, group: int, scores: dict[int, float], reasons: dict[int, list[dict[str, Any]]]
    ) -> None:
        if report.features.ham:
            return
        links = report.features.keys
        pointers = {
            link.key: {self._root(campaign) for campaign in self.key_campaigns.get(link.key, {})}
            for link in links
            if not self.frequencies[link.key].everywhere
        }
        for link in links:
            others = [
                other.key
                for other in links
                if other.key in pointers
                and not other.infrastructure
                and other.value not in link.value  # not the same URL's domain, the same address's domain
                and link.value not in other.value
            ]
            # a new template counts toward "everywhere" only with beneficiaries of its own, none of them
            # seen where this key was: evidence of another operation, not of one operation's variety
            independent = (
                report.features.signature is not None
                and bool(others)
                and not any(pointers[other] & pointers.get(link.key, set()) for other in others)
            )
            self._count(report, link.key, group if independent else None)
        for link in links:
            if self.frequencies[link.key].everywhere:  # including those this report just tipped over
                pointers.pop(link.key, None)
        content = set(scores)
        for link in links:
            if link.key not in pointers or not pointers[link.key] or link.infrastructure:
                continue
            others = content.union(
                *(
                    campaigns
                    for other in links
                    if other.key != link.key and other.key in pointers and WEIGHTS[other.kind] >= 1.0
                    for campaigns in (pointers[other.key],)
                )
            )
            if others and not pointers[link.key] & others:  # it points away from everything else
                frequency = self.frequencies[link.key]
                frequency.conflicts += 1
                frequency.changed = True
                if frequency.conflicts >= EVERYWHERE_CONFLICTS:
                    self._everywhere(link.kind, link.value, frequency)
                    pointers.pop(link.key)
        kind_weights: dict[tuple[int, KeyKind], float] = {}
        for link in links:
            for campaign in sorted(pointers.get(link.key, ())):
                weight = WEIGHTS[link.kind]
                already = kind_weights.get((campaign, link.kind), 0.0)
                if already >= weight:
                    continue
                scores[campaign] += weight - already
                kind_weights[(campaign, link.kind)] = weight
                evidence_id = next(
                    (
                        evidence
                        for known, evidence in self.key_campaigns[link.key].items()
                        if self._root(known) == campaign
                    ),
                    None,
                )
                link_kind = LinkKind.INFRASTRUCTURE if link.infrastructure else LinkKind.BENEFICIARY
                reasons[campaign].append(
                    {
                        "link": link_kind.value,
                        "evidence": evidence_id,
                        "kind": link.kind.value,
                        "value": link.value,
                    }
                )

    def _count(self, report: Report, key: int, group: int | None) -> None:
        """The frequency rule's counts for one key of a report (``group``: None when not independent)."""
        frequency = self.frequencies[key]
        if key not in self.previous_keys.get(report.evidence_id, ()):
            frequency.reports += 1
            frequency.changed = True
        if frequency.everywhere:
            return
        if group is not None and group not in frequency.known_groups:
            frequency.known_groups.add(group)
            frequency.groups += 1
            frequency.changed = True
            if frequency.groups == 1 and frequency.group is None:
                frequency.group = group  # the first: in the frequency row
            else:
                self.new_key_groups.append((key, group))
        infrastructure = frequency.kind in INFRASTRUCTURE_KINDS
        reports = INFRASTRUCTURE_EVERYWHERE_REPORTS if infrastructure else EVERYWHERE_REPORTS
        groups = INFRASTRUCTURE_EVERYWHERE_GROUPS if infrastructure else EVERYWHERE_GROUPS
        if frequency.reports >= reports and frequency.groups >= groups:
            self._everywhere(frequency.kind, frequency.value, frequency)

    def _everywhere(self, kind: str, value: str, frequency: _Frequency) -> None:
        frequency.everywhere = True
        frequency.changed = True
        log.info("link key %s:%s is everywhere: it no longer links reports", kind, value)

    def _choose(self, linked: list[int], scores: dict[int, float]) -> int | None:
        """The campaign to join; merges the other linked ones into it unless kept apart."""
        if not linked:
            return None
        ranked = sorted(
            linked,
            key=lambda campaign: (
                -scores[campaign],
                -self.campaigns[campaign].size,
                campaign < 0,
                abs(campaign),
            ),
        )
        target = ranked[0]
        absorbed = [target]
        for other in ranked[1:]:
            if any(self._apart(other, member) for member in absorbed):
                continue
            self._merge(other, target)
            absorbed.append(other)
        return target

    def _merge(self, merged: int, into: int) -> None:
        source, target = self.campaigns[merged], self.campaigns[into]
        target.size += source.size
        target.first_seen = min(filter(None, (target.first_seen, source.first_seen)), default=None)
        target.last_seen = max(filter(None, (target.last_seen, source.last_seen)), default=None)
        target.touched = True
        source.size = 0
        source.merged_into = into
        source.touched = True
        self.merges.append((merged, into))
        for first, second in list(self.keep_apart):  # the merged campaign's separations carry over
            if merged in (first, second):
                other = second if first == merged else first
                if other != into:
                    self.keep_apart.add((min(other, into), max(other, into)))

    def _leave(self, left: int, joined: int) -> None:
        state = self.campaigns[self._root(left)]
        state.size = max(0, state.size - 1)
        state.touched = True
        if state.size == 0 and self._root(left) != joined:  # emptied: forward it to where its report went
            self._merge(self._root(left), joined)

    def _new_campaign(self, report: Report) -> int:
        temporary = self.next_temporary
        self.next_temporary -= 1
        self.campaigns[temporary] = _CampaignState(
            0,
            report.seen_at,
            report.seen_at,
            None,
            created=True,
            label=report.features.label,
            category=report.features.category,
        )
        return temporary

    def _index(self, report: Report, campaign: int, group: int, *, bands: bool) -> None:
        features = report.features
        for band in features.bands if bands else ():
            rows = self.buckets[band]
            if len(rows) < BUCKET_REPRESENTATIVES:
                rows.append(report.evidence_id)
                self.new_buckets.append((band, report.evidence_id))
                self.bands_of[report.evidence_id].append(band)
        for link in () if features.ham else features.keys:  # ham's values lead nowhere
            by_campaign = self.key_campaigns[link.key]
            if not any(self._root(known) == campaign for known in by_campaign):
                by_campaign[campaign] = report.evidence_id
                frequency = self.frequencies[link.key]
                frequency.changed = True
                if not frequency.shared and frequency.campaign is None and len(by_campaign) == 1:
                    frequency.campaign, frequency.evidence = campaign, report.evidence_id  # the first
                else:
                    frequency.shared = True
                    self.new_key_campaigns.append((link.key, campaign, report.evidence_id))
        self.stored[report.evidence_id] = _Stored(
            features.signature,
            frozenset(link.key for link in features.keys if not link.infrastructure),
            group,
            campaign,
            features.ham,
        )
        self.groups_of[report.evidence_id] = group

    # writes --------------------------------------------------------------------------------------

    def _write(self) -> None:
        now = timezone.now()
        created = [campaign for campaign, state in self.campaigns.items() if state.created]
        survivors = [campaign for campaign in created if self.campaigns[campaign].merged_into is None]
        self.created_ids = dict(zip(survivors, self._create_campaigns(survivors, now), strict=True))

        def real(campaign: int) -> int:
            root = self._root(campaign)
            return self.created_ids.get(root, root)

        db_time = self.db_time
        now_db = db_time(now)  # converted once for every row
        # merges of existing campaigns (temporary ones merged away are simply never created)
        merges = [(merged, real(merged)) for merged, _into in self.merges if merged > 0]
        if merges:
            members, campaigns = _table(CampaignMember), _table(Campaign)
            with _cursor() as cursor:
                cursor.executemany(
                    f"UPDATE {members} SET campaign_id = %s WHERE campaign_id = %s",  # noqa: S608
                    [(target, merged) for merged, target in merges],
                )
                cursor.executemany(
                    f"UPDATE {campaigns} SET merged_into_id = %s WHERE merged_into_id = %s",  # noqa: S608
                    [(target, merged) for merged, target in merges],
                )
                cursor.executemany(
                    f"UPDATE {campaigns} SET merged_into_id = %s, size = 0, updated_at = %s WHERE id = %s",  # noqa: S608
                    [(target, now_db, merged) for merged, target in merges],
                )
            for merged, target in merges:
                if any(merged in pair for pair in self.keep_apart):  # loaded for every campaign involved
                    _move_keep_apart(merged, target)
        by_id = self._reports_by_id()
        json_param = "%s::jsonb" if self.postgresql else "%s"
        with _cursor() as cursor:
            members = [
                self._member(by_id[evidence_id], real(campaign), reasons, now_db)
                for evidence_id, (campaign, reasons) in self.members.items()
                if evidence_id not in self.pinned
            ]
            if members:
                _insert(
                    cursor,
                    f"INSERT INTO {_table(CampaignMember)} (campaign_id, evidence_id, reasons, pinned, joined_at, "
                    "organisation_id, tlp, submitted_by_id, country, channel, category, origin_country, seen_at)",
                    f"(%s, %s, {json_param}, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
                    members,
                    binary=_MEMBER_TYPES,
                )
            _insert(
                cursor,
                f"INSERT INTO {_table(ReportSignature)} (evidence_id, minhash, bands, beneficiaries, keys, "
                "content_group, label, category, clustered_at)",
                f"(%s, %s, %s, %s, {json_param}, %s, %s, %s, %s)",
                [self._signature(report, now_db) for report in self.reports],
                binary=_SIGNATURE_TYPES,
            )
            if self.new_buckets:
                _insert(
                    cursor,
                    f"INSERT INTO {_table(BandBucket)} (bucket, evidence_id)",
                    "(%s, %s)",
                    sorted(self.new_buckets, key=itemgetter(0)),  # in index order: each page visited once
                )
        for evidence_id in self.pinned:
            CampaignMember.objects.filter(evidence_id=evidence_id).update(
                campaign_id=real(self.members[evidence_id][0])
            )
        with _cursor() as cursor:
            if self.new_key_campaigns:
                _insert(
                    cursor,
                    f'INSERT INTO {_table(KeyCampaign)} ("key", campaign_id, evidence_id)',
                    "(%s, %s, %s)",
                    [(key, real(campaign), evidence) for key, campaign, evidence in self.new_key_campaigns],
                    ' ON CONFLICT ("key", campaign_id) DO NOTHING',
                )
            if self.new_key_groups:
                _insert(
                    cursor,
                    f'INSERT INTO {_table(KeyGroup)} ("key", content_group)',
                    "(%s, %s)",
                    self.new_key_groups,
                    ' ON CONFLICT ("key", content_group) DO NOTHING',
                )
            changed = [
                (
                    key,
                    f.kind,
                    f.value[:300],
                    f.reports,
                    f.groups,
                    f.conflicts,
                    f.everywhere,
                    None if f.campaign is None else real(f.campaign),
                    f.evidence,
                    f.group,
                    f.shared,
                    f.stored,
                )
                for key, f in self.frequencies.items()
                if f.changed
            ]
            self._write_frequencies(
                cursor, [row[:-1] for row in changed if not row[-1]], [row[:-1] for row in changed if row[-1]]
            )
            touched = [
                (state.size, state.first_seen, state.last_seen, now, campaign)
                for campaign, state in self.campaigns.items()
                if state.touched and campaign > 0 and state.merged_into is None
            ]
            if touched and self.postgresql:  # one statement (a statement per row cost 50 us each)
                table = _table(Campaign)
                cursor.execute(
                    f"UPDATE {table} SET size = u.size, first_seen = u.first_seen, last_seen = u.last_seen, "  # noqa: S608
                    "updated_at = %s FROM unnest(%s::text::bigint[], %s::text::integer[], "
                    "%s::text::timestamptz[], %s::text::timestamptz[]) AS u(id, size, first_seen, last_seen) "
                    f"WHERE {table}.id = u.id",
                    [
                        now,
                        _pg_array(pk for *_rest, pk in touched),
                        _pg_array(size for size, *_rest in touched),
                        _pg_time_array(first for _size, first, *_rest in touched),
                        _pg_time_array(last for _size, _first, last, *_rest in touched),
                    ],
                )
            elif touched:
                cursor.executemany(
                    f"UPDATE {_table(Campaign)} SET size = %s, first_seen = %s, last_seen = %s, updated_at = %s "  # noqa: S608
                    "WHERE id = %s",
                    [
                        (size, db_time(first), db_time(last), db_time(at), pk)
                        for size, first, last, at, pk in touched
                    ],
                )
        refresh_campaigns(
            [
                campaign
                for campaign, state in self.campaigns.items()
                if campaign > 0 and state.merged_into is None and state.touched and _refresh_due(state.size)
            ],
            counts=False,
        )

    def _write_frequencies(
        self, cursor: Any, new: list[tuple[Any, ...]], stored: list[tuple[Any, ...]]
    ) -> None:
        """The frequency rows of keys first seen in this batch (inserted: no one else writes them, since
        every writer holds the engine's lock), and of the others (updated, which on PostgreSQL costs
        less than an upsert; ``shared`` is never cleared: a split may have marked it)."""
        table = _table(KeyFrequency)
        names = [f'"{column}"' for column in _FREQUENCY_COLUMNS]
        _insert(
            cursor, f"INSERT INTO {table} ({', '.join(names)})", f"({', '.join(['%s'] * len(names))})", new
        )
        if not stored:
            return
        counts = names[3:-1]  # reports ... content_group; key, kind and value do not change
        if self.postgresql:
            arrays, literals = _pg_unnest(stored, _FREQUENCY_TYPES)
            cursor.execute(
                f"UPDATE {table} SET {', '.join(f'{name} = u.{name}' for name in counts)}, "  # noqa: S608
                f"shared = {table}.shared OR u.shared FROM unnest({arrays}) AS u({', '.join(names)}) "
                f'WHERE {table}."key" = u."key"',
                literals,
            )
            return
        cursor.executemany(
            f"UPDATE {table} SET {', '.join(f'{name} = %s' for name in counts)}, "  # noqa: S608
            'shared = shared OR %s WHERE "key" = %s',
            [(*row[3:], row[0]) for row in stored],
        )

    def _create_campaigns(self, temporaries: list[int], now: datetime) -> list[int]:
        """Insert the new campaigns and return their ids in order. PostgreSQL: the ids drawn from the
        sequence first, then one ``COPY`` (a multi-row ``VALUES`` of nine parameters a row cost 50 us a
        row to parse and bind); SQLite: several rows a statement, ``RETURNING``."""
        if not temporaries:
            return []
        columns = (
            "name, name_set_by_analyst, status, category, size, first_seen, last_seen, created_at, updated_at"
        )
        rows = [
            (
                state.label or "unnamed campaign",
                False,
                CampaignStatus.ACTIVE.value,
                state.category[:30],
                state.size,
                self.db_time(state.first_seen),
                self.db_time(state.last_seen),
                self.db_time(now),
                self.db_time(now),
            )
            for state in (self.campaigns[temporary] for temporary in temporaries)
        ]
        table = _table(Campaign)
        if self.postgresql:
            with _cursor() as cursor:
                cursor.execute(
                    "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                    [Campaign._meta.db_table, len(rows)],
                )
                ids = sorted(row[0] for row in cursor.fetchall())
                _insert(
                    cursor,
                    f"INSERT INTO {table} (id, {columns})",
                    "",
                    [(pk, *row) for pk, row in zip(ids, rows, strict=True)],
                )
            return ids
        ids: list[int] = []
        for start in range(0, len(rows), 500):
            chunk = rows[start : start + 500]
            values = ", ".join(["(%s, %s, %s, %s, %s, %s, %s, %s, %s)"] * len(chunk))
            with _cursor() as cursor:
                cursor.execute(
                    f"INSERT INTO {table} ({columns}) VALUES {values} RETURNING id",  # noqa: S608
                    [value for row in chunk for value in row],
                )
                ids += [row[0] for row in cursor.fetchall()]
        return ids

    def _json(self, value: Any) -> Any:
        """A JSON column's value: the object itself for PostgreSQL's binary COPY (psycopg encodes it for
        the column's jsonb type; a string would be stored as a JSON string), its text for SQLite."""
        return value if self.postgresql else json.dumps(value)

    def _reports_by_id(self) -> dict[int, Report]:
        return {report.evidence_id: report for report in self.reports}

    def _member(
        self, report: Report, campaign: int, reasons: list[dict[str, Any]], now: Any
    ) -> tuple[Any, ...]:
        return (
            campaign,
            report.evidence_id,
            self._json(reasons),
            False,
            now,
            report.organisation_id,
            report.tlp,
            report.submitted_by_id,
            report.country,
            report.channel[:10],
            report.features.category[:30],
            report.origin_country[:2],
            self.db_time(report.seen_at),
        )

    def _signature(self, report: Report, now: Any) -> tuple[Any, ...]:
        features = report.features
        return (
            report.evidence_id,
            to_bytes(features.signature) if features.signature is not None else None,
            _int64s(self.bands_of.get(report.evidence_id, ())),
            _int64s(link.key for link in features.keys if not link.infrastructure),
            self._json([[link.kind.value, link.value] for link in features.keys]),
            self.groups_of.get(report.evidence_id, report.evidence_id),
            features.label[:200],
            features.category[:30],
            now,
        )


def index_bands(evidence_ids: Iterable[int]) -> None:
    """Index every band of these reports, full buckets or not: an analyst moved them (a split), so
    they must now lead later copies to their new campaign even where another report represented them."""
    rows = _select(
        f"SELECT evidence_id, minhash, bands FROM {_table(ReportSignature)} WHERE evidence_id IN_LIST",  # noqa: S608
        evidence_ids,
    )
    for evidence_id, minhash, stored in rows:
        if minhash is None:
            continue
        indexed = _from_int64s(stored)
        known = set(indexed)
        missing = [band for band in band_keys(from_bytes(bytes(minhash))) if band not in known]
        if not missing:
            continue
        BandBucket.objects.bulk_create([BandBucket(bucket=band, evidence_id=evidence_id) for band in missing])
        ReportSignature.objects.filter(evidence_id=evidence_id).update(bands=_int64s([*indexed, *missing]))


def index_key_campaigns(rows: Iterable[tuple[str, str, int, int]]) -> None:
    """Keys that now lead to a campaign besides their first, ``(kind, value, campaign id, evidence
    id)``: an analyst moved the reports there (a split). A KeyCampaign row each, and their frequency
    rows marked shared, so that the engine reads KeyCampaign for them (a frequency row is created,
    uncounted, for a key the engine never counted). Under the engine's lock."""
    from lapnet.clustering.links import key_of

    items = [
        (key_of(kind, value), kind, value, campaign, evidence) for kind, value, campaign, evidence in rows
    ]
    if not items:
        return
    with transaction.atomic():
        _lock()
        KeyCampaign.objects.bulk_create(
            [
                KeyCampaign(key=key, campaign_id=campaign, evidence_id=evidence)
                for key, _k, _v, campaign, evidence in items
            ],
            ignore_conflicts=True,
        )
        named = {key: (kind, value) for key, kind, value, _campaign, _evidence in items}
        KeyFrequency.objects.filter(key__in=named).update(shared=True)
        counted = set(KeyFrequency.objects.filter(key__in=named).values_list("key", flat=True))
        KeyFrequency.objects.bulk_create(
            [
                KeyFrequency(key=key, kind=kind, value=value[:300], shared=True)
                for key, (kind, value) in named.items()
                if key not in counted
            ],
            ignore_conflicts=True,
        )


def _key_int(kind: str, value: str) -> int:
    from lapnet.clustering.links import key_of

    return key_of(kind, value)


def _from_db_time(value: Any) -> datetime | None:
    """A datetime read with raw SQL: aware from PostgreSQL, naive UTC from SQLite (text or datetime)."""
    if value is None:
        return None
    if not isinstance(value, datetime):
        value = datetime.fromisoformat(value)
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


def _db_time(value: datetime | None) -> Any:
    """A datetime as the database takes it (see :func:`_db_time_converter`)."""
    return _db_time_converter()(value)


def _db_time_converter() -> Callable[[datetime | None], Any]:
    """Datetimes as the current database takes them: Django's conversion (naive UTC text on SQLite),
    without its per-value look-ups of the connection and the settings (thousands a batch), which go
    through the connection handler's thread-local storage each time."""
    ops = connection.ops
    if connection.vendor != "sqlite":
        return ops.adapt_datetimefield_value
    zone = connection.timezone

    def convert(value: datetime | None) -> Any:
        if value is None or value.tzinfo is None:
            return ops.adapt_datetimefield_value(value)
        return str(value.astimezone(zone).replace(tzinfo=None))

    return convert


def _refresh_due(size: int) -> bool:
    """Names and categories are recomputed at sizes 1, 2, 4, 8...: fresh enough, and cheap."""
    return size > 0 and size & (size - 1) == 0


def _move_keep_apart(merged: int, into: int) -> None:
    """A merged campaign's separations now hold for the campaign it was merged into."""
    for pair in KeepApart.objects.filter(first_id=merged) | KeepApart.objects.filter(second_id=merged):
        other = pair.second_id if pair.first_id == merged else pair.first_id
        if other != into:
            KeepApart.objects.get_or_create(
                first_id=min(other, into),
                second_id=max(other, into),
                defaults={"created_by_id": pair.created_by_id},
            )
        pair.delete()


def refresh_campaign(campaign_id: int, *, counts: bool = True) -> None:
    """Recompute a campaign's summary from its members (see :func:`refresh_campaigns`)."""
    refresh_campaigns([campaign_id], counts=counts)


def refresh_campaigns(campaign_ids: Iterable[int], *, counts: bool = True) -> None:
    """Recompute campaigns' summaries from their members: size, first and last seen (``counts``), the
    commonest category of the most recent :data:`NAME_REFRESH_LIMIT` members, and the name (their
    commonest label: landing domain or subject) unless an analyst named the campaign. A few
    statements for any number of campaigns."""
    ids = sorted(set(campaign_ids))
    if not ids:
        return
    now = _db_time(timezone.now())
    members, campaigns = _table(CampaignMember), _table(Campaign)
    with _cursor() as cursor:
        if counts:
            cursor.execute(
                f"UPDATE {campaigns} SET "  # noqa: S608
                f"size = (SELECT COUNT(*) FROM {members} m WHERE m.campaign_id = {campaigns}.id), "
                f"first_seen = (SELECT MIN(m.seen_at) FROM {members} m WHERE m.campaign_id = {campaigns}.id), "
                f"last_seen = (SELECT MAX(m.seen_at) FROM {members} m WHERE m.campaign_id = {campaigns}.id) "
                f"WHERE id {_in(ids)[0]}",
                _in(ids)[1],
            )
    recent = _recent_members(ids)
    categories: dict[int, Counter[str]] = {campaign: Counter() for campaign in ids}
    labelled: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for campaign, evidence_id, category, label in recent:
        if category:
            categories[campaign][category] += 1
        if label is not None:
            labelled[campaign].append((evidence_id, label))
    updates = []
    for campaign in ids:
        labels = Counter(label for _evidence, label in sorted(labelled[campaign]))
        name = next((label for label, _count in labels.most_common() if label), None)
        counted = categories[campaign]
        category = min(counted, key=lambda name: (-counted[name], name)) if counted else ""
        updates.append((category, name, now, campaign))
    with _cursor() as cursor:
        if connection.vendor == "postgresql":  # one statement, not one a campaign
            cursor.execute(
                f"UPDATE {campaigns} SET category = u.category, "  # noqa: S608
                f"name = CASE WHEN {campaigns}.name_set_by_analyst THEN {campaigns}.name "
                f"ELSE COALESCE(u.name, {campaigns}.name) END, updated_at = %s "
                "FROM unnest(%s::text::text[], %s::text::text[], %s::text::bigint[]) AS u(category, name, id) "
                f"WHERE {campaigns}.id = u.id",
                [
                    now,
                    _pg_text_array(category for category, _name, _now, _id in updates),
                    _pg_text_array(name for _category, name, _now, _id in updates),
                    _pg_array(pk for _category, _name, _now, pk in updates),
                ],
            )
            return
        cursor.executemany(
            f"UPDATE {campaigns} SET category = %s, "  # noqa: S608
            "name = CASE WHEN name_set_by_analyst THEN name ELSE COALESCE(%s, name) END, updated_at = %s "
            "WHERE id = %s",
            updates,
        )


def _recent_members(ids: list[int]) -> list[tuple[int, int, str, str | None]]:
    """``(campaign, evidence, category, label)`` of each campaign's :data:`NAME_REFRESH_LIMIT` most
    recent members: read from the ``(campaign, seen_at)`` index backwards, at most that many rows a
    campaign however large it is (a window over each campaign's members read and sorted them all, and
    the refreshes of large campaigns came to cost more than the rest of a batch's writes)."""
    members, signatures = _table(CampaignMember), _table(ReportSignature)
    recent = (
        f"SELECT m.evidence_id, m.category, s.label FROM {members} m LEFT JOIN {signatures} s "  # noqa: S608
        "ON s.evidence_id = m.evidence_id WHERE m.campaign_id = {campaign} "
        "ORDER BY m.seen_at DESC, m.id DESC LIMIT %s"
    )
    with _cursor() as cursor:
        if connection.vendor == "postgresql":  # one statement: a lateral subquery a campaign
            cursor.execute(
                f"SELECT c.id, r.* FROM unnest(%s::text::bigint[]) AS c(id) CROSS JOIN LATERAL "  # noqa: S608
                f"({recent.format(campaign='c.id')}) r",
                [_pg_array(ids), NAME_REFRESH_LIMIT],
            )
            return list(cursor.fetchall())
        rows: list[tuple[int, int, str, str | None]] = []
        for campaign in ids:  # in process: a statement a campaign costs nothing more
            cursor.execute(recent.format(campaign="%s"), [campaign, NAME_REFRESH_LIMIT])
            rows += [(campaign, *row) for row in cursor.fetchall()]
        return rows


def resolve(campaign: Campaign) -> Campaign:
    """The campaign a merged one forwards to (itself when not merged)."""
    seen = 0
    while campaign.merged_into_id is not None and seen < 100:
        campaign = Campaign.objects.get(pk=campaign.merged_into_id)
        seen += 1
    return campaign
