"""Shared builders of the exchange tests: a pro forma, node keys, messages, packages, re-zipping."""

from __future__ import annotations

import io
import warnings
import zipfile
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from lapnet.analysis.analyze import AnalysisConfig, analyze_bytes, analyze_item
from lapnet.analysis.serialize import to_dict
from lapnet.analysis.sources import iter_items
from lapnet.exchange.keys import TrustedKey, generate_private_key
from lapnet.exchange.package import PackageContents, build_package
from lapnet.exchange.proforma import (
    Agency,
    Evidence,
    EvidenceSource,
    Handling,
    Header,
    LegalFraming,
    Measure,
    Measures,
    Medium,
    Person,
    ProForma,
    RequestingAgency,
    RequestType,
    ScaleAndHarm,
    SubjectAndConduct,
    Target,
    TargetKind,
    Tlp,
    Urgency,
)

CREATED_AT = datetime(2025, 3, 14, 9, 30, tzinfo=UTC)
SPAMASSASSIN_SPAM = "spamassassin-public-corpus/spam/00003.2ee33bc6eacdb11f38d052c44819ba6c"
PHISHING_POT = "phishing-pot/eml/sample-100.eml"

# A spam with a victim in every place the redaction rule names: To (with a name), Cc,
# Delivered-To, X-Original-To, a Received "for" clause, the Subject, and a base64 body.
VICTIM_MESSAGE = (
    b"Received: from relay.spammer.example (relay.spammer.example [203.0.113.77])\r\n"
    b"\tby mx.victim.example (Postfix) with ESMTP id 4ABC\r\n"
    b"\tfor <Jan.Kowalski@victim.example>; Fri, 14 Mar 2025 08:00:00 +0000\r\n"
    b"Delivered-To: jan.kowalski@victim.example\r\n"
    b"X-Original-To: jan.kowalski@victim.example\r\n"
    b'From: "Prize Desk" <winner@lottery.spammer.example>\r\n'
    b"Reply-To: claims@lottery.spammer.example\r\n"
    b'To: "Jan Kowalski" <jan.kowalski@victim.example>\r\n'
    b"Cc: anna.nowak@victim.example\r\n"
    b"Subject: Kowalski, you have won!\r\n"
    b"Date: Fri, 14 Mar 2025 07:59:00 +0000\r\n"
    b"Message-ID: <prize-1@lottery.spammer.example>\r\n"
    b"MIME-Version: 1.0\r\n"
    b'Content-Type: multipart/alternative; boundary="xyz"\r\n'
    b"\r\n"
    b"--xyz\r\n"
    b"Content-Type: text/plain; charset=utf-8\r\n"
    b"Content-Transfer-Encoding: base64\r\n"
    b"\r\n"
    b"RGVhciBKYW4gS293YWxza2ksIHlvdXIgcHJpemUgd2FpdHMuIFdyaXRlIGZyb20gamFuLmtvd2Fs\r\n"
    b"c2tpQHZpY3RpbS5leGFtcGxlIHRvIGh0dHA6Ly9wcml6ZS5zcGFtbWVyLmV4YW1wbGUvY2xhaW0K\r\n"
    b"--xyz\r\n"
    b"Content-Type: text/html; charset=utf-8\r\n"
    b"\r\n"
    b'<p>Dear Jan Kowalski, <a href="mailto:jan.kowalski%40victim.example">confirm</a></p>\r\n'
    b"--xyz--\r\n"
)
VICTIM_ADDRESSES = ("jan.kowalski@victim.example", "anna.nowak@victim.example")


def analyse_report(data: bytes) -> dict[str, Any]:
    """A notification read back as lapnet reads any evidence: layout detected, then analysed."""
    (item,) = list(iter_items(Path("notification"), data))
    return to_dict(analyze_item(item, AnalysisConfig())[0])


def node_key(node_id: str = "node-au") -> tuple[Ed25519PrivateKey, TrustedKey]:
    private = generate_private_key()
    return private, TrustedKey(node_id, private.public_key())


def analysis(raw: bytes) -> dict[str, Any]:
    return to_dict(analyze_bytes(raw)[0])


def proforma(**changes: Any) -> ProForma:
    form = ProForma(
        header=Header(
            id="LAP-2025-0042",
            date=date(2025, 3, 14),
            request_type=RequestType.REQUEST_FOR_ENFORCEMENT_ACTION,
            urgency=Urgency.URGENT,
            reply_by=date(2025, 4, 30),
            request_language="fr",
            reply_language="en",
            requested_agency=Agency(name="UOKiK Delegatura w Łodzi (Łódź)", country="PL"),
            coordinator_copy=Agency(
                name="Coordinateur national", country="PL", contact="coord@uokik.example"
            ),
        ),
        requesting_agency=RequestingAgency(
            organisation="Ñandú Consumer Agency",
            country="AR",
            remit="Unsolicited commercial messages and consumer fraud",
            contact=Person(name="Σοφία Παπαδοπούλου", role="Investigator", email="sofia@nandu.example"),
            approved_by=Person(name="Jürgen Groß", role="Director"),
        ),
        legal_framing=LegalFraming(
            laws_infringed=("Ley 26.951 (No llame)",),
            legal_basis="network_mou",
            purpose_limitation="Only for the enforcement of anti-spam law",
            reciprocity_offered=True,
        ),
        subject=SubjectAndConduct(
            targets=(
                Target(
                    kind=TargetKind.COMPANY,
                    name="Lottery Prize Desk Ltd",
                    identifiers=("prize.spammer.example",),
                ),
            ),
            product_or_service="Fake lottery prize",
            media=(Medium.EMAIL,),
            infringement_types=("advance fee fraud",),
            summary_of_facts="Messages announce a prize to Jan Kowalski and ask for a fee.",
            reason_for_request="The sender's relay is in the requested country.",
        ),
        evidence=Evidence(
            sources=(EvidenceSource.SPAM_TRAP,), chain_of_custody="Collected by trap 7, hashed on receipt."
        ),
        scale=ScaleAndHarm(
            messages=1200,
            recipients=950,
            victims_in_requested_country=40,
            estimated_detriment="EUR 18 000",
            victims=("Jan Kowalski",),
        ),
        measures=Measures(measures=(Measure.PRESERVE_LOGS, Measure.OBTAIN_SUBSCRIBER_DATA)),
        handling=Handling(tlp=Tlp.AMBER, do_not_forward=True, permitted_uses=("investigation",)),
    )
    return replace(form, **changes)


def contents(messages: tuple[bytes, ...] = (VICTIM_MESSAGE,), **changes: Any) -> PackageContents:
    base = PackageContents(
        referral_id="LAP-2025-0042",
        sending_node="node-au",
        created_at=CREATED_AT,
        proforma=proforma(),
        messages=messages,
        analyses=tuple(analysis(raw) for raw in messages),
    )
    return replace(base, **changes)


def package(key: Ed25519PrivateKey, **changes: Any) -> bytes:
    return build_package(contents(**changes), key)


def members(data: bytes) -> list[tuple[str, bytes]]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return [(info.filename, archive.read(info)) for info in archive.infolist()]


def rezip(entries: list[tuple[str, bytes]]) -> bytes:
    """A ZIP of these entries, deflated (as another implementation might write it), duplicates kept."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive, warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # "Duplicate name": wanted by one test
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=(2025, 3, 14, 9, 30, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    return buffer.getvalue()


def flip(data: bytes, position: int) -> bytes:
    return data[:position] + bytes([data[position] ^ 0x01]) + data[position + 1 :]
