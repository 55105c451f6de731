"""The Store logic both engines share: the idempotent save, filters and ordering, written once.

SqliteStore (sqlite.py) and PostgresStore (postgres.py) subclass `SqlStore` and supply only what differs:
how a connection is opened, migrated and locked (`_write`, `_reading`), how a case-insensitive substring
filter is written (`_contains`), extra columns an engine keeps on `events` (`_event_extras`) and how a
nullable column equals a parameter (`_SAME`). Everything here is SQL with `?` placeholders run on a
storage.connection.Connection, so a change to the save or to the filters is made once, for both. The
rows a document and its events become are document_rows.py's.
"""

from __future__ import annotations

import datetime as dt
import json
from abc import ABC, abstractmethod
from collections.abc import Sequence
from contextlib import AbstractContextManager
from types import TracebackType
from typing import TYPE_CHECKING, Self

from polemos.errors import StoreError
from polemos.model import Document, Event, Rejection, Relation
from polemos.record_reader import event_from_record
from polemos.storage.base import DocumentStatus, EventFilter
from polemos.storage.connection import Connection, placeholders
from polemos.storage.corroboration_queue import enqueue
from polemos.storage.document_rows import (
    DOCUMENT_COLUMNS,
    EVENT_COLUMNS,
    document_from_row,
    document_row,
    event_records,
    evidence_row,
    is_stored,
    source_row,
)
from polemos.storage.history import (
    HistoryEntry,
    RejectionEntry,
    load_history,
    load_rejection_log,
    record_superseded,
)
from polemos.storage.relations import load_relations, save_relations
from polemos.storage.row_values import utc_now
from polemos.storage.watch_state import WatchState

if TYPE_CHECKING:  # polemos.corroboration imports this package: imported where used
    from polemos.corroboration import CorroborationReport
    from polemos.corroboration_decisions import Explanation
    from polemos.corroboration_groups import CorroboratedEvent

__all__ = ["ACTOR_COLUMNS", "PLACE_COLUMNS", "SqlStore", "fold"]

# The columns the `actor` and `place` filters search.
ACTOR_COLUMNS = ("actor1", "actor2", "assoc_actor_1", "assoc_actor_2")
PLACE_COLUMNS = ("location", "admin1", "admin2", "country")
_EVERYTHING = EventFilter()


def fold(value: object) -> str:
    """Casefold for case-insensitive matching of any script (SQL's lower() folds ASCII only)."""
    return str(value).casefold() if value is not None else ""


