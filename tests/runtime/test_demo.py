"""`lapnet demo`: a network with every kind of member and role, and evidence analysed through the real
pipeline (the immediate task backend here), correlated across members; running it again is safe."""

from __future__ import annotations

import ipaddress
import random
import re
from io import StringIO

import iptocc
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from stdnum import iban as stdnum_iban

from lapnet.analysis.indicators import IndicatorCollector
from lapnet.evidence.models import AnalysisStatus, Channel, Evidence, IndicatorSighting
from lapnet.evidence.queries import correlate
from lapnet.generator import addresses, identifiers
from lapnet.members.models import (
    NationalCoordinator,
    Organisation,
    OrganisationType,
    PointOfContact,
    Remit,
    Role,
    User,
)
from lapnet.runtime.demo.seed import logins_path
from tests.personas import Personas

PASSWORD = "demo-password-for-tests"

pytestmark = pytest.mark.django_db(transaction=True)


def demo(*args: str) -> str:
    out = StringIO()
    call_command("demo", "--no-corpora", "--password", PASSWORD, *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_the_demo_network_has_every_kind_of_member_contact_and_role() -> None:
    out = demo()

    organisations = Organisation.objects.all()
    countries = set(organisations.values_list("country", flat=True))
    assert organisations.count() >= 24 and len(countries) >= 15
    assert {o.type for o in organisations} == set(OrganisationType)
    assert {remit for o in organisations for remit in o.remits} == set(Remit)
    for organisation in organisations:
        assert PointOfContact.objects.filter(organisation=organisation, is_primary=True).count() == 1, (
            organisation
        )
    coordinated = set(NationalCoordinator.objects.values_list("country", flat=True))
    assert coordinated == countries
    assert {u.role for u in User.objects.all()} == set(Role)
    assert "35 organisations in 17 countries" in out


def test_the_demo_evidence_is_analysed_through_the_pipeline_and_correlates_across_members(
    capsys: pytest.CaptureFixture[str],
) -> None:
    out = demo()

    evidence = Evidence.objects.filter(channel=Channel.DEMO)
    assert evidence.count() >= 100
    assert not evidence.exclude(status=AnalysisStatus.DONE).exists()
    assert {"email", "sms"} <= set(evidence.values_list("kind", flat=True))
    assert len(set(evidence.values_list("origin_country", flat=True))) >= 15
    assert len(set(evidence.values_list("language", flat=True))) >= 6
    assert len(set(evidence.values_list("category", flat=True))) >= 5  # a dozen kinds of campaign
    for kind in ("crypto_wallet", "iban", "phone", "url", "attachment"):
        assert IndicatorSighting.objects.filter(type=kind).exists(), kind

    # the printed "things to try" are seen by several members in several countries
    lines = out.split("Try 'Who else saw this?' with:")[1].strip().splitlines()[:5]
    tries = [re.split(r"\s{2,}", line.strip())[0] for line in lines]
    assert len(tries) == 5
    analyst = User.objects.get(username="hugo")
    for value in tries:
        correlation = correlate(analyst, value)
        assert correlation, value
        assert correlation[0].organisations >= 2 and correlation[0].countries >= 2, value

    # reports are spread over the last three months, sightings with them
    days = {e.received_at.date() for e in evidence}
    assert len(days) >= 30
    sighting = IndicatorSighting.objects.select_related("evidence").first()
    assert sighting is not None and sighting.seen_at == sighting.evidence.received_at


def test_running_it_again_says_so_and_reset_creates_it_anew() -> None:
    demo()
    first_evidence = Evidence.objects.count()
    assert (
        logins_path()
        .read_text(encoding="utf-8")
        .startswith(f"Demo logins (every demo account has the password {PASSWORD})")
    )

    again = demo()
    assert "already in this database" in again and PASSWORD in again
    assert Evidence.objects.count() == first_evidence

    out = StringIO()
    call_command("demo", "--no-corpora", "--reset", "--password", "another-password-here", stdout=out)
    assert "Erasing the demo database" in out.getvalue()
    assert Evidence.objects.count() == first_evidence
    assert User.objects.get(username="hugo").check_password("another-password-here")


def test_it_refuses_a_database_that_holds_another_network_even_with_reset(personas: Personas) -> None:
    for extra in ((), ("--reset",)):
        with pytest.raises(CommandError, match="not the demo") as error:
            demo(*extra)
        assert error.value.returncode == 2
    assert Organisation.objects.count() == 4
    assert not Evidence.objects.exists()


# --- the identifiers the demo makes up ---------------------------------------------------------------


@pytest.mark.django_db(transaction=False)
def test_every_sending_network_lies_in_its_country_by_the_rir_data() -> None:
    for country, networks in addresses.SENDER_NETWORKS.items():
        for cidr in networks:
            network = ipaddress.ip_network(cidr)
            for host in (network[2], network[network.num_addresses // 2], network[-3]):
                assert iptocc.country_code(str(host)) == country, (country, cidr, host)


@pytest.mark.django_db(transaction=False)
def test_wallets_ibans_and_phones_pass_the_analysis_checks() -> None:
    rng = random.Random(7)
    for _ in range(20):
        wallets = [
            identifiers.bitcoin_p2pkh(rng),
            identifiers.bitcoin_bech32(rng),
            identifiers.ethereum_address(rng),
        ]
        ibans = [identifiers.iban(rng, country) for country in ("DE", "GB", "LT", "ES", "FR")]
        phones = [identifiers.fictional_phone(rng, country) for country in identifiers.FICTIONAL_PHONE_RANGES]
        collector = IndicatorCollector()
        text = " ; ".join(
            [f"send to {w}" for w in wallets]
            + [f"account {identifiers.grouped(i)} now" for i in ibans]
            + [f"call {p} today" for p in phones]
        )
        collector.add_text(text, "body")
        found = collector.result()
        assert {w.value for w in found.crypto_wallet} == set(wallets)
        assert {i.value for i in found.iban} == set(ibans) and all(stdnum_iban.is_valid(i) for i in ibans)
        assert {p.country for p in found.phone} == set(identifiers.FICTIONAL_PHONE_RANGES)
