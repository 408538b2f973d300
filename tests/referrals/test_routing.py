"""Routing: jurisdictions ranked from the reports, competent members by remit, the primary point of
contact proposed, and the national coordinator or a private-sector member when none is competent."""

from __future__ import annotations

from typing import Any

import pytest

from lapnet.members.models import NationalCoordinator, OrganisationType, PointOfContact, Remit, Sector
from lapnet.referrals import routing
from lapnet.referrals.routing import CandidateKind
from tests.personas import Personas, make_organisation
from tests.referrals.support import PHISHING_NL, Network, submit_corpus

pytestmark = pytest.mark.django_db


def test_a_lottery_scam_goes_to_a_consumer_or_criminal_agency_of_its_origin_country(
    personas: Personas, report: Any
) -> None:
    cma = make_organisation(
        "Competition and Markets Authority",
        "cma",
        OrganisationType.ENFORCEMENT,
        "GB",
        remits=[Remit.CONSUMER],
    )
    PointOfContact.objects.create(organisation=cma, name="Deputy", email="deputy@cma.example")
    primary = PointOfContact.objects.create(
        organisation=cma, name="Pat", email="pat@cma.example", is_primary=True
    )
    make_organisation("Ofcom", "ofcom", OrganisationType.ENFORCEMENT, "GB", remits=[Remit.TELECOM])
    proposals = routing.route([report], requesting=personas.dgccrf)
    assert proposals.categories == ("lottery_or_prize",)
    assert proposals.remits == ("consumer", "criminal")
    first = proposals.routes[0]
    assert first.jurisdiction.country == "GB"
    assert set(first.jurisdiction.reasons) == {"origin_ip", "phone"}
    assert [c.organisation for c in first.candidates] == [cma]  # not the telecoms regulator
    assert first.candidates[0].contact == primary
    assert first.proposed is not None and first.proposed.organisation == cma


def test_the_reporting_members_country_is_ranked_as_a_victims_country(
    personas: Personas, report: Any
) -> None:
    countries = [route.jurisdiction for route in routing.route([report], requesting=personas.dgccrf).routes]
    france = next(j for j in countries if j.country == "FR")
    assert france.reasons == ("reporter",)
    assert countries[0].weight > france.weight


def test_the_requesting_organisation_is_never_proposed(personas: Personas, report: Any) -> None:
    proposals = routing.route([report], requesting=personas.dgccrf)
    france = next(route for route in proposals.routes if route.jurisdiction.country == "FR")
    assert personas.dgccrf not in [c.organisation for c in france.candidates]


@pytest.mark.corpora
def test_phishing_goes_to_criminal_units_and_otherwise_to_the_coordinator_or_private_sector(
    personas: Personas, network: Network, django_capture_on_commit_callbacks: Any
) -> None:
    evidence = submit_corpus(personas.alice, PHISHING_NL, capture=django_capture_on_commit_callbacks)
    hoster = make_organisation(
        "Dutch Hosting BV", "dutch-hosting", OrganisationType.INDUSTRY, "NL", sectors=[Sector.HOSTING]
    )
    proposals = routing.route([evidence], requesting=personas.dgccrf)
    assert proposals.remits == ("criminal",)
    netherlands = next(route for route in proposals.routes if route.jurisdiction.country == "NL")
    # ACM (telecoms, consumer) is no criminal unit: nobody competent, the coordinator then industry
    assert not netherlands.has_competent_member
    assert [(c.organisation, c.kind) for c in netherlands.fallback] == [
        (network.rdi, CandidateKind.COORDINATOR),
        (hoster, CandidateKind.PRIVATE_SECTOR),
    ]
    assert (
        netherlands.fallback[0].contact is not None and netherlands.fallback[0].contact.user == network.nora
    )
    police = make_organisation(
        "Politie", "politie", OrganisationType.ENFORCEMENT, "NL", remits=[Remit.CRIMINAL]
    )
    netherlands = next(
        r
        for r in routing.route([evidence], requesting=personas.dgccrf).routes
        if r.jurisdiction.country == "NL"
    )
    assert [c.organisation for c in netherlands.candidates] == [police] and not netherlands.fallback


def test_a_country_without_any_member_says_so(personas: Personas, report: Any) -> None:
    NationalCoordinator.objects.all().delete()
    great_britain = routing.route([report], requesting=personas.dgccrf).routes[0]
    assert great_britain.jurisdiction.country == "GB"
    # the secretariat (GB, government) has no remit: not competent, and not a coordinator either
    assert not great_britain.candidates and not great_britain.fallback and great_britain.proposed is None


def test_the_pro_forma_is_prefilled_from_the_evidence(personas: Personas, report: Any) -> None:
    content = routing.prefill([report], requested_country="GB")
    technical = content["technical"]
    origin = technical["origin_ips"][0]
    assert origin["ip"] == "81.2.69.160" and origin["country"] == "GB"
    assert origin["evidence_sha256"] == report.blob_id and origin["method"] == "received_walk"
    assert "+442079460958" in technical["phone_numbers"]
    assert "payout.agent@mailbox.example" in technical["reply_to"] + technical["senders"]
    assert technical["message_ids"]
    assert content["scale"]["messages"] == 1
    assert content["subject"]["media"] == ["email"]
    assert content["subject"]["infringement_types"] == ["lottery_or_prize"]
    assert report.blob_id in content["evidence"]["chain_of_custody"]
