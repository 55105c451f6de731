"""Fixtures for the dashboard, API and report tests: the seeds coded into a store, and a hostile store."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from polemos.model import Actor, DatePoint, Document, Event, Evidence, Place, Source, TimePrecision
from polemos.storage import SqliteStore
from polemos.taxonomy import SubEventType

SEEDS = Path(__file__).resolve().parents[1] / "fixtures" / "seeds"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


@pytest.fixture(scope="session")
def seed_db(coder: Any, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The three seed articles coded by the real pipeline, each with its manifest date and outlet."""
    from polemos.pipeline import ingest

    path = tmp_path_factory.mktemp("web") / "seeds.db"
    with SqliteStore(path) as store:
        for line in (SEEDS / "manifest.jsonl").read_text(encoding="utf-8").splitlines():
            entry = json.loads(line)
            report = ingest(
                [SEEDS / entry["file"]], store, coder,
                published=dt.date.fromisoformat(entry["published"]), outlet=entry["outlet"],
            )  # fmt: skip
            assert not report.rejected
    return path


@dataclass(frozen=True)
class Hostile:
    """A stored document whose text, title and metadata try to run script in a reader's browser."""

    db: Path
    document_id: str
    event_id: str
    sentence: str
    title: str


# Markup an attacker could plant in a scraped article: a script, an event-handler, a javascript: URL.
HOSTILE_SENTENCE = (
    '<script>window.__pwned = "script"</script>Gunmen <b>attacked</b> a market in Sirte on Monday, '
    'killing 3 civilians <img src="x" onerror="window.__pwned = \'img\'">.'
)
HOSTILE_TITLE = "<script>window.__pwned = 'title'</script>Market attack"


@pytest.fixture(scope="session")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Hostile:
    """A store with one hand-built event whose source text is full of live-looking markup."""
    text = HOSTILE_SENTENCE + " Residents fled the area."
    doc = Document(
        id="hostile-001", text=text, title=HOSTILE_TITLE, url="javascript:window.__pwned='url'",
        outlet="<i>Outlet</i>", published=dt.date(2020, 6, 8),
    )  # fmt: skip

    def evidence(field: str, value: str, needle: str, rule: str) -> Evidence:
        start = text.index(needle)
        return Evidence(field, value, doc.id, HOSTILE_SENTENCE, start, start + len(needle), needle, rule)

    event = Event(
        event_id="PLMHOSTILE00001",
        sub_event_type=SubEventType.ATTACK,
        date=DatePoint(dt.date(2020, 6, 8), TimePrecision.DAY, "on Monday"),
        actor1=Actor("Unidentified Armed Group (Libya)", 3),
        actor2=Actor("Civilians (Libya)", 7),
        place=Place("Sirte", 31.2089, 16.5887, "Libya"),
        fatalities=3,
        notes=HOSTILE_SENTENCE,
        sources=(
            Source(doc.id, HOSTILE_SENTENCE, 0, len(HOSTILE_SENTENCE), doc.url, doc.outlet, doc.published),
        ),
        evidence=(
            evidence("event_type", "Attack", "<b>attacked</b>", "trigger:attack"),
            evidence("location", "Sirte", "Sirte", "place:test"),
            evidence("fatalities", "3", "killing 3 civilians", "fatalities:test"),
        ),
    )
    path = tmp_path_factory.mktemp("web") / "hostile.db"
    with SqliteStore(path) as store:
        store.save_document(doc, [event])
    return Hostile(path, doc.id, event.event_id, HOSTILE_SENTENCE, HOSTILE_TITLE)


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """Where browser tests leave their screenshots (git-ignored)."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
