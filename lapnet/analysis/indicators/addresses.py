"""E-mail addresses: from sender-side headers (with their role) and from text.

Header addresses come from the address part only: the display name of ``"service@paypal.com"
<x@evil.example>`` is a lie told to the reader, not where the mail came from or where replies go.
Each keeps the header it came from as a ``role`` (``from``, ``reply_to``, ``return_path``, ...);
a Reply-To whose domain is not the From domain is the classic drop box of advance-fee fraud and is
flagged ``reply_to_mismatch`` by the collector.

Recipient headers (To, Cc, Bcc, Delivered-To, ...) are ignored: recipients are victims, and their
addresses are personal data, not indicators (docs/architecture.md, "Recipients are not indicators").

Addresses are lower-cased (local parts are case-insensitive at every provider that matters) and
their domain normalised like any host name. In text, obfuscated forms (``name [at] domain [dot]
com``, ``name(at)domain.com``) are refanged by :func:`lapnet.analysis.indicators.urls.refang`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Final
from urllib.parse import unquote

from mypy_extensions import mypyc_attr

from lapnet.analysis.indicators.budget import Budget
from lapnet.analysis.indicators.domains import DomainInfo, describe_domain

RECIPIENT_HEADERS: Final = frozenset(
    {
        "to", "cc", "bcc", "delivered-to", "x-original-to", "envelope-to", "x-envelope-to",
        "apparently-to", "resent-to", "resent-cc", "resent-bcc", "x-rcpt-to", "original-recipient",
        "final-recipient",
    }
)  # fmt: skip

# Free webmail providers: an address there is one a scammer opened in minutes, and the referral
# goes to the provider's abuse desk. Registrable domains, lower case.
FREEMAIL_DOMAINS: Final = frozenset(
    {
        "126.com", "139.com", "163.com", "aim.com", "aol.com", "bk.ru", "consultant.com",
        "daum.net", "email.com", "engineer.com", "europe.com", "fastmail.com", "free.fr",
        "gmail.com", "gmx.at", "gmx.com", "gmx.de", "gmx.net", "googlemail.com", "hotmail.co.uk",
        "hotmail.com", "hotmail.de", "hotmail.fr", "hotmail.it", "hushmail.com", "icloud.com",
        "inbox.ru", "interia.pl", "libero.it", "list.ru", "live.com", "mac.com", "mail.com",
        "mail.ru", "me.com", "msn.com", "naver.com", "o2.pl", "onet.pl", "orange.fr",
        "outlook.com", "pm.me", "post.com", "proton.me", "protonmail.com", "qq.com",
        "rambler.ru", "rediffmail.com", "rocketmail.com", "seznam.cz", "sina.com", "t-online.de",
        "tuta.io", "tutanota.com", "usa.com", "wanadoo.fr", "web.de", "wp.pl", "ya.ru",
        "yahoo.co.jp", "yahoo.co.uk", "yahoo.com", "yahoo.de", "yahoo.fr", "yahoo.it",
        "yandex.com", "yandex.ru", "ymail.com", "zoho.com",
    }
)  # fmt: skip

_EMAIL_IN_TEXT: Final = re.compile(r"(?<![\w.+=-])[\w.+=-]{1,64}+@[^\W_][\w-]*+(?:\.[\w-]++)++")
# Text is scanned from each "@" (a fast substring search): the local part is the run of address
# characters before it, read on the reversed text, and the domain is matched after it.
_LOCAL_RUN: Final = re.compile(r"[\w.+=-]{0,65}")  # bounded: 64 is the longest local part
_DOMAIN_AT: Final = re.compile(r"[^\W_][\w-]*+(?:\.[\w-]++)++")
_ANGLE_ADDRESS: Final = re.compile(r"<\s*([^<>\s@]{1,64}@[^<>\s@]{1,255}?)\s*>")
_QUOTED: Final = re.compile(r'"(?:[^"\\]|\\.)*+"')
_COMMENT: Final = re.compile(r"\([^()]*+\)")
_LOCAL_PART: Final = re.compile(r"[\w!#$%&'*+/=?^`{|}~-]+(?:\.[\w!#$%&'*+/=?^`{|}~-]+)*")
_ANGLE_ITEM: Final = re.compile(r"<([^<>]{1,2048})>")


@mypyc_attr(acyclic=True)
@dataclass(frozen=True, slots=True)
class EmailInfo:
    value: str
    domain: DomainInfo
    freemail: bool

    def __init__(self, value: str, domain: DomainInfo, freemail: bool) -> None:
        # written out so that mypyc compiles it: see the note in lapnet.analysis.types
        object.__setattr__(self, "value", value)
        object.__setattr__(self, "domain", domain)
        object.__setattr__(self, "freemail", freemail)

    def attributes(self) -> list[tuple[str, str]]:
        pairs: list[tuple[str, str]] = []
        if self.domain.registrable:
            pairs.append(("registrable_domain", self.domain.registrable))
        if self.freemail:
            pairs.append(("freemail", "true"))
        return pairs


def header_role(header_name: str) -> str | None:
    """The ``role`` of addresses in this header (``reply_to``), or None for a recipient header."""
    name = header_name.strip().lower()
    if not name or name in RECIPIENT_HEADERS:
        return None
    return name.replace("-", "_")


def addresses_in_header(value: str) -> list[str]:
    """The addresses (not display names) in an address header value, as written.

    Quoted strings and comments are display text and are removed first, so that
    ``"service@paypal.com" <x@evil.example>`` yields only ``x@evil.example``; then, for each
    comma-separated item, its ``<...>`` address, or its bare one when it has none.
    (``email.utils.getaddresses`` does this by the RFC at about a hundred times the cost: too slow
    for every header of every message.)
    """
    if "@" not in value:
        return []
    if '"' in value:
        value = _QUOTED.sub(" ", value)
    if "(" in value:
        value = _COMMENT.sub(" ", value)
    found: list[str] = []
    for item in value.split(",") if "," in value else (value,):
        angle = _ANGLE_ADDRESS.findall(item)
        found.extend(angle or (match.strip(".") for match in _EMAIL_IN_TEXT.findall(item)))
    return found


def angle_items(value: str) -> list[str]:
    """The ``<...>`` items of a List-Unsubscribe style header."""
    return _ANGLE_ITEM.findall(value)


@lru_cache(maxsize=4096)
def normalise_email(address: str, *, require_listed: bool = True) -> EmailInfo | None:
    """An address in normal form with its domain; None when it is not a usable address.

    ``require_listed`` demands a TLD the Public Suffix List knows (always so for text, where
    ``image001.png@01D2C3A4.5B6C7D80`` must not pass); header addresses may name any valid host.
    """
    candidate = address.strip().strip("<>").strip()
    local, at, host = candidate.rpartition("@")
    if not at or not local or len(local) > 64 or not _LOCAL_PART.fullmatch(local):
        return None
    domain = describe_domain(host)
    if domain is None or (require_listed and domain.registrable is None):
        return None
    freemail = (domain.registrable or domain.host) in FREEMAIL_DOMAINS
    return EmailInfo(f"{local.lower()}@{domain.host}", domain, freemail)


def find_emails(text: str, budget: Budget | None = None) -> list[EmailInfo]:
    """Addresses written in ``text`` under a TLD the PSL knows."""
    found: list[EmailInfo] = []
    at = text.find("@")
    while at != -1:
        if budget is not None and not budget.take():
            break
        # the local part is read on the reversed 65 characters before the "@" (the run's bound):
        # a small copy per "@" rather than the whole text reversed
        local = _LOCAL_RUN.match(text[max(0, at - 65) : at][::-1])
        local_length = local.end() if local else 0
        domain = _DOMAIN_AT.match(text, at + 1)
        if 0 < local_length <= 64 and domain is not None:
            info = normalise_email(text[at - local_length : domain.end()].strip("."))
            if info is not None:
                found.append(info)
        at = text.find("@", at + 1)
    return found


def mailto_addresses(url: str) -> list[str]:
    """The addresses of a ``mailto:`` URL (``mailto:a@x.example,b@y.example?subject=...``)."""
    body = url.split(":", 1)[1] if ":" in url else ""
    body = unquote(body.split("?", 1)[0])  # malformed escapes are kept as written, never raised
    return [part.strip() for part in body.split(",") if "@" in part]
