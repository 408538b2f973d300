"""The verifiable evidence package of a cross-border referral.

A package is a ZIP archive with a fixed layout (format version 1)::

    manifest.json                    what is in the package, signed
    manifest.sig                     Ed25519 signature (64 raw bytes) over the exact bytes of manifest.json
    proforma.json                    the pro forma, JSON form (lapnet.exchange.proforma)
    proforma.pdf                     the pro forma, printable, in the receiver's language
    header-walk.json                 the header walk of every message (origin, hops, trust anchors)
    header-walk.txt                  the same, for people
    evidence/<sha256>.eml            a raw message, byte for byte; <sha256> is that of these bytes
    evidence/<sha256>.redacted.eml   a redacted rendering; <sha256> is that of the *original*

``manifest.json`` lists every other file with its SHA-256, size and media type, and says who sent
the package (``sending_node``), with which key (``signing_key.fingerprint``, see
:mod:`lapnet.exchange.keys`), when, for which referral, under which legal basis and whether the
evidence was redacted. Its ``evidence`` list gives, per message, the SHA-256 and size of the
*original*, so a redacted package still names the exact messages it was made from.

:func:`verify_package` trusts nothing before the signature: member names are checked for path
traversal, sizes for zip bombs, then the signature is verified over the manifest's exact bytes
with the trusted keys, the signer's node must be the manifest's sender, and every file must be
listed, present, of the stated size and hash, and nothing else may be in the archive. Any failure
raises :class:`PackageError` with a stable ``code`` and the ``path`` concerned.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import zipfile
import zlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from lapnet.exchange.keys import TrustedKey, fingerprint
from lapnet.exchange.legal_bases import allows_personal_data
from lapnet.exchange.pdf import PdfFonts, render_proforma_pdf
from lapnet.exchange.prefill import header_walk_report
from lapnet.exchange.proforma import EvidenceItem, ProForma, ProFormaError
from lapnet.exchange.redact import (
    REDACTION_RULE,
    plan_redaction,
    redact_json,
    redact_message,
    redact_proforma,
)

__all__ = [
    "FORMAT",
    "FORMAT_VERSION",
    "Limits",
    "ManifestEvidence",
    "ManifestFile",
    "PackageContents",
    "PackageError",
    "VerifiedPackage",
    "build_package",
    "header_walk_text",
    "original_matches",
    "verify_package",
]

FORMAT = "lapnet-referral-package"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
SIGNATURE = "manifest.sig"
PROFORMA_JSON = "proforma.json"
PROFORMA_PDF = "proforma.pdf"
HEADER_WALK_JSON = "header-walk.json"
HEADER_WALK_TEXT = "header-walk.txt"
_LAYOUT = re.compile(
    r"\A(?:proforma\.json|proforma\.pdf|header-walk\.json|header-walk\.txt"
    r"|evidence/[0-9a-f]{64}(?:\.redacted)?\.eml)\Z"
)
_EVIDENCE = re.compile(r"\Aevidence/([0-9a-f]{64})(\.redacted)?\.eml\Z")
_MEDIA_TYPES = {
    PROFORMA_JSON: "application/json",
    PROFORMA_PDF: "application/pdf",
    HEADER_WALK_JSON: "application/json",
    HEADER_WALK_TEXT: "text/plain; charset=utf-8",
}
_MIN_ZIP_TIME = datetime(1980, 1, 1, tzinfo=UTC)
_MAX_MANIFEST = 4 * 1024 * 1024


class PackageError(ValueError):
    """Why a package was rejected. ``code`` is stable (``signature``, ``unknown_key``,
    ``node_mismatch``, ``missing_file``, ``extra_file``, ``hash_mismatch``, ``size_mismatch``,
    ``unsafe_name``, ``duplicate_name``, ``layout``, ``oversized``, ``zip_bomb``, ``zip``,
    ``corrupt_member``, ``manifest``, ``evidence``, ``proforma``); ``path`` names the file."""

    def __init__(self, code: str, message: str, path: str = "") -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.path = path


@dataclass(frozen=True, slots=True)
class Limits:
    """Bounds applied before anything is decompressed (a received package is hostile input)."""

    max_package_bytes: int = 256 * 1024 * 1024
    max_member_bytes: int = 64 * 1024 * 1024
    max_total_bytes: int = 512 * 1024 * 1024
    max_members: int = 10_000
    max_ratio: int = 200  # uncompressed / compressed, for members over 1 MiB


@dataclass(frozen=True, slots=True, kw_only=True)
class PackageContents:
    """What goes into a package. ``messages`` are the raw originals, byte for byte; ``analyses`` the
    stored analysis results (``to_dict``) of those messages, for the header-walk report.

    ``redact`` None follows the legal basis of the pro forma (redacted unless it allows disclosure
    of personal data); True or False overrides it and the manifest records the choice.
    ``language`` of the PDF defaults to the pro forma's request language.
    """

    referral_id: str
    sending_node: str
    created_at: datetime
    proforma: ProForma
    messages: tuple[bytes, ...] = ()
    analyses: tuple[Mapping[str, Any], ...] = ()
    language: str | None = None
    redact: bool | None = None
    victim_addresses: tuple[str, ...] = ()  # victims known beyond the messages' recipients
    victim_names: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ManifestFile:
    path: str
    sha256: str
    size: int
    media_type: str


@dataclass(frozen=True, slots=True)
class ManifestEvidence:
    path: str
    original_sha256: str
    original_size: int
    redacted: bool
    withheld_parts: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class VerifiedPackage:
    """A package whose signature, signer and every file checked out."""

    referral_id: str
    sending_node: str
    signer: TrustedKey
    created_at: datetime
    language: str
    legal_basis: str
    redacted: bool
    proforma: ProForma
    proforma_pdf: bytes
    header_walk: dict[str, Any]
    header_walk_text: str
    files: tuple[ManifestFile, ...]
    evidence: tuple[ManifestEvidence, ...]
    contents: Mapping[str, bytes] = field(repr=False)  # every file but the manifest and signature
    manifest_bytes: bytes = field(repr=False)

    def evidence_bytes(self, item: ManifestEvidence) -> bytes:
        return self.contents[item.path]


# --- building ----------------------------------------------------------------------------------------


def build_package(
    contents: PackageContents, signing_key: Ed25519PrivateKey, *, fonts: PdfFonts | None = None
) -> bytes:
    """The signed package, as the bytes of a ZIP archive. Deterministic for the same contents."""
    if contents.created_at.tzinfo is None:
        raise ValueError("created_at must be timezone-aware")
    if not contents.referral_id or not contents.sending_node:
        raise ValueError("referral_id and sending_node are required")
    basis = contents.proforma.legal_framing.legal_basis
    redacted = contents.redact if contents.redact is not None else not allows_personal_data(basis)
    language = contents.language or contents.proforma.header.request_language
    messages = list({hashlib.sha256(raw).hexdigest(): raw for raw in contents.messages}.items())
    plan = (
        plan_redaction(
            [raw for _, raw in messages],
            extra_addresses=contents.victim_addresses,
            extra_names=contents.victim_names,
        )
        if redacted
        else None
    )
    files: dict[str, bytes] = {}
    evidence: list[ManifestEvidence] = []
    evidence_files: dict[str, bytes] = {}
    for sha256, raw in messages:
        if plan is not None:
            rendering = redact_message(raw, plan)
            path = f"evidence/{sha256}.redacted.eml"
            evidence_files[path] = rendering.data
            evidence.append(ManifestEvidence(path, sha256, len(raw), True, rendering.withheld_parts))
        else:
            path = f"evidence/{sha256}.eml"
            evidence_files[path] = raw
            evidence.append(ManifestEvidence(path, sha256, len(raw), False))
    proforma = _with_evidence_items(contents.proforma, evidence)
    wanted = {sha256 for sha256, _ in messages}
    walk = header_walk_report(
        [result for result in contents.analyses if result.get("sha256") in wanted] or contents.analyses
    )
    if plan is not None:
        proforma = redact_proforma(proforma, plan)
        walk = redact_json(walk, plan)
    files[PROFORMA_JSON] = (proforma.to_json(indent=2) + "\n").encode("utf-8")
    files[PROFORMA_PDF] = render_proforma_pdf(proforma, language, fonts=fonts)
    files[HEADER_WALK_JSON] = (json.dumps(walk, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    files[HEADER_WALK_TEXT] = header_walk_text(walk).encode("utf-8")
    files.update(evidence_files)
    manifest = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "referral_id": contents.referral_id,
        "sending_node": contents.sending_node,
        "signing_key": {"algorithm": "Ed25519", "fingerprint": fingerprint(signing_key)},
        "created_at": contents.created_at.astimezone(UTC).isoformat().replace("+00:00", "Z"),
        "language": language,
        "legal_basis": basis,
        "redacted": redacted,
        "redaction_rule": REDACTION_RULE if redacted else None,
        "files": [
            {
                "path": path,
                "sha256": hashlib.sha256(data).hexdigest(),
                "size": len(data),
                "media_type": _MEDIA_TYPES.get(path, "message/rfc822"),
            }
            for path, data in files.items()
        ],
        "evidence": [
            {
                "path": item.path,
                "original_sha256": item.original_sha256,
                "original_size": item.original_size,
                "redacted": item.redacted,
                "withheld_parts": list(item.withheld_parts),
            }
            for item in evidence
        ],
    }
    manifest_bytes = (json.dumps(manifest, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    signature = signing_key.sign(manifest_bytes)
    return _zip([(MANIFEST, manifest_bytes), (SIGNATURE, signature), *files.items()], contents.created_at)


def _with_evidence_items(proforma: ProForma, evidence: list[ManifestEvidence]) -> ProForma:
    """The pro forma's evidence items, completed with each packaged message's file and state."""
    existing = {item.sha256: item for item in proforma.evidence.items}
    items: list[EvidenceItem] = []
    for packaged in evidence:
        known = existing.pop(packaged.original_sha256, None)
        items.append(
            replace(known, size=packaged.original_size, path=packaged.path, redacted=packaged.redacted)
            if known is not None
            else EvidenceItem(
                sha256=packaged.original_sha256,
                size=packaged.original_size,
                path=packaged.path,
                redacted=packaged.redacted,
            )
        )
    items.extend(existing.values())  # listed by the sender but not carried in this package
    return replace(proforma, evidence=replace(proforma.evidence, items=tuple(items)))


def _zip(members: list[tuple[str, bytes]], created_at: datetime) -> bytes:
    moment = max(created_at.astimezone(UTC), _MIN_ZIP_TIME)
    stamp = (moment.year, moment.month, moment.day, moment.hour, moment.minute, moment.second)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_STORED
            info.external_attr = 0o644 << 16
            info.create_system = 3
            archive.writestr(info, data)
    return buffer.getvalue()


def header_walk_text(report: Mapping[str, Any]) -> str:
    """The header-walk report for people: per message, the origin and the hops, topmost first."""
    lines = ["Header walk (lapnet): where each message came from, and why", ""]
    for message in report.get("messages", []):
        lines.append(f"Message sha256:{message.get('sha256')}")
        if message.get("subject"):
            lines.append(f"  Subject: {message['subject']}")
        if message.get("date"):
            lines.append(f"  Date: {message['date']}")
        origin = message.get("origin")
        if not isinstance(origin, Mapping):
            lines += ["  Origin: none (no header walk for this kind of evidence)", ""]
            continue
        lines.append(
            f"  Origin: {origin.get('ip') or 'not established'}"
            f" ({origin.get('country') or 'country unknown'})"
            f" by {origin.get('method')}, confidence {origin.get('confidence')},"
            f" {'anchored' if origin.get('anchored') else 'not anchored'}"
        )
        lines.append(f"  Reason: {origin.get('reason')}")
        anchors = origin.get("trust_anchors") or []
        lines.append(f"  Trust anchors: {', '.join(str(anchor) for anchor in anchors) or 'none'}")
        lines.append("  Hops, topmost (last added) first:")
        for hop in origin.get("hops") or []:
            if not isinstance(hop, Mapping):
                continue
            lines.append(
                f"    [{hop.get('index')}] {hop.get('verdict')}: ip {hop.get('ip') or '-'},"
                f" from {hop.get('from_host') or '-'}, by {hop.get('by_host') or '-'},"
                f" at {hop.get('timestamp') or '-'}"
            )
            if hop.get("reason"):
                lines.append(f"        {hop['reason']}")
            if hop.get("flags"):
                lines.append(f"        flags: {', '.join(str(flag) for flag in hop['flags'])}")
            raw = " ".join(str(hop.get("raw") or "").split())
            lines.append(f"        Received: {raw}")
        lines.append("")
    return "\n".join(lines) + "\n"


# --- verifying ---------------------------------------------------------------------------------------


def verify_package(
    data: bytes, trusted_public_keys: Iterable[TrustedKey], *, limits: Limits | None = None
) -> VerifiedPackage:
    """Verify a received package; :class:`PackageError` says precisely why one is rejected."""
    limits = limits or Limits()
    keys = list(trusted_public_keys)
    if len(data) > limits.max_package_bytes:
        raise PackageError("oversized", f"the package is {len(data)} bytes, over {limits.max_package_bytes}")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, OSError) as error:
        raise PackageError("zip", f"not a readable ZIP archive: {error}") from None
    with archive:
        infos = _checked_members(archive, limits)
        for required in (MANIFEST, SIGNATURE):
            if required not in infos:
                raise PackageError("missing_file", f"{required} is missing from the archive", required)
        manifest_bytes = _read(archive, infos[MANIFEST], min(limits.max_member_bytes, _MAX_MANIFEST))
        signature = _read(archive, infos[SIGNATURE], 1024)
        signer = _signer(manifest_bytes, signature, keys)
        manifest = _parse_manifest(manifest_bytes)
        if signer.node_id != manifest["sending_node"]:
            raise PackageError(
                "node_mismatch",
                f"manifest.json says it was sent by node {manifest['sending_node']!r}, but it is signed "
                f"with the key of node {signer.node_id!r} ({signer.fingerprint})",
                MANIFEST,
            )
        files = _manifest_files(manifest)
        listed = {item.path for item in files}
        for name in infos:
            if name not in listed and name not in (MANIFEST, SIGNATURE):
                raise PackageError(
                    "extra_file", f"{name} is in the archive but not in the signed manifest", name
                )
        contents: dict[str, bytes] = {}
        for item in files:
            if item.path not in infos:
                raise PackageError(
                    "missing_file", f"{item.path} is listed in the manifest but missing", item.path
                )
            content = _read(archive, infos[item.path], limits.max_member_bytes)
            if len(content) != item.size:
                raise PackageError(
                    "size_mismatch",
                    f"{item.path} is {len(content)} bytes, the manifest says {item.size}",
                    item.path,
                )
            actual = hashlib.sha256(content).hexdigest()
            if actual != item.sha256:
                raise PackageError(
                    "hash_mismatch",
                    f"{item.path} has SHA-256 {actual}, the manifest says {item.sha256}",
                    item.path,
                )
            contents[item.path] = content
    evidence = _manifest_evidence(manifest, contents)
    for required in (PROFORMA_JSON, PROFORMA_PDF, HEADER_WALK_JSON, HEADER_WALK_TEXT):
        if required not in contents:
            raise PackageError("missing_file", f"the manifest does not list {required}", required)
    try:
        proforma = ProForma.from_json(contents[PROFORMA_JSON])
    except ProFormaError as error:
        raise PackageError(
            "proforma", f"proforma.json is not a valid pro forma: {error}", PROFORMA_JSON
        ) from None
    try:
        header_walk = json.loads(contents[HEADER_WALK_JSON])
        text = contents[HEADER_WALK_TEXT].decode("utf-8")
    except (ValueError, RecursionError) as error:
        raise PackageError(
            "manifest", f"the header-walk report is unreadable: {error}", HEADER_WALK_JSON
        ) from None
    return VerifiedPackage(
        referral_id=manifest["referral_id"],
        sending_node=manifest["sending_node"],
        signer=signer,
        created_at=datetime.fromisoformat(manifest["created_at"]),
        language=manifest["language"],
        legal_basis=manifest["legal_basis"],
        redacted=manifest["redacted"],
        proforma=proforma,
        proforma_pdf=contents[PROFORMA_PDF],
        header_walk=header_walk if isinstance(header_walk, dict) else {},
        header_walk_text=text,
        files=files,
        evidence=evidence,
        contents=contents,
        manifest_bytes=manifest_bytes,
    )


def original_matches(item: ManifestEvidence, original: bytes) -> bool:
    """Whether ``original``, obtained later by other means, is the message this evidence stands for."""
    return (
        len(original) == item.original_size and hashlib.sha256(original).hexdigest() == item.original_sha256
    )


def _checked_members(archive: zipfile.ZipFile, limits: Limits) -> dict[str, zipfile.ZipInfo]:
    infos = archive.infolist()
    if len(infos) > limits.max_members:
        raise PackageError("oversized", f"{len(infos)} members, over {limits.max_members}")
    found: dict[str, zipfile.ZipInfo] = {}
    total = 0
    for info in infos:
        name = info.filename
        problem = _unsafe(name, info)
        if problem:
            raise PackageError("unsafe_name", f"member {name!r}: {problem}", name)
        if name in found:
            raise PackageError("duplicate_name", f"member {name!r} appears twice", name)
        if info.flag_bits & 0x1:
            raise PackageError("zip", f"member {name!r} is encrypted", name)
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise PackageError("zip", f"member {name!r} uses compression method {info.compress_type}", name)
        if info.file_size > limits.max_member_bytes:
            raise PackageError(
                "oversized", f"{name} would be {info.file_size} bytes, over {limits.max_member_bytes}", name
            )
        if info.file_size > 1024 * 1024 and info.file_size > limits.max_ratio * max(info.compress_size, 1):
            raise PackageError(
                "zip_bomb",
                f"{name} expands {info.compress_size} bytes to {info.file_size} (over {limits.max_ratio}:1)",
                name,
            )
        total += info.file_size
        if total > limits.max_total_bytes:
            raise PackageError(
                "oversized", f"the members add up to over {limits.max_total_bytes} bytes", name
            )
        found[name] = info
    return found


def _unsafe(name: str, info: zipfile.ZipInfo) -> str | None:
    """Why a member name could escape an extraction folder or confuse a reader (None: safe)."""
    if not name or "\x00" in name or "\\" in name:
        return "empty, or contains NUL or a backslash"
    if name.startswith("/") or re.match(r"[A-Za-z]:", name):
        return "absolute path"
    if any(part in ("", ".", "..") for part in name.split("/")):
        return "path traversal ('..', '.' or an empty segment)"
    if info.is_dir():
        return "a directory entry"
    if any(ord(character) < 0x20 for character in name):
        return "control character in the name"
    return None


def _read(archive: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int) -> bytes:
    """A member's bytes, never more than ``limit`` (the declared size is not trusted)."""
    name = info.filename
    try:
        with archive.open(info) as stream:
            content = stream.read(limit + 1)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, NotImplementedError) as error:
        raise PackageError(
            "corrupt_member", f"{name} cannot be read from the archive: {error}", name
        ) from None
    if len(content) > limit:
        raise PackageError("oversized", f"{name} is larger than {limit} bytes", name)
    return content


