"""Operations: one instance of a kind of campaign, with the identifiers it shares across its messages.

Two operations of the same kind are different operations: each invents its own brand, landing
domains, sender domains, drop boxes, phone numbers, wallets and IBANs (unique within a generation:
:class:`Registry`), sends from its own small pool of addresses in a few countries, and writes in
its own wording (its ``style``). Within an operation the pools rotate over time: the first domain
and address early in its life, the last ones late (:meth:`Campaign.rotating`).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from lapnet.generator.addresses import sender_ip
from lapnet.generator.identifiers import (
    IBAN_COUNTRIES,
    PhoneBook,
    bitcoin_bech32,
    bitcoin_p2pkh,
    ethereum_address,
    iban,
    token,
)
from lapnet.generator.kinds import DOMAIN, EMAIL, IBAN, PHONE, WALLET, CampaignKind
from lapnet.generator.kinds.other import invoice_attachment
from lapnet.generator.names import FREEMAIL, PERSONAS, DomainRegistry, ascii_slug

# Where the recipients of a language live (an SMS report names the recipient's country).
LANGUAGE_COUNTRIES: dict[str, tuple[str, ...]] = {
    "en": ("GB", "US", "AU", "CA", "NZ", "IE"),
    "fr": ("FR", "BE", "CA", "CH"),
    "de": ("DE", "AT", "CH"),
    "es": ("ES", "MX", "AR", "CO"),
    "pt": ("BR", "PT"),
    "it": ("IT", "CH"),
    "nl": ("NL", "BE"),
    "ko": ("KR",),
    "lt": ("LT",),
}


@dataclass(frozen=True, slots=True)
class SendingHost:
    ip: str
    country: str  # by the RIR data, as the analysis will geolocate it


@dataclass(frozen=True, slots=True)
class Campaign:
    """One operation. ``id`` is None for a noise message's one-off sender."""

    id: str | None
    kind: CampaignKind
    brand: str
    style: int  # which alternative of each spun group the operation prefers
    languages: tuple[str, ...]
    channels: tuple[str, ...]
    countries: tuple[str, ...]  # where its sending machines are
    hosts: tuple[SendingHost, ...]
    domains: tuple[str, ...]  # landing domains, in the order they are used
    sender_domains: tuple[str, ...]
    url_path: str
    dropboxes: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()  # E.164
    wallets: tuple[str, ...] = ()
    ibans: tuple[str, ...] = ()
    sms_senders: tuple[str, ...] = ()
    personas: tuple[str, str] = ("", "")  # agent, signer
    traits: dict[str, str] = field(default_factory=dict)
    attachment: bytes | None = None
    sms_share: float = 0.0  # of its reports, how many arrive by SMS

    @property
    def title(self) -> str:
        return f"{self.kind.title}: {self.brand}"

    def rotating[T](self, pool: tuple[T, ...], phase: float, rng: random.Random) -> T:
        """The item of ``pool`` in use at ``phase`` (0 = the operation's start, 1 = its end), with overlap."""
        if len(pool) == 1:
            return pool[0]
        index = min(int(phase * len(pool)), len(pool) - 1)
        if rng.random() < 0.15:
            index = max(0, min(len(pool) - 1, index + rng.choice((-1, 1))))
        return pool[index]

    def identifiers(self) -> dict[str, tuple[str, ...]]:
        """The beneficiaries it may use, by indicator type."""
        return {
            DOMAIN: self.domains,
            EMAIL: self.dropboxes,
            PHONE: self.phones,
            WALLET: self.wallets,
            IBAN: self.ibans,
        }


class Registry:
    """What one generation has handed out already: domains and phone numbers are never shared by two
    operations, so the ground truth and the evidence agree on what belongs together."""

    def __init__(self, rng: random.Random) -> None:
        self.domains = DomainRegistry()
        self.phones = PhoneBook(rng)


@dataclass(frozen=True, slots=True)
class Shape:
    """How big an operation's pools are: (domains, hosts, drop boxes, phones, wallets)."""

    domains: int = 1
    hosts: int = 1
    dropboxes: int = 1
    phones: int = 1
    wallets: int = 1

    @classmethod
    def drawn(cls, rng: random.Random, size: int) -> Shape:
        """Bigger operations rotate more: pools grow with the number of reports, up to a handful."""
        grow = 1 + min(4, int(size**0.5 / 6))
        return cls(
            domains=rng.randint(1, grow + 1),
            hosts=rng.randint(1, grow + 2),
            dropboxes=rng.randint(1, max(1, grow - 1)),
            phones=rng.randint(1, max(1, grow - 1)),
            wallets=rng.randint(1, max(1, grow - 2)),
        )


