"""The demo network: member organisations in 17 countries, their points of contact, the national
coordinators and a user for every role.

Enforcement agencies and ministries are the public bodies that take part in this kind of network
(their names are public); every person, e-mail address, phone number and key fingerprint is invented,
and every company and association is fictional. Addresses use the reserved ``.example`` domain.
"""

from __future__ import annotations

import random
import unicodedata
from dataclasses import dataclass, field
from datetime import date

from django.db import transaction

from lapnet.generator.identifiers import FICTIONAL_PHONE_RANGES, fictional_phone, fingerprint
from lapnet.members.models import (
    NationalCoordinator,
    Organisation,
    OrganisationDomain,
    OrganisationNetwork,
    OrganisationType,
    PointOfContact,
    Remit,
    Role,
    Sector,
    User,
)

E = OrganisationType.ENFORCEMENT
G = OrganisationType.GOVERNMENT
I = OrganisationType.INDUSTRY  # noqa: E741 - a column of a table, read beside E, G and S
S = OrganisationType.INTEREST_GROUP


@dataclass(frozen=True)
class Member:
    slug: str
    name: str
    short_name: str
    type: OrganisationType
    country: str
    remits: tuple[Remit, ...]
    sectors: tuple[Sector, ...]
    languages: tuple[str, ...]
    # people: (first name, last name, role); the first is the primary point of contact
    people: tuple[tuple[str, str, Role], ...]
    coordinator: bool = False  # the national coordinator of its country
    share_counts: bool = False
    networks: tuple[str, ...] = ()
    domains: tuple[str, ...] = ()
    description: str = ""


C, A, N, V = Role.COORDINATOR, Role.ANALYST, Role.CONTRIBUTOR, Role.VIEWER
REG, POL = Sector.REGULATOR, Sector.POLICE

