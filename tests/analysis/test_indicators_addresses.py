"""E-mail addresses: sender-side headers with their role, drop boxes, text, obfuscated forms."""

from __future__ import annotations

from lapnet.analysis.indicators import IndicatorCollector
from lapnet.analysis.indicators.addresses import addresses_in_header
from tests.analysis.indicators_support import by_value, from_message, from_text, values
from tests.corpora import corpus_bytes


def _headers(*pairs: tuple[str, str]) -> IndicatorCollector:
    collector = IndicatorCollector()
    for name, value in pairs:
        collector.add_header_address(name, value)
    return collector


def test_it_takes_the_address_and_not_the_display_name_of_a_header() -> None:
    assert addresses_in_header('"service@paypal.com" <drop.box@mail.example.com>') == [
        "drop.box@mail.example.com"
    ]
    assert addresses_in_header("PayPal (service@paypal.com) <x@evil.example.net>") == ["x@evil.example.net"]
    assert addresses_in_header('a@one.example.com, "Doe, Jane" <b@two.example.org>') == [
        "a@one.example.com",
        "b@two.example.org",
    ]


def test_it_records_the_role_of_each_header_address() -> None:
    result = _headers(
        ("From", "Prize Department <awards@lottery.example.com>"),
        ("Return-Path", "<bounce-123@mailer.example.net>"),
        ("Errors-To", "errors@mailer.example.net"),
    ).result()
    emails = by_value(result.email)
    assert emails["awards@lottery.example.com"].attribute("role") == "from"
    assert emails["awards@lottery.example.com"].found_in == ("header:From",)
    assert emails["bounce-123@mailer.example.net"].attribute("role") == "return_path"
    assert emails["errors@mailer.example.net"].found_in == ("header:Errors-To",)
    assert {"lottery.example.com", "example.com", "mailer.example.net", "example.net"} <= values(
        result.domain
    )


def test_it_flags_a_reply_to_drop_box_on_another_domain() -> None:
    result = _headers(
        ("From", "Barrister James <james@lawfirm.example.co.uk>"),
        ("Reply-To", "barrister.james2@gmail.com"),
    ).result()
    drop_box = by_value(result.email)["barrister.james2@gmail.com"]
    assert ("role", "reply_to") in drop_box.attributes
    assert drop_box.attribute("reply_to_mismatch") == "true"
    assert drop_box.attribute("freemail") == "true"


def test_it_does_not_flag_a_reply_to_on_the_senders_own_domain() -> None:
    result = _headers(
        ("From", "news@shop.example.com"),
        ("Reply-To", "support@help.example.com"),
    ).result()
    assert by_value(result.email)["support@help.example.com"].attribute("reply_to_mismatch") is None


def test_it_ignores_recipient_headers_because_recipients_are_victims() -> None:
    result = _headers(
        ("To", "victim@home.example.org"),
        ("Cc", "other.victim@home.example.org"),
        ("Delivered-To", "victim@home.example.org"),
    ).result()
    assert result.email == ()
    assert result.domain == ()


def test_it_ignores_the_null_return_path() -> None:
    assert _headers(("Return-Path", "<>")).result().email == ()


def test_it_reads_addresses_and_urls_of_list_unsubscribe() -> None:
    result = _headers(
        (
            "List-Unsubscribe",
            "<mailto:unsub@list.example.com?subject=remove>, <https://list.example.com/u?id=9>",
        )
    ).result()
    assert values(result.email) == {"unsub@list.example.com"}
    assert values(result.url) == {"https://list.example.com/u?id=9"}


def test_it_lowercases_addresses_and_normalises_their_domain() -> None:
    found = _headers(("From", "<John.Doe@Bücher.DE>")).result()
    assert values(found.email) == {"john.doe@xn--bcher-kva.de"}


def test_it_finds_addresses_in_text_and_adds_their_domain() -> None:
    found = from_text("Send the fee to claims.dept@payout-agency.example.com today.")
    assert values(found.email) == {"claims.dept@payout-agency.example.com"}
    assert "example.com" in values(found.domain)


def test_it_refangs_obfuscated_addresses() -> None:
    found = from_text("Write to agent [at] payout-agency [dot] com or desk(at)payout-agency.com")
    emails = by_value(found.email)
    assert set(emails) == {"agent@payout-agency.com", "desk@payout-agency.com"}
    assert all(email.attribute("defanged") == "true" for email in emails.values())


def test_it_does_not_take_content_ids_or_unknown_tlds_for_addresses() -> None:
    found = from_text("cid:image001.png@01D2C3A4.5B6C7D80 and root@localhost and a@b")
    assert found.email == ()


def test_it_flags_the_gmail_drop_box_of_a_real_advance_fee_message() -> None:
    # phishing-pot sample-1004: "Philip Fredrick" <ghulammustafa@cyber.net.pk> asks for replies to
    # <philipffredrick3690@gmail.com>, and repeats that address in the body
    emails = by_value(from_message(corpus_bytes("phishing-pot/eml/sample-1004.eml")).email)
    sender = emails["ghulammustafa@cyber.net.pk"]
    assert sender.attribute("role") == "from"
    drop_box = emails["philipffredrick3690@gmail.com"]
    assert drop_box.found_in == ("body:0:text/html:text", "header:Reply-To")
    assert drop_box.attribute("reply_to_mismatch") == "true"
    assert drop_box.attribute("freemail") == "true"


def test_it_reads_a_from_header_whose_display_name_holds_a_comma() -> None:
    # phishing-pot sample-1026: From: Microsoft account team ,_<no-reply@access-accsecurity.com>
    result = from_message(corpus_bytes("phishing-pot/eml/sample-1026.eml"))
    senders = {email.value for email in result.email if email.attribute("role") == "from"}
    assert senders == {"no-reply@access-accsecurity.com"}
    assert by_value(result.domain)["access-accsecurity.com"].found_in[0].startswith("header:")
