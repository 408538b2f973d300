"""The rule engine: the phrase book compiled to regexes, attachment-name rules and indicator rules.

Phrases are matched against folded text (lower case, accents and look-alike letters folded:
:func:`~lapnet.analysis.classify.text.fold`). Scanning every message with some 40 regexes of several
hundred alternatives costs tens of milliseconds on a long e-mail, so phrases are *keyed by their first
word* instead: the engine finds where those words occur (``str.find``, and only for words the
tokeniser saw) and tries the phrases starting with that word right there, with an anchored
``match``. A phrase that starts with an amount (``#money million``) is keyed on its first plain word
and searched in a short window around it. Separators are possessive and disjoint from words, so no
phrase can backtrack badly, whatever the input.

A rule fires at most once per message: its evidence is its first match, subject before text, with
about 80 characters of the original text around it and the language of the phrase that matched.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from lapnet.analysis.classify.phrases import PHRASE_RULES, PhraseRule
from lapnet.analysis.classify.text import Folded, fold_text, snippet
from lapnet.analysis.types import Attachment, Category, Indicators


# Words too common to key a phrase searched in a window: the first other plain word is used instead.
def _word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


STOPWORDS = _word_set(
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

_SEPARATOR = r"[^\w$€£¥%/]++"  # between words: never a letter, digit or the start of an amount
_LOOSE_SEPARATOR = r"\s*+"  # beside a symbol ("100 %", "£1.50/msg")
_GAP_UNIT = r"[\W_]++[^\W_]++"  # "#any": one more word, whatever separates it
_NUMBER = r"\d+(?:[.,:]\d+)*+"
_CURRENCY = r"(?:us\s?\$|u\.s\.\s?\$|usd|r\$|\$|€|£|¥|eur|euros?|gbp|chf)"
_AMOUNT = r"(?:\d{1,3}(?:[,.' ]\d{3})++(?:[.,]\d{1,2})?|\d++(?:[.,]\d+)?)"
_MONEY = (
    rf"(?:{_CURRENCY}\s?{_AMOUNT}"
    rf"|{_AMOUNT}\s?(?:{_CURRENCY}|dollars?|pounds?|naira|reais|francs?)(?!\w))"
)
_MACROS = {"#num": _NUMBER, "#money": _MONEY}
_ANY = re.compile(r"#any(\d*)")
_LETTER_RUN = re.compile(r"[^\W\d_]+")
_LEADING_ALNUM = re.compile(r"[^\W_]+")
_SYMBOL = re.compile(r"[^\w'*\-]")  # "%", "+", "/", "&": may touch the words beside them
WINDOW_BEFORE = 120  # how far before its key a window-searched phrase may start
WINDOW = 400


@dataclass(frozen=True, slots=True)
class Rule:
    name: str  # "phishing.verify_account"
    category: Category
    weight: float


@dataclass(frozen=True, slots=True)
class Hit:
    """A rule that fired, and where: ``rule`` carries the language, e.g. ``phishing.verify_account[fr]``."""

    rule: str
    category: Category
    weight: float
    snippet: str


@dataclass(frozen=True, slots=True)
class _Entry:
    """The phrases of one rule that start with one key word, as one regex (a group per language).

    The regex is compiled the first time a message contains the key: compiling all 1,700 at import
    would cost most of a second of every start-up, and most keys are rare.
    """

    rule: int  # index in RULES
    source: str
    window: bool  # searched in a window around the key rather than matched at it

    def pattern(self) -> re.Pattern[str]:
        compiled = _COMPILED.get(self.source)
        if compiled is None:
            compiled = _COMPILED[self.source] = re.compile(self.source)
        return compiled


_COMPILED: dict[str, re.Pattern[str]] = {}


# ------------------------------------------------------------------------------------------ compiling


def _word_regex(word: str) -> str:
    """One alternative of a token: literal, ``*`` a word suffix, ``-`` an optional separator."""
    out: list[str] = []
    for char in word:
        if char == "*":
            out.append(r"\w*+")
        elif char == "-":
            out.append(r"[\W_]?")
        elif char == "'":
            out.append(r"'?")
        else:
            out.append(re.escape(char))
    return "".join(out)


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


@dataclass(frozen=True, slots=True)
class Key:
    word: str
    exact: bool  # a whole word; False: a word starting so ("verif" for "verif*")
    window: bool  # the phrase starts before it: search a window rather than match at it


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


def _phrase_keys(tokens: list[str]) -> list[tuple[Key, str]]:
    """Where to try a phrase, best first: at its first word if that word is rare enough; in a window
    around a later rare word; the same with its groups spelled out; at a common first word; around
    any later word."""
    regex = _sequence(tokens) + r"(?!\w)"
    windowed = r"(?<!\w)" + regex
    first = _keys(tokens[0])
    if first is not None and all(_good_key(key) for key in first):
        return [(key, regex) for key in first]
    later = _window_keys(tokens, good_only=True)
    if later is not None:
        return [(key, windowed) for key in later]
    spelled = _distribute(tokens)
    if spelled is not None:
        return [pair for variant in spelled for pair in _phrase_keys(variant)]
    if first is not None:
        return [(key, regex) for key in first]
    later = _window_keys(tokens, good_only=False)
    if later is not None:
        return [(key, windowed) for key in later]
    raise ValueError(f"phrase {' '.join(tokens)!r} has no plain word to look for")


def compile_phrase(phrase: str) -> list[tuple[Key, str]]:
    """A phrase of the phrase book as (key, regex) pairs: the regex is tried where the key occurs."""
    return [pair for tokens in _expand(_split_tokens(fold_text(phrase))) for pair in _phrase_keys(tokens)]


def _compile(rules: Sequence[PhraseRule]) -> tuple[tuple[Rule, ...], dict[Key, tuple[_Entry, ...]]]:
    compiled = tuple(Rule(f"{rule.category.value}.{rule.name}", rule.category, rule.weight) for rule in rules)
    grouped: dict[tuple[Key, int], dict[str, list[str]]] = {}
    for index, rule in enumerate(rules):
        for language, phrases in rule.phrases.items():
            for phrase in phrases:
                for key, regex in compile_phrase(phrase):
                    grouped.setdefault((key, index), {}).setdefault(language, []).append(regex)
    entries: dict[Key, list[_Entry]] = {}
    for (key, index), by_language in grouped.items():
        source = "|".join(
            f"(?P<{language}>{'|'.join(dict.fromkeys(regexes))})" for language, regexes in by_language.items()
        )
        entries.setdefault(key, []).append(_Entry(index, source, key.window))
    return compiled, {key: tuple(found) for key, found in entries.items()}


RULES, _ENTRIES = _compile(PHRASE_RULES)
_WORD_KEYS = frozenset(key.word for key in _ENTRIES if key.exact and key.word.isalpha())
_OTHER_KEYS = tuple(
    sorted(
        (key for key in _ENTRIES if not (key.exact and key.word.isalpha())),
        key=lambda k: (k.word, k.exact, k.window),
    )
)
_BY_WORD: dict[str, tuple[Key, ...]] = {}
for _key in sorted(_ENTRIES, key=lambda k: (k.word, k.exact, k.window)):
    if _key.exact and _key.word.isalpha():
        _BY_WORD[_key.word] = (*_BY_WORD.get(_key.word, ()), _key)


# ------------------------------------------------------------------------------------------ matching


def _occurrences(text: str, word: str, exact: bool) -> Iterable[int]:
    """Where ``word`` starts a word of ``text`` (and, if exact, ends one)."""
    size = len(word)
    start = text.find(word)
    while start != -1:
        if start == 0 or not text[start - 1].isalnum():
            end = start + size
            if not exact or end == len(text) or not text[end].isalnum():
                yield start
        start = text.find(word, start + 1)


def match_text(
    words: Iterable[str], subject: str, folded_subject: Folded, text: str, folded_text: Folded
) -> list[Hit]:
    """Each rule's first match, in the subject first, then in the text.

    ``words`` are the words the tokeniser found in subject and text: keys not among them are not
    even looked for.
    """
    present = sorted(_WORD_KEYS.intersection(words))
    found: dict[int, Hit] = {}
    for original, folded, prefix in ((subject, folded_subject, "subject: "), (text, folded_text, "")):
        if folded.text:
            _scan(present, original, folded, prefix, found)
    return [found[index] for index in sorted(found)]


def _scan(present: Sequence[str], original: str, folded: Folded, prefix: str, found: dict[int, Hit]) -> None:
    text = folded.text
    candidates: list[tuple[int, int, _Entry]] = []
    keys = [key for word in present for key in _BY_WORD[word]]
    keys.extend(key for key in _OTHER_KEYS if key.word in text)
    for key in keys:
        for position in _occurrences(text, key.word, key.exact):
            start = max(0, position - WINDOW_BEFORE) if key.window else position
            candidates.extend((start, entry.rule, entry) for entry in _ENTRIES[key])
    candidates.sort(key=lambda candidate: (candidate[0], candidate[1]))
    for start, rule, entry in candidates:
        if rule in found:
            continue
        if entry.window:
            matched = entry.pattern().search(text, start, start + WINDOW)
        else:
            matched = entry.pattern().match(text, start)
        if matched is not None:
            found[rule] = _hit(RULES[rule], matched, original, folded, prefix)


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

EXECUTABLE = _word_set(
    "exe scr com pif bat cmd vbs vbe js jse wsf wsh hta msi msp cpl jar ps1 psm1 lnk reg dll scf "
    "gadget application appref-ms msc inf url chm"
)
DISK_IMAGE = _word_set("iso img vhd vhdx udf dmg")
MACRO_DOCUMENT = _word_set("docm dotm xlsm xltm xlsb xlam xla pptm potm ppsm ppam sldm")
ARCHIVE = _word_set("zip rar 7z ace arj cab gz tgz tar bz2 xz lzh lha z uue xxe r00 r01 zipx")
HTML_DOCUMENT = _word_set("htm html shtml xhtml mht mhtml svg")
# Words that make an archive look like business paperwork: the classic malspam lure.
_LURE_WORDS = re.compile(
    r"invoice|inv[_\-. ]?\d|factur|fattur|fatura|rechnung|factuur|nota|payment|pago|pagamento|zahlung|"
    r"betaling|paiement|remittance|swift|receipt|recibo|ricevut|statement|order|pedido|ordine|commande|"
    r"bestell|quot|cotiza|angebot|offerta|document|doc|scan|contract|contrat|vertrag|shipping|shipment|"
    r"dhl|fedex|ups|tracking|delivery|po[_\-. ]?\d|purchase|urgent|copy|copia|overdue"
)
_DOUBLE_EXTENSION = re.compile(
    r"\.(?:pdf|docx?|xlsx?|pptx?|rtf|txt|jpe?g|png|gif|html?|csv|mp3|mp4)[\s._\-]*\.(?:"
    + "|".join(sorted(EXECUTABLE | DISK_IMAGE))
    + r")$"
)
# Sniffed content types (puremagic and kin) that are programs, whatever the file is called.
_EXECUTABLE_TYPES = (
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
