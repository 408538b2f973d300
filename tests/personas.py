"""The people every Django test talks about, set up through the real models.

- alice: analyst at the French consumer-protection agency (enforcement, FR)
- bob: analyst at the same agency (alice's team mate)
- carol: coordinator of that agency
- charlie: analyst at the Dutch telecoms regulator (enforcement, NL), an outsider to alice's agency
- dave: contributor at a German mail provider's abuse desk (industry, DE)
- erin: secretariat admin of the network (government, GB)
"""

from __future__ import annotations

from dataclasses import dataclass

from lapnet.members.models import Organisation, OrganisationType, Remit, Role, Sector, User

PASSWORD = "correct horse battery staple"


@dataclass
class Personas:
    dgccrf: Organisation
    acm: Organisation
    mailco: Organisation
    secretariat: Organisation
    alice: User
    bob: User
    carol: User
    charlie: User
    dave: User
    erin: User


def make_organisation(
    name: str, slug: str, kind: OrganisationType, country: str, **extra: object
) -> Organisation:
    return Organisation.objects.create(name=name, slug=slug, type=kind, country=country, **extra)


def make_user(username: str, organisation: Organisation, role: Role) -> User:
    return User.objects.create_user(
        username=username,
        password=PASSWORD,
        email=f"{username}@{organisation.slug}.example",
        first_name=username.title(),
        organisation=organisation,
        role=role,
    )


def create_personas() -> Personas:
    dgccrf = make_organisation(
        "Direction générale de la concurrence, de la consommation et de la répression des fraudes",
        "dgccrf",
        OrganisationType.ENFORCEMENT,
        "FR",
        short_name="DGCCRF",
        remits=[Remit.CONSUMER],
        languages=["fr", "en"],
    )
    acm = make_organisation(
        "Autoriteit Consument & Markt",
        "acm",
        OrganisationType.ENFORCEMENT,
        "NL",
        short_name="ACM",
        remits=[Remit.TELECOM, Remit.CONSUMER],
        languages=["nl", "en"],
    )
    mailco = make_organisation(
        "Mailco Abuse Desk",
        "mailco",
        OrganisationType.INDUSTRY,
        "DE",
        short_name="Mailco",
        sectors=[Sector.MAIL_PROVIDER],
        languages=["de", "en"],
    )
    secretariat = make_organisation(
        "LAP Secretariat", "secretariat", OrganisationType.GOVERNMENT, "GB", short_name="Secretariat"
    )
    return Personas(
        dgccrf=dgccrf,
        acm=acm,
        mailco=mailco,
        secretariat=secretariat,
        alice=make_user("alice", dgccrf, Role.ANALYST),
        bob=make_user("bob", dgccrf, Role.ANALYST),
        carol=make_user("carol", dgccrf, Role.COORDINATOR),
        charlie=make_user("charlie", acm, Role.ANALYST),
        dave=make_user("dave", mailco, Role.CONTRIBUTOR),
        erin=make_user("erin", secretariat, Role.SECRETARIAT),
    )
