"""This node's signing key (a file, never the database) and the directory of trusted node keys.

The private key is made once per installation, like the secret key (``lapnet.runtime.keys``): at
``conf.node_key_file()`` (``LAPNET_NODE_KEY_FILE``, by default ``<DATA_DIR>/node_signing_key.pem``),
PKCS#8 PEM, mode 0600, written to a private temporary file and linked into place so that two
processes starting at once agree on one key. Several web nodes of one installation share the file
(and so one key), as they share the secret key.

The public half goes into the directory (:class:`~lapnet.referrals.models.NodeKey`) the first time
the node signs; the other nodes' keys are added by the secretariat (``actions.exchange``). Packages
verify against the directory's keys that are not revoked (:func:`trusted_keys`).
"""

from __future__ import annotations

import os
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from lapnet.exchange.keys import (
    TrustedKey,
    fingerprint,
    generate_private_key,
    load_private_key,
    load_public_key,
    private_key_pem,
    public_key_b64,
)
from lapnet.referrals import conf
from lapnet.referrals.models import NodeKey

__all__ = ["local_node_key", "signing_key", "trusted_keys"]


def signing_key(path: Path | None = None) -> Ed25519PrivateKey:
    """This node's private key, made on first use (mode 0600); a readable key file is narrowed."""
    path = path or conf.node_key_file()
    if not path.exists():
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        _create_key_file(path)
    elif path.stat().st_mode & 0o077:
        path.chmod(0o600)
    return load_private_key(path.read_bytes())


def _create_key_file(path: Path) -> None:
    temporary = path.with_name(f".{path.name}.{os.getpid()}")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(private_key_pem(generate_private_key()))
            handle.flush()
            os.fsync(handle.fileno())
        try:
            os.link(temporary, path)
        except FileExistsError:
            return  # another process made it first: use theirs
    finally:
        temporary.unlink(missing_ok=True)


def local_node_key() -> tuple[Ed25519PrivateKey, NodeKey]:
    """The signing key and its directory entry, registered (as this node's) the first time."""
    key = signing_key()
    entry, _created = NodeKey.objects.get_or_create(
        fingerprint=fingerprint(key),
        defaults={"node_id": conf.node_id(), "public_key": public_key_b64(key), "is_local": True},
    )
    return key, entry


def trusted_keys() -> list[TrustedKey]:
    """Every key of the directory that is not revoked, this node's own included."""
    return [
        TrustedKey(node_id=entry.node_id, public_key=load_public_key(entry.public_key))
        for entry in NodeKey.objects.filter(revoked_at__isnull=True)
    ]


def revoked_keys() -> list[TrustedKey]:
    return [
        TrustedKey(node_id=entry.node_id, public_key=load_public_key(entry.public_key))
        for entry in NodeKey.objects.filter(revoked_at__isnull=False)
    ]
