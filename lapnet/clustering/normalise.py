"""Text normalisation for near-duplicate detection: mask what varies between copies of one template.

Campaigns send one template with per-recipient fields filled in: the recipient's name, a tracking
link, a reference number, an amount, a phone number or drop box that rotates. Masking turns each of
those into a placeholder token (``<url>``, ``<email>``, ``<phone>``, ``<num>``, ``<code>``,
``<domain>``, ``<name>``) so the copies of one template fall together, while the words of the
template (which differ between templates) stay. Lower-cased, accents kept, punctuation dropped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

MAX_CHARS = 20_000  # the head of a long message is enough to recognise its template

_URL = re.compile(r"(?:\b[a-z][a-z0-9+.-]{1,15}://|\bwww\.)[^\s<>\"')\]]+", re.IGNORECASE)
_EMAIL = re.compile(r"\b[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63})+\b")
_DOMAIN = re.compile(r"\b(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,24}\b", re.IGNORECASE)
# + and 7 or more digits with spaces, dots, dashes or brackets between: a phone number
_PHONE = re.compile(r"(?<![\w+])\+?\(?\d[\d\s().-]{5,}\d(?!\w)")
_NUMBER = re.compile(r"\d+(?:[.,:/-]\d+)*")
# a token mixing letters and digits (reference codes, tickets, wallets, IBANs, tracking ids)
_CODE = re.compile(r"\b(?=[a-z]*\d)(?=\d*[a-z])[a-z0-9]{5,}\b", re.IGNORECASE)
_GREETING = re.compile(
    r"\b((?i:dear|hello|hi|hey|attention|attn|bonjour|salut|cher|chère|madame|monsieur|hallo|liebe|lieber|"
    r"sehr geehrte|sehr geehrter|hola|estimado|estimada|querido|querida|caro|cara|gentile|ciao|"
    r"beste|geachte|olá|prezado|prezada|witaj|drogi|droga))\b[ \t,:]*"
    r"((?:[A-ZÀ-ÖØ-Þ][\w'’-]*\.?[ \t]*){1,3})",
)
_TOKEN = re.compile(r"<[a-z]+>|[^\W_]+")
_PLACEHOLDER = re.compile(r"<(?:url|email|phone|num|code|domain|name)>")


def mask(text: str, names: Iterable[str] = ()) -> str:
    """The text with per-recipient and per-copy values replaced by placeholders (still a string)."""
    text = text[:MAX_CHARS]
    text = _URL.sub(" <url> ", text)
    text = _EMAIL.sub(" <email> ", text)
    text = _DOMAIN.sub(" <domain> ", text)
    text = _GREETING.sub(lambda found: f"{found.group(1)} <name> ", text)
    for name in sorted({name for name in names if len(name) >= 3}, key=len, reverse=True):
        text = re.sub(rf"\b{re.escape(name)}\b", " <name> ", text, flags=re.IGNORECASE)
    text = _PHONE.sub(" <phone> ", text)
    text = _CODE.sub(" <code> ", text)
    return _NUMBER.sub(" <num> ", text)


def tokens(text: str, names: Iterable[str] = ()) -> list[str]:
    """Lower-cased word tokens of the masked text; runs of one placeholder fold into one."""
    words = _TOKEN.findall(mask(text, names).lower())
    folded: list[str] = []
    for word in words:
        if folded and word == folded[-1] and _PLACEHOLDER.fullmatch(word):
            continue
        folded.append(word)
    return folded


_NAME_PART = re.compile(r"[^\W\d_]{3,}")


def recipient_names(recipients: Iterable[str]) -> list[str]:
    """Name parts of the recipients ("Jane Smith <jane.smith@x>" -> jane, smith) to mask in the text."""
    names: set[str] = set()
    for recipient in recipients:
        display, _, address = recipient.rpartition("<")
        local = (address or recipient).split("@", 1)[0]
        names.update(_NAME_PART.findall(display))
        if "@" in (address or recipient):
            names.update(_NAME_PART.findall(local))
    return sorted(names)
