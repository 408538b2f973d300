"""Realistic raw spam evidence that belongs to known campaigns, with its ground truth.

``lapnet generate --campaigns N --reports M --seed S OUT/`` (or :func:`iter_reports` in process)
invents N operations drawn from a dozen kinds of campaign (lottery, advance fee, investment fraud,
money mules, stock pumps, bank and parcel phishing, mailbox-quota phishing, "hi mum" and payment-alert
SMS, webcam extortion, pharmacies, malware invoices, commercial mail without consent) and writes M
reports spread over them with long-tailed sizes, plus a share of background noise (one-off messages
of no campaign). Every operation has its own brand, landing domains, drop boxes, phone numbers,
wallets and IBANs, sends from a small rotating pool of addresses in real ranges of a few countries,
writes in one to three languages with spun wording, and some also send SMS. Same seed, same bytes
(for one version of lapnet and of the ``iptocc`` data). The format is described in
``docs/generator.md``.

Output layout::

    OUT/reports/000001.eml          RFC 5322 e-mail with its Received chain (CRLF)
    OUT/reports/000002.sms.json     one SMS report: {"sender", "text", "received_at", "recipient_country"}
    OUT/ground_truth.jsonl          one line per report, in file order:
        {"name", "campaign" (id or null for noise), "kind", "channel" ("email"|"sms"), "language",
         "sent_at", "origin_ip", "origin_country" (e-mail; null for SMS), "recipient_country" (SMS;
         null for e-mail), "beneficiaries": {"domain"|"email"|"phone"|"crypto_wallet"|"iban": [...]}}
    OUT/campaigns.json              {"format", "seed", "start", "days", "reports", "noise_reports",
        "campaigns": [{"id", "kind", "title", "brand", "reports", "languages", "channels", "countries",
        "first_seen", "last_seen", "surge", "domains", "sender_domains", "ips": [{"ip", "country"}],
        "dropboxes", "phones", "wallets", "ibans", "sms_senders"}]}

Phones are E.164, domains are registrable names, wallets and IBANs are written as the analysis
normalises them, so a clustering can be scored against the ground truth directly. The package is
pure (no Django) and typed; :mod:`lapnet.runtime.demo` builds the demo's evidence from it.
"""

from __future__ import annotations

from lapnet.generator.campaigns import Campaign, Registry, SendingHost, Shape, build_campaign
from lapnet.generator.generate import (
    DEFAULT_DAYS,
    DEFAULT_NOISE,
    DEFAULT_START,
    GeneratedReport,
    Generation,
    iter_reports,
    plan,
    write,
)
from lapnet.generator.kinds import KINDS, CampaignKind

__all__ = [
    "DEFAULT_DAYS",
    "DEFAULT_NOISE",
    "DEFAULT_START",
    "KINDS",
    "Campaign",
    "CampaignKind",
    "GeneratedReport",
    "Generation",
    "Registry",
    "SendingHost",
    "Shape",
    "build_campaign",
    "iter_reports",
    "plan",
    "write",
]
