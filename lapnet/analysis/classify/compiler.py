"""The phrase book compiled: each phrase to a regex, the word it is tried at, and what it needs.

Phrases (syntax at the top of :mod:`.phrases`) are matched against folded text (lower case, accents and
look-alike letters folded: :func:`~lapnet.analysis.classify.text.fold`). Scanning every message with
some 40 regexes of several hundred alternatives costs tens of milliseconds on a long e-mail, so each
phrase is *keyed* instead: by its first word, where the engine (:mod:`.rules`) tries it with an anchored
``match``; or, when that word is common or an amount (``your``, ``#money million``), by a later rare
word, around which it is searched in a short window. Separators are possessive and disjoint from
words, so no phrase can backtrack badly, whatever the input.

Each phrase also says what any match of it must contain (:class:`Needs`): whole words, checked once per
message against the text's words, and literal pieces and digits, checked in a window before that
window is searched. These are necessary conditions derived from the regex itself, so skipping what
fails them skips only what could not match: the engine finds exactly what trying everything would.

Every regex is compiled here, at import (about 1,200 of them: half a second of start-up), never at call time.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Final

from lapnet.analysis.classify.phrases import PhraseRule
from lapnet.analysis.classify.text import fold_text
from lapnet.analysis.types import Category


def word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Words too common to key a phrase searched in a window: the first other plain word is used instead.
STOPWORDS: Final = word_set(
    """a an the to of and or in on at for is are was were be been has have had will would can could
    this that these those with by from as it its you your yours we our us i my me he she his her they
    their them not no do does did if all any one some new now here there please dear
    le la les l un une des du de d et ou en au aux est sont a ete votre vos ton ta tes je j nous il elle
    pour par sur dans ce cette ces qui que ne pas plus
    el los las lo una unos unas y o es son ha han su sus tu tus mi mis que se por para con del al
    der die das den dem des ein eine einen einem einer und oder ist sind hat haben wird wurde sie ihr
    ihre ihren ihrem ihrer du dein deine ich wir zu zum zur von mit auf fur im
    o os as um uma e seu sua seus suas voce foi esta do da dos das no na nos nas ao em com
    il lo gli i le un una uno e di da del della dei delle al alla tuo tua tuoi tue suo sua ha
    het een en van uw je jouw is zijn heeft wordt werd ik wij te op voor met aan bij"""
)

# Between words: never a letter, digit or the start of an amount. "€" stands apart in a lookahead: a
# character class holding a character beyond U+00FF makes ``re`` build a 64K-entry bitmap for it, and this
# separator appears some 5,000 times in the phrase book (compiling it took half a second; now 0.1 s).
_SEPARATOR: Final = r"(?:(?!€)[^\w$£¥%/])++"
_LOOSE_SEPARATOR: Final = r"\s*+"  # beside a symbol ("100 %", "£1.50/msg")
_GAP_UNIT: Final = r"[\W_]++[^\W_]++"  # "#any": one more word, whatever separates it
_NUMBER: Final = r"\d+(?:[.,:]\d+)*+"
_CURRENCY: Final = r"(?:us\s?\$|u\.s\.\s?\$|usd|r\$|\$|€|£|¥|eur|euros?|gbp|chf)"
_AMOUNT: Final = r"(?:\d{1,3}(?:[,.' ]\d{3})++(?:[.,]\d{1,2})?|\d++(?:[.,]\d+)?)"
_MONEY: Final = (
    rf"(?:{_CURRENCY}\s?{_AMOUNT}"
    rf"|{_AMOUNT}\s?(?:{_CURRENCY}|dollars?|pounds?|naira|reais|francs?)(?!\w))"
)
_MACROS: Final = {"#num": _NUMBER, "#money": _MONEY}
# Every amount names its currency with one of these ("us$", "r$" hold "$"; "euros" holds "eur").
_MONEY_PIECES: Final = (
    "$",
    "€",
    "£",
    "¥",
    "usd",
    "eur",
    "gbp",
    "chf",
    "dollar",
    "pound",
    "naira",
    "reais",
    "franc",
)
_ANY: Final = re.compile(r"#any(\d*)")
_LEADING_ALNUM: Final = re.compile(r"[^\W_]+")
_SYMBOL: Final = re.compile(r"[^\w'*\-]")  # "%", "+", "/", "&": may touch the words beside them
WINDOW_BEFORE: Final = 120  # how far before its key a window-searched phrase may start
WINDOW: Final = 400
_DIGIT: Final = re.compile(r"\d")


@dataclass(frozen=True, slots=True)
class Rule:
    name: str  # "phishing.verify_account"
    category: Category
    weight: float


@dataclass(frozen=True, slots=True)
class Key:
    word: str
    exact: bool  # a whole word; False: a word starting so ("verif" for "verif*")
    window: bool  # the phrase starts before it: search a window rather than match at it


@dataclass(frozen=True, slots=True)
class Needs:
    """What every match of one phrase contains, so that a text without it is not even tried.

    ``words`` are whole words of the text (one of each set), checked once per message against the
    text's words (its runs of letters and digits). ``pieces`` are substrings of the match (one of each
    tuple) and ``digit`` says it holds a number: checked in a window before the window is searched.
    """

    words: tuple[frozenset[str], ...]
    pieces: tuple[tuple[str, ...], ...]
    digit: bool

    @property
    def word_set(self) -> frozenset[str]:
        """Every word these needs name."""
        return frozenset().union(*self.words)

    def fits(self, text: str, start: int, end: int) -> bool:
        """Whether ``text[start:end]`` holds the pieces (and the digit) a match needs."""
        find = text.find
        for pieces in self.pieces:
            for piece in pieces:
                if find(piece, start, end) != -1:
                    break
            else:
                return False
        return not self.digit or _DIGIT.search(text, start, end) is not None


@dataclass(frozen=True, slots=True)
class Entry:
    """The phrases of one rule tried at one key, as one regex (a group per language), and what each
    of those phrases needs (:class:`Needs`)."""

    rule: int  # index in RULES
    pattern: re.Pattern[str]
    window: bool  # searched in a window around the key rather than matched at it
    needs: tuple[Needs, ...]  # one per phrase of the regex
    # a phrase needs no word besides the key: the entry is worth trying wherever the key is
    unconditional: bool = field(init=False, compare=False)
    # matched at its key, each phrase needing one word of one set: the union of those sets, one of whose
    # words the text must hold (else None)
    gate: frozenset[str] | None = field(init=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "unconditional", any(not needs.words for needs in self.needs))
        simple = not self.window and all(len(needs.words) == 1 for needs in self.needs)
        gate = frozenset().union(*(needs.words[0] for needs in self.needs)) if simple else None
        object.__setattr__(self, "gate", gate)


def _word_regex(word: str) -> str:
    """One alternative of a token: literal, ``*`` a word suffix, ``-`` an optional separator, ``'`` an
    optional apostrophe."""
    return "".join(_WORD_SYNTAX.get(piece) or re.escape(piece) for piece in _WORD_SYNTAX_SPLIT.split(word))


_WORD_SYNTAX: Final = {"*": r"\w*+", "-": r"[\W_]?", "'": r"'?"}
_WORD_SYNTAX_SPLIT: Final = re.compile(r"([*\-'])")


def _split_tokens(phrase: str) -> list[str]:
    """Split on spaces outside parentheses."""
    tokens: list[str] = []
    depth = 0
    current: list[str] = []
    for char in phrase:
        if char == "(":
            depth += 1
        elif char == ")":
            depth = max(0, depth - 1)
        if char == " " and depth == 0:
            if current:
                tokens.append("".join(current))
            current = []
        else:
            current.append(char)
    if current:
        tokens.append("".join(current))
    return tokens


def _split_alternatives(group: str) -> list[str]:
    """Split a group's content on ``|`` outside nested parentheses."""
    parts: list[str] = []
    depth = 0
    current: list[str] = []
    for char in group:
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        if char == "|" and depth == 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return parts