def build_campaign(
    kind: CampaignKind,
    rng: random.Random,
    registry: Registry,
    *,
    campaign_id: str | None,
    shape: Shape = Shape(),
    languages: tuple[str, ...] | None = None,
    countries: tuple[str, ...] | None = None,
    channels: tuple[str, ...] | None = None,
) -> Campaign:
    """Invent one operation of ``kind``; the keyword arguments fix what the caller wants fixed."""
    first, second = kind.brand_words
    brand = f"{rng.choice(first)} {rng.choice(second)}"
    if languages is None:
        own = list(kind.languages)
        rng.shuffle(own)
        languages = tuple(own[: rng.choice((1, 1, 2, 2, 3))])
    if channels is None:
        available = [c for c in kind.channels if _speaks(kind, c, languages)]
        channels = tuple(available) if len(available) < 2 or rng.random() < 0.35 else (available[0],)
    if countries is None:
        countries = tuple(rng.sample(kind.countries, min(len(kind.countries), rng.choice((1, 1, 2, 3)))))
    hosts = tuple(
        SendingHost(sender_ip(rng, country), country)
        for country in (countries[i % len(countries)] for i in range(max(shape.hosts, len(countries))))
    )
    words = (*kind.domain_words, *ascii_slug(brand).split("-"))
    domains = (
        tuple(registry.domains.invent(rng, words, kind.tlds) for _ in range(shape.domains))
        if DOMAIN in kind.uses
        else ()
    )
    sender_words = kind.sender_words or kind.domain_words
    sender_domains = tuple(
        registry.domains.invent(rng, (*sender_words, *ascii_slug(brand).split("-")), kind.tlds)
        for _ in range(rng.randint(1, 2))
    )
    uses = kind.uses
    dropboxes = (
        tuple(
            f"{rng.choice(kind.dropbox_words)}.{ascii_slug(brand, '.')[:18].strip('.')}{rng.choice('._')}"
            f"{token(rng, 4)}@{rng.choice(FREEMAIL)}"
            for _ in range(shape.dropboxes)
        )
        if EMAIL in uses
        else ()
    )
    phone_country = rng.choice(kind.phone_countries)
    phones = tuple(registry.phones.take(phone_country) for _ in range(shape.phones)) if PHONE in uses else ()
    wallets: tuple[str, ...] = ()
    if WALLET in uses:
        make = ethereum_address if kind.wallet == "eth" else rng.choice((bitcoin_bech32, bitcoin_p2pkh))
        wallets = tuple(make(rng) for _ in range(shape.wallets))
    ibans = (
        tuple(
            iban(rng, rng.choice([c for c in kind.iban_countries if c in IBAN_COUNTRIES])) for _ in range(1)
        )
        if IBAN in uses
        else ()
    )
    sms_senders: tuple[str, ...] = ()
    if "sms" in channels:
        named = list(kind.sms_senders)
        rng.shuffle(named)
        numbers = tuple(
            registry.phones.take(rng.choice(("GB", "US", "AU", "FR"))) for _ in range(rng.randint(1, 3))
        )
        sms_senders = (*named[: rng.randint(0, 2)], *numbers)
    agent, signer = rng.sample(PERSONAS, 2)
    attachment = None
    if any(letter.attachment_name for letter in kind.letters.values()):
        attachment = invoice_attachment(f"{ascii_slug(brand, '_')}_{token(rng, 6)}.pdf.js")
    return Campaign(
        id=campaign_id,
        kind=kind,
        brand=brand,
        style=rng.randrange(1_000_000),
        languages=languages,
        channels=channels,
        countries=countries,
        hosts=hosts,
        domains=domains,
        sender_domains=sender_domains,
        url_path=rng.choice(kind.url_paths),
        dropboxes=dropboxes,
        phones=phones,
        wallets=wallets,
        ibans=ibans,
        sms_senders=sms_senders,
        personas=(agent, signer),
        traits=kind.traits(rng) if kind.traits else {},
        attachment=attachment,
        sms_share=0.0 if channels == ("email",) else 1.0 if channels == ("sms",) else rng.uniform(0.2, 0.6),
    )


def _speaks(kind: CampaignKind, channel: str, languages: tuple[str, ...]) -> bool:
    texts = kind.letters if channel == "email" else kind.sms
    return any(language in texts for language in languages)


def active_window(rng: random.Random, days: float) -> tuple[float, float]:
    """An operation's life inside the period, as (first, last) offsets in days from ``start``."""
    length = min(days, max(0.5, rng.lognormvariate(2.0, 0.9)))
    first = rng.uniform(0, days - length)
    return first, first + length
