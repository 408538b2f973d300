"""URLs in text: schemes, www. and bare forms, trailing punctuation, defanging, IDN, obfuscated hosts."""

from __future__ import annotations

import pytest

from lapnet.analysis.indicators.urls import parse_url, refang, trim_url
from tests.analysis.indicators_support import by_value, from_text, text_parts, values
from tests.corpora import corpus_bytes


def test_it_finds_a_url_and_lowercases_only_its_scheme_and_host() -> None:
    found = from_text("Click HTTPS://Secure.PayPal.Example.COM/Login?Next=/Home now")
    assert values(found.url) == {"https://secure.paypal.example.com/Login?Next=/Home"}


def test_it_writes_an_empty_path_as_a_slash() -> None:
    assert values(from_text("see http://example.com today").url) == {"http://example.com/"}
    assert values(from_text("see http://example.com?q=1 today").url) == {"http://example.com/?q=1"}


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("(see http://example.com/path)", "http://example.com/path"),
        ("at http://example.com/a.", "http://example.com/a"),
        ("go to http://example.com/a, then", "http://example.com/a"),
        ("'http://example.com/q?x=1'", "http://example.com/q?x=1"),
        ("http://foo.com/blah_(wikipedia)", "http://foo.com/blah_(wikipedia)"),
        ("(http://foo.com/blah_(wikipedia))", "http://foo.com/blah_(wikipedia)"),
        ("[http://example.com/x]", "http://example.com/x"),
        ("“http://example.com/quoted”", "http://example.com/quoted"),
        ("<http://example.com/angle>", "http://example.com/angle"),
        ("http://example.com/end!?", "http://example.com/end"),
    ],
)
def test_it_cuts_trailing_punctuation_and_unbalanced_brackets(written: str, expected: str) -> None:
    assert values(from_text(written).url) == {expected}


def test_it_keeps_a_path_and_query_exactly_as_written() -> None:
    url = "http://example.com/a%20b/C?D=%41&e=f#Frag"
    assert values(from_text(f"x {url} y").url) == {url}


def test_it_adds_each_url_host_and_its_registrable_domain_to_the_domains() -> None:
    found = from_text("http://login.secure.example.co.uk/x")
    domains = by_value(found.domain)
    assert set(domains) == {"login.secure.example.co.uk", "example.co.uk"}
    assert domains["login.secure.example.co.uk"].attribute("registrable_domain") == "example.co.uk"
    assert domains["example.co.uk"].country == "GB"
    url = found.url[0]
    assert url.attribute("registrable_domain") == "example.co.uk"


def test_it_reads_www_names_and_domains_with_a_path_as_schemeless_urls() -> None:
    found = from_text("Visit www.cheap-meds.example.net or shop.example.org/deals today.")
    urls = by_value(found.url)
    assert set(urls) == {"http://www.cheap-meds.example.net/", "http://shop.example.org/deals"}
    assert all(url.attribute("schemeless") == "true" for url in urls.values())


def test_it_reads_a_bare_domain_as_a_domain_but_not_as_a_url() -> None:
    found = from_text("Reply at lottery-claims.com to get your prize.")
    assert found.url == ()
    assert values(found.domain) == {"lottery-claims.com"}


@pytest.mark.parametrize(
    "text",
    [
        "see the attached file.txt and invoice.zip",
        "e.g. this, i.e. that, U.S. and a.m.",
        "Hello.World and end.The sentence",
        "version v1.2.3 and 3.14 and 1.2.3.4.5",
        "run setup.py then read README.md",
        "50_scores.cf and script.sh",
        "option 1.to reply",
    ],
)
def test_it_does_not_take_file_names_abbreviations_or_numbers_for_domains(text: str) -> None:
    found = from_text(text)
    assert found.domain == ()
    assert found.url == ()


def test_it_refangs_defanged_urls_and_flags_them() -> None:
    found = from_text("Do not click hxxps://evil[.]example[.]com/login or hXXp://bad(.)example(dot)net/a")
    urls = by_value(found.url)
    assert set(urls) == {"https://evil.example.com/login", "http://bad.example.net/a"}
    assert all(url.attribute("defanged") == "true" for url in urls.values())
    assert by_value(found.domain)["evil.example.com"].attribute("defanged") == "true"


def test_it_flags_as_defanged_only_what_was_written_defanged() -> None:
    found = from_text("see http://plain.example.com/ and hxxp://fanged.example.org/")
    urls = by_value(found.url)
    assert urls["http://plain.example.com/"].attribute("defanged") is None
    assert urls["http://fanged.example.org/"].attribute("defanged") == "true"


def test_it_refangs_the_usual_forms() -> None:
    assert refang("hxxps[:]//example[.]com") == "https://example.com"
    assert refang("example [.] com") == "example.com"
    assert refang("name [at] example [dot] org") == "name@example.org"
    assert refang("fxp://files{.}example(.)net") == "ftp://files.example.net"


def test_it_reads_defanged_domains_in_a_real_phishing_message() -> None:
    # phishing-pot sample-3311: a scam listing its mirror sites defanged as bagon[.]la, bagon[.]to...
    found = by_value(from_text(_plain_text("phishing-pot/eml/sample-3311.eml")).domain)
    for name in ("bagon.la", "bagon.to", "bagon.su", "bagon.cx"):
        assert found[name].attribute("defanged") == "true"
    assert found["bagon.la"].country == "LA"
    assert found["bagon.la"].attribute("generic_cctld") == "true"


