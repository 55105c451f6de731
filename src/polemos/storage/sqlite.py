"""The default Store: one SQLite file (WAL mode) of documents, events, evidence, sources, actors, rejections.

It sits at the end of the pipeline (save) and under every reader (CLI, exports, web). After datasette's
one-writer idea, a store owns one connection and every write is one explicit `BEGIN IMMEDIATE`
transaction taken under a lock: a second writer, thread or process, waits its turn instead of failing
halfway through a document, and a failed save rolls back to the state before it. The rows, the save
and the queries are storage/sql_store.py's, shared with the PostgreSQL store.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from polemos.errors import StoreError
from polemos.storage.migrations import apply_migrations
from polemos.storage.sql_store import SqlStore, fold
from polemos.storage.watch_state import WatchState

# Seconds a writer waits for another process's transaction before giving up.
BUSY_TIMEOUT_S = 30.0


class SqliteStore(SqlStore):
    """A Store in one SQLite database file (or ":memory:")."""

    _SAME = "IS"  # SQLite's null-safe equality (IS NOT DISTINCT FROM needs SQLite 3.39)

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        self._where = self.path
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
            self._conn.create_function("pm_fold", 1, fold, deterministic=True)
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

    def open_watch_state(self) -> WatchState:
        """Open the watcher's tables on a connection of its own to this file."""
        if self.path == ":memory:":
            raise StoreError("polemos watch needs a database file or server, not an in-memory database")
        return WatchState.open(self.path)

    # --- what SqlStore asks of an engine -------------------------------------------------------------

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

    @contextmanager
    def _reading(self) -> Iterator[sqlite3.Connection]:
        # WAL readers need no lock: they see the last committed state.
        yield self._conn

    def _contains(self, column: str) -> str:
        return f"instr(pm_fold({column}), ?) > 0"
