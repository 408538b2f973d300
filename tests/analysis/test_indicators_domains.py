"""Host names: registrable domain (PSL), private suffixes, ccTLD countries, IDN, shorteners."""

from __future__ import annotations

import pytest

from lapnet.analysis.indicators import IndicatorCollector
from lapnet.analysis.indicators.domains import cctld_country, describe_domain, normalise_host
from lapnet.analysis.indicators.shorteners import SHORTENER_HOSTS, is_shortener
from tests.analysis.indicators_support import by_value, from_text, values


@pytest.mark.parametrize(
    ("host", "registrable"),
    [
        ("www.example.com", "example.com"),
        ("a.b.example.co.uk", "example.co.uk"),
        ("shop.example.com.au", "example.com.au"),
        ("login.evil.github.io", "github.io"),  # registrable at a registrar: GitHub's domain
        ("WWW.EXAMPLE.COM.", "example.com"),
    ],
)
def test_it_finds_the_registrable_domain_a_registrar_sold(host: str, registrable: str) -> None:
    info = describe_domain(host)
    assert info is not None
    assert info.registrable == registrable


def test_it_records_the_hosting_providers_shared_suffix() -> None:
    info = describe_domain("secure-login.web.app")
    assert info is not None
    assert info.registrable == "web.app"
    assert info.private_suffix == "web.app"
    assert ("private_suffix", "web.app") in info.attributes()


def test_it_reports_an_unlisted_tld_but_keeps_the_host() -> None:
    info = describe_domain("hidden.onionx")
    assert info is not None
    assert info.registrable is None
    assert ("unlisted_tld", "true") in info.attributes()


@pytest.mark.parametrize(
    ("tld", "country"),
    [("de", "DE"), ("uk", "GB"), ("eu", None), ("ac", "SH"), ("su", None), ("com", None), ("xn--p1ai", "RU")],
)
def test_it_maps_a_cctld_to_its_iso_country(tld: str, country: str | None) -> None:
    assert cctld_country(tld) == country


def test_it_keeps_the_country_of_a_cctld_sold_as_generic_but_flags_it() -> None:
    domains = by_value(from_text("see http://tool.example.io/ and http://news.example.de/").domain)
    assert domains["example.io"].country == "IO"
    assert domains["example.io"].attribute("generic_cctld") == "true"
    assert domains["example.de"].country == "DE"
    assert domains["example.de"].attribute("generic_cctld") is None
    assert by_value(from_text("http://shop.example.eu/").domain)["example.eu"].country is None


@pytest.mark.parametrize(
    ("written", "ascii_form", "unicode_form"),
    [
        ("bücher.de", "xn--bcher-kva.de", "bücher.de"),
        ("XN--BCHER-KVA.DE", "xn--bcher-kva.de", "bücher.de"),
        ("ＥＸＡＭＰＬＥ．ＣＯＭ", "example.com", None),  # fullwidth letters and dot
        ("例え.テスト", "xn--r8jz45g.xn--zckzah", "例え.テスト"),
    ],
)
def test_it_normalises_idn_to_punycode_and_keeps_the_unicode_form(
    written: str, ascii_form: str, unicode_form: str | None
) -> None:
    name = normalise_host(written)
    assert name is not None
    assert name.ascii == ascii_form
    assert name.unicode == unicode_form


@pytest.mark.parametrize(
    "host", ["", "localhost", "a..b.com", "-a.com", "a-.com", "1.2.3.4.5", "x" * 64 + ".com"]
)
def test_it_refuses_what_cannot_be_a_host_name(host: str) -> None:
    assert normalise_host(host) is None


@pytest.mark.parametrize(
    "host",
    [
        "bit.ly",
        "tinyurl.com",
        "t.co",
        "goo.gl",
        "ow.ly",
        "is.gd",
        "buff.ly",
        "rebrand.ly",
        "cutt.ly",
        "shorturl.at",
        "rb.gy",
        "t.ly",
        "tiny.cc",
        "s.id",
    ],
)
def test_it_knows_the_common_url_shorteners(host: str) -> None:
    assert host in SHORTENER_HOSTS
    assert is_shortener(host)


def test_it_counts_a_shortener_subdomain_as_a_shortener_but_not_a_lookalike() -> None:
    assert is_shortener("m.tinyurl.com")
    assert not is_shortener("notbit.ly")
    assert not is_shortener("bit.ly.evil.example.com")


def test_it_flags_shortener_urls_and_their_domain() -> None:
    found = from_text("Claim now: https://bit.ly/3xYzAbC")
    url = found.url[0]
    assert url.attribute("shortener") == "true"
    assert by_value(found.domain)["bit.ly"].attribute("shortener") == "true"


def test_it_accepts_a_structured_domain_and_an_ip_literal_given_as_one() -> None:
    collector = IndicatorCollector()
    collector.add_domain("Evil.Example.CO.UK.", "report:reported_domain")
    collector.add_domain("203.0.113.7", "report:reported_domain")
    collector.add_domain("bad[.]example[.]org", "report:reported_domain")
    result = collector.result()
    assert values(result.domain) == {"evil.example.co.uk", "example.co.uk", "bad.example.org", "example.org"}
    assert by_value(result.domain)["bad.example.org"].attribute("defanged") == "true"
    assert values(result.ip) == {"203.0.113.7"}


def _hosts_around_every_rule() -> list[str]:
    """For each rule of the list shipped with publicsuffixlist: the suffix itself, one label under
    it and two (a wildcard rule's ``*`` made a label; an exception rule's name as it stands)."""
    from importlib import resources

    text = resources.files("publicsuffixlist").joinpath("public_suffix_list.dat").read_text("utf-8")
    hosts = []
    for line in text.splitlines():
        rule = line.strip()
        if not rule or rule.startswith("//"):
            continue
        name = rule.lstrip("!").replace("*", "wild").encode("idna").decode("ascii")
        hosts.extend([name, f"shop.{name}", f"www.shop.{name}"])
    return hosts


def test_the_registrable_domain_is_the_librarys_private_suffix_for_every_rule() -> None:
    # describe_domain derives it from the public suffix instead of asking the library a second time
    from lapnet.analysis.indicators.domains import _ICANN, _registrable

    hosts = _hosts_around_every_rule()
    assert len(hosts) > 20_000
    differing = [
        host for host in hosts if _registrable(host, _ICANN.publicsuffix(host)) != _ICANN.privatesuffix(host)
    ]
    assert differing == []
