"""Evaluate the classifier on the public corpora and write ``docs/category-evaluation.md`` (development only).

Needs scikit-learn (it retrains the model for every fold). Run it as
``python -m lapnet.analysis.classify.evaluate`` (``$LAPNET_CORPORA`` as for training). Four views:

1. **cross-validated** (5 folds, stratified by collection and label, fixed seed): every message is
   classified by a model that never saw it. The main in-collection figures.
2. **the shipped model on its own training data**: what the regression test in
   ``tests/analysis/test_classify.py`` checks; optimistic by construction.
3. **leave one collection out**: retrained without a collection, tested on it.
4. **SpamAssassin by era**: trained on the 2002 folders (easy_ham, hard_ham, spam), tested on the
   later ones (easy_ham_2, spam_2): the same source a year on.

Everything but the timing section is deterministic.
"""

from __future__ import annotations

import argparse
import math
import random
import statistics
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from lapnet.analysis.classify import MODEL
from lapnet.analysis.classify import features as feature_module
from lapnet.analysis.classify.classifier import ACCUSING, SPAM_CATEGORIES, Classification, classify_with
from lapnet.analysis.classify.corpus import (
    COLLECTIONS,
    NAZARIO,
    PHISHING_POT,
    SPAMASSASSIN,
    UCI_SMS,
    Sample,
    load_all,
)
from lapnet.analysis.classify.model import SpamModel
from lapnet.analysis.classify.text import fold_text
from lapnet.analysis.classify.train import Prepared, prepare, train_model
from lapnet.analysis.types import Category

OUTPUT = Path(__file__).resolve().parents[3] / "docs" / "category-evaluation.md"
FOLDS = 5
SEED = 2722
CATEGORIES = tuple(Category)
SHORT = {
    Category.PHISHING: "phish",
    Category.ADVANCE_FEE_FRAUD: "fee",
    Category.LOTTERY_OR_PRIZE: "lottery",
    Category.MALWARE: "malware",
    Category.PHARMA: "pharma",
    Category.FINANCIAL_OR_STOCK: "financial",
    Category.EXTORTION: "extortion",
    Category.DATING_OR_ADULT: "adult",
    Category.COMMERCIAL_UNSOLICITED: "commercial",
    Category.NOT_SPAM: "not_spam",
    Category.UNKNOWN: "unknown",
}
TITLES = {
    SPAMASSASSIN: "SpamAssassin public corpus",
    PHISHING_POT: "phishing-pot",
    NAZARIO: "Nazario phishing corpus",
    UCI_SMS: "UCI SMS Spam Collection",
}


@dataclass(frozen=True, slots=True)
class Outcome:
    sample: Sample
    result: Classification


def classify_sample(model: SpamModel, sample: Sample) -> Classification:
    return classify_with(
        model,
        subject=sample.subject,
        text=sample.text,
        kind=sample.kind,
        attachment_names=sample.attachment_names,
    )


def run(model: SpamModel, samples: Sequence[Sample]) -> list[Outcome]:
    return [Outcome(sample, classify_sample(model, sample)) for sample in samples]


def stratified_folds(samples: Sequence[Sample], folds: int, seed: int) -> list[list[int]]:
    by_stratum: dict[tuple[str, str], list[int]] = defaultdict(list)
    for index, sample in enumerate(samples):
        by_stratum[(sample.collection, sample.label)].append(index)
    generator = random.Random(seed)
    out: list[list[int]] = [[] for _ in range(folds)]
    for stratum in sorted(by_stratum):
        indices = by_stratum[stratum]
        generator.shuffle(indices)
        for position, index in enumerate(indices):
            out[position % folds].append(index)
    return [sorted(fold) for fold in out]


