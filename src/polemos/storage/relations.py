"""The `relations` table of the store (either engine): one row per relation statement, replaced per document.

`RELATIONS_SCHEMA` is the SQL of a schema step for storage/migrations.py (this module imports nothing from
there, so migrations.py may import it); `save_relations` and `load_relations` run on the store's
connection (the caller owns the transaction), so SqliteStore's `save_relations(document_id, relations)`
and `relations(at=None)` are one call each.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Mapping, Sequence

from polemos.errors import StoreError
from polemos.model import Evidence, GeoPrecision, Place, Relation, RelationKind
from polemos.storage.connection import Connection

__all__ = ["RELATIONS_SCHEMA", "load_relations", "save_relations"]

# The schema step storage/migrations.py adds as `Migration("0002_relations", RELATIONS_SCHEMA)`. Plain SQL
# that SQLite and PostgreSQL both read: one row per statement ("the GNA has been backed by Turkey"), keyed
# by its document and its place there; the graph merges repeated statements and closes contradicted ones
# (polemos.graph), so nothing is lost by storing each.
RELATIONS_SCHEMA: tuple[str, ...] = (
    """
    CREATE TABLE relations (
        document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        kind TEXT NOT NULL,
        source TEXT NOT NULL,
        target TEXT NOT NULL,
        start TEXT,
        "end" TEXT,
        confidence REAL NOT NULL,
        evidence TEXT,
        target_place TEXT,
        PRIMARY KEY (document_id, position)
    )
    """,
    "CREATE INDEX relations_start ON relations(start)",
    "CREATE INDEX relations_ends ON relations(source, target, kind)",
)

_COLUMNS = (
    "document_id",
    "position",
    "kind",
    "source",
    "target",
    "start",
    '"end"',
    "confidence",
    "evidence",
    "target_place",
)


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def _row(document_id: str, position: int, r: Relation) -> tuple[object, ...]:
    if r.document_id != document_id:
        raise StoreError(
            f"cannot save relations of document {document_id!r}: one belongs to {r.document_id!r}"
        )
    evidence = json.dumps(dataclasses.asdict(r.evidence), ensure_ascii=False) if r.evidence else None
    place = None
    if r.target_place is not None:
        fields = dataclasses.asdict(r.target_place)
        fields["geo_precision"] = int(r.target_place.geo_precision)
        place = json.dumps(fields, ensure_ascii=False)
    return (
        document_id,
        position,
        r.kind.value,
        r.source,
        r.target,
        _iso(r.start),
        _iso(r.end),
        r.confidence,
        evidence,
        place,
    )


def save_relations(conn: Connection, document_id: str, relations: Sequence[Relation]) -> None:
    """Replace a document's relation statements (run inside the caller's transaction)."""
    rows = [_row(document_id, i, r) for i, r in enumerate(relations)]
    conn.execute("DELETE FROM relations WHERE document_id = ?", (document_id,))
    conn.executemany(
        f"INSERT INTO relations ({', '.join(_COLUMNS)}) VALUES ({', '.join('?' * len(_COLUMNS))})", rows
    )


def _evidence(raw: object) -> Evidence | None:
    if raw is None:
        return None
    data = json.loads(str(raw))
    if not isinstance(data, Mapping):
        raise ValueError("evidence is not a JSON object")
    return Evidence(**data)


def _place(raw: object) -> Place | None:
    if raw is None:
        return None
    data = dict(json.loads(str(raw)))
    data["geo_precision"] = GeoPrecision(int(data["geo_precision"]))
    data["candidates"] = tuple(data.get("candidates", ()))
    return Place(**data)


def _date(raw: object) -> dt.date | None:
    return dt.date.fromisoformat(str(raw)) if raw else None


def load_relations(
    conn: Connection, at: dt.date | None = None, *, document_id: str | None = None
) -> list[Relation]:
    """Return the stored statements, oldest first; with `at`, only those made about `at` or before."""
    where, params = [], []
    if at is not None:
        where.append("(start IS NULL OR start <= ?)")
        params.append(at.isoformat())
    if document_id is not None:
        where.append("document_id = ?")
        params.append(document_id)
    sql = f"SELECT {', '.join(_COLUMNS)} FROM relations"
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += " ORDER BY start IS NOT NULL, start, document_id, position"
    return [relation_from_row(row) for row in conn.execute(sql, params)]


def relation_from_row(row: Sequence[object]) -> Relation:
    """Rebuild a Relation from a `relations` row (columns in `_COLUMNS` order), on either engine."""
    doc, position, kind, source, target, start, end, confidence, evidence, place = row
    try:
        return Relation(
            source=str(source),
            target=str(target),
            kind=RelationKind(str(kind)),
            document_id=str(doc),
            start=_date(start),
            end=_date(end),
            evidence=_evidence(evidence),
            confidence=float(confidence),  # type: ignore[arg-type]
            target_place=_place(place),
        )
    except (ValueError, TypeError, KeyError) as e:
        raise StoreError(
            f"relation {position} of document {doc!r} does not read back ({e}); the database is damaged"
        ) from e
