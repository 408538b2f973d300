"""IBANs in text, written compact (``DE89370400440532013000``) or in groups of four.

Each candidate is validated by ``stdnum.iban``: ISO 13616 mod-97 check digits and the length and
format of the country's BBAN. The value is the compact upper-case form; the country is the ISO
3166 code in the first two letters (the bank's country, hence a jurisdiction for the money).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Final

from mypy_extensions import mypyc_attr
from stdnum import iban as stdnum_iban

from lapnet.analysis.indicators.budget import Budget

# Country, check digits, then groups of four separated by at most one space, then a last short
# group: 15 to 34 characters. Bounded repeats from a pinned start keep the scan linear.
_CANDIDATE: Final = re.compile(
    r"(?<![A-Za-z0-9])[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?(?![A-Za-z0-9])"
)

# Upper-case letters to "A", digits to "9", everything else to a space: "AA99" marks where an IBAN
# may begin, found by one substring search over the whole text.
_SHAPE: Final = bytes(
    ord("A") if 65 <= byte <= 90 else ord("9") if 48 <= byte <= 57 else ord(" ") for byte in range(256)
)


@mypyc_attr(acyclic=True)
@dataclass(frozen=True, slots=True)
class IbanInfo:
    value: str
    country: str

    def __init__(self, value: str, country: str) -> None:
        # written out so that mypyc compiles it: see the note in lapnet.analysis.types
        object.__setattr__(self, "value", value)
        object.__setattr__(self, "country", country)


def check_iban(candidate: str) -> IbanInfo | None:
    """Validate one IBAN (spaces allowed); None when the checksum or the country format fails."""
    try:
        compact: str = stdnum_iban.validate(candidate)
    except Exception:  # stdnum's ValidationError, and anything else on hostile input
        return None
    return IbanInfo(compact, compact[:2])


def _candidates(text: str, encoded: bytes | None) -> Iterator[re.Match[str]]:
    """Candidates start where two capitals and two digits begin a word (the pattern checks the rest)."""
    if encoded is None:
        encoded = text.encode("ascii", "replace")  # one byte per character
    shape = encoded.translate(_SHAPE)
    position = shape.find(b"AA99")
    while position != -1:
        if position == 0 or shape[position - 1] == 32:
            match = _CANDIDATE.match(text, position)
            if match is not None:
                yield match
        position = shape.find(b"AA99", position + 4)


def find_ibans(text: str, budget: Budget | None = None, encoded: bytes | None = None) -> list[IbanInfo]:
    """Valid IBANs in ``text``. A candidate that fails is retried without its last group, once
    per group, so that ``DE89 3704 0044 0532 0130 00 1234`` still yields the IBAN before ``1234``.
    ``encoded`` is ``text.encode("ascii", "replace")`` when the caller has it already."""
    found: list[IbanInfo] = []
    for match in _candidates(text, encoded):
        if budget is not None and not budget.take():
            break
        candidate = match.group()
        for _ in range(3):
            info = check_iban(candidate)
            if info is not None:
                found.append(info)
                break
            head, space, _tail = candidate.rpartition(" ")
            if not space:
                break
            candidate = head
    return found