def cross_validated(prepared: Prepared, log: Callable[[str], None]) -> list[Outcome]:
    outcomes: dict[int, Outcome] = {}
    folds = stratified_folds(prepared.samples, FOLDS, SEED)
    for number, test in enumerate(folds, start=1):
        held = set(test)
        train = [index for index in range(len(prepared.samples)) if index not in held]
        log(f"cross-validation fold {number}/{FOLDS}")
        model = train_model(prepared, train)
        for index in test:
            outcomes[index] = Outcome(
                prepared.samples[index], classify_sample(model, prepared.samples[index])
            )
    return [outcomes[index] for index in range(len(prepared.samples))]


def _in_collection(collection: str) -> Callable[[Sample], bool]:
    def test(sample: Sample) -> bool:
        return sample.collection == collection

    return test


def held_out(prepared: Prepared, test: Callable[[Sample], bool]) -> list[Outcome]:
    train = [index for index, sample in enumerate(prepared.samples) if not test(sample)]
    model = train_model(prepared, train)
    return run(model, [sample for sample in prepared.samples if test(sample)])


# ------------------------------------------------------------------------------------------ figures


def wilson_upper(successes: int, total: int, z: float = 1.96) -> float:
    """Upper bound of the 95 % Wilson interval: what a rate of 0/300 still allows."""
    if total == 0:
        return float("nan")
    phat = successes / total
    denominator = 1 + z * z / total
    centre = phat + z * z / (2 * total)
    margin = z * math.sqrt(phat * (1 - phat) / total + z * z / (4 * total * total))
    return (centre + margin) / denominator


def percent(count: int, total: int) -> str:
    return "–" if total == 0 else f"{100 * count / total:.1f} %"


def confusion_table(outcomes: Sequence[Outcome]) -> list[str]:
    labels = sorted({outcome.sample.label for outcome in outcomes}, key=_label_order)
    counts: Counter[tuple[str, Category]] = Counter((o.sample.label, o.result.category) for o in outcomes)
    used = [category for category in CATEGORIES if any(counts[(label, category)] for label in labels)]
    lines = [
        "| label | n | " + " | ".join(SHORT[category] for category in used) + " |",
        "|---|---:|" + "---:|" * len(used),
    ]
    for label in labels:
        total = sum(counts[(label, category)] for category in CATEGORIES)
        cells = " | ".join(str(counts[(label, category)]) for category in used)
        lines.append(f"| {label} | {total} | {cells} |")
    return lines


def _label_order(label: str) -> tuple[int, str]:
    return (0 if "ham" in label else 1, label)


@dataclass(frozen=True, slots=True)
class Rates:
    ham: int
    ham_accused: int
    ham_flagged: int
    spam: int
    spam_detected: int
    phish: int
    phish_as_phishing: int
    unknown: int


def rates(outcomes: Sequence[Outcome]) -> Rates:
    ham = [o for o in outcomes if not o.sample.is_spam]
    spam = [o for o in outcomes if o.sample.is_spam]
    phish = [o for o in outcomes if o.sample.label == "phish"]
    return Rates(
        ham=len(ham),
        ham_accused=sum(o.result.category in ACCUSING for o in ham),
        ham_flagged=sum(o.result.category in SPAM_CATEGORIES for o in ham),
        spam=len(spam),
        spam_detected=sum(o.result.category in SPAM_CATEGORIES for o in spam),
        phish=len(phish),
        phish_as_phishing=sum(o.result.category is Category.PHISHING for o in phish),
        unknown=sum(o.result.category is Category.UNKNOWN for o in outcomes),
    )


