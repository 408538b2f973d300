"""The category of a piece of evidence, with the reasons an investigator can cite.

::

    result = classify(subject="Your account has been suspended", text="Please verify your account ...")
    result.category, result.score, result.spam_probability
    [(item.rule, item.snippet, item.weight) for item in result.evidence]

Two parts, combined in :mod:`.classifier`:

- **rules** (:mod:`.phrases`, compiled by :mod:`.compiler`, matched by :mod:`.rules`): per category,
  weighted phrases in seven languages, attachment-name rules and indicator rules; each hit is evidence
  with the matched text;
- **a learned spam/ham model** (:mod:`.model`, features in :mod:`.features`): logistic regression
  over masked tokens of the subject and visible text, shipped as JSON and scored in pure Python.

Training (:mod:`.train`) and evaluation (:mod:`.evaluate`) are development tools and need
scikit-learn; nothing imported from here does. See ``docs/category-classification.md``.
"""

from __future__ import annotations

from collections.abc import Sequence

from lapnet.analysis.classify.classifier import Classification, classify_with
from lapnet.analysis.classify.model import SpamModel, load_model
from lapnet.analysis.classify.text import message_text, visible_text
from lapnet.analysis.types import Indicators, Kind

__all__ = ["MODEL", "MODEL_VERSION", "Classification", "classify", "message_text", "visible_text"]

MODEL: SpamModel = load_model()
MODEL_VERSION: str = MODEL.version


def classify(
    *,
    subject: str,
    text: str,
    indicators: Indicators | None = None,
    kind: Kind = Kind.EMAIL,
    attachment_names: Sequence[str] = (),
) -> Classification:
    """The category of a message from what a reader sees: subject, visible text, attachment names.

    ``text`` is the visible text (use :func:`visible_text` for HTML, :func:`message_text` for a parsed
    message). ``indicators``, when given, adds attachment content types, link-text mismatches and
    crypto wallets. Headers are never read. Never raises.
    """
    return classify_with(
        MODEL,
        subject=subject,
        text=text,
        indicators=indicators,
        kind=kind,
        attachment_names=attachment_names,
    )
