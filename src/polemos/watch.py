"""Watch feeds: poll the sources of a SOURCES.toml, code each new article like any document, send alerts.

    SourcesConfig.load(path)                            feeds, fetch policy, alert rules; schema-checked
    poll_once(config, store, coder, log) -> PollReport  feeds -> queue -> fetch, code, save -> alerts
    watch(config, store, coder, every, stop_event)      poll_once every `every` seconds until stopped

State lives in the store (storage/watch_state.py): a feed's ETag/Last-Modified and last poll, every
article URL a feed listed (queued first, so a restart loses none, even one the feed has dropped since) and
the alert outbox. A URL is marked saved only after its document is saved, in the transaction that queues
its alerts; a URL whose document a crash left saved but unmarked is recognised by the document's URL and
marked without fetching it again. So a restart refetches nothing saved and loses nothing unsaved.
"""

from __future__ import annotations

import logging
import re
import threading
import tomllib
from collections.abc import Mapping, Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol, runtime_checkable

from polemos.alerts import AlertRule, AlertSender, Near, deliver_pending, plan_deliveries
from polemos.corroboration import Corroborating
from polemos.errors import InputError, PolemosError, StoreError
from polemos.feeds.fetch import Fetcher, FetchOutcome, FetchPolicy, Validators, user_agent
from polemos.feeds.sources import (
    DateSource,
    FeedItem,
    FeedKind,
    FeedParse,
    page_document,
    parse_feed,
    parse_url_list,
)
from polemos.model import Document, Event, Rejection, Relation
from polemos.storage.base import DocumentStatus, EventFilter, Store
from polemos.storage.connection import Connection
from polemos.storage.watch_state import (
    UrlState,
    UrlStatus,
    WatchState,
    document_for_url,
    enqueue_deliveries,
    feed_state,
    finish_url,
    pending_urls,
    queue_url,
    record_feed_poll,
    retry_url,
)
from polemos.taxonomy import EventType, SubEventType

__all__ = [
    "FeedConfig",
    "PollReport",
    "SourcesConfig",
    "open_watch_state",
    "parse_duration",
    "poll_once",
    "watch",
]

LOG = logging.getLogger("polemos.watch")
DEFAULT_EVERY_S = 15 * 60.0

_UNITS = {"s": 1.0, "m": 60.0, "h": 3600.0, "d": 86400.0}


def parse_duration(text: str) -> float:
    """Parse an interval such as "30s", "15m", "1h", "1h30m" or "90" (seconds) into seconds."""
    value = text.strip().lower()
    parts = re.findall(r"(\d+(?:\.\d+)?)\s*([smhd]?)", value)
    if not value or re.fullmatch(r"(?:\d+(?:\.\d+)?\s*[smhd]?\s*)+", value) is None:
        raise ValueError(f"{text!r} is not a duration; write e.g. 30s, 15m, 1h or 1h30m")
    if len(parts) > 1 and any(not unit for _, unit in parts):
        raise ValueError(f"{text!r} mixes units and bare numbers; write e.g. 1h30m")
    seconds = sum(float(n) * _UNITS[unit or "s"] for n, unit in parts)
    if seconds <= 0:
        raise ValueError(f"{text!r} is not a positive duration")
    return seconds


# --- configuration -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class FeedConfig:
    """One source to poll: an RSS/Atom feed or a URL list, at an http(s) URL or (URL lists) a local file."""

    name: str
    kind: FeedKind
    url: str | None = None
    path: Path | None = None
    outlet: str | None = None  # the outlet when a page names none
    refetch_updated: bool = False  # fetch a seen article again when the feed's version stamp of it changes

    @property
    def key(self) -> str:
        """The feed's identity in the store."""
        return self.url or str(self.path)


