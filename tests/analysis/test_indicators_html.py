"""Links out of HTML: every attribute kind, meta refresh, CSS, comments, broken markup, visible text."""

from __future__ import annotations

import pytest

from lapnet.analysis.indicators.html import extract_html
from tests.analysis.indicators_support import by_value, from_html, from_message, values
from tests.corpora import corpus_bytes

WHERE = "body:1:text/html"


@pytest.mark.parametrize(
    ("markup", "kind"),
    [
        ('<a href="http://a.example.com/x">go</a>', "href"),
        ('<area shape="rect" href="http://a.example.com/x">', "href"),
        ('<img src="http://a.example.com/x">', "src"),
        ('<iframe src="http://a.example.com/x"></iframe>', "src"),
        ('<script src="http://a.example.com/x"></script>', "src"),
        ('<form method="post" action="http://a.example.com/x"><input name="pass"></form>', "action"),
        ('<form><button formaction="http://a.example.com/x">ok</button></form>', "formaction"),
        ('<body background="http://a.example.com/x">text</body>', "background"),
        ('<table><tr><td background="http://a.example.com/x">cell</td></tr></table>', "background"),
        ('<video poster="http://a.example.com/x"></video>', "poster"),
        ('<object data="http://a.example.com/x"></object>', "data"),
        ('<img lowsrc="http://a.example.com/x">', "lowsrc"),
        ('<img data-src="http://a.example.com/x">', "data-src"),
        ('<svg><image xlink:href="http://a.example.com/x"/></svg>', "xlink:href"),
    ],
)
def test_it_reads_each_url_attribute_with_its_kind(markup: str, kind: str) -> None:
    found = by_value(from_html(markup).url)
    assert set(found) == {"http://a.example.com/x"}
    assert found["http://a.example.com/x"].found_in == (f"{WHERE}:{kind}",)


def test_it_reads_every_candidate_of_a_srcset() -> None:
    found = from_html('<img srcset="http://img.example.com/a.png 1x, http://cdn.example.org/b.png 2x">')
    assert values(found.url) == {"http://img.example.com/a.png", "http://cdn.example.org/b.png"}
    assert all(url.found_in == (f"{WHERE}:srcset",) for url in found.url)


def test_it_follows_a_meta_refresh() -> None:
    markup = '<html><head><meta http-equiv="Refresh" content="0; URL=\'https://phish.example.net/x\'"></head></html>'
    found = by_value(from_html(markup).url)
    assert found["https://phish.example.net/x"].found_in == (f"{WHERE}:meta_refresh",)


def test_it_reads_urls_in_css_of_style_attributes_and_style_sheets() -> None:
    markup = (
        "<style>@import url('http://css.example.com/s.css'); body{background:url(&quot;http://bg.example.com/b.png&quot;)}"
        "</style><div style=\"background-image: url('http://div.example.com/d.png')\">x</div>"
    )
    found = by_value(from_html(markup).url)
    assert set(found) == {
        "http://css.example.com/s.css",
        "http://bg.example.com/b.png",
        "http://div.example.com/d.png",
    }
    assert all(url.found_in == (f"{WHERE}:css",) for url in found.values())


def test_it_decodes_entities_in_attribute_values() -> None:
    found = from_html('<a href="http://track.example.com/c?a=1&amp;b=2&#38;c=3">x</a>')
    assert values(found.url) == {"http://track.example.com/c?a=1&b=2&c=3"}


def test_it_turns_mailto_and_tel_links_into_addresses_and_phones() -> None:
    markup = (
        '<a href="mailto:Claims.Agent@Payout.example.com?subject=Claim">mail</a>'
        '<a href="tel:+44%2020%207946%200958">call</a>'
        '<a href="https://wa.me/2348031234567">WhatsApp</a>'
    )
    found = from_html(markup)
    assert values(found.email) == {"claims.agent@payout.example.com"}
    assert values(found.phone) == {"+442079460958", "+2348031234567"}


def test_it_ignores_cid_data_fragment_and_relative_links() -> None:
    markup = (
        '<img src="cid:image001.png@01D2C3A4.5B6C7D80"><img src="data:image/png;base64,iVBORw0KGgo=">'
        '<a href="#top">top</a><a href="/relative/path">rel</a><a href="javascript:void(0)">js</a>'
    )
    found = from_html(markup)
    assert found.url == ()
    assert found.email == ()
    assert found.domain == ()


def test_it_reads_protocol_relative_and_www_links() -> None:
    found = from_html('<a href="//cdn.example.com/x">a</a><a href="www.shop.example.org">b</a>')
    assert values(found.url) == {"http://cdn.example.com/x", "http://www.shop.example.org/"}


