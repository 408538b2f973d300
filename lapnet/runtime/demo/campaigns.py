"""The demo's campaigns: which kinds of :mod:`lapnet.generator` run, and which members receive them.

The texts, identifiers and rendering come from the generator; what is the demo's own is who reports
what. Members in different countries receive messages of the same campaign, so correlation ("who else
saw this?") has something to find, across languages and across channels (the parcel campaign arrives
by e-mail and by SMS).
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from lapnet.generator import KINDS, Campaign, Registry, build_campaign


@dataclass(frozen=True)
class DemoCampaign:
    kind: str
    messages: int
    reporters: tuple[str, ...]  # member slugs that receive and report it by e-mail
    languages: tuple[str, ...]
    countries: tuple[str, ...]  # where the sending machines are


# fmt: off
DEMO_CAMPAIGNS: tuple[DemoCampaign, ...] = (
    DemoCampaign("lottery", 12, ("ftc", "competition-bureau", "ico", "senacon", "consumers-spam-watch",
                 "nordpost-mail", "efcc"), ("en", "es", "pt"), ("JM", "NG", "GH", "ZA")),
    DemoCampaign("bank-phishing", 10, ("dgccrf", "cnil", "hexanet", "fps-economy", "competition-bureau"),
                 ("fr", "de"), ("BR", "US", "RU", "MA")),
    DemoCampaign("sextortion", 14, ("ico", "dpc-ie", "bka", "politie-thtc", "garante", "aepd", "nordpost-mail",
                 "anti-abuse-collective", "city-of-london-police"), ("en", "de", "es", "it"),
                 ("VN", "IN", "BR", "ID", "PH", "TH", "BD", "PK", "EG")),
    DemoCampaign("advance-fee", 9, ("efcc", "ftc", "ico", "fps-economy", "dgccrf", "albion-bank", "dia-nz"),
                 ("en", "fr"), ("NG", "GH", "CI", "SN", "ZA", "MY")),
    DemoCampaign("investment", 10, ("bnetza", "acm", "ap-nl", "ico", "albion-bank", "acma", "crtc"),
                 ("en", "de", "nl"), ("UA", "BG", "RO", "RU")),
    DemoCampaign("pharma", 8, ("nordpost-mail", "hexanet", "anti-abuse-collective", "ftc", "ap-nl"),
                 ("en", "fr"), ("RU", "CN", "UA", "IN")),
    DemoCampaign("malware-invoice", 9, ("bka", "bnetza", "nordpost-mail", "garante", "anti-abuse-collective",
                 "politie-thtc"), ("de", "it"), ("BR", "IN", "VN", "TR", "CO", "AR")),
    DemoCampaign("money-mule", 6, ("aepd", "consumers-spam-watch", "garante", "rrt", "city-of-london-police"),
                 ("es", "it"), ("RO", "BG", "UA", "TR")),
    DemoCampaign("parcel", 7, ("bnetza", "acm", "fps-economy", "ico", "hexanet"),
                 ("de", "nl", "en", "fr", "ko", "lt"), ("CN", "VN", "RU")),
    DemoCampaign("commercial", 7, ("cnil", "dgccrf", "senacon", "consumers-spam-watch", "fps-economy"),
                 ("fr", "pt"), ("US",)),
    DemoCampaign("mailbox-quota", 8, ("crtc", "competition-bureau", "fcc", "acma", "dia-nz",
                 "southern-cross-mobile"), ("en",), ("US", "IN", "PK", "PH")),
    DemoCampaign("stock", 5, ("ftc", "fcc", "crtc", "acma", "city-of-london-police"), ("en",),
                 ("CN", "IN", "VN", "RU")),
    # by SMS only (received by the SMS reporters below)
    DemoCampaign("family-impersonation", 0, (), ("en", "nl"), ("GB",)),
    DemoCampaign("payment-alert", 0, (), ("en", "ko"), ("US",)),
)
# fmt: on

# SMS reports (7726-style: the text and the sender, forwarded by the recipient): reporter slug -> the
# languages its subscribers receive
SMS_REPORTERS: dict[str, tuple[str, ...]] = {
    "southern-cross-mobile": ("en",),
    "acma": ("en",),
    "ofcom": ("en",),
    "hanbit-mobile": ("ko",),
    "kisa": ("ko",),
    "bnetza": ("de",),
    "acm": ("nl",),
    "hexanet": ("fr",),
    "rrt": ("lt",),
}


def build_demo_campaigns(rng: random.Random) -> dict[str, Campaign]:
    """One operation of each demo kind, with one identifier of each type (so "things to try" are few)."""
    registry = Registry(rng)
    campaigns = {}
    for number, demo in enumerate(DEMO_CAMPAIGNS, start=1):
        kind = KINDS[demo.kind]
        campaigns[demo.kind] = build_campaign(
            kind,
            rng,
            registry,
            campaign_id=f"demo-{number:02d}",
            languages=demo.languages,
            countries=demo.countries,
            channels=kind.channels,
        )
    return campaigns
