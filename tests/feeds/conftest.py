"""Feed fixtures: local HTTP sites on 127.0.0.1 (never the internet), built from the seeds and small pages.

`news` serves the three seeds as article pages (a <time> and a published_time meta from the seed manifest;
seed 002 carries its own "date 2020-06-07" in its text) and feeds of them, plus a 404, a 500, malformed
XML, a feed that repeats items, pages without a date, a robots.txt that disallows /private/ and a URL
list. `slow` is a second host whose page answers after 2 s. `hooks` receives webhook POSTs. Every server
is stopped, and every handler still sleeping released, at teardown.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import threading
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from polemos.model import Document, Event, Relation
from polemos.storage import open_store
from polemos.storage.sql_store import SqlStore
from polemos.watch_config import SourcesConfig

SEEDS = Path(__file__).resolve().parents[1] / "fixtures" / "seeds"
SEED_STEMS = ("000_aea3f91c47e42a8b", "001_7408a9ead5e549ea", "002_37df46fae67b9620")
FEED_ETAG = '"seeds-v1"'
FEED_LAST_MODIFIED = "Sun, 07 Jun 2020 12:00:00 GMT"
# A report with no date anywhere a page declares one, but a date in its text that a guesser would take.
UNDATED_TEXT = (
    "Clashes broke out near Sirte between forces of the Government of National Accord and fighters loyal "
    "to Khalifa Haftar, residents said, in the worst fighting there since 12 March 2019.",
    "Three fighters were killed in the clashes, a hospital official said.",
)


# --- the server ----------------------------------------------------------------------------------------


@dataclass
class Route:
    """What the site answers for one path."""

    body: bytes = b""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    etag: str | None = None
    last_modified: str | None = None
    delay_s: float = 0.0
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class Site:
    """A local web site: routes by path, and a record of what was asked of it."""

    routes: dict[str, Route] = field(default_factory=dict)
    hits: Counter[str] = field(default_factory=Counter)
    requests: list[tuple[str, str, dict[str, str]]] = field(default_factory=list)
    posts: list[dict[str, Any]] = field(default_factory=list)
    post_statuses: list[int] = field(default_factory=list)  # consumed one per POST; 200 when empty
    base: str = ""
    release: threading.Event = field(default_factory=threading.Event)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def url(self, path: str) -> str:
        return self.base + path

    def add(self, path: str, body: bytes = b"", **route: Any) -> None:
        """Serve `body` at `path` (Route's fields as keywords)."""
        self.routes[path] = Route(body, **route)


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:
        pass  # quiet tests

    def do_GET(self) -> None:
        site = self.server.site
        with site.lock:
            site.hits[self.path] += 1
            site.requests.append(("GET", self.path, dict(self.headers.items())))
        route = site.routes.get(self.path)
        if route is None:
            return self._answer(404, b"not found", "text/plain")
        if route.delay_s and site.release.wait(route.delay_s):
            return None  # the test is over
        if route.etag and self.headers.get("If-None-Match") == route.etag:
            return self._answer(304, b"", None, route)
        if route.last_modified and self.headers.get("If-Modified-Since") == route.last_modified:
            return self._answer(304, b"", None, route)
        return self._answer(route.status, route.body, route.content_type, route)

    def do_POST(self) -> None:
        site = self.server.site
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        with site.lock:
            site.hits[self.path] += 1
            status = site.post_statuses.pop(0) if site.post_statuses else 200
            if status < 300:
                site.posts.append(json.loads(body))
            site.requests.append(("POST", self.path, dict(self.headers.items())))
        self._answer(status, b"{}", "application/json")

    def _answer(self, status: int, body: bytes, content_type: str | None, route: Route | None = None) -> None:
        try:
            self.send_response(status)
            if content_type:
                self.send_header("Content-Type", content_type)
            if route is not None:
                if route.etag:
                    self.send_header("ETag", route.etag)
                if route.last_modified:
                    self.send_header("Last-Modified", route.last_modified)
                for name, value in route.headers.items():
                    self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if body and status != 304:
                self.wfile.write(body)
        except OSError:
            pass  # the client gave up (a timeout test)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    site: Site

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a client that timed out and closed its socket is expected here


@contextmanager
def serve(site: Site) -> Iterator[Site]:
    """Serve `site` on 127.0.0.1 (a free port) until the block ends."""
    server = _Server(("127.0.0.1", 0), _Handler)
    server.site = site
    site.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    try:
        yield site
    finally:
        site.release.set()
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


# --- content ---------------------------------------------------------------------------------------------


def seed_manifest() -> dict[str, dict[str, Any]]:
    lines = (SEEDS / "manifest.jsonl").read_text(encoding="utf-8").splitlines()
    return {Path(m["file"]).stem: m for m in map(json.loads, lines) if m}


def article_page(title: str, paragraphs: list[str], canonical: str, published: str | None) -> bytes:
    """An article page as news sites write them: head metadata, a dateline, paragraphs.

    Paragraphs go in as the markup they are: the seeds carry inline links, as article bodies do.
    """
    meta = dateline = ""
    if published:
        meta = f'<meta property="article:published_time" content="{published}T08:00:00+00:00">'
        dateline = f'<p class="dateline"><time datetime="{published}">{published}</time></p>'
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    page = (
        f"<!doctype html><html><head><meta charset='utf-8'><title>{html.escape(title)}</title>{meta}"
        f'<link rel="canonical" href="{canonical}"></head><body>'
        f"<nav><a href='/'>Home</a> | <a href='/world'>World</a></nav>"
        f"<header>{dateline}</header><article>{body}</article>"
        "<footer>© Local Test News. All rights reserved.</footer></body></html>"
    )
    return page.encode("utf-8")


def seed_paragraphs(stem: str) -> list[str]:
    text = (SEEDS / f"{stem}.txt").read_text(encoding="utf-8")
    return [p.strip() for p in text.split("\n\n") if p.strip()]


def rss(title: str, items: Sequence[tuple[str, str, str | None]]) -> bytes:
    """An RSS 2.0 feed of (title, link, RFC 822 date or None) items."""
    entries = "".join(
        f"<item><title>{html.escape(t)}</title><link>{html.escape(link)}</link><guid>{html.escape(link)}</guid>"
        + (f"<pubDate>{date}</pubDate>" if date else "")
        + "</item>"
        for t, link, date in items
    )
    return (
        f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>{html.escape(title)}'
        f"</title><link>http://127.0.0.1/</link><description>test feed</description>{entries}</channel></rss>"
    ).encode()


def rfc822(day: str) -> str:
    y, m, d = (int(x) for x in day.split("-"))
    return dt.datetime(y, m, d, 9, 0, tzinfo=dt.UTC).strftime("%a, %d %b %Y %H:%M:%S GMT")


def build_news(site: Site) -> None:
    """Fill `site` with the seeds' pages and feeds and the failure cases."""
    manifest = seed_manifest()
    xml = "application/rss+xml; charset=utf-8"
    seed_items = []
    for stem in SEED_STEMS:
        path = f"/articles/{stem}.html"
        published = manifest[stem]["published"]
        title = f"Report {stem[:3]}"
        # Seed 002 states its date in its first line; its page declares none (and has no <h1>: a header
        # date after a headline stays in the text with html_to_text, see the lead's notes).
        page_date = None if stem.startswith("002") else published
        site.routes[path] = Route(article_page(title, seed_paragraphs(stem), site.url(path), page_date))
        seed_items.append((title, site.url(path), rfc822(published)))
    site.routes["/feeds/seeds.xml"] = Route(
        rss("Local Test News", seed_items), content_type=xml, etag=FEED_ETAG, last_modified=FEED_LAST_MODIFIED
    )
    # The same item twice in one feed, and items of another feed again.
    site.routes["/feeds/repeats.xml"] = Route(
        rss("Repeats", [seed_items[0], seed_items[0], seed_items[1]]), content_type=xml
    )
    site.routes["/feeds/broken.xml"] = Route(
        b'<?xml version="1.0"?><rss version="2.0"><channel><title>Broken</title><item><title>A & B</ti',
        content_type=xml,
    )
    site.routes["/articles/undated.html"] = Route(
        article_page("Clashes near Sirte", list(UNDATED_TEXT), site.url("/articles/undated.html"), None)
    )
    site.routes["/articles/undated-listed.html"] = Route(
        article_page(
            "Clashes near Sirte", list(UNDATED_TEXT), site.url("/articles/undated-listed.html"), None
        )
    )
    site.routes["/articles/error.html"] = Route(b"oops", status=500, content_type="text/plain")
    site.routes["/private/secret.html"] = Route(
        article_page("Secret", list(UNDATED_TEXT), site.url("/private/secret.html"), "2020-06-01")
    )
    site.routes["/robots.txt"] = Route(
        b"User-agent: *\nDisallow: /private/\n", content_type="text/plain; charset=utf-8"
    )
    site.routes["/lists/urls.txt"] = Route(
        (
            "# articles to watch\n\n"
            f"{site.url('/articles/undated-listed.html')}\n"
            "not a url\n"
            f"{site.url('/articles/undated-listed.html')}#comments\n"
        ).encode(),
        content_type="text/plain; charset=utf-8",
    )


def build_mixed_feed(site: Site, slow: Site) -> None:
    """A feed whose items hit every failure: 404, 500, robots.txt, a slow host, an undated page."""
    items = [
        ("Missing", site.url("/articles/missing.html"), rfc822("2020-06-01")),
        ("Error", site.url("/articles/error.html"), rfc822("2020-06-01")),
        ("Secret", site.url("/private/secret.html"), rfc822("2020-06-01")),
        ("Slow", slow.url("/articles/slow.html"), rfc822("2020-06-01")),
        ("Undated", site.url("/articles/undated.html"), rfc822("2020-06-02")),
    ]
    site.routes["/feeds/mixed.xml"] = Route(rss("Mixed", items), content_type="application/rss+xml")
    slow.routes["/articles/slow.html"] = Route(
        article_page("Slow", list(UNDATED_TEXT), slow.url("/articles/slow.html"), "2020-06-01"), delay_s=2.0
    )


@pytest.fixture(scope="session")
def _news_server() -> Iterator[Site]:
    with serve(Site()) as site:
        yield site


@pytest.fixture
def news(_news_server: Site) -> Site:
    """The news site, fresh for each test. One server for the session: its URLs, hence the documents'
    ids, stay the same from test to test, so the coding of a page is computed once (MemoCoder)."""
    site = _news_server
    with site.lock:
        site.routes.clear()
        site.hits.clear()
        site.requests.clear()
        site.posts.clear()
        site.post_statuses.clear()
        build_news(site)
    return site


@pytest.fixture
def slow() -> Iterator[Site]:
    with serve(Site()) as site:
        yield site


@pytest.fixture
def mixed(news: Site, slow: Site) -> Site:
    """The news site with a feed whose items hit every failure."""
    build_mixed_feed(news, slow)
    return news


@pytest.fixture
def hooks() -> Iterator[Site]:
    with serve(Site()) as site:
        yield site


# --- stores and coders ------------------------------------------------------------------------------------


@pytest.fixture
def watch_db(tmp_path: Path) -> Path:
    """A migrated store file (its migrations made the watch tables)."""
    path = tmp_path / "watch.db"
    open_store(path).close()
    return path


@pytest.fixture(params=["sqlite", "postgresql"])
def watch_db_arg(request: pytest.FixtureRequest, watch_db: Path) -> str:
    """What `--db` names for a fresh store of each engine: a SQLite file or a PostgreSQL URL."""
    return str(watch_db) if request.param == "sqlite" else str(request.getfixturevalue("postgres_url"))


@pytest.fixture
def watch_store(watch_db_arg: str) -> Iterator[SqlStore]:
    """A fresh store of each engine: the watcher keeps its state in either."""
    store = open_store(watch_db_arg)
    assert isinstance(store, SqlStore)
    yield store
    store.close()


class MemoCoder:
    """The real coder, remembering its results by document content (the coder is deterministic)."""

    def __init__(self, coder: Any, cache: dict[tuple[str, str], tuple[list[Event], list[Relation]]]) -> None:
        self.coder = coder
        self.cache = cache
        self.coded: list[str] = []

    def code_document(self, document: Document) -> tuple[list[Event], list[Relation]]:
        self.coded.append(document.id)
        key = (document.id, document.content_hash)
        if key not in self.cache:
            self.cache[key] = self.coder.code_document(document)
        return self.cache[key]


@pytest.fixture(scope="session")
def coding_cache() -> dict[tuple[str, str], tuple[list[Event], list[Relation]]]:
    return {}


@pytest.fixture
def fast_coder(coder: Any, coding_cache: dict[tuple[str, str], Any]) -> MemoCoder:
    return MemoCoder(coder, coding_cache)


_TEST_WATCH = (
    "[watch]\n"
    'contact = "mailto:tests@example.org"\n'
    "min_interval_s = 0\nbackoff_s = 0.01\nretries = 1\nread_timeout_s = 0.5\nconnect_timeout_s = 0.5\n"
    "max_attempts = 2\nalert_retries = 1\n\n"
)


@pytest.fixture
def write_sources(tmp_path: Path) -> Callable[..., Path]:
    """Write a SOURCES.toml whose [watch] table suits tests (no wait between requests, short timeouts)."""

    def write(body: str, name: str = "sources.toml") -> Path:
        path = tmp_path / name
        path.write_text(_TEST_WATCH + body, encoding="utf-8")
        return path

    return write


@pytest.fixture
def load_sources(write_sources: Callable[..., Path]) -> Callable[[str], SourcesConfig]:
    """Write and load a SOURCES.toml, ignoring proxies from the environment: tests reach 127.0.0.1 only."""

    def load(body: str) -> SourcesConfig:
        config = SourcesConfig.load(write_sources(body))
        return replace(config, fetch=replace(config.fetch, trust_env=False))

    return load
