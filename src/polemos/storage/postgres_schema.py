"""The PostgreSQL schema: the SQLite schema's steps with PostgreSQL types, and how they are applied.

Text columns use the "C" collation (SQLite compares bytes; a locale collation would reorder ids), floats
are DOUBLE PRECISION, and `events` carries casefolded copies of the filtered columns. Migrations run under
the advisory lock every polemos writer takes, so two processes opening a new database apply each once.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import psycopg

from polemos.errors import StoreError
from polemos.storage.corroboration import CORROBORATION_SCHEMA, CORROBORATION_TABLES
from polemos.storage.corroboration_queue import PENDING_INDEXES, queue_schema
from polemos.storage.migrations import ACTOR_INDEXES, Migration, refuse_unknown
from polemos.storage.sql_store import ACTOR_COLUMNS, PLACE_COLUMNS
from polemos.storage.watch_state import WATCH_SCHEMA, WATCH_TABLES

__all__ = ["FOLDED", "MIGRATIONS", "WRITE_LOCK", "apply_migrations"]

# pg_advisory_xact_lock key shared by every polemos writer of a database ("polemos" in ASCII).
WRITE_LOCK = 0x706F6C656D6F73
# Seconds to wait for the server when connecting.
CONNECT_TIMEOUT_S = 10

_T = 'TEXT COLLATE "C"'
# The tables made from the SQLite schema steps (0003, 0004) rather than written for PostgreSQL here.
_SHARED_TABLES = (*WATCH_TABLES, *CORROBORATION_TABLES)
# Casefolded copies of the columns the actor and place filters search (SQLite folds on the fly).
FOLDED = tuple(f"{c}_fold" for c in (*ACTOR_COLUMNS, *PLACE_COLUMNS))

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
                {", ".join(f"{c} {_T} NOT NULL" for c in FOLDED)}
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
    # The watcher's and corroboration's tables, as SQLite has them; 0006 adapts them to PostgreSQL.
    Migration("0003_watch", WATCH_SCHEMA),
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
    # What 0003 and 0004 made as SQLite sees it, made to behave the same on PostgreSQL: SQLite's implicit
    # `rowid` (insertion order, kept by upserts) becomes a real column of the tables whose rows are
    # listed in insertion order; merge_decisions.id numbers itself as SQLite's INTEGER PRIMARY KEY
    # does; REAL (float4 here) becomes exact; text compares bytewise like SQLite's.
    Migration(
        "0006_postgres_shared_tables",
        (
            *(
                f"ALTER TABLE {table} ADD COLUMN rowid BIGINT GENERATED ALWAYS AS IDENTITY"
                for table in ("documents", "watch_urls", "alert_deliveries")
            ),
            "ALTER TABLE merge_decisions ALTER COLUMN id TYPE BIGINT, "
            "ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY",
            "ALTER TABLE document_duplicates ALTER COLUMN jaccard TYPE DOUBLE PRECISION, "
            "ALTER COLUMN estimate TYPE DOUBLE PRECISION",
            f"""
            DO $$
            DECLARE c record;
            BEGIN
                FOR c IN SELECT table_name, column_name FROM information_schema.columns
                         WHERE table_schema = current_schema() AND data_type = 'text'
                           AND table_name IN ({", ".join(f"'{t}'" for t in _SHARED_TABLES)})
                LOOP
                    EXECUTE format('ALTER TABLE %I ALTER COLUMN %I TYPE {_T}', c.table_name, c.column_name);
                END LOOP;
            END $$
            """,
        ),
    ),
    Migration("0007_corroboration_pending", PENDING_INDEXES),
    Migration("0008_corroboration_queue", queue_schema(_T)),
    Migration("0009_events_by_actor", ACTOR_INDEXES),
)

_LEDGER = f"CREATE TABLE IF NOT EXISTS schema_migrations (name {_T} PRIMARY KEY, applied_at {_T} NOT NULL)"


def apply_migrations(
    conn: psycopg.Connection[tuple[Any, ...]], migrations: tuple[Migration, ...] = MIGRATIONS
) -> list[str]:
    """Apply pending migrations, each in its own transaction under the write lock; return their names."""
    with conn.transaction():
        conn.execute("SELECT pg_advisory_xact_lock(%s)", (WRITE_LOCK,))
        conn.execute(_LEDGER)
        rows = conn.execute("SELECT name FROM schema_migrations ORDER BY applied_at, name").fetchall()
    refuse_unknown([str(name) for (name,) in rows], migrations)
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