# fmt: off
MEMBERS: tuple[Member, ...] = (
    # --- the secretariat --------------------------------------------------------------------------
    Member("lap-secretariat", "London Action Plan Secretariat", "LAP Secretariat", G, "GB", (Remit.OTHER,),
           (Sector.OTHER,), ("en", "fr"), (("Edward", "Hale", Role.SECRETARIAT), ("Priya", "Raman", Role.SECRETARIAT)),
           description="Admits members, keeps the directory, runs the conferences and the bimonthly calls."),
    # --- enforcement agencies and ministries --------------------------------------------------------
    Member("ico", "Information Commissioner's Office", "ICO", E, "GB", (Remit.PRIVACY,), (REG,), ("en",),
           (("Oliver", "Bennett", C), ("Hannah", "Shaw", A), ("Samuel", "Okoro", A)), coordinator=True, share_counts=True),
    Member("ofcom", "Office of Communications", "Ofcom", E, "GB", (Remit.TELECOM,), (REG,), ("en",),
           (("Fiona", "Gallagher", C), ("Daniel", "Price", A))),
    Member("city-of-london-police", "City of London Police, National Fraud Intelligence Bureau", "NFIB", E, "GB",
           (Remit.CRIMINAL,), (POL,), ("en",), (("Mark", "Ellison", C), ("Grace", "Adeyemi", A))),
    Member("ftc", "Federal Trade Commission", "FTC", E, "US", (Remit.CONSUMER, Remit.PRIVACY), (REG,), ("en", "es"),
           (("Rebecca", "Lindqvist", C), ("Maya", "Torres", A), ("Jamal", "Whitaker", A)), coordinator=True, share_counts=True),
    Member("fcc", "Federal Communications Commission", "FCC", E, "US", (Remit.TELECOM,), (REG,), ("en",),
           (("Laura", "Kim", C), ("Peter", "Novak", A))),
    Member("crtc", "Canadian Radio-television and Telecommunications Commission", "CRTC", E, "CA",
           (Remit.TELECOM, Remit.CONSUMER), (REG,), ("en", "fr"), (("Isabelle", "Tremblay", C), ("Ryan", "MacLeod", A)),
           coordinator=True, share_counts=True),
    Member("competition-bureau", "Competition Bureau Canada", "Competition Bureau", E, "CA", (Remit.CONSUMER,), (REG,),
           ("en", "fr"), (("Nathalie", "Gagnon", C), ("Kevin", "Singh", A))),
    Member("acma", "Australian Communications and Media Authority", "ACMA", E, "AU", (Remit.TELECOM,), (REG,), ("en",),
           (("Chloe", "Harrington", C), ("Liam", "Nguyen", A)), coordinator=True, share_counts=True),
    Member("dia-nz", "Department of Internal Affairs, Digital Safety", "DIA", G, "NZ", (Remit.TELECOM, Remit.OTHER),
           (REG,), ("en", "mi"), (("Aroha", "Walker", C), ("James", "Te Rangi", A)), coordinator=True),
    Member("dgccrf", "Direction générale de la concurrence, de la consommation et de la répression des fraudes",
           "DGCCRF", E, "FR", (Remit.CONSUMER,), (REG,), ("fr", "en"),
           (("Claire", "Martin", C), ("Hugo", "Lefèvre", A), ("Inès", "Benali", A)), coordinator=True, share_counts=True),
    Member("cnil", "Commission nationale de l'informatique et des libertés", "CNIL", E, "FR", (Remit.PRIVACY,), (REG,),
           ("fr", "en"), (("Julien", "Moreau", C), ("Camille", "Dubois", A))),
    Member("acm", "Autoriteit Consument & Markt", "ACM", E, "NL", (Remit.CONSUMER, Remit.TELECOM), (REG,), ("nl", "en"),
           (("Sanne", "de Vries", C), ("Thijs", "Jansen", A)), coordinator=True, share_counts=True),
    Member("ap-nl", "Autoriteit Persoonsgegevens", "AP", E, "NL", (Remit.PRIVACY,), (REG,), ("nl", "en"),
           (("Pieter", "Bakker", C), ("Lotte", "Visser", A))),
    Member("politie-thtc", "Politie, Team High Tech Crime", "THTC", E, "NL", (Remit.CRIMINAL,), (POL,), ("nl", "en"),
           (("Ruben", "Smit", C), ("Eva", "Mulder", A))),
    Member("bnetza", "Bundesnetzagentur", "BNetzA", E, "DE", (Remit.TELECOM, Remit.CONSUMER), (REG,), ("de", "en"),
           (("Katrin", "Vogel", C), ("Matthias", "Becker", A)), coordinator=True),
    Member("bka", "Bundeskriminalamt, Cybercrime", "BKA", E, "DE", (Remit.CRIMINAL,), (POL,), ("de", "en"),
           (("Stefan", "Krüger", C), ("Anna", "Hoffmann", A))),
    Member("aepd", "Agencia Española de Protección de Datos", "AEPD", E, "ES", (Remit.PRIVACY,), (REG,), ("es", "en"),
           (("Lucía", "Fernández", C), ("Javier", "Morales", A)), coordinator=True),
    Member("garante", "Garante per la protezione dei dati personali", "Garante", E, "IT", (Remit.PRIVACY,), (REG,),
           ("it", "en"), (("Giulia", "Ricci", C), ("Marco", "Esposito", A)), coordinator=True),
    Member("fps-economy", "FPS Economy, Economic Inspection", "FPS Economy", G, "BE", (Remit.CONSUMER,), (REG,),
           ("nl", "fr", "en"), (("Elise", "Peeters", C), ("Thomas", "Lambert", A)), coordinator=True),
    Member("dpc-ie", "Data Protection Commission", "DPC", E, "IE", (Remit.PRIVACY,), (REG,), ("en", "ga"),
           (("Aoife", "Byrne", C), ("Cian", "Murphy", A)), coordinator=True),
    Member("mic-jp", "Ministry of Internal Affairs and Communications", "MIC", G, "JP", (Remit.TELECOM,), (REG,),
           ("ja", "en"), (("Haruka", "Sato", C), ("Kenji", "Watanabe", A)), coordinator=True),
    Member("kisa", "Korea Internet & Security Agency", "KISA", G, "KR", (Remit.TELECOM, Remit.CRIMINAL), (REG,),
           ("ko", "en"), (("Min-jun", "Park", C), ("Seo-yeon", "Choi", A)), coordinator=True),
    Member("senacon", "Secretaria Nacional do Consumidor", "Senacon", G, "BR", (Remit.CONSUMER,), (REG,), ("pt", "en"),
           (("Ana", "Carvalho", C), ("Rafael", "Souza", A)), coordinator=True),
    Member("efcc", "Economic and Financial Crimes Commission", "EFCC", E, "NG", (Remit.CRIMINAL,), (POL,), ("en",),
           (("Chiamaka", "Eze", C), ("Tunde", "Bakare", A)), coordinator=True),
    Member("rrt", "Communications Regulatory Authority of the Republic of Lithuania", "RRT", E, "LT",
           (Remit.TELECOM,), (REG,), ("lt", "en"), (("Rūta", "Kazlauskienė", C), ("Tomas", "Petrauskas", A)),
           coordinator=True),
    # --- industry: abuse desks (fictional companies) ---------------------------------------------------
    Member("nordpost-mail", "Nordpost Mail GmbH, Abuse Desk", "Nordpost", I, "DE", (Remit.OTHER,),
           (Sector.MAIL_PROVIDER,), ("de", "en"), (("Jonas", "Weber", N), ("Lea", "Schulz", N)),
           domains=("nordpost-mail.example",), networks=("91.64.22.0/24",)),
    Member("hexanet", "Hexanet Télécom, Sécurité réseau", "Hexanet", I, "FR", (Remit.OTHER,),
           (Sector.ISP, Sector.TELECOM_OPERATOR), ("fr", "en"), (("Mathieu", "Roux", N), ("Sarah", "Girard", N)),
           domains=("hexanet.example",), networks=("90.83.14.0/24",)),
    Member("bluewave-hosting", "Bluewave Hosting Inc., Trust & Safety", "Bluewave", I, "US", (Remit.OTHER,),
           (Sector.HOSTING,), ("en",), (("Tyler", "Brooks", N), ("Megan", "Foster", N)),
           domains=("bluewave-hosting.example",), networks=("68.183.44.0/24", "104.244.72.0/24")),
    Member("dijkstra-registry", "Dijkstra Registry Services B.V.", "Dijkstra Registry", I, "NL", (Remit.OTHER,),
           (Sector.REGISTRAR,), ("nl", "en"), (("Femke", "van Dijk", N), ("Bram", "Hendriks", N)),
           domains=("dijkstra-registry.example",)),
    Member("albion-bank", "Albion Bank plc, Fraud Intelligence", "Albion Bank", I, "GB", (Remit.OTHER,),
           (Sector.BANK,), ("en",), (("Charlotte", "Reid", N), ("Arjun", "Mehta", N))),
    Member("southern-cross-mobile", "Southern Cross Mobile Pty Ltd", "SX Mobile", I, "AU", (Remit.OTHER,),
           (Sector.TELECOM_OPERATOR,), ("en",), (("Jack", "O'Brien", N), ("Zoe", "Mitchell", N))),
    Member("hanbit-mobile", "Hanbit Mobile Co., Ltd.", "Hanbit", I, "KR", (Remit.OTHER,),
           (Sector.TELECOM_OPERATOR,), ("ko", "en"), (("Ji-woo", "Kang", N), ("Dong-hyun", "Lim", N))),
    # --- special-interest groups (fictional associations) ------------------------------------------
    Member("anti-abuse-collective", "Anti-Abuse Research Collective e.V.", "AARC", S, "DE", (Remit.OTHER,),
           (Sector.RESEARCH,), ("de", "en"), (("Lukas", "Brandt", V), ("Nina", "Albrecht", N))),
    Member("consumers-spam-watch", "Observatorio Ciudadano contra el Spam", "OCS", S, "ES", (Remit.CONSUMER,),
           (Sector.CONSUMER_GROUP,), ("es", "en"), (("Sofía", "Navarro", V), ("Diego", "Ruiz", N))),
)

