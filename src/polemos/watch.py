"""Watch feeds: poll the sources of a SOURCES.toml, code each new article like any document, send alerts.

    SourcesConfig.load(path)                            feeds, fetch policy, alert rules (watch_config)
    poll_once(config, store, coder, log) -> PollReport  feeds -> queue -> fetch, code, save -> alerts
    watch(config, store, coder, every, stop_event)      poll_once every `every` seconds until stopped

State lives in the store (storage/watch_state.py): a feed's ETag/Last-Modified and last poll, every
article URL a feed listed (queued first, so a restart loses none, even one the feed has dropped since:
storage/watch_urls.py) and the alert outbox (storage/alert_outbox.py). A URL is marked saved only after
its document is saved, in the transaction that queues its alerts; a URL whose document a crash left saved
but unmarked is recognised by the document's URL and marked without fetching it again. So a restart
refetches nothing saved and loses nothing unsaved.
This module reads the feeds and runs the polls; polemos.watch_articles works through the queued articles.
"""

from __future__ import annotations

import logging
import threading
from contextlib import ExitStack
from typing import Protocol, runtime_checkable

from polemos.alerts import AlertSender, deliver_pending
from polemos.errors import PolemosError, StoreError
from polemos.feeds.fetch import Fetcher, FetchOutcome, Validators
from polemos.feeds.sources import FeedItem, FeedKind, FeedParse, parse_feed, parse_url_list
from polemos.storage.base import Store
from polemos.storage.connection import Connection
from polemos.storage.watch_state import WatchState, feed_state, record_feed_poll
from polemos.storage.watch_urls import pending_urls, queue_url
from polemos.watch_articles import DocumentCoder, Poll, PollReport, process_url
from polemos.watch_config import FeedConfig, SourcesConfig

__all__ = ["open_watch_state", "poll_once", "watch"]

LOG = logging.getLogger("polemos.watch")


@runtime_checkable
class WatchingStore(Protocol):
    """A store that keeps the watcher's state in its database (SqliteStore, PostgresStore)."""

    def open_watch_state(self) -> WatchState:
        """Open the watcher's tables on a connection of the watcher's own."""
        ...


def open_watch_state(store: Store) -> WatchState:
    """Open the watcher's tables in the store's database (the store's migrations made them)."""
    if not isinstance(store, WatchingStore):
        raise StoreError(f"polemos watch cannot keep its state in a {type(store).__name__}")
    return store.open_watch_state()


def poll_once(
    config: SourcesConfig,
    store: Store,
    coder: DocumentCoder,
    log: logging.Logger | None = None,
    *,
    fetcher: Fetcher | None = None,
    state: WatchState | None = None,
    sender: AlertSender | None = None,
    stop: threading.Event | None = None,
) -> PollReport:
    """Poll every source once: queue new article URLs, fetch, code and save each, then send its alerts."""
    with ExitStack() as stack:
        if fetcher is None:
            fetcher = stack.enter_context(Fetcher(config.fetch))
        if state is None:
            state = open_watch_state(store)
            stack.callback(state.close)
        if sender is None:
            sender = stack.enter_context(_sender(config))
        poll = Poll(config, store, coder, fetcher, state, sender, log or LOG)
        _deliver(poll)  # alerts an interrupted poll queued but did not send
        for feed in config.feeds:
            if stop is not None and stop.is_set():
                return poll.report
            _poll_source(poll, feed)
        for url in pending_urls(state.conn):
            if stop is not None and stop.is_set():
                break
            process_url(poll, url)
            _deliver(poll)
        return poll.report


def watch(
    config: SourcesConfig,
    store: Store,
    coder: DocumentCoder,
    every: float,
    stop_event: threading.Event,
    log: logging.Logger | None = None,
    *,
    fetcher: Fetcher | None = None,
    sender: AlertSender | None = None,
    max_polls: int | None = None,
) -> int:
    """Poll every `every` seconds until `stop_event` is set (or after `max_polls`); return the polls run."""
    log = log or LOG
    polls = 0
    with ExitStack() as stack:
        if fetcher is None:
            fetcher = stack.enter_context(Fetcher(config.fetch))  # one, so robots.txt stays cached
        if sender is None:
            sender = stack.enter_context(_sender(config))
        state = open_watch_state(store)
        stack.callback(state.close)
        log.info("watching %d source(s) from %s every %gs", len(config.feeds), config.path, every)
        while not stop_event.is_set():
            polls += 1
            try:
                report = poll_once(
                    config, store, coder, log, fetcher=fetcher, state=state, sender=sender, stop=stop_event
                )
            except PolemosError as e:  # a locked or full database may pass; the next poll resumes
                log.error("poll %d failed: %s", polls, e)
            else:
                log.info("poll %d: %s", polls, report.summary())
            if (max_polls is not None and polls >= max_polls) or stop_event.wait(every):
                break
    return polls


