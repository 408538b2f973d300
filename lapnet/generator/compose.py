"""Writing one message of an operation: spin its template, fill in who it is for and what it sells.

:func:`compose_email` and :func:`compose_sms` return the message and the beneficiaries it carries
(the operation's identifiers that the filled template actually mentions), which is what the ground
truth records for it.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta

from lapnet.generator.campaigns import Campaign
from lapnet.generator.drafts import Draft, Sms, html_of
from lapnet.generator.identifiers import grouped, phone_styles, token
from lapnet.generator.kinds import DOMAIN, EMAIL, IBAN, PHONE, WALLET
from lapnet.generator.names import full_name, mailbox_of

DATE_FORMATS = {"en": "%d/%m/%Y", "de": "%d.%m.%Y", "nl": "%d-%m-%Y", "ko": "%Y.%m.%d", "lt": "%Y-%m-%d"}


@dataclass(frozen=True, slots=True)
class Recipient:
    first: str
    name: str
    address: str


@dataclass(frozen=True, slots=True)
class Composed[T]:
    message: T
    recipient: Recipient
    beneficiaries: dict[str, tuple[str, ...]]  # indicator type -> values (E.164 phones, bare domains)


def recipient_for(rng: random.Random, language: str) -> Recipient:
    first, name = full_name(rng, language)
    return Recipient(first, name, mailbox_of(rng, language, first, name))


def _values(
    campaign: Campaign,
    rng: random.Random,
    language: str,
    *,
    phase: float,
    when: datetime,
    recipient: Recipient,
) -> dict[str, str]:
    pool = campaign.domains or campaign.sender_domains
    domain = campaign.rotating(pool, phase, rng)
    tracking = token(rng, rng.choice((6, 8, 10, 12)))
    path = campaign.url_path.format(lang=language, token=tracking)
    values = {
        "brand": campaign.brand,
        "domain": domain,
        "url": f"https://{domain}{path}",
        "unsubscribe": f"https://{domain}/unsubscribe?s={tracking}",
        "first": recipient.first,
        "name": recipient.name,
        "recipient_local": recipient.address.split("@", 1)[0],
        "agent": campaign.personas[0],
        "signer": campaign.personas[1],
        "date": (when - timedelta(days=rng.randint(1, 12))).strftime(DATE_FORMATS.get(language, "%d/%m/%Y")),
        "token": tracking,
        **campaign.traits,
    }
    if campaign.dropboxes:
        values["dropbox"] = campaign.rotating(campaign.dropboxes, phase, rng)
    if campaign.phones:
        phone = campaign.rotating(campaign.phones, phase, rng)
        values["phone_e164"] = phone
        values["phone"] = rng.choice(phone_styles(phone))
        values["phone_digits"] = phone.lstrip("+")
    if campaign.wallets:
        values["wallet"] = campaign.rotating(campaign.wallets, phase, rng)
    if campaign.ibans:
        values["iban_raw"] = campaign.ibans[0]
        values["iban"] = grouped(campaign.ibans[0]) if rng.random() < 0.7 else campaign.ibans[0]
    if campaign.kind.per_message is not None:
        values.update(campaign.kind.per_message(rng))
    return values


def _beneficiaries(text: str, values: dict[str, str], reply_to: bool) -> dict[str, tuple[str, ...]]:
    found: dict[str, tuple[str, ...]] = {}
    if "{url}" in text or "{unsubscribe}" in text or "{domain}" in text:
        found[DOMAIN] = (values["domain"],)
    if "dropbox" in values and ("{dropbox}" in text or reply_to):
        found[EMAIL] = (values["dropbox"],)
    if "{phone}" in text or "{phone_digits}" in text:
        found[PHONE] = (values["phone_e164"],)
    if "{wallet}" in text:
        found[WALLET] = (values["wallet"],)
    if "{iban}" in text:
        found[IBAN] = (values["iban_raw"],)
    return found


def compose_email(
    campaign: Campaign,
    rng: random.Random,
    language: str,
    phase: float,
    when: datetime,
    *,
    recipient: Recipient | None = None,
) -> Composed[Draft]:
    """One e-mail of ``campaign`` in ``language``; ``phase`` (0 to 1) is where in its life it is sent."""
    kind = campaign.kind
    letter = kind.letters[language]
    recipient = recipient or recipient_for(rng, language)
    values = _values(campaign, rng, language, phase=phase, when=when, recipient=recipient)
    subject = letter.subject.spin(rng, campaign.style)
    body = letter.body.spin(rng, campaign.style)
    text = body.format_map(values)
    html = None
    if letter.link_text and rng.random() < 0.8:
        html = html_of(text.split("\n\n"), letter.link_text, values["url"])
    attachment = None
    if letter.attachment_name and campaign.attachment and rng.random() < 0.7:
        attachment = (letter.attachment_name.format_map(values), "application/zip", campaign.attachment)
    reply_to = values.get("dropbox") if kind.reply_to_dropbox and rng.random() < 0.85 else None
    from_name = rng.choice(letter.from_names).format_map(values)
    sender_domain = campaign.rotating(campaign.sender_domains, phase, rng)
    if kind.sender == "recipient":
        from_address = "{recipient}"
    elif kind.sender == "freemail":
        from_address = values.get("dropbox") or f"{token(rng, 8)}@{sender_domain}"
        if reply_to and rng.random() < 0.5:
            local = values["dropbox"].split("@", 1)[0]
            from_address = f"{local}{rng.randint(1, 99)}@{sender_domain}"
    elif kind.sender == "throwaway":
        from_address = f"{rng.choice(kind.sender_locals)}@{token(rng, 5)}.{rng.choice(kind.tlds)}"
    else:
        from_address = f"{rng.choice(kind.sender_locals)}@{sender_domain}"
    draft = Draft(
        language=language,
        from_name=from_name,
        from_address=from_address,
        subject=subject.format_map(values),
        text=text,
        html=html,
        reply_to=reply_to,
        attachment=attachment,
        mailer=rng.choice(kind.mailers),
        list_unsubscribe=values["unsubscribe"] if kind.unsubscribe else None,
    )
    return Composed(draft, recipient, _beneficiaries(body + subject, values, reply_to is not None))


def compose_sms(
    campaign: Campaign, rng: random.Random, language: str, phase: float, when: datetime
) -> Composed[Sms]:
    """One SMS of ``campaign`` in ``language`` (the kind must have SMS texts in it)."""
    recipient = recipient_for(rng, language)
    values = _values(campaign, rng, language, phase=phase, when=when, recipient=recipient)
    template = rng.choice(campaign.kind.sms[language]).spin(rng, campaign.style)
    sender = campaign.rotating(campaign.sms_senders, phase, rng) if campaign.sms_senders else "INFO"
    sms = Sms(language, sender, template.format_map(values))
    return Composed(sms, recipient, _beneficiaries(template, values, reply_to=False))
