"""The rule engine: the compiled phrase book matched against a message, attachment-name rules and
indicator rules.

A message's subject and text are each made their words (runs of letters and digits) between spaces,
by one ``str.translate``; one pass of an Aho-Corasick automaton of the phrase book's words
(``ahocorasick_rs``, in Rust) tells which of them occur and where; each key's entries whose phrases
need words the text lacks are dropped (:class:`.Needs`); the remaining entries are tried where their
keys occur, earliest first. A window (for a phrase keyed on a later word) is searched only if the
phrase's pieces are inside it.
See :mod:`.compiler` for why this finds exactly what trying every phrase everywhere would.

A rule fires at most once per message: its evidence is its first match, subject before text, with
about 80 characters of the original text around it and the language of the phrase that matched.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, KeysView, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Final

from ahocorasick_rs import AhoCorasick, Implementation
from mypy_extensions import mypyc_attr

from lapnet.analysis.classify.compiler import (
    WINDOW,
    WINDOW_BEFORE,
    Entry,
    Needs,
    Rule,
    compile_phrase,
    compile_rules,
    word_set,
)
from lapnet.analysis.classify.phrases import PHRASE_RULES
from lapnet.analysis.classify.text import Folded, fold_text, snippet, split_non_ascii
from lapnet.analysis.types import Attachment, Category, Indicators

__all__ = ["RULES", "Hit", "compile_phrase", "match_attachments", "match_indicators", "match_text"]


@mypyc_attr(acyclic=True)
@dataclass(frozen=True, slots=True)
class Hit:
    """A rule that fired, and where: ``rule`` carries the language, e.g. ``phishing.verify_account[fr]``."""

    rule: str
    category: Category
    weight: float
    snippet: str

    def __init__(self, rule: str, category: Category, weight: float, snippet: str) -> None:
        # written out so that mypyc compiles it: see the note in lapnet.analysis.types
        object.__setattr__(self, "rule", rule)
        object.__setattr__(self, "category", category)
        object.__setattr__(self, "weight", weight)
        object.__setattr__(self, "snippet", snippet)


RULES, _ENTRIES = compile_rules(PHRASE_RULES)


# ------------------------------------------------------------------------------------------ matching


@dataclass(frozen=True, slots=True)
class _Lookup:
    """A word to look for, and the entries to try where it occurs: its anchored key's, then its
    windowed key's (the order in which the keys' candidates have always been added, on which ties
    between them depend)."""

    word: str
    exact: bool  # a whole word; False: a word starting so ("verif*")
    entries: tuple[Entry, ...]
    # every entry, with all its phrases: what is worth trying when all its entries are unconditional
    viable: tuple[tuple[Entry, tuple[Needs, ...]], ...] = field(init=False, repr=False, compare=False)
    unconditional: bool = field(init=False, repr=False, compare=False)
    # one of these words is needed for any entry to be worth trying (the first word each phrase
    # needs); None when an entry is unconditional
    gate: frozenset[str] | None = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        conditional = not any(entry.unconditional for entry in self.entries)
        firsts = [needs.words[0] for entry in self.entries for needs in entry.needs if needs.words]
        object.__setattr__(self, "viable", tuple((entry, entry.needs) for entry in self.entries))
        object.__setattr__(self, "unconditional", all(entry.unconditional for entry in self.entries))
        object.__setattr__(self, "gate", frozenset().union(*firsts) if conditional else None)

    @property
    def needle(self) -> str:
        """What marks the word in :func:`spaced` text: a space before it, and after it if exact."""
        return f" {self.word} " if self.exact else f" {self.word}"


def _lookups() -> tuple[dict[str, _Lookup], tuple[_Lookup, ...]]:
    """The lookups of whole words, by word, and those of prefixes."""
    grouped: dict[tuple[str, bool], list[Entry]] = {}
    for key in sorted(_ENTRIES, key=lambda key: (key.word, key.exact, key.window)):
        grouped.setdefault((key.word, key.exact), []).extend(_ENTRIES[key])
    words: dict[str, _Lookup] = {}
    prefixes: list[_Lookup] = []
    for (word, exact), entries in grouped.items():
        lookup = _Lookup(word, exact, tuple(entries))
        if exact:
            words[word] = lookup
        else:
            prefixes.append(lookup)
    return words, tuple(prefixes)


_BY_WORD, _PREFIXES = _lookups()
# Words of letters are looked up first, then the others (numbers, "c1alis", prefixes), each in order:
# the order keys have always been tried in, on which ties between candidates depend.
_LETTER_KEYS: Final = frozenset(word for word in _BY_WORD if word.isalpha())
_OTHER_KEYS: Final = frozenset(word for word in _BY_WORD if not word.isalpha())
# Words phrases need that nearly every text holds (English function words): taken for present rather
# than looked for. Looking for them cost most of the automaton's matches ("the" alone, ten a message);
# where one is missing after all, an entry that needed it is tried and its regex fails, so the hits are
# the same (the needs only spare regexes that cannot match).
ASSUMED_WORDS: Final = word_set(
    "the to and a of you in is i for this on your with be are or from have as not if at can we will "
    "all an my our was"
) - frozenset(_BY_WORD)
# Every word the rules look for: the words looked up, and the words phrases need but the assumed ones.
_VOCABULARY: Final = (
    frozenset(_BY_WORD).union(
        *(needs.word_set for entries in _ENTRIES.values() for entry in entries for needs in entry.needs)
    )
    - ASSUMED_WORDS
)
# Every word of the vocabulary as the spaced text shows it whole (" word "), found together: one pass
# of an Aho-Corasick automaton over the text gives which of them it holds and where (see _Part).
_VOCABULARY_WORDS: Final = tuple(sorted(_VOCABULARY))
# As a DFA: about 2 MB, built in 4 ms, and an eighth quicker over a text than the default automaton.
_WORD_FINDER: Final = AhoCorasick(
    [f" {word} " for word in _VOCABULARY_WORDS], implementation=Implementation.DFA
)

_Viable = tuple[Entry, tuple[Needs, ...]]
_Plan = tuple[_Lookup, Sequence[_Viable]]


def match_text(subject: str, folded_subject: Folded, text: str, folded_text: Folded) -> list[Hit]:
    """Each rule's first match, in the subject first, then in the text.

    Only the words the subject or text contains are looked up, and of their entries only those with a
    phrase whose words are all there (:class:`.Needs`).
    """
    parts = (_Part(subject, folded_subject, "subject: "), _Part(text, folded_text, ""))
    present = parts[0].words | parts[1].words | ASSUMED_WORDS
    lookups = [_BY_WORD[word] for word in sorted(_LETTER_KEYS.intersection(present))]
    others = [_BY_WORD[word] for word in _OTHER_KEYS.intersection(present)]
    lookups.extend(sorted([*others, *_PREFIXES], key=_lookup_order) if others else _PREFIXES)
    plans: list[_Plan] = []
    for lookup in lookups:
        viable = _viable(lookup, present)
        if viable:
            plans.append((lookup, viable))
    found: dict[int, Hit] = {}
    for part in parts:
        here = [plan for plan in plans if not plan[0].exact or plan[0].word in part.words]
        if here:
            _scan(here, part, found)
    return [found[index] for index in sorted(found)]


def _lookup_order(lookup: _Lookup) -> tuple[str, bool]:
    return lookup.word, lookup.exact


@mypyc_attr(acyclic=True)
class _Part:
    """The subject or the text as the rules read it: folded, :func:`spaced`, and where each word of
    the rules' vocabulary occurs in it."""

    __slots__ = ("folded", "occurrences", "original", "prefix", "spaced", "words")
    original: str
    folded: Folded
    prefix: str
    spaced: str
    occurrences: dict[str, list[int]]
    words: KeysView[str]

    def __init__(self, original: str, folded: Folded, prefix: str) -> None:
        self.original = original
        self.folded = folded
        self.prefix = prefix  # before its snippets: "subject: " or nothing
        self.spaced = spaced(folded.text)
        # In spaced text a vocabulary word occurs whole exactly where " word " does (the text holds only
        # letters, digits and spaces, and one space may close a word and open the next: hence the
        # overlapping matches). Each word's positions come in order: its matches end in order.
        occurrences: dict[str, list[int]] = {}
        for index, start, _end in _WORD_FINDER.find_matches_as_indexes(self.spaced, overlapping=True):
            word = _VOCABULARY_WORDS[index]
            found = occurrences.get(word)
            if found is None:
                occurrences[word] = [start]
            else:
                found.append(start)
        self.occurrences = occurrences
        self.words = occurrences.keys()  # the text's words that the rules know