def test_it_finds_urls_phones_and_addresses_in_the_visible_text() -> None:
    markup = (
        "<p>Call us on <b>+33 6 12 34 56 78</b> or write to <i>refunds@tax-office.example.com</i>;"
        " details at http://refund.example.com/form</p>"
    )
    found = from_html(markup)
    assert by_value(found.url)["http://refund.example.com/form"].found_in == (f"{WHERE}:text",)
    assert values(found.phone) == {"+33612345678"}
    assert values(found.email) == {"refunds@tax-office.example.com"}


def test_it_does_not_read_script_or_style_text_as_visible_text() -> None:
    found = from_html(
        "<style>.a{font-family:x.com}</style><script>var s = 'tracker.example.com';</script><p>hi</p>"
    )
    assert found.domain == ()


def test_it_takes_scheme_urls_from_scripts_as_javascript_redirects() -> None:
    found = by_value(
        from_html('<script>window.location.href = "https://redirect.example.net/p";</script>').url
    )
    assert f"{WHERE}:script" in found["https://redirect.example.net/p"].found_in


def test_it_flags_a_link_whose_text_shows_another_domain() -> None:
    markup = (
        '<a href="https://login.evil.example.net/pp">https://www.paypal.com/signin</a>'
        '<a href="https://www.paypal.com/help">www.paypal.com</a>'
    )
    found = by_value(from_html(markup).url)
    assert found["https://login.evil.example.net/pp"].attribute("link_text_domain") == "paypal.com"
    assert found["https://www.paypal.com/help"].attribute("link_text_domain") is None


def test_it_reads_the_outlook_button_hidden_in_a_conditional_comment() -> None:
    markup = (
        '<!--[if mso]><v:roundrect xmlns:v="urn:schemas-microsoft-com:vml" href="https://vml.example.com/b" '
        'style="height:38px"><![endif]--><a href="https://html.example.com/b">Pay now</a>'
    )
    assert values(from_html(markup).url) == {"https://vml.example.com/b", "https://html.example.com/b"}


def test_it_recovers_links_swallowed_by_an_unclosed_attribute_quote() -> None:
    markup = '<p><a href="http://first.example.com/x>Click here</a></p><p><a href="http://second.example.com/y">again</a>'
    found = values(from_html(markup).url)
    assert {"http://first.example.com/x", "http://second.example.com/y"} <= found


def test_it_scans_instead_of_parsing_markup_nested_too_deep() -> None:
    markup = "<div>" * 20_000 + '<a href="http://deep.example.com/">x</a>'
    content = extract_html(markup)
    assert content.unparsed is not None
    assert [link.value for link in content.links] == ["http://deep.example.com/"]


def test_it_reads_a_form_action_in_a_real_spam() -> None:
    # SpamAssassin spam 00008: a life-insurance "free quote" form posting to reliaquote.com
    found = by_value(
        from_message(
            corpus_bytes("spamassassin-public-corpus/spam/00008.dfd941deb10f5eed78b1594b131c9266")
        ).url
    )
    action = found["http://www.reliaquote.com/termlife/cgi-bin/banner_quote_resp.asp"]
    assert any(place.endswith(":text/html:action") for place in action.found_in)


def test_it_reads_a_form_action_posting_to_a_bare_ip_in_a_real_spam() -> None:
    # SpamAssassin spam 00024: <form method="post" action="http://65.217.159.103/response/response.asp">
    found = from_message(
        corpus_bytes("spamassassin-public-corpus/spam/00024.6b5437b14d403176c3f046c871b5b52f")
    )
    assert "http://65.217.159.103/response/response.asp" in values(found.url)
    assert "65.217.159.103" in values(found.ip)


def test_it_reads_a_form_action_that_mails_the_answers() -> None:
    # SpamAssassin spam 00015: <FORM action=mailto:aud.conf@marketing401.com?subject=Audioc_Inquiry ...>
    found = by_value(
        from_message(
            corpus_bytes("spamassassin-public-corpus/spam/00015.048434ab64c86cf890eda1326a5643f5")
        ).email
    )
    assert any(place.endswith(":action") for place in found["aud.conf@marketing401.com"].found_in)


def test_it_reads_the_vml_button_of_a_real_phishing_message() -> None:
    # phishing-pot sample-1276: the Outlook-only button (in <!--[if mso]>) leads to a compromised blog
    found = values(from_message(corpus_bytes("phishing-pot/eml/sample-1276.eml")).url)
    assert "https://blog.joolkart.com/well-known/acme-challenge/k/y/c/" in found


def test_it_flags_shortened_links_of_a_real_phishing_message() -> None:
    # phishing-pot sample-111: the call to action is an rb.gy short link
    found = by_value(from_message(corpus_bytes("phishing-pot/eml/sample-111.eml")).url)
    assert found["https://rb.gy/4ydc8v"].attribute("shortener") == "true"


def test_it_survives_html_the_parser_cannot_encode() -> None:
    found = from_html('<a href="http://ok.example.com/">\ud800broken surrogate</a>')
    assert values(found.url) == {"http://ok.example.com/"}
