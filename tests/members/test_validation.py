"""Normal forms of what members type in (no database)."""

from __future__ import annotations

import pytest

from lapnet.members.countries import country_choices, country_name, language_name
from lapnet.members.validation import (
    normalise_cidr,
    normalise_domain,
    normalise_pgp_fingerprint,
    parse_languages,
    parse_lines,
)


def test_a_network_is_stored_as_its_network_address() -> None:
    assert normalise_cidr("81.2.69.160/27") == "81.2.69.160/27"
    assert normalise_cidr("81.2.69.161/27") == "81.2.69.160/27"
    assert normalise_cidr("81.2.69.161") == "81.2.69.161/32"


def test_a_v4_fingerprint_is_grouped_by_four_in_upper_case() -> None:
    assert normalise_pgp_fingerprint("0x" + "ab" * 20) == " ".join(["ABAB"] * 10)
    assert normalise_pgp_fingerprint("AB:AB " * 10) == " ".join(["ABAB"] * 10)
    assert normalise_pgp_fingerprint("") == ""


def test_a_v6_fingerprint_fits_the_field() -> None:
    grouped = normalise_pgp_fingerprint("c" * 64)
    assert len(grouped) == 79


@pytest.mark.parametrize("text", ["1234", "g" * 40, "a" * 41])
def test_a_fingerprint_that_is_not_one_is_refused(text: str) -> None:
    with pytest.raises(ValueError, match="40"):
        normalise_pgp_fingerprint(text)


def test_languages_are_lower_case_codes_in_order_without_repeats() -> None:
    assert parse_languages("FR, en;de  fr") == ["fr", "en", "de"]
    assert parse_languages(["es", "ES"]) == ["es"]
    assert parse_languages("") == []
    with pytest.raises(ValueError, match="ISO 639"):
        parse_languages("French")


def test_lines_are_split_on_newlines_commas_and_spaces() -> None:
    assert parse_lines("a.example\n b.example, c.example\n\n") == ["a.example", "b.example", "c.example"]


def test_a_host_under_a_registered_domain_is_accepted() -> None:
    assert normalise_domain("Abuse.Example.CO.UK") == "abuse.example.co.uk"


def test_country_and_language_names() -> None:
    assert country_name("FR") == "France"
    assert country_name("ZZ") == "ZZ"
    assert ("DE", "Germany (DE)") in country_choices()
    assert language_name("nl") == "Dutch"
    assert language_name("xx") == "xx"
