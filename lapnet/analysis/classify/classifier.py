"""The decision: rules say *which kind* of spam, the learned model says *whether* it is spam at all.

A legitimate message labelled phishing or fraud is a false accusation, so the accusing categories
(phishing, advance-fee fraud, extortion, malware) need both strong rule evidence (a rule score of at
least ``STRONG_RULES``) and a spam probability of at least ``ACCUSE_PROBABILITY``. The other spam
categories need a rule score of ``SOME_RULES`` and a spam probability of ``SPAM_PROBABILITY``. Spam
that no specific rule explains is ``commercial_unsolicited``; what the model takes for ham is
``not_spam``. ``unknown`` is for the cases where a person has to look: too little text for the model
and no decisive rule, or strong accusing rules on a message the model takes for ham.

See ``docs/category-classification.md`` for the reasoning and ``docs/category-evaluation.md`` for the
figures these thresholds give.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from mypy_extensions import mypyc_attr

from lapnet.analysis.classify import features as feature_module
from lapnet.analysis.classify.model import SpamModel
from lapnet.analysis.classify.rules import Hit, match_attachments, match_indicators, match_text
from lapnet.analysis.classify.text import MAX_TEXT_CHARS, fold
from lapnet.analysis.types import Category, Evidence, Indicators, Kind

ACCUSING: Final = frozenset(
    {Category.PHISHING, Category.ADVANCE_FEE_FRAUD, Category.EXTORTION, Category.MALWARE}
)
SPAM_CATEGORIES: Final = frozenset(
    {
        *ACCUSING,
        Category.LOTTERY_OR_PRIZE,
        Category.PHARMA,
        Category.FINANCIAL_OR_STOCK,
        Category.DATING_OR_ADULT,
        Category.COMMERCIAL_UNSOLICITED,
    }
)
# When several accusing categories qualify, the first of these wins (an extortion mail with a link is
# extortion; a lure with an executable attachment is malware); other ties also follow this order.
PRIORITY: Final = (
    Category.EXTORTION,
    Category.MALWARE,
    Category.PHISHING,
    Category.ADVANCE_FEE_FRAUD,
    Category.LOTTERY_OR_PRIZE,
    Category.PHARMA,
    Category.FINANCIAL_OR_STOCK,
    Category.DATING_OR_ADULT,
)

SPAM_PROBABILITY: Final = 0.5  # at or above: spam of some kind
# at or above (with STRONG_RULES): may be called phishing, fraud, extortion, malware
ACCUSE_PROBABILITY: Final = 0.8
STRONG_RULES: Final = 0.6  # rule score an accusing category needs
SOME_RULES: Final = 0.35  # rule score the other spam categories need
DECISIVE_RULES: Final = 0.9  # rule score that decides on its own when the model has too little text to judge
THIN_EVIDENCE: Final = 1  # fewer known features than this: the model has nothing to go on
MODEL_TOKENS_SHOWN: Final = 5
OTHER_HITS_SHOWN: Final = 4


@mypyc_attr(acyclic=True)
@dataclass(frozen=True, slots=True)
class Classification:
    category: Category
    score: float  # 0..1, confidence in that category
    evidence: tuple[Evidence, ...]  # the rules and their snippets, then the model's heaviest tokens
    spam_probability: float  # from the learned spam/ham model

    def __init__(
        self,
        category: Category,
        score: float,
        evidence: tuple[Evidence, ...],
        spam_probability: float,
    ) -> None:
        # written out so that mypyc compiles it: see the note in lapnet.analysis.types
        object.__setattr__(self, "category", category)
        object.__setattr__(self, "score", score)
        object.__setattr__(self, "evidence", evidence)
        object.__setattr__(self, "spam_probability", spam_probability)


def classify_with(
    model: SpamModel,
    *,
    subject: str,
    text: str,
    indicators: Indicators | None = None,
    kind: Kind = Kind.EMAIL,
    attachment_names: Sequence[str] = (),
) -> Classification:
    """:func:`lapnet.analysis.classify.classify` with a given model (evaluation retrains its own)."""
    try:
        return _classify(
            model,
            subject=subject,
            text=text,
            indicators=indicators,
            kind=kind,
            attachment_names=attachment_names,
        )
    except Exception as error:  # last line of defence: hostile input must never cost the caller
        note = Evidence("classify.internal_error", repr(error)[:80], 0.0)
        return Classification(Category.UNKNOWN, 0.0, (note,), 0.5)


def _classify(
    model: SpamModel,
    *,
    subject: str,
    text: str,
    indicators: Indicators | None,
    kind: Kind,
    attachment_names: Sequence[str],
) -> Classification:
    subject = subject if isinstance(subject, str) else str(subject or "")
    text = text if isinstance(text, str) else str(text or "")
    subject = subject[:2000]
    text = text[:MAX_TEXT_CHARS]
    folded_subject = fold(subject)
    folded_text = fold(text)

    # the model reads the subject and the head of the text; the rules read all of it
    features = feature_module.model_features(folded_subject.text, folded_text.text)
    spam_probability, known = model.weigh_known(features)

    names = list(attachment_names)
    attachments = indicators.attachment if indicators is not None else ()
    names.extend(attachment.filename for attachment in attachments if attachment.filename)
    hits = match_text(subject, folded_subject, text, folded_text)
    hits.extend(match_attachments(dict.fromkeys(names), attachments))
    hits.extend(match_indicators(indicators))

    category, score = _decide(hits, spam_probability, len(known))
    evidence = _evidence(category, hits, model, known, spam_probability)
    return Classification(category, round(score, 4), evidence, round(spam_probability, 4))


def rule_scores(hits: Sequence[Hit]) -> dict[Category, float]:
    """Noisy-or of the weights of each category's rules: ``1 - Π(1 - w)``."""
    remaining: dict[Category, float] = {}
    for hit in hits:
        remaining[hit.category] = remaining.get(hit.category, 1.0) * (1.0 - hit.weight)
    return {category: 1.0 - rest for category, rest in remaining.items()}


