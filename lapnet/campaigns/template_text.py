"""The text a campaign's reports have in common, with the parts that vary marked.

Pure: strings in, frozen segments out; no Django, no I/O. ::

    segments = common_template([
        "Dear John, your parcel 4411 is waiting. Pay 1.99 EUR at https://track.example/a1",
        "Dear Mary, your parcel 9902 is waiting. Pay 2.49 EUR at https://track.example/b7",
    ])
    # Dear [John|Mary], your parcel [4411|9902] is waiting. Pay [1.99|2.49] EUR at https://track.example/[a1|b7]

How: every text is cut into tokens (words, single punctuation marks, runs of white space); the
*medoid* (the sample most like the others) is the reference, and every other sample is aligned to it
token by token with :class:`difflib.SequenceMatcher`. A reference token that most samples share
(``support``) is fixed text; runs of the others are slots, and what each sample has between the same
two fixed tokens is that slot's value there. White space or punctuation left fixed between two slots
(the spaces inside a phone number, the dots of an amount) joins them, so one number is one slot.
"""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

__all__ = ["Segment", "common_template", "tokenise"]

MAX_TOKENS = 300  # per sample (a word with the space before it): alignment is quadratic at worst
MAX_SAMPLES = 50
# a sample that shares less than this share of the reference's tokens is too different to say which
# of them vary (a report clustered for its beneficiary, not its text)
MIN_OVERLAP = 0.5
_TOKEN = re.compile(r"(\s*)(\w+|[^\w\s]|$)", re.UNICODE)
_SPACE = re.compile(r"\s+")
_WORD = re.compile(r"\w", re.UNICODE)


@dataclass(frozen=True, slots=True)
class Segment:
    """Fixed text shared by the samples, or a slot (``varying``) with the most frequent values seen
    there (``examples``, most frequent first) and how many distinct values there were."""

    text: str
    varying: bool = False
    examples: tuple[str, ...] = ()
    distinct: int = 0


def tokenise(text: str) -> list[str]:
    """Words and single punctuation marks, each with the white space before it folded to one space or
    one line break (``"Dear  Marie,"`` -> ``["Dear", " Marie", ","]``)."""
    tokens = []
    for space, body in _TOKEN.findall(text):
        if not body:
            break
        tokens.append(("\n" if "\n" in space else " " if space else "") + body)
        if len(tokens) >= MAX_TOKENS:
            break
    return tokens


def _key(token: str) -> str:
    return token.lstrip()


def common_template(
    texts: Sequence[str], *, support: float = 0.6, dispute: float = 0.2, max_examples: int = 3
) -> tuple[Segment, ...]:
    """The common template of ``texts``: fixed segments and varying slots, in the reference's order.

    A reference token is fixed when at least ``support`` of the samples share it (aligned) and fewer
    than ``dispute`` of them have something else in its place. One text gives one fixed segment; no
    text gives none. Never raises.
    """
    samples = [tokenise(text) for text in texts[:MAX_SAMPLES] if text and text.strip()]
    samples = [sample for sample in samples if sample]
    if not samples:
        return ()
    if len(samples) == 1:
        return (Segment("".join(samples[0]).strip()),)
    keys = [[_key(token) for token in sample] for sample in samples]
    reference_index = _medoid(keys)
    reference = samples[reference_index]
    # for each sample, where each reference token sits in it (None: not aligned)
    positions = [
        list(range(len(reference))) if index == reference_index else _align(keys[reference_index], sample)
        for index, sample in enumerate(keys)
    ]
    needed = max(2, math.ceil(support * len(samples)))
    disputes_allowed = max(1, math.ceil(dispute * len(samples)))
    aligned = [0] * len(reference)
    disputed = [0] * len(reference)
    for where in positions:
        matched = [i for i, at in enumerate(where) if at is not None]
        for i in matched:
            aligned[i] += 1
        if len(matched) < MIN_OVERLAP * len(reference):
            continue
        # a token missing between two aligned ones was replaced (or left out); beyond the first or
        # last aligned token the sample may simply be shorter (a cut excerpt)
        for i in range(matched[0], matched[-1]):
            if where[i] is None:
                disputed[i] += 1
    fixed = [aligned[i] >= needed and disputed[i] < disputes_allowed for i in range(len(reference))]
    fixed = _join_slots_across_separators(reference, fixed)
    fixed = _absorb_glued_digits(reference, fixed)
    return _segments(reference, samples, positions, fixed, max_examples)


def _medoid(samples: list[list[str]]) -> int:
    """The sample with the highest total similarity to the others (``quick_ratio``: bags of tokens,
    linear time, enough to pick a representative)."""
    best, best_score = 0, -1.0
    for index, tokens in enumerate(samples):
        matcher = SequenceMatcher(None, autojunk=False)
        matcher.set_seq2(tokens)
        score = 0.0
        for other_index, other in enumerate(samples):
            if other_index != index:
                matcher.set_seq1(other)
                score += matcher.quick_ratio()
        if score > best_score:
            best, best_score = index, score
    return best