def _sender(config: SourcesConfig) -> AlertSender:
    return AlertSender(
        config.fetch.user_agent,
        retries=config.alert_retries,
        backoff_s=config.fetch.backoff_s,
        timeout_s=config.fetch.read_timeout_s,
        trust_env=config.fetch.trust_env,
    )


def _deliver(poll: Poll) -> None:
    counts = deliver_pending(
        poll.state, poll.sender, log=poll.log, max_attempts=poll.config.alert_max_attempts, skip=poll.tried
    )
    poll.report.alerts_delivered += counts.delivered
    poll.report.alerts_failed += counts.failed
    poll.report.alerts_retry_later += counts.retry_later


def _poll_source(poll: Poll, feed: FeedConfig) -> None:
    """Read one feed or URL list and queue the article URLs not seen before."""
    report, log = poll.report, poll.log
    report.feeds += 1
    validators: tuple[str | None, str | None] | None = None
    if feed.path is not None:
        try:
            parsed = parse_url_list(feed.path.read_text(encoding="utf-8"), str(feed.path), outlet=feed.outlet)
        except (OSError, UnicodeDecodeError) as e:
            return _feed_failed(poll, feed, f"cannot read {feed.path}: {e}")
    else:
        assert feed.url is not None
        known = feed_state(poll.state.conn, feed.url)
        result = poll.fetcher.fetch(feed.url, Validators(known.etag, known.last_modified) if known else None)
        if result.outcome is FetchOutcome.NOT_MODIFIED:
            report.feeds_not_modified += 1
            with poll.state.transaction() as conn:
                record_feed_poll(conn, feed.key, feed.name, "not-modified")
            log.info("source %s: not modified", feed.name)
            return None
        if not result.ok:
            return _feed_failed(poll, feed, result.reason)
        parsed = _parse(feed, result.body, result.content_type)
        if parsed.error:
            return _feed_failed(poll, feed, parsed.error)
        # A feed read leniently is fetched in full next time, not answered "not modified".
        validators = (
            (None, None) if parsed.warnings else (result.validators.etag, result.validators.last_modified)
        )
    for warning in parsed.warnings:
        report.feed_warnings.append(f"{feed.name}: {warning}")
        log.warning("source %s: %s", feed.name, warning)
    with poll.state.transaction() as conn:
        queued = sum(_queue(conn, feed, item) for item in parsed.items)
        record_feed_poll(conn, feed.key, feed.name, "ok", validators=validators)
    report.queued += queued
    report.repeated += parsed.repeats + len(parsed.items) - queued
    log.info(
        "source %s: %d item(s), %d new, %d repeated",
        feed.name, len(parsed.items) + parsed.repeats, queued, parsed.repeats + len(parsed.items) - queued,
    )  # fmt: skip
    return None


def _parse(feed: FeedConfig, body: bytes, content_type: str | None) -> FeedParse:
    assert feed.url is not None
    if feed.kind is FeedKind.URLS:
        return parse_url_list(body.decode("utf-8", errors="replace"), feed.url, outlet=feed.outlet)
    return parse_feed(body, feed.url, content_type=content_type, outlet=feed.outlet)


def _queue(conn: Connection, feed: FeedConfig, item: FeedItem) -> bool:
    return queue_url(
        conn,
        item.url,
        feed.key,
        title=item.title,
        published=item.published,
        outlet=item.outlet,
        item_updated=item.updated,
        requeue_if_updated=feed.refetch_updated,
    )


def _feed_failed(poll: Poll, feed: FeedConfig, reason: str) -> None:
    poll.report.feed_errors.append(f"{feed.name}: {reason}")
    poll.log.warning("source %s failed: %s", feed.name, reason)
    with poll.state.transaction() as conn:
        record_feed_poll(conn, feed.key, feed.name, "error", error=reason)
