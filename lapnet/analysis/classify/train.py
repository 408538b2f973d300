"""Train the spam/ham model and write ``lapnet/analysis/data/category_model.json`` (development only).

Needs scikit-learn and numpy (dev dependencies), imported lazily so that importing this module costs
nothing at run time. Run it through ``scripts/train-category-model``; it reads ``$LAPNET_CORPORA``.

Reproducible: the samples are read in sorted order, the vocabulary is sorted, the solver (L-BFGS) is
deterministic, weights are rounded, the JSON is written with sorted keys, and the date in the version
is ``RELEASE_DATE`` below, not the clock. Running the command twice gives the same bytes.

What the model may learn from is deliberately narrow (see :mod:`.features`): masked tokens of the
subject and the visible text. A token is kept only if it occurs in at least ``MIN_DOCUMENTS`` messages
of at least ``MIN_COLLECTIONS`` collections: a word found in one collection only ("exmh", "ilug",
"rodrigo", a collector's footer) describes that collection, not spam, and is how a model learns the
collections' artefacts instead of the language of spam.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lapnet.analysis.classify import features as feature_module
from lapnet.analysis.classify.corpus import COLLECTIONS, Sample, corpora_root, load_all
from lapnet.analysis.classify.model import MODEL_FORMAT, SpamModel, model_from_json
from lapnet.analysis.classify.text import fold_text

# Bump when the model is retrained on purpose (new data, new features): it dates the version string.
RELEASE_DATE = "2026-11-28"
TRAINING_COMMAND = "scripts/train-category-model"
MIN_DOCUMENTS = 3
MIN_COLLECTIONS = 2
REGULARISATION_C = 0.5  # inverse L2 strength; smaller generalises better across collections
WEIGHT_DECIMALS = 4
MIN_ABS_WEIGHT = 0.002  # smaller weights change no decision and only grow the file
OUTPUT = Path(__file__).resolve().parent.parent / "data" / "category_model.json"
# The code whose behaviour the weights depend on: a change there needs a retrain (a test checks it).
FEATURE_CODE = ("features.py", "text.py")


@dataclass(frozen=True, slots=True)
class Prepared:
    """Samples turned into features once, shared by training and by every evaluation fold."""

    samples: tuple[Sample, ...]
    features: tuple[frozenset[str], ...]
    labels: tuple[bool, ...]  # spam (or phish)?


def sample_features(sample: Sample) -> frozenset[str]:
    return frozenset(feature_module.model_features(fold_text(sample.subject), fold_text(sample.text)))


def prepare(samples: Sequence[Sample]) -> Prepared:
    return Prepared(
        samples=tuple(samples),
        features=tuple(sample_features(sample) for sample in samples),
        labels=tuple(sample.is_spam for sample in samples),
    )


def select_vocabulary(prepared: Prepared, indices: Sequence[int]) -> list[str]:
    documents: Counter[str] = Counter()
    collections: dict[str, set[str]] = defaultdict(set)
    for index in indices:
        collection = prepared.samples[index].collection
        for feature in prepared.features[index]:
            documents[feature] += 1
            collections[feature].add(collection)
    minimum_collections = min(MIN_COLLECTIONS, len({prepared.samples[index].collection for index in indices}))
    return sorted(
        feature
        for feature, count in documents.items()
        if count >= MIN_DOCUMENTS and len(collections[feature]) >= minimum_collections
    )


def fit(
    prepared: Prepared, indices: Sequence[int], c: float = REGULARISATION_C
) -> tuple[float, dict[str, float]]:
    """Logistic regression on binary features, classes balanced; returns (intercept, weights)."""
    import numpy as np
    from scipy.sparse import csr_matrix  # type: ignore[import-untyped]
    from sklearn.linear_model import LogisticRegression  # type: ignore[import-untyped]

    vocabulary = select_vocabulary(prepared, indices)
    column = {feature: position for position, feature in enumerate(vocabulary)}
    rows: list[int] = []
    columns: list[int] = []
    for row, index in enumerate(indices):
        for feature in prepared.features[index]:
            position = column.get(feature)
            if position is not None:
                rows.append(row)
                columns.append(position)
    matrix = csr_matrix(
        (np.ones(len(rows), dtype=np.float64), (rows, columns)), shape=(len(indices), len(vocabulary))
    )
    matrix.sort_indices()
    labels = np.array([prepared.labels[index] for index in indices], dtype=np.int8)
    model = LogisticRegression(C=c, solver="lbfgs", max_iter=10_000, tol=1e-8, class_weight="balanced")
    model.fit(matrix, labels)
    weights: dict[str, float] = {}
    for feature, weight in zip(vocabulary, model.coef_[0], strict=True):
        rounded = round(float(weight), WEIGHT_DECIMALS)
        if abs(rounded) >= MIN_ABS_WEIGHT:
            weights[feature] = rounded
    return round(float(model.intercept_[0]), WEIGHT_DECIMALS), weights


def train_model(prepared: Prepared, indices: Sequence[int], c: float = REGULARISATION_C) -> SpamModel:
    """A model for evaluation folds: the same training, not written anywhere."""
    intercept, weights = fit(prepared, indices, c)
    return SpamModel("evaluation fold", intercept, weights, feature_module.MODEL_TEXT_CHARS)


def feature_code_digest() -> str:
    here = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for name in FEATURE_CODE:
        digest.update(name.encode())
        digest.update((here / name).read_bytes())
    return digest.hexdigest()


def _manifest_digests(root: Path) -> dict[str, str]:
    folders = (
        "spamassassin-public-corpus",
        "phishing-pot",
        "nazario-phishing-corpus",
        "uci-sms-spam-collection",
    )
    return {
        f"{folder}/MANIFEST.tsv": hashlib.sha256((root / folder / "MANIFEST.tsv").read_bytes()).hexdigest()
        for folder in folders
    }


def build_document(
    prepared: Prepared, intercept: float, weights: dict[str, float], root: Path
) -> dict[str, Any]:
    counts: dict[str, dict[str, int]] = {collection: {} for collection in COLLECTIONS}
    for sample in prepared.samples:
        by_label = counts[sample.collection]
        by_label[sample.label] = by_label.get(sample.label, 0) + 1
    payload = {"intercept": intercept, "text_chars": feature_module.MODEL_TEXT_CHARS, "weights": weights}
    digest = hashlib.sha256(json.dumps(payload, sort_keys=True, separators=(",", ":")).encode()).hexdigest()
    return {
        "format": MODEL_FORMAT,
        "version": f"category-model {RELEASE_DATE} sha256:{digest[:12]}",
        "training_command": TRAINING_COMMAND,
        "model": (
            "logistic regression (scikit-learn LogisticRegression, lbfgs, L2, "
            f"C={REGULARISATION_C}, class_weight=balanced) on binary features"
        ),
        "features": (
            "distinct tokens of the folded subject and of the first text_chars characters of the folded "
            "visible text; URLs, e-mail addresses, host names, IPs, phone numbers, dates, times and "
            "numbers masked to <url> <email> <domain> <ip> <phone> <date> <time> <num>; subject tokens "
            "also prefixed 's:'; no header is ever read (lapnet.analysis.classify.features)"
        ),
        "feature_code_sha256": feature_code_digest(),
        "vocabulary_rule": (
            f"kept if in >= {MIN_DOCUMENTS} messages of >= {MIN_COLLECTIONS} collections; "
            f"weights rounded to {WEIGHT_DECIMALS} decimals, |w| < {MIN_ABS_WEIGHT} dropped"
        ),
        "data": {
            "samples": counts,
            "spam_labels": "spam, spam_2, phish, and UCI spam are spam; easy_ham, easy_ham_2, hard_ham, ham are ham",
            "manifests": _manifest_digests(root),
        },
        "intercept": intercept,
        "text_chars": feature_module.MODEL_TEXT_CHARS,
        "weights": weights,
    }


def write_document(document: dict[str, Any], path: Path) -> None:
    model_from_json(document)  # refuse to write what the runtime could not read
    text = json.dumps(document, sort_keys=True, indent=0, ensure_ascii=False) + "\n"
    path.write_text(text, encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="train-category-model", description=__doc__.split("\n", 1)[0])
    parser.add_argument("--output", type=Path, default=OUTPUT, help="where to write the model JSON")
    args = parser.parse_args(argv)
    root = corpora_root()
    print(f"reading the corpora in {root}", file=sys.stderr)
    prepared = prepare(load_all(root))
    print(f"{len(prepared.samples)} samples; fitting", file=sys.stderr)
    intercept, weights = fit(prepared, range(len(prepared.samples)))
    document = build_document(prepared, intercept, weights, root)
    write_document(document, args.output)
    print(f"wrote {args.output}: {document['version']}, {len(weights)} weights", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
