"""Tests for the SQLite store: round trips, idempotency, replacement, filters, atomic failure, migrations."""

from __future__ import annotations

import dataclasses
import datetime as dt
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from polemos.errors import StoreError
from polemos.model import Actor, DatePoint, Document, Event, Evidence, GeoPrecision, Place, Rejection, Source
from polemos.model import TimePrecision as TP
from polemos.storage import DocumentStatus, EventFilter, SqliteStore, Store, open_store
from polemos.storage.migrations import MIGRATIONS, applied
from polemos.taxonomy import SubEventType

HAFTAR = Actor("Military Forces of Libya (2014-) Haftar Faction", 1, "Libya")
GNA = Actor("Military Forces of Libya (2016-) Government of National Accord", 1, "Libya")
DMSC = Actor("Shura Council of Darnah Mujahidin", 3)
CIVILIANS = Actor("Civilians (Libya)", 7)
DERNA = Place("Derna", 32.7648, 22.6367, "Libya", "Darnah", geonames_id=87205)
TARHUNA = Place("Tarhuna", 32.435, 13.6332, "Libya", "Tarhunah", geo_precision=GeoPrecision.TOWN)
TABLES = ("documents", "events", "evidence", "event_sources", "actors", "rejections", "schema_migrations")


def _doc(doc_id: str = "000", text: str = "Libyan army forces entered Derna on Monday.") -> Document:
    return Document(doc_id, text, "Title", "https://x.test/" + doc_id, "thenational.ae", dt.date(2018, 6, 4))


def _event(
    event_id: str,
    doc_id: str = "000",
    *,
    sub: SubEventType = SubEventType.ARMED_CLASH,
    date: dt.date | None = dt.date(2018, 6, 4),
    actor1: Actor | None = HAFTAR,
    actor2: Actor | None = DMSC,
    place: Place | None = DERNA,
    background: bool = False,
    assoc: tuple[str, ...] = (),
    confidence: float = 0.7,
) -> Event:
    sentence = "Libyan army forces entered Derna on Monday."
    return Event(
        event_id=event_id,
        sub_event_type=sub,
        date=DatePoint(date, TP.DAY, "on Monday", 33, 42, "weekday", background) if date else None,
        actor1=actor1,
        actor2=actor2,
        place=place,
        fatalities=2,
        notes="note",
        sources=(Source(doc_id, sentence, 0, len(sentence), outlet="thenational.ae"),),
        assoc_actor_1=assoc,
        evidence=(
            Evidence(
                "event_type", sub.event_type.value, doc_id, sentence, 20, 27, "entered", "trigger:enter"
            ),
            Evidence("location", "Derna", doc_id, sentence, 28, 33, "Derna", "gazetteer"),
        ),
        confidence=confidence,
    )


@pytest.fixture
def store(tmp_path: Path) -> Iterator[SqliteStore]:
    with SqliteStore(tmp_path / "polemos.db") as s:
        yield s


def _dump(store: SqliteStore) -> dict[str, list[tuple[object, ...]]]:
    conn = store._conn
    return {t: sorted(map(tuple, conn.execute(f"SELECT * FROM {t}")), key=repr) for t in TABLES}


def test_sqlite_store_is_a_store(store: SqliteStore) -> None:
    assert isinstance(store, Store)


def test_save_document_round_trip(store: SqliteStore) -> None:
    doc = _doc()
    events = [_event("e1"), _event("e2", sub=SubEventType.AIR_DRONE_STRIKE, date=dt.date(2018, 6, 3))]
    store.save_document(doc, events)
    assert store.document("000") == doc
    assert store.documents() == [doc]
    assert store.events() == [events[0], events[1]]  # newest first
    assert store.event("e1") == events[0]
    assert store.event("nope") is None and store.document("nope") is None
    counts = {t: len(rows) for t, rows in _dump(store).items()}
    assert counts == {
        "documents": 1,
        "events": 2,
        "evidence": 4,
        "event_sources": 2,
        "actors": 2,
        "rejections": 0,
        "schema_migrations": len(MIGRATIONS),
    }


def test_document_status(store: SqliteStore) -> None:
    doc = _doc()
    assert store.document_status(doc) is DocumentStatus.NEW
    store.save_document(doc, [])
    assert store.document_status(doc) is DocumentStatus.UNCHANGED
    assert store.document_status(dataclasses.replace(doc, text="Changed.")) is DocumentStatus.CHANGED
    assert store.document_status(dataclasses.replace(doc, path="elsewhere.txt")) is DocumentStatus.UNCHANGED


def test_save_document_twice_changes_no_row(store: SqliteStore) -> None:
    store.save_document(_doc(), [_event("e1"), _event("e2")])
    before = _dump(store)
    store.save_document(_doc(), [_event("e2"), _event("e1")])
    assert _dump(store) == before