def _is_optional(raw: str) -> bool:
    return raw.endswith("?") and len(raw) > 1


def _token_regex(raw: str) -> tuple[str, bool, bool]:
    """(regex, is a gap, is loose) of one token of a phrase."""
    gap = _ANY.fullmatch(raw)
    if gap is not None:
        count = int(gap.group(1) or 4)
        return f"(?:{_GAP_UNIT}){{0,{count}}}?", True, False
    if raw in _MACROS:
        return _MACROS[raw], False, False
    if raw.startswith("(") and raw.endswith(")"):
        alternatives = [_sequence(_split_tokens(part)) for part in _split_alternatives(raw[1:-1])]
        return "(?:" + "|".join(alternatives) + ")", False, False
    alternatives = raw.split("|")
    loose = any(_SYMBOL.search(alt) for alt in alternatives)
    return "(?:" + "|".join(_word_regex(alt) for alt in alternatives) + ")", False, loose


def _sequence(raw_tokens: Sequence[str]) -> str:
    pieces: list[str] = []
    previous_loose = False
    for index, raw in enumerate(raw_tokens):
        optional = _is_optional(raw)
        regex, gap, loose = _token_regex(raw[:-1] if optional else raw)
        if gap or index == 0:
            piece = regex
        else:
            piece = (_LOOSE_SEPARATOR if loose or previous_loose else _SEPARATOR) + regex
        if optional and not gap:
            piece = f"(?:{regex}{_SEPARATOR})?" if index == 0 else f"(?:{piece})?"
        pieces.append(piece)
        previous_loose = loose
    return "".join(pieces)


