"""`polemos watch` end to end on a local site: same events as a plain ingest, alerts once, restarts lose and
duplicate nothing, every failure (404, 500, slow host, robots.txt, malformed feed, repeats, no date) a value.

Watched and plain-ingested events are compared on their export records minus what names the document:
a fetched page's document id is derived from its canonical URL ("web-<hash>") where a file's is its name,
so `event_id` (a hash over the document id), `source` (outlet, else document id) and the sources' and
evidence's `document_id`, `url` and `outlet` legitimately differ. Everything coded — dates, types,
actors, places, fatalities, notes, evidence spans and rules — must be identical.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import threading
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from polemos.errors import InputError, StoreError
from polemos.feeds.sources import DateSource, FeedItem, page_document, parse_feed, parse_url_list
from polemos.model import Document, Event, Relation
from polemos.pipeline import ingest
from polemos.records import event_to_record
from polemos.storage import open_store
from polemos.storage.sql_store import SqlStore
from polemos.storage.watch_urls import UrlStatus, url_state
from polemos.watch import open_watch_state, poll_once, watch
from polemos.watch_commands import watch_cmd
from polemos.watch_config import SourcesConfig, parse_duration

SEEDS = Path(__file__).resolve().parents[1] / "fixtures" / "seeds"
STEMS = ("000_aea3f91c47e42a8b", "001_7408a9ead5e549ea", "002_37df46fae67b9620")
VIOLENT = ("Battles", "Explosions/Remote violence")


# --- helpers -----------------------------------------------------------------------------------------


def _comparable(record: dict[str, Any]) -> str:
    """The record without what names its document (see the module docstring)."""
    r = dict(record)
    del r["event_id"], r["source"]
    r["sources"] = [
        {k: v for k, v in s.items() if k not in ("document_id", "url", "outlet")} for s in r["sources"]
    ]
    r["evidence"] = {
        name: [{k: v for k, v in e.items() if k != "document_id"} for e in items]
        for name, items in r["evidence"].items()
    }
    return json.dumps(r, sort_keys=True, ensure_ascii=False)


def _alert_worthy(record: dict[str, Any]) -> bool:
    """The test rule's criteria, computed independently of polemos.alerts."""
    return record["event_type"] in VIOLENT and record["country"] == "Libya" and not record["is_background"]


@pytest.fixture(scope="module")
def plain_records(coder: Any, tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, Any]]:
    """A plain ingest of the three seed files, each with its manifest's publication date."""
    manifest = {
        Path(m["file"]).stem: m
        for m in map(json.loads, (SEEDS / "manifest.jsonl").read_text(encoding="utf-8").splitlines())
    }
    store = open_store(tmp_path_factory.mktemp("plain") / "plain.db")
    try:
        for stem in STEMS:
            published = dt.date.fromisoformat(manifest[stem]["published"])
            report = ingest([SEEDS / f"{stem}.txt"], store, coder, published=published)
            assert report.new == 1 and not report.rejected
        return [event_to_record(e) for e in store.events()]
    finally:
        store.close()


def _seed_feeds(news: Any, hooks: Any) -> str:
    return f"""
[[feeds]]
name = "local-news"
url = "{news.url("/feeds/seeds.xml")}"

[[alerts]]
name = "libya-violence"
event_types = ["Battles", "Explosions/Remote violence"]
countries = ["Libya"]
webhook = "{hooks.url("/hooks/polemos")}"
"""


def _records(store: Any) -> list[dict[str, Any]]:
    return [event_to_record(e) for e in store.events()]


def _assert_same_events(watched: list[dict[str, Any]], plain: list[dict[str, Any]]) -> None:
    assert len(watched) == len(plain)
    assert sorted(map(_comparable, watched)) == sorted(map(_comparable, plain))


def _assert_one_alert_per_matching_event(hooks: Any, watched: list[dict[str, Any]]) -> None:
    expected = sorted(r["event_id"] for r in watched if _alert_worthy(r))
    assert expected, "the seeds should hold violent events in Libya"
    got = sorted(p["event_id"] for p in hooks.posts)
    assert got == expected  # each matching event once, no other
    by_id = {r["event_id"]: r for r in watched}
    for post in hooks.posts:
        assert post["rule"] == "libya-violence" and post["kind"] == "new"
        assert post["event"] == by_id[post["event_id"]]  # the export record, evidence and sources included
        assert post["event"]["evidence"] and post["event"]["sources"]


