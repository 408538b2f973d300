"""The labelled public collections the category model is trained and evaluated on (development only).

Reads ``$LAPNET_CORPORA`` (default ``/work/shared/corpora``; layout in its ``README.md``). Each record
becomes a :class:`Sample` holding only what :func:`~lapnet.analysis.classify.classify` itself receives
(subject, visible text, attachment names, kind) plus the collection's own label, kept apart so that it
can never reach the classifier. Files are read in sorted manifest order, so every run sees the same
samples in the same order.

Stdlib only, but not used at run time: :mod:`.train` and :mod:`.evaluate` import it.
"""

from __future__ import annotations

import csv
import html
import mailbox
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from lapnet.analysis.classify.text import attachment_names, message_text
from lapnet.analysis.message import parse_message
from lapnet.analysis.types import Kind

DEFAULT_CORPORA = "/work/shared/corpora"

SPAMASSASSIN = "spamassassin"
PHISHING_POT = "phishing-pot"
NAZARIO = "nazario"
UCI_SMS = "uci-sms"
COLLECTIONS = (SPAMASSASSIN, PHISHING_POT, NAZARIO, UCI_SMS)

# The collection's own label -> is it spam? (phish counts as spam for the spam/ham model.)
SPAM_LABELS = {"spam": True, "spam_2": True, "phish": True}
HAM_LABELS = {"easy_ham": False, "easy_ham_2": False, "hard_ham": False, "ham": False}
IS_SPAM = {**SPAM_LABELS, **HAM_LABELS}


@dataclass(frozen=True, slots=True)
class Sample:
    collection: str
    label: str  # the collection's own label: easy_ham, spam_2, phish, ham, spam...
    source: str  # relative path, "container#index" or "file:line", for citing a sample
    kind: Kind
    subject: str
    text: str
    attachment_names: tuple[str, ...]

    @property
    def is_spam(self) -> bool:
        return IS_SPAM[self.label]


def corpora_root() -> Path:
    return Path(os.environ.get("LAPNET_CORPORA") or DEFAULT_CORPORA)


def load_all(root: Path | None = None) -> list[Sample]:
    """Every sample of the four collections, in a fixed order."""
    root = root or corpora_root()
    samples: list[Sample] = []
    samples.extend(spamassassin(root))
    samples.extend(phishing_pot(root))
    samples.extend(nazario(root))
    samples.extend(uci_sms(root))
    return samples


def email_sample(collection: str, label: str, source: str, data: bytes) -> Sample:
    message = parse_message(data)
    return Sample(
        collection=collection,
        label=label,
        source=source,
        kind=Kind.EMAIL,
        subject=message.decoded_header("Subject") or "",
        text=message_text(message),
        attachment_names=attachment_names(message),
    )


def _manifest(folder: Path) -> list[dict[str, str]]:
    with (folder / "MANIFEST.tsv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def spamassassin(root: Path) -> Iterator[Sample]:
    folder = root / "spamassassin-public-corpus"
    for row in sorted(_manifest(folder), key=lambda row: row["file"]):
        data = (folder / row["file"]).read_bytes()
        yield email_sample(SPAMASSASSIN, row["label"], f"spamassassin-public-corpus/{row['file']}", data)


def phishing_pot(root: Path) -> Iterator[Sample]:
    folder = root / "phishing-pot"
    for row in sorted(_manifest(folder), key=lambda row: row["file"]):
        data = (folder / row["file"]).read_bytes()
        yield email_sample(PHISHING_POT, row["label"], f"phishing-pot/{row['file']}", data)


def nazario(root: Path) -> Iterator[Sample]:
    """The mbox files, split with the stdlib :class:`mailbox.mbox`; labels from the manifest."""
    folder = root / "nazario-phishing-corpus"
    labels = {(row["container"], int(row["index_in_container"])): row["label"] for row in _manifest(folder)}
    for container in sorted({container for container, _ in labels}):
        box = mailbox.mbox(folder / container, create=False)
        try:
            for index, key in enumerate(box.iterkeys(), start=1):
                label = labels.get((container, index), "phish")
                data = box.get_bytes(key, from_=False)
                yield email_sample(NAZARIO, label, f"nazario-phishing-corpus/{container}#{index}", data)
        finally:
            box.close()


def uci_sms(root: Path) -> Iterator[Sample]:
    path = root / "uci-sms-spam-collection" / "SMSSpamCollection"
    with path.open(encoding="utf-8", newline="") as handle:
        for number, line in enumerate(handle, start=1):
            label, _, text = line.rstrip("\r\n").partition("\t")
            if label not in IS_SPAM:
                continue
            yield Sample(
                collection=UCI_SMS,
                label=label,
                source=f"uci-sms-spam-collection/SMSSpamCollection:{number}",
                kind=Kind.SMS,
                subject="",
                text=html.unescape(text),  # upstream escaped "<" as "&lt;": an artefact, not SMS text
                attachment_names=(),
            )