@dataclass(frozen=True)
class SourcesConfig:
    """A SOURCES.toml: what to poll, how politely, how often, and which events to alert on."""

    path: Path
    feeds: tuple[FeedConfig, ...]
    alerts: tuple[AlertRule, ...] = ()
    fetch: FetchPolicy = field(default_factory=FetchPolicy)
    every_s: float = DEFAULT_EVERY_S
    max_attempts: int = 5  # polls a page failing transiently (5xx, timeout) is tried before giving up
    alert_retries: int = 3
    alert_max_attempts: int = 5

    @classmethod
    def load(cls, path: str | Path) -> SourcesConfig:
        """Read and check a SOURCES.toml; raise InputError naming the file and key of any problem."""
        path = Path(path)
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except OSError as e:
            raise InputError(str(path), f"cannot read the sources file: {e.strerror or e}") from e
        except UnicodeDecodeError as e:
            raise InputError(str(path), f"not UTF-8 (byte offset {e.start}); re-save it as UTF-8") from e
        except tomllib.TOMLDecodeError as e:
            raise InputError(str(path), f"not valid TOML: {e}") from e
        return cls.from_mapping(data, path)

    @classmethod
    def from_mapping(cls, data: Mapping[str, object], path: Path) -> SourcesConfig:
        """Check and convert parsed TOML; `path` names the file in errors and anchors relative paths."""
        top = _Table(data, "", path, {"watch", "feeds", "alerts"})
        settings = _Table(top.table("watch"), "[watch]", path, _WATCH_KEYS)
        contact = settings.text("contact", required=True)
        policy = FetchPolicy(
            user_agent=user_agent(contact),
            connect_timeout_s=settings.number("connect_timeout_s", 10.0, minimum=0.001),
            read_timeout_s=settings.number("read_timeout_s", 30.0, minimum=0.001),
            retries=int(settings.number("retries", 3, minimum=0, whole=True)),
            backoff_s=settings.number("backoff_s", 2.0, minimum=0),
            max_backoff_s=settings.number("max_backoff_s", 60.0, minimum=0),
            min_interval_s=settings.number("min_interval_s", 5.0, minimum=0),
            max_bytes=int(settings.number("max_bytes", 5 * 1024 * 1024, minimum=1024, whole=True)),
        )
        every = settings.text("every")
        try:
            every_s = parse_duration(every) if every else DEFAULT_EVERY_S
        except ValueError as e:
            raise settings.error("every", str(e)) from None
        feeds = tuple(_feed(t, i, path) for i, t in enumerate(top.tables("feeds", required=True)))
        _unique_names([f.name for f in feeds], "feeds", path)
        rules = tuple(_rule(t, i, path) for i, t in enumerate(top.tables("alerts")))
        _unique_names([r.name for r in rules], "alerts", path)
        return cls(
            path=path,
            feeds=feeds,
            alerts=rules,
            fetch=policy,
            every_s=every_s,
            max_attempts=int(settings.number("max_attempts", 5, minimum=1, whole=True)),
            alert_retries=int(settings.number("alert_retries", 3, minimum=0, whole=True)),
            alert_max_attempts=int(settings.number("alert_max_attempts", 5, minimum=1, whole=True)),
        )


_WATCH_KEYS = {
    "contact", "every", "connect_timeout_s", "read_timeout_s", "retries", "backoff_s", "max_backoff_s",
    "min_interval_s", "max_bytes", "max_attempts", "alert_retries", "alert_max_attempts",
}  # fmt: skip
_FEED_KEYS = {"name", "url", "path", "kind", "outlet", "refetch_updated"}
_RULE_KEYS = {
    "name", "event_types", "sub_event_types", "countries", "admin1", "actors", "min_fatalities", "near",
    "include_background", "webhook", "file", "stdout",
}  # fmt: skip