def _expand(tokens: list[str]) -> list[list[str]]:
    """Phrases whose first token is optional or a group, rewritten so that each starts with words."""
    if not tokens:
        return []
    first, rest = tokens[0], tokens[1:]
    if _is_optional(first):
        return _expand([first[:-1], *rest]) + _expand(rest)
    if first.startswith("(") and first.endswith(")"):
        out: list[list[str]] = []
        for alternative in _split_alternatives(first[1:-1]):
            out.extend(_expand([*_split_tokens(alternative), *rest]))
        return out
    return [tokens]


def _keys(first: str) -> list[Key] | None:
    """Where a phrase starting with this token can start; None if the token gives no word to look for."""
    if first.startswith("#"):
        return None
    keys: list[Key] = []
    for alternative in first.split("|"):
        lead = _LEADING_ALNUM.match(alternative)
        if lead is None:
            return None
        rest = alternative[lead.end() :]
        if rest.startswith("*"):
            keys.append(Key(lead.group(), exact=False, window=False))
            continue
        keys.append(Key(lead.group(), exact=True, window=False))
        glued = re.sub(r"[-']", "", alternative)
        if glued != alternative and glued.isalnum():  # "e-mail" is also written "email"
            keys.append(Key(glued, exact=True, window=False))
    return keys


def _good_key(key: Key) -> bool:
    """Rare enough to look for: not a stopword, and a short word only if it is a number ("419")."""
    word = key.word
    return word not in STOPWORDS and (len(word) >= 3 or (word.isdigit() and len(word) >= 2))


def _window_keys(tokens: Sequence[str], good_only: bool) -> list[Key] | None:
    """Keys for a phrase searched in a window: its first required plain word after the first token
    (a good one, if ``good_only``)."""
    for token in tokens[1:]:
        if _is_optional(token) or token.startswith(("#", "(")):
            continue
        alternatives = token.split("|")
        if not all(alternative.isalpha() for alternative in alternatives):
            continue
        keys = [Key(alternative, exact=True, window=True) for alternative in alternatives]
        if not good_only or all(_good_key(key) for key in keys):
            return keys
    return None


