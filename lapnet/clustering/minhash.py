"""Shingles, MinHash signatures and LSH band keys (numpy, vectorised, deterministic).

- A document is the set of its word 3-shingles (a text shorter than :data:`MIN_TOKENS` tokens has
  no signature: too little to compare); each shingle hashes to 32 bits from CRC-32 token hashes.
- :func:`signature` is the classic MinHash with :data:`NUM_PERM` universal hash functions
  ``(a*x + b) mod (2**61 - 1)`` truncated to 32 bits, ``a`` and ``b`` drawn from a fixed seed, so the
  same text gives the same signature in every process and release.
- :func:`band_keys` cuts the signature into :data:`BANDS` bands of :data:`ROWS` rows and hashes each
  band *with its number* into a 63-bit non-negative integer: one indexed integer column serves all
  bands. Two documents become candidates with probability ``1 - (1 - J**ROWS)**BANDS``: about 0.5
  at J = 0.42, 0.87 at J = 0.5, 0.98 at J = 0.6 for 32 x 4.
- :func:`jaccard` estimates the Jaccard similarity of two signatures (the share of equal rows).
"""

from __future__ import annotations

import hashlib
import zlib
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

NUM_PERM = 128
BANDS = 32
ROWS = 4
SHINGLE = 3
MIN_TOKENS = 4
SEED = 20261128

_MERSENNE = np.uint64((1 << 61) - 1)
_MAX32 = np.uint64(0xFFFFFFFF)
_MASK63 = (1 << 63) - 1

_generator = np.random.RandomState(SEED)
PERM_A: npt.NDArray[np.uint64] = _generator.randint(1, (1 << 61) - 1, NUM_PERM, dtype=np.uint64)
PERM_B: npt.NDArray[np.uint64] = _generator.randint(0, (1 << 61) - 1, NUM_PERM, dtype=np.uint64)
_MIX = (np.uint64(0x9E3779B97F4A7C15), np.uint64(0xC2B2AE3D27D4EB4F))

Signature = npt.NDArray[np.uint32]


def shingle_hashes(words: Sequence[str]) -> npt.NDArray[np.uint64]:
    """32-bit hashes of the word 3-shingles (unique), as uint64 for the permutation arithmetic."""
    if len(words) < MIN_TOKENS:
        return np.empty(0, dtype=np.uint64)
    token = np.fromiter((zlib.crc32(word.encode()) for word in words), dtype=np.uint64, count=len(words))
    with np.errstate(over="ignore"):
        mixed = token[:-2] * _MIX[0] + token[1:-1] * _MIX[1] + token[2:]
    return np.unique((mixed ^ (mixed >> np.uint64(32))) & _MAX32)


def signature(words: Sequence[str]) -> Signature | None:
    """The MinHash signature (uint32[NUM_PERM]) of a token list, or None when it is too short."""
    hashes = shingle_hashes(words)
    if hashes.size == 0:
        return None
    with np.errstate(over="ignore"):
        permuted = (np.outer(hashes, PERM_A) + PERM_B) % _MERSENNE
    return np.asarray((permuted & _MAX32).min(axis=0), dtype=np.uint32)


def band_keys(sig: Signature) -> list[int]:
    """The LSH bucket key of each band: 63-bit, non-negative, with the band number folded in."""
    rows = np.ascontiguousarray(sig[: BANDS * ROWS], dtype="<u4").reshape(BANDS, ROWS)
    keys = []
    for band in range(BANDS):
        digest = hashlib.blake2b(rows[band].tobytes(), digest_size=8, key=band.to_bytes(2, "big")).digest()
        keys.append(int.from_bytes(digest, "big") & _MASK63)
    return keys


def jaccard(first: Signature, second: Signature) -> float:
    """The estimated Jaccard similarity of two documents from their signatures."""
    return float(np.count_nonzero(first == second)) / NUM_PERM


def to_bytes(sig: Signature) -> bytes:
    return np.asarray(sig, dtype="<u4").tobytes()


def from_bytes(data: bytes) -> Signature:
    return np.frombuffer(data, dtype="<u4").astype(np.uint32)
