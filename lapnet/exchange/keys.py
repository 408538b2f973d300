"""Ed25519 keys of the network's nodes: generate, serialise, fingerprint, load.

A node signs the evidence packages it exports with its private key; every other node keeps the
public keys of the nodes it trusts (the directory). A key is named by its **fingerprint**,
``SHA256:`` followed by the lowercase hex SHA-256 of the 32 raw public-key bytes: short enough to read
out over the phone, and what a package manifest names as its signer.

Public keys travel as PEM (SubjectPublicKeyInfo, what ``openssl pkey -pubout`` writes) or as the
base64 of the 32 raw bytes (what fits in a directory field); :func:`load_public_key` reads both.
Private keys are PKCS#8 PEM, encrypted when a password is given.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from dataclasses import dataclass

from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

__all__ = [
    "KeyFormatError",
    "TrustedKey",
    "fingerprint",
    "generate_private_key",
    "load_private_key",
    "load_public_key",
    "private_key_pem",
    "public_key_b64",
    "public_key_pem",
    "public_key_raw",
]

FINGERPRINT_PREFIX = "SHA256:"


class KeyFormatError(ValueError):
    """A key that cannot be read: says what was expected and what was found."""


@dataclass(frozen=True, slots=True)
class TrustedKey:
    """A public key from the directory and the node it belongs to.

    A package verifies only when its signer's key is one of these *and* the manifest names this
    key's node as the sender: a trusted key of node A cannot vouch for a package claiming to be B's.
    """

    node_id: str
    public_key: Ed25519PublicKey

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.public_key)


def generate_private_key() -> Ed25519PrivateKey:
    return Ed25519PrivateKey.generate()


def _public(key: Ed25519PrivateKey | Ed25519PublicKey) -> Ed25519PublicKey:
    return key.public_key() if isinstance(key, Ed25519PrivateKey) else key


def public_key_raw(key: Ed25519PrivateKey | Ed25519PublicKey) -> bytes:
    """The 32 raw bytes of the public key (RFC 8032)."""
    return _public(key).public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def public_key_b64(key: Ed25519PrivateKey | Ed25519PublicKey) -> str:
    """The base64 of the 32 raw public-key bytes: 44 characters."""
    return base64.b64encode(public_key_raw(key)).decode("ascii")


def public_key_pem(key: Ed25519PrivateKey | Ed25519PublicKey) -> bytes:
    return _public(key).public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )


def fingerprint(key: Ed25519PrivateKey | Ed25519PublicKey) -> str:
    """``SHA256:<64 hex digits>`` of the raw public key."""
    return FINGERPRINT_PREFIX + hashlib.sha256(public_key_raw(key)).hexdigest()


def private_key_pem(key: Ed25519PrivateKey, password: bytes | None = None) -> bytes:
    """PKCS#8 PEM; encrypted with the best available scheme when a password is given."""
    encryption: serialization.KeySerializationEncryption = (
        serialization.BestAvailableEncryption(password) if password else serialization.NoEncryption()
    )
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, encryption)


def load_private_key(pem: bytes, password: bytes | None = None) -> Ed25519PrivateKey:
    try:
        key = serialization.load_pem_private_key(pem, password=password)
    except (ValueError, TypeError, UnsupportedAlgorithm) as error:
        raise KeyFormatError(f"not a readable PEM private key: {error}") from error
    if not isinstance(key, Ed25519PrivateKey):
        raise KeyFormatError(f"the private key is {type(key).__name__}, not Ed25519")
    return key


def load_public_key(data: str | bytes) -> Ed25519PublicKey:
    """A public key from PEM (SubjectPublicKeyInfo) or from the base64 of its 32 raw bytes."""
    raw = data.encode("ascii", "replace") if isinstance(data, str) else data
    text = raw.strip()
    if text.startswith(b"-----BEGIN"):
        try:
            key = serialization.load_pem_public_key(text)
        except (ValueError, UnsupportedAlgorithm) as error:
            raise KeyFormatError(f"not a readable PEM public key: {error}") from error
        if not isinstance(key, Ed25519PublicKey):
            raise KeyFormatError(f"the public key is {type(key).__name__}, not Ed25519")
        return key
    try:
        decoded = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError) as error:
        raise KeyFormatError("a public key is PEM or the base64 of 32 raw bytes: this is neither") from error
    if len(decoded) != 32:
        raise KeyFormatError(f"an Ed25519 public key is 32 bytes, this one is {len(decoded)}")
    return Ed25519PublicKey.from_public_bytes(decoded)
