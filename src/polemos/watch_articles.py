"""One poll of `polemos watch` and its report, and the work on each queued article: fetch, code, save.

A URL is marked saved only after its document is saved, in the transaction that queues its alerts; a URL
whose document a crash left saved but unmarked is recognised by the document's URL and marked without
fetching it again.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

from polemos.alerts import AlertSender, plan_deliveries
from polemos.corroboration import Corroborating
from polemos.errors import StoreError
from polemos.feeds.fetch import Fetcher, FetchOutcome, Validators
from polemos.feeds.sources import DateSource, FeedItem, page_document
from polemos.model import Document, Event, Rejection, Relation
from polemos.storage.alert_outbox import enqueue_deliveries
from polemos.storage.base import DocumentStatus, EventFilter, Store
from polemos.storage.watch_state import WatchState
from polemos.storage.watch_urls import UrlState, UrlStatus, document_for_url, finish_url, retry_url
from polemos.watch_config import SourcesConfig

__all__ = ["DocumentCoder", "Poll", "PollReport", "process_url"]


class DocumentCoder(Protocol):
    """What the watcher needs of pipeline.Coder."""

    def code_document(self, document: Document) -> tuple[list[Event], list[Relation]]: ...


@dataclass
class PollReport:
    """What one poll did, for the log and the CLI's summary."""

    feeds: int = 0
    feeds_not_modified: int = 0
    feed_errors: list[str] = field(default_factory=list)
    feed_warnings: list[str] = field(default_factory=list)
    queued: int = 0  # article URLs seen for the first time
    repeated: int = 0  # items naming a URL already known (or listed twice)
    fetched: int = 0
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    recovered: int = 0  # saved before an interruption, marked now without fetching
    events: int = 0
    undated: list[str] = field(default_factory=list)  # documents saved without a publication date
    retry_later: list[str] = field(default_factory=list)
    rejected: list[Rejection] = field(default_factory=list)
    alerts_delivered: int = 0
    alerts_failed: int = 0
    alerts_retry_later: int = 0

    def summary(self) -> str:
        """One line for the log."""
        return (
            f"{self.feeds} source(s) polled ({self.feeds_not_modified} not modified,"
            f" {len(self.feed_errors)} failed); {self.queued} new URL(s), {self.repeated} repeated;"
            f" {self.fetched} fetched: {self.new} new, {self.changed} changed, {self.unchanged} unchanged"
            f" document(s), {self.recovered} recovered, {self.events} event(s);"
            f" {len(self.rejected)} rejected,"
            f" {len(self.retry_later)} to retry; alerts: {self.alerts_delivered} sent,"
            f" {self.alerts_retry_later} to retry, {self.alerts_failed} failed"
        )


@dataclass
class Poll:
    """One poll under way: its configuration, connections, report, and the alerts tried in it."""

    config: SourcesConfig
    store: Store
    coder: DocumentCoder
    fetcher: Fetcher
    state: WatchState
    sender: AlertSender
    log: logging.Logger
    report: PollReport = field(default_factory=PollReport)
    tried: set[tuple[str, str, str, str]] = field(default_factory=set)


def process_url(poll: Poll, row: UrlState) -> None:
    """Fetch, code and save one queued article URL, and queue the alerts its events raise."""
    report, log, state = poll.report, poll.log, poll.state
    if row.document_id is None:
        saved = document_for_url(state.conn, row.url)
        if saved is not None:  # saved by a poll interrupted before it could mark the URL
            _saved(poll, row, saved, poll.store.events(EventFilter(document_id=saved)), reason="recovered")
            report.recovered += 1
            log.info("%s: already saved as %s, marked without fetching", row.url, saved)
            return
    refetch = row.document_id is not None
    result = poll.fetcher.fetch(row.url, Validators(row.etag, row.last_modified) if refetch else None)
    report.fetched += 1
    if result.outcome is FetchOutcome.NOT_MODIFIED:
        with state.transaction() as conn:
            finish_url(
                conn, row.url, UrlStatus.SAVED, document_id=row.document_id, date_source=row.date_source
            )
        report.unchanged += 1
        return
    if not result.ok:
        if result.is_transient:
            return _retry_later(poll, row, result.reason)
        return _rejected(poll, row, result.reason)
    item = FeedItem(row.url, row.feed_url, row.title, row.published, row.outlet, row.item_updated)
    page = page_document(item, result.body, content_type=result.content_type, final_url=result.final_url)
    if isinstance(page.result, Rejection):
        return _rejected(poll, row, page.result.reason)
    doc = page.result
    if page.date_source is DateSource.NONE:
        report.undated.append(row.url)
        log.warning(
            "%s: no publication date on the page or in the feed; relative dates stay unresolved", row.url
        )
    status = poll.store.document_status(doc)
    if status is DocumentStatus.UNCHANGED:
        events = poll.store.events(EventFilter(document_id=doc.id))
        report.unchanged += 1
    else:
        try:
            events, relations = poll.coder.code_document(doc)
        except Exception as exc:  # a coder bug on one page must not stop the watcher
            return _rejected(poll, row, f"coding failed ({type(exc).__name__}: {exc})")
        try:
            poll.store.save_document(doc, events, relations)
        except StoreError as e:  # a locked database passes; a document that never saves is given up
            return _retry_later(poll, row, str(e))
        if isinstance(poll.store, Corroborating):
            poll.store.corroborate([doc.id])  # merge with other outlets' reports as ingest does
        report.events += len(events)
        if status is DocumentStatus.NEW:
            report.new += 1
        else:
            report.changed += 1
    _saved(poll, row, doc.id, events, canonical=doc.url, date_source=page.date_source.value,
           validators=(result.validators.etag, result.validators.last_modified))  # fmt: skip
    log.info("%s: %s document %s, %d event(s)", row.url, status.value, doc.id, len(events))


def _saved(
    poll: Poll,
    row: UrlState,
    document_id: str,
    events: Sequence[Event],
    *,
    canonical: str | None = None,
    date_source: str | None = None,
    validators: tuple[str | None, str | None] | None = None,
    reason: str | None = None,
) -> None:
    planned = plan_deliveries(poll.config.alerts, events)
    with poll.state.transaction() as conn:
        finish_url(conn, row.url, UrlStatus.SAVED, document_id=document_id, canonical=canonical,
                   date_source=date_source, validators=validators, reason=reason)  # fmt: skip
        enqueue_deliveries(conn, planned)


def _retry_later(poll: Poll, row: UrlState, reason: str) -> None:
    """Count a transient failure: the URL stays queued, or is given up after `max_attempts` polls."""
    with poll.state.transaction() as conn:
        gave_up = retry_url(conn, row.url, reason, poll.config.max_attempts)
    if gave_up:
        reason = f"{reason} ({poll.config.max_attempts} attempts); given up"
        return _rejected(poll, row, reason, status=UrlStatus.GAVE_UP)
    poll.report.retry_later.append(row.url)
    poll.log.warning("%s: %s; retried next poll", row.url, reason)
    return None


def _rejected(poll: Poll, row: UrlState, reason: str, *, status: UrlStatus = UrlStatus.REJECTED) -> None:
    rejection = Rejection(row.url, reason)
    poll.store.add_rejection(rejection)
    poll.report.rejected.append(rejection)
    poll.log.warning("%s: rejected: %s", row.url, reason)
    if status is UrlStatus.REJECTED:  # a given-up URL was marked so by retry_url
        with poll.state.transaction() as conn:
            finish_url(conn, row.url, status, reason=reason)
