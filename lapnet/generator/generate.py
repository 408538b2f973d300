"""Planning a generation and producing its reports, in process or as files.

:func:`plan` draws the operations, their sizes (long-tailed: a few big campaigns, many small ones),
their lives inside the period (a few surge: half their reports within hours) and the moment of
every report; :meth:`Generation.reports` then writes the reports one by one, in time order, each
from a random generator seeded by (seed, report number), so a generation is the same bytes every
time. :func:`write` lays a generation out as files (the layout is in :mod:`lapnet.generator`).
"""

from __future__ import annotations

import copy
import json
import random
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from lapnet.generator.campaigns import (
    LANGUAGE_COUNTRIES,
    Campaign,
    Registry,
    Shape,
    active_window,
    build_campaign,
)
from lapnet.generator.compose import compose_email, compose_sms
from lapnet.generator.kinds import KINDS
from lapnet.generator.render import Delivery, render_email, render_sms

DEFAULT_START = datetime(2026, 1, 1, tzinfo=UTC)
DEFAULT_DAYS = 90
DEFAULT_NOISE = 0.05
SURGE_SHARE = 0.1  # of the operations, how many surge
FORMAT_VERSION = 1


@dataclass(frozen=True, slots=True)
class GeneratedReport:
    """One report: its file name and bytes, and the ground truth about it."""

    name: str  # "000001.eml" or "000002.sms.json"
    data: bytes
    channel: str  # "email" or "sms"
    campaign_id: str | None  # None: background noise, a campaign of its own
    kind: str
    language: str
    sent_at: datetime
    origin_ip: str | None  # the sending machine (e-mail); None for SMS
    origin_country: str | None  # that machine's country by the RIR data; None for SMS
    recipient_country: str | None  # SMS: as the report says; None for e-mail
    beneficiaries: dict[str, tuple[str, ...]]  # indicator type -> values the message carries

    def truth(self) -> dict[str, object]:
        """The report's line of ``ground_truth.jsonl``."""
        return {
            "name": self.name,
            "campaign": self.campaign_id,
            "kind": self.kind,
            "channel": self.channel,
            "language": self.language,
            "sent_at": _iso(self.sent_at),
            "origin_ip": self.origin_ip,
            "origin_country": self.origin_country,
            "recipient_country": self.recipient_country,
            "beneficiaries": {key: list(values) for key, values in sorted(self.beneficiaries.items())},
        }


@dataclass(frozen=True, slots=True)
class Life:
    """When an operation is active, in days from the start of the period."""

    first: float
    last: float
    surge: float | None = None


