"""IP addresses in text and from structured sources; phone numbers with and without a region."""

from __future__ import annotations

import pytest

from lapnet.analysis.indicators import IndicatorCollector
from lapnet.analysis.indicators.network import find_ips, normalise_ip, parse_numeric_host
from lapnet.analysis.indicators.phones import normalise_region, parse_phone
from tests.analysis.indicators_support import by_value, from_html, from_text, values
from tests.corpora import corpus_bytes

# -- IP addresses ---------------------------------------------------------------------------------


def test_it_finds_ipv4_and_ipv6_addresses_in_text() -> None:
    found = from_text("Servers: 8.8.8.8, 2001:4860:4860::8888 and [2606:4700:4700::1111].")
    ips = by_value(found.ip)
    assert set(ips) == {"8.8.8.8", "2001:4860:4860::8888", "2606:4700:4700::1111"}
    assert ips["8.8.8.8"].attributes == (("scope", "global"), ("version", "4"))


@pytest.mark.parametrize(
    "text",
    [
        "version v1.2.3.4 and 1.2.3.4.5 and 256.1.1.1",
        "private 10.0.0.1, 192.168.1.1, 127.0.0.1, ::1 and fe80::1",
        "times 10:30:45 and C++ std::map<int> and a MAC 00:1a:2b:3c:4d:5e",
        "documentation ranges 192.0.2.10 and 2001:db8::1",
    ],
)
def test_it_skips_what_only_looks_like_a_public_ip_in_text(text: str) -> None:
    assert find_ips(text) == []


def test_it_keeps_any_valid_ip_from_a_structured_source_with_its_scope() -> None:
    collector = IndicatorCollector()
    collector.add_ip("192.168.10.5", "origin:received_walk")
    collector.add_ip("::ffff:203.0.113.9", "report:source_ip")
    collector.add_ip("not an ip", "report:source_ip")
    ips = by_value(collector.result().ip)
    assert set(ips) == {"192.168.10.5", "203.0.113.9"}  # the IPv4-mapped IPv6 as the IPv4 it carries
    assert ips["192.168.10.5"].attribute("scope") == "private"


def test_it_normalises_ipv6_to_its_compressed_form() -> None:
    info = normalise_ip("2001:4860:4860:0000:0000:0000:0000:8888")
    assert info is not None
    assert info.value == "2001:4860:4860::8888"


@pytest.mark.parametrize(
    ("host", "address"),
    [
        ("3628126748", "216.64.210.28"),
        ("0330.0100.0322.034", "216.64.210.28"),
        ("1.2.3", "1.2.0.3"),
        ("8.8.8.8", "8.8.8.8"),
    ],
)
def test_it_reads_numeric_hosts_like_a_browser(host: str, address: str) -> None:
    assert parse_numeric_host(host) == address


@pytest.mark.parametrize("host", ["356.354.165.654", "1.1.1.1.1", "09.1.1.1", "4294967296"])
def test_it_refuses_numeric_hosts_a_browser_refuses(host: str) -> None:
    assert parse_numeric_host(host) is None


# -- phones -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "e164", "country", "number_type"),
    [
        ("+44 20 7946 0958", "+442079460958", "GB", "fixed"),
        ("+33 6 12 34 56 78", "+33612345678", "FR", "mobile"),
        ("0049 30 901820", "+4930901820", "DE", "fixed"),
        ("(+234) 803 123 4567", "+2348031234567", "NG", "mobile"),
        ("+1 (800) 555-0199", "+18005550199", "US", "toll_free"),
        ("+44 906 170 1461", "+449061701461", "GB", "premium"),
        ("+81 3-1234-5678", "+81312345678", "JP", "fixed"),
    ],
)
def test_it_finds_international_numbers_with_their_country_and_type(
    written: str, e164: str, country: str, number_type: str
) -> None:
    found = from_text(f"For your prize call {written} today.")
    phone = by_value(found.phone)[e164]
    assert phone.country == country
    assert phone.attribute("e164") == e164
    assert phone.attribute("number_type") == number_type


def test_it_needs_a_region_to_read_national_numbers() -> None:
    text = "Call 020 7946 0958 or 0800 169 6031 now"
    assert from_text(text).phone == ()
    found = by_value(from_text(text, region="GB").phone)
    assert set(found) == {"+442079460958", "+448001696031"}
    assert found["+448001696031"].attribute("number_type") == "toll_free"


def test_it_reads_national_numbers_in_the_region_given() -> None:
    assert values(from_text("Appelez le 06 12 34 56 78", region="FR").phone) == {"+33612345678"}
    assert values(from_text("Ruf an: 0171 1234567", region="de").phone) == {"+491711234567"}


@pytest.mark.parametrize(
    "text",
    [
        "Order 2023-01-15 no. 1234567890123 for $1,000,000.00",
        "Reference +0000000000 and ISBN 978-3-16-148410-0",
        "phone: +44 1234",
    ],
)
def test_it_keeps_dates_amounts_and_invalid_numbers_out(text: str) -> None:
    assert from_text(text, region="GB").phone == ()


def test_it_reads_tel_links_and_whatsapp_links() -> None:
    found = from_html(
        '<a href="tel:+33612345678">call</a> <a href="https://api.whatsapp.com/send?phone=447700900461">wa</a>'
    )
    assert "+33612345678" in values(found.phone)


def test_it_reads_the_sender_number_of_an_sms_report() -> None:
    collector = IndicatorCollector(default_region="GB")
    collector.add_phone("07911 123456", "sms:sender")  # national, read in the recipient's region
    collector.add_phone("AMAZON", "sms:sender")  # an alphanumeric sender ID is no number
    collector.add_phone("2348031234567", "sms:sender")  # gateways often drop the +
    phones = by_value(collector.result().phone)
    assert set(phones) == {"+447911123456", "+2348031234567"}
    assert phones["+2348031234567"].country == "NG"
    assert phones["+447911123456"].found_in == ("sms:sender",)
    assert parse_phone("07911 123456", None) is None  # without a region a national number means nothing


def test_it_accepts_uk_as_a_region_and_refuses_nonsense() -> None:
    assert normalise_region("uk") == "GB"
    assert normalise_region("ZZ") is None
    assert normalise_region("") is None


def test_it_finds_the_premium_numbers_of_real_sms_spam_and_none_in_ham() -> None:
    # UCI SMS Spam Collection (UK numbers): spam asks to call 09061 premium and 0800 numbers, ham has none
    records = (
        corpus_bytes("uci-sms-spam-collection/SMSSpamCollection").decode("utf-8", "replace").splitlines()
    )
    spam_types: dict[str, int] = {}
    for record in records:
        label, _, text = record.partition("\t")
        phones = from_text(text, where="sms:text", region="GB").phone
        if label == "ham":
            assert phones == (), text
        for phone in phones:
            number_type = phone.attribute("number_type") or ""
            spam_types[number_type] = spam_types.get(number_type, 0) + 1
    assert spam_types["premium"] > 100
    assert spam_types["toll_free"] > 20