class Crash(BaseException):
    """A process dying mid-poll (not an Exception: nothing in the watcher may swallow it)."""


class CrashingCoder:
    """Codes like `inner`, but dies when asked for its `crash_on`-th document."""

    def __init__(self, inner: Any, crash_on: int) -> None:
        self.inner, self.crash_on, self.calls = inner, crash_on, 0

    def code_document(self, document: Document) -> tuple[list[Event], list[Relation]]:
        self.calls += 1
        if self.calls == self.crash_on:
            raise Crash(document.id)
        result: tuple[list[Event], list[Relation]] = self.inner.code_document(document)
        return result


class CrashAfterSave:
    """A store that dies right after saving its `crash_on`-th document, before the watcher marks its URL."""

    def __init__(self, store: SqlStore, crash_on: int) -> None:
        self._store, self.crash_on, self.saves = store, crash_on, 0

    def __getattr__(self, name: str) -> Any:
        return getattr(self._store, name)

    def save_document(self, doc: Document, events: Any, relations: Any = None) -> None:
        self._store.save_document(doc, events, relations)
        self.saves += 1
        if self.saves == self.crash_on:
            raise Crash(doc.id)


@pytest.fixture
def no_proxies(monkeypatch: pytest.MonkeyPatch) -> None:
    """The CLI honours proxy variables; the tests' servers are on 127.0.0.1, reached directly."""
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        monkeypatch.delenv(name, raising=False)


def _cli() -> typer.Typer:
    app = typer.Typer()
    app.command()(watch_cmd)
    return app


# --- the "done when" ---------------------------------------------------------------------------


@pytest.mark.usefixtures("no_proxies")
def test_watch_cli_twice_equals_plain_ingest_and_alerts_once(
    news: Any,
    hooks: Any,
    write_sources: Callable[..., Path],
    watch_db_arg: str,
    plain_records: list[dict[str, Any]],
) -> None:
    sources = write_sources(_seed_feeds(news, hooks))
    runner = CliRunner()
    for run in (1, 2):
        result = runner.invoke(_cli(), [str(sources), "--once", "--db", watch_db_arg])
        assert result.exit_code == 0, f"run {run}: {result.output}"
    assert "3 new URL(s)" in result.output or "0 new URL(s)" in result.output
    # The second run asked for the feed conditionally (304) and fetched no page again.
    assert news.hits["/feeds/seeds.xml"] == 2
    assert all(news.hits[f"/articles/{stem}.html"] == 1 for stem in STEMS)
    feed_requests = [h for _, p, h in news.requests if p == "/feeds/seeds.xml"]
    assert feed_requests[1].get("If-None-Match") == '"seeds-v1"'
    store = open_store(watch_db_arg)
    try:
        watched = _records(store)
        assert len(store.documents()) == 3
    finally:
        store.close()
    _assert_same_events(watched, plain_records)
    _assert_one_alert_per_matching_event(hooks, watched)


def test_watch_restart_after_crash_in_coding_loses_and_duplicates_nothing(
    news: Any,
    hooks: Any,
    load_sources: Callable[[str], SourcesConfig],
    watch_store: SqlStore,
    fast_coder: Any,
    plain_records: list[dict[str, Any]],
) -> None:
    config = load_sources(_seed_feeds(news, hooks))
    with pytest.raises(Crash):
        poll_once(config, watch_store, CrashingCoder(fast_coder, crash_on=2))
    assert len(watch_store.documents()) == 1
    alerts_before = len(hooks.posts)
    assert alerts_before > 0  # the first document's alerts went out before the crash

    report = poll_once(config, watch_store, fast_coder)
    # The feed's ETag was kept, so it answered "not modified": its items were queued, not lost.
    assert report.feeds_not_modified == 1 and report.new == 2 and not report.rejected
    assert news.hits[f"/articles/{STEMS[0]}.html"] == 1  # saved before the crash: not fetched again
    assert news.hits[f"/articles/{STEMS[1]}.html"] == 2  # fetched, then lost in the crash: fetched again
    assert news.hits[f"/articles/{STEMS[2]}.html"] == 1
    watched = _records(watch_store)
    _assert_same_events(watched, plain_records)
    _assert_one_alert_per_matching_event(hooks, watched)

    again = poll_once(config, watch_store, fast_coder)
    assert again.fetched == 0 and again.alerts_delivered == 0