@dataclass
class Generation:
    seed: int
    start: datetime
    days: float
    campaigns: tuple[Campaign, ...]
    lives: tuple[Life, ...]
    sizes: tuple[int, ...]
    noise: int
    # every report in time order: (days from start, owner); owner is a campaign's index, or -1 for noise
    slots: list[tuple[float, int]] = field(repr=False, default_factory=list)
    registry: Registry = field(repr=False, default_factory=lambda: Registry(random.Random(0)))

    @property
    def total(self) -> int:
        return len(self.slots)

    def name_width(self) -> int:
        return max(6, len(str(self.total)))

    def reports(self) -> Iterator[GeneratedReport]:
        """The reports in time order; iterating again gives the same reports."""
        width = self.name_width()
        registry = copy.deepcopy(self.registry)  # noise draws from it: start from the plan's state each time
        for number, (offset, owner) in enumerate(self.slots, start=1):
            rng = random.Random(f"{self.seed}/report/{number}")
            when = self.start + timedelta(days=offset)
            if owner < 0:
                campaign = _noise_campaign(rng, registry)
                phase = 0.5
            else:
                campaign = self.campaigns[owner]
                life = self.lives[owner]
                phase = (offset - life.first) / (life.last - life.first) if life.last > life.first else 0.5
            yield _report(campaign, rng, f"{number:0{width}d}", when, min(1.0, max(0.0, phase)))

    def campaigns_document(self) -> dict[str, object]:
        """``campaigns.json``: the generation's parameters and every operation with its identifiers."""
        return {
            "format": FORMAT_VERSION,
            "seed": self.seed,
            "start": _iso(self.start),
            "days": self.days,
            "reports": self.total,
            "noise_reports": self.noise,
            "campaigns": [
                {
                    "id": campaign.id,
                    "kind": campaign.kind.key,
                    "title": campaign.title,
                    "brand": campaign.brand,
                    "reports": size,
                    "languages": list(campaign.languages),
                    "channels": list(campaign.channels),
                    "countries": list(campaign.countries),
                    "first_seen": _iso(self.start + timedelta(days=life.first)),
                    "last_seen": _iso(self.start + timedelta(days=life.last)),
                    "surge": None if life.surge is None else _iso(self.start + timedelta(days=life.surge)),
                    "domains": list(campaign.domains),
                    "sender_domains": list(campaign.sender_domains),
                    "ips": [{"ip": host.ip, "country": host.country} for host in campaign.hosts],
                    "dropboxes": list(campaign.dropboxes),
                    "phones": list(campaign.phones),
                    "wallets": list(campaign.wallets),
                    "ibans": list(campaign.ibans),
                    "sms_senders": list(campaign.sms_senders),
                }
                for campaign, life, size in zip(self.campaigns, self.lives, self.sizes, strict=True)
            ],
        }


def plan(
    *,
    campaigns: int,
    reports: int,
    seed: int = 0,
    start: datetime = DEFAULT_START,
    days: float = DEFAULT_DAYS,
    noise: float = DEFAULT_NOISE,
) -> Generation:
    """Draw ``campaigns`` operations and place ``reports`` reports (a share ``noise`` of them noise)."""
    if campaigns < 0 or reports < 0 or days <= 0 or not 0 <= noise <= 1:
        raise ValueError("campaigns and reports must be >= 0, days > 0 and noise between 0 and 1")
    noise_count = round(reports * noise) if campaigns else reports
    in_campaigns = reports - noise_count
    if campaigns > in_campaigns:
        raise ValueError(f"{campaigns} campaigns need at least {campaigns} reports outside the noise")
    rng = random.Random(f"{seed}/plan")
    registry = Registry(random.Random(f"{seed}/registry"))
    sizes = _sizes(rng, campaigns, in_campaigns)
    kinds = list(KINDS.values())
    built: list[Campaign] = []
    lives: list[Life] = []
    for index, size in enumerate(sizes):
        kind = kinds[index % len(kinds)] if index < len(kinds) else rng.choice(kinds)
        built.append(
            build_campaign(kind, rng, registry, campaign_id=f"C{index + 1:05d}", shape=Shape.drawn(rng, size))
        )
        first, last = active_window(rng, days)
        surge = rng.uniform(first, last) if rng.random() < SURGE_SHARE else None
        lives.append(Life(first, last, surge))
    slots: list[tuple[float, int]] = []
    for index, (size, life) in enumerate(zip(sizes, lives, strict=True)):
        for _ in range(size):
            if life.surge is not None and rng.random() < 0.5:
                offset = min(life.last, max(life.first, rng.gauss(life.surge, 0.25)))
            else:
                offset = rng.uniform(life.first, life.last)
            slots.append((offset, index))
    slots.extend((rng.uniform(0, days), -1) for _ in range(noise_count))
    slots.sort()
    return Generation(
        seed, start, days, tuple(built), tuple(lives), tuple(sizes), noise_count, slots, registry
    )


def iter_reports(
    *,
    campaigns: int,
    reports: int,
    seed: int = 0,
    start: datetime = DEFAULT_START,
    days: float = DEFAULT_DAYS,
    noise: float = DEFAULT_NOISE,
) -> Iterator[GeneratedReport]:
    """The reports of a generation, in time order, without writing files."""
    return plan(
        campaigns=campaigns, reports=reports, seed=seed, start=start, days=days, noise=noise
    ).reports()