def _viable(lookup: _Lookup, words: AbstractSet[str]) -> Sequence[_Viable]:
    """The lookup's entries that may match a text with these words, each with those of its phrases
    that may (or all of them, for an entry tried at its key: only whether it may match matters)."""
    if lookup.unconditional:
        return lookup.viable
    if lookup.gate is not None and lookup.gate.isdisjoint(words):
        return ()
    disjoint = words.isdisjoint
    viable: list[_Viable] = []
    for entry in lookup.entries:
        if entry.unconditional:
            viable.append((entry, entry.needs))
        elif entry.gate is not None:
            if not disjoint(entry.gate):
                viable.append((entry, entry.needs))
        else:
            needs = tuple([needs for needs in entry.needs if not any(map(disjoint, needs.words))])
            if needs:
                viable.append((entry, needs))
    return viable


def _scan(plans: list[_Plan], part: _Part, found: dict[int, Hit]) -> None:
    """Try each entry where its word occurs, earliest first; a rule stops at its first match.

    A window is searched only if one of the entry's phrases has what it needs inside it.
    """
    text = part.folded.text
    waiting = plans
    if found:  # rules that fired in the subject are done
        waiting = [
            (lookup, [pair for pair in viable if pair[0].rule not in found]) for lookup, viable in plans
        ]
    candidates: list[tuple[int, int, Entry, tuple[Needs, ...]]] = []
    for lookup, pairs in waiting:
        if not pairs:
            continue
        where = (
            part.occurrences.get(lookup.word, ())
            if lookup.exact
            else _occurrences(part.spaced, lookup.needle)
        )
        for position in where:
            for entry, needs in pairs:
                start = max(0, position - WINDOW_BEFORE) if entry.window else position
                candidates.append((start, entry.rule, entry, needs))
    candidates.sort(key=_START_THEN_RULE)  # stable: ties stay in the order they were added
    for start, rule, entry, needs in candidates:
        if rule in found:
            continue
        if entry.window:
            end = start + WINDOW
            if not any(phrase.fits(text, start, end) for phrase in needs):
                continue  # the search would fail
            matched = entry.pattern.search(text, start, end)
        else:
            matched = entry.pattern.match(text, start)
        if matched is not None:
            found[rule] = _hit(RULES[rule], matched, part.original, part.folded, part.prefix)


