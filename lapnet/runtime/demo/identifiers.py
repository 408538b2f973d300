"""Identifiers for the demo evidence: real-looking, valid, and as harmless as they can be.

- Sending addresses come from real public ranges that the RIRs assigned to each country (checked
  against the same RIR data the analysis uses, in tests/runtime/test_demo.py), so the header walk
  attributes them as it would real spam. They are random hosts in those ranges, not known spammers.
- Phone numbers come from the ranges regulators reserve for fiction (Ofcom's 020 7946 0xxx, the
  North American 555-01xx, ARCEP's 01 99 00 xx xx, ACMA's 0491 570 xxx): valid for libphonenumber,
  never anyone's line.
- Crypto wallets and IBANs are built from random bytes with correct checksums (base58check,
  bech32, EIP-55 and ISO 13616 mod-97), so they pass validation and belong to nobody we know.

Everything is drawn from a seeded ``random.Random``: the same seed gives the same demo.
"""

from __future__ import annotations

import hashlib
import ipaddress
import random
import string

import base58
from bech32 import bech32_encode, convertbits
from Crypto.Hash import keccak
from stdnum import iban as stdnum_iban

# Ranges the RIRs assigned to each country (residential and hosting networks as spam comes from).
SENDER_NETWORKS: dict[str, tuple[str, ...]] = {
    "AR": ("181.46.20.0/24",),
    "BD": ("103.230.104.0/24",),
    "BG": ("95.42.10.0/24",),
    "BR": ("177.72.100.0/24", "189.6.20.0/24"),
    "CI": ("160.154.200.0/24",),
    "CL": ("200.54.10.0/24",),
    "CN": ("113.64.71.0/24", "222.186.30.0/24"),
    "CO": ("181.49.10.0/24",),
    "DE": ("91.64.22.0/24", "87.123.200.0/24"),
    "EG": ("156.196.10.0/24",),
    "FR": ("90.83.14.0/24", "176.31.99.0/24"),
    "GB": ("86.143.10.0/24",),
    "GH": ("154.160.3.0/24",),
    "ID": ("36.73.10.0/24", "182.253.10.0/24"),
    "IN": ("117.196.44.0/24", "49.36.120.0/24"),
    "JM": ("72.27.10.0/24", "63.143.100.0/24"),
    "KE": ("41.90.64.0/24",),
    "MA": ("105.155.3.0/24",),
    "MX": ("189.203.44.0/24",),
    "MY": ("175.139.200.0/24",),
    "NG": ("41.58.12.0/24", "105.112.45.0/24"),
    "NL": ("45.95.147.0/24", "145.131.8.0/24"),
    "PH": ("112.198.70.0/24",),
    "PK": ("39.32.10.0/24",),
    "PL": ("83.24.65.0/24",),
    "RO": ("86.120.31.0/24",),
    "RU": ("95.31.18.0/24", "178.176.40.0/24", "5.188.10.0/24"),
    "SN": ("41.82.100.0/24",),
    "TH": ("171.96.20.0/24",),
    "TR": ("78.180.10.0/24",),
    "UA": ("178.150.10.0/24", "46.219.10.0/24"),
    "US": ("24.14.200.0/24", "68.183.44.0/24", "104.244.72.0/24"),
    "VN": ("113.172.6.0/24", "14.231.200.0/24"),
    "ZA": ("41.13.200.0/24",),
}

# Numbering ranges reserved for drama and documentation: (country, prefix, digits to add).
FICTIONAL_PHONE_RANGES: dict[str, tuple[str, int]] = {
    "GB": ("+44 20 7946 0", 3),
    "US": ("+1 202 555 01", 2),
    "CA": ("+1 613 555 01", 2),
    "JM": ("+1 876 555 01", 2),
    "FR": ("+33 1 99 00 ", 4),
    "AU": ("+61 491 570 ", 3),
}

# Basic bank account number layouts per country: (IBAN length, bank code, account pattern).
# "9" is a digit and "A" an upper-case letter; the check digits are computed.
_BBAN_LAYOUTS: dict[str, str] = {
    "DE": "999999999999999999",
    "GB": "AAAA99999999999999",
    "LT": "9999999999999999",
    "NL": "AAAA9999999999",
    "ES": "99999999999999999999",
    "PL": "999999999999999999999999",
    "RO": "AAAA9999999999999999",
    "BG": "AAAA99999999999999",
    "FR": "99999999999999999999999",
}


def sender_ip(rng: random.Random, country: str) -> str:
    network = ipaddress.ip_network(rng.choice(SENDER_NETWORKS[country]))
    return str(network[rng.randrange(2, network.num_addresses - 2)])


def fictional_phone(rng: random.Random, country: str) -> str:
    prefix, digits = FICTIONAL_PHONE_RANGES[country]
    suffix = "".join(rng.choice(string.digits) for _ in range(digits))
    if country == "FR":
        suffix = f"{suffix[:2]} {suffix[2:]}"
    return prefix + suffix


def bitcoin_p2pkh(rng: random.Random) -> str:
    return base58.b58encode_check(b"\x00" + rng.randbytes(20)).decode("ascii")


def bitcoin_bech32(rng: random.Random) -> str:
    """A version-0 witness (P2WPKH) address, bech32 as in BIP-173."""
    program = convertbits(list(rng.randbytes(20)), 8, 5)
    assert program is not None
    return bech32_encode("bc", [0, *program])


def ethereum_address(rng: random.Random) -> str:
    """An address with its EIP-55 mixed-case checksum."""
    raw = rng.randbytes(20).hex()
    digest = keccak.new(digest_bits=256, data=raw.encode("ascii")).hexdigest()
    return "0x" + "".join(c.upper() if int(h, 16) >= 8 else c for c, h in zip(raw, digest, strict=False))


def iban(rng: random.Random, country: str) -> str:
    """A valid IBAN of that country (ISO 13616 check digits; national checks retried until they hold)."""
    layout = _BBAN_LAYOUTS[country]
    for _ in range(1000):
        bban = "".join(
            rng.choice(string.digits) if c == "9" else rng.choice(string.ascii_uppercase) for c in layout
        )
        check = 98 - int(_numeric(bban + country + "00")) % 97
        candidate = f"{country}{check:02d}{bban}"
        if stdnum_iban.is_valid(candidate):
            return candidate
    raise ValueError(f"no valid IBAN layout for {country}")  # pragma: no cover - layouts are tested


def grouped(value: str, size: int = 4) -> str:
    """``DE89370400440532013000`` -> ``DE89 3704 0044 0532 0130 00``, as printed on invoices."""
    return " ".join(value[i : i + size] for i in range(0, len(value), size))


def token(
    rng: random.Random, length: int = 10, alphabet: str = string.ascii_lowercase + string.digits
) -> str:
    return "".join(rng.choice(alphabet) for _ in range(length))


def fingerprint(text: str) -> str:
    """A PGP-style fingerprint (ten groups of four hex digits) derived from a name: stable, fictional."""
    digest = hashlib.sha1(text.encode("utf-8"), usedforsecurity=False).hexdigest().upper()
    return " ".join(digest[i : i + 4] for i in range(0, 40, 4))


def _numeric(text: str) -> str:
    return "".join(str(int(c, 36)) for c in text)