def test_watch_restart_after_crash_between_save_and_mark_refetches_nothing(
    news: Any,
    hooks: Any,
    load_sources: Callable[[str], SourcesConfig],
    watch_store: SqlStore,
    fast_coder: Any,
    plain_records: list[dict[str, Any]],
) -> None:
    config = load_sources(_seed_feeds(news, hooks))
    with pytest.raises(Crash):
        poll_once(config, CrashAfterSave(watch_store, crash_on=2), fast_coder)
    assert len(watch_store.documents()) == 2

    report = poll_once(config, watch_store, fast_coder)
    assert report.recovered == 1 and report.new == 1 and report.fetched == 1
    assert all(news.hits[f"/articles/{stem}.html"] == 1 for stem in STEMS)
    watched = _records(watch_store)
    _assert_same_events(watched, plain_records)
    _assert_one_alert_per_matching_event(hooks, watched)


# --- failures are values ----------------------------------------------------------------------------------


def test_watch_failures_are_values_and_never_refetched(
    mixed: Any,
    slow: Any,
    load_sources: Callable[[str], SourcesConfig],
    watch_store: SqlStore,
    fast_coder: Any,
) -> None:
    config = load_sources(
        f"""
[[feeds]]
name = "seeds"
url = "{mixed.url("/feeds/seeds.xml")}"

[[feeds]]
name = "mixed"
url = "{mixed.url("/feeds/mixed.xml")}"

[[feeds]]
name = "broken"
url = "{mixed.url("/feeds/broken.xml")}"

[[feeds]]
name = "repeats"
url = "{mixed.url("/feeds/repeats.xml")}"

[[feeds]]
name = "list"
kind = "urls"
url = "{mixed.url("/lists/urls.txt")}"
"""
    )
    config = replace(config, fetch=replace(config.fetch, read_timeout_s=0.3, retries=0))
    missing, error = mixed.url("/articles/missing.html"), mixed.url("/articles/error.html")
    secret, late = mixed.url("/private/secret.html"), slow.url("/articles/slow.html")
    undated, listed = mixed.url("/articles/undated.html"), mixed.url("/articles/undated-listed.html")

    first = poll_once(config, watch_store, fast_coder)
    assert [e.split(":")[0] for e in first.feed_errors] == ["broken"]
    assert "malformed feed" in first.feed_errors[0]
    assert any(w.startswith("list: line 4: not an http(s) URL") for w in first.feed_warnings)
    rejected = {r.path: r.reason for r in first.rejected}
    assert rejected == {missing: "HTTP 404 Not Found", secret: f"robots.txt of {mixed.base} disallows it"}
    assert mixed.hits["/private/secret.html"] == 0
    assert sorted(first.retry_later) == sorted([error, late])
    # A page without a date takes the feed item's; with neither it has none, though its text names one.
    assert first.undated == [listed]
    documents = {d.path: d for d in watch_store.documents()}
    assert documents[undated].published == dt.date(2020, 6, 2)
    assert documents[listed].published is None
    # Listed twice in one feed and again in another, or twice in the URL list: fetched once each.
    assert first.repeated == 4
    assert mixed.hits[f"/articles/{STEMS[0]}.html"] == 1 and mixed.hits["/articles/undated-listed.html"] == 1
    assert {r.path for r in watch_store.rejections()} == {missing, secret}

    second = poll_once(config, watch_store, fast_coder)  # the transient failures fail again: given up
    assert sorted(r.path for r in second.rejected) == sorted([error, late])
    assert all("given up" in r.reason for r in second.rejected) and second.retry_later == []
    state = open_watch_state(watch_store)
    try:
        assert url_state(state.conn, error).status is UrlStatus.GAVE_UP  # type: ignore[union-attr]
        assert url_state(state.conn, missing).status is UrlStatus.REJECTED  # type: ignore[union-attr]
    finally:
        state.close()

    third = poll_once(config, watch_store, fast_coder)
    assert third.fetched == 0 and third.rejected == []
    assert mixed.hits["/articles/missing.html"] == 1
    assert mixed.hits["/articles/error.html"] == 2  # once a poll, then given up
    assert slow.hits["/articles/slow.html"] == 2


class FailingSaves:
    """A store whose saves fail (a locked database, or a document it can never hold)."""

    def __init__(self, store: SqlStore) -> None:
        self._store = store

    def __getattr__(self, name: str) -> Any:
        return getattr(self._store, name)

    def save_document(self, doc: Document, events: Any, relations: Any = None) -> None:
        raise StoreError(f"cannot save document {doc.id!r}: database is locked")