class _Table:
    """One TOML table being checked: typed reads, and errors that name the file and the key."""

    def __init__(self, data: object, where: str, path: Path, keys: set[str]) -> None:
        self.where, self.path = where, path
        if not isinstance(data, Mapping):
            raise InputError(str(path), f"{where or 'the file'}: expected a table, got {type(data).__name__}")
        self.data: Mapping[str, object] = data
        unknown = sorted(set(data) - keys)
        if unknown:
            raise self.error(unknown[0], f"unknown key; the keys here are {', '.join(sorted(keys))}")

    def error(self, key: str, message: str) -> InputError:
        where = f"{self.where}.{key}" if self.where else key
        return InputError(str(self.path), f"{where}: {message}")

    def table(self, key: str) -> Mapping[str, object]:
        value = self.data.get(key, {})
        if not isinstance(value, Mapping):
            raise self.error(key, f"expected a table ([{key}]), got {type(value).__name__}")
        return value

    def tables(self, key: str, *, required: bool = False) -> list[Mapping[str, object]]:
        value = self.data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, Mapping) for v in value):
            raise self.error(key, f"expected an array of tables ([[{key}]])")
        if required and not value:
            raise self.error(key, f"no [[{key}]] given; list at least one")
        return value

    def text(self, key: str, *, required: bool = False) -> str | None:
        value = self.data.get(key)
        if value is None:
            if required:
                raise self.error(key, "missing")
            return None
        if not isinstance(value, str) or not value.strip():
            raise self.error(key, f"expected a non-empty string, got {value!r}")
        return value.strip()

    def texts(self, key: str) -> tuple[str, ...]:
        value = self.data.get(key, [])
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise self.error(key, f"expected a list of strings, got {value!r}")
        return tuple(v.strip() for v in value)

    def number(self, key: str, default: float, *, minimum: float, whole: bool = False) -> float:
        value = self.data.get(key, default)
        ok = isinstance(value, int | float) and not isinstance(value, bool)
        if not ok or (whole and not isinstance(value, int)):
            kind = "a whole number" if whole else "a number"
            raise self.error(key, f"expected {kind}, got {value!r}")
        number = float(value)  # type: ignore[arg-type]
        if number < minimum:
            raise self.error(key, f"must be at least {minimum:g}, got {value!r}")
        return number

    def flag(self, key: str, default: bool) -> bool:
        value = self.data.get(key, default)
        if not isinstance(value, bool):
            raise self.error(key, f"expected true or false, got {value!r}")
        return value


def _feed(data: Mapping[str, object], index: int, path: Path) -> FeedConfig:
    t = _Table(data, f"feeds[{index}]", path, _FEED_KEYS)
    name = t.text("name", required=True)
    kind_text = t.text("kind") or FeedKind.FEED.value
    try:
        kind = FeedKind(kind_text)
    except ValueError:
        raise t.error("kind", f"{kind_text!r} is not a kind; use 'feed' (RSS/Atom) or 'urls'") from None
    url, local = t.text("url"), t.text("path")
    if (url is None) == (local is None):
        raise t.error("url", "give exactly one of 'url' (http/https) or 'path' (a local URL list)")
    if url is not None and not url.startswith(("http://", "https://")):
        raise t.error("url", f"{url!r} is not an http(s) URL")
    if local is not None and kind is not FeedKind.URLS:
        raise t.error("path", "a local file is read as a URL list: set kind = 'urls'")
    file = (path.parent / local) if local else None
    return FeedConfig(
        name=str(name),
        kind=kind,
        url=url,
        path=file,
        outlet=t.text("outlet"),
        refetch_updated=t.flag("refetch_updated", False),
    )


def _rule(data: Mapping[str, object], index: int, path: Path) -> AlertRule:
    t = _Table(data, f"alerts[{index}]", path, _RULE_KEYS)
    name = str(t.text("name", required=True))
    event_types = t.texts("event_types")
    known = {e.value.casefold() for e in EventType}
    for value in event_types:
        if value.casefold() not in known:
            raise t.error(
                "event_types", f"{value!r} is not an ACLED event type; use one of {_labels(EventType)}"
            )
    sub_types = t.texts("sub_event_types")
    known_sub = {s.value.casefold() for s in SubEventType}
    for value in sub_types:
        if value.casefold() not in known_sub:
            raise t.error("sub_event_types", f"{value!r} is not an ACLED sub-event type")
    minimum = t.data.get("min_fatalities")
    min_fatalities = None if minimum is None else int(t.number("min_fatalities", 0, minimum=0, whole=True))
    targets = []
    webhook = t.text("webhook")
    if webhook is not None:
        if not webhook.startswith(("http://", "https://")):
            raise t.error("webhook", f"{webhook!r} is not an http(s) URL")
        targets.append("webhook:" + webhook)
    file = t.text("file")
    if file is not None:
        targets.append("file:" + str(path.parent / file))
    if t.flag("stdout", False):
        targets.append("stdout")
    if not targets:
        raise t.error("webhook", "no delivery given; set webhook, file or stdout = true")
    return AlertRule(
        name=name,
        targets=tuple(targets),
        event_types=event_types,
        sub_event_types=sub_types,
        countries=t.texts("countries"),
        admin1=t.texts("admin1"),
        actors=t.texts("actors"),
        min_fatalities=min_fatalities,
        near=_near(t),
        include_background=t.flag("include_background", False),
    )


