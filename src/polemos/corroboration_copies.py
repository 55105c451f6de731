"""Near-duplicate reports for cross-source corroboration: two reports whose word 5-shingles have Jaccard
>= 0.8 are copies of one (wire copies, light rewrites). MinHash (datasketch) signatures, banded for LSH in
SQL by `polemos.corroboration`, find the candidates; the exact Jaccard confirms them."""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

__all__ = [
    "NEAR_DUPLICATE_JACCARD",
    "band_keys",
    "estimate_jaccard",
    "jaccard",
    "minhash_signature",
    "shingles",
    "signature_from_hex",
    "signature_method",
    "signature_to_hex",
]

NEAR_DUPLICATE_JACCARD = 0.8
# LSH only proposes candidates, the exact Jaccard decides. Banded at 0.8 itself, LSH misses about a third
# of pairs at 0.84 (25 bands of 5 rows at 0.5 find a 0.8 pair with probability 0.99995).
LSH_THRESHOLD = 0.5
SHINGLE_WORDS = 5
NUM_PERM = 128
MINHASH_SEED = 1
_WORD = re.compile(r"\w+")


# --- near-duplicate reports --------------------------------------------------------------------------------


def shingles(text: str, size: int = SHINGLE_WORDS) -> frozenset[str]:
    """Return the word `size`-shingles of a text (case-folded); a shorter text is one shingle."""
    words = _WORD.findall(text.casefold())
    if len(words) < size:
        return frozenset({" ".join(words)}) if words else frozenset()
    return frozenset(" ".join(words[i : i + size]) for i in range(len(words) - size + 1))


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    """Return the Jaccard similarity of two shingle sets (0 when both are empty)."""
    union = len(a | b)
    return len(a & b) / union if union else 0.0


@functools.cache
def signature_method() -> str:
    """Name the signature scheme, so signatures made another way are recomputed, never compared."""
    from importlib.metadata import version

    return f"datasketch-{version('datasketch')}-minhash{NUM_PERM}-seed{MINHASH_SEED}-w{SHINGLE_WORDS}"


def minhash_signature(items: Iterable[str]) -> npt.NDArray[np.uint64]:
    """Return the MinHash signature of a shingle set."""
    import numpy as np
    from datasketch import MinHash  # type: ignore[import-untyped]  # ships no type information

    m = MinHash(num_perm=NUM_PERM, seed=MINHASH_SEED)
    m.update_batch([s.encode("utf-8") for s in sorted(items)])
    return np.asarray(m.hashvalues, dtype=np.uint64)


@functools.cache
def _lsh_shape() -> tuple[int, int]:
    from datasketch import MinHashLSH

    # datasketch picks the bands (b) and rows (r) that minimise false positives and negatives at the
    # threshold; the bands are then kept in SQL rather than in its in-memory index.
    lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
    return int(lsh.b), int(lsh.r)


def band_keys(signature: npt.NDArray[np.uint64]) -> list[tuple[int, str]]:
    """Return the LSH (band, key) pairs of a signature: documents sharing one are candidates."""
    b, r = _lsh_shape()
    return [(i, hashlib.sha1(signature[i * r : (i + 1) * r].tobytes()).hexdigest()[:16]) for i in range(b)]


def signature_to_hex(signature: npt.NDArray[np.uint64]) -> str:
    return signature.astype("<u8").tobytes().hex()


def signature_from_hex(text: str) -> npt.NDArray[np.uint64]:
    import numpy as np

    return np.frombuffer(bytes.fromhex(text), dtype="<u8").astype(np.uint64)


def estimate_jaccard(a: npt.NDArray[np.uint64], b: npt.NDArray[np.uint64]) -> float:
    """Return the MinHash estimate of two documents' Jaccard similarity."""
    if a.shape != b.shape:
        return 0.0
    return float((a == b).mean())
