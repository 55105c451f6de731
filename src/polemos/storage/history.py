"""The store's memory of what it replaced and refused: the `event_history` table and the rejection log.

When a document comes back changed (same id, new content hash), the store's save_document re-codes it and
replaces its events; `record_superseded` first copies the old events, exactly as stored, into
`event_history` with the hash of the document version they were coded from. `HISTORY_SCHEMA` is the SQL of
a schema step for storage/migrations.py (this module imports nothing from there). The functions run on the
store's connection and leave the transaction to the caller, like storage/relations.py; they take a
storage.connection Connection, so both engines keep the same history.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from polemos.errors import StoreError
from polemos.model import Event, Rejection
from polemos.record_reader import event_from_record
from polemos.storage.connection import Connection

__all__ = [
    "DOCUMENT_CHANGED",
    "HISTORY_SCHEMA",
    "RECODED",
    "HistoryEntry",
    "RejectionEntry",
    "load_history",
    "load_rejection_log",
    "record_superseded",
]

DOCUMENT_CHANGED = "document changed"
"""Why events were superseded: the document came back with a different content hash."""
RECODED = "re-coded"
"""Why events were superseded: the same document was coded again and gave other events (a newer lexicon)."""

# Plain SQL that SQLite and PostgreSQL both read. No foreign key: the history outlives what it replaced.
# `version` counts a document's replacements (1 for the first), so one event id superseded twice is two rows.
HISTORY_SCHEMA: tuple[str, ...] = (
    """
    CREATE TABLE event_history (
        document_id TEXT NOT NULL,
        version INTEGER NOT NULL,
        event_id TEXT NOT NULL,
        superseded_at TEXT NOT NULL,
        reason TEXT NOT NULL,
        record TEXT NOT NULL,
        content_hash TEXT NOT NULL,
        superseded_by TEXT NOT NULL,
        PRIMARY KEY (document_id, version, event_id)
    )
    """,
    "CREATE INDEX event_history_event ON event_history(event_id)",
)

_COLUMNS = (
    "document_id",
    "version",
    "event_id",
    "superseded_at",
    "reason",
    "record",
    "content_hash",
    "superseded_by",
)


@dataclass(frozen=True)
class HistoryEntry:
    """One superseded event as it was stored, with when and why it was replaced."""

    document_id: str
    version: int  # the document's n-th replacement
    event_id: str
    superseded_at: dt.datetime
    reason: str  # DOCUMENT_CHANGED or RECODED
    record: str  # the event's JSON record as it was stored (the JSONL export line)
    content_hash: str  # the document version the event was coded from
    superseded_by: str  # the content hash of the version that replaced it

    def event(self) -> Event:
        """Rebuild the superseded Event from its record."""
        try:
            return event_from_record(json.loads(self.record))
        except ValueError as e:
            raise StoreError(
                f"superseded event {self.event_id!r} of document {self.document_id!r} "
                f"does not read back ({e}); the database is damaged"
            ) from e


@dataclass(frozen=True)
class RejectionEntry:
    """A stored rejection and the last time that input was rejected."""

    rejection: Rejection
    at: dt.datetime


def record_superseded(
    conn: Connection,
    document_id: str,
    new_hash: str,
    *,
    at: dt.datetime | None = None,
) -> int:
    """Copy a document's stored events into the history before they are replaced; return how many.

    Call inside the saving transaction, before the document row is updated (its content hash is the old
    version's) and before its events are deleted. A document not stored yet has nothing to supersede.
    """

    row = conn.execute("SELECT content_hash FROM documents WHERE id = ?", (document_id,)).fetchone()
    if row is None:
        return 0
    old_hash = str(row[0])
    (version,) = conn.execute(
        "SELECT COALESCE(MAX(version), 0) + 1 FROM event_history WHERE document_id = ?", (document_id,)
    ).fetchone()
    when = (at or dt.datetime.now(dt.UTC)).isoformat(timespec="seconds")
    reason = DOCUMENT_CHANGED if old_hash != new_hash else RECODED
    cursor = conn.execute(
        f"INSERT INTO event_history ({', '.join(_COLUMNS)}) "
        "SELECT document_id, ?, event_id, ?, ?, record, ?, ? FROM events WHERE document_id = ? "
        "ORDER BY event_id",
        (int(version), when, reason, old_hash, new_hash, document_id),
    )
    return max(cursor.rowcount, 0)


def load_history(conn: Connection, document_id: str | None = None) -> list[HistoryEntry]:
    """Return the superseded events (of one document, when given), oldest replacement first."""
    sql = f"SELECT {', '.join(_COLUMNS)} FROM event_history"
    params: tuple[str, ...] = ()
    if document_id is not None:
        sql += " WHERE document_id = ?"
        params = (document_id,)
    sql += " ORDER BY superseded_at, document_id, version, event_id"
    out: list[HistoryEntry] = []
    for doc, version, event_id, at, reason, record, old_hash, new_hash in conn.execute(sql, params):
        try:
            when = dt.datetime.fromisoformat(str(at))
        except ValueError as e:
            raise StoreError(f"event history of document {doc!r} has a bad time {at!r}; damaged") from e
        out.append(
            HistoryEntry(
                document_id=str(doc),
                version=int(version),
                event_id=str(event_id),
                superseded_at=when,
                reason=str(reason),
                record=str(record),
                content_hash=str(old_hash),
                superseded_by=str(new_hash),
            )
        )
    return out


def load_rejection_log(conn: Connection) -> list[RejectionEntry]:
    """Return every stored rejection with the time it was last seen, oldest first."""
    out: list[RejectionEntry] = []
    for path, line, reason, at in conn.execute(
        "SELECT path, line, reason, at FROM rejections ORDER BY id", ()
    ):
        try:
            when = dt.datetime.fromisoformat(str(at))
        except ValueError as e:
            raise StoreError(f"rejection of {path} has a bad time {at!r}; the database is damaged") from e
        out.append(RejectionEntry(Rejection(path=str(path), reason=str(reason), line=line), when))
    return out
