"""Evidence packages (``lapnet.exchange.package``): export a referral signed by this node, import one
received from another node, and keep the directory of node keys.

- :func:`do_export_package` builds the package of a referral (raw messages, pro forma as JSON and as a
  PDF in the receiver's language, header-walk report), redacted unless the legal basis allows
  personal data; the sender alone may override that default, explicitly and audited. Every export is
  audited (``AuditAction.EXPORT``).
- :func:`do_import_package` verifies a package against the directory (unknown and revoked keys are
  refused, with :class:`~lapnet.exchange.package.PackageError`'s reason) and loads it in one
  transaction: the evidence through ``lapnet.evidence.actions.submit_evidence`` and, when both agencies
  are members here, the referral in the ``sent`` state (what the receiver's inbox shows). The same
  package (the same signed manifest) is loaded once.
- :func:`do_add_node_key` / :func:`do_revoke_node_key`: the secretariat keeps the directory.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from lapnet.evidence import store
from lapnet.evidence.actions import submit_evidence
from lapnet.evidence.models import Channel, Evidence
from lapnet.exchange.keys import KeyFormatError, fingerprint, load_public_key, public_key_b64
from lapnet.exchange.labels import LABELS
from lapnet.exchange.legal_bases import allows_personal_data
from lapnet.exchange.package import (
    PackageContents,
    PackageError,
    VerifiedPackage,
    build_package,
    verify_package,
)
from lapnet.exchange.pdf import render_proforma_pdf
from lapnet.exchange.proforma import ProForma
from lapnet.members.models import Organisation, PointOfContact, User
from lapnet.referrals import access, conf, nodekeys, workflow
from lapnet.referrals.actions.common import WEB, ReferralError, _primary_contact, coordinator_for
from lapnet.referrals.conf import deadline_policy
from lapnet.referrals.deadlines import deadlines_for
from lapnet.referrals.models import (
    ImportedPackage,
    NodeKey,
    Referral,
    ReferralEvent,
    ReferralEventKind,
    ReferralEvidence,
    ReferralStatus,
)
from lapnet.sharing.audit import record
from lapnet.sharing.models import AuditAction
from lapnet.sharing.tlp import TLP

__all__ = [
    "ExportedPackage",
    "ImportResult",
    "do_add_node_key",
    "do_export_package",
    "do_export_pro_forma_pdf",
    "do_import_package",
    "do_revoke_node_key",
    "receiver_language",
    "redacted_by_default",
]

PDF_LANGUAGES = tuple(LABELS)


@dataclass(frozen=True, slots=True)
class ExportedPackage:
    data: bytes
    filename: str
    redacted: bool
    language: str
    fingerprint: str


@dataclass(slots=True)
class ImportResult:
    """What an import loaded (nothing when ``already_imported``) and what it could not match."""

    package: VerifiedPackage
    imported: ImportedPackage
    already_imported: bool = False
    referral: Referral | None = None
    evidence: list[Evidence] = field(default_factory=list)
    unmatched: list[str] = field(default_factory=list)


# --- export --------------------------------------------------------------------------------------------


def receiver_language(referral: Referral) -> str:
    """The first language of the receiving point of contact (then organisation, then the reply
    language, then the request's) that the PDF labels exist in; English otherwise."""
    contact = referral.requested_contact
    organisation = referral.requested_organisation
    candidates = [
        *(contact.languages if contact else []),
        *(organisation.languages if organisation else []),
        referral.reply_language,
        referral.request_language,
    ]
    return next((code for code in candidates if code in PDF_LANGUAGES), "en")


def redacted_by_default(referral: Referral) -> bool:
    """Personal data is redacted unless the pro forma's legal basis allows its disclosure."""
    basis = (referral.pro_forma.get("legal_framing") or {}).get("legal_basis") or "network_mou"
    return not allows_personal_data(str(basis))


def _check_export(actor: User, referral: Referral) -> None:
    if not access.visible_to(actor).filter(pk=referral.pk).exists():
        raise ReferralError(_("only the two organisations and the copied coordinator export a referral"))


def _language(referral: Referral, language: str | None) -> str:
    chosen = language or receiver_language(referral)
    if chosen not in PDF_LANGUAGES:
        raise ReferralError(_("the pro forma is printed in one of: %s") % ", ".join(PDF_LANGUAGES))
    return chosen


def do_export_package(
    actor: User,
    referral: Referral,
    *,
    language: str | None = None,
    redact: bool | None = None,
    override_reason: str = "",
    now: datetime | None = None,
    channel: str = WEB,
) -> ExportedPackage:
    """The signed evidence package of ``referral``; ``redact`` None follows the legal basis, True or
    False overrides it (the sender only; disclosing personal data needs a reason)."""
    _check_export(actor, referral)
    chosen = _language(referral, language)
    default = redacted_by_default(referral)
    redacted = default if redact is None else redact
    overridden = redacted != default
    if overridden and access.party_of(actor, referral) is not workflow.Party.SENDER:
        raise ReferralError(_("only the requesting organisation overrides the redaction of its evidence"))
    if overridden and not redacted and not override_reason.strip():
        raise ReferralError(_("sending personal data the legal basis does not cover needs a reason"))
    proforma = ProForma.from_dict(referral.pro_forma)
    links = list(referral.evidence_links.select_related("evidence"))
    messages = tuple(store.get(link.evidence.blob_id) for link in links)
    analyses = tuple(result for link in links for result in (link.evidence.results or []))
    key, entry = nodekeys.local_node_key()
    if entry.revoked_at is not None:
        raise ReferralError(
            _("this node's signing key %s was revoked: replace its key file to sign again")
            % entry.fingerprint
        )
    contents = PackageContents(
        referral_id=referral.reference,
        sending_node=entry.node_id,
        created_at=now or timezone.now(),
        proforma=proforma,
        messages=messages,
        analyses=analyses,
        language=chosen,
        redact=redacted,
        victim_addresses=tuple(proforma.technical.recipients),
        victim_names=tuple(proforma.scale.victims),
    )
    data = build_package(contents, key)
    record(
        actor,
        AuditAction.EXPORT,
        referral,
        f"exported the evidence package of {referral.reference} ({len(messages)} message(s), "
        + ("redacted" if redacted else "not redacted")
        + (f", redaction overridden: {override_reason.strip()}" if overridden else "")
        + ")",
        channel=channel,
        detail={
            "package_sha256": hashlib.sha256(data).hexdigest(),
            "language": chosen,
            "redacted": redacted,
            "redacted_by_default": default,
            "redaction_override": overridden,
            "reason": override_reason.strip(),
            "signing_key": entry.fingerprint,
            "node": entry.node_id,
            "evidence": [link.evidence_id for link in links],
        },
    )
    return ExportedPackage(
        data=data,
        filename=f"{referral.reference}-evidence-package.zip",
        redacted=redacted,
        language=chosen,
        fingerprint=entry.fingerprint,
    )


def do_export_pro_forma_pdf(
    actor: User, referral: Referral, *, language: str | None = None, channel: str = WEB
) -> tuple[bytes, str]:
    """The pro forma as PDF (as stored, not redacted: what both sides see on the page), audited."""
    _check_export(actor, referral)
    chosen = _language(referral, language)
    data = render_proforma_pdf(ProForma.from_dict(referral.pro_forma), chosen)
    record(
        actor,
        AuditAction.EXPORT,
        referral,
        f"exported the pro forma of {referral.reference} as PDF ({chosen})",
        channel=channel,
        detail={"format": "pdf", "language": chosen},
    )
    return data, chosen


# --- import --------------------------------------------------------------------------------------------


def _verify(data: bytes) -> VerifiedPackage:
    try:
        return verify_package(data, nodekeys.trusted_keys())
    except PackageError as error:
        if error.code not in ("unknown_key", "signature"):
            raise
        revoked = nodekeys.revoked_keys()
        if not revoked:
            raise
        try:
            signed = verify_package(data, revoked)
        except PackageError as again:
            if again.code in ("unknown_key", "signature"):
                raise error from None
            signer = "a revoked key"
        else:
            signer = f"the key {signed.signer.fingerprint} of node {signed.signer.node_id}"
        raise PackageError(
            "revoked_key", f"the package is signed with {signer}, revoked in the directory", "manifest.sig"
        ) from None


def _member(name: str, country: str) -> Organisation | None:
    if not name.strip():
        return None
    found = list(
        Organisation.objects.filter(
            Q(name__iexact=name.strip()) | Q(short_name__iexact=name.strip()),
            country__iexact=country.strip(),
            is_active=True,
        )[:2]
    )
    return found[0] if len(found) == 1 else None


def do_import_package(
    data: bytes,
    *,
    organisation: Organisation,
    actor: User | None = None,
    channel: str = Channel.CLI,
) -> ImportResult:
    """Verify ``data`` against the directory and load it for ``organisation`` (the evidence's owner);
    raises :class:`PackageError` (nothing written) when it does not verify."""
    package = _verify(data)
    if package.sending_node == conf.node_id():
        raise ReferralError(
            _("this package was sent by this node (%s): its referral is already here") % package.sending_node
        )
    manifest_sha256 = hashlib.sha256(package.manifest_bytes).hexdigest()
    existing = ImportedPackage.objects.filter(manifest_sha256=manifest_sha256).first()
    if existing is not None:
        return ImportResult(package, existing, already_imported=True, referral=existing.referral)
    proforma = package.proforma
    tlp = TLP.parse(proforma.handling.tlp.value)
    try:
        with transaction.atomic():
            imported = ImportedPackage.objects.create(
                manifest_sha256=manifest_sha256,
                sending_node=package.sending_node,
                referral_reference=package.referral_id,
                signer_fingerprint=package.signer.fingerprint,
                organisation=organisation,
                imported_by=actor,
            )
            result = ImportResult(package, imported)
            for item in package.evidence:
                submitted = submit_evidence(
                    data=package.evidence_bytes(item),
                    organisation=organisation,
                    submitted_by=actor,
                    channel=Channel(channel),
                    tlp=tlp,
                    source_name=f"{package.sending_node}/{package.referral_id}/{item.path}",
                )
                result.evidence.append(submitted.evidence)
            imported.evidence.set(result.evidence)
            result.referral = _received_referral(package, result, actor, channel)
            imported.referral = result.referral
            imported.unmatched = result.unmatched
            imported.save(update_fields=["referral", "unmatched"])
            record(
                actor,
                AuditAction.CREATE,
                imported,
                f"imported the evidence package {package.referral_id} of node {package.sending_node} "
                f"({len(result.evidence)} message(s))"
                + (f" as referral {result.referral.reference}" if result.referral else ""),
                channel=channel,
                detail={
                    "manifest_sha256": manifest_sha256,
                    "signing_key": package.signer.fingerprint,
                    "evidence": [item.pk for item in result.evidence],
                    "referral": result.referral.pk if result.referral else None,
                    "unmatched": result.unmatched,
                },
            )
    except IntegrityError:  # the same package, imported at the same moment elsewhere
        existing = ImportedPackage.objects.get(manifest_sha256=manifest_sha256)
        return ImportResult(package, existing, already_imported=True, referral=existing.referral)
    return result


def _received_referral(
    package: VerifiedPackage, result: ImportResult, actor: User | None, channel: str
) -> Referral | None:
    proforma = package.proforma
    requested_agency = proforma.header.requested_agency
    requesting = _member(proforma.requesting_agency.organisation, proforma.requesting_agency.country)
    requested = _member(requested_agency.name, requested_agency.country)
    if requesting is None:
        result.unmatched.append(
            f"requesting agency {proforma.requesting_agency.organisation!r} "
            f"({proforma.requesting_agency.country}) is not a member here"
        )
    if requested is None:
        result.unmatched.append(
            f"requested agency {requested_agency.name!r} ({requested_agency.country}) is not a member here"
        )
    if requesting is None or requested is None:
        return None
    referral = Referral.objects.filter(
        source_node=package.sending_node, source_reference=package.referral_id
    ).first()
    if referral is None:
        referral = _create_received(package, requesting, requested, actor, channel)
    linked = set(referral.evidence_links.values_list("evidence__blob_id", flat=True))
    for evidence in result.evidence:
        if evidence.blob_id in linked:
            continue
        red = evidence.tlp == TLP.RED and referral.is_cross_border
        ReferralEvidence.objects.create(
            referral=referral,
            evidence=evidence,
            added_by=actor,
            red_override=red,
            red_override_reason=f"sent by node {package.sending_node} as TLP:RED" if red else "",
        )
        linked.add(evidence.blob_id)
    return referral


def _create_received(
    package: VerifiedPackage,
    requesting: Organisation,
    requested: Organisation,
    actor: User | None,
    channel: str,
) -> Referral:
    proforma = package.proforma
    header = proforma.header
    now = timezone.now()
    summary = (proforma.subject.summary_of_facts or "").strip().splitlines()
    title = summary[0][:200] if summary else ""
    contact = PointOfContact.objects.filter(
        organisation=requesting, email__iexact=proforma.requesting_agency.contact.email
    ).first()
    referral = Referral(
        title=f"{package.referral_id}: {title}" if title else f"{package.referral_id} ({requesting})",
        requesting_organisation=requesting,
        requested_organisation=requested,
        copy_to=coordinator_for(requested, requesting),
        requesting_contact=contact or _primary_contact(requesting),
        requested_contact=_primary_contact(requested),
        request_type=header.request_type.value,
        urgency=header.urgency.value,
        requested_reply_date=header.reply_by,
        request_language=header.request_language,
        reply_language=header.reply_language,
        tlp=TLP.parse(proforma.handling.tlp.value),
        status=ReferralStatus.SENT,
        pro_forma=proforma.to_dict(),
        created_by=actor,
        first_sent_at=now,
        sent_at=now,
        times_sent=1,
        source_node=package.sending_node,
        source_reference=package.referral_id,
    )
    due = deadlines_for(referral.request_type, now, deadline_policy())
    referral.acknowledgement_due, referral.reply_due = due.acknowledgement_due, due.reply_due
    referral.save()
    ReferralEvent.objects.create(
        referral=referral,
        kind=ReferralEventKind.IMPORT,
        from_status="",
        to_status=referral.status,
        actor=actor,
        organisation_id=getattr(actor, "organisation_id", None),
        text=f"package {package.referral_id} of node {package.sending_node}",
    )
    record(
        actor,
        AuditAction.CREATE,
        referral,
        f"received referral {package.referral_id} of node {package.sending_node} as {referral.reference}",
        channel=channel,
        detail={"source_node": package.sending_node, "source_reference": package.referral_id},
    )
    return referral


# --- the directory of node keys ------------------------------------------------------------------------


def _require_secretariat(actor: User) -> None:
    from lapnet.members.access import is_secretariat

    if not is_secretariat(actor):
        raise ReferralError(_("only the secretariat keeps the directory of node keys"))


def do_add_node_key(actor: User, node_id: str, public_key: str, *, channel: str = WEB) -> NodeKey:
    """Trust another node's public key (PEM or the base64 of its 32 raw bytes)."""
    _require_secretariat(actor)
    node_id = node_id.strip()
    if not node_id:
        raise ReferralError(_("a key belongs to a node: give its id"))
    try:
        key = load_public_key(public_key)
    except KeyFormatError as error:
        raise ReferralError(str(error)) from None
    name = fingerprint(key)
    with transaction.atomic():
        if NodeKey.objects.filter(fingerprint=name).exists():
            raise ReferralError(_("this key is already in the directory (%s)") % name)
        entry = NodeKey.objects.create(
            node_id=node_id, public_key=public_key_b64(key), fingerprint=name, added_by=actor
        )
        record(
            actor,
            AuditAction.CREATE,
            entry,
            f"added the signing key {name} of node {node_id} to the directory",
            channel=channel,
            detail={"node": node_id, "fingerprint": name},
        )
    return entry


def do_revoke_node_key(actor: User, entry: NodeKey, *, channel: str = WEB) -> NodeKey:
    """A revoked key verifies no package any more (this node's own included)."""
    _require_secretariat(actor)
    with transaction.atomic():
        locked = NodeKey.objects.select_for_update().get(pk=entry.pk)
        if locked.revoked_at is not None:
            return locked
        locked.revoked_at = timezone.now()
        locked.revoked_by = actor
        locked.save(update_fields=["revoked_at", "revoked_by"])
        record(
            actor,
            AuditAction.CHANGE,
            locked,
            f"revoked the signing key {locked.fingerprint} of node {locked.node_id}",
            channel=channel,
            detail={"node": locked.node_id, "fingerprint": locked.fingerprint, "revoked": True},
        )
    return locked
