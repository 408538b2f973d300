from __future__ import annotations

import json

import jsonschema
import pytest

from lapnet.exchange.legal_bases import LEGAL_BASES, allows_personal_data, legal_basis
from lapnet.exchange.proforma import ProForma, ProFormaError, json_schema
from tests.exchange import support


def test_the_json_form_round_trips() -> None:
    form = support.proforma()
    assert ProForma.from_json(form.to_json()) == form


def test_the_json_form_validates_against_the_published_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(json_schema())
    jsonschema.validate(json.loads(support.proforma().to_json()), json_schema())


def test_an_invalid_document_names_every_problem() -> None:
    document = support.proforma().to_dict()
    document["header"]["request_type"] = "gossip"
    document["legal_framing"]["legal_basis"] = "handshake"
    document["scale"]["messages"] = -1
    with pytest.raises(ProFormaError) as caught:
        ProForma.from_dict(document)
    joined = " | ".join(caught.value.errors)
    assert "$.header.request_type: 'gossip' is not one of" in joined
    assert "$.legal_framing.legal_basis: 'handshake' is not one of" in joined
    assert "$.scale.messages" in joined


def test_a_bad_date_is_reported_with_its_path() -> None:
    document = support.proforma().to_dict()
    document["header"]["date"] = "14/03/2025"
    with pytest.raises(ProFormaError, match=r"\$\.header\.date: '14/03/2025' is not an ISO 8601 date"):
        ProForma.from_dict(document)


def test_every_legal_basis_says_whether_it_allows_personal_data_and_why() -> None:
    assert {basis.id for basis in LEGAL_BASES} >= {
        "network_mou",
        "us_safe_web_act",
        "eu_regulation_2017_2394",
        "bilateral_agreement",
        "national_law",
        "other",
    }
    assert all(basis.assumption for basis in LEGAL_BASES)
    assert not allows_personal_data("network_mou")
    assert allows_personal_data("us_safe_web_act")
    assert not allows_personal_data("not-a-basis")
    with pytest.raises(KeyError, match="unknown legal basis"):
        legal_basis("not-a-basis")
