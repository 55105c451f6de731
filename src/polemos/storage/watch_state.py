"""The watcher's state in the store: feeds (validators, last poll), article URLs (queued, saved, failed) and
the alert outbox, so `polemos watch` survives a restart without refetching or losing anything.

`WATCH_SCHEMA` is the SQL of a schema step for storage/migrations.py (`Migration("0003_watch",
WATCH_SCHEMA)`); this module imports nothing from there. The functions run on a storage.connection
Connection (SQLite or PostgreSQL) inside the caller's transaction; `WatchState` owns a connection of its
own to the store's database and gives one transaction per `with state.transaction() as conn:` block.

A URL's life: queued as `pending` when a feed first lists it, `saved` once its document is in the store
(in the same transaction as its alerts are queued), `rejected` when it can never give a document (404,
robots.txt, no text), `gave-up` after too many transient failures. Only `pending` URLs are fetched.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from enum import StrEnum

from polemos.errors import StoreError
from polemos.storage.connection import Connection

__all__ = [
    "WATCH_SCHEMA",
    "WATCH_TABLES",
    "Delivery",
    "DeliveryStatus",
    "FeedState",
    "PlannedDelivery",
    "UrlState",
    "UrlStatus",
    "WatchState",
    "document_for_url",
    "enqueue_deliveries",
    "feed_state",
    "finish_url",
    "mark_delivery",
    "pending_deliveries",
    "pending_urls",
    "queue_url",
    "record_feed_poll",
    "retry_url",
    "url_state",
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


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def _date(raw: object) -> dt.date | None:
    return dt.date.fromisoformat(str(raw)) if raw else None


def _opt(raw: object) -> str | None:
    return None if raw is None else str(raw)


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
    return FeedState(*(_opt(v) for v in row)) if row else None  # type: ignore[arg-type]


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
        (url, name, _now(), status, error),
    )
    if validators is not None:
        conn.execute("UPDATE watch_feeds SET etag = ?, last_modified = ? WHERE url = ?", (*validators, url))


# --- article URLs ----------------------------------------------------------------------------------


class UrlStatus(StrEnum):
    """Where an article URL stands."""

    PENDING = "pending"
    SAVED = "saved"
    REJECTED = "rejected"
    GAVE_UP = "gave-up"


@dataclass(frozen=True)
class UrlState:
    """An article URL as the store remembers it, with the feed item's metadata."""

    url: str
    feed_url: str
    status: UrlStatus
    title: str | None = None
    published: dt.date | None = None
    outlet: str | None = None
    item_updated: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    attempts: int = 0
    document_id: str | None = None
    date_source: str | None = None
    reason: str | None = None


_URL_COLUMNS = (
    "url, feed_url, status, title, published, outlet, item_updated, etag, last_modified, attempts, "
    "document_id, date_source, reason"
)


def _url_state(row: Sequence[object]) -> UrlState:
    url, feed, status, title, published, outlet, updated, etag, lm, attempts, doc, source, reason = row
    return UrlState(
        url=str(url),
        feed_url=str(feed),
        status=UrlStatus(str(status)),
        title=_opt(title),
        published=_date(published),
        outlet=_opt(outlet),
        item_updated=_opt(updated),
        etag=_opt(etag),
        last_modified=_opt(lm),
        attempts=int(str(attempts)),
        document_id=_opt(doc),
        date_source=_opt(source),
        reason=_opt(reason),
    )


def url_state(conn: Connection, url: str) -> UrlState | None:
    """Return what the store remembers of an article URL, or None if no feed ever listed it."""
    row = conn.execute(f"SELECT {_URL_COLUMNS} FROM watch_urls WHERE url = ?", (url,)).fetchone()
    return _url_state(row) if row else None


def queue_url(
    conn: Connection,
    url: str,
    feed_url: str,
    *,
    title: str | None = None,
    published: dt.date | None = None,
    outlet: str | None = None,
    item_updated: str | None = None,
    requeue_if_updated: bool = False,
) -> bool:
    """Queue an article URL unless it is known; with `requeue_if_updated`, queue a saved URL again when
    the feed's version stamp of it changed. Return whether it was queued."""
    inserted = conn.execute(
        "INSERT INTO watch_urls (url, feed_url, status, title, published, outlet, item_updated, queued_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(url) DO NOTHING",
        (
            url,
            feed_url,
            UrlStatus.PENDING.value,
            title,
            published.isoformat() if published else None,
            outlet,
            item_updated,
            _now(),
        ),
    ).rowcount
    if inserted:
        return True
    if not (requeue_if_updated and item_updated):
        return False
    updated = conn.execute(
        "UPDATE watch_urls SET status = ?, attempts = 0, item_updated = ?, title = coalesce(?, title), "
        "published = coalesce(?, published), queued_at = ? "
        "WHERE url = ? AND status = ? AND item_updated IS NOT NULL AND item_updated <> ?",
        (
            UrlStatus.PENDING.value,
            item_updated,
            title,
            published.isoformat() if published else None,
            _now(),
            url,
            UrlStatus.SAVED.value,
            item_updated,
        ),
    ).rowcount
    return bool(updated)


def pending_urls(conn: Connection) -> list[UrlState]:
    """Return the URLs waiting to be fetched, oldest first."""
    rows = conn.execute(
        f"SELECT {_URL_COLUMNS} FROM watch_urls WHERE status = ? ORDER BY queued_at, rowid",
        (UrlStatus.PENDING.value,),
    )
    return [_url_state(r) for r in rows]


