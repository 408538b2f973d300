"""Work shared or bounded inside the indicator finders gives the answers of the plain reading.

The finders read a reversed window before an anchor instead of the reversed text, the wallet and
IBAN finders share one ASCII encoding of the text, and sender-side header hits are cached: each
test pins a boundary where a shortcut could change the answer.
"""

from __future__ import annotations

import random
import re

import pytest

from lapnet.analysis.indicators import IndicatorCollector
from lapnet.analysis.indicators.addresses import find_emails
from lapnet.analysis.indicators.iban import find_ibans
from lapnet.analysis.indicators.urls import find_bare
from lapnet.analysis.indicators.wallets import find_wallets, long_word_runs
from lapnet.analysis.types import Indicators


@pytest.mark.parametrize(("length", "found"), [(1, True), (64, True), (65, False), (200, False)])
def test_an_email_local_part_is_read_up_to_its_limit_and_no_further(length: int, found: bool) -> None:
    local = "a" * length
    addresses = [info.value for info in find_emails(f"write to {local}@example.com now")]
    assert addresses == ([f"{local}@example.com"] if found else [])


def test_an_email_at_the_start_of_the_text_and_after_another_is_read() -> None:
    text = "a@example.com,b.c@example.org;d@x"
    assert [info.value for info in find_emails(text)] == ["a@example.com", "b.c@example.org"]


@pytest.mark.parametrize(
    "head", ["a", "a" * 31, "a" * 32, "a" * 33, ".".join(["a" * 49] * 2), ".".join(["a" * 49] * 4)]
)
def test_a_bare_domain_is_read_whatever_the_length_of_its_name(head: str) -> None:
    host = head + ".example.com"
    domains, _ = find_bare(f"see {host} today")
    assert [info.host for info in domains] == [host]


def test_a_name_run_longer_than_a_host_holds_no_bare_domain() -> None:
    run = ("a" * 60 + ".") * 5  # 305 name characters before the last dot
    domains, _ = find_bare(f"see {run}example.com today")
    assert domains == []


def test_a_bare_domain_after_a_long_word_is_still_read() -> None:
    domains, _ = find_bare("x" * 40 + " evil.example.com " + "y" * 40)
    assert [info.host for info in domains] == ["evil.example.com"]


TEXTS = [
    "Pay 1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa or DE89 3704 0044 0532 0130 00 today.",
    "Überweisung an DE89370400440532013000, Wallet: 0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed ✓",
    "nothing here but words",
    "",
]


@pytest.mark.parametrize("text", TEXTS)
def test_wallets_and_ibans_read_the_same_with_a_shared_encoding(text: str) -> None:
    encoded = text.encode("ascii", "replace")
    assert find_wallets(text, None, encoded) == find_wallets(text)
    assert find_ibans(text, None, encoded) == find_ibans(text)
    assert long_word_runs(text, 26, encoded) == long_word_runs(text, 26)


def test_wallets_and_ibans_are_found_in_text_with_non_ascii_characters() -> None:
    text = TEXTS[1]
    assert [info.value for info in find_ibans(text)] == ["DE89370400440532013000"]
    assert [info.value for info in find_wallets(text)] == ["0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"]


def test_a_repeated_header_value_gives_each_header_its_own_role_and_place() -> None:
    value = "Mailing List <list-admin@lists.example.org>"
    first = IndicatorCollector()
    first.add_header_address("Sender", value)
    second = IndicatorCollector()
    second.add_header_address("Sender", value)
    second.add_header_address("Errors-To", value)
    assert first.result() == _result_of([("Sender", value)])
    email = second.result().email[0]
    assert email.value == "list-admin@lists.example.org"
    assert email.found_in == ("header:Errors-To", "header:Sender")
    assert ("role", "errors_to") in email.attributes
    assert ("role", "sender") in email.attributes


def test_a_long_header_value_is_read_like_a_short_one() -> None:
    padding = "x" * 600
    collector = IndicatorCollector()
    collector.add_header_address("From", f'"{padding}" <boss@example.com>')
    assert [email.value for email in collector.result().email] == ["boss@example.com"]


def _result_of(headers: list[tuple[str, str]]) -> Indicators:
    collector = IndicatorCollector()
    for name, value in headers:
        collector.add_header_address(name, value)
    return collector.result()


def _runs_by_regex(text: str, minimum: int) -> list[tuple[int, int]]:
    encoded = text.encode("ascii", "replace")
    return [match.span() for match in re.finditer(rb"[A-Za-z0-9_]{%d,}" % minimum, encoded)]


@pytest.mark.parametrize("minimum", [5, 8, 9, 13, 26, 27])
def test_long_word_runs_are_every_maximal_run_long_enough(minimum: int) -> None:
    chooser = random.Random(minimum)
    for _ in range(400):
        pieces = []
        for _ in range(chooser.randint(0, 12)):
            pieces.append("a_Z9" * chooser.randint(0, 12) + "b" * chooser.randint(0, 4))
            pieces.append(chooser.choice([" ", ".", "é", "-", "\n", "", "€€"]))
        text = "".join(pieces)
        assert long_word_runs(text, minimum) == _runs_by_regex(text, minimum), text
