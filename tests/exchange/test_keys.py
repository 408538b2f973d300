from __future__ import annotations

import re

import pytest
from cryptography.hazmat.primitives.asymmetric.ed448 import Ed448PrivateKey

from lapnet.exchange.keys import (
    KeyFormatError,
    fingerprint,
    generate_private_key,
    load_private_key,
    load_public_key,
    private_key_pem,
    public_key_b64,
    public_key_pem,
)


def test_public_keys_load_back_from_pem_and_from_raw_base64() -> None:
    key = generate_private_key()
    for serialised in (public_key_pem(key), public_key_b64(key)):
        assert fingerprint(load_public_key(serialised)) == fingerprint(key)


def test_a_fingerprint_is_sha256_of_the_raw_key() -> None:
    assert re.fullmatch(r"SHA256:[0-9a-f]{64}", fingerprint(generate_private_key()))


def test_private_keys_load_back_with_and_without_a_password() -> None:
    key = generate_private_key()
    assert fingerprint(load_private_key(private_key_pem(key))) == fingerprint(key)
    locked = private_key_pem(key, b"correct horse")
    assert fingerprint(load_private_key(locked, b"correct horse")) == fingerprint(key)
    with pytest.raises(KeyFormatError):
        load_private_key(locked, b"wrong")


def test_keys_that_are_not_ed25519_are_refused() -> None:
    from cryptography.hazmat.primitives import serialization

    other = Ed448PrivateKey.generate()
    pem = other.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    with pytest.raises(KeyFormatError, match="not Ed25519"):
        load_public_key(pem)
    with pytest.raises(KeyFormatError, match="32 bytes"):
        load_public_key("AAAA")
