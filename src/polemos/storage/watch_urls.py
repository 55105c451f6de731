"""The watcher's article URLs in the store (table `watch_urls`, created by watch_state.py's schema step):
the fetch queue and the set of URLs already seen, in one.

A URL's life: queued as `pending` when a feed first lists it, `saved` once its document is in the store
(in the same transaction as its alerts are queued), `rejected` when it can never give a document (404,
robots.txt, no text), `gave-up` after too many transient failures. Only `pending` URLs are fetched. The
functions run on a storage.connection Connection inside the caller's transaction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from polemos.storage.connection import Connection
from polemos.storage.row_values import optional_text, utc_now

__all__ = [
    "UrlState",
    "UrlStatus",
    "document_for_url",
    "finish_url",
    "pending_urls",
    "queue_url",
    "retry_url",
    "url_state",
]


def _date(raw: object) -> dt.date | None:
    return dt.date.fromisoformat(str(raw)) if raw else None


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
        title=optional_text(title),
        published=_date(published),
        outlet=optional_text(outlet),
        item_updated=optional_text(updated),
        etag=optional_text(etag),
        last_modified=optional_text(lm),
        attempts=int(str(attempts)),
        document_id=optional_text(doc),
        date_source=optional_text(source),
        reason=optional_text(reason),
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
            utc_now(),
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
            utc_now(),
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
        (status.value, document_id, date_source, reason, utc_now(), *(validators or (None, None)), url),
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
                utc_now(),
                utc_now(),
                f"canonical URL of {url}",
            ),
        )


def retry_url(conn: Connection, url: str, reason: str, max_attempts: int) -> bool:
    """Count a transient failure; after `max_attempts` give the URL up. Return whether it was given up."""
    conn.execute(
        "UPDATE watch_urls SET attempts = attempts + 1, reason = ?, fetched_at = ? WHERE url = ?",
        (reason, utc_now(), url),
    )
    row = conn.execute("SELECT attempts FROM watch_urls WHERE url = ?", (url,)).fetchone()
    if row is not None and int(row[0]) >= max_attempts:
        conn.execute("UPDATE watch_urls SET status = ? WHERE url = ?", (UrlStatus.GAVE_UP.value, url))
        return True
    return False
