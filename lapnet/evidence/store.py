"""The evidence store: raw bytes on disk, content-addressed by SHA-256, written once, never altered.

Layout: ``EVIDENCE_ROOT/ab/cd/abcd...`` (the first two byte pairs of the hash as folders). A file is
written to a temporary name in the same folder, flushed and fsync'd, then renamed into place, so a
crash never leaves a half-written blob under a real name; files are made read-only. Reading checks
the hash, so tampering or disk corruption is detected rather than passed on.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

from django.conf import settings


class EvidenceCorruptedError(Exception):
    """The bytes on disk no longer match their SHA-256."""


def blob_path(sha256: str, root: Path | None = None) -> Path:
    if len(sha256) != 64 or any(c not in "0123456789abcdef" for c in sha256):
        raise ValueError(f"not a SHA-256 hex digest: {sha256!r}")
    base = root or Path(settings.EVIDENCE_ROOT)
    return base / sha256[:2] / sha256[2:4] / sha256


def put(data: bytes, root: Path | None = None) -> tuple[str, bool]:
    """Store bytes; returns (sha256, created). Storing the same bytes again is a no-op."""
    sha256 = hashlib.sha256(data).hexdigest()
    path = blob_path(sha256, root)
    if path.exists():
        return sha256, False
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=".incoming-")
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        Path(temporary).chmod(0o444)
        Path(temporary).replace(path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return sha256, True


def get(sha256: str, root: Path | None = None) -> bytes:
    data = blob_path(sha256, root).read_bytes()
    if hashlib.sha256(data).hexdigest() != sha256:
        raise EvidenceCorruptedError(f"evidence {sha256} does not match its hash on disk")
    return data
