"""The corroboration queue of the store (either engine): which stored documents corroboration has still
to see as they are now, found without reading every stored document.

Every write that can make a document pending queues it (`enqueue`: a save, an event leaving its group);
`pending_documents` reads the queue and checks each queued document, and corroboration takes what it saw
off (`dequeue`). A signature made another way (polemos changed how it signs) is found by an index.
"""

from __future__ import annotations

from collections.abc import Sequence

from polemos.storage.connection import Connection

__all__ = ["ORDER", "PENDING_INDEXES", "dequeue", "enqueue", "pending_documents", "queue_schema"]

# SQLite's rowid is insertion order (an upsert keeps it); PostgreSQL's schema has a `rowid` column for it.
ORDER = "d.rowid"

# Step 0007 (both engines): narrow indexes through which `pending_documents` reads documents' ids and
# hashes and events' ids without reading their texts and records. It runs after every stored document,
# so reading whole rows made ingest slow down with the size of the store (0.12 s a call at 5,000
# documents, 0.015 s with these).
PENDING_INDEXES: tuple[str, ...] = (
    "CREATE INDEX documents_signed ON documents(id, content_hash)",
    "CREATE INDEX events_grouping ON events(document_id, event_id)",
)


def queue_schema(text: str) -> tuple[str, ...]:
    """Step 0008 (both engines; `text` is the engine's text type): the corroboration queue, filled with
    what an existing store has pending (every pending document but those whose signature was made
    another way, which `pending_documents` finds by the index made here)."""
    return (
        f"CREATE TABLE corroboration_queue (document_id {text} PRIMARY KEY)",
        """
        INSERT INTO corroboration_queue (document_id)
        SELECT d.id FROM documents d LEFT JOIN document_signatures s ON s.document_id = d.id
        WHERE s.document_id IS NULL OR s.content_hash != d.content_hash
        UNION
        SELECT e.document_id FROM events e
        WHERE NOT EXISTS (SELECT 1 FROM event_groups g WHERE g.event_id = e.event_id)
        """,
        "CREATE INDEX document_signatures_method ON document_signatures(method)",
    )


def enqueue(conn: Connection, document_id: str) -> None:
    """Queue a document for corroboration: its text or events were just written, or one of its events
    left its group."""
    conn.execute(
        "INSERT INTO corroboration_queue (document_id) VALUES (?) ON CONFLICT (document_id) DO NOTHING",
        (document_id,),
    )


def dequeue(conn: Connection, document_ids: Sequence[str]) -> None:
    """Take documents off the queue once corroboration has seen them as they are now."""
    conn.executemany("DELETE FROM corroboration_queue WHERE document_id = ?", [(d,) for d in document_ids])


def pending_documents(conn: Connection, method: str) -> tuple[list[str], list[str]]:
    """Return the documents corroboration has not seen as they are now, in insertion order, and every
    document that was queued (to `dequeue` once those are done).

    Pending are documents with events in no group, and documents whose signature is missing, stale (the
    text changed) or made another way. It runs after every stored document, so it reads only the queue
    (every write that can make a document pending queues it: `enqueue`) and the signatures made another
    way (an index seek: none, unless polemos changed how it signs), never every stored document.
    """
    for (doc,) in conn.execute(
        "SELECT document_id FROM document_signatures WHERE method < ? OR method > ?", (method, method)
    ).fetchall():
        enqueue(conn, str(doc))
    # CROSS JOIN: SQLite then walks the queue and looks each document up, where it would rather walk
    # every document in insertion order to spare the sort.
    rows = conn.execute(
        f"""
        SELECT {ORDER} AS ord, d.id,
               (s.document_id IS NULL OR s.content_hash != d.content_hash OR s.method != ?
                OR EXISTS (SELECT 1 FROM events e WHERE e.document_id = d.id AND NOT EXISTS
                           (SELECT 1 FROM event_groups g WHERE g.event_id = e.event_id))) AS pending
        FROM corroboration_queue q CROSS JOIN documents d
        LEFT JOIN document_signatures s ON s.document_id = d.id
        WHERE d.id = q.document_id
        ORDER BY ord
        """,
        (method,),
    ).fetchall()
    queued = [str(doc) for (doc,) in conn.execute("SELECT document_id FROM corroboration_queue").fetchall()]
    return [str(doc) for (_, doc, pending) in rows if pending], queued