def test_watch_save_failure_is_retried_then_given_up(
    news: Any, load_sources: Callable[[str], SourcesConfig], watch_store: SqlStore, fast_coder: Any
) -> None:
    news.add("/feeds/one.xml", rss_of(news.url("/articles/undated.html")), content_type="application/rss+xml")
    config = load_sources(f'[[feeds]]\nname = "one"\nurl = "{news.url("/feeds/one.xml")}"\n')
    store = FailingSaves(watch_store)
    first = poll_once(config, store, fast_coder)
    assert first.retry_later == [news.url("/articles/undated.html")] and not first.rejected
    second = poll_once(config, store, fast_coder)  # max_attempts = 2
    (rejection,) = second.rejected
    assert "database is locked" in rejection.reason and "given up" in rejection.reason
    assert poll_once(config, store, fast_coder).fetched == 0


def rss_of(*links: str) -> bytes:
    items = "".join(f"<item><title>t</title><link>{link}</link></item>" for link in links)
    return (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>One</title>{items}</channel></rss>'.encode()
    )


def test_watch_loop_polls_until_stopped(
    news: Any,
    hooks: Any,
    load_sources: Callable[[str], SourcesConfig],
    watch_store: SqlStore,
    fast_coder: Any,
    caplog: pytest.LogCaptureFixture,
) -> None:
    config = load_sources(_seed_feeds(news, hooks))
    stop = threading.Event()
    with caplog.at_level(logging.INFO, logger="polemos.watch"):
        polls = watch(config, watch_store, fast_coder, 0.01, stop, max_polls=2)
    assert polls == 2
    assert news.hits["/feeds/seeds.xml"] == 2 and news.hits["/robots.txt"] == 1  # robots.txt cached
    assert "poll 2:" in caplog.text and "source local-news: not modified" in caplog.text
    stop.set()
    assert watch(config, watch_store, fast_coder, 0.01, stop) == 0


def test_watch_refetches_an_updated_item_and_alerts_the_change(
    news: Any,
    hooks: Any,
    load_sources: Callable[[str], SourcesConfig],
    watch_store: SqlStore,
    fast_coder: Any,
) -> None:
    page = news.routes["/articles/undated.html"].body
    news.add("/articles/versioned.html", page.replace(b"Three fighters", b"Three fighters"), etag='"v1"')
    atom = (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Versioned</title>'
        "<entry><title>Clashes near Sirte</title><link href='/articles/versioned.html'/><id>urn:v</id>"
        "<published>2020-06-02T10:00:00+02:00</published><updated>{stamp}</updated></entry></feed>"
    )
    news.add(
        "/feeds/versioned.xml",
        atom.format(stamp="2020-06-02T10:00:00Z").encode(),
        content_type="application/atom+xml",
    )
    config = load_sources(
        f"""
[[feeds]]
name = "versioned"
url = "{news.url("/feeds/versioned.xml")}"
refetch_updated = true

[[alerts]]
name = "battles"
event_types = ["Battles"]
webhook = "{hooks.url("/hooks/polemos")}"
"""
    )
    first = poll_once(config, watch_store, fast_coder)
    assert first.new == 1 and first.alerts_delivered >= 1
    assert all(p["kind"] == "new" for p in hooks.posts)
    # Same stamp: not fetched again.
    poll_once(config, watch_store, fast_coder)
    assert news.hits["/articles/versioned.html"] == 1
    # The outlet corrects the toll and the feed says so: fetched again (conditionally), re-coded, re-alerted.
    news.add("/articles/versioned.html", page.replace(b"Three fighters", b"Five fighters"), etag='"v2"')
    news.add(
        "/feeds/versioned.xml",
        atom.format(stamp="2020-06-03T08:00:00Z").encode(),
        content_type="application/atom+xml",
    )
    sent = len(hooks.posts)
    third = poll_once(config, watch_store, fast_coder)
    assert third.changed == 1
    conditional = [h for _, p, h in news.requests if p == "/articles/versioned.html"][-1]
    assert conditional.get("If-None-Match") == '"v1"'
    updates = hooks.posts[sent:]
    assert updates and all(p["kind"] == "updated" for p in updates)
    assert any(p["event"]["fatalities"] == 5 for p in updates)