def _near(t: _Table) -> Near | None:
    if "near" not in t.data:
        return None
    near = _Table(t.table("near"), f"{t.where}.near", t.path, {"lat", "lon", "radius_km"})
    for key in ("lat", "lon", "radius_km"):
        if key not in near.data:
            raise near.error(key, "missing; write near = { lat = 32.76, lon = 22.64, radius_km = 50 }")
    lat = near.number("lat", 0, minimum=-90)
    lon = near.number("lon", 0, minimum=-180)
    if lat > 90 or lon > 180:
        raise near.error("lat" if lat > 90 else "lon", "out of range (lat -90..90, lon -180..180)")
    return Near(lat, lon, near.number("radius_km", 0, minimum=0))


def _labels(enum: type[EventType]) -> str:
    return ", ".join(repr(e.value) for e in enum)


def _unique_names(names: Sequence[str], key: str, path: Path) -> None:
    seen: set[str] = set()
    for i, name in enumerate(names):
        if name in seen:
            raise InputError(str(path), f"{key}[{i}].name: {name!r} is used twice; names must be unique")
        seen.add(name)


# --- polling ---------------------------------------------------------------------------------------


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


@dataclass
class _Poll:
    config: SourcesConfig
    store: Store
    coder: DocumentCoder
    fetcher: Fetcher
    state: WatchState
    sender: AlertSender
    log: logging.Logger
    report: PollReport = field(default_factory=PollReport)
    tried: set[tuple[str, str, str, str]] = field(default_factory=set)


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
        poll = _Poll(config, store, coder, fetcher, state, sender, log or LOG)
        _deliver(poll)  # alerts an interrupted poll queued but did not send
        for feed in config.feeds:
            if stop is not None and stop.is_set():
                return poll.report
            _poll_source(poll, feed)
        for url in pending_urls(state.conn):
            if stop is not None and stop.is_set():
                break
            _process_url(poll, url)
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


def _deliver(poll: _Poll) -> None:
    counts = deliver_pending(
        poll.state, poll.sender, log=poll.log, max_attempts=poll.config.alert_max_attempts, skip=poll.tried
    )
    poll.report.alerts_delivered += counts.delivered
    poll.report.alerts_failed += counts.failed
    poll.report.alerts_retry_later += counts.retry_later


def _poll_source(poll: _Poll, feed: FeedConfig) -> None:
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


def _feed_failed(poll: _Poll, feed: FeedConfig, reason: str) -> None:
    poll.report.feed_errors.append(f"{feed.name}: {reason}")
    poll.log.warning("source %s failed: %s", feed.name, reason)
    with poll.state.transaction() as conn:
        record_feed_poll(conn, feed.key, feed.name, "error", error=reason)


def _process_url(poll: _Poll, row: UrlState) -> None:
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
    poll: _Poll,
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


def _retry_later(poll: _Poll, row: UrlState, reason: str) -> None:
    """Count a transient failure: the URL stays queued, or is given up after `max_attempts` polls."""
    with poll.state.transaction() as conn:
        gave_up = retry_url(conn, row.url, reason, poll.config.max_attempts)
    if gave_up:
        reason = f"{reason} ({poll.config.max_attempts} attempts); given up"
        return _rejected(poll, row, reason, status=UrlStatus.GAVE_UP)
    poll.report.retry_later.append(row.url)
    poll.log.warning("%s: %s; retried next poll", row.url, reason)
    return None


def _rejected(poll: _Poll, row: UrlState, reason: str, *, status: UrlStatus = UrlStatus.REJECTED) -> None:
    rejection = Rejection(row.url, reason)
    poll.store.add_rejection(rejection)
    poll.report.rejected.append(rejection)
    poll.log.warning("%s: rejected: %s", row.url, reason)
    if status is UrlStatus.REJECTED:  # a given-up URL was marked so by retry_url
        with poll.state.transaction() as conn:
            finish_url(conn, row.url, status, reason=reason)
