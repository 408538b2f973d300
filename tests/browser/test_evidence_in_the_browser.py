"""An analyst's first visit, in a real browser: log in through the form, upload a real message, read
its evidence page (header walk, category), and follow an indicator to see who else reported it."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from lapnet.analysis.analyze import AnalysisConfig, analyze_item
from lapnet.analysis.sources import Item
from lapnet.analysis.types import Source
from lapnet.evidence import actions
from lapnet.evidence.models import Channel, Evidence
from lapnet.sharing.tlp import TLP
from tests.corpora import corpus_file
from tests.personas import PASSWORD, Personas

if TYPE_CHECKING:
    from playwright.sync_api import Page

LOTTERY = Path(__file__).parents[1] / "analysis" / "fixtures" / "crlf_lottery.eml"

pytestmark = pytest.mark.django_db(transaction=True)


def log_in(page: Page, username: str) -> None:
    page.goto("/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r"/$"))


def upload(page: Page, path: Path, tlp: str) -> int:
    page.goto("/evidence/submit/")
    page.set_input_files("#id_files", str(path))
    page.select_option("#id_tlp", tlp)
    page.click("form button[type=submit]")
    page.wait_for_url(re.compile(r"/evidence/\d+/$"))
    return int(page.url.rstrip("/").rsplit("/", 1)[1])


def analysed(path: Path) -> Any:
    """What the analysis core says of a file, for the French agency's analysts (the uploader)."""
    [result] = analyze_item(
        Item(Source(str(path), None), path.read_bytes()), AnalysisConfig(reporter_country="FR")
    )
    return result


def test_an_analyst_logs_in_uploads_a_message_and_reads_its_header_walk(
    personas: Personas, page: Page
) -> None:
    expected = analysed(LOTTERY)
    log_in(page, "alice")
    assert "Welcome, Alice" in page.inner_text("h1")

    pk = upload(page, LOTTERY, "green")

    evidence = Evidence.objects.get(pk=pk)
    assert (evidence.submitted_by, evidence.channel) == (personas.alice, Channel.WEB)
    assert "stored and queued for analysis" in page.inner_text(".messages")
    assert page.inner_text(".category") == expected.category
    assert page.inner_text(".origin-ip") == "81.2.69.160"
    walk = page.locator("table.small").first
    assert "origin" in walk.inner_text()
    assert "Analysed" in page.inner_text(".card.small")


def test_an_indicator_leads_to_the_other_members_report(personas: Personas, page: Page) -> None:
    # charlie's agency (NL) reported the same campaign a day earlier, marked GREEN for the network
    actions.submit_file(
        path="charlie.eml",
        data=LOTTERY.read_bytes(),
        organisation=personas.acm,
        submitted_by=personas.charlie,
        channel=Channel.API,
        tlp=TLP.GREEN,
    )
    log_in(page, "alice")
    upload(page, LOTTERY, "green")
    assert "reported 1 other time" in page.inner_text(".card.small")

    page.click("table.indicators a:has-text('+442079460958')")
    page.wait_for_url(re.compile(r"/evidence/search/\?q="))
    correlation = page.locator(".correlation").first
    assert correlation.locator(".reports").inner_text() == "2"
    assert correlation.locator(".organisations").inner_text() == "2"
    assert correlation.locator(".countries").inner_text() == "2"
    assert "ACM (NL)" in correlation.inner_text()


def test_the_search_form_answers_in_place(personas: Personas, page: Page) -> None:
    for organisation, user in ((personas.acm, personas.charlie), (personas.mailco, personas.dave)):
        actions.submit_file(
            path="report.eml",
            data=LOTTERY.read_bytes(),
            organisation=organisation,
            submitted_by=user,
            channel=Channel.WEB,
            tlp=TLP.GREEN,
        )
    log_in(page, "bob")
    page.goto("/evidence/search/")
    page.fill("#id_q", "payout.agent@mailbox.example")
    with page.expect_response(lambda response: "/evidence/search/" in response.url) as answer:
        page.click("form button[type=submit]")
    assert answer.value.request.headers.get("hx-request") == "true"  # htmx swapped in the partial
    assert "<html" not in answer.value.text()
    correlation = page.locator("#correlation .correlation").first
    assert correlation.locator(".reports").inner_text() == "2"
    assert correlation.locator(".countries").inner_text() == "2"
    text = correlation.inner_text()
    assert "ACM (NL)" in text and "Mailco (DE)" in text


@pytest.mark.corpora
def test_a_real_phishing_message_from_the_corpora_gets_the_same_analysis_in_the_browser(
    personas: Personas, page: Page
) -> None:
    path = corpus_file("phishing-pot/eml/sample-100.eml")
    expected: Any = analysed(path)

    log_in(page, "alice")
    upload(page, path, "amber")

    assert page.inner_text(".category") == expected.category
    if expected.origin is not None and expected.origin.ip:
        assert page.inner_text(".origin-ip") == expected.origin.ip
    assert Evidence.objects.get().blob_id == expected.sha256
