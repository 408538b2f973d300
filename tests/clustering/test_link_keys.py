"""Link keys from an analysis result: beneficiaries and infrastructure, without excluded values."""

from __future__ import annotations

from typing import Any

from lapnet.clustering.links import KeyKind, LinkKey, link_keys


def _result(**indicators: list[dict[str, Any]]) -> dict[str, Any]:
    base: dict[str, Any] = {
        "to": ["Jane <jane@victim.test>"],
        "origin": {"ip": "81.2.69.160"},
        "indicators": {},
    }
    base["indicators"] = indicators
    return base


def _entry(value: str, found_in: str = "body:1:text/plain", **attributes: str) -> dict[str, Any]:
    return {"value": value, "found_in": [found_in], "attributes": attributes}


def test_landing_domains_drop_boxes_phones_wallets_ibans_and_affiliate_ids_are_keys() -> None:
    keys = link_keys(
        _result(
            url=[_entry("https://login.bank-secure.top/a?aff=77123", registrable_domain="bank-secure.top")],
            email=[_entry("payout@claims.top", "header:Reply-To", role="reply_to")],
            phone=[_entry("+442079460958", e164="+442079460958")],
            crypto_wallet=[_entry("bc1qxy2kgdygjrsqtzq2n0yrf2493p83kkfjhx0wlh")],
            iban=[_entry("GB33 BUKB 2020 1555 5555 55")],
        )
    )
    assert set(keys) >= {
        LinkKey(KeyKind.LANDING_HOST, "login.bank-secure.top"),
        LinkKey(KeyKind.LANDING_DOMAIN, "bank-secure.top"),
        LinkKey(KeyKind.AFFILIATE, "aff=77123"),
        LinkKey(KeyKind.DROPBOX, "payout@claims.top"),
        LinkKey(KeyKind.DROPBOX_DOMAIN, "claims.top"),
        LinkKey(KeyKind.PHONE, "+442079460958"),
        LinkKey(KeyKind.WALLET, "bc1qxy2kgdygjrsqtzq2n0yrf2493p83kkfjhx0wlh"),
        LinkKey(KeyKind.IBAN, "GB33BUKB20201555555555"),
        LinkKey(KeyKind.ORIGIN_IP, "81.2.69.160"),
        LinkKey(KeyKind.ORIGIN_NET, "81.2.69.0/24"),
    }


def test_listed_values_and_the_reporters_own_addresses_are_not_keys() -> None:
    keys = link_keys(
        _result(
            url=[
                _entry("http://www.w3.org/1999/xhtml", registrable_domain="w3.org"),
                _entry("https://bit.ly/", registrable_domain="bit.ly", shortener="true"),
                _entry("https://victim.test/unsubscribe", registrable_domain="victim.test"),
            ],
            email=[
                _entry("jane@victim.test"),
                _entry("winner@gmail.com", "header:Reply-To", role="reply_to"),
            ],
        )
    )
    values = {key.value for key in keys}
    assert "w3.org" not in values and "bit.ly" not in values and "victim.test" not in values
    assert "jane@victim.test" not in values
    assert "gmail.com" not in values  # the provider is not a key; the drop box at it is one
    assert "winner@gmail.com" in values


def test_a_short_link_is_a_key_but_its_bare_domain_is_not() -> None:
    keys = link_keys(
        _result(url=[_entry("https://bit.ly/3xYzAb", registrable_domain="bit.ly", shortener="true")])
    )
    assert LinkKey(KeyKind.SHORT_LINK, "bit.ly/3xYzAb") in keys
    assert not any(key.kind in {KeyKind.LANDING_DOMAIN, KeyKind.LANDING_HOST} for key in keys)


def test_private_origin_addresses_are_not_infrastructure_keys() -> None:
    result = _result()
    result["origin"] = {"ip": "10.1.2.3"}
    assert link_keys(result) == []


def test_an_address_at_a_listed_brand_is_not_a_drop_box_but_one_at_a_webmail_provider_is() -> None:
    keys = link_keys(
        _result(
            email=[
                _entry("service@paypal.com", "header:Reply-To", role="reply_to"),
                _entry("acc-activate@ncua.gov", "header:Reply-To", role="reply_to"),
                _entry("d_lete110@eudoramail.com", "header:Reply-To", role="reply_to"),
            ]
        )
    )
    values = {key.value for key in keys if key.kind in {KeyKind.DROPBOX, KeyKind.DROPBOX_DOMAIN}}
    assert values == {"d_lete110@eudoramail.com"}