_START_THEN_RULE: Final = itemgetter(0, 1)


def _occurrences(spaced_text: str, needle: str) -> list[int]:
    """Where a word (``needle``: :attr:`_Lookup.needle`) occurs: in :func:`spaced` text each hit of
    ``str.find`` is one, so the scan stays in C."""
    positions: list[int] = []
    find = spaced_text.find
    at = find(needle)
    while at != -1:
        positions.append(at)  # the needle's leading space stands for the character before the word
        at = find(needle, at + 1)
    return positions


def _alnum_table() -> str:
    """A ``str.translate`` table of the Basic Multilingual Plane: letters and digits stay, the rest
    become spaces."""
    return "".join(char if char.isalnum() else " " for char in map(chr, range(0x10000)))


_ALNUM: Final = _alnum_table()
# emoji and kin, beyond the table
_ASTRAL_NOT_ALNUM: Final = re.compile(r"[\U00010000-\U0010ffff](?<![^\W_])")


def spaced(folded: str) -> str:
    """Folded text with every character but letters and digits (as :meth:`str.isalnum` sees them) a
    space, and a space added at each end. Its words are the text's, and a word of the phrase book
    occurs at position ``i`` of the text (after a non-alphanumeric character, before another) exactly
    where ``" word "`` occurs at ``i`` here.

    ``str.translate`` is quick on pure ASCII only (else it looks characters up one by one), so a text
    that is not is translated in pieces: its ASCII stretches quickly, its other runs slowly.
    """
    if folded.isascii():
        return f" {folded.translate(_ALNUM)} "
    pieces = split_non_ascii(folded)  # ASCII, other, ASCII, ..., ASCII
    pieces[0::2] = [piece.translate(_ALNUM) for piece in pieces[0::2]]
    pieces[1::2] = [_ASTRAL_NOT_ALNUM.sub(" ", piece.translate(_ALNUM)) for piece in pieces[1::2]]
    return f" {''.join(pieces)} "


def _hit(rule: Rule, matched: re.Match[str], original: str, folded: Folded, prefix: str) -> Hit:
    start, end = folded.original_span(matched.start(), matched.end())
    language = matched.lastgroup or ""
    return Hit(
        rule=f"{rule.name}[{language}]" if language else rule.name,
        category=rule.category,
        weight=rule.weight,
        snippet=prefix + snippet(original, start, end),
    )


# ------------------------------------------------------------------------------------------ attachments

