"""The default Store: one SQLite file (WAL mode) of documents, events, evidence, sources, actors, rejections.

It sits at the end of the pipeline (save) and under every reader (CLI, exports, web). After datasette's
one-writer idea, a store owns one connection and every write is one explicit `BEGIN IMMEDIATE`
transaction taken under a lock: a second writer, thread or process, waits its turn instead of failing
halfway through a document, and a failed save rolls back to the state before it.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from polemos.errors import StoreError
from polemos.model import Document, Event, Evidence, Rejection, Relation, Source
from polemos.records import event_from_record, event_to_record
from polemos.storage.base import DocumentStatus, EventFilter
from polemos.storage.history import (
    HistoryEntry,
    RejectionEntry,
    load_history,
    load_rejection_log,
    record_superseded,
)
from polemos.storage.migrations import apply_migrations
from polemos.storage.relations import load_relations, save_relations

if TYPE_CHECKING:  # polemos.corroboration imports this package: imported where used
    from polemos.corroboration import CorroboratedEvent, CorroborationReport, Explanation

# Seconds a writer waits for another process's transaction before giving up.
BUSY_TIMEOUT_S = 30.0

# The ACLED columns copied from the record into real columns of `events`.
_EVENT_COLUMNS = (
    *("event_id", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type"),
    *("actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction"),
    *("civilian_targeting", "iso", "country", "admin1", "admin2", "admin3", "location", "latitude"),
    *("longitude", "geo_precision", "source", "source_scale", "notes", "fatalities", "tags", "confidence"),
)
_DOCUMENT_COLUMNS = ("id", "text", "title", "url", "outlet", "published", "language", "path", "content_hash")
_EVERYTHING = EventFilter()


def _fold(value: object) -> str:
    """Casefold for case-insensitive matching of any script (SQLite's lower() folds ASCII only)."""
    return str(value).casefold() if value is not None else ""


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


class SqliteStore:
    """A Store in one SQLite database file (or ":memory:")."""

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        self._lock = threading.Lock()
        try:
            if self.path != ":memory:":
                Path(self.path).parent.mkdir(parents=True, exist_ok=True)
            self._conn = sqlite3.connect(self.path, isolation_level=None, timeout=BUSY_TIMEOUT_S)
        except (OSError, sqlite3.Error) as e:
            raise StoreError(
                f"cannot open SQLite database {self.path}: {e}; check the path and permissions"
            ) from e
        try:
            self._conn.execute("PRAGMA journal_mode = WAL")
            self._conn.execute("PRAGMA foreign_keys = ON")
            self._conn.execute("PRAGMA synchronous = NORMAL")  # durable enough in WAL mode, much faster
            self._conn.create_function("pm_fold", 1, _fold, deterministic=True)
            apply_migrations(self._conn)
        except sqlite3.DatabaseError as e:
            self._conn.close()
            raise StoreError(f"{self.path} is not a usable polemos database: {e}") from e
        except StoreError:
            self._conn.close()
            raise

    # --- lifecycle -----------------------------------------------------------------------------------

    def close(self) -> None:
        """Release the database connection."""
        self._conn.close()

    def __enter__(self) -> SqliteStore:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    @contextmanager
    def _write(self, what: str) -> Iterator[sqlite3.Connection]:
        """Run the body as one transaction; roll back and raise StoreError on any failure."""
        with self._lock:
            try:
                self._conn.execute("BEGIN IMMEDIATE")
            except sqlite3.Error as e:
                raise StoreError(f"cannot {what}: database {self.path} is not writable ({e})") from e
            try:
                yield self._conn
                self._conn.execute("COMMIT")
            except BaseException as e:
                if self._conn.in_transaction:
                    self._conn.execute("ROLLBACK")
                if isinstance(e, StoreError) or not isinstance(e, Exception):
                    raise
                raise StoreError(f"cannot {what}: {e}; nothing was written") from e

    # --- writes --------------------------------------------------------------------------------------

    def document_status(self, doc: Document) -> DocumentStatus:
        """Say whether `doc` is new, unchanged (same content hash) or changed since it was saved."""
        row = self._conn.execute("SELECT content_hash FROM documents WHERE id = ?", (doc.id,)).fetchone()
        if row is None:
            return DocumentStatus.NEW
        return DocumentStatus.UNCHANGED if row[0] == doc.content_hash else DocumentStatus.CHANGED

    def save_document(
        self, doc: Document, events: Sequence[Event], relations: Sequence[Relation] | None = None
    ) -> None:
        """Save a document and replace its events (and its relations, when given), in one transaction;
        raise StoreError on failure."""
        what = f"save document {doc.id!r}"
        records: list[tuple[Event, dict[str, object], str]] = []
        try:
            for event in events:
                record = event_to_record(event)
                records.append((event, record, json.dumps(record, ensure_ascii=False, allow_nan=False)))
        except (TypeError, ValueError) as e:
            raise StoreError(f"cannot {what}: an event does not serialise ({e}); nothing was written") from e
        ids = [event.event_id for event, _, _ in records]
        if len(set(ids)) != len(ids):
            duplicates = sorted({i for i in ids if ids.count(i) > 1})
            raise StoreError(
                f"cannot {what}: event ids repeat ({', '.join(duplicates)}); nothing was written"
            )
        with self._write(what) as conn:
            if self._is_stored(conn, doc, records):
                return  # idempotent: re-saving what is stored changes no row
            # Before the upsert, which overwrites the old content hash: history keeps the old events.
            record_superseded(conn, doc.id, doc.content_hash)
            self._upsert_document(conn, doc)
            conn.execute("DELETE FROM events WHERE document_id = ?", (doc.id,))  # superseded
            for event, record, payload in records:
                self._insert_event(conn, doc.id, event, record, payload)
            self._upsert_actors(conn, [e for e, _, _ in records])
            if relations is not None:
                save_relations(conn, doc.id, relations)

    def corroborate(self, document_ids: Sequence[str] | None = None) -> CorroborationReport:
        """Group the given documents' events (and any not yet grouped) with other reports of them."""
        from polemos.corroboration import corroborate

        with self._write("corroborate events across sources") as conn:
            return corroborate(conn, document_ids)

    def corroborated(self, flt: EventFilter = _EVERYTHING) -> list[CorroboratedEvent]:
        """Return one corroborated event per group of reports (fatality range, members), like events()."""
        from polemos.corroboration import corroborated

        return corroborated(self._conn, flt)

    def corroborated_events(self, flt: EventFilter = _EVERYTHING) -> list[Event]:
        """Return one event per group of reports of it, filtered and ordered like events()."""
        from polemos.corroboration import corroborated_events

        return corroborated_events(self._conn, flt)

    def explain(self, event_id: str) -> Explanation | None:
        """Explain a corroborated event (or the one a member event belongs to); None when unknown."""
        from polemos.corroboration import explain

        return explain(self._conn, event_id)

    def split_event(self, event_id: str) -> str:
        """Move an event out of its corroborated event, kept apart from then on; return its group."""
        from polemos.corroboration import split_event

        with self._write(f"split event {event_id}") as conn:
            return split_event(conn, event_id)

    def unsplit_event(self, event_id: str) -> str:
        """Undo a split; return the group the event goes to."""
        from polemos.corroboration import unsplit_event

        with self._write(f"undo the split of event {event_id}") as conn:
            return unsplit_event(conn, event_id)

    def history(self, document_id: str | None = None) -> list[HistoryEntry]:
        """Return the superseded events (of one document, when given), oldest replacement first."""
        return load_history(self._conn, document_id)

    def rejection_log(self) -> list[RejectionEntry]:
        """Return every recorded rejection with the time it was last seen, oldest first."""
        return load_rejection_log(self._conn)

    def relations(self, at: dt.date | None = None) -> list[Relation]:
        """Every stored relation statement (holding on `at`, when given), in document order."""
        return load_relations(self._conn, at)

    def _is_stored(
        self, conn: sqlite3.Connection, doc: Document, records: list[tuple[Event, dict[str, object], str]]
    ) -> bool:
        cols = ", ".join(_DOCUMENT_COLUMNS)
        row = conn.execute(f"SELECT {cols} FROM documents WHERE id = ?", (doc.id,)).fetchone()
        if row is None or tuple(row) != self._document_row(doc):
            return False
        stored = conn.execute(
            "SELECT event_id, record FROM events WHERE document_id = ? ORDER BY event_id", (doc.id,)
        ).fetchall()
        return [tuple(r) for r in stored] == sorted((e.event_id, p) for e, _, p in records)

    @staticmethod
    def _document_row(doc: Document) -> tuple[object, ...]:
        published = doc.published.isoformat() if doc.published else None
        return (
            doc.id,
            doc.text,
            doc.title,
            doc.url,
            doc.outlet,
            published,
            doc.language,
            doc.path,
            doc.content_hash,
        )

    def _upsert_document(self, conn: sqlite3.Connection, doc: Document) -> None:
        cols = [*_DOCUMENT_COLUMNS, "ingested_at"]
        updates = ", ".join(f"{c} = excluded.{c}" for c in cols[1:])
        conn.execute(
            f"INSERT INTO documents ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))}) "
            f"ON CONFLICT(id) DO UPDATE SET {updates}",
            (*self._document_row(doc), _now()),
        )

    def _insert_event(
        self,
        conn: sqlite3.Connection,
        document_id: str,
        event: Event,
        record: dict[str, object],
        payload: str,
    ) -> None:
        owner = conn.execute(
            "SELECT document_id FROM events WHERE event_id = ?", (event.event_id,)
        ).fetchone()
        if owner is not None:
            raise StoreError(
                f"cannot save document {document_id!r}: event id {event.event_id!r} already belongs to "
                f"document {owner[0]!r}; event ids must be unique across documents"
            )
        cols = ["document_id", *_EVENT_COLUMNS, "is_background", "record"]
        values = [document_id, *(record[c] for c in _EVENT_COLUMNS), int(event.is_background), payload]
        conn.execute(f"INSERT INTO events ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})", values)
        conn.executemany(
            'INSERT INTO evidence (event_id, field, value, document_id, sentence, start, "end", text, rule, '
            "confidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [_evidence_row(event.event_id, ev) for ev in event.evidence],
        )
        conn.executemany(
            "INSERT INTO event_sources (event_id, position, document_id, url, outlet, published, sentence, "
            'start, "end") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
            [_source_row(event.event_id, i, s) for i, s in enumerate(event.sources)],
        )

    def _upsert_actors(self, conn: sqlite3.Connection, events: Sequence[Event]) -> None:
        actors = [a for e in events for a in (e.actor1, e.actor2) if a is not None]
        conn.executemany(
            "INSERT INTO actors (name, inter, country) VALUES (?, ?, ?) ON CONFLICT(name) DO UPDATE "
            "SET inter = excluded.inter, country = coalesce(excluded.country, actors.country)",
            [(a.name, a.inter, a.country) for a in actors],
        )
        # Actors only the superseded events named are no longer in the data.
        conn.execute(
            "DELETE FROM actors WHERE name NOT IN (SELECT actor1 FROM events UNION SELECT actor2 FROM events)"
        )

    def add_rejection(self, rejection: Rejection) -> None:
        """Record an input that could not be read; the same rejection again only refreshes its time."""
        with self._write(f"record the rejection of {rejection.path}") as conn:
            key = (rejection.path, rejection.line, rejection.reason)
            updated = conn.execute(
                "UPDATE rejections SET at = ? WHERE path = ? AND line IS ? AND reason = ?", (_now(), *key)
            )
            if updated.rowcount == 0:
                conn.execute(
                    "INSERT INTO rejections (path, line, reason, at) VALUES (?, ?, ?, ?)", (*key, _now())
                )

    # --- reads ---------------------------------------------------------------------------------------

    def events(self, flt: EventFilter = _EVERYTHING) -> list[Event]:
        """Return the events matching `flt`, ordered by event date (undated last), then event id."""
        where: list[str] = []
        params: list[object] = []
        if flt.date_from is not None:
            where.append("event_date >= ?")
            params.append(flt.date_from.isoformat())
        if flt.date_to is not None:
            where.append("substr(event_date, 1, 10) <= ?")
            params.append(flt.date_to.isoformat())
        if flt.event_type is not None:
            where.append("event_type = ?")
            params.append(flt.event_type)
        if flt.sub_event_type is not None:
            where.append("sub_event_type = ?")
            params.append(flt.sub_event_type)
        if flt.actor:
            cols = ("actor1", "actor2", "assoc_actor_1", "assoc_actor_2")
            where.append("(" + " OR ".join(f"instr(pm_fold({c}), ?) > 0" for c in cols) + ")")
            params.extend([flt.actor.casefold()] * len(cols))
        if flt.place:
            cols = ("location", "admin1", "admin2", "country")
            where.append("(" + " OR ".join(f"instr(pm_fold({c}), ?) > 0" for c in cols) + ")")
            params.extend([flt.place.casefold()] * len(cols))
        if flt.document_id is not None:
            where.append(
                "(document_id = ? OR event_id IN (SELECT event_id FROM event_sources WHERE document_id = ?))"
            )
            params.extend([flt.document_id, flt.document_id])
        if not flt.include_background:
            where.append("is_background = 0")
        sql = "SELECT record FROM events"
        if where:
            sql += " WHERE " + " AND ".join(where)
        # Newest first, as ACLED's own API serves events; within a day, in the order the report tells them
        # (export.newest_first sorts the same way in memory).
        sql += (
            " ORDER BY event_date IS NULL, event_date DESC, document_id,"
            " (SELECT MIN(s.start) FROM event_sources s WHERE s.event_id = events.event_id), event_id"
        )
        if flt.limit is not None:
            sql += " LIMIT ?"
            params.append(flt.limit)
        return [self._event(payload) for (payload,) in self._conn.execute(sql, params)]

    def event(self, event_id: str) -> Event | None:
        """Return one event, or None if no event has that id."""
        row = self._conn.execute("SELECT record FROM events WHERE event_id = ?", (event_id,)).fetchone()
        return self._event(row[0]) if row else None

    def _event(self, payload: str) -> Event:
        try:
            return event_from_record(json.loads(payload))
        except ValueError as e:
            raise StoreError(f"{self.path}: a stored event record does not read back ({e})") from e

    def documents(self) -> list[Document]:
        """Return every stored document, ordered by id."""
        cols = ", ".join(_DOCUMENT_COLUMNS)
        return [_document(row) for row in self._conn.execute(f"SELECT {cols} FROM documents ORDER BY id")]

    def document(self, document_id: str) -> Document | None:
        """Return one document, or None if no document has that id."""
        cols = ", ".join(_DOCUMENT_COLUMNS)
        row = self._conn.execute(f"SELECT {cols} FROM documents WHERE id = ?", (document_id,)).fetchone()
        return _document(row) if row else None

    def rejections(self) -> list[Rejection]:
        """Return every recorded rejection, oldest first."""
        rows = self._conn.execute("SELECT path, reason, line FROM rejections ORDER BY id")
        return [Rejection(path=p, reason=r, line=line) for p, r, line in rows]

    def actors(self) -> list[tuple[str, int | None, int]]:
        """Return (name, inter code, number of events) for every actor, most active first."""
        rows = self._conn.execute(
            "SELECT a.name, a.inter, "
            "(SELECT count(*) FROM events e WHERE e.actor1 = a.name OR e.actor2 = a.name) AS n "
            "FROM actors a ORDER BY n DESC, a.name"
        )
        return [(str(name), inter, int(n)) for name, inter, n in rows]


def _evidence_row(event_id: str, ev: Evidence) -> tuple[object, ...]:
    return (
        event_id,
        ev.field,
        ev.value,
        ev.document_id,
        ev.sentence,
        ev.start,
        ev.end,
        ev.text,
        ev.rule,
        ev.confidence,
    )


def _source_row(event_id: str, position: int, s: Source) -> tuple[object, ...]:
    published = s.published.isoformat() if s.published else None
    return (event_id, position, s.document_id, s.url, s.outlet, published, s.sentence, s.start, s.end)


def _document(row: tuple[object, ...]) -> Document:
    doc_id, text, title, url, outlet, published, language, path, _ = row
    return Document(
        id=str(doc_id),
        text=str(text),
        title=_opt(title),
        url=_opt(url),
        outlet=_opt(outlet),
        published=dt.date.fromisoformat(str(published)) if published else None,
        language=str(language),
        path=_opt(path),
    )


def _opt(value: object) -> str | None:
    return None if value is None else str(value)
