"""A sample of the real public corpora (``LAPNET_CORPORA`` or ``../shared/corpora``), as demo evidence.

A few dozen files, always the same ones for the same corpora (every n-th file of a sorted listing),
each assigned to the kind of member that would receive it: phishing and spam to enforcement agencies
and mail providers, ARF feedback-loop reports to mail providers, X-ARF reports to hosting and access
providers, SMS to telecoms. The corpora are public, so their evidence is marked TLP:CLEAR.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from lapnet.analysis.sources import split_mbox

# (folder or file inside the corpora, how many to take, members that report them in turn)
SAMPLE_PLAN: tuple[tuple[str, int, tuple[str, ...]], ...] = (
    ("phishing-pot/eml", 14, ("ftc", "ico", "dgccrf", "acm", "bnetza", "acma", "crtc", "senacon")),
    ("spamassassin-public-corpus/spam", 4, ("nordpost-mail", "hexanet")),
    ("spamassassin-public-corpus/spam_2", 3, ("bluewave-hosting", "anti-abuse-collective")),
    ("nazario-phishing-corpus/20051114.mbox", 4, ("albion-bank", "city-of-london-police")),
    ("abuseio-notifier-samples/feedback-loop", 4, ("nordpost-mail", "hexanet")),
    ("sisimai-set-of-emails/maildir/bsd", 2, ("nordpost-mail",)),
    ("xarf-spec-samples/v4", 3, ("bluewave-hosting", "hexanet")),
    ("uci-sms-spam-collection/SMSSpamCollection", 6, ("southern-cross-mobile", "ofcom", "acma")),
)

# where only some files fit a spam network: the ARF reports (not the bounces), the X-ARF reports
# about messaging, phishing, fraud and malware (not DDoS or copyright)
WANTED_NAMES: dict[str, tuple[str, ...]] = {
    "sisimai-set-of-emails/maildir/bsd": ("arf-",),
    "xarf-spec-samples/v4": ("messaging-", "content-phishing", "content-fraud", "content-malware"),
}


@dataclass(frozen=True)
class CorpusSample:
    name: str  # path inside the corpora, with "#record" for records taken out of a file
    data: bytes
    reporter_slug: str


def corpora_root(repository: Path) -> Path | None:
    """``LAPNET_CORPORA`` when set, else ``shared/corpora`` beside the clone, when it is a folder."""
    configured = os.environ.get("LAPNET_CORPORA")
    candidate = Path(configured) if configured else repository.parent / "shared" / "corpora"
    return candidate if candidate.is_dir() else None


def corpus_sample(root: Path) -> Iterator[CorpusSample]:
    for relative, count, reporters in SAMPLE_PLAN:
        path = root / relative
        if not path.exists():
            continue
        for number, (name, data) in enumerate(_take(root, path, count)):
            yield CorpusSample(name, data, reporters[number % len(reporters)])


def _take(root: Path, path: Path, count: int) -> list[tuple[str, bytes]]:
    relative = path.relative_to(root).as_posix()
    if path.is_dir():
        files = sorted(
            p for p in path.iterdir() if p.is_file() and p.name not in {"MANIFEST.tsv", "SOURCE.md"}
        )
        wanted = WANTED_NAMES.get(relative)
        if wanted:
            files = [p for p in files if p.name.startswith(wanted)]
        return [(p.relative_to(root).as_posix(), p.read_bytes()) for p in _spread(files, count)]
    data = path.read_bytes()
    if path.suffix == ".mbox":
        records = list(split_mbox(data))
        picked = _spread(list(enumerate(records, start=1)), count)
        return [(f"{relative}#{index}", record) for index, record in picked]
    # a record file (SMS): the spam lines, one small file of them per reporter turn
    lines = [line for line in data.splitlines(keepends=True) if line.startswith(b"spam\t")]
    picked_lines = _spread(lines, count)
    return [(f"{relative}#spam-{n + 1}", line) for n, line in enumerate(picked_lines)]


def _spread[T](items: list[T], count: int) -> list[T]:
    """``count`` items spread evenly over the list (always the same ones for the same list)."""
    if len(items) <= count:
        return items
    step = len(items) / count
    return [items[int(i * step)] for i in range(count)]
