"""How a document and its events become rows of the store's tables (documents, events, evidence,
event_sources), and a `documents` row a Document again; sql_store.py runs the SQL for both engines.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence

from polemos.errors import StoreError
from polemos.model import Document, Event, Evidence, Source
from polemos.records import event_to_record
from polemos.storage.connection import Connection
from polemos.storage.row_values import optional_text

__all__ = [
    "DOCUMENT_COLUMNS",
    "EVENT_COLUMNS",
    "EventRecord",
    "document_from_row",
    "document_row",
    "event_records",
    "evidence_row",
    "is_stored",
    "source_row",
]

# The ACLED columns copied from the record into real columns of `events`.
EVENT_COLUMNS = (
    *("event_id", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type"),
    *("actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction"),
    *("civilian_targeting", "iso", "country", "admin1", "admin2", "admin3", "location", "latitude"),
    *("longitude", "geo_precision", "source", "source_scale", "notes", "fatalities", "tags", "confidence"),
)
DOCUMENT_COLUMNS = ("id", "text", "title", "url", "outlet", "published", "language", "path", "content_hash")

# An event about to be saved: the Event, its ACLED record and that record as the JSON text stored.
EventRecord = tuple[Event, dict[str, object], str]


def event_records(events: Sequence[Event], what: str) -> list[EventRecord]:
    """Serialise the events to save, refusing what does not serialise and repeated ids, before any write."""
    records: list[EventRecord] = []
    try:
        for event in events:
            record = event_to_record(event)
            records.append((event, record, json.dumps(record, ensure_ascii=False, allow_nan=False)))
    except (TypeError, ValueError) as e:
        raise StoreError(f"cannot {what}: an event does not serialise ({e}); nothing was written") from e
    ids = [event.event_id for event, _, _ in records]
    if len(set(ids)) != len(ids):
        duplicates = sorted({i for i in ids if ids.count(i) > 1})
        raise StoreError(f"cannot {what}: event ids repeat ({', '.join(duplicates)}); nothing was written")
    return records


def is_stored(conn: Connection, doc: Document, records: list[EventRecord]) -> bool:
    """Say whether the store holds this document and these events exactly as they are."""
    cols = ", ".join(DOCUMENT_COLUMNS)
    row = conn.execute(f"SELECT {cols} FROM documents WHERE id = ?", (doc.id,)).fetchone()
    if row is None or tuple(row) != document_row(doc):
        return False
    stored = conn.execute(
        "SELECT event_id, record FROM events WHERE document_id = ? ORDER BY event_id", (doc.id,)
    ).fetchall()
    return [tuple(r) for r in stored] == sorted((e.event_id, p) for e, _, p in records)


def document_row(doc: Document) -> tuple[object, ...]:
    """Return a document's values for DOCUMENT_COLUMNS."""
    published = doc.published.isoformat() if doc.published else None
    return (
        *(doc.id, doc.text, doc.title, doc.url, doc.outlet, published, doc.language, doc.path),
        doc.content_hash,
    )


def evidence_row(event_id: str, ev: Evidence) -> tuple[object, ...]:
    """Return one `evidence` row of an event."""
    return (
        *(event_id, ev.field, ev.value, ev.document_id, ev.sentence, ev.start, ev.end, ev.text, ev.rule),
        ev.confidence,
    )


def source_row(event_id: str, position: int, s: Source) -> tuple[object, ...]:
    """Return one `event_sources` row of an event."""
    published = s.published.isoformat() if s.published else None
    return (event_id, position, s.document_id, s.url, s.outlet, published, s.sentence, s.start, s.end)


def document_from_row(row: Sequence[object]) -> Document:
    """Rebuild a Document from its DOCUMENT_COLUMNS values."""
    doc_id, text, title, url, outlet, published, language, path, _ = row
    return Document(
        id=str(doc_id),
        text=str(text),
        title=optional_text(title),
        url=optional_text(url),
        outlet=optional_text(outlet),
        published=dt.date.fromisoformat(str(published)) if published else None,
        language=str(language),
        path=optional_text(path),
    )
