"""The watcher's state in the store: feeds (validators, last poll), article URLs (queued, saved, failed:
watch_urls.py) and the alert outbox (alert_outbox.py), so `polemos watch` survives a restart without
refetching or losing anything. This module holds their schema, the feeds, and the watcher's connection.

`WATCH_SCHEMA` is the SQL of a schema step for storage/migrations.py (`Migration("0003_watch",
WATCH_SCHEMA)`); this module imports nothing from there. The functions run on a storage.connection
Connection (SQLite or PostgreSQL) inside the caller's transaction; `WatchState` owns a connection of its
own to the store's database and gives one transaction per `with state.transaction() as conn:` block.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass

from polemos.errors import StoreError
from polemos.storage.connection import Connection
from polemos.storage.row_values import optional_text, utc_now

__all__ = [
    "WATCH_SCHEMA",
    "WATCH_TABLES",
    "FeedState",
    "WatchState",
    "feed_state",
    "record_feed_poll",
]

# Plain SQL that SQLite and PostgreSQL both read.
WATCH_SCHEMA: tuple[str, ...] = (
    """
    CREATE TABLE watch_feeds (
        url TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        etag TEXT,
        last_modified TEXT,
        last_polled_at TEXT,
        last_status TEXT,
        last_error TEXT
    )
    """,
    # One row per article URL a feed listed (and per canonical URL a page named): the fetch queue and
    # the "already seen" set in one. The feed item's title/date/outlet are kept as the page's fallbacks.
    """
    CREATE TABLE watch_urls (
        url TEXT PRIMARY KEY,
        feed_url TEXT NOT NULL,
        status TEXT NOT NULL,
        title TEXT,
        published TEXT,
        outlet TEXT,
        item_updated TEXT,
        etag TEXT,
        last_modified TEXT,
        attempts INTEGER NOT NULL DEFAULT 0,
        document_id TEXT,
        date_source TEXT,
        reason TEXT,
        queued_at TEXT NOT NULL,
        fetched_at TEXT
    )
    """,
    "CREATE INDEX watch_urls_status ON watch_urls(status, queued_at)",
    # Lets a restarted watcher find a document saved just before a crash by the URL it was fetched from.
    "CREATE INDEX documents_path ON documents(path)",
    "CREATE INDEX documents_url ON documents(url)",
    # The alert outbox: a delivery is queued in the transaction that marks its document's URL saved and
    # sent afterwards, so a crash delays an alert but never loses it. One row per (rule, target, event,
    # event content): an event is alerted again only when its content changes.
    """
    CREATE TABLE alert_deliveries (
        rule TEXT NOT NULL,
        target TEXT NOT NULL,
        event_id TEXT NOT NULL,
        content_hash TEXT NOT NULL,
        kind TEXT NOT NULL,
        record TEXT NOT NULL,
        status TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        last_error TEXT,
        queued_at TEXT NOT NULL,
        delivered_at TEXT,
        PRIMARY KEY (rule, target, event_id, content_hash)
    )
    """,
    "CREATE INDEX alert_deliveries_status ON alert_deliveries(status, queued_at)",
)

WATCH_TABLES = ("watch_feeds", "watch_urls", "alert_deliveries")


# --- feeds -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FeedState:
    """What the store remembers of a feed."""

    url: str
    etag: str | None
    last_modified: str | None
    last_polled_at: str | None
    last_status: str | None
    last_error: str | None


def feed_state(conn: Connection, url: str) -> FeedState | None:
    """Return the remembered state of the feed at `url`, or None if it was never polled."""
    row = conn.execute(
        "SELECT url, etag, last_modified, last_polled_at, last_status, last_error FROM watch_feeds "
        "WHERE url = ?",
        (url,),
    ).fetchone()
    return FeedState(*(optional_text(v) for v in row)) if row else None  # type: ignore[arg-type]


def record_feed_poll(
    conn: Connection,
    url: str,
    name: str,
    status: str,
    *,
    validators: tuple[str | None, str | None] | None = None,
    error: str | None = None,
) -> None:
    """Record a poll of a feed; `validators` (etag, last-modified) replace the stored ones when given."""
    conn.execute(
        "INSERT INTO watch_feeds (url, name, last_polled_at, last_status, last_error) VALUES (?, ?, ?, ?, ?) "
        "ON CONFLICT(url) DO UPDATE SET name = excluded.name, last_polled_at = excluded.last_polled_at, "
        "last_status = excluded.last_status, last_error = excluded.last_error",
        (url, name, utc_now(), status, error),
    )
    if validators is not None:
        conn.execute("UPDATE watch_feeds SET etag = ?, last_modified = ? WHERE url = ?", (*validators, url))


# --- the connection ----------------------------------------------------------------------------------


class WatchState:
    """A connection of the watcher's own to the store's database, one write transaction at a time.

    Reads run on `conn` as they come; `with state.transaction() as conn:` gives one write transaction
    (the engine's: SQLite's `BEGIN IMMEDIATE`, or PostgreSQL's under the store's write lock).
    """

    def __init__(
        self,
        conn: Connection,
        where: str,
        transaction: Callable[[], AbstractContextManager[Connection]],
        close: Callable[[], None],
    ) -> None:
        self.conn = conn
        self.path = where
        self._transaction = transaction
        self._close = close

    @classmethod
    def open(cls, path: str) -> WatchState:
        """Open the watcher's tables in the SQLite database at `path` (already migrated by the store)."""
        try:
            conn = sqlite3.connect(path, isolation_level=None, timeout=30.0)
            names = {str(n) for (n,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        except sqlite3.Error as e:
            raise StoreError(f"cannot open the watch state in {path}: {e}") from e
        missing = [t for t in WATCH_TABLES if t not in names]
        if missing:
            conn.close()
            raise StoreError(
                f"{path} has no watch tables ({', '.join(missing)}): this polemos lacks migration "
                "0004_watch; upgrade polemos"
            )
        return cls(conn, path, lambda: _sqlite_transaction(conn, path), conn.close)

    def transaction(self) -> AbstractContextManager[Connection]:
        """Run the body as one write transaction; roll back and raise StoreError on failure."""
        return self._transaction()

    def close(self) -> None:
        """Close the connection."""
        self._close()


@contextmanager
def _sqlite_transaction(conn: sqlite3.Connection, path: str) -> Iterator[sqlite3.Connection]:
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.Error as e:
        raise StoreError(f"cannot write the watch state: database {path} is not writable ({e})") from e
    try:
        yield conn
        conn.execute("COMMIT")
    except BaseException as e:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        if isinstance(e, sqlite3.Error):
            raise StoreError(f"cannot write the watch state in {path}: {e}; nothing was written") from e
        raise
