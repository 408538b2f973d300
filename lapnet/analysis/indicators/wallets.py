"""Cryptocurrency addresses, accepted only when their checksum holds.

* Bitcoin, Litecoin, Dogecoin and Tron base58check addresses (``base58``): the version byte names
  the chain and the script type (P2PKH ``1...``, P2SH ``3...``, ``L``/``M``, ``D``, ``T``).
* Bitcoin and Litecoin segwit addresses (``bc1``/``ltc1``): witness version 0 with bech32
  (BIP-173), version 1 and up with bech32m (BIP-350; taproot ``bc1p...``). The ``bech32`` package
  is the BIP-173 reference implementation and predates bech32m, so the checksum constant is checked
  here with its ``bech32_polymod``.
* Ethereum (and every EVM chain: the address format is shared) ``0x`` + 40 hex digits. A
  mixed-case address must carry a valid EIP-55 checksum (keccak-256); all-lower and all-upper are
  accepted as unchecksummed, recorded as ``("checksummed", "false")``. The value is the EIP-55 form.
* Monero standard, subaddress and integrated addresses (Monero's block base58 and keccak checksum).

A checksum of 32 bits (30 for bech32) makes a false positive from ordinary text vanishingly rare.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

import base58
from bech32 import CHARSET as BECH32_CHARSET
from bech32 import bech32_hrp_expand, bech32_polymod, convertbits
from Crypto.Hash import keccak
from mypy_extensions import mypyc_attr

from lapnet.analysis.indicators.budget import Budget

_B58: Final = "1-9A-HJ-NP-Za-km-z"
_WALLET: Final = re.compile(
    r"(?<!\w)(?:"
    r"(?P<ethereum>0x[0-9a-fA-F]{40})"
    r"|(?P<segwit>(?i:(?:bc|ltc)1[02-9ac-hj-np-z]{6,87}))"
    rf"|(?P<monero>[48][{_B58}]{{94}}(?:[{_B58}]{{11}})?+)"
    rf"|(?P<base58>[13LMDT][{_B58}]{{25,34}}+)"
    r")(?!\w)"
)
_WORD_BYTES: Final = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_"
_WORD_MASK: Final = bytes(ord("x") if byte in _WORD_BYTES else ord(" ") for byte in range(256))
_BECH32_CONSTANT: Final = 1
_BECH32M_CONSTANT: Final = 0x2BC830A3
_SEGWIT_CHAINS: Final = {"bc": "bitcoin", "ltc": "litecoin"}
_BASE58_VERSIONS: Final[dict[int, tuple[str, str]]] = {
    0x00: ("bitcoin", "p2pkh"),
    0x05: ("bitcoin", "p2sh"),
    0x30: ("litecoin", "p2pkh"),
    0x32: ("litecoin", "p2sh"),
    0x1E: ("dogecoin", "p2pkh"),
    0x41: ("tron", "base58check"),
}
_MONERO_ALPHABET: Final = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
_MONERO_INDEX: Final = {char: index for index, char in enumerate(_MONERO_ALPHABET)}
_MONERO_BLOCK_BYTES: Final = {0: 0, 2: 1, 3: 2, 5: 3, 6: 4, 7: 5, 9: 6, 10: 7, 11: 8}
_MONERO_NETWORKS: Final = {18: ("standard", 69), 42: ("subaddress", 69), 19: ("integrated", 77)}


@mypyc_attr(acyclic=True)
@dataclass(frozen=True, slots=True)
class WalletInfo:
    value: str
    chain: str
    format: str
    checksummed: bool | None = None  # Ethereum only: did the address carry an EIP-55 checksum

    def __init__(self, value: str, chain: str, format: str, checksummed: bool | None = None) -> None:
        # written out so that mypyc compiles it: see the note in lapnet.analysis.types
        object.__setattr__(self, "value", value)
        object.__setattr__(self, "chain", chain)
        object.__setattr__(self, "format", format)
        object.__setattr__(self, "checksummed", checksummed)

    def attributes(self) -> list[tuple[str, str]]:
        pairs = [("chain", self.chain), ("format", self.format)]
        if self.checksummed is not None:
            pairs.append(("checksummed", "true" if self.checksummed else "false"))
        return pairs


def find_wallets(text: str, budget: Budget | None = None, encoded: bytes | None = None) -> list[WalletInfo]:
    """Valid cryptocurrency addresses written in ``text``.

    Every address is a run of 26 or more word characters; such runs are found in C (the text mapped
    to "word character or not" with ``bytes.translate``, then searched), and only they meet the
    pattern and the checksums. ``encoded`` is ``text.encode("ascii", "replace")`` when the caller
    has it already (the IBAN finder reads the same bytes).
    """
    found: list[WalletInfo] = []
    for start, end in long_word_runs(text, 26, encoded):
        if budget is not None and not budget.take():
            break
        match = _WALLET.fullmatch(text, start, end)
        if match is None:
            continue
        kind = match.lastgroup
        token = match.group()
        if kind == "ethereum":
            info = check_ethereum(token)
        elif kind == "segwit":
            info = check_segwit(token)
        elif kind == "monero":
            info = check_monero(token)
        else:
            info = check_base58(token)
        if info is not None:
            found.append(info)
    return found


def long_word_runs(text: str, minimum: int, encoded: bytes | None = None) -> list[tuple[int, int]]:
    """(start, end) of every maximal run of ASCII word characters at least ``minimum`` long
    (``encoded``: ``text.encode("ascii", "replace")``, if the caller has it)."""
    if encoded is None:
        encoded = text.encode("ascii", "replace")  # one byte per character
    mask = encoded.translate(_WORD_MASK)
    needle = b"x" * minimum
    runs: list[tuple[int, int]] = []
    start = mask.find(needle)
    while start != -1:
        end = mask.find(b" ", start)
        if end == -1:
            end = len(mask)
        runs.append((start, end))
        start = mask.find(needle, end)
    return runs


def check_base58(address: str) -> WalletInfo | None:
    try:
        payload = base58.b58decode_check(address)
    except Exception:  # ValueError on a bad checksum, anything else on hostile input
        return None
    if len(payload) != 21 or payload[0] not in _BASE58_VERSIONS:
        return None
    chain, kind = _BASE58_VERSIONS[payload[0]]
    return WalletInfo(address, chain, kind)


def check_segwit(address: str) -> WalletInfo | None:
    lower = address.lower()
    if address not in (lower, address.upper()) or len(lower) > 90:
        return None
    hrp, _, data = lower.rpartition("1")
    chain = _SEGWIT_CHAINS.get(hrp)
    if chain is None or len(data) < 7:
        return None
    values = [BECH32_CHARSET.find(char) for char in data]
    if -1 in values:
        return None
    try:
        constant = bech32_polymod(bech32_hrp_expand(hrp) + values)
        program = convertbits(values[1:-6], 5, 8, False)
    except Exception:  # the reference code on input it was not written for
        return None
    version = values[0]
    if program is None or not 2 <= len(program) <= 40 or version > 16:
        return None
    if version == 0:
        if constant != _BECH32_CONSTANT or len(program) not in (20, 32):
            return None
        kind = "p2wpkh" if len(program) == 20 else "p2wsh"
    else:
        if constant != _BECH32M_CONSTANT:
            return None
        kind = "p2tr" if version == 1 and len(program) == 32 else f"segwit_v{version}"
    return WalletInfo(lower, chain, kind)


def eip55(address_hex: str) -> str:
    """The EIP-55 mixed-case checksum form of 40 hex digits (without ``0x``)."""
    lower = address_hex.lower()
    digest = keccak.new(digest_bits=256, data=lower.encode("ascii")).hexdigest()
    return "".join(
        char.upper() if char.isalpha() and int(nibble, 16) >= 8 else char
        for char, nibble in zip(lower, digest, strict=False)
    )


def check_ethereum(address: str) -> WalletInfo | None:
    digits = address[2:]
    if len(digits) != 40:
        return None
    try:
        checksummed = eip55(digits)
    except Exception:  # keccak on hostile input
        return None
    letters = [char for char in digits if char.isalpha()]
    mixed = any(char.islower() for char in letters) and any(char.isupper() for char in letters)
    if mixed and digits != checksummed:
        return None
    return WalletInfo("0x" + checksummed, "ethereum", "account", checksummed=mixed)


def check_monero(address: str) -> WalletInfo | None:
    decoded = _monero_base58_decode(address)
    if decoded is None or len(decoded) < 5:
        return None
    network = _MONERO_NETWORKS.get(decoded[0])
    if network is None or len(decoded) != network[1]:
        return None
    try:
        digest = keccak.new(digest_bits=256, data=decoded[:-4]).digest()
    except Exception:  # keccak on hostile input
        return None
    if digest[:4] != decoded[-4:]:
        return None
    return WalletInfo(address, "monero", network[0])


def _monero_base58_decode(text: str) -> bytes | None:
    """Monero's base58: blocks of 11 characters for 8 bytes, a shorter last block."""
    out = bytearray()
    for start in range(0, len(text), 11):
        block = text[start : start + 11]
        size = _MONERO_BLOCK_BYTES.get(len(block))
        if size is None:
            return None
        number = 0
        for char in block:
            index = _MONERO_INDEX.get(char)
            if index is None:
                return None
            number = number * 58 + index
        if number >= 1 << (8 * size):
            return None
        out += number.to_bytes(size, "big")
    return bytes(out)