def _distribute(tokens: Sequence[str]) -> list[list[str]] | None:
    """The phrase with its first group (after the first token) spelled out, or None if it has none."""
    for index in range(1, len(tokens)):
        token = tokens[index]
        optional = _is_optional(token)
        body = token[:-1] if optional else token
        if body.startswith("(") and body.endswith(")"):
            before, after = list(tokens[:index]), list(tokens[index + 1 :])
            out = [[*before, *_split_tokens(part), *after] for part in _split_alternatives(body[1:-1])]
            return [*out, [*before, *after]] if optional else out
    return None


@dataclass(frozen=True, slots=True)
class _TokenKind:
    optional: bool
    plain: bool  # literal alternatives (not a gap, an amount or a group)
    loose: bool  # holds a symbol: the separators beside it may be empty
    gap: bool


def _token_kind(raw: str) -> _TokenKind:
    optional = _is_optional(raw)
    body = raw[:-1] if optional else raw
    if _ANY.fullmatch(body):
        return _TokenKind(optional, plain=False, loose=False, gap=True)
    if body in _MACROS or (body.startswith("(") and body.endswith(")")):
        return _TokenKind(optional, plain=False, loose=False, gap=False)
    loose = any(_SYMBOL.search(alternative) for alternative in body.split("|"))
    return _TokenKind(optional, plain=True, loose=loose, gap=False)


def phrase_needs(tokens: Sequence[str], key: Key) -> Needs:
    r"""What any match of a phrase (as :func:`_sequence` builds it) contains besides its key.

    Pieces: for each required plain token, a literal part of each alternative (alternatives are
    literal but for ``-``, ``'`` and ``*``); for a required group, such pieces of one token of each
    of its alternatives; for ``#money``, its currency. Digit: a required ``#num`` or ``#money``.
    Words: a required token of letters only with a non-word character or the text's edge on both
    sides (see :func:`_bounded`) is a whole run of letters and digits of the text, one of its words
    (:func:`lapnet.analysis.classify.rules.spaced`).
    """
    kinds = [_token_kind(raw) for raw in tokens]
    words: list[frozenset[str]] = []
    pieces: list[tuple[str, ...]] = []
    digit = False
    for index, (raw, kind) in enumerate(zip(tokens, kinds, strict=True)):
        if kind.optional:
            continue
        if raw in _MACROS:
            digit = True
            if raw == "#money":
                pieces.append(_MONEY_PIECES)
            continue
        if kind.gap:
            continue
        if not kind.plain:  # a group: one of its alternatives is there
            group = _group_pieces(raw)
            if group:
                pieces.append(group)
            continue
        alternatives = raw.split("|")
        if key.exact and key.word in alternatives:
            continue  # the key is where the phrase is tried: there by definition
        literal = _literals(alternatives)
        if literal:
            pieces.append(literal)
        if all(alternative.isalpha() for alternative in alternatives) and _bounded(kinds, index, key.window):
            words.append(frozenset(alternatives))
    pieces.sort(key=lambda alternatives: -min(map(len, alternatives)))  # the longest fail first
    return Needs(tuple(words), tuple(pieces), digit)


def _literals(alternatives: Sequence[str]) -> tuple[str, ...]:
    """The longest literal part of each alternative of a plain token; empty if one has none."""
    literal = tuple(max(re.split(r"[-'*]", alternative), key=len) for alternative in alternatives)
    return literal if all(literal) else ()


def _group_pieces(raw: str) -> tuple[str, ...]:
    """For a group ``(a b|c d)``: the literals of one required plain token of each alternative (the
    one with the longest shortest literal); empty if an alternative has none."""
    pieces: list[str] = []
    for alternative in _split_alternatives(raw[1:-1]):
        candidates = [
            _literals(token.split("|"))
            for token in _split_tokens(alternative)
            if _token_kind(token).plain and not _token_kind(token).optional
        ]
        candidates = [literal for literal in candidates if literal]
        if not candidates:
            return ()
        pieces.extend(max(candidates, key=lambda literal: min(map(len, literal))))
    return tuple(dict.fromkeys(pieces))


