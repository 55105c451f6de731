"""A Store on a PostgreSQL server (psycopg 3), with the SQLite store's semantics, for shared and large stores.

It sits where `storage/sqlite.py` sits: at the end of the pipeline (save) and under every reader. Rows,
filters and ordering mirror the SQLite store exactly; what PostgreSQL does differently is handled here:
text columns use the "C" collation (SQLite compares bytes, a locale collation would reorder ids), the
case-insensitive filters match Python-casefolded copies of the text columns (what SQLite's `pm_fold`
computes on the fly), and every write transaction first takes one advisory lock, so writers queue up
like SQLite's single writer instead of racing on the event-ownership check and the actor clean-up.
"""

from __future__ import annotations

import datetime as dt
import json
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from types import TracebackType
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import psycopg

from polemos.errors import StoreError
from polemos.model import Document, Event, Rejection, Relation
from polemos.records import event_from_record, event_to_record
from polemos.storage.base import DocumentStatus, EventFilter
from polemos.storage.corroboration import CORROBORATION_SCHEMA
from polemos.storage.history import (
    HistoryEntry,
    RejectionEntry,
    load_history,
    load_rejection_log,
    record_superseded,
)
from polemos.storage.migrations import Migration
from polemos.storage.relations import _COLUMNS as _RELATION_COLUMNS
from polemos.storage.relations import _row, relation_from_row
from polemos.storage.sqlite import (
    _DOCUMENT_COLUMNS,
    _EVENT_COLUMNS,
    SqliteStore,
    _document,
    _evidence_row,
    _fold,
    _now,
    _source_row,
)
from polemos.storage.watch_state import WATCH_SCHEMA

# pg_advisory_xact_lock key shared by every polemos writer of a database ("polemos" in ASCII).
WRITE_LOCK = 0x706F6C656D6F73
# Seconds to wait for the server when connecting.
CONNECT_TIMEOUT_S = 10

_T = 'TEXT COLLATE "C"'
_ACTOR_COLUMNS = ("actor1", "actor2", "assoc_actor_1", "assoc_actor_2")
_PLACE_COLUMNS = ("location", "admin1", "admin2", "country")
_FOLDED = tuple(f"{c}_fold" for c in (*_ACTOR_COLUMNS, *_PLACE_COLUMNS))
_EVERYTHING = EventFilter()

MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        "0001_initial",
        (
            f"""
            CREATE TABLE documents (
                id {_T} PRIMARY KEY,
                text {_T} NOT NULL,
                title {_T},
                url {_T},
                outlet {_T},
                published {_T},
                language {_T} NOT NULL,
                path {_T},
                content_hash {_T} NOT NULL,
                ingested_at {_T} NOT NULL
            )
            """,
            # As in SQLite: ACLED columns for filtering, `record` (JSON text, kept byte for byte so that
            # the idempotency check compares it exactly) rebuilds the Event; *_fold are casefolded copies.
            f"""
            CREATE TABLE events (
                event_id {_T} PRIMARY KEY,
                document_id {_T} NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
                event_date {_T},
                year INTEGER,
                time_precision INTEGER,
                disorder_type {_T} NOT NULL,
                event_type {_T} NOT NULL,
                sub_event_type {_T} NOT NULL,
                actor1 {_T} NOT NULL,
                assoc_actor_1 {_T} NOT NULL,
                inter1 INTEGER,
                actor2 {_T} NOT NULL,
                assoc_actor_2 {_T} NOT NULL,
                inter2 INTEGER,
                interaction INTEGER NOT NULL,
                civilian_targeting {_T} NOT NULL,
                iso {_T} NOT NULL,
                country {_T} NOT NULL,
                admin1 {_T},
                admin2 {_T},
                admin3 {_T} NOT NULL,
                location {_T} NOT NULL,
                latitude DOUBLE PRECISION,
                longitude DOUBLE PRECISION,
                geo_precision INTEGER,
                source {_T} NOT NULL,
                source_scale {_T} NOT NULL,
                notes {_T} NOT NULL,
                fatalities INTEGER NOT NULL,
                tags {_T} NOT NULL,
                confidence DOUBLE PRECISION NOT NULL,
                is_background INTEGER NOT NULL,
                record {_T} NOT NULL,
                {", ".join(f"{c} {_T} NOT NULL" for c in _FOLDED)}
            )
            """,
            "CREATE INDEX events_document ON events(document_id)",
            "CREATE INDEX events_date ON events(event_date, event_id)",
            "CREATE INDEX events_type ON events(event_type, sub_event_type)",
            f"""
            CREATE TABLE evidence (
                id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                event_id {_T} NOT NULL REFERENCES events(event_id) ON DELETE CASCADE,
                field {_T} NOT NULL,
                value {_T} NOT NULL,
                document_id {_T} NOT NULL,
                sentence {_T} NOT NULL,
                start INTEGER NOT NULL,
                "end" INTEGER NOT NULL,
                text {_T} NOT NULL,
                rule {_T} NOT NULL,
                confidence DOUBLE PRECISION NOT NULL
            )
            """,
            "CREATE INDEX evidence_event ON evidence(event_id, field)",
            f"""
            CREATE TABLE event_sources (
                event_id {_T} NOT NULL REFERENCES events(event_id) ON DELETE CASCADE,
                position INTEGER NOT NULL,
                document_id {_T} NOT NULL,
                url {_T},
                outlet {_T},
                published {_T},
                sentence {_T} NOT NULL,
                start INTEGER NOT NULL,
                "end" INTEGER NOT NULL,
                PRIMARY KEY (event_id, position)
            )
            """,
            "CREATE INDEX event_sources_document ON event_sources(document_id)",
            f"CREATE TABLE actors (name {_T} PRIMARY KEY, inter INTEGER, country {_T})",
            f"""
            CREATE TABLE rejections (
                id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                path {_T} NOT NULL,
                line INTEGER,
                reason {_T} NOT NULL,
                at {_T} NOT NULL
            )
            """,
        ),
    ),
    # storage/relations.py's table, with exact floats and bytewise text order.
    Migration(
        "0002_relations",
        (
            f"""
            CREATE TABLE relations (
                document_id {_T} NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
                position INTEGER NOT NULL,
                kind {_T} NOT NULL,
                source {_T} NOT NULL,
                target {_T} NOT NULL,
                start {_T},
                "end" {_T},
                confidence DOUBLE PRECISION NOT NULL,
                evidence {_T},
                target_place {_T},
                PRIMARY KEY (document_id, position)
            )
            """,
            "CREATE INDEX relations_start ON relations(start)",
            "CREATE INDEX relations_ends ON relations(source, target, kind)",
        ),
    ),
    # The watcher keeps its state in a SQLite store only (watch.open_watch_state); its tables are made
    # here too so that both engines carry the same schema steps.
    Migration("0003_watch", WATCH_SCHEMA),
    # Corroboration runs on a SQLite store only (polemos.corroboration takes a sqlite3 connection); its
    # tables are made here for the same reason as the watcher's.
    Migration("0004_corroboration", CORROBORATION_SCHEMA),
    # storage/history.py's table, with bytewise text order; its functions run on psycopg too.
    Migration(
        "0005_event_history",
        (
            f"""
            CREATE TABLE event_history (
                document_id {_T} NOT NULL,
                version INTEGER NOT NULL,
                event_id {_T} NOT NULL,
                superseded_at {_T} NOT NULL,
                reason {_T} NOT NULL,
                record {_T} NOT NULL,
                content_hash {_T} NOT NULL,
                superseded_by {_T} NOT NULL,
                PRIMARY KEY (document_id, version, event_id)
            )
            """,
            "CREATE INDEX event_history_event ON event_history(event_id)",
        ),
    ),
)

_LEDGER = f"CREATE TABLE IF NOT EXISTS schema_migrations (name {_T} PRIMARY KEY, applied_at {_T} NOT NULL)"

Connection = psycopg.Connection[tuple[Any, ...]]


