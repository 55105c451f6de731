"""Near-duplicate reports in the store (tables `document_signatures`, `document_bands`,
`document_duplicates`, created by storage/corroboration.py's schema step): each document's MinHash
signature and LSH bands, and the confirmed near-duplicate pairs. The functions run on the store's
connection inside the caller's transaction; polemos.corroboration decides which pairs are copies.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from polemos.storage.connection import Connection, placeholders
from polemos.storage.row_values import utc_now

__all__ = [
    "DuplicateRow",
    "add_duplicate",
    "duplicate_rows",
    "replace_signature",
    "same_band_documents",
    "signature_of",
]


@dataclass(frozen=True)
class DuplicateRow:
    """A confirmed near-duplicate pair of documents."""

    document_id: str
    duplicate_of: str
    jaccard: float
    estimate: float


def signature_of(conn: Connection, document_id: str) -> tuple[str, str, str] | None:
    """Return (content_hash, method, hex signature) of a document, or None."""
    row = conn.execute(
        "SELECT content_hash, method, signature FROM document_signatures WHERE document_id = ?",
        (document_id,),
    ).fetchone()
    return (str(row[0]), str(row[1]), str(row[2])) if row else None


def replace_signature(
    conn: Connection,
    document_id: str,
    content_hash: str,
    method: str,
    signature: str,
    bands: Sequence[tuple[int, str]],
) -> None:
    """Store a document's signature and bands, forgetting its old ones and every duplicate pair it was in."""
    conn.execute("DELETE FROM document_bands WHERE document_id = ?", (document_id,))
    conn.execute(
        "DELETE FROM document_duplicates WHERE document_id = ? OR duplicate_of = ?",
        (document_id, document_id),
    )
    conn.execute("DELETE FROM document_signatures WHERE document_id = ?", (document_id,))
    conn.execute(
        "INSERT INTO document_signatures (document_id, content_hash, method, signature) VALUES (?, ?, ?, ?)",
        (document_id, content_hash, method, signature),
    )
    conn.executemany(
        "INSERT INTO document_bands (document_id, band, band_key) VALUES (?, ?, ?)",
        [(document_id, band, key) for band, key in bands],
    )


def same_band_documents(conn: Connection, document_id: str, method: str) -> list[tuple[str, str, str]]:
    """Return (document id, text, hex signature) of the other documents sharing an LSH band with one."""
    # CROSS JOINs keep SQLite to this order (the document's bands, the others in them, their rows): it
    # would otherwise start from every signature made with `method`, which is all of them.
    rows = conn.execute(
        """
        SELECT DISTINCT d.id, d.text, s.signature
        FROM document_bands mine CROSS JOIN document_bands other CROSS JOIN documents d
        CROSS JOIN document_signatures s
        WHERE mine.document_id = ? AND other.band = mine.band AND other.band_key = mine.band_key
          AND other.document_id != ? AND d.id = other.document_id AND s.document_id = d.id AND s.method = ?
        ORDER BY d.id
        """,
        (document_id, document_id, method),
    )
    return [(str(doc), str(text), str(sig)) for doc, text, sig in rows]


def add_duplicate(conn: Connection, row: DuplicateRow) -> None:
    """Record a confirmed near-duplicate pair."""
    conn.execute(
        "INSERT INTO document_duplicates (document_id, duplicate_of, jaccard, estimate, at) VALUES "
        "(?, ?, ?, ?, ?) ON CONFLICT (document_id, duplicate_of) DO UPDATE SET jaccard = excluded.jaccard, "
        "estimate = excluded.estimate, at = excluded.at",
        (row.document_id, row.duplicate_of, row.jaccard, row.estimate, utc_now()),
    )


def duplicate_rows(conn: Connection, document_ids: Iterable[str] | None = None) -> list[DuplicateRow]:
    """Return the near-duplicate pairs (all, or those touching `document_ids`)."""
    sql = "SELECT document_id, duplicate_of, jaccard, estimate FROM document_duplicates"
    params: list[str] = []
    if document_ids is not None:
        params = list(dict.fromkeys(document_ids))
        if not params:
            return []
        marks = placeholders(len(params))
        sql += f" WHERE document_id IN ({marks}) OR duplicate_of IN ({marks})"
        params = params + params
    rows = conn.execute(sql + " ORDER BY document_id, duplicate_of", params)
    return [DuplicateRow(str(a), str(b), float(j), float(e)) for a, b, j, e in rows]
