"""The features of the learned spam/ham model: masked words of the subject and the visible text.

Whatever identifies a place or a collection rather than the language of a message is masked before
the model sees it: URLs, e-mail addresses and host names are removed and only their presence is kept
(``<url>``, ``<email>``, ``<domain>``); numbers become ``<ip>``, ``<phone>``, ``<date>``, ``<time>`` or
``<num>``. Headers are never read (the classifier is not even given them), so relays, dates, mailer
software and the collectors' own addresses cannot become features.

Features are binary (present or not): the distinct words, the placeholders, and the symbols ``! $ % €
£ ¥``. Subject features are also counted apart, prefixed ``s:``, because "re" or "win" weigh
differently in a subject line than in a body. Training (:mod:`.train`) and inference
(:mod:`.classifier`) call the same :func:`model_features`, so the two cannot drift apart.

Speed is the design constraint (the model must cost well under 100 µs a message in pure Python): a
per-token regex ``findall`` costs about 0.3 µs a token, so words come from one ``str.translate`` (every
character that is not a letter becomes a space) and ``str.split``, both in C. Addresses are found
from their rare characters (``str.find("@")``, a regex for ".com" and kin that starts with a literal
dot) rather than by a regex tried at every position.
"""

from __future__ import annotations

import re
from typing import Final

from lapnet.analysis.classify.text import split_non_ascii

# The model reads the subject and this much of the body: spam says what it is early, and the cap keeps
# inference cost flat whatever the message length.
MODEL_TEXT_CHARS: Final = 3000
SUBJECT_PREFIX: Final = "s:"

URL: Final = "<url>"
EMAIL: Final = "<email>"
DOMAIN: Final = "<domain>"
IP: Final = "<ip>"
PHONE: Final = "<phone>"
DATE: Final = "<date>"
TIME: Final = "<time>"
NUMBER: Final = "<num>"
PLACEHOLDERS: Final = (URL, EMAIL, DOMAIN, IP, PHONE, DATE, TIME, NUMBER)
SYMBOLS: Final = ("!", "$", "%", "€", "£", "¥")

# Common top-level domains: a bare "word.com" is a host name, "end.of" (a missing space) is not.
_TLDS: Final = (
    "com|net|org|info|biz|edu|gov|mil|int|io|co|me|tv|us|uk|de|fr|es|it|nl|be|ch|at|pt|br|ru|cn|jp|"
    "in|au|ca|mx|ar|pl|se|no|dk|fi|ie|cz|gr|hu|ro|tr|ua|za|ng|kr|tw|hk|sg|my|id|ph|vn|xyz|top|online|"
    "site|club|shop|store|app|dev|cloud|live|click|link|email|life|world|pro|name|mobi|asia|eu|cc|ws"
)
_URL: Final = re.compile(r"(?:https?://|www\.)[^\s<>\"'()\[\]{}]*")
# The look-ahead (implied by the alternatives) rejects at once the dots that end a sentence, rather
# than trying each of the ~90 alternatives there.
_TLD_FIRSTS: Final = "".join(sorted({tld[0] for tld in _TLDS.split("|")}))
_DOT_TLD: Final = re.compile(rf"\.(?=[{_TLD_FIRSTS}])(?:{_TLDS})\b")
_SPACE: Final = re.compile(r"\s")
_HOST_RUN: Final = re.compile(r"[a-z0-9.\-]*")  # host characters, as many as follow
_NUMBER: Final = re.compile(r"\d[\d.,:/\-]*+")
_ASCII_NUMBER: Final = re.compile(r"[0-9][0-9.,:/\-]*+")  # the same on ASCII text, where a bitmap beats \d
_IP: Final = re.compile(r"\d{1,3}(?:\.\d{1,3}){3}")
_DATE: Final = re.compile(r"\d{1,4}[/.\-]\d{1,2}[/.\-]\d{1,4}")
_TIME: Final = re.compile(r"\d{1,2}:\d{2}(?::\d{2})?")
_ASTRAL: Final = re.compile("[\U00010000-\U0010ffff]")


def _letters_table() -> str:
    """``str.translate`` table for the Basic Multilingual Plane: letters stay, the rest become spaces."""
    return "".join(char if char.isalpha() else " " for char in map(chr, range(0x10000)))


_LETTERS: Final = _letters_table()


def _number_kind(token: str) -> str:
    if token.isdigit():  # the common case, without a regex
        return PHONE if len(token) >= 7 else NUMBER
    token = token.rstrip(".,:/-")
    if _IP.fullmatch(token):
        return IP
    if _TIME.fullmatch(token):
        return TIME
    if _DATE.fullmatch(token):
        return DATE
    digits = sum(char.isdigit() for char in token)
    if digits >= 7 and "," not in token:
        return PHONE
    return NUMBER


