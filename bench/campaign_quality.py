"""Campaign clustering quality, through the real pipeline (intake, analysis, incremental clustering).

    LAPNET_CORPORA=/work/shared/corpora .venv/bin/python bench/campaign_quality.py \
        [--generated 3000] [--campaigns 120] [--seed 7] [--corpora] [--explain] [--database-url URL]

1. Generated data with ground truth (``lapnet.generator``): pairwise precision, recall, F1 and the
   adjusted Rand index of the campaigns found against the true operations.
2. The real corpora (``--corpora``): the SpamAssassin spam folders, the Nazario phishing mboxes and
   the SpamAssassin ham folders, submitted in one stream. Measured: (a) exact duplicates (the same
   bytes after the headers, i.e. the same body) and near-duplicates (estimated Jaccard >= 0.8 of the
   masked text) among spam and phishing, and the share of those pairs put in one campaign; (b) ham
   pulled into spam campaigns: ham reports whose campaign also holds spam or phishing (``--explain``
   prints those campaigns' members and why each joined); (c) why near-duplicate pairs were not
   grouped (the veto, or the content link never tried).

Each run uses a scratch SQLite database (or ``--database-url`` for PostgreSQL) in a temporary folder.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections import Counter, defaultdict
from itertools import combinations
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def setup(database_url: str | None) -> None:
    data = tempfile.mkdtemp(prefix="lapnet-quality-")
    os.environ["LAPNET_DATA_DIR"] = data
    os.environ.setdefault("LAPNET_DEBUG", "1")
    os.environ.setdefault("SECRET_KEY", "quality-bench-" + "k" * 40)
    os.environ["LAPNET_TASK_BACKEND"] = "django.tasks.backends.immediate.ImmediateBackend"
    os.environ["DATABASE_URL"] = database_url or f"sqlite:///{data}/lapnet.sqlite3"
    os.environ["DJANGO_SETTINGS_MODULE"] = "lapnet.settings"
    import logging

    import django
    from django.core.management import call_command

    django.setup()
    logging.getLogger("django.tasks").setLevel(logging.WARNING)
    call_command("migrate", verbosity=0, skip_checks=True)


def submitter() -> object:
    from lapnet.members.models import Organisation, OrganisationType, Role, User

    organisation, _ = Organisation.objects.get_or_create(
        slug="bench", defaults={"name": "Bench", "type": OrganisationType.ENFORCEMENT, "country": "FR"}
    )
    user = User.objects.filter(username="bench").first()
    return user or User.objects.create_user(username="bench", organisation=organisation, role=Role.ANALYST)


def submit(user: object, data: bytes, name: str, kind: object = None) -> int:
    from lapnet.evidence.actions import submit_evidence
    from lapnet.evidence.models import Channel
    from lapnet.sharing.tlp import TLP

    submitted = submit_evidence(
        data=data,
        organisation=user.organisation,  # type: ignore[attr-defined]
        submitted_by=user,  # type: ignore[arg-type]
        channel=Channel.CLI,
        tlp=TLP.AMBER,
        source_name=name,
        kind=kind,  # type: ignore[arg-type]
    )
    return submitted.evidence.pk


def campaigns_of(ids: list[int]) -> list[int | None]:
    from lapnet.campaigns.models import CampaignMember

    found = dict(CampaignMember.objects.filter(evidence_id__in=ids).values_list("evidence_id", "campaign_id"))
    return [found.get(evidence_id) for evidence_id in ids]


def generated(reports: int, campaigns: int, seed: int) -> dict[str, float]:
    from lapnet.analysis.types import Kind
    from lapnet.clustering.quality import pairwise_scores
    from lapnet.generator.generate import iter_reports

    user = submitter()
    ids, truth = [], []
    started = time.perf_counter()
    for report in iter_reports(campaigns=campaigns, reports=reports, seed=seed):
        kind = Kind.SMS if report.channel == "sms" else None
        ids.append(submit(user, report.data, report.name, kind))
        truth.append(report.campaign_id)
    elapsed = time.perf_counter() - started
    found = [campaign if campaign is not None else -index for index, campaign in enumerate(campaigns_of(ids))]
    scores = pairwise_scores(truth, found)
    print(
        f"generated: {scores.reports} reports, {scores.true_campaigns} true campaigns (noise counted singly), "
        f"{scores.found_campaigns} found; precision {scores.precision:.4f} recall {scores.recall:.4f} "
        f"F1 {scores.f1:.4f} ARI {scores.adjusted_rand:.4f}; {elapsed:.0f} s for intake+analysis+clustering"
    )
    return {
        "precision": scores.precision,
        "recall": scores.recall,
        "f1": scores.f1,
        "ari": scores.adjusted_rand,
    }


def corpora(root: Path, limit: int, *, explain: bool = False) -> None:
    import numpy as np

    from lapnet.analysis.sources import iter_items
    from lapnet.campaigns.models import ReportSignature
    from lapnet.clustering.minhash import from_bytes

    sa = root / "spamassassin-public-corpus"
    sources: list[tuple[str, Path]] = []
    for folder, label in (
        ("spam", "spam"),
        ("spam_2", "spam"),
        ("easy_ham", "ham"),
        ("easy_ham_2", "ham"),
        ("hard_ham", "ham"),
    ):
        sources += [(label, path) for path in sorted((sa / folder).iterdir()) if path.is_file()]
    sources += [("phish", path) for path in sorted((root / "nazario-phishing-corpus").glob("*.mbox"))]
    user = submitter()
    labels: dict[int, str] = {}
    bodies: dict[int, bytes] = {}
    started = time.perf_counter()
    for label, path in sources:
        data = path.read_bytes()
        for item in list(iter_items(path, data))[: limit or None]:
            evidence_id = submit(user, item.data, str(path), item.kind)
            labels[evidence_id] = label
            bodies[evidence_id] = item.data.split(b"\n\n", 1)[-1]
    elapsed = time.perf_counter() - started
    ids = sorted(labels)
    campaign = dict(zip(ids, campaigns_of(ids), strict=True))
    # (a) duplicates among spam and phishing
    spammy = [evidence_id for evidence_id in ids if labels[evidence_id] != "ham"]
    by_body: dict[bytes, list[int]] = defaultdict(list)
    for evidence_id in spammy:
        by_body[bodies[evidence_id]].append(evidence_id)
    exact = [pair for group in by_body.values() for pair in combinations(group, 2)]
    signatures = {
        evidence_id: from_bytes(bytes(minhash))
        for evidence_id, minhash in ReportSignature.objects.filter(
            evidence_id__in=spammy, minhash__isnull=False
        ).values_list("evidence_id", "minhash")
    }
    near = []
    keyed = sorted(signatures)
    matrix = np.stack([signatures[evidence_id] for evidence_id in keyed]) if keyed else np.empty((0, 128))
    for row, evidence_id in enumerate(keyed):
        equal = (matrix[row + 1 :] == matrix[row]).mean(axis=1)
        near += [(evidence_id, keyed[row + 1 + other]) for other in np.nonzero(equal >= 0.8)[0]]
    for name, pairs in (("exact duplicates", exact), ("near-duplicates (J >= 0.8)", near)):
        grouped = sum(
            1
            for first, second in pairs
            if campaign[first] is not None and campaign[first] == campaign[second]
        )
        print(
            f"corpora: {name}: {len(pairs)} pairs among {len(spammy)} spam/phishing reports, {grouped} grouped ({grouped / max(1, len(pairs)):.2%})"
        )
    near_split(near, campaign)
    # (b) ham pulled into spam campaigns
    members: dict[int | None, Counter[str]] = defaultdict(Counter)
    for evidence_id in ids:
        members[campaign[evidence_id]][labels[evidence_id]] += 1
    hams = [evidence_id for evidence_id in ids if labels[evidence_id] == "ham"]
    pulled = [
        evidence_id
        for evidence_id in hams
        if members[campaign[evidence_id]]["spam"] + members[campaign[evidence_id]]["phish"] > 0
    ]
    mixed = sum(1 for counts in members.values() if counts["ham"] and counts["spam"] + counts["phish"])
    print(
        f"corpora: ham in spam campaigns: {len(pulled)} of {len(hams)} ham reports ({len(pulled) / max(1, len(hams)):.2%}), in {mixed} mixed campaigns"
    )
    spam_campaigns = Counter(campaign[evidence_id] for evidence_id in spammy)
    multi = sum(1 for count in spam_campaigns.values() if count > 1)
    largest = spam_campaigns.most_common(1)[0][1] if spam_campaigns else 0
    print(
        f"corpora: {len(spammy)} spam/phishing reports in {len(spam_campaigns)} campaigns, {multi} with more than one report, the largest of {largest}; {elapsed:.0f} s"
    )
    if explain:
        explain_mixed(ids, labels, campaign, members)


def near_split(near: list[tuple[int, int]], campaign: dict[int, int | None]) -> None:
    """Why near-duplicate pairs were not grouped. Every pair has an estimated Jaccard >= 0.8, above
    the content threshold (0.5), so none is below it: either the veto kept them apart (both name
    beneficiaries that are not everywhere, none shared) or the content link was never tried (LSH
    buckets keep only their first reports, whose campaigns the veto may have refused)."""
    import numpy as np

    from lapnet.campaigns.models import KeyFrequency, ReportSignature

    split = [
        (first, second)
        for first, second in near
        if campaign[first] is None or campaign[first] != campaign[second]
    ]
    ids = {evidence_id for pair in split for evidence_id in pair}
    everywhere = set(KeyFrequency.objects.filter(everywhere=True).values_list("key", flat=True))
    beneficiaries = {
        evidence_id: {int(key) for key in np.frombuffer(bytes(keys or b""), dtype="<i8")} - everywhere
        for evidence_id, keys in ReportSignature.objects.filter(evidence_id__in=ids).values_list(
            "evidence_id", "beneficiaries"
        )
    }
    vetoed = sum(
        1
        for first, second in split
        if beneficiaries.get(first)
        and beneficiaries.get(second)
        and not beneficiaries[first] & beneficiaries[second]
    )
    print(
        f"corpora: near-duplicate pairs not grouped: {len(split)}: {vetoed} kept apart by the veto "
        f"(different beneficiaries), 0 below the content threshold, {len(split) - vetoed} other "
        "(content link not tried: bucket representatives)"
    )


def explain_mixed(
    ids: list[int],
    labels: dict[int, str],
    campaign: dict[int, int | None],
    members: dict[int | None, Counter[str]],
) -> None:
    """Every campaign holding ham and spam: its members (file, label, category) and why each joined."""
    from lapnet.campaigns.models import CampaignMember
    from lapnet.evidence.models import Evidence

    mixed = {
        key
        for key, counts in members.items()
        if key is not None and counts["ham"] and counts["spam"] + counts["phish"]
    }
    reasons = dict(CampaignMember.objects.filter(campaign_id__in=mixed).values_list("evidence_id", "reasons"))
    names = dict(Evidence.objects.filter(pk__in=reasons).values_list("pk", "source_name"))
    categories = dict(Evidence.objects.filter(pk__in=reasons).values_list("pk", "category"))
    for key in sorted(mixed):
        print(f"mixed campaign {key}: {dict(members[key])}")
        for evidence_id in ids:
            if campaign[evidence_id] != key:
                continue
            why = "; ".join(
                f"{reason.get('link')} {reason.get('kind', '')}={reason.get('value', reason.get('similarity', ''))} (via {reason.get('evidence', '-')})"
                for reason in reasons.get(evidence_id, [])
            )
            print(
                f"  {evidence_id} {labels[evidence_id]:5} {'/'.join(names[evidence_id].split('/')[-2:])} [{categories[evidence_id]}]: {why}"
            )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--generated", type=int, default=3000, help="generated reports (0: skip)")
    parser.add_argument("--campaigns", type=int, default=120)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--corpora", action="store_true", help="also measure on the real corpora")
    parser.add_argument("--corpus-limit", type=int, default=0, help="records per mbox (0: all)")
    parser.add_argument(
        "--explain", action="store_true", help="print the members and link reasons of mixed campaigns"
    )
    parser.add_argument("--database-url")
    args = parser.parse_args()
    setup(args.database_url)
    if args.generated:
        generated(args.generated, args.campaigns, args.seed)
    if args.corpora:
        root = Path(
            os.environ.get("LAPNET_CORPORA", Path(__file__).resolve().parents[2] / "shared" / "corpora")
        )
        corpora(root, args.corpus_limit, explain=args.explain)


if __name__ == "__main__":
    main()
