"""The Traffic Light Protocol 2.0 (FIRST), as an ordered choice.

Order matters: a higher level is more restrictive. What each level means inside lapnet:

- CLEAR: every user of the platform may see it (and it may be published).
- GREEN: every member organisation of the network (the community) may see it.
- AMBER: the owner organisation, and organisations the owner shares with through a sharing group.
- AMBER+STRICT: the owner organisation only.
- RED: only the user who submitted it (and the organisation's coordinators, who answer for it).
"""

from __future__ import annotations

from django.db import models


class TLP(models.TextChoices):
    CLEAR = "clear", "TLP:CLEAR"
    GREEN = "green", "TLP:GREEN"
    AMBER = "amber", "TLP:AMBER"
    AMBER_STRICT = "amber+strict", "TLP:AMBER+STRICT"
    RED = "red", "TLP:RED"

    @property
    def rank(self) -> int:
        return _RANK[self]

    @classmethod
    def parse(cls, text: str) -> TLP:
        """Accepts ``amber``, ``AMBER+STRICT``, ``TLP:GREEN``, ``amber_strict``; raises ValueError."""
        value = text.strip().lower().removeprefix("tlp:").replace("_", "+").replace(" ", "")
        try:
            return cls(value)
        except ValueError:
            names = ", ".join(choice.label for choice in cls)
            raise ValueError(f"not a TLP 2.0 marking: {text!r} (one of {names})") from None


_RANK = {TLP.CLEAR: 0, TLP.GREEN: 1, TLP.AMBER: 2, TLP.AMBER_STRICT: 3, TLP.RED: 4}