class SqlStore(ABC):
    """A Store over SQL tables; a subclass gives the connection and the engine's few differences."""

    _where: str  # the database, as messages name it
    # SQL for "nullable column equals parameter" (SQLite's `IS` predates `IS NOT DISTINCT FROM`).
    _SAME = "IS NOT DISTINCT FROM"

    # --- what an engine supplies -----------------------------------------------------------------------

    @abstractmethod
    def close(self) -> None:
        """Release the database connection."""
        raise NotImplementedError

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    @abstractmethod
    def open_watch_state(self) -> WatchState:
        """Open the watcher's tables (storage/watch_state.py) on a connection of the watcher's own."""
        raise NotImplementedError

    @abstractmethod
    def _write(self, what: str) -> AbstractContextManager[Connection]:
        """Run the body as one write transaction; roll back and raise StoreError on failure."""
        raise NotImplementedError

    @abstractmethod
    def _reading(self) -> AbstractContextManager[Connection]:
        """Lend the connection to a reader."""
        raise NotImplementedError

    @abstractmethod
    def _contains(self, column: str) -> str:
        """SQL true when the casefolded `column` contains the (casefolded) `?` parameter."""
        raise NotImplementedError

    def _event_extras(self, record: dict[str, object]) -> dict[str, object]:
        """Extra `events` columns this engine keeps (none by default)."""
        return {}

    # --- writes ----------------------------------------------------------------------------------------

    def document_status(self, doc: Document) -> DocumentStatus:
        """Say whether `doc` is new, unchanged (same content hash) or changed since it was saved."""
        with self._reading() as conn:
            row = conn.execute("SELECT content_hash FROM documents WHERE id = ?", (doc.id,)).fetchone()
        if row is None:
            return DocumentStatus.NEW
        return DocumentStatus.UNCHANGED if row[0] == doc.content_hash else DocumentStatus.CHANGED

    def save_document(
        self, doc: Document, events: Sequence[Event], relations: Sequence[Relation] | None = None
    ) -> None:
        """Save a document and replace its events (and its relations, when given), in one transaction;
        raise StoreError on failure."""
        what = f"save document {doc.id!r}"
        records = event_records(events, what)
        with self._write(what) as conn:
            if is_stored(conn, doc, records):
                return  # idempotent: re-saving what is stored changes no row
            # Before the upsert, which overwrites the old content hash: history keeps the old events.
            record_superseded(conn, doc.id, doc.content_hash)
            _upsert_document(conn, doc)
            named = conn.execute("SELECT actor1, actor2 FROM events WHERE document_id = ?", (doc.id,))
            superseded_actors = {str(name) for row in named.fetchall() for name in row if name}
            conn.execute("DELETE FROM events WHERE document_id = ?", (doc.id,))  # superseded
            for event, record, payload in records:
                self._insert_event(conn, doc.id, event, record, payload)
            self._upsert_actors(conn, [e for e, _, _ in records], superseded_actors)
            if relations is not None:
                save_relations(conn, doc.id, relations)
            enqueue(conn, doc.id)  # its signature or its events are new: corroboration must see it

    def _insert_event(
        self, conn: Connection, document_id: str, event: Event, record: dict[str, object], payload: str
    ) -> None:
        owner = conn.execute(
            "SELECT document_id FROM events WHERE event_id = ?", (event.event_id,)
        ).fetchone()
        if owner is not None:
            raise StoreError(
                f"cannot save document {document_id!r}: event id {event.event_id!r} already belongs to "
                f"document {owner[0]!r}; event ids must be unique across documents"
            )
        extras = self._event_extras(record)
        cols = ["document_id", *EVENT_COLUMNS, "is_background", "record", *extras]
        values = [
            document_id,
            *(record[c] for c in EVENT_COLUMNS),
            int(event.is_background),
            payload,
            *extras.values(),
        ]
        conn.execute(f"INSERT INTO events ({', '.join(cols)}) VALUES ({placeholders(len(cols))})", values)
        conn.executemany(
            'INSERT INTO evidence (event_id, field, value, document_id, sentence, start, "end", text, rule, '
            "confidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [evidence_row(event.event_id, ev) for ev in event.evidence],
        )
        conn.executemany(
            "INSERT INTO event_sources (event_id, position, document_id, url, outlet, published, sentence, "
            'start, "end") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
            [source_row(event.event_id, i, s) for i, s in enumerate(event.sources)],
        )

    def _upsert_actors(self, conn: Connection, events: Sequence[Event], superseded: set[str]) -> None:
        actors = [a for e in events for a in (e.actor1, e.actor2) if a is not None]
        conn.executemany(
            "INSERT INTO actors (name, inter, country) VALUES (?, ?, ?) ON CONFLICT (name) DO UPDATE "
            "SET inter = excluded.inter, country = coalesce(excluded.country, actors.country)",
            [(a.name, a.inter, a.country) for a in actors],
        )
        # Actors only the superseded events named are no longer in the data. Only their names are looked
        # up (indexes of step 0009): a save costs the same in a store of any size.
        gone = sorted(superseded - {a.name for a in actors})
        conn.executemany(
            "DELETE FROM actors WHERE name = ? AND NOT EXISTS (SELECT 1 FROM events WHERE actor1 = ?) "
            "AND NOT EXISTS (SELECT 1 FROM events WHERE actor2 = ?)",
            [(name, name, name) for name in gone],
        )

    def add_rejection(self, rejection: Rejection) -> None:
        """Record an input that could not be read; the same rejection again only refreshes its time."""
        with self._write(f"record the rejection of {rejection.path}") as conn:
            key = (rejection.path, rejection.line, rejection.reason)
            updated = conn.execute(
                f"UPDATE rejections SET at = ? WHERE path = ? AND line {self._SAME} ? AND reason = ?",
                (utc_now(), *key),
            )
            if updated.rowcount == 0:
                conn.execute(
                    "INSERT INTO rejections (path, line, reason, at) VALUES (?, ?, ?, ?)", (*key, utc_now())
                )

    # --- corroboration (polemos.corroboration decides; these run it in the store's transactions) ------

    def corroborate(self, document_ids: Sequence[str] | None = None) -> CorroborationReport:
        """Group the given documents' events (and any not yet grouped) with other reports of them."""
        from polemos.corroboration import corroborate

        with self._write("corroborate events across sources") as conn:
            return corroborate(conn, document_ids)

    def corroborated(self, flt: EventFilter = _EVERYTHING) -> list[CorroboratedEvent]:
        """Return one corroborated event per group of reports (fatality range, members), like events()."""
        from polemos.corroboration_results import corroborated

        with self._reading() as conn:
            return corroborated(conn, flt)

    def corroborated_events(self, flt: EventFilter = _EVERYTHING) -> list[Event]:
        """Return one event per group of reports of it, filtered and ordered like events()."""
        return [c.event for c in self.corroborated(flt)]

    def explain(self, event_id: str) -> Explanation | None:
        """Explain a corroborated event (or the one a member event belongs to); None when unknown."""
        from polemos.corroboration_decisions import explain

        with self._reading() as conn:
            return explain(conn, event_id)

    def split_event(self, event_id: str) -> str:
        """Move an event out of its corroborated event, kept apart from then on; return its group."""
        from polemos.corroboration_decisions import split_event

        with self._write(f"split event {event_id}") as conn:
            return split_event(conn, event_id)

    def unsplit_event(self, event_id: str) -> str:
        """Undo a split; return the group the event goes to."""
        from polemos.corroboration_decisions import unsplit_event

        with self._write(f"undo the split of event {event_id}") as conn:
            return unsplit_event(conn, event_id)

    # --- reads -----------------------------------------------------------------------------------------

    def history(self, document_id: str | None = None) -> list[HistoryEntry]:
        """Return the superseded events (of one document, when given), oldest replacement first."""
        with self._reading() as conn:
            return load_history(conn, document_id)

    def rejection_log(self) -> list[RejectionEntry]:
        """Return every recorded rejection with the time it was last seen, oldest first."""
        with self._reading() as conn:
            return load_rejection_log(conn)

    def relations(self, at: dt.date | None = None) -> list[Relation]:
        """Every stored relation statement (holding on `at`, when given), in document order."""
        with self._reading() as conn:
            return load_relations(conn, at)

    def events(self, flt: EventFilter = _EVERYTHING) -> list[Event]:
        """Return the events matching `flt`, newest first (undated last), then in report order."""
        where: list[str] = []
        params: list[object] = []
        for sql, value in (
            ("event_date >= ?", flt.date_from and flt.date_from.isoformat()),
            ("substr(event_date, 1, 10) <= ?", flt.date_to and flt.date_to.isoformat()),
            ("event_type = ?", flt.event_type),
            ("sub_event_type = ?", flt.sub_event_type),
        ):
            if value is not None:
                where.append(sql)
                params.append(value)
        for wanted, cols in ((flt.actor, ACTOR_COLUMNS), (flt.place, PLACE_COLUMNS)):
            if wanted:
                where.append("(" + " OR ".join(self._contains(c) for c in cols) + ")")
                params.extend([wanted.casefold()] * len(cols))
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
        # (export.newest_first sorts the same way in memory). NULLS FIRST is SQLite's default, spelt out.
        sql += (
            " ORDER BY event_date IS NULL, event_date DESC, document_id,"
            " (SELECT MIN(s.start) FROM event_sources s WHERE s.event_id = events.event_id) NULLS FIRST,"
            " event_id"
        )
        if flt.limit is not None:
            sql += " LIMIT ?"
            params.append(flt.limit)
        with self._reading() as conn:
            payloads = conn.execute(sql, params).fetchall()
        return [self._event(payload) for (payload,) in payloads]

    def event(self, event_id: str) -> Event | None:
        """Return one event, or None if no event has that id."""
        with self._reading() as conn:
            row = conn.execute("SELECT record FROM events WHERE event_id = ?", (event_id,)).fetchone()
        return self._event(row[0]) if row else None

    def _event(self, payload: str) -> Event:
        try:
            return event_from_record(json.loads(payload))
        except ValueError as e:
            raise StoreError(f"{self._where}: a stored event record does not read back ({e})") from e

    def documents(self) -> list[Document]:
        """Return every stored document, ordered by id."""
        with self._reading() as conn:
            rows = conn.execute(f"SELECT {', '.join(DOCUMENT_COLUMNS)} FROM documents ORDER BY id").fetchall()
        return [document_from_row(row) for row in rows]

    def document(self, document_id: str) -> Document | None:
        """Return one document, or None if no document has that id."""
        with self._reading() as conn:
            row = conn.execute(
                f"SELECT {', '.join(DOCUMENT_COLUMNS)} FROM documents WHERE id = ?", (document_id,)
            ).fetchone()
        return document_from_row(row) if row else None

    def rejections(self) -> list[Rejection]:
        """Return every recorded rejection, oldest first."""
        with self._reading() as conn:
            rows = conn.execute("SELECT path, reason, line FROM rejections ORDER BY id").fetchall()
        return [Rejection(path=p, reason=r, line=line) for p, r, line in rows]

    def actors(self) -> list[tuple[str, int | None, int]]:
        """Return (name, inter code, number of events) for every actor, most active first."""
        with self._reading() as conn:
            rows = conn.execute(
                "SELECT a.name, a.inter, "
                "(SELECT count(*) FROM events e WHERE e.actor1 = a.name OR e.actor2 = a.name) AS n "
                "FROM actors a ORDER BY n DESC, a.name"
            ).fetchall()
        return [(str(name), inter, int(n)) for name, inter, n in rows]


def _upsert_document(conn: Connection, doc: Document) -> None:
    cols = [*DOCUMENT_COLUMNS, "ingested_at"]
    updates = ", ".join(f"{c} = excluded.{c}" for c in cols[1:])
    conn.execute(
        f"INSERT INTO documents ({', '.join(cols)}) VALUES ({placeholders(len(cols))}) "
        f"ON CONFLICT (id) DO UPDATE SET {updates}",
        (*document_row(doc), utc_now()),
    )