def test_it_finds_the_defanged_url_and_no_private_ip_in_the_eml_parser_sample() -> None:
    # fixtures-eml-parser/sample_body_data.eml: URLs in prose, "hxxps://www.example2.com" and an
    # "ok -> 192.168.1.1." that names nothing outside the sender's network
    found = from_text(_plain_text("fixtures-eml-parser/sample_body_data.eml"))
    urls = by_value(found.url)
    assert urls["https://www.example2.com/"].attribute("defanged") == "true"
    assert {
        "http://www.example.com/",
        "http://www.example.com/test1?bla",
        "http://www.example.com/a/b/c/d/",
    } <= set(urls)
    assert "malware@example.com" in values(found.email)
    assert found.ip == ()


def test_it_turns_an_idn_host_into_punycode_and_keeps_the_unicode_form() -> None:
    found = from_text("http://пример.рф/вход and http://xn--80ak6aa92e.com/")
    urls = values(found.url)
    assert "http://xn--e1afmkfd.xn--p1ai/вход" in urls
    domains = by_value(found.domain)
    assert domains["xn--e1afmkfd.xn--p1ai"].attribute("idn") == "пример.рф"
    assert domains["xn--e1afmkfd.xn--p1ai"].country == "RU"
    # the Cyrillic "apple" homograph: а р р ӏ е
    assert domains["xn--80ak6aa92e.com"].attribute("idn") == "\u0430\u0440\u0440\u04cf\u0435.com"


def test_it_reads_numeric_hosts_the_way_a_browser_does_and_flags_them() -> None:
    found = from_text("http://3628126748/x and http://0xd8.0x40.0xd2.0x1c/y and https://1.2.3/")
    urls = by_value(found.url)
    assert set(urls) == {"http://216.64.210.28/x", "http://216.64.210.28/y", "https://1.2.0.3/"}
    assert all(url.attribute("obfuscated_ip") == "true" for url in urls.values())
    assert "216.64.210.28" in values(found.ip)


def test_it_adds_the_ip_of_an_ip_host_url_with_its_scope() -> None:
    found = from_text("http://142.42.1.1:8080/ and http://[2001:4860:4860::8888]/dns")
    assert values(found.url) == {"http://142.42.1.1:8080/", "http://[2001:4860:4860::8888]/dns"}
    ips = by_value(found.ip)
    assert set(ips) == {"142.42.1.1", "2001:4860:4860::8888"}
    assert ips["2001:4860:4860::8888"].attribute("version") == "6"
    assert found.domain == ()


def test_it_flags_credentials_before_the_host_which_hide_the_real_site() -> None:
    found = from_text("https://www.paypal.com@evil.example.net/signin")
    url = found.url[0]
    assert url.attribute("userinfo") == "true"
    assert url.attribute("registrable_domain") == "example.net"
    assert "www.paypal.com" not in values(found.domain)


def test_it_drops_xml_namespace_and_schema_urls() -> None:
    text = (
        'xmlns="http://www.w3.org/1999/xhtml" xmlns:o="urn:schemas-microsoft-com:office:office" '
        "http://schemas.microsoft.com/office/2004/12/omml http://schemas.openxmlformats.org/x "
        "https://schema.org/EmailMessage and the real one http://evil.example/"
    )
    found = from_text(text)
    assert values(found.url) == {"http://evil.example/"}
    assert values(found.domain) == {"evil.example"}


def test_it_cuts_a_very_long_url_and_flags_it() -> None:
    url = "http://example.com/" + "a" * 10_000
    parsed = parse_url(url)
    assert parsed is not None
    assert len(parsed.value) <= 4096
    assert dict(parsed.attributes)["truncated"] == "true"


def test_trim_url_stays_linear_on_a_run_of_closing_brackets() -> None:
    assert trim_url("http://a.example/x" + ")" * 100_000) == "http://a.example/x"


def test_it_extracts_and_rejects_the_eml_parser_url_samples() -> None:
    # fixtures-eml-parser/regexes_url_samples.txt: three sections, "Should match", "Permissive URL
    # matches" (invalid URLs some extractors accept) and "Should not match".
    sample = corpus_bytes("fixtures-eml-parser/regexes_url_samples.txt").decode("utf-8")
    should, permissive, should_not = (section.strip() for section in sample.split("\n\n"))

    lines = [line for line in should.splitlines() if not line.startswith("#")]
    for line in lines:
        assert len(from_text(line).url) == 1, line
    matched = values(from_text(should).url)
    for expected in (
        "http://foo.com/blah_blah_(wikipedia)_(again)",
        "http://userid:password@example.com:8080/",
        "http://142.42.1.1:8080/",
        "http://xn--df-oiy.ws/123",  # ✪df.ws
        "http://foo.com/unicode_(✪)_in_parens",
        "http://code.google.com/events/#&product=browser",
        "http://-.~_!$&'()*+,;=:%40:80%2f::::::@example.com/",
        "http://[fe80::1ff:fe23:4567:890a]/6️⃣",
        "http://j.mp/",
        "ftp://foo.bar/baz",
        "https://www.example.com/",
    ):
        assert expected in matched

    # of the permissive ones only what a browser would open survives, in its normal form
    assert values(from_text(permissive).url) == {
        "http://www.foo.bar/",  # trailing dot of the host dropped
        "http://123.123.0.123/",  # 123.123.123
        "http://216.64.210.28/",  # 3628126748
    }

    for line in should_not.splitlines()[1:]:
        assert from_text(line).url == (), line


def _plain_text(relative: str) -> str:
    raw = corpus_bytes(relative)
    parts = text_parts(raw)
    if not parts:  # a bare text file with headers, read whole
        return raw.decode("utf-8", "replace")
    return "\n".join(text for _, content_type, text in parts if content_type == "text/plain")