def _bounded(kinds: Sequence[_TokenKind], index: int, windowed: bool) -> bool:
    r"""Whether a match always has a non-word character or the text's edge on both sides of a token.

    Separators between words hold at least one non-word character, but beside a loose token (one
    with a symbol) they may be empty. The first token is bounded by the key's own boundary (or by
    ``(?<!\w)``); after the last one ``(?!\w)`` bounds it, except in a window search, whose end
    ``(?!\w)`` accepts too. A gap is empty or starts with a non-word character.
    """
    if index > 0 and kinds[index - 1].loose:
        return False
    for following in range(index + 1, len(kinds)):
        kind = kinds[following]
        if kind.gap:
            continue
        if kind.loose or kinds[following - 1].loose:
            return False
        if not kind.optional:
            return True
    return not windowed


def _phrase_keys(tokens: list[str]) -> list[tuple[Key, str, Needs]]:
    """Where to try a phrase, best first: at its first word if that word is rare enough; in a window
    around a later rare word; the same with its groups spelled out; at a common first word; around
    any later word. Each with its regex and what a match needs (:func:`phrase_needs`)."""
    first = _keys(tokens[0])
    if first is not None and all(_good_key(key) for key in first):
        return [_keyed(tokens, key) for key in first]
    later = _window_keys(tokens, good_only=True)
    if later is not None:
        return [_keyed(tokens, key) for key in later]
    spelled = _distribute(tokens)
    if spelled is not None:
        return [triple for variant in spelled for triple in _phrase_keys(variant)]
    if first is not None:
        return [_keyed(tokens, key) for key in first]
    later = _window_keys(tokens, good_only=False)
    if later is not None:
        return [_keyed(tokens, key) for key in later]
    raise ValueError(f"phrase {' '.join(tokens)!r} has no plain word to look for")


def _keyed(tokens: list[str], key: Key) -> tuple[Key, str, Needs]:
    r"""A phrase's regex and needs, tried at (or around) ``key``. A windowed phrase's regex must also
    start a word: :func:`compile_rules` puts one ``(?<!\w)`` before all of an entry's phrases, so that
    a window search skips the middle of words quickly."""
    return key, _sequence(tokens) + r"(?!\w)", phrase_needs(tokens, key)


def compile_phrase(phrase: str) -> list[tuple[Key, str, Needs]]:
    """A phrase of the phrase book as (key, regex, needs): the regex is tried where the key occurs."""
    return [triple for tokens in _expand(_split_tokens(fold_text(phrase))) for triple in _phrase_keys(tokens)]


def compile_rules(rules: Sequence[PhraseRule]) -> tuple[tuple[Rule, ...], dict[Key, tuple[Entry, ...]]]:
    """The rules, and per key the entries to try where it occurs; every regex compiled here, once."""
    compiled = tuple(Rule(f"{rule.category.value}.{rule.name}", rule.category, rule.weight) for rule in rules)
    grouped: dict[tuple[Key, int], dict[str, dict[str, Needs]]] = {}
    for index, rule in enumerate(rules):
        for language, phrases in rule.phrases.items():
            for phrase in phrases:
                for key, regex, needs in compile_phrase(phrase):
                    grouped.setdefault((key, index), {}).setdefault(language, {}).setdefault(regex, needs)
    patterns: dict[str, re.Pattern[str]] = {}
    entries: dict[Key, list[Entry]] = {}
    for (key, index), by_language in grouped.items():
        source = "|".join(f"(?P<{language}>{'|'.join(regexes)})" for language, regexes in by_language.items())
        if key.window:
            source = rf"(?<!\w)(?:{source})"
        pattern = patterns.get(source) or patterns.setdefault(source, re.compile(source))
        entry_needs = tuple(
            dict.fromkeys(each for regexes in by_language.values() for each in regexes.values())
        )
        entries.setdefault(key, []).append(Entry(index, pattern, key.window, entry_needs))
    return compiled, {key: tuple(found) for key, found in entries.items()}
