"""Identifiers for generated evidence: real-looking, valid, and as harmless as they can be.

- Phone numbers come from the ranges regulators reserve for fiction (Ofcom's drama numbers such as
  020 7946 0xxx, the North American 555-01xx, ARCEP's 01 99 00 xx xx, ACMA's 02 5550 xxxx): valid for
  libphonenumber, never anyone's line. :class:`PhoneBook` hands each number out once, so two
  generated operations never share a line by accident.
- Crypto wallets and IBANs are built from random bytes with correct checksums (base58check,
  bech32, EIP-55 and ISO 13616 mod-97), so they pass validation and belong to nobody we know.

Everything is drawn from a seeded ``random.Random``: the same seed gives the same identifiers.
"""

from __future__ import annotations

import hashlib
import random
import string
from dataclasses import dataclass

import base58
from bech32 import bech32_encode, convertbits
from Crypto.Hash import keccak
from stdnum import iban as stdnum_iban

# Numbering ranges reserved for drama and documentation: country -> (prefix, digits to add).
# The demo's one-per-country ranges (kept for the demo's member directory and SMS senders).
FICTIONAL_PHONE_RANGES: dict[str, tuple[str, int]] = {
    "GB": ("+44 20 7946 0", 3),
    "US": ("+1 202 555 01", 2),
    "CA": ("+1 613 555 01", 2),
    "JM": ("+1 876 555 01", 2),
    "FR": ("+33 1 99 00 ", 4),
    "AU": ("+61 491 570 ", 3),
}


@dataclass(frozen=True, slots=True)
class PhoneRange:
    """A block of fictional numbers: ``prefix`` (E.164, no spaces) followed by ``digits`` digits."""

    country: str
    prefix: str
    digits: int

    @property
    def size(self) -> int:
        return int(10**self.digits)


def _ranges(country: str, prefixes: tuple[str, ...], digits: int) -> tuple[PhoneRange, ...]:
    return tuple(PhoneRange(country, prefix, digits) for prefix in prefixes)


# The pool the generator draws operations' numbers from (every range is checked against libphonenumber
# in tests/generator/test_identifiers_are_valid.py).
PHONE_RANGES: dict[str, tuple[PhoneRange, ...]] = {
    "GB": _ranges(
        "GB",
        (
            "+442079460",
            "+441134960",
            "+441144960",
            "+441164960",
            "+441174960",
            "+441184960",
            "+441214960",
            "+441314960",
            "+441414960",
            "+441514960",
            "+441614960",
            "+441914980",
        ),
        3,
    ),
    "US": _ranges(
        "US",
        tuple(f"+1{area}55501" for area in (202, 212, 213, 305, 312, 415, 469, 512, 617, 702, 713, 786, 917)),
        2,
    ),
    "CA": _ranges("CA", tuple(f"+1{area}55501" for area in (416, 514, 604, 613, 647, 780)), 2),
    "JM": _ranges("JM", ("+187655501",), 2),
    "FR": _ranges("FR", ("+3319900", "+3326191", "+3335301", "+3346571", "+3353649"), 4),
    "AU": _ranges("AU", ("+6125550", "+6135550", "+6175550", "+6185550"), 4),
}


class PhoneBook:
    """Hands out fictional numbers, each once per book (falls back to another country when one runs out)."""

    def __init__(self, rng: random.Random) -> None:
        self._rng = rng
        self._used: set[str] = set()
        self._capacity = {country: sum(r.size for r in ranges) for country, ranges in PHONE_RANGES.items()}
        self._taken = dict.fromkeys(PHONE_RANGES, 0)

    def take(self, country: str) -> str:
        """A fresh number (E.164) of ``country`` when it has one left, else of the roomiest country."""
        if country not in PHONE_RANGES or self._taken[country] * 2 >= self._capacity[country]:
            country = max(PHONE_RANGES, key=lambda c: self._capacity[c] - self._taken[c])
        ranges = PHONE_RANGES[country]
        for _ in range(10_000):
            block = self._rng.choice(ranges)
            number = block.prefix + f"{self._rng.randrange(block.size):0{block.digits}d}"
            if number not in self._used:
                break
        self._used.add(number)
        self._taken[country] += 1
        return number


def phone_styles(e164: str) -> tuple[str, ...]:
    """Ways the same number is written in a message, all international (a national format would need
    the reader to guess the country): spaced, with the trunk zero in brackets, dashed, compact."""
    if e164.startswith("+1"):
        d = e164[2:]
        return (
            f"+1 {d[:3]} {d[3:6]} {d[6:]}",
            f"+1 ({d[:3]}) {d[3:6]}-{d[6:]}",
            f"+1-{d[:3]}-{d[3:6]}-{d[6:]}",
            e164,
        )
    if e164.startswith("+44"):
        rest = e164[3:]
        cut = 2 if rest.startswith("20") else 3
        area, line = rest[:cut], rest[cut:]
        return (f"+44 {area} {line}", f"+44 (0){area} {line}", f"0044 {area} {line}", e164)
    if e164.startswith("+33"):
        rest = e164[3:]
        pairs = " ".join(rest[i : i + 2] for i in range(1, len(rest), 2))
        return (f"+33 {rest[0]} {pairs}", f"+33 (0){rest[0]} {pairs}", e164)
    if e164.startswith("+61"):
        rest = e164[3:]
        return (f"+61 {rest[0]} {rest[1:5]} {rest[5:]}", f"+61 (0){rest[0]} {rest[1:5]} {rest[5:]}", e164)
    return (e164,)


def fictional_phone(rng: random.Random, country: str) -> str:
    prefix, digits = FICTIONAL_PHONE_RANGES[country]
    suffix = "".join(rng.choice(string.digits) for _ in range(digits))
    if country == "FR":
        suffix = f"{suffix[:2]} {suffix[2:]}"
    return prefix + suffix


def bitcoin_p2pkh(rng: random.Random) -> str:
    return str(base58.b58encode_check(b"\x00" + rng.randbytes(20)).decode("ascii"))


def bitcoin_bech32(rng: random.Random) -> str:
    """A version-0 witness (P2WPKH) address, bech32 as in BIP-173."""
    program = convertbits(list(rng.randbytes(20)), 8, 5)
    assert program is not None
    return str(bech32_encode("bc", [0, *program]))


def ethereum_address(rng: random.Random) -> str:
    """An address with its EIP-55 mixed-case checksum."""
    raw = rng.randbytes(20).hex()
    digest = keccak.new(digest_bits=256, data=raw.encode("ascii")).hexdigest()
    return "0x" + "".join(c.upper() if int(h, 16) >= 8 else c for c, h in zip(raw, digest, strict=False))


# Basic bank account number layouts per country: "9" is a digit and "A" an upper-case letter; the check
# digits are computed.
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
IBAN_COUNTRIES = tuple(_BBAN_LAYOUTS)


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
    return "".join(rng.choices(alphabet, k=length))


def fingerprint(text: str) -> str:
    """A PGP-style fingerprint (ten groups of four hex digits) derived from a name: stable, fictional."""
    digest = hashlib.sha1(text.encode("utf-8"), usedforsecurity=False).hexdigest().upper()
    return " ".join(digest[i : i + 4] for i in range(0, 40, 4))


def _numeric(text: str) -> str:
    return "".join(str(int(c, 36)) for c in text)
