"""The kinds of campaign the generator writes, by key."""

from __future__ import annotations

from lapnet.generator.kinds import money, other, phishing
from lapnet.generator.kinds.base import DOMAIN, EMAIL, IBAN, PHONE, WALLET, CampaignKind, Letter

KINDS: dict[str, CampaignKind] = {kind.key: kind for kind in (*money.KINDS, *phishing.KINDS, *other.KINDS)}

__all__ = ["DOMAIN", "EMAIL", "IBAN", "KINDS", "PHONE", "WALLET", "CampaignKind", "Letter"]
