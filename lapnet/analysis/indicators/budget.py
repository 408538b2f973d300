"""Work limits per message, so that hostile input costs bounded time.

Every pattern is linear, but each candidate it finds costs a library call (a PSL lookup, a checksum,
a ``phonenumbers.parse``). A megabyte of ``a.com b.com ...`` or of digit runs is nothing a real
message contains; the limits below are far above what one does (a large newsletter has a few
hundred links) and bound the worst case to a fraction of a second.
"""

from __future__ import annotations

from typing import Final

# Each limit counts the places a finder examined (a "://", a dot before a letter, an "@", a digit
# run...), whether or not they held an indicator.
MAX_URL_CANDIDATES: Final = 5000
MAX_BARE_CANDIDATES: Final = 5000
MAX_EMAIL_CANDIDATES: Final = 3000
MAX_IP_CANDIDATES: Final = 3000
MAX_WALLET_CANDIDATES: Final = 1000
MAX_IBAN_CANDIDATES: Final = 300
MAX_PHONE_CANDIDATES: Final = 3000
MAX_PHONE_PARSES: Final = 64  # a parse costs tens of microseconds
MAX_REFANGS: Final = 5000  # defanged tokens undone per text


class Budget:
    """A count of candidates still allowed; ``exhausted`` once a request was refused."""

    __slots__ = ("exhausted", "name", "remaining")

    def __init__(self, name: str, remaining: int) -> None:
        self.name = name
        self.remaining = remaining
        self.exhausted = False

    def take(self, cost: int = 1) -> bool:
        if self.remaining < cost:
            self.exhausted = True
            return False
        self.remaining -= cost
        return True