# The logins printed for a newcomer: one per role, short user names.
HIGHLIGHTED_LOGINS: tuple[tuple[str, str, str], ...] = (
    # (username, member slug, person "First Last")
    ("edward", "lap-secretariat", "Edward Hale"),
    ("claire", "dgccrf", "Claire Martin"),
    ("hugo", "dgccrf", "Hugo Lefèvre"),
    ("maya", "ftc", "Maya Torres"),
    ("jonas", "nordpost-mail", "Jonas Weber"),
    ("sofia", "consumers-spam-watch", "Sofía Navarro"),
)

AVAILABILITY = {
    "GB": "Mon-Fri 09:00-17:30 UK time", "US": "Mon-Fri 08:30-17:00 Eastern", "CA": "Mon-Fri 08:30-16:30 Eastern",
    "AU": "Mon-Fri 09:00-17:00 AEST", "NZ": "Mon-Fri 08:30-17:00 NZST", "JP": "Mon-Fri 09:30-18:15 JST",
    "KR": "Mon-Fri 09:00-18:00 KST", "BR": "Mon-Fri 09:00-18:00 BRT", "NG": "Mon-Fri 08:00-16:00 WAT",
}
# fmt: on


@dataclass
class Network:
    organisations: dict[str, Organisation] = field(default_factory=dict)
    users: dict[str, list[User]] = field(default_factory=dict)  # by organisation slug, primary first

    def reporters(self, slug: str) -> list[User]:
        """Users of a member who submit evidence (everyone but viewers)."""
        return [user for user in self.users[slug] if user.role != Role.VIEWER]


