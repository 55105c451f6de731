"""Browser tests: the dashboard and the report in Debian's Chromium, driven by Playwright, with no network.

Skipped when `chromium` is not on PATH or Playwright is not installed (`apt-get install chromium`;
Playwright's own browser download is neither needed nor used). Screenshots go to test-artifacts/.
"""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from polemos.report import write_report
from polemos.storage import SqliteStore
from polemos.storage.base import EventFilter
from polemos.web.app import create_app

sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright for Python is not installed")
CHROMIUM = shutil.which("chromium")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="Debian's chromium is not on PATH (apt-get install chromium)"
)
# Headless in a container, with every call home switched off.
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
TIMEOUT_MS = 15_000


@contextmanager
def _serving(db: Path, *, online_tiles: bool = False) -> Iterator[str]:
    """Serve the dashboard over `db` on a free loopback port in a background thread."""
    import uvicorn

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    config = uvicorn.Config(
        create_app(str(db), online_tiles=online_tiles),
        host="127.0.0.1",
        port=port,
        log_level="warning",
        lifespan="off",
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError(f"uvicorn did not start on port {port}")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="module")
def seed_site(seed_db: Path) -> Iterator[str]:
    with _serving(seed_db) as url:
        yield url


@pytest.fixture(scope="module")
def hostile_site(hostile: Any) -> Iterator[str]:
    with _serving(hostile.db) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        yield chromium
        chromium.close()


class Watch:
    """What a page did that it should not: requests off this machine, script errors, CSP violations."""

    def __init__(self) -> None:
        self.blocked: list[str] = []
        self.errors: list[str] = []


@pytest.fixture
def page(browser: Any) -> Iterator[tuple[Any, Watch]]:
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    watch = Watch()

    def only_local(route: Any) -> None:
        url = route.request.url
        if url.startswith(("http://127.0.0.1:", "file://", "data:")):
            route.continue_()
        else:
            watch.blocked.append(url)
            route.abort()

    context.route("**/*", only_local)
    tab = context.new_page()
    tab.set_default_timeout(TIMEOUT_MS)
    tab.on("pageerror", lambda exc: watch.errors.append(f"page error: {exc}"))
    tab.on("console", lambda msg: watch.errors.append(msg.text) if msg.type == "error" else None)
    yield tab, watch
    context.close()
    assert watch.blocked == [], "the page tried to reach the network"
    assert watch.errors == [], "the page logged errors"


def _open(tab: Any, url: str) -> None:
    tab.goto(url)
    tab.wait_for_selector("body[data-ready=true]")


def test_clicking_an_event_shows_its_evidence_sentence(
    page: tuple[Any, Watch], seed_site: str, seed_db: Path, artifacts: Path
) -> None:
    tab, _ = page
    with SqliteStore(seed_db) as store:
        event = max(store.events(EventFilter(place="darnah")), key=lambda e: e.fatalities)
    claim = next(ev for ev in event.evidence if ev.field == "fatalities")
    _open(tab, seed_site)
    tab.click(f'#events tr[data-event-id="{event.event_id}"]')
    passage = tab.locator("#panel .passage", has_text=claim.sentence)
    sync_api.expect(passage).to_have_count(1)
    # Overlapping evidence (actor1 inside the claim) splits the claim's mark in pieces.
    pieces = passage.locator('mark[data-fields~="fatalities"]').all_text_contents()
    assert "".join(pieces) == claim.text
    sync_api.expect(tab.locator("#events tr.selected")).to_have_attribute("data-event-id", event.event_id)
    tab.screenshot(path=artifacts / "dashboard-evidence.png", full_page=True)