def _decide(hits: Sequence[Hit], spam_probability: float, known: int) -> tuple[Category, float]:
    scores = rule_scores(hits)
    thin = known < THIN_EVIDENCE
    eligible: list[tuple[float, int, Category]] = []
    for rank, category in enumerate(PRIORITY):
        score = scores.get(category, 0.0)
        if category in ACCUSING:
            needed_rules, needed_probability = STRONG_RULES, ACCUSE_PROBABILITY
        else:
            needed_rules, needed_probability = SOME_RULES, SPAM_PROBABILITY
        if score < needed_rules:
            continue
        if spam_probability >= needed_probability or (thin and score >= DECISIVE_RULES):
            eligible.append((score, -rank, category))
    accusations = [candidate for candidate in eligible if candidate[2] in ACCUSING]
    others = [candidate for candidate in eligible if candidate[2] not in ACCUSING]
    if accusations and (not others or max(accusations)[0] >= max(others)[0]):
        # the most specific accusation wins: the threat, the payload, the lure, the story
        eligible = [max(accusations, key=lambda candidate: candidate[1])]
    elif accusations:  # a milder reading explains the message better (a prize notice asking for an SSN)
        eligible = others
    if eligible:
        score, _, category = max(eligible)
        confidence = score * (spam_probability if not thin else 0.6)
        return category, confidence
    if thin:
        return Category.UNKNOWN, 0.0
    if spam_probability >= SPAM_PROBABILITY:
        return Category.COMMERCIAL_UNSOLICITED, spam_probability
    if any(scores.get(category, 0.0) >= STRONG_RULES for category in ACCUSING):
        return Category.UNKNOWN, 0.0  # strong accusing rules, but the model reads ham: a person decides
    return Category.NOT_SPAM, 1.0 - spam_probability


def _evidence(
    category: Category,
    hits: Sequence[Hit],
    model: SpamModel,
    known: list[str],  # the message's features the model knows
    spam_probability: float,
) -> tuple[Evidence, ...]:
    chosen = sorted((hit for hit in hits if hit.category == category), key=lambda hit: -hit.weight)
    others = sorted((hit for hit in hits if hit.category != category), key=lambda hit: -hit.weight)
    evidence = [Evidence(hit.rule, hit.snippet, hit.weight) for hit in chosen]
    evidence.extend(Evidence(hit.rule, hit.snippet, hit.weight) for hit in others[:OTHER_HITS_SHOWN])
    towards_spam = category in SPAM_CATEGORIES or (category is Category.UNKNOWN and spam_probability >= 0.5)
    evidence.append(Evidence("model.spam_probability", f"{spam_probability:.3f}", round(spam_probability, 4)))
    rule = "model.spam_token" if towards_spam else "model.ham_token"
    for feature, weight in model.heaviest(known, MODEL_TOKENS_SHOWN, towards_spam):
        evidence.append(Evidence(rule, feature, round(weight, 4)))
    return tuple(evidence)
