"""What a kind of campaign is: its letters and SMS texts by language, and what its operations invent.

A :class:`CampaignKind` is data: the spun e-mail (:class:`Letter`) and SMS texts per language, the
words its brands and domains are made of, the identifiers its operations carry (a landing domain, a
drop box, a phone number, a wallet, an IBAN) and where its sending machines sit. The composer
(:mod:`lapnet.generator.compose`) fills the templates; an operation (:mod:`lapnet.generator.campaigns`)
supplies the identifiers.

Fields a template can use: ``{brand}``, ``{url}``, ``{domain}``, ``{dropbox}``, ``{phone}``,
``{wallet}``, ``{iban}``, ``{first}`` and ``{name}`` (the recipient), ``{agent}`` and ``{signer}`` (the
operation's personas), ``{date}``, ``{token}`` and whatever the kind's ``per_message`` and ``traits`` return (reference
numbers, amounts...).
"""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from lapnet.generator.drafts import Template

# An identifier an operation carries, named as lapnet's indicators are.
DOMAIN, EMAIL, PHONE, WALLET, IBAN = "domain", "email", "phone", "crypto_wallet", "iban"


@dataclass(frozen=True, slots=True)
class Letter:
    """One language's e-mail of a kind."""

    subject: Template
    body: Template
    from_names: tuple[str, ...]
    link_text: str | None = None  # when set, the message also has an HTML part with a button
    attachment_name: str | None = None  # when set, a ZIP attachment of that (formatted) name


def letter(
    subject: str,
    body: str,
    from_names: tuple[str, ...],
    link_text: str | None = None,
    attachment_name: str | None = None,
) -> Letter:
    return Letter(Template(subject), Template(body), from_names, link_text, attachment_name)


def texts(*sources: str) -> tuple[Template, ...]:
    return tuple(Template(source) for source in sources)


@dataclass(frozen=True, slots=True)
class CampaignKind:
    key: str
    title: str
    countries: tuple[str, ...]  # where the sending machines are
    letters: Mapping[str, Letter]  # e-mail, by language (empty: the kind arrives by SMS only)
    uses: frozenset[str]  # the identifiers (DOMAIN, EMAIL, ...) its operations carry
    brand_words: tuple[tuple[str, ...], tuple[str, ...]]
    domain_words: tuple[str, ...]
    url_paths: tuple[str, ...] = ("/{token}",)
    tlds: tuple[str, ...] = ("com", "net", "online", "info", "top", "xyz")
    sms: Mapping[str, tuple[Template, ...]] = field(default_factory=dict)  # SMS texts, by language
    sms_senders: tuple[str, ...] = ("INFO",)  # alphanumeric sender ids (numbers are drawn too)
    sender: str = "domain"  # From: "domain" (the operation's), "throwaway", "freemail" or "recipient"
    sender_locals: tuple[str, ...] = ("info", "no-reply", "service", "contact")
    sender_words: tuple[str, ...] = ()  # words of the From domains (default: domain_words)
    phone_countries: tuple[str, ...] = ("GB", "US", "FR", "AU", "CA")
    wallet: str = "btc"  # "btc" or "eth"
    iban_countries: tuple[str, ...] = ("LT", "DE", "GB", "NL", "ES")
    dropbox_words: tuple[str, ...] = ("claims", "desk", "office", "agent")
    reply_to_dropbox: bool = False
    unsubscribe: bool = False
    mailers: tuple[str | None, ...] = (None,)
    per_message: Callable[[random.Random], dict[str, str]] | None = None  # values drawn for each message
    traits: Callable[[random.Random], dict[str, str]] | None = None  # values drawn once per operation

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys([*self.letters, *self.sms]))

    @property
    def channels(self) -> tuple[str, ...]:
        return tuple(c for c, present in (("email", self.letters), ("sms", self.sms)) if present)


def amount(rng: random.Random, low: int, high: int, step: int = 50) -> str:
    return f"{rng.randrange(low, high, step):,}"