def redact(url: str) -> str:
    """Return the URL with its password replaced by ***, for messages and logs."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.rsplit("@", 1)
    user = netloc[0].split(":", 1)[0]
    return urlunsplit(parts._replace(netloc=f"{user}:***@{netloc[1]}"))


def apply_migrations(conn: Connection, migrations: tuple[Migration, ...] = MIGRATIONS) -> list[str]:
    """Apply pending migrations, each in its own transaction under the write lock; return their names."""
    known = {m.name for m in migrations}
    with conn.transaction():
        conn.execute("SELECT pg_advisory_xact_lock(%s)", (WRITE_LOCK,))
        conn.execute(_LEDGER)
        rows = conn.execute("SELECT name FROM schema_migrations ORDER BY applied_at, name").fetchall()
    unknown = [str(name) for (name,) in rows if name not in known]
    if unknown:
        raise StoreError(
            f"the database has migrations this polemos does not know ({', '.join(unknown)}): "
            "it was written by a newer version; upgrade polemos"
        )
    done: list[str] = []
    for migration in migrations:
        try:
            # The lock makes a second process opening a new database wait, then see the migration applied.
            with conn.transaction():
                conn.execute("SELECT pg_advisory_xact_lock(%s)", (WRITE_LOCK,))
                seen = conn.execute("SELECT 1 FROM schema_migrations WHERE name = %s", (migration.name,))
                if seen.fetchone():
                    continue
                for statement in migration.statements:
                    conn.execute(statement)
                conn.execute(
                    "INSERT INTO schema_migrations (name, applied_at) VALUES (%s, %s)",
                    (migration.name, dt.datetime.now(dt.UTC).isoformat(timespec="microseconds")),
                )
        except psycopg.Error as e:
            raise StoreError(f"migration {migration.name} failed and was rolled back: {e}") from e
        done.append(migration.name)
    return done


class PostgresStore:
    """A Store in one PostgreSQL database, named by a `postgresql://user@host:port/dbname` URL."""

    def __init__(self, url: str) -> None:
        self.url = url
        self._where = redact(url)
        self._lock = threading.Lock()
        try:
            self._conn: Connection = psycopg.connect(url, autocommit=True, connect_timeout=CONNECT_TIMEOUT_S)
        except psycopg.Error as e:
            raise StoreError(
                f"cannot open PostgreSQL database {self._where}: {e}; check that the server runs and the "
                "URL's host, port, user and database name"
            ) from e
        try:
            apply_migrations(self._conn)
        except psycopg.Error as e:
            self._conn.close()
            raise StoreError(f"{self._where} is not a usable polemos database: {e}") from e
        except StoreError:
            self._conn.close()
            raise

    # --- lifecycle -----------------------------------------------------------------------------------

    def close(self) -> None:
        """Release the database connection."""
        self._conn.close()

    def __enter__(self) -> PostgresStore:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    @contextmanager
    def _write(self, what: str) -> Iterator[Connection]:
        """Run the body as one transaction under the write lock; roll back and raise StoreError on failure."""
        with self._lock:
            try:
                with self._conn.transaction():
                    self._conn.execute("SELECT pg_advisory_xact_lock(%s)", (WRITE_LOCK,))
                    yield self._conn
            except StoreError:
                raise
            except psycopg.OperationalError as e:
                raise StoreError(f"cannot {what}: database {self._where} is not reachable ({e})") from e
            except Exception as e:
                raise StoreError(f"cannot {what}: {e}; nothing was written") from e

    # --- writes --------------------------------------------------------------------------------------

    def document_status(self, doc: Document) -> DocumentStatus:
        """Say whether `doc` is new, unchanged (same content hash) or changed since it was saved."""
        row = self._read("SELECT content_hash FROM documents WHERE id = %s", (doc.id,)).fetchone()
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
            record_superseded(conn, doc.id, doc.content_hash, placeholder="%s")
            self._upsert_document(conn, doc)
            conn.execute("DELETE FROM events WHERE document_id = %s", (doc.id,))  # superseded
            for event, record, payload in records:
                self._insert_event(conn, doc.id, event, record, payload)
            self._upsert_actors(conn, [e for e, _, _ in records])
            if relations is not None:
                rows = [_row(doc.id, i, r) for i, r in enumerate(relations)]
                conn.execute("DELETE FROM relations WHERE document_id = %s", (doc.id,))
                with conn.cursor() as cur:
                    cur.executemany(
                        f"INSERT INTO relations ({', '.join(_RELATION_COLUMNS)}) "
                        f"VALUES ({', '.join(['%s'] * len(_RELATION_COLUMNS))})",
                        rows,
                    )

    def history(self, document_id: str | None = None) -> list[HistoryEntry]:
        """Return the superseded events (of one document, when given), oldest replacement first."""
        with self._reading() as conn:
            return load_history(conn, document_id, placeholder="%s")

    def rejection_log(self) -> list[RejectionEntry]:
        """Return every recorded rejection with the time it was last seen, oldest first."""
        with self._reading() as conn:
            return load_rejection_log(conn)

    def relations(self, at: dt.date | None = None) -> list[Relation]:
        """Every stored relation statement (holding on `at`, when given), in document order."""
        sql = f"SELECT {', '.join(_RELATION_COLUMNS)} FROM relations"
        params: list[object] = []
        if at is not None:
            sql += " WHERE (start IS NULL OR start <= %s)"
            params.append(at.isoformat())
        sql += " ORDER BY start IS NOT NULL, start, document_id, position"
        return [relation_from_row(row) for row in self._read(sql, params).fetchall()]

    def _is_stored(
        self, conn: Connection, doc: Document, records: list[tuple[Event, dict[str, object], str]]
    ) -> bool:
        cols = ", ".join(_DOCUMENT_COLUMNS)
        row = conn.execute(f"SELECT {cols} FROM documents WHERE id = %s", (doc.id,)).fetchone()
        if row is None or tuple(row) != SqliteStore._document_row(doc):
            return False
        stored = conn.execute(
            "SELECT event_id, record FROM events WHERE document_id = %s ORDER BY event_id", (doc.id,)
        ).fetchall()
        return [tuple(r) for r in stored] == sorted((e.event_id, p) for e, _, p in records)

    def _upsert_document(self, conn: Connection, doc: Document) -> None:
        cols = [*_DOCUMENT_COLUMNS, "ingested_at"]
        updates = ", ".join(f"{c} = excluded.{c}" for c in cols[1:])
        conn.execute(
            f"INSERT INTO documents ({', '.join(cols)}) VALUES ({', '.join(['%s'] * len(cols))}) "
            f"ON CONFLICT (id) DO UPDATE SET {updates}",
            (*SqliteStore._document_row(doc), _now()),
        )

    def _insert_event(
        self, conn: Connection, document_id: str, event: Event, record: dict[str, object], payload: str
    ) -> None:
        owner = conn.execute(
            "SELECT document_id FROM events WHERE event_id = %s", (event.event_id,)
        ).fetchone()
        if owner is not None:
            raise StoreError(
                f"cannot save document {document_id!r}: event id {event.event_id!r} already belongs to "
                f"document {owner[0]!r}; event ids must be unique across documents"
            )
        cols = ["document_id", *_EVENT_COLUMNS, "is_background", "record", *_FOLDED]
        folded = [_fold(record[c]) for c in (*_ACTOR_COLUMNS, *_PLACE_COLUMNS)]
        values = [
            document_id,
            *(record[c] for c in _EVENT_COLUMNS),
            int(event.is_background),
            payload,
            *folded,
        ]
        conn.execute(
            f"INSERT INTO events ({', '.join(cols)}) VALUES ({', '.join(['%s'] * len(cols))})",
            values,
        )
        with conn.cursor() as cur:
            cur.executemany(
                'INSERT INTO evidence (event_id, field, value, document_id, sentence, start, "end", text, '
                "rule, confidence) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
                [_evidence_row(event.event_id, ev) for ev in event.evidence],
            )
            cur.executemany(
                "INSERT INTO event_sources (event_id, position, document_id, url, outlet, published, "
                'sentence, start, "end") VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s)',
                [_source_row(event.event_id, i, s) for i, s in enumerate(event.sources)],
            )

    def _upsert_actors(self, conn: Connection, events: Sequence[Event]) -> None:
        actors = [a for e in events for a in (e.actor1, e.actor2) if a is not None]
        with conn.cursor() as cur:
            cur.executemany(
                "INSERT INTO actors (name, inter, country) VALUES (%s, %s, %s) ON CONFLICT (name) DO UPDATE "
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
                "UPDATE rejections SET at = %s WHERE path = %s AND line IS NOT DISTINCT FROM %s "
                "AND reason = %s",
                (_now(), *key),
            )
            if updated.rowcount == 0:
                conn.execute(
                    "INSERT INTO rejections (path, line, reason, at) VALUES (%s, %s, %s, %s)", (*key, _now())
                )

    # --- reads ---------------------------------------------------------------------------------------

    def _read(self, sql: str, params: Sequence[object] = ()) -> psycopg.Cursor[tuple[Any, ...]]:
        with self._reading() as conn:
            return conn.execute(sql, params)

    @contextmanager
    def _reading(self) -> Iterator[Connection]:
        """Lend the connection to a reader (not inside another thread's write); wrap driver errors."""
        try:
            with self._lock:
                yield self._conn
        except psycopg.Error as e:
            raise StoreError(f"cannot read from {self._where}: {e}") from e

    def events(self, flt: EventFilter = _EVERYTHING) -> list[Event]:
        """Return the events matching `flt`, newest first (undated last), then in report order."""
        where: list[str] = []
        params: list[object] = []
        if flt.date_from is not None:
            where.append("event_date >= %s")
            params.append(flt.date_from.isoformat())
        if flt.date_to is not None:
            where.append("substr(event_date, 1, 10) <= %s")
            params.append(flt.date_to.isoformat())
        if flt.event_type is not None:
            where.append("event_type = %s")
            params.append(flt.event_type)
        if flt.sub_event_type is not None:
            where.append("sub_event_type = %s")
            params.append(flt.sub_event_type)
        for wanted, cols in ((flt.actor, _ACTOR_COLUMNS), (flt.place, _PLACE_COLUMNS)):
            if wanted:
                where.append("(" + " OR ".join(f"strpos({c}_fold, %s) > 0" for c in cols) + ")")
                params.extend([wanted.casefold()] * len(cols))
        if flt.document_id is not None:
            where.append(
                "(document_id = %s OR event_id IN"
                " (SELECT event_id FROM event_sources WHERE document_id = %s))"
            )
            params.extend([flt.document_id, flt.document_id])
        if not flt.include_background:
            where.append("is_background = 0")
        sql = "SELECT record FROM events"
        if where:
            sql += " WHERE " + " AND ".join(where)
        # SQLite's order: NULLs sort first ascending there, hence NULLS FIRST for the report position.
        sql += (
            " ORDER BY event_date IS NULL, event_date DESC, document_id,"
            " (SELECT MIN(s.start) FROM event_sources s WHERE s.event_id = events.event_id) NULLS FIRST,"
            " event_id"
        )
        if flt.limit is not None:
            sql += " LIMIT %s"
            params.append(flt.limit)
        return [self._event(payload) for (payload,) in self._read(sql, params).fetchall()]

    def event(self, event_id: str) -> Event | None:
        """Return one event, or None if no event has that id."""
        row = self._read("SELECT record FROM events WHERE event_id = %s", (event_id,)).fetchone()
        return self._event(row[0]) if row else None

    def _event(self, payload: str) -> Event:
        try:
            return event_from_record(json.loads(payload))
        except ValueError as e:
            raise StoreError(f"{self._where}: a stored event record does not read back ({e})") from e

    def documents(self) -> list[Document]:
        """Return every stored document, ordered by id."""
        cols = ", ".join(_DOCUMENT_COLUMNS)
        return [_document(row) for row in self._read(f"SELECT {cols} FROM documents ORDER BY id").fetchall()]

    def document(self, document_id: str) -> Document | None:
        """Return one document, or None if no document has that id."""
        cols = ", ".join(_DOCUMENT_COLUMNS)
        row = self._read(f"SELECT {cols} FROM documents WHERE id = %s", (document_id,)).fetchone()
        return _document(row) if row else None

    def rejections(self) -> list[Rejection]:
        """Return every recorded rejection, oldest first."""
        rows = self._read("SELECT path, reason, line FROM rejections ORDER BY id").fetchall()
        return [Rejection(path=p, reason=r, line=line) for p, r, line in rows]

    def actors(self) -> list[tuple[str, int | None, int]]:
        """Return (name, inter code, number of events) for every actor, most active first."""
        rows = self._read(
            "SELECT a.name, a.inter, "
            "(SELECT count(*) FROM events e WHERE e.actor1 = a.name OR e.actor2 = a.name) AS n "
            "FROM actors a ORDER BY n DESC, a.name"
        ).fetchall()
        return [(str(name), inter, int(n)) for name, inter, n in rows]