def test_save_changed_document_replaces_its_events(store: SqliteStore) -> None:
    store.save_document(_doc("000"), [_event("000-1"), _event("000-2", actor2=CIVILIANS)])
    store.save_document(_doc("001"), [_event("001-1", "001")])
    changed = _doc("000", "GNA forces took Tarhuna on Friday.")
    store.save_document(changed, [_event("000-3", actor1=GNA, actor2=HAFTAR, place=TARHUNA)])
    assert store.document("000") == changed
    assert [e.event_id for e in store.events()] == ["000-3", "001-1"]
    conn = store._conn
    assert {r[0] for r in conn.execute("SELECT DISTINCT event_id FROM evidence")} == {"000-3", "001-1"}
    assert {r[0] for r in conn.execute("SELECT event_id FROM event_sources")} == {"000-3", "001-1"}
    # the civilians actor appeared only in the superseded event
    assert store.actors() == [(HAFTAR.name, 1, 2), (GNA.name, 1, 1), (DMSC.name, 3, 1)]


def test_save_document_with_no_events_clears_them(store: SqliteStore) -> None:
    store.save_document(_doc(), [_event("e1")])
    store.save_document(_doc(text="Nothing happened."), [])
    assert store.events() == [] and store.actors() == []


def test_failing_serialisation_leaves_previous_state(store: SqliteStore) -> None:
    store.save_document(_doc(), [_event("e1")])
    before = _dump(store)
    with pytest.raises(StoreError, match="does not serialise"):
        store.save_document(_doc(text="New text."), [_event("e2"), _event("e3", confidence=float("nan"))])
    assert _dump(store) == before


def test_failure_mid_transaction_rolls_back(store: SqliteStore, monkeypatch: pytest.MonkeyPatch) -> None:
    store.save_document(_doc(), [_event("e1")])
    before = _dump(store)

    def explode(*args: object) -> None:
        raise RuntimeError("disk on fire")

    # actors are written last: the document row and the new events are already in the transaction
    monkeypatch.setattr(store, "_upsert_actors", explode)
    with pytest.raises(StoreError, match="disk on fire"):
        store.save_document(_doc(text="New text."), [_event("e2"), _event("e3")])
    assert _dump(store) == before
    monkeypatch.undo()
    store.save_document(_doc(text="New text."), [_event("e2")])  # the store is still usable
    assert [e.event_id for e in store.events()] == ["e2"]


def test_event_id_owned_by_another_document_is_refused(store: SqliteStore) -> None:
    store.save_document(_doc("000"), [_event("same")])
    before = _dump(store)
    with pytest.raises(StoreError, match="already belongs to document '000'"):
        store.save_document(_doc("001"), [_event("same", "001")])
    assert _dump(store) == before


def test_repeated_event_ids_in_one_save_are_refused(store: SqliteStore) -> None:
    with pytest.raises(StoreError, match="event ids repeat"):
        store.save_document(_doc(), [_event("e1"), _event("e1")])
    assert store.documents() == []


@pytest.fixture
def filled(store: SqliteStore) -> SqliteStore:
    store.save_document(
        _doc("000"),
        [
            _event("a", date=dt.date(2018, 6, 4), assoc=("Saiqa Forces",)),
            _event("b", sub=SubEventType.AIR_DRONE_STRIKE, date=dt.date(2018, 6, 2)),
            _event("c", date=dt.date(2014, 11, 15), background=True),
        ],
    )
    store.save_document(
        _doc("002"),
        [
            _event("d", "002", actor1=GNA, actor2=HAFTAR, place=TARHUNA, date=dt.date(2020, 6, 5)),
            _event("e", "002", sub=SubEventType.ATTACK, actor2=CIVILIANS, date=None, place=None),
        ],
    )
    return store


@pytest.mark.parametrize(
    ("flt", "ids"),
    [
        (EventFilter(), ["d", "a", "b", "c", "e"]),
        (EventFilter(date_from=dt.date(2018, 6, 2), date_to=dt.date(2018, 6, 4)), ["a", "b"]),
        (EventFilter(date_from=dt.date(2019, 1, 1)), ["d"]),
        (EventFilter(event_type="Battles"), ["d", "a", "c"]),
        (EventFilter(sub_event_type="Air/drone strike"), ["b"]),
        (EventFilter(actor="haftar"), ["d", "a", "b", "c", "e"]),
        (EventFilter(actor="NATIONAL ACCORD"), ["d"]),
        (EventFilter(actor="saiqa"), ["a"]),
        (EventFilter(actor="civilians"), ["e"]),
        (EventFilter(place="tarhun"), ["d"]),
        (EventFilter(place="darnah"), ["a", "b", "c"]),
        (EventFilter(place="libya"), ["d", "a", "b", "c"]),
        (EventFilter(document_id="002"), ["d", "e"]),
        (EventFilter(include_background=False), ["d", "a", "b", "e"]),
        (EventFilter(limit=2), ["d", "a"]),
        (EventFilter(event_type="Battles", document_id="000", include_background=False), ["a"]),
        (EventFilter(actor="nobody"), []),
    ],
)
def test_events_filters(filled: SqliteStore, flt: EventFilter, ids: list[str]) -> None:
    assert [e.event_id for e in filled.events(flt)] == ids