def rates_table(rows: Sequence[tuple[str, Rates]]) -> list[str]:
    lines = [
        "| collection | ham n | ham falsely accused¹ | (95 % upper bound) | ham flagged as any spam | "
        "spam/phish n | detected as spam² | phish as `phishing` | unknown |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, figures in rows:
        upper = wilson_upper(figures.ham_accused, figures.ham)
        bound = "–" if figures.ham == 0 else f"{100 * upper:.2f} %"
        lines.append(
            f"| {name} | {figures.ham} | {figures.ham_accused} ({percent(figures.ham_accused, figures.ham)}) | "
            f"{bound} | {figures.ham_flagged} ({percent(figures.ham_flagged, figures.ham)}) | {figures.spam} | "
            f"{figures.spam_detected} ({percent(figures.spam_detected, figures.spam)}) | "
            f"{percent(figures.phish_as_phishing, figures.phish)} | "
            f"{percent(figures.unknown, figures.ham + figures.spam)} |"
        )
    return lines


RATE_NOTES = [
    "",
    "¹ ham classified as phishing, advance_fee_fraud, extortion or malware: the number that matters most.  ",
    "² spam or phish classified as any spam category (phishing ... commercial_unsolicited); `unknown` and "
    "`not_spam` count as missed.",
]


def by_collection(outcomes: Sequence[Outcome]) -> dict[str, list[Outcome]]:
    grouped: dict[str, list[Outcome]] = {collection: [] for collection in COLLECTIONS}
    for outcome in outcomes:
        grouped[outcome.sample.collection].append(outcome)
    return grouped


def section(title: str, outcomes: Sequence[Outcome], intro: str) -> list[str]:
    lines = [f"## {title}", "", intro, ""]
    grouped = by_collection(outcomes)
    rows = [(TITLES[collection], rates(items)) for collection, items in grouped.items() if items]
    sa_ham = [o for o in grouped[SPAMASSASSIN] if not o.sample.is_spam]
    if sa_ham:
        for label in ("easy_ham", "easy_ham_2", "hard_ham"):
            part = [o for o in sa_ham if o.sample.label == label]
            rows.append((f"… SpamAssassin {label}", rates(part)))
    lines += rates_table(rows) + RATE_NOTES + [""]
    for collection, items in grouped.items():
        if items:
            lines += [f"### {TITLES[collection]}", "", *confusion_table(items), ""]
    return lines


def accused_examples(outcomes: Sequence[Outcome], limit: int = 12) -> list[str]:
    accused = [o for o in outcomes if not o.sample.is_spam and o.result.category in ACCUSING]
    if not accused:
        return ["No ham message was accused."]
    lines = ["| sample | category | rules |", "|---|---|---|"]
    for outcome in accused[:limit]:
        rules = ", ".join(e.rule for e in outcome.result.evidence if not e.rule.startswith("model."))
        lines.append(f"| `{outcome.sample.source}` | {outcome.result.category.value} | {rules} |")
    if len(accused) > limit:
        lines.append(f"| … and {len(accused) - limit} more | | |")
    return lines


def timing(samples: Sequence[Sample]) -> list[str]:
    """Microseconds per message: the whole classify() and the model part alone (fold, tokenise, score)."""
    emails = [sample for sample in samples if sample.collection != UCI_SMS]
    sms = [sample for sample in samples if sample.collection == UCI_SMS]
    lines = [
        "| messages | n | classify() mean | median | p95 | model only³ mean | median | p95 |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, group in (("e-mail", emails), ("SMS", sms)):
        whole = _time_each(group, lambda sample: classify_sample(MODEL, sample))
        model_only = _time_each(group, _model_only)
        lines.append(f"| {name} | {len(group)} | {_stats(whole)} | {_stats(model_only)} |")
    lines += [
        "",
        "³ folding the subject and the first "
        f"{feature_module.MODEL_TEXT_CHARS} characters of text, masking, tokenising (one translate and "
        "split) and the weight lookups: what the spam probability costs.",
    ]
    return lines


def _model_only(sample: Sample) -> float:
    head = fold_text(sample.text[: feature_module.MODEL_TEXT_CHARS])
    return MODEL.probability(feature_module.model_features(fold_text(sample.subject), head))


def _time_each(samples: Sequence[Sample], work: Callable[[Sample], object]) -> list[float]:
    for sample in samples[:200]:  # warm up
        work(sample)
    out: list[float] = []
    clock = time.perf_counter
    for sample in samples:
        best = math.inf
        for _ in range(3):  # the best of three: other processes only ever add time
            start = clock()
            work(sample)
            best = min(best, clock() - start)
        out.append(best * 1e6)
    return out


def _stats(values: list[float]) -> str:
    ordered = sorted(values)
    p95 = ordered[int(0.95 * (len(ordered) - 1))]
    return f"{statistics.fmean(values):.0f} µs | {statistics.median(values):.0f} µs | {p95:.0f} µs"


# ------------------------------------------------------------------------------------------ the report


def report(samples: Sequence[Sample], log: Callable[[str], None]) -> str:
    prepared = prepare(samples)
    log("cross-validating")
    validated = cross_validated(prepared, log)
    log("classifying with the shipped model")
    shipped = run(MODEL, samples)
    lines = [
        "# Category classifier: evaluation",
        "",
        f"Generated by `python -m lapnet.analysis.classify.evaluate` (model `{MODEL.version}`), on the "
        "development part of the public corpora in `$LAPNET_CORPORA` (`docs/category-classification.md` "
        "explains the classifier). Rows are each collection's own label; columns the predicted category. "
        "Regenerate after any change to the rules, the features or the thresholds.",
        "",
    ]
    lines += section(
        "1. Cross-validated (5 folds)",
        validated,
        "Each message classified by a model trained on the other four fifths (folds stratified by "
        f"collection and label, seed {SEED}). The rules are hand-written and were tuned on these same "
        "corpora, so they are not held out: read these as development figures.",
    )
    lines += ["### Ham falsely accused (cross-validated)", "", *accused_examples(validated), ""]
    lines += section(
        "2. The shipped model on its own training data",
        shipped,
        "What `tests/analysis/test_classify.py` checks (its ceilings sit a little above these). "
        "Optimistic: the model has seen every message.",
    )
    lines += ["## 3. Leave one collection out", ""]
    lines += [
        "Retrained without one collection, tested on it. Caveat that decides how to read the ham "
        "columns: e-mail ham comes from SpamAssassin only and SMS ham from UCI only, so holding out "
        "SpamAssassin leaves no e-mail ham to learn from (and holding out UCI no SMS ham): those ham rates "
        "measure a model that has never seen legitimate mail of that kind, not cross-collection "
        "generalisation. The phishing collections are the meaningful test here.",
        "",
    ]
    loco_rows: list[tuple[str, Rates]] = []
    loco_tables: list[str] = []
    for collection in COLLECTIONS:
        log(f"leaving out {collection}")
        outcomes = held_out(prepared, _in_collection(collection))
        loco_rows.append((f"without {TITLES[collection]}", rates(outcomes)))
        loco_tables += [
            f"### Tested on {TITLES[collection]}, trained on the rest",
            "",
            *confusion_table(outcomes),
            "",
        ]
    lines += rates_table(loco_rows) + RATE_NOTES + ["", *loco_tables]
    log("SpamAssassin by era")
    later = held_out(prepared, lambda sample: sample.label in {"easy_ham_2", "spam_2"})
    lines += [
        "## 4. SpamAssassin by era",
        "",
        "Trained on everything except SpamAssassin's later folders (easy_ham_2, spam_2), tested on them: "
        "the same kind of mail, collected later.",
        "",
        *rates_table([("SpamAssassin easy_ham_2 + spam_2", rates(later))]),
        *RATE_NOTES,
        "",
        *confusion_table(later),
        "",
    ]
    lines += _weaknesses(validated, later, dict(loco_rows)[f"without {TITLES[PHISHING_POT]}"])
    lines += _heaviest_features()
    log("timing")
    lines += [
        "## Speed",
        "",
        "Microseconds per message on the machine that generated this file (single thread, CPython "
        f"{sys.version.split()[0]}); text already extracted.",
        "",
        *timing(samples),
        "",
    ]
    return "\n".join(lines)


def _weaknesses(validated: Sequence[Outcome], later: Sequence[Outcome], pot_held_out: Rates) -> list[str]:
    pot = rates([o for o in validated if o.sample.collection == PHISHING_POT])
    era = rates(later)
    return [
        "## What is weak",
        "",
        "- **No modern legitimate mail.** The only e-mail ham is SpamAssassin's 2002-2003 mailing-list "
        "traffic and the only SMS ham is UCI's 2011 UK texts. Real security alerts, parcel notices, bank "
        "and subscription mail of today read like the phishing collections, the model has never seen "
        "them as ham, and the accusing rules fire on them too. The false-accusation rate on such mail is "
        "**not measured here** and is surely higher than the figures above; until a labelled set of "
        "modern legitimate mail exists, treat an accusation as a lead for a person to confirm.",
        "- **Collection and label are confounded.** Both phishing collections are all positive and recent "
        '(phishing-pot) or of one era (Nazario); some of what the model calls spam is "looks like 2023". '
        "The two-collection vocabulary rule (see `docs/category-classification.md`) limits it; it "
        "cannot remove it. Held out, phishing-pot is detected less well: "
        f"{percent(pot_held_out.spam_detected, pot_held_out.spam)} against "
        f"{percent(pot.spam_detected, pot.spam)} cross-validated.",
        "- **Leave-one-collection-out is degenerate for ham** (section 3 caveat): nothing else has e-mail "
        "or SMS ham.",
        "- **Categories are not labelled anywhere.** phishing-pot mixes credential phishing, lottery and "
        "casino mail, advance-fee letters and plain marketing without sub-labels, so only the spam/ham "
        "side is measured; the category columns are what the rules say, checked by hand on samples and "
        f"by named examples in the tests. Only {percent(pot.phish_as_phishing, pot.phish)} of phishing-pot "
        "is called `phishing`: much of it is not credential phishing, and some that is escapes the rules.",
        "- **The rules were written while looking at these corpora** (development parts only): the figures "
        "flatter them. The held-back parts of the corpora are the place for a blind check.",
        f"- **Drift.** A year later (section 4) SpamAssassin spam is detected at "
        f"{percent(era.spam_detected, era.spam)}: retrain when new labelled data arrives.",
        "- **Languages.** The phrase book covers seven languages, but the model's vocabulary is mostly "
        "English, with German and Portuguese from phishing-pot; ham in other languages is absent, so the "
        "spam probability of legitimate French or Italian mail is unmeasured.",
        "- **Artefacts survive the vocabulary rule when they are ordinary words.** See the heaviest "
        'features below: mailing-list footers ("yahoo", "group", "sponsor") and news-digest '
        'lines ("url", "date") pull towards ham because the 2002 ham is mailing-list traffic; '
        "German and Portuguese function words lean towards spam because the only non-English mail is "
        "phishing-pot's.",
        "- **Only the head is modelled.** The model reads the subject and the first "
        f"{feature_module.MODEL_TEXT_CHARS} characters of text (the rules read up to 20,000).",
        "",
    ]


def _heaviest_features(count: int = 20) -> list[str]:
    ordered = sorted(MODEL.weights.items(), key=lambda item: (item[1], item[0]))
    ham = ", ".join(f"`{feature}` {weight:+.2f}" for feature, weight in ordered[:count])
    spam = ", ".join(f"`{feature}` {weight:+.2f}" for feature, weight in reversed(ordered[-count:]))
    return [
        "## The heaviest features of the shipped model",
        "",
        f"{len(MODEL.weights)} features, intercept {MODEL.intercept:+.2f}; `s:` marks a subject feature.",
        "",
        f"- towards ham: {ham}",
        f"- towards spam: {spam}",
        "",
    ]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="evaluate", description=__doc__.split("\n", 1)[0])
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)

    def log(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    log("reading the corpora")
    samples = load_all()
    text = report(samples, log)
    args.output.write_text(text, encoding="utf-8")
    log(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
