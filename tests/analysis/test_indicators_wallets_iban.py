"""Cryptocurrency addresses and IBANs: real valid values accepted, one changed character refused."""

from __future__ import annotations

import bech32
import pytest

from lapnet.analysis.indicators.iban import find_ibans
from lapnet.analysis.indicators.wallets import eip55, find_wallets
from tests.analysis.indicators_support import by_value, from_message, from_text, values
from tests.corpora import corpus_bytes

# Real addresses: Bitcoin's genesis block, BIP-13's P2SH example, BIP-173/350 test vectors (P2WPKH,
# P2WSH, taproot), EIP-55's examples, the Monero general fund, Tether's TRC-20 contract on Tron.
VALID = [
    ("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa", "bitcoin", "p2pkh"),
    ("3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy", "bitcoin", "p2sh"),
    ("bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4", "bitcoin", "p2wpkh"),
    ("bc1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3qccfmv3", "bitcoin", "p2wsh"),
    ("bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0", "bitcoin", "p2tr"),
    ("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", "ethereum", "account"),
    ("0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359", "ethereum", "account"),
    (
        "44AFFq5kSiGBoZ4NMDwYtN18obc8AemS33DBLWs3H7otXft3XjrpDtQGv7SqSsaBYBb98uNbr2VBBEt7f2wfn3RVGQBEP3A",
        "monero",
        "standard",
    ),
    ("TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t", "tron", "base58check"),
]


@pytest.mark.parametrize(("address", "chain", "kind"), VALID)
def test_it_accepts_a_real_address_with_its_chain_and_format(address: str, chain: str, kind: str) -> None:
    found = by_value(from_text(f"Send the payment to {address}. Thank you.").crypto_wallet)
    wallet = found[address]
    assert wallet.attribute("chain") == chain
    assert wallet.attribute("format") == kind
    assert wallet.country is None


@pytest.mark.parametrize(("address", "chain", "kind"), VALID)
def test_it_refuses_the_same_address_with_one_character_changed(address: str, chain: str, kind: str) -> None:
    position = len(address) // 2
    alphabet = "23456789ac" if address.startswith("bc1") else "23456789AB"
    replacement = next(char for char in alphabet if char != address[position])
    flipped = address[:position] + replacement + address[position + 1 :]
    assert find_wallets(f"pay {flipped} now") == []


def test_it_reads_an_uppercase_bech32_address_and_writes_it_in_lower_case() -> None:
    found = values(from_text("BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4").crypto_wallet)
    assert found == {"bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4"}


def test_it_refuses_a_taproot_address_checksummed_with_bech32_instead_of_bech32m() -> None:
    # BIP-173 listed it as valid; BIP-350 makes witness version 1 under the bech32 constant invalid
    address = "bc1pw508d6qejxtdg4y5r3zarvary0c5xw7kw508d6qejxtdg4y5r3zarvary0c5xw7k7grplx"
    assert bech32.decode("bc", address)[0] == 1  # the BIP-173 reference still accepts it
    assert find_wallets(address) == []


def test_it_accepts_unchecksummed_ethereum_addresses_and_says_so() -> None:
    lower = "0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed"
    wallet = from_text(f"wallet: {lower}").crypto_wallet[0]
    assert wallet.value == "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"  # EIP-55 form, deduplicated
    assert wallet.attribute("checksummed") == "false"
    checked = from_text("wallet: 0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed").crypto_wallet[0]
    assert checked.attribute("checksummed") == "true"


def test_it_refuses_an_ethereum_address_whose_mixed_case_breaks_eip55() -> None:
    assert find_wallets("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD") == []
    assert eip55("5aaeb6053f3e94c9b9a09f33669435e7ef1beaed") == "5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"


def test_it_does_not_take_hashes_or_words_for_wallets() -> None:
    text = (
        "tx 0x" + "ab" * 32 + " sha1 da39a3ee5e6b4b0d3255bfef95601890afd80709 "
        "Supercalifragilisticexpialidocious1234 and an ID 1234567890123456789012345678"
    )
    assert find_wallets(text) == []


def test_it_finds_the_bitcoin_address_of_a_real_sextortion_message() -> None:
    # phishing-pot sample-3282: "I am using harmful software..." with the ransom's Bitcoin address
    found = by_value(from_message(corpus_bytes("phishing-pot/eml/sample-3282.eml")).crypto_wallet)
    wallet = found["1F5hRhiWi1s2FobaQFKdxLh4hH7v1PCFsj"]
    assert wallet.attribute("chain") == "bitcoin"
    assert wallet.found_in[0].startswith("body:")


# -- IBAN -------------------------------------------------------------------------------------------

IBANS = [
    ("DE89 3704 0044 0532 0130 00", "DE"),
    ("GB82 WEST 1234 5698 7654 32", "GB"),
    ("FR14 2004 1010 0505 0001 3M02 606", "FR"),
    ("NL91 ABNA 0417 1643 00", "NL"),
    ("ES91 2100 0418 4502 0005 1332", "ES"),
    ("IT60 X054 2811 1010 0000 0123 456", "IT"),
    ("BE71 0961 2345 6769", "BE"),
    ("PL61 1090 1014 0000 0712 1981 2874", "PL"),
]


@pytest.mark.parametrize(("written", "country"), IBANS)
def test_it_finds_a_valid_iban_grouped_or_compact(written: str, country: str) -> None:
    compact = written.replace(" ", "")
    for form in (written, compact):
        found = from_text(f"Pay the release fee to IBAN: {form}, BIC ABCDEFGH.").iban
        assert [(iban.value, iban.country) for iban in found] == [(compact, country)]


@pytest.mark.parametrize(("written", "country"), IBANS)
def test_it_refuses_an_iban_with_one_wrong_digit(written: str, country: str) -> None:
    position = written.rfind(next(char for char in reversed(written) if char.isdigit()))
    wrong = str((int(written[position]) + 1) % 10)
    assert find_ibans(written[:position] + wrong + written[position + 1 :]) == []


def test_it_stops_an_iban_before_a_group_that_follows_it() -> None:
    assert [iban.value for iban in find_ibans("BE71 0961 2345 6769 2024 was the year")] == [
        "BE71096123456769"
    ]


def test_it_does_not_read_an_iban_inside_a_longer_word() -> None:
    assert find_ibans("xDE89370400440532013000 and DE89370400440532013000x") == []