def _letters_only(folded: str) -> str:
    """Letters kept, every other character a space (so the length is kept too).

    ``str.translate`` is quick on pure ASCII only (else it looks characters up one by one), so a text
    that is not is translated in pieces: its ASCII stretches quickly, its other runs slowly.
    """
    if folded.isascii():
        return folded.translate(_LETTERS)
    pieces = split_non_ascii(folded)  # ASCII, other, ASCII, ..., ASCII
    pieces[0::2] = [piece.translate(_LETTERS) for piece in pieces[0::2]]
    pieces[1::2] = [_ASTRAL.sub(" ", piece.translate(_LETTERS)) for piece in pieces[1::2]]  # emoji & kin
    return "".join(pieces)


def without_urls(text: str) -> tuple[str, int]:
    """``_URL.subn(" ", text)``, the expression tried only where a URL can begin: at an "http" or a
    "www." (found with ``str.find``), not at every position of the text (no literal starts the
    expression, so ``re`` would try each one: ~80 instructions a character)."""
    pieces: list[str] = []
    copied = 0  # the text before this is in pieces, or replaced
    http = text.find("http")
    www = text.find("www.")
    while http != -1 or www != -1:
        start = http if www == -1 or (http != -1 and http < www) else www
        found = _URL.match(text, start)
        resume = start + 1
        if found is not None:
            pieces.append(text[copied:start])
            copied = resume = found.end()  # never empty: a match holds "http" or "www."
        if http != -1 and http < resume:
            http = text.find("http", resume)
        if www != -1 and www < resume:
            www = text.find("www.", resume)
    if not pieces:
        return text, 0
    pieces.append(text[copied:])
    return " ".join(pieces), len(pieces) - 1


def _address_spans(text: str) -> list[tuple[int, int]]:
    """Each whitespace-delimited chunk holding an '@' (found with ``str.find``: '@' is rare)."""
    spans: list[tuple[int, int]] = []
    at = text.find("@")
    while at != -1:
        start = max(text.rfind(" ", 0, at), text.rfind("\n", 0, at), text.rfind("\t", 0, at)) + 1
        space = _SPACE.search(text, at)
        end = space.start() if space is not None else len(text)
        spans.append((start, end))
        at = text.find("@", end)
    return spans


def _host_run_end(text: str, position: int) -> int:
    """Where the run of host characters from ``position`` on ends."""
    found = _HOST_RUN.match(text, position)
    return found.end() if found is not None else position


def _host_spans(text: str) -> list[tuple[int, int]]:
    """Host names ("login.paypal.com.example.ru"): from each ".tld", back over host characters."""
    spans: list[tuple[int, int]] = []
    backwards = ""
    for found in _DOT_TLD.finditer(text):
        if not backwards:
            backwards = text[::-1]  # to run back over host characters with a regex, in C
        dot, tld_end = found.start(), found.end()
        start = len(text) - _host_run_end(backwards, len(text) - dot)
        end = _host_run_end(text, tld_end)
        while start < dot and text[start] in "-.":
            start += 1
        while end > tld_end and text[end - 1] in "-.":
            end -= 1
        if start < dot:  # a label before the dot: "paypal.com", not ".com" alone
            spans.append((start, end))
    return spans


def _cut(text: str, spans: list[tuple[int, int]]) -> str:
    pieces: list[str] = []
    position = 0
    for start, end in spans:  # in order; a span may overlap the one before
        if start >= position:
            pieces.append(text[position:start])
        position = max(position, end)
    pieces.append(text[position:])
    return " ".join(pieces)


def masked_tokens(folded: str) -> set[str]:
    """The distinct features of already folded text: words once addresses are removed, placeholders,
    symbols."""
    found: set[str] = set()
    if "http" in folded or "www." in folded:
        folded, count = without_urls(folded)
        if count:
            found.add(URL)
    if "@" in folded:
        folded = _cut(folded, _address_spans(folded))
        found.add(EMAIL)
    spans = _host_spans(folded)
    if spans:
        folded = _cut(folded, spans)
        found.add(DOMAIN)
    found.update(symbol for symbol in SYMBOLS if symbol in folded)
    numbers = set((_ASCII_NUMBER if folded.isascii() else _NUMBER).findall(folded))
    if numbers:
        # plain digits, the common case, are told apart by length alone (in C); the rest one by one
        digits = set(filter(str.isdigit, numbers))
        if digits:
            lengths = list(map(len, digits))
            if max(lengths) >= 7:
                found.add(PHONE)
            if min(lengths) < 7:
                found.add(NUMBER)
        found.update(map(_number_kind, numbers - digits))
    found.update(_letters_only(folded).split())
    return found


def model_features(folded_subject: str, folded_text: str) -> set[str]:
    """The binary features of one message: its subject and the first ``MODEL_TEXT_CHARS`` of its text."""
    features = masked_tokens(folded_text[:MODEL_TEXT_CHARS])
    if folded_subject:
        subject = masked_tokens(folded_subject)
        features |= subject
        features.update([SUBJECT_PREFIX + token for token in subject])
    return features