def test_events_filter_by_cited_source_document(store: SqliteStore) -> None:
    event = _event("merged", "000")
    event = dataclasses.replace(event, sources=(*event.sources, Source("777", "x", 0, 1)))
    store.save_document(_doc("000"), [event])
    assert [e.event_id for e in store.events(EventFilter(document_id="777"))] == ["merged"]


def test_actors_counts(filled: SqliteStore) -> None:
    assert filled.actors() == [
        (HAFTAR.name, 1, 5),
        (DMSC.name, 3, 3),
        (CIVILIANS.name, 7, 1),
        (GNA.name, 1, 1),
    ]


def test_rejections_are_stored_once(store: SqliteStore) -> None:
    bad = Rejection("in/batch.jsonl", "bad JSON: Expecting value at column 1", 3)
    store.add_rejection(bad)
    store.add_rejection(Rejection("in/x.pdf", "unsupported file type ('.pdf')"))
    store.add_rejection(bad)
    store.add_rejection(Rejection("in/x.pdf", "unsupported file type ('.pdf')"))
    assert store.rejections() == [bad, Rejection("in/x.pdf", "unsupported file type ('.pdf')")]


def test_store_reopens_without_reapplying_migrations(tmp_path: Path) -> None:
    path = tmp_path / "p.db"
    with SqliteStore(path) as s:
        s.save_document(_doc(), [_event("e1")])
        assert applied(s._conn) == [m.name for m in MIGRATIONS]
    with SqliteStore(path) as s:
        assert applied(s._conn) == [m.name for m in MIGRATIONS]
        assert s.event("e1") == _event("e1")
        assert s._conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert s._conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_store_refuses_a_database_from_a_newer_version(tmp_path: Path) -> None:
    path = tmp_path / "p.db"
    SqliteStore(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute("INSERT INTO schema_migrations VALUES ('9999_future', '2030-01-01')")
    with pytest.raises(StoreError, match="newer version"):
        SqliteStore(path)


def test_store_refuses_a_file_that_is_not_a_database(tmp_path: Path) -> None:
    path = tmp_path / "p.db"
    path.write_text("not a database" * 100, encoding="utf-8")
    with pytest.raises(StoreError, match="not a usable polemos database"):
        SqliteStore(path)


def test_open_store_paths_and_urls(tmp_path: Path) -> None:
    for db in (tmp_path / "a.db", str(tmp_path / "b.db"), f"sqlite:///{tmp_path / 'c.db'}"):
        store = open_store(db)
        store.save_document(_doc(), [])
        store.close()
    assert {p.name for p in tmp_path.glob("*.db")} == {"a.db", "b.db", "c.db"}
    nested = open_store(tmp_path / "new" / "dir" / "d.db")  # parent folders are created
    nested.close()


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("mysql://localhost/db", "unsupported database URL scheme 'mysql'"),
        ("sqlite:///", "names no database file"),
    ],
)
def test_open_store_refuses_other_urls(url: str, message: str) -> None:
    with pytest.raises(StoreError, match=message):
        open_store(url)


_text = st.text(alphabet=st.characters(codec="utf-8"), max_size=20)
_events = st.builds(
    _event,
    st.text(alphabet="abcdef0123", min_size=1, max_size=6),
    st.just("000"),
    sub=st.sampled_from(SubEventType),
    date=st.none() | st.dates(),
    actor1=st.none() | st.builds(Actor, _text.filter(bool), st.integers(1, 8), st.none() | _text),
    actor2=st.none() | st.just(DMSC),
    place=st.none()
    | st.builds(Place, _text, st.floats(-90, 90), st.floats(-180, 180), _text, st.none() | _text),
    background=st.booleans(),
    confidence=st.floats(allow_nan=False, allow_infinity=False),
)


@settings(max_examples=50, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_events, max_size=4, unique_by=lambda e: e.event_id))
def test_store_round_trip_any_events(events: list[Event]) -> None:
    with SqliteStore(":memory:") as store:
        store.save_document(_doc(), events)
        stored = {e.event_id: e for e in store.events()}
        assert stored == {e.event_id: e for e in events}