def document_for_url(conn: Connection, url: str) -> str | None:
    """Return the id of a stored document fetched from (or canonical at) `url`, if there is one."""
    row = conn.execute("SELECT id FROM documents WHERE path = ? OR url = ? LIMIT 1", (url, url)).fetchone()
    return str(row[0]) if row else None


def finish_url(
    conn: Connection,
    url: str,
    status: UrlStatus,
    *,
    document_id: str | None = None,
    canonical: str | None = None,
    date_source: str | None = None,
    validators: tuple[str | None, str | None] | None = None,
    reason: str | None = None,
) -> None:
    """Mark a URL saved or rejected (no more fetching); a saved page's canonical URL is marked seen too."""
    conn.execute(
        "UPDATE watch_urls SET status = ?, document_id = ?, date_source = ?, reason = ?, fetched_at = ?, "
        "etag = coalesce(?, etag), last_modified = coalesce(?, last_modified) WHERE url = ?",
        (status.value, document_id, date_source, reason, _now(), *(validators or (None, None)), url),
    )
    if canonical and canonical != url and status is UrlStatus.SAVED:
        feed_url = conn.execute("SELECT feed_url FROM watch_urls WHERE url = ?", (url,)).fetchone()
        conn.execute(
            "INSERT INTO watch_urls (url, feed_url, status, document_id, date_source, queued_at, "
            "fetched_at, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(url) DO UPDATE SET "
            "status = excluded.status, document_id = excluded.document_id "
            "WHERE watch_urls.status = 'pending'",
            (
                canonical,
                feed_url[0] if feed_url else url,
                UrlStatus.SAVED.value,
                document_id,
                date_source,
                _now(),
                _now(),
                f"canonical URL of {url}",
            ),
        )


def retry_url(conn: Connection, url: str, reason: str, max_attempts: int) -> bool:
    """Count a transient failure; after `max_attempts` give the URL up. Return whether it was given up."""
    conn.execute(
        "UPDATE watch_urls SET attempts = attempts + 1, reason = ?, fetched_at = ? WHERE url = ?",
        (reason, _now(), url),
    )
    row = conn.execute("SELECT attempts FROM watch_urls WHERE url = ?", (url,)).fetchone()
    if row is not None and int(row[0]) >= max_attempts:
        conn.execute("UPDATE watch_urls SET status = ? WHERE url = ?", (UrlStatus.GAVE_UP.value, url))
        return True
    return False


# --- alert outbox ----------------------------------------------------------------------------------


class DeliveryStatus(StrEnum):
    PENDING = "pending"
    DELIVERED = "delivered"
    FAILED = "failed"


@dataclass(frozen=True)
class PlannedDelivery:
    """An alert to queue: one rule's target for one version of one event (its export record as JSON)."""

    rule: str
    target: str
    event_id: str
    content_hash: str
    record: str


@dataclass(frozen=True)
class Delivery:
    """A queued alert, with whether it reports a new event or a changed one."""

    rule: str
    target: str
    event_id: str
    content_hash: str
    kind: str  # "new" | "updated"
    record: str
    attempts: int


def enqueue_deliveries(conn: Connection, planned: Sequence[PlannedDelivery]) -> int:
    """Queue the alerts not yet queued for this content of their event; return how many were queued."""
    queued = 0
    for p in planned:
        earlier = conn.execute(
            "SELECT 1 FROM alert_deliveries WHERE rule = ? AND target = ? AND event_id = ? LIMIT 1",
            (p.rule, p.target, p.event_id),
        ).fetchone()
        queued += conn.execute(
            "INSERT INTO alert_deliveries (rule, target, event_id, content_hash, kind, record, status, "
            "queued_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
            (
                p.rule,
                p.target,
                p.event_id,
                p.content_hash,
                "updated" if earlier else "new",
                p.record,
                DeliveryStatus.PENDING.value,
                _now(),
            ),
        ).rowcount
    return queued


def pending_deliveries(conn: Connection) -> list[Delivery]:
    """Return the alerts waiting to be sent, oldest first."""
    rows = conn.execute(
        "SELECT rule, target, event_id, content_hash, kind, record, attempts FROM alert_deliveries "
        "WHERE status = ? ORDER BY queued_at, rowid",
        (DeliveryStatus.PENDING.value,),
    )
    return [
        Delivery(str(r), str(t), str(e), str(h), str(k), str(rec), int(a)) for r, t, e, h, k, rec, a in rows
    ]


def mark_delivery(
    conn: Connection, d: Delivery, delivered: bool, *, error: str | None = None, max_attempts: int = 5
) -> DeliveryStatus:
    """Record one delivery attempt; a delivery failing `max_attempts` times is marked failed for good."""
    if delivered:
        status = DeliveryStatus.DELIVERED
    else:
        status = DeliveryStatus.FAILED if d.attempts + 1 >= max_attempts else DeliveryStatus.PENDING
    conn.execute(
        "UPDATE alert_deliveries SET status = ?, attempts = attempts + 1, last_error = ?, delivered_at = ? "
        "WHERE rule = ? AND target = ? AND event_id = ? AND content_hash = ?",
        (
            status.value,
            error,
            _now() if delivered else None,
            d.rule,
            d.target,
            d.event_id,
            d.content_hash,
        ),
    )
    return status


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