def _signer(manifest_bytes: bytes, signature: bytes, keys: list[TrustedKey]) -> TrustedKey:
    if len(signature) != 64:
        raise PackageError(
            "signature", f"manifest.sig is {len(signature)} bytes; an Ed25519 signature is 64", SIGNATURE
        )
    for key in keys:
        try:
            key.public_key.verify(signature, manifest_bytes)
        except InvalidSignature:
            continue
        return key
    named = _named_fingerprint(manifest_bytes)
    if named is not None and named not in {key.fingerprint for key in keys}:
        raise PackageError(
            "unknown_key", f"manifest.json is signed with key {named}, which is not a trusted key", MANIFEST
        )
    raise PackageError(
        "signature",
        "manifest.sig does not verify over manifest.json with any trusted key: "
        "manifest.json or manifest.sig was altered",
        SIGNATURE,
    )


def _named_fingerprint(manifest_bytes: bytes) -> str | None:
    try:
        document = json.loads(manifest_bytes)
    except (ValueError, RecursionError):
        return None
    key = document.get("signing_key") if isinstance(document, dict) else None
    value = key.get("fingerprint") if isinstance(key, dict) else None
    return value if isinstance(value, str) else None


def _parse_manifest(manifest_bytes: bytes) -> dict[str, Any]:
    """The (signed, hence trusted) manifest, checked for shape all the same."""
    try:
        document = json.loads(manifest_bytes)
    except (ValueError, RecursionError) as error:
        raise PackageError("manifest", f"manifest.json is not JSON: {error}", MANIFEST) from None
    if not isinstance(document, dict):
        raise PackageError("manifest", "manifest.json is not a JSON object", MANIFEST)
    if document.get("format") != FORMAT or document.get("format_version") != FORMAT_VERSION:
        raise PackageError(
            "manifest",
            f"manifest.json is format {document.get('format')!r} version {document.get('format_version')!r}, "
            f"not {FORMAT!r} version {FORMAT_VERSION}",
            MANIFEST,
        )
    for key, kind in (
        ("referral_id", str),
        ("sending_node", str),
        ("created_at", str),
        ("language", str),
        ("legal_basis", str),
        ("redacted", bool),
        ("files", list),
        ("evidence", list),
    ):
        if not isinstance(document.get(key), kind):
            raise PackageError(
                "manifest", f"manifest.json: {key!r} is missing or not a {kind.__name__}", MANIFEST
            )
    try:
        datetime.fromisoformat(document["created_at"])
    except ValueError:
        raise PackageError("manifest", "manifest.json: created_at is not ISO 8601", MANIFEST) from None
    return document


