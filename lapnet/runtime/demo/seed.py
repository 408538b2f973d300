"""Creating the demo: the network, then its evidence through the real intake and the real analysis.

Every message goes through :func:`lapnet.evidence.actions.submit_file` (channel ``demo``): stored and
hashed, audited, queued, analysed by the task (immediately with the immediate backend, or by the
database worker, which :func:`drain_queue` runs here so the site is full when it opens). The one
fiction is time: a demo made in a minute should look like a network that has been running for three
months, so each report's reception time (and its indicator sightings) is set back to a moment after
the message was sent, spread over the last 90 days, campaign by campaign.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db.models import OuterRef, Subquery

from lapnet.evidence.actions import IntakeError, submit_file
from lapnet.evidence.models import AnalysisStatus, Channel, Evidence, IndicatorSighting
from lapnet.generator import Campaign
from lapnet.generator.compose import Recipient, compose_email, compose_sms
from lapnet.generator.names import full_name
from lapnet.generator.render import Delivery, render_email, render_sms_reports
from lapnet.members.models import NationalCoordinator, Organisation, OrganisationType, User
from lapnet.runtime.demo.activity import after_the_analysis, watch_before_the_reports
from lapnet.runtime.demo.campaigns import DEMO_CAMPAIGNS, SMS_REPORTERS, build_demo_campaigns
from lapnet.runtime.demo.corpora import corpus_sample
from lapnet.runtime.demo.network import HIGHLIGHTED_LOGINS, MEMBERS, Member, Network, create_network
from lapnet.sharing.audit import record
from lapnet.sharing.models import AuditAction, AuditEvent
from lapnet.sharing.tlp import TLP

DEMO_SEED = 2004  # the year the London Action Plan was signed
DAYS = 90
LOGINS_FILE = "demo-logins.txt"
DEMO_AUDIT_TYPE = "runtime.demo"


@dataclass(frozen=True)
class Planned:
    """One report a member will submit: the bytes, who, when and with which marking."""

    when: datetime
    reporter_slug: str
    name: str
    data: bytes
    tlp: TLP
    channel_kind: str  # email, sms, corpus


@dataclass
class DemoResult:
    organisations: int = 0
    countries: int = 0
    coordinators: int = 0
    users: int = 0
    planned: dict[str, int] = field(default_factory=dict)  # reports by kind (email, sms, corpus)
    evidence: int = 0
    analysed: int = 0
    pending: int = 0
    rejected: list[str] = field(default_factory=list)
    logins: str = ""
    watches: int = 0
    activity: dict[str, int] = field(default_factory=dict)  # campaigns, notifications, referrals


def demo_present() -> bool:
    """Whether ``lapnet demo`` made this database: it says so in the audit log when it starts."""
    return AuditEvent.objects.filter(object_type=DEMO_AUDIT_TYPE).exists()


def existing_organisations() -> list[str]:
    """The demo goes only into a database without members (names a few of those it found)."""
    return list(Organisation.objects.values_list("name", flat=True)[:3])


def logins_path() -> Path:
    return Path(settings.DATA_DIR) / LOGINS_FILE


def create_demo(
    *,
    password: str,
    seed: int = DEMO_SEED,
    corpora: Path | None = None,
    now: datetime | None = None,
    on_report: Callable[[Planned], None] | None = None,
    analyse: Callable[[], None] | None = None,
) -> DemoResult:
    """Create the network and submit its evidence; ``analyse`` runs queued tasks (a database worker)."""
    rng = random.Random(seed)
    now = now or datetime.now(UTC)
    network = create_network(make_password(password), rng)
    record(
        None,
        AuditAction.CREATE,
        summary=f"demo network created by `lapnet demo` (seed {seed})",
        channel="cli",
        object_type=DEMO_AUDIT_TYPE,
        object_id=str(seed),
    )
    campaigns = build_demo_campaigns(rng)
    result = DemoResult()
    result.watches = watch_before_the_reports(network, campaigns, since=now - timedelta(days=DAYS + 1))
    plan = _plan_emails(rng, campaigns, now) + _plan_sms(rng, campaigns, now)
    if corpora is not None:
        plan += _plan_corpus(rng, corpora, now)
    plan.sort(key=lambda report: report.when)

    for report in plan:
        result.planned[report.channel_kind] = result.planned.get(report.channel_kind, 0) + 1
        try:
            _submit(rng, network, report)
        except IntakeError as error:
            result.rejected.append(f"{report.name}: {error}")
        if on_report is not None:
            on_report(report)
    if analyse is not None:
        analyse()
    _backdate_sightings()
    result.activity = after_the_analysis(network, campaigns)

    demo_evidence = Evidence.objects.filter(channel=Channel.DEMO)
    result.organisations = Organisation.objects.count()
    result.countries = Organisation.objects.values("country").distinct().count()
    result.coordinators = NationalCoordinator.objects.count()
    result.users = User.objects.count()
    result.evidence = demo_evidence.count()
    result.analysed = demo_evidence.filter(status=AnalysisStatus.DONE).count()
    result.pending = demo_evidence.filter(status=AnalysisStatus.PENDING).count()
    result.logins = logins_text(password, _things_to_try(campaigns))
    return result


def write_logins(text: str) -> Path:
    """The logins, readable by the owner only (``lapnet serve`` prints them again)."""
    path = logins_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.touch(mode=0o600, exist_ok=True)
    path.chmod(0o600)
    path.write_text(text, encoding="utf-8")
    return path


def logins_text(password: str, things_to_try: list[tuple[str, str]]) -> str:
    organisations = {
        o.slug: o for o in Organisation.objects.filter(slug__in=[s for _, s, _ in HIGHLIGHTED_LOGINS])
    }
    users = {u.username: u for u in User.objects.filter(username__in=[u for u, _, _ in HIGHLIGHTED_LOGINS])}
    lines = [f"Demo logins (every demo account has the password {password}):"]
    second_factor = []
    for username, slug, _person in HIGHLIGHTED_LOGINS:
        organisation, user = organisations[slug], users[username]
        where = (
            f"{organisation.short_name} ({organisation.country}, {organisation.get_type_display().lower()})"
        )
        notes = ["admin site"] if user.is_superuser else []
        if user.requires_2fa or user.is_staff:
            notes.append("second factor")
            second_factor.append(username)
        lines.append(
            f"  {username:<8} {user.get_role_display():<18} {where}"
            + (f"  [{', '.join(notes)}]" if notes else "")
        )
    lines.append("  Everyone in the directory logs in the same way, as first.last (e.g. oliver.bennett).")
    if second_factor:
        lines.append(
            f"  {' and '.join(second_factor)} set up an authenticator app at their first log-in: the network "
            "requires a second factor of coordinators and the secretariat."
        )
    lines.append("Try 'Who else saw this?' with:")
    lines += [f"  {value:<44} {what}" for value, what in things_to_try]
    return "\n".join(lines) + "\n"


# --- planning ----------------------------------------------------------------------------------------


def _plan_emails(rng: random.Random, campaigns: dict[str, Campaign], now: datetime) -> list[Planned]:
    plan = []
    for demo in DEMO_CAMPAIGNS:
        campaign = campaigns[demo.kind]
        languages = [language for language in campaign.languages if language in campaign.kind.letters]
        start = now - timedelta(days=rng.uniform(12, DAYS))
        length = timedelta(days=rng.uniform(5, 30))
        for n in range(demo.messages):
            reporter = demo.reporters[n % len(demo.reporters)]
            phase = rng.random()
            sent = min(start + length * phase, now - timedelta(hours=2))
            language = languages[n % len(languages)]
            recipient = _recipient(rng, reporter, language)
            draft = compose_email(campaign, rng, language, phase, sent, recipient=recipient).message
            host = campaign.hosts[n % len(campaign.hosts)]
            delivery = Delivery(f"{reporter}.example", recipient.address, host.ip, host.country, sent)
            data = render_email(draft, delivery, rng)
            name = f"{demo.kind}-{sent:%Y%m%d}-{n + 1:02d}.eml"
            plan.append(
                Planned(_reported(rng, sent, now), reporter, name, data, _tlp(rng, reporter), "email")
            )
            if n % 6 == 5:  # the recipient reported it to a second member too: the same bytes again
                other = demo.reporters[(n + 1) % len(demo.reporters)]
                plan.append(Planned(_reported(rng, sent, now), other, name, data, _tlp(rng, other), "email"))
    return plan


def _recipient(rng: random.Random, reporter_slug: str, language: str) -> Recipient:
    """A spam-trap or a customer mailbox at the reporting member's (reserved ``.example``) domain."""
    first, name = full_name(rng, language)
    local = rng.choice(("info", "contact", "abuse-trap", "j.doe", "sales", "office", "m.keller", "a.rossi"))
    return Recipient(first, name, f"{local}{rng.randint(1, 99)}@{reporter_slug}.example")