# --- configuration ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "seconds"),
    [("30s", 30), ("15m", 900), ("1h", 3600), ("1h30m", 5400), ("90", 90), (" 2M ", 120), ("1d", 86400)],
)
def test_parse_duration_reads_units(text: str, seconds: float) -> None:
    assert parse_duration(text) == seconds


@pytest.mark.parametrize("text", ["", "15 minutes", "0s", "-5m", "1h30", "m"])
def test_parse_duration_rejects_nonsense(text: str) -> None:
    with pytest.raises(ValueError, match=r"duration|units"):
        parse_duration(text)


_FEED = '[[feeds]]\nname = "a"\nurl = "https://example.org/rss"\n'


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("", "feeds: no [[feeds]] given"),
        ('[[feeds]]\nname = "a"\n', "feeds[0].url: give exactly one of"),
        ('[[feeds]]\nname = "a"\nurl = "ftp://x/y"\n', "feeds[0].url: 'ftp://x/y' is not an http(s) URL"),
        (
            _FEED + '[[feeds]]\nname = "a"\nurl = "https://example.org/2"\n',
            "feeds[1].name: 'a' is used twice",
        ),
        (
            '[[feeds]]\nname = "a"\nurl = "https://x.org/f"\nkind = "atom"\n',
            "feeds[0].kind: 'atom' is not a kind",
        ),
        ('[[feeds]]\nname = "a"\npath = "urls.txt"\n', "feeds[0].path: a local file is read as a URL list"),
        (
            _FEED + '[[alerts]]\nname = "r"\nstdout = true\nevnt_types = ["Battles"]\n',
            "alerts[0].evnt_types: unknown key",
        ),
        (
            _FEED + '[[alerts]]\nname = "r"\nstdout = true\nevent_types = ["Battle"]\n',
            "'Battle' is not an ACLED event type",
        ),
        (_FEED + '[[alerts]]\nname = "r"\n', "alerts[0].webhook: no delivery given"),
        (
            _FEED + '[[alerts]]\nname = "r"\nstdout = true\nmin_fatalities = "5"\n',
            "alerts[0].min_fatalities: expected a whole number",
        ),
        (
            _FEED + '[[alerts]]\nname = "r"\nstdout = true\nnear = { lat = 32.7, lon = 22.6 }\n',
            "alerts[0].near.radius_km: missing",
        ),
        (
            _FEED + '[[alerts]]\nname = "r"\nstdout = true\nnear = { lat = 95, lon = 22.6, radius_km = 5 }\n',
            "alerts[0].near.lat: out of range",
        ),
        (_FEED + "[watch]\n", "not valid TOML"),  # a second [watch] table
    ],
)
def test_sources_config_errors_name_file_and_key(
    write_sources: Callable[..., Path], body: str, message: str
) -> None:
    path = write_sources(body)
    with pytest.raises(InputError) as caught:
        SourcesConfig.load(path)
    assert str(path) in str(caught.value)
    assert message in str(caught.value)


def test_sources_config_requires_a_contact(tmp_path: Path) -> None:
    path = tmp_path / "s.toml"
    path.write_text(_FEED, encoding="utf-8")
    with pytest.raises(InputError, match=r"\[watch\]\.contact: missing"):
        SourcesConfig.load(path)


def test_example_sources_toml_loads() -> None:
    example = Path(__file__).resolve().parents[2] / "examples" / "sources.toml"
    config = SourcesConfig.load(example)
    assert config.feeds and config.alerts and config.every_s == 900
    assert config.fetch.user_agent.startswith("polemos/") and "(+" in config.fetch.user_agent
    assert {t.split(":")[0] for r in config.alerts for t in r.targets} == {"webhook", "file", "stdout"}


@pytest.mark.usefixtures("no_proxies")
def test_watch_cli_reports_bad_config_and_bad_interval(
    write_sources: Callable[..., Path], tmp_path: Path
) -> None:
    runner = CliRunner()
    bad = write_sources('[[feeds]]\nname = "a"\n')
    result = runner.invoke(_cli(), [str(bad), "--once", "--db", str(tmp_path / "x.db")])
    assert result.exit_code == 1 and "feeds[0].url" in result.output
    good = write_sources(_FEED, name="good.toml")
    result = runner.invoke(_cli(), [str(good), "--every", "soon", "--db", str(tmp_path / "x.db")])
    assert result.exit_code == 2 and "not a duration" in result.output


# --- feeds, lists and pages ------------------------------------------------------------------------------


