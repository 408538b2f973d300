"""What the referral tests share: the Dutch side of the network (the national coordinator the
referrals to ACM copy), points of contact, evidence submitted from the public corpora, a sent referral."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.test import Client

from lapnet.evidence.actions import submit_evidence, submit_file
from lapnet.evidence.models import Channel, Evidence
from lapnet.members.models import (
    NationalCoordinator,
    Organisation,
    OrganisationType,
    PointOfContact,
    Remit,
    Role,
    User,
)
from lapnet.referrals import actions
from lapnet.referrals.models import Referral
from lapnet.sharing.tlp import TLP
from tests.accounts.support import force_login_with_second_factor
from tests.corpora import corpus_bytes, corpus_file
from tests.personas import Personas, make_organisation, make_user

# a phishing message ("Verify your Trust Wallet") whose header walk ends at 185.98.145.214 in NL
PHISHING_NL = "phishing-pot/eml/sample-1360.eml"
# a phishing message ("Microsoft account unusual signin activity") sent from 89.144.44.4 in DE
PHISHING_DE = "phishing-pot/eml/sample-1026.eml"


@dataclass
class Network:
    personas: Personas
    rdi: Organisation  # the Dutch national coordinator (copied on referrals to ACM)
    nora: User  # coordinator at RDI
    alice_contact: PointOfContact
    charlie_contact: PointOfContact


def dutch_side(personas: Personas) -> Network:
    rdi = make_organisation(
        "Rijksinspectie Digitale Infrastructuur",
        "rdi",
        OrganisationType.GOVERNMENT,
        "NL",
        short_name="RDI",
        remits=[Remit.TELECOM],
        languages=["nl", "en"],
    )
    nora = make_user("nora", rdi, Role.COORDINATOR)
    NationalCoordinator.objects.create(country="NL", organisation=rdi)
    PointOfContact.objects.create(organisation=rdi, user=nora, name="Nora", email=nora.email, is_primary=True)
    alice_contact = PointOfContact.objects.create(
        organisation=personas.dgccrf,
        user=personas.alice,
        name="Alice Martin",
        email="alice@dgccrf.example",
        languages=["fr", "en"],
        is_primary=True,
    )
    charlie_contact = PointOfContact.objects.create(
        organisation=personas.acm,
        user=personas.charlie,
        name="Charlie de Vries",
        email="charlie@acm.example",
        languages=["en"],
        is_primary=True,
    )
    return Network(personas, rdi, nora, alice_contact, charlie_contact)


def submit_corpus(user: User, relative: str, tlp: TLP = TLP.AMBER, capture: Any = None) -> Evidence:
    """Submit a corpus file as ``user`` through the intake action; the analysis runs on commit."""
    assert user.organisation is not None
    path = corpus_file(relative)
    with capture(execute=True):
        submitted = submit_file(
            path=path,
            data=corpus_bytes(relative),
            organisation=user.organisation,
            submitted_by=user,
            channel=Channel.WEB,
            tlp=tlp,
        )
    evidence = submitted[0].evidence
    evidence.refresh_from_db()
    return evidence


def sent_referral(network: Network, evidence: list[Evidence], **fields: Any) -> Referral:
    personas = network.personas
    referral = actions.do_draft_referral(
        personas.alice,
        title="Trust Wallet phishing from a Dutch host",
        evidence=evidence,
        fields={"requested_organisation": personas.acm, **fields},
    )
    return actions.do_send_referral(personas.alice, referral)


def login(client: Client, user: User) -> Client:
    force_login_with_second_factor(client, user)
    return client


LOTTERY = Path(__file__).parents[1] / "analysis" / "fixtures" / "crlf_lottery.eml"


def submit_lottery(user: User, tlp: TLP = TLP.AMBER, capture: Any = None, *, salt: str = "") -> Evidence:
    """The repository's own lottery scam (origin 81.2.69.160 in GB, a +44 phone number)."""
    assert user.organisation is not None
    data = LOTTERY.read_bytes()
    if salt:
        data = f"X-Test: {salt}\r\n".encode() + data
    with capture(execute=True):
        submitted = submit_evidence(
            data=data,
            organisation=user.organisation,
            submitted_by=user,
            channel=Channel.WEB,
            tlp=tlp,
            source_name="crlf_lottery.eml",
        )
    submitted.evidence.refresh_from_db()
    return submitted.evidence


# --- nodes: two installations in one test database ---------------------------------------------------


def node(tmp_path: Path, node_id: str) -> Any:
    """Settings that make this process the node ``node_id``, its signing key in ``tmp_path``."""
    from django.test import override_settings

    return override_settings(LAPNET_NODE_ID=node_id, LAPNET_NODE_KEY_FILE=str(tmp_path / f"{node_id}.pem"))


def corpus_referral(network: Network, capture: Any, **fields: Any) -> tuple[Referral, Evidence]:
    """The end-to-end test's referral: the Dutch-hosted phishing sample, alice (FR) to charlie (NL)."""
    evidence = submit_corpus(network.personas.alice, PHISHING_NL, capture=capture)
    return sent_referral(network, [evidence], **fields), evidence