def create_network(password_hash: str, rng: random.Random) -> Network:
    """Create every member with its contacts and users, and the national coordinators, in one transaction.

    Every demo account shares one password, hashed once (hashing it per user would take a minute).
    """
    network = Network()
    highlighted = {(slug, person): username for username, slug, person in HIGHLIGHTED_LOGINS}
    with transaction.atomic():
        for member in MEMBERS:
            organisation = Organisation(
                name=member.name,
                short_name=member.short_name,
                slug=member.slug,
                type=member.type,
                country=member.country,
                remits=[remit.value for remit in member.remits],
                sectors=[sector.value for sector in member.sectors],
                languages=list(member.languages),
                description=member.description or f"Demo member ({member.type.label}, {member.country}).",
                share_counts=member.share_counts,
                joined_at=_joined(rng),
            )
            organisation.full_clean()
            organisation.save()
            network.organisations[member.slug] = organisation
            network.users[member.slug] = []
            for position, (first, last, role) in enumerate(member.people):
                person = f"{first} {last}"
                username = highlighted.get((member.slug, person)) or _username(first, last)
                user = User.objects.create(
                    username=username,
                    password=password_hash,
                    email=f"{_ascii(first)}.{_ascii(last)}@{member.slug}.example".lower(),
                    first_name=first,
                    last_name=last,
                    organisation=organisation,
                    role=role,
                    languages=list(member.languages),
                    is_staff=role == Role.SECRETARIAT,
                    is_superuser=role == Role.SECRETARIAT,
                )
                network.users[member.slug].append(user)
                PointOfContact.objects.create(
                    organisation=organisation,
                    user=user,
                    name=person,
                    role_title=_title(member, role, position),
                    email=user.email,
                    phone=fictional_phone(rng, member.country)
                    if member.country in FICTIONAL_PHONE_RANGES
                    else "",
                    languages=list(member.languages),
                    pgp_fingerprint=fingerprint(user.email),
                    secure_channel="PGP e-mail; Signal on request" if position == 0 else "PGP e-mail",
                    availability=AVAILABILITY.get(member.country, "Mon-Fri 09:00-17:00 CET"),
                    is_primary=position == 0,
                )
            for cidr in member.networks:
                OrganisationNetwork.objects.create(organisation=organisation, cidr=cidr)
            for domain in member.domains:
                OrganisationDomain.objects.create(organisation=organisation, domain=domain)
            if member.coordinator:
                NationalCoordinator.objects.create(country=member.country, organisation=organisation)
    return network


def _title(member: Member, role: Role, position: int) -> str:
    if role == Role.SECRETARIAT:
        return "Network secretary" if position == 0 else "Deputy secretary"
    if member.type in (E, G):
        return (
            "International cooperation lead (point of contact)" if position == 0 else "Investigator (deputy)"
        )
    if member.type == I:
        return "Abuse desk lead" if position == 0 else "Abuse analyst (deputy)"
    return "Coordinator" if position == 0 else "Deputy"


def _joined(rng: random.Random) -> date:
    return date(rng.randint(2004, 2024), rng.randint(1, 12), 1)


def _ascii(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if c.isascii() and (c.isalnum() or c == "-")).lower()


def _username(first: str, last: str) -> str:
    return f"{_ascii(first)}.{_ascii(last)}"