def test_parse_feed_atom_resolves_links_and_keeps_the_item_date_in_its_zone() -> None:
    atom = (
        b'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Wire</title>'
        b"<entry><title>Late</title><link href='/a/late.html#top'/><id>urn:1</id>"
        b"<published>2020-06-07T23:30:00-05:00</published></entry>"
        b"<entry><title>No link</title><id>urn:2</id></entry></feed>"
    )
    parsed = parse_feed(atom, "https://Wire.example.org/feeds/atom.xml")
    (item,) = parsed.items
    assert item.url == "https://wire.example.org/a/late.html"
    assert item.published == dt.date(2020, 6, 7)  # not the next day in UTC
    assert item.outlet == "Wire" and parsed.error is None
    assert parsed.warnings == ("1 item(s) without an http(s) link skipped",)


@pytest.mark.parametrize(
    ("body", "error"),
    [
        (b"<rss><channel><item><title>x</ti", "malformed feed"),
        (b"<html><body><p>Not a feed</p></body></html>", "not an RSS or Atom feed"),
    ],
)
def test_parse_feed_errors(body: bytes, error: str) -> None:
    parsed = parse_feed(body, "https://x.example.org/feed")
    assert parsed.items == () and parsed.error is not None and error in parsed.error


def test_parse_url_list_skips_comments_bad_lines_and_repeats() -> None:
    text = "# watch list\n\nhttps://a.example.org/1\nnot a url\n/relative\nhttps://a.example.org/1#c\n"
    parsed = parse_url_list(text, "list.txt", outlet="A")
    assert [i.url for i in parsed.items] == ["https://a.example.org/1"]
    assert parsed.repeats == 1 and parsed.items[0].outlet == "A"
    assert [w.split(":")[0] for w in parsed.warnings] == ["line 4", "line 5"]


def _item(url: str = "https://n.example.org/a.html", **kw: Any) -> FeedItem:
    return FeedItem(url, "https://n.example.org/feed", **kw)


def test_page_document_prefers_the_page_and_falls_back_to_the_feed() -> None:
    page = (
        b"<!doctype html><html><head><title>Clashes near Sirte</title>"
        b'<link rel="canonical" href="https://www.n.example.org/2020/clashes"></head><body><article>'
        b"<p>Clashes broke out near Sirte between rival forces on Monday, residents said; they went on.</p>"
        b"<p>Three fighters were killed in the clashes, a hospital official said on the telephone.</p>"
        b"</article></body></html>"
    )
    built = page_document(
        _item(title="Feed title", published=dt.date(2020, 6, 2), outlet="N News"),
        page,
        content_type="text/html",
        final_url="https://n.example.org/a.html",
    )
    doc = built.result
    assert isinstance(doc, Document)
    assert doc.url == "https://www.n.example.org/2020/clashes" and doc.id.startswith("web-")
    assert doc.title == "Clashes near Sirte" and doc.path == "https://n.example.org/a.html"
    assert doc.published == dt.date(2020, 6, 2) and built.date_source is DateSource.FEED
    undated = page_document(_item(), page, content_type="text/html", final_url="https://n.example.org/a.html")
    assert isinstance(undated.result, Document)
    assert undated.result.published is None and undated.date_source is DateSource.NONE


@pytest.mark.parametrize(
    ("body", "content_type", "reason"),
    [
        (b"%PDF-1.4 ...", "application/pdf", "not an article page"),
        (
            b"<!doctype html><html><head><title>x</title></head><body><script>var a;</script></body></html>",
            "text/html",
            "no article text",
        ),
    ],
)
def test_page_document_rejects_what_is_no_article(body: bytes, content_type: str, reason: str) -> None:
    built = page_document(_item(), body, content_type=content_type, final_url="https://n.example.org/a.html")
    assert not isinstance(built.result, Document) and reason in built.result.reason


def test_page_document_decodes_the_declared_charset() -> None:
    page = (
        "<!doctype html><html><head><meta charset='windows-1252'><title>Café</title></head><body><article>"
        "<p>Fighters clashed near the café in Sirte on Monday, residents said, and the fighting went on.</p>"
        "<p>Three fighters were killed in the clashes, a hospital official said on the telephone.</p>"
        "</article></body></html>"
    ).encode("cp1252")
    built = page_document(_item(), page, content_type="text/html", final_url="https://n.example.org/a.html")
    assert isinstance(built.result, Document) and "café" in built.result.text