def write(
    generation: Generation, out: Path, *, on_report: Callable[[GeneratedReport], None] | None = None
) -> None:
    """Write ``out/reports/*``, ``out/ground_truth.jsonl`` and ``out/campaigns.json``."""
    folder = out / "reports"
    folder.mkdir(parents=True, exist_ok=True)
    with (out / "ground_truth.jsonl").open("w", encoding="utf-8") as truth:
        for report in generation.reports():
            (folder / report.name).write_bytes(report.data)
            truth.write(json.dumps(report.truth(), ensure_ascii=False, separators=(",", ":")) + "\n")
            if on_report is not None:
                on_report(report)
    (out / "campaigns.json").write_text(
        json.dumps(generation.campaigns_document(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )


# --- one report ---------------------------------------------------------------------------------------


def _report(
    campaign: Campaign, rng: random.Random, stem: str, when: datetime, phase: float
) -> GeneratedReport:
    kind = campaign.kind
    sms = "sms" in campaign.channels and (campaign.channels == ("sms",) or rng.random() < campaign.sms_share)
    if sms:
        language = _language(rng, campaign, kind.sms)
        composed_sms = compose_sms(campaign, rng, language, phase, when)
        country = rng.choice(LANGUAGE_COUNTRIES.get(language, ("GB",)))
        received = when + timedelta(seconds=rng.randint(1, 90))
        return GeneratedReport(
            name=f"{stem}.sms.json",
            data=render_sms(composed_sms.message, received, country),
            channel="sms",
            campaign_id=campaign.id,
            kind=kind.key,
            language=language,
            sent_at=when,
            origin_ip=None,
            origin_country=None,
            recipient_country=country,
            beneficiaries=composed_sms.beneficiaries,
        )
    language = _language(rng, campaign, kind.letters)
    composed = compose_email(campaign, rng, language, phase, when)
    host = campaign.rotating(campaign.hosts, phase, rng)
    recipient = composed.recipient.address
    delivery = Delivery(recipient.rsplit("@", 1)[1], recipient, host.ip, host.country, when)
    return GeneratedReport(
        name=f"{stem}.eml",
        data=render_email(composed.message, delivery, rng),
        channel="email",
        campaign_id=campaign.id,
        kind=kind.key,
        language=language,
        sent_at=when,
        origin_ip=host.ip,
        origin_country=host.country,
        recipient_country=None,
        beneficiaries=composed.beneficiaries,
    )


def _language(rng: random.Random, campaign: Campaign, texts: Mapping[str, object]) -> str:
    spoken = [language for language in campaign.languages if language in texts]
    # the operation's first language carries most of its volume
    return spoken[0] if len(spoken) == 1 or rng.random() < 0.6 else rng.choice(spoken)


def _noise_campaign(rng: random.Random, registry: Registry) -> Campaign:
    kind = rng.choice(list(KINDS.values()))
    return build_campaign(kind, rng, registry, campaign_id=None, languages=(rng.choice(kind.languages),))


def _sizes(rng: random.Random, campaigns: int, reports: int) -> tuple[int, ...]:
    """Long-tailed sizes adding up to ``reports``, each at least 1 (2 when there are enough)."""
    if not campaigns:
        return ()
    floor = 2 if reports >= 2 * campaigns else 1
    weights = [rng.lognormvariate(0, 1.4) for _ in range(campaigns)]
    spare = reports - floor * campaigns
    total = sum(weights)
    shares = [spare * w / total for w in weights]
    sizes = [floor + int(share) for share in shares]
    by_remainder = sorted(range(campaigns), key=lambda i: shares[i] - int(shares[i]), reverse=True)
    for i in by_remainder[: reports - sum(sizes)]:
        sizes[i] += 1
    return tuple(sizes)


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