def _align(reference: list[str], sample: list[str]) -> list[int | None]:
    where: list[int | None] = [None] * len(reference)
    matcher = SequenceMatcher(None, reference, sample, autojunk=False)
    for block in matcher.get_matching_blocks():
        for offset in range(block.size):
            where[block.a + offset] = block.b + offset
    return where


def _is_separator(token: str) -> bool:
    return not _WORD.search(token)


def _join_slots_across_separators(reference: list[str], fixed: list[bool]) -> list[bool]:
    """A fixed run of only punctuation (three marks at most) with a slot on each side becomes part of
    the slot: the dots of ``[1].[99]``, the dashes of a number."""
    result = list(fixed)
    i = 0
    while i < len(reference):
        if not result[i]:
            i += 1
            continue
        start = i
        while i < len(reference) and fixed[i]:
            i += 1
        run = reference[start:i]
        slot_before = start > 0 and not result[start - 1]
        slot_after = i < len(reference) and not fixed[i]
        if slot_before and slot_after and len(run) <= 3 and all(_is_separator(t) for t in run):
            for j in range(start, i):
                result[j] = False
    return result


def _absorb_glued_digits(reference: list[str], fixed: list[bool]) -> list[bool]:
    """Digits and punctuation glued to a slot (the ``,000`` of ``[125],000``, the ``+`` of a phone
    number) belong to it: the fixed tokens from the slot's edge up to white space, if they hold a
    digit (or are a lone ``+``) and no letter."""
    result = list(fixed)
    for i, is_fixed in enumerate(fixed):
        if is_fixed:
            continue
        glued = []
        j = i + 1  # forwards: a token glued to the one before it has no leading space
        while j < len(reference) and fixed[j] and not reference[j][0].isspace():
            glued.append(j)
            j += 1
        j, current = i - 1, i  # backwards: glued when the token after it has no leading space
        while j >= 0 and fixed[j] and not reference[current][0].isspace():
            glued.append(j)
            j, current = j - 1, j
        for run in (sorted(k for k in glued if k > i), sorted(k for k in glued if k < i)):
            text = "".join(_key(reference[k]) for k in run)
            numeric = any(c.isdigit() for c in text) or text == "+"  # the + of a phone number
            if run and numeric and not any(c.isalpha() for c in text):
                for k in run:
                    result[k] = False
    return result


def _segments(
    reference: list[str],
    samples: list[list[str]],
    positions: list[list[int | None]],
    fixed: list[bool],
    max_examples: int,
) -> tuple[Segment, ...]:
    anchors = [i for i, is_fixed in enumerate(fixed) if is_fixed]
    segments: list[Segment] = []
    text: list[str] = []
    # boundaries: before the first token (-1), each fixed token, after the last token
    bounds = [-1, *anchors, len(reference)]
    for left, right in itertools.pairwise(bounds):
        values = Counter(
            value for value in _gap_values(samples, positions, left, right, len(reference)) if value
        )
        gap = reference[left + 1 : right]
        reference_gap = _clean("".join(gap))
        # a slot where the samples differ, or where the reference has words most others lack
        if len(values) > 1 or reference_gap:
            following = reference[right] if right < len(reference) else ""
            space = gap[0][0] if gap else following[:1]
            if space.isspace() and left >= 0:  # the white space before the slot stays outside it
                text.append(space)
            if text:
                segments.append(Segment("".join(text)))
                text = []
            examples = tuple(value for value, _ in values.most_common(max_examples))
            segments.append(
                Segment(
                    reference_gap or (examples[0] if examples else ""),
                    varying=True,
                    examples=examples,
                    distinct=len(values),
                )
            )
        if right < len(reference):
            text.append(reference[right])
    if text:
        segments.append(Segment("".join(text)))
    return _trim(segments)


def _gap_values(
    samples: list[list[str]], positions: list[list[int | None]], left: int, right: int, length: int
) -> list[str]:
    """What each sample has between the reference tokens ``left`` and ``right`` (both aligned in it)."""
    values = []
    for sample, where in zip(samples, positions, strict=True):
        start = -1 if left < 0 else where[left]
        end = len(sample) if right >= length else where[right]
        if start is None or end is None or end < start:
            continue
        values.append(_clean("".join(sample[start + 1 : end])))
    return values


def _clean(value: str) -> str:
    return _SPACE.sub(" ", value).strip()


def _trim(segments: list[Segment]) -> tuple[Segment, ...]:
    """Leading and trailing white space of the whole template is not content."""
    if segments and not segments[0].varying:
        segments[0] = Segment(segments[0].text.lstrip())
    if segments and not segments[-1].varying:
        segments[-1] = Segment(segments[-1].text.rstrip())
    return tuple(segment for segment in segments if segment.varying or segment.text)