def _manifest_files(manifest: Mapping[str, Any]) -> tuple[ManifestFile, ...]:
    files: list[ManifestFile] = []
    seen: set[str] = set()
    for index, entry in enumerate(manifest["files"]):
        if not (
            isinstance(entry, dict)
            and isinstance(entry.get("path"), str)
            and isinstance(entry.get("sha256"), str)
            and isinstance(entry.get("size"), int)
            and isinstance(entry.get("media_type"), str)
        ):
            raise PackageError(
                "manifest", f"manifest.json: files[{index}] lacks path, sha256, size or media_type", MANIFEST
            )
        path = entry["path"]
        if not _LAYOUT.match(path):
            raise PackageError("layout", f"{path!r} is not part of the package layout (format 1)", path)
        if path in seen:
            raise PackageError("manifest", f"manifest.json lists {path} twice", path)
        seen.add(path)
        files.append(ManifestFile(path, entry["sha256"].lower(), entry["size"], entry["media_type"]))
    return tuple(files)


def _manifest_evidence(
    manifest: Mapping[str, Any], contents: Mapping[str, bytes]
) -> tuple[ManifestEvidence, ...]:
    evidence: list[ManifestEvidence] = []
    for index, entry in enumerate(manifest["evidence"]):
        if not (
            isinstance(entry, dict)
            and isinstance(entry.get("path"), str)
            and isinstance(entry.get("original_sha256"), str)
            and isinstance(entry.get("original_size"), int)
            and isinstance(entry.get("redacted"), bool)
        ):
            raise PackageError("manifest", f"manifest.json: evidence[{index}] is incomplete", MANIFEST)
        path, original, redacted = entry["path"], entry["original_sha256"], entry["redacted"]
        match = _EVIDENCE.match(path)
        if path not in contents or match is None:
            raise PackageError("evidence", f"evidence {path!r} is not a listed evidence file", path)
        if match.group(1) != original or bool(match.group(2)) != redacted:
            raise PackageError(
                "evidence",
                f"{path} does not match its original_sha256 {original} / redacted={redacted}",
                path,
            )
        if not redacted and hashlib.sha256(contents[path]).hexdigest() != original:
            raise PackageError("hash_mismatch", f"{path} is not the original it names", path)
        withheld = entry.get("withheld_parts", [])
        evidence.append(
            ManifestEvidence(
                path,
                original,
                entry["original_size"],
                redacted,
                tuple(str(part) for part in withheld) if isinstance(withheld, list) else (),
            )
        )
    packaged = {item.path for item in evidence}
    for path in contents:
        if path.startswith("evidence/") and path not in packaged:
            raise PackageError("evidence", f"{path} is not described in the manifest's evidence list", path)
    return tuple(evidence)
