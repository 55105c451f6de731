"""A Store on a PostgreSQL server (psycopg 3), with the SQLite store's semantics, for shared and large stores.

It sits where `storage/sqlite.py` sits: at the end of the pipeline (save) and under every reader. Rows,
filters and ordering are storage/sql_store.py's, shared with SQLite; what PostgreSQL does differently is
here and in postgres_schema.py: the case-insensitive filters match Python-casefolded copies of the text
columns (what SQLite's `pm_fold` computes on the fly), and every write transaction first takes one
advisory lock, so writers queue up like SQLite's single writer instead of racing on the event-ownership
check and the actor clean-up.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import psycopg

from polemos.errors import StoreError
from polemos.storage.connection import PgConnection
from polemos.storage.postgres_schema import FOLDED, WRITE_LOCK, apply_migrations
from polemos.storage.sql_store import ACTOR_COLUMNS, PLACE_COLUMNS, SqlStore, fold
from polemos.storage.watch_state import WATCH_TABLES, WatchState

__all__ = ["CONNECT_TIMEOUT_S", "PostgresStore", "redact"]

# Seconds to wait for the server when connecting.
CONNECT_TIMEOUT_S = 10

Connection = psycopg.Connection[tuple[Any, ...]]


def redact(url: str) -> str:
    """Return the URL with its password replaced by ***, for messages and logs."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.rsplit("@", 1)
    user = netloc[0].split(":", 1)[0]
    return urlunsplit(parts._replace(netloc=f"{user}:***@{netloc[1]}"))


def _connect(url: str, where: str) -> Connection:
    try:
        return psycopg.connect(url, autocommit=True, connect_timeout=CONNECT_TIMEOUT_S)
    except psycopg.Error as e:
        raise StoreError(
            f"cannot open PostgreSQL database {where}: {e}; check that the server runs and the "
            "URL's host, port, user and database name"
        ) from e


@contextmanager
def _locked_transaction(conn: Connection, what: str, where: str) -> Iterator[PgConnection]:
    """One transaction under the write lock; roll back and raise StoreError on failure."""
    try:
        with conn.transaction():
            conn.execute("SELECT pg_advisory_xact_lock(%s)", (WRITE_LOCK,))
            yield PgConnection(conn)
    except StoreError:
        raise
    except psycopg.OperationalError as e:
        raise StoreError(f"cannot {what}: database {where} is not reachable ({e})") from e
    except Exception as e:
        raise StoreError(f"cannot {what}: {e}; nothing was written") from e


class PostgresStore(SqlStore):
    """A Store in one PostgreSQL database, named by a `postgresql://user@host:port/dbname` URL."""

    def __init__(self, url: str) -> None:
        self.url = url
        self._where = redact(url)
        self._lock = threading.Lock()
        self._conn: Connection = _connect(url, self._where)
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

    def open_watch_state(self) -> WatchState:
        """Open the watcher's tables on a connection of its own, its writes under the store's write lock."""
        conn = _connect(self.url, self._where)
        try:
            found = conn.execute(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"
            ).fetchall()
        except psycopg.Error as e:
            conn.close()
            raise StoreError(f"cannot open the watch state in {self._where}: {e}") from e
        missing = sorted(set(WATCH_TABLES) - {str(name) for (name,) in found})
        if missing:
            conn.close()
            raise StoreError(f"{self._where} has no watch tables ({', '.join(missing)}); upgrade polemos")
        where = self._where
        return WatchState(
            PgConnection(conn),
            where,
            lambda: _locked_transaction(conn, "write the watch state", where),
            conn.close,
        )

    # --- what SqlStore asks of an engine -------------------------------------------------------------

    @contextmanager
    def _write(self, what: str) -> Iterator[PgConnection]:
        """Run the body as one transaction under the write lock; roll back and raise StoreError on failure."""
        with self._lock, _locked_transaction(self._conn, what, self._where) as conn:
            yield conn

    @contextmanager
    def _reading(self) -> Iterator[PgConnection]:
        """Lend the connection to a reader (not inside another thread's write); wrap driver errors."""
        try:
            with self._lock:
                yield PgConnection(self._conn)
        except psycopg.Error as e:
            raise StoreError(f"cannot read from {self._where}: {e}") from e

    def _contains(self, column: str) -> str:
        return f"strpos({column}_fold, ?) > 0"

    def _event_extras(self, record: dict[str, object]) -> dict[str, object]:
        return dict(zip(FOLDED, (fold(record[c]) for c in (*ACTOR_COLUMNS, *PLACE_COLUMNS)), strict=True))
