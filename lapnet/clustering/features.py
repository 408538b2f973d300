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
from lapnet.clustering.minhash import Signature, band_keys, signature
from lapnet.clustering.normalise import recipient_names, tokens

HAM = "not_spam"


@dataclass(frozen=True, slots=True)
class ReportFeatures:
    signature: Signature | None  # None: too little text to compare
    bands: tuple[int, ...]
    keys: tuple[LinkKey, ...]
    label: str  # what names a campaign of such reports: the landing domain, else the subject
    category: str
    ham: bool = field(default=False)  # classified not spam: links by content only (see the docs)


def report_text(data: bytes, result: Mapping[str, Any]) -> str:
    """Subject and visible text of the message a report is about."""
    kind = result.get("kind")
    excerpt = str(result.get("text_excerpt") or "")
    subject = str(result.get("subject") or "")
    if kind not in {"email", "arf"} or not data:
        return f"{subject}\n{excerpt}"
    message = parse_message(data)
    if (kind == "arf" or result.get("wrapper")) and message.embedded:
        message = parse_message(message.embedded[0].raw)
        subject = message.decoded_header("Subject") or subject
    text = message_text(message)
    return f"{subject}\n{text or excerpt}"


def report_features(data: bytes, result: Mapping[str, Any], *, own: tuple[str, ...] = ()) -> ReportFeatures:
    """Features of one report from its raw bytes and its (first) analysis result dict."""
    names = recipient_names(recipient_addresses(result) | set(result.get("to") or []))
    words = tokens(report_text(data, result), names)
    sig = signature(words)
    category = str(result.get("category") or "")
    keys = tuple(link_keys(result, own=own))
    return ReportFeatures(
        signature=sig,
        bands=tuple(band_keys(sig)) if sig is not None else (),
        keys=keys,
        label=_label(keys, str(result.get("subject") or "")),
        category=category,
        ham=category == HAM,
    )


def _label(keys: tuple[LinkKey, ...], subject: str) -> str:
    for kind in (KeyKind.LANDING_DOMAIN, KeyKind.DROPBOX, KeyKind.PHONE, KeyKind.SHORT_LINK):
        for key in keys:
            if key.kind is kind:
                return key.value[:200]
    return " ".join(subject.split())[:200]