def _plan_sms(rng: random.Random, campaigns: dict[str, Campaign], now: datetime) -> list[Planned]:
    """Per SMS reporter, the messages its subscribers forwarded (every SMS campaign in their language),
    submitted in two files of several records each."""
    plan = []
    for reporter, languages in SMS_REPORTERS.items():
        country = _member(reporter).country
        messages = [
            compose_sms(campaign, rng, language, rng.random(), now).message
            for language in languages
            for campaign in campaigns.values()
            if language in campaign.languages and language in campaign.kind.sms
            for _ in range(rng.randint(1, 2))
        ]
        received = sorted(now - timedelta(days=rng.uniform(1, DAYS)) for _ in messages)
        batch = max(1, len(messages) // 2)
        for start in range(0, len(messages), batch):
            chunk, times = messages[start : start + batch], received[start : start + batch]
            data = render_sms_reports(chunk, times, country)
            name = f"sms-7726-{times[-1]:%Y%m%d}.json"
            plan.append(Planned(_reported(rng, times[-1], now), reporter, name, data, TLP.GREEN, "sms"))
    return plan


def _plan_corpus(rng: random.Random, root: Path, now: datetime) -> list[Planned]:
    return [
        Planned(
            now - timedelta(days=rng.uniform(0.5, DAYS)),
            sample.reporter_slug,
            f"corpora/{sample.name}",
            sample.data,
            TLP.CLEAR,  # public corpora
            "corpus",
        )
        for sample in corpus_sample(root)
    ]


def _reported(rng: random.Random, sent: datetime, now: datetime) -> datetime:
    return min(sent + timedelta(minutes=rng.uniform(10, 2 * 24 * 60)), now - timedelta(minutes=5))


def _tlp(rng: random.Random, reporter_slug: str) -> TLP:
    """Industry shares widely; agencies mostly do, and keep some reports to themselves."""
    roll = rng.random()
    if _member(reporter_slug).type in (OrganisationType.INDUSTRY, OrganisationType.INTEREST_GROUP):
        return TLP.GREEN if roll < 0.9 else TLP.AMBER
    if roll < 0.65:
        return TLP.GREEN
    if roll < 0.9:
        return TLP.AMBER
    return TLP.AMBER_STRICT if roll < 0.97 else TLP.RED


def _member(slug: str) -> Member:
    return next(member for member in MEMBERS if member.slug == slug)


# --- submitting -----------------------------------------------------------------------------------


def _submit(rng: random.Random, network: Network, report: Planned) -> None:
    organisation = network.organisations[report.reporter_slug]
    submitted = submit_file(
        path=report.name,
        data=report.data,
        organisation=organisation,
        submitted_by=rng.choice(network.reporters(report.reporter_slug)),
        channel=Channel.DEMO,
        tlp=report.tlp,
    )
    Evidence.objects.filter(pk__in=[s.evidence.pk for s in submitted]).update(received_at=report.when)


def _backdate_sightings() -> None:
    """Sightings carry their evidence's reception time (the analysis may have run before the backdating)."""
    received = Evidence.objects.filter(pk=OuterRef("evidence_id")).values("received_at")[:1]
    IndicatorSighting.objects.filter(evidence__channel=Channel.DEMO).update(seen_at=Subquery(received))


def _things_to_try(campaigns: dict[str, Campaign]) -> list[tuple[str, str]]:
    return [
        (campaigns["lottery"].phones[0], "the lottery's claims line (e-mail in 3 languages)"),
        (campaigns["sextortion"].wallets[0], "the extortion wallet (en, de, es, it)"),
        (campaigns["parcel"].domains[0], "parcel phishing by e-mail and by SMS"),
        (campaigns["money-mule"].ibans[0], "the mule recruiters' account (es, it)"),
        (campaigns["investment"].wallets[0], "the trading platform's deposit address"),
    ]
