"""Everything the engine needs from one report: its content signature, band keys and link keys.

The text compared is what a recipient reads: the subject and the visible body text of the message
(for a forwarded report or an ARF report, of the message inside it), parsed from the stored raw
bytes with the analysis core's own functions; for an SMS or an X-ARF report, the text the analysis
kept (``text_excerpt``: an SMS is shorter than that excerpt).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from lapnet.analysis.classify import message_text
from lapnet.analysis.message import parse_message
from lapnet.clustering.links import KeyKind, LinkKey, link_keys, recipient_addresses
from lapnet.clustering.lists import LIST_HEADERS, list_domains, list_names, split_footer
from lapnet.clustering.minhash import Signature, band_keys, signature
from lapnet.clustering.normalise import recipient_names, tokens

HAM = "not_spam"
UNKNOWN = "unknown"
# an "unknown" report whose model reads ham below this is treated as ham: see :func:`reads_as_ham`
HAM_PROBABILITY = 0.2


@dataclass(frozen=True, slots=True)
class ReportFeatures:
    signature: Signature | None  # None: too little text to compare
    bands: tuple[int, ...]
    keys: tuple[LinkKey, ...]
    label: str  # what names a campaign of such reports: the landing domain, else the subject
    category: str
    ham: bool = field(default=False)  # the analysis reads it as ham: links by content only (docs)


@dataclass(frozen=True, slots=True)
class ReportText:
    """What a recipient reads, with a discussion list's footer set apart (:mod:`.lists`)."""

    subject: str
    body: str
    footer: str = ""
    list_domains: frozenset[str] = frozenset()
    list_post: bool = False  # distributed by a discussion list (its headers are there)

    @property
    def compared(self) -> str:
        return f"{self.subject}\n{self.body}"


def report_text(data: bytes, result: Mapping[str, Any]) -> ReportText:
    """Subject and visible text of the message a report is about (a list post without its footer)."""
    kind = result.get("kind")
    excerpt = str(result.get("text_excerpt") or "")
    subject = str(result.get("subject") or "")
    if kind not in {"email", "arf"} or not data:
        return ReportText(subject, excerpt)
    message = parse_message(data)
    if (kind == "arf" or result.get("wrapper")) and message.embedded:
        message = parse_message(message.embedded[0].raw)
        subject = message.decoded_header("Subject") or subject
    text = message_text(message) or excerpt
    headers = [
        (name, value) for name, value in message.headers if name.lower() in {h.lower() for h in LIST_HEADERS}
    ]
    body, footer = split_footer(text, list_names(headers), headers=bool(headers))
    return ReportText(subject, body, footer, list_domains(headers), list_post=bool(headers or footer))


def reads_as_ham(result: Mapping[str, Any]) -> bool:
    """The analysis did not call the report abuse: classified ``not_spam``, or ``unknown`` with its
    model confident the message is ham (spam probability under :data:`HAM_PROBABILITY`: strong
    accusing rules fired on a newsletter, "a person decides"). Such reports link by content only
    and their values lead nowhere. On the SpamAssassin corpus, CNET's and Tesco's newsletters
    (hard_ham, ``unknown`` at a spam probability under 0.05) otherwise joined spam that named one of
    their many sites; the generated extortion in Italian that the model does not know is ``unknown``
    at 0.29 to 0.44 and keeps its links (its wallets)."""
    category = str(result.get("category") or "")
    if category == HAM:
        return True
    if category != UNKNOWN:
        return False
    for entry in result.get("category_evidence") or ():
        if isinstance(entry, Mapping) and entry.get("rule") == "model.spam_probability":
            weight = entry.get("weight")
            return isinstance(weight, int | float) and weight < HAM_PROBABILITY
    return False  # no model reading (an X-ARF report's category): not ham


def report_features(data: bytes, result: Mapping[str, Any], *, own: tuple[str, ...] = ()) -> ReportFeatures:
    """Features of one report from its raw bytes and its (first) analysis result dict."""
    names = recipient_names(recipient_addresses(result) | set(result.get("to") or []))
    text = report_text(data, result)
    words = tokens(text.compared, names)
    sig = signature(words)
    category = str(result.get("category") or "")
    keys = tuple(key for key in link_keys(result, own=own) if not _from_list(key, text))
    return ReportFeatures(
        signature=sig,
        bands=tuple(band_keys(sig)) if sig is not None else (),
        keys=keys,
        label=_label(keys, str(result.get("subject") or "")),
        category=category,
        ham=reads_as_ham(result),
    )


def _from_list(key: LinkKey, text: ReportText) -> bool:
    """A value of the list's, not the sender's: at the list's own domain, or only in its footer; and
    the origin of a list post, which is the list's server (the walk stops at the last public relay)."""
    if key.infrastructure:
        return text.list_post
    value = key.value.lower()
    domain = value.rpartition("@")[2].split("/", 1)[0]
    if any(domain == listed or domain.endswith("." + listed) for listed in text.list_domains):
        return True
    return bool(text.footer) and value in text.footer.lower() and value not in text.body.lower()


def _label(keys: tuple[LinkKey, ...], subject: str) -> str:
    for kind in (KeyKind.LANDING_DOMAIN, KeyKind.DROPBOX, KeyKind.PHONE, KeyKind.SHORT_LINK):
        for key in keys:
            if key.kind is kind:
                return key.value[:200]
    return " ".join(subject.split())[:200]
