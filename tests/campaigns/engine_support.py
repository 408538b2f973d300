"""Messages for the clustering tests: templates that vary as campaigns do, submitted through actions."""

from __future__ import annotations

import json
from email.utils import formatdate

from lapnet.analysis.types import Kind
from lapnet.campaigns.models import CampaignMember
from lapnet.evidence.actions import submit_evidence
from lapnet.evidence.models import Channel, Evidence
from lapnet.members.models import User
from lapnet.sharing.tlp import TLP

LOTTERY_EN = (
    "Dear {name},\n\nWe are pleased to inform you that your e-mail address was selected in the {brand} "
    "International Promotion held on {date}. Your address, attached to ticket number {ticket}, drew the lucky "
    "numbers and has been awarded the sum of {amount} EUR in cash, credited to file {ref}.\n\nTo begin the "
    "processing of your prize, contact our claims agent, Mr. Peter Walsh, by e-mail at {dropbox} or by "
    "telephone on {phone}, quoting your reference number. You can also complete the claims form online at "
    "{url}\n\nFor security reasons, keep this award confidential until your claim has been processed and the "
    "money remitted to your account.\n\nCongratulations once again.\n\nDr. Helen Carter\nPromotions "
    "Coordinator, {brand}"
)
LOTTERY_FR = (
    "Bonjour {name},\n\nNous avons le plaisir de vous informer que votre adresse électronique a été tirée au "
    "sort lors de la promotion internationale {brand} du {date}. Associée au billet numéro {ticket}, elle "
    "vous fait gagner la somme de {amount} EUR, inscrite au dossier {ref}.\n\nPour recevoir votre gain, "
    "écrivez à notre agent des réclamations à l'adresse {dropbox} ou appelez le {phone} en indiquant votre "
    "numéro de référence. Formulaire de réclamation : {url}\n\nGardez ce gain confidentiel jusqu'au "
    "versement.\n\nFélicitations !\n\nService des paiements, {brand}"
)
PARCEL_EN = (
    "Hello {name},\n\nYour parcel {ticket} could not be delivered on {date} because the customs fee of "
    "{amount} EUR has not been paid. The package is being held at our depot and will be returned to the "
    "sender within 48 hours.\n\nTo schedule a new delivery, pay the outstanding fee here: {url}\n\nIf you "
    "have questions write to {dropbox} or call {phone}.\n\nThank you for choosing {brand} Express.\n"
    "Customer Service Team"
)


def email(
    *,
    template: str = LOTTERY_EN,
    subject: str = "Winning Notification: Ref {ref}",
    number: int = 1,
    dropbox: str = "claims.agent@prize-desk.top",
    phone: str = "+44 20 7946 0958",
    url: str = "https://claims.prize-desk.top/form?id={ticket}",
    ip: str = "81.2.69.160",
    brand: str = "Euro Millions",
    reply_to: str | None = None,
    recipient: tuple[str, str] = ("Jane Doe", "jane.doe@victim-mail.test"),
    extra: str = "",
) -> bytes:
    """One e-mail of a template; ``number`` varies everything a real campaign varies per copy."""
    name, address = recipient
    fields = {
        "name": name,
        "brand": brand,
        "date": f"{1 + number % 28} March 2026",
        "ticket": f"{10 + number % 80}-{100 + number}-{4000 + number * 7}",
        "amount": f"{500_000 + number * 1_000:,}",
        "ref": f"EMP/{1000 + number}/{number % 90 + 10}/LT",
        "dropbox": dropbox,
        "phone": phone,
    }
    fields["url"] = url.format(**fields)
    body = template.format(**fields) + extra
    headers = [
        f"Received: from mail.sender-host.test (mail.sender-host.test [{ip}]) by mx.victim-mail.test "
        f"with ESMTP id A{number}; {formatdate(1774000000 + number * 60)}",
        f"From: Promotions <notice{number}@sender-host.test>",
        f"To: {name} <{address}>",
        f"Subject: {subject.format(**fields)}",
        f"Date: {formatdate(1774000000 + number * 60)}",
        f"Message-ID: <{number}.{abs(hash(template)) % 10_000}@sender-host.test>",
    ]
    if reply_to:
        headers.append(f"Reply-To: {reply_to}")
    headers += [
        "MIME-Version: 1.0",
        "Content-Type: text/plain; charset=utf-8",
        "Content-Transfer-Encoding: 8bit",
    ]
    return ("\r\n".join(headers) + "\r\n\r\n" + body.replace("\n", "\r\n") + "\r\n").encode()


def sms(text: str, sender: str = "+447700900123") -> bytes:
    return (json.dumps({"sender": sender, "text": text}) + "\n").encode()


def submit(user: User, data: bytes, *, tlp: TLP = TLP.AMBER, kind: Kind | None = None) -> Evidence:
    """Submit through the intake action; the test's immediate task backend analyses and clusters it."""
    assert user.organisation is not None
    submitted = submit_evidence(
        data=data, organisation=user.organisation, submitted_by=user, channel=Channel.WEB, tlp=tlp, kind=kind
    )
    return Evidence.objects.get(pk=submitted.evidence.pk)


def campaign_of(evidence: Evidence) -> int:
    return CampaignMember.objects.get(evidence=evidence).campaign_id
