"""The SQLite schema as an ordered list of small, named migrations, each applied in its own transaction.

After sqlite-utils' migrations: a migration is a name plus its statements; `schema_migrations` records
which names a database has applied, so opening an old database brings it up to date and opening one
written by a newer polemos is refused rather than misread. Never edit an applied migration: add one.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass

from polemos.errors import StoreError
from polemos.storage.corroboration import CORROBORATION_SCHEMA
from polemos.storage.corroboration_queue import PENDING_INDEXES, queue_schema
from polemos.storage.history import HISTORY_SCHEMA
from polemos.storage.relations import RELATIONS_SCHEMA
from polemos.storage.watch_state import WATCH_SCHEMA


@dataclass(frozen=True)
class Migration:
    """One named schema step: SQL statements run in order inside one transaction."""

    name: str
    statements: tuple[str, ...]


# Step 0009 (both engines): after a document's events are replaced, each actor only they named is looked up
# in the events that remain; without these, that look-up read every stored event at every save.
ACTOR_INDEXES: tuple[str, ...] = (
    "CREATE INDEX events_actor1 ON events(actor1)",
    "CREATE INDEX events_actor2 ON events(actor2)",
)

MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        "0001_initial",
        (
            """
            CREATE TABLE documents (
                id TEXT PRIMARY KEY,
                text TEXT NOT NULL,
                title TEXT,
                url TEXT,
                outlet TEXT,
                published TEXT,
                language TEXT NOT NULL,
                path TEXT,
                content_hash TEXT NOT NULL,
                ingested_at TEXT NOT NULL
            )
            """,
            # The ACLED columns are real columns so that filters run in SQL; `record` holds the full
            # JSON record (the JSONL export line) that rebuilds the Event exactly.
            """
            CREATE TABLE events (
                event_id TEXT PRIMARY KEY,
                document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
                event_date TEXT,
                year INTEGER,
                time_precision INTEGER,
                disorder_type TEXT NOT NULL,
                event_type TEXT NOT NULL,
                sub_event_type TEXT NOT NULL,
                actor1 TEXT NOT NULL,
                assoc_actor_1 TEXT NOT NULL,
                inter1 INTEGER,
                actor2 TEXT NOT NULL,
                assoc_actor_2 TEXT NOT NULL,
                inter2 INTEGER,
                interaction INTEGER NOT NULL,
                civilian_targeting TEXT NOT NULL,
                iso TEXT NOT NULL,
                country TEXT NOT NULL,
                admin1 TEXT,
                admin2 TEXT,
                admin3 TEXT NOT NULL,
                location TEXT NOT NULL,
                latitude REAL,
                longitude REAL,
                geo_precision INTEGER,
                source TEXT NOT NULL,
                source_scale TEXT NOT NULL,
                notes TEXT NOT NULL,
                fatalities INTEGER NOT NULL,
                tags TEXT NOT NULL,
                confidence REAL NOT NULL,
                is_background INTEGER NOT NULL,
                record TEXT NOT NULL
            )
            """,
            "CREATE INDEX events_document ON events(document_id)",
            "CREATE INDEX events_date ON events(event_date, event_id)",
            "CREATE INDEX events_type ON events(event_type, sub_event_type)",
            """
            CREATE TABLE evidence (
                id INTEGER PRIMARY KEY,
                event_id TEXT NOT NULL REFERENCES events(event_id) ON DELETE CASCADE,
                field TEXT NOT NULL,
                value TEXT NOT NULL,
                document_id TEXT NOT NULL,
                sentence TEXT NOT NULL,
                start INTEGER NOT NULL,
                "end" INTEGER NOT NULL,
                text TEXT NOT NULL,
                rule TEXT NOT NULL,
                confidence REAL NOT NULL
            )
            """,
            "CREATE INDEX evidence_event ON evidence(event_id, field)",
            # Sources may cite documents this store has not ingested (merged from elsewhere): no FK.
            """
            CREATE TABLE event_sources (
                event_id TEXT NOT NULL REFERENCES events(event_id) ON DELETE CASCADE,
                position INTEGER NOT NULL,
                document_id TEXT NOT NULL,
                url TEXT,
                outlet TEXT,
                published TEXT,
                sentence TEXT NOT NULL,
                start INTEGER NOT NULL,
                "end" INTEGER NOT NULL,
                PRIMARY KEY (event_id, position)
            )
            """,
            "CREATE INDEX event_sources_document ON event_sources(document_id)",
            """
            CREATE TABLE actors (
                name TEXT PRIMARY KEY,
                inter INTEGER,
                country TEXT
            )
            """,
            """
            CREATE TABLE rejections (
                id INTEGER PRIMARY KEY,
                path TEXT NOT NULL,
                line INTEGER,
                reason TEXT NOT NULL,
                at TEXT NOT NULL
            )
            """,
        ),
    ),
    Migration("0002_relations", RELATIONS_SCHEMA),
    Migration("0003_watch", WATCH_SCHEMA),
    Migration("0004_corroboration", CORROBORATION_SCHEMA),
    Migration("0005_event_history", HISTORY_SCHEMA),
    Migration("0007_corroboration_pending", PENDING_INDEXES),  # 0006 is PostgreSQL's own step
    Migration("0008_corroboration_queue", queue_schema("TEXT")),
    Migration("0009_events_by_actor", ACTOR_INDEXES),
)

_LEDGER = """
CREATE TABLE IF NOT EXISTS schema_migrations (
    name TEXT PRIMARY KEY,
    applied_at TEXT NOT NULL
)
"""


def refuse_unknown(applied_names: Sequence[str], migrations: Sequence[Migration]) -> None:
    """Raise StoreError when a database has applied a migration not in `migrations` (a newer polemos)."""
    known = {m.name for m in migrations}
    unknown = [name for name in applied_names if name not in known]
    if unknown:
        raise StoreError(
            f"the database has migrations this polemos does not know ({', '.join(unknown)}): "
            "it was written by a newer version; upgrade polemos"
        )


def applied(conn: sqlite3.Connection) -> list[str]:
    """Return the names of the migrations this database has applied, in the order applied."""
    conn.execute(_LEDGER)
    rows = conn.execute("SELECT name FROM schema_migrations ORDER BY rowid").fetchall()
    return [str(name) for (name,) in rows]


def pending(conn: sqlite3.Connection, migrations: tuple[Migration, ...] = MIGRATIONS) -> list[Migration]:
    """Return the migrations not yet applied, in order."""
    done = set(applied(conn))
    return [m for m in migrations if m.name not in done]


def apply_migrations(conn: sqlite3.Connection, migrations: tuple[Migration, ...] = MIGRATIONS) -> list[str]:
    """Apply pending migrations, each in its own transaction; return the names applied.

    `conn` must be in autocommit mode (isolation_level=None) so that the transactions here are explicit.
    """
    refuse_unknown(applied(conn), migrations)
    done: list[str] = []
    for migration in migrations:
        try:
            # IMMEDIATE takes the write lock first, so two processes opening a new database at once
            # apply each migration once: the second waits, then sees it applied.
            conn.execute("BEGIN IMMEDIATE")
            if conn.execute("SELECT 1 FROM schema_migrations WHERE name = ?", (migration.name,)).fetchone():
                conn.execute("COMMIT")
                continue
            for statement in migration.statements:
                conn.execute(statement)
            conn.execute(
                "INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?)",
                (migration.name, dt.datetime.now(dt.UTC).isoformat(timespec="seconds")),
            )
            conn.execute("COMMIT")
        except sqlite3.Error as e:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise StoreError(f"migration {migration.name} failed and was rolled back: {e}") from e
        done.append(migration.name)
    return done