def test_filters_change_the_map_and_the_table(
    page: tuple[Any, Watch], seed_site: str, seed_db: Path, artifacts: Path
) -> None:
    tab, _ = page
    with SqliteStore(seed_db) as store:
        everything = store.events()
        darnah = store.events(EventFilter(place="darnah"))
        battles = store.events(EventFilter(event_type="Battles"))
    rows, markers = tab.locator("#events tbody tr"), tab.locator("#map path.event-marker")
    located = {(e.place.latitude, e.place.longitude) for e in everything if e.place is not None}
    _open(tab, seed_site)
    sync_api.expect(rows).to_have_count(len(everything))
    sync_api.expect(markers).to_have_count(len(located))

    tab.fill("#filters input[name=place]", "darnah")
    sync_api.expect(rows).to_have_count(len(darnah))
    sync_api.expect(markers).to_have_count(1)  # every Darnah event sits on the town's point
    tab.screenshot(path=artifacts / "dashboard-filtered.png", full_page=True)

    tab.click("#filters button[type=reset]")
    tab.select_option("#filters select[name=event_type]", "Battles")
    sync_api.expect(rows).to_have_count(len(battles))
    assert set(rows.locator("td:nth-child(2)").all_inner_texts()) == {"Battles"}
    assert "event_type=Battles" in tab.url  # the filters travel with a shared link


def test_clicking_a_marker_selects_its_event(page: tuple[Any, Watch], seed_site: str, seed_db: Path) -> None:
    tab, _ = page
    with SqliteStore(seed_db) as store:
        (event,) = store.events(EventFilter(place="benghazi"))
    _open(tab, f"{seed_site}/?place=benghazi")
    sync_api.expect(tab.locator("#map path.event-marker")).to_have_count(1)
    tab.click("#map path.event-marker")
    sync_api.expect(tab.locator("#panel h3")).to_contain_text(event.sub_event_type.value)
    sync_api.expect(tab.locator("#events tr.selected")).to_have_attribute("data-event-id", event.event_id)


def test_markup_in_article_text_is_shown_inert(
    page: tuple[Any, Watch], hostile_site: str, hostile: Any, artifacts: Path
) -> None:
    tab, _ = page
    _open(tab, hostile_site)
    tab.click(f'#events tr[data-event-id="{hostile.event_id}"]')
    sentence = tab.locator("#panel .passage .sentence")
    sync_api.expect(sentence).to_have_text(hostile.sentence)  # the markup is shown as text
    sync_api.expect(tab.locator('#panel mark[data-fields~="event_type"]')).to_have_text("<b>attacked</b>")
    tab.click("#panel button:has-text('full text')")
    sync_api.expect(tab.locator("#document h4")).to_have_text(hostile.title)
    sync_api.expect(tab.locator("#document .doc-text")).to_contain_text(hostile.sentence)
    assert tab.locator("#panel script, #panel img, #panel b, #panel i, #panel a").count() == 0
    assert tab.evaluate("window.__pwned") is None
    tab.screenshot(path=artifacts / "dashboard-inert.png", full_page=True)


def test_online_tiles_setting_draws_the_map_on_tiles(page: tuple[Any, Watch], seed_db: Path) -> None:
    tab, watch = page
    with _serving(seed_db, online_tiles=True) as site:
        _open(tab, site)
        sync_api.expect(tab.locator("#map img.leaflet-tile").first).to_be_attached()
    assert watch.blocked and all(u.startswith("https://tile.openstreetmap.org/") for u in watch.blocked)
    # Tiles cannot load here (the test blocks them); that is the expected outcome, not a page fault.
    assert all("Failed to load resource" in e for e in watch.errors)
    watch.blocked.clear()
    watch.errors.clear()


def test_report_opens_offline_with_map_and_charts(
    browser: Any, seed_db: Path, tmp_path: Path, artifacts: Path
) -> None:
    path = tmp_path / "report.html"
    with SqliteStore(seed_db) as store:
        summary = write_report(store, date_from=None, date_to=None, country="Libya", path=path)
    context = browser.new_context(offline=True, viewport={"width": 1000, "height": 900})
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    tab = context.new_page()
    tab.goto(path.as_uri())
    located = {
        e.place.name for e in tab_events(seed_db) if e.place is not None and e.place.country == "Libya"
    }
    assert tab.locator("#map svg circle").count() >= min(3, len(located))
    assert tab.locator("#by-type svg rect").count() == len(summary.by_type)
    assert tab.locator("#by-week svg rect").count() > 0
    assert tab.locator("#map svg").bounding_box()["height"] > 200  # drawn, not collapsed
    tab.screenshot(path=artifacts / "report.png", full_page=True)
    context.close()
    assert requests == [path.as_uri()]  # the report itself, nothing else


def tab_events(db: Path) -> list[Any]:
    with SqliteStore(db) as store:
        return store.events()