EXECUTABLE: Final = word_set(
    "exe scr com pif bat cmd vbs vbe js jse wsf wsh hta msi msp cpl jar ps1 psm1 lnk reg dll scf "
    "gadget application appref-ms msc inf url chm"
)
DISK_IMAGE: Final = word_set("iso img vhd vhdx udf dmg")
MACRO_DOCUMENT: Final = word_set("docm dotm xlsm xltm xlsb xlam xla pptm potm ppsm ppam sldm")
ARCHIVE: Final = word_set("zip rar 7z ace arj cab gz tgz tar bz2 xz lzh lha z uue xxe r00 r01 zipx")
HTML_DOCUMENT: Final = word_set("htm html shtml xhtml mht mhtml svg")
# Words that make an archive look like business paperwork: the classic malspam lure.
_LURE_WORDS: Final = re.compile(
    r"invoice|inv[_\-. ]?\d|factur|fattur|fatura|rechnung|factuur|nota|payment|pago|pagamento|zahlung|"
    r"betaling|paiement|remittance|swift|receipt|recibo|ricevut|statement|order|pedido|ordine|commande|"
    r"bestell|quot|cotiza|angebot|offerta|document|doc|scan|contract|contrat|vertrag|shipping|shipment|"
    r"dhl|fedex|ups|tracking|delivery|po[_\-. ]?\d|purchase|urgent|copy|copia|overdue"
)
_DOUBLE_EXTENSION: Final = re.compile(
    r"\.(?:pdf|docx?|xlsx?|pptx?|rtf|txt|jpe?g|png|gif|html?|csv|mp3|mp4)[\s._\-]*\.(?:"
    + "|".join(sorted(EXECUTABLE | DISK_IMAGE))
    + r")$"
)
# Sniffed content types (puremagic and kin) that are programs, whatever the file is called.
_EXECUTABLE_TYPES: Final = (
    "dosexec",
    "msdownload",
    "x-executable",
    "x-msdos-program",
    "portable-executable",  # what lapnet.analysis.indicators.attachments calls an "MZ" file
    "x-elf",
    "x-ms-shortcut",
    "java-archive",
    "x-sh",
    "hta",
    "vbscript",
)


def _extension(name: str) -> str:
    stem, dot, extension = name.rpartition(".")
    return extension if dot and stem else ""


def match_attachments(names: Iterable[str], attachments: Sequence[Attachment]) -> list[Hit]:
    """Rules on attachment file names and sniffed content types (one hit per rule)."""
    hits: dict[str, Hit] = {}

    def add(rule: str, category: Category, weight: float, shown: str) -> None:
        hits.setdefault(rule, Hit(rule, category, weight, snippet(shown, 0, len(shown))))

    for raw in names:
        name = fold_text(raw).strip().rstrip(". ")
        extension = _extension(name)
        if not extension:
            continue
        if extension in EXECUTABLE:
            add("malware.executable_attachment", Category.MALWARE, 0.9, raw)
        if _DOUBLE_EXTENSION.search(name):
            add("malware.double_extension", Category.MALWARE, 0.9, raw)
        if extension in DISK_IMAGE:
            add("malware.disk_image_attachment", Category.MALWARE, 0.8, raw)
        if extension in MACRO_DOCUMENT:
            add("malware.macro_document_attachment", Category.MALWARE, 0.7, raw)
        if extension in ARCHIVE:
            add("malware.archive_attachment", Category.MALWARE, 0.35, raw)
            if _LURE_WORDS.search(name):
                add("malware.archive_with_business_lure", Category.MALWARE, 0.45, raw)
        if extension in HTML_DOCUMENT:
            add("phishing.html_attachment", Category.PHISHING, 0.45, raw)
    for attachment in attachments:
        sniffed = (attachment.sniffed_type or "").lower()
        shown = f"{attachment.filename or attachment.found_in} ({attachment.sniffed_type})"
        if any(kind in sniffed for kind in _EXECUTABLE_TYPES):
            add("malware.executable_content", Category.MALWARE, 0.9, shown)
        elif "iso9660" in sniffed or "x-iso" in sniffed:
            add("malware.disk_image_content", Category.MALWARE, 0.8, shown)
    return list(hits.values())


# ------------------------------------------------------------------------------------------ indicators


def match_indicators(indicators: Indicators | None) -> list[Hit]:
    """Rules on what the indicator extraction found.

    A URL indicator with a ``link_text_domain`` attribute is a link whose text shows one registrable
    domain while it leads to another (the indicator collector sets it only when the two differ): the
    classic phishing trick.
    """
    if indicators is None:
        return []
    hits: list[Hit] = []
    for url in indicators.url:
        shown = url.attribute("link_text_domain")
        if shown:
            text = f"link shows {shown} but leads to {url.value}"
            hits.append(
                Hit("phishing.link_text_mismatch", Category.PHISHING, 0.6, snippet(text, 0, len(text)))
            )
            break
    if indicators.crypto_wallet:
        wallet = indicators.crypto_wallet[0].value
        text = f"crypto wallet {wallet}"
        hits.append(Hit("extortion.crypto_wallet", Category.EXTORTION, 0.25, snippet(text, 0, len(text))))
        hits.append(
            Hit(
                "financial_or_stock.crypto_wallet",
                Category.FINANCIAL_OR_STOCK,
                0.2,
                snippet(text, 0, len(text)),
            )
        )
    return hits
