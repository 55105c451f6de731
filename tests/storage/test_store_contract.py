"""The Store contract, run against every engine: SQLite (a file) and PostgreSQL (a real throwaway server).

Whatever the engine, a store must round-trip events with their evidence, save idempotently, replace a
changed document's events, filter and order events the same way, keep rejections once, and leave the
previous state intact when a save fails. Engine-specific behaviour (pragmas, file handling) is tested
beside each engine.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from polemos.errors import StoreError
from polemos.model import (
    Actor,
    DatePoint,
    Document,
    Event,
    Evidence,
    GeoPrecision,
    Place,
    Rejection,
    Relation,
    RelationKind,
    Source,
)
from polemos.model import TimePrecision as TP
from polemos.storage import DocumentStatus, EventFilter, SqliteStore, Store
from polemos.taxonomy import SubEventType

HAFTAR = Actor("Military Forces of Libya (2014-) Haftar Faction", 1, "Libya")
GNA = Actor("Military Forces of Libya (2016-) Government of National Accord", 1, "Libya")
DMSC = Actor("Shura Council of Darnah Mujahidin", 3)
CIVILIANS = Actor("Civilians (Libya)", 7)
DERNA = Place("Derna", 32.7648, 22.6367, "Libya", "Darnah", geonames_id=87205)
TARHUNA = Place("Tarhuna", 32.435, 13.6332, "Libya", "Tarhunah", geo_precision=GeoPrecision.TOWN)
TABLES = (
    *("documents", "events", "evidence", "event_sources", "actors", "rejections", "relations"),
    *("event_history", "schema_migrations"),
)
SENTENCE = "Libyan army forces entered Derna on Monday."

Opener = Callable[[], Any]


def _doc(doc_id: str = "000", text: str = SENTENCE) -> Document:
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
    start: int = 0,
) -> Event:
    return Event(
        event_id=event_id,
        sub_event_type=sub,
        date=DatePoint(date, TP.DAY, "on Monday", 33, 42, "weekday", background) if date else None,
        actor1=actor1,
        actor2=actor2,
        place=place,
        fatalities=2,
        notes="note",
        sources=(Source(doc_id, SENTENCE, start, start + len(SENTENCE), outlet="thenational.ae"),),
        assoc_actor_1=assoc,
        evidence=(
            Evidence(
                "event_type", sub.event_type.value, doc_id, SENTENCE, 20, 27, "entered", "trigger:enter"
            ),
            Evidence("location", "Derna", doc_id, SENTENCE, 28, 33, "Derna", "gazetteer", 0.9),
        ),
        confidence=confidence,
    )


@pytest.fixture(params=["sqlite", "postgresql"])
def opener(request: pytest.FixtureRequest, tmp_path: Path) -> Opener:
    """Return a function that opens (again) one fresh database of the engine under test."""
    if request.param == "sqlite":
        path = tmp_path / "polemos.db"
        return lambda: SqliteStore(path)
    from polemos.storage.postgres import PostgresStore

    url: str = request.getfixturevalue("postgres_url")
    return lambda: PostgresStore(url)


@pytest.fixture
def store(opener: Opener) -> Iterator[Any]:
    s = opener()
    yield s
    s.close()


def _rows(store: Any, sql: str) -> list[tuple[object, ...]]:
    return [tuple(r) for r in store._conn.execute(sql).fetchall()]


def _dump(store: Any) -> dict[str, list[tuple[object, ...]]]:
    return {t: sorted(_rows(store, f"SELECT * FROM {t}"), key=repr) for t in TABLES}


def _ids(events: list[Event]) -> list[str]:
    return [e.event_id for e in events]


def test_store_is_a_store(store: Any) -> None:
    assert isinstance(store, Store)


def test_store_round_trips_events_with_evidence(store: Any) -> None:
    doc = _doc()
    events = [_event("e1"), _event("e2", sub=SubEventType.AIR_DRONE_STRIKE, date=dt.date(2018, 6, 3))]
    store.save_document(doc, events)
    assert store.document("000") == doc
    assert store.documents() == [doc]
    assert store.events() == events  # newest first
    assert store.event("e1") == events[0]
    assert store.event("e1").evidence == events[0].evidence
    assert store.event("nope") is None and store.document("nope") is None
    counts = {t: len(rows) for t, rows in _dump(store).items() if t != "schema_migrations"}
    assert counts == {
        "documents": 1,
        "events": 2,
        "evidence": 4,
        "event_sources": 2,
        "actors": 2,
        "rejections": 0,
        "relations": 0,
        "event_history": 0,
    }


def test_store_document_status(store: Any) -> None:
    doc = _doc()
    assert store.document_status(doc) is DocumentStatus.NEW
    store.save_document(doc, [])
    assert store.document_status(doc) is DocumentStatus.UNCHANGED
    assert store.document_status(dataclasses.replace(doc, text="Changed.")) is DocumentStatus.CHANGED
    assert store.document_status(dataclasses.replace(doc, path="elsewhere.txt")) is DocumentStatus.UNCHANGED


def test_store_save_twice_changes_no_row(store: Any) -> None:
    store.save_document(_doc(), [_event("e1"), _event("e2")])
    before = _dump(store)
    store.save_document(_doc(), [_event("e2"), _event("e1")])
    assert _dump(store) == before


def test_store_save_changed_document_replaces_its_events(store: Any) -> None:
    store.save_document(_doc("000"), [_event("000-1"), _event("000-2", actor2=CIVILIANS)])
    store.save_document(_doc("001"), [_event("001-1", "001")])
    changed = _doc("000", "GNA forces took Tarhuna on Friday.")
    store.save_document(changed, [_event("000-3", actor1=GNA, actor2=HAFTAR, place=TARHUNA)])
    assert store.document("000") == changed
    assert _ids(store.events()) == ["000-3", "001-1"]
    assert {r[0] for r in _rows(store, "SELECT DISTINCT event_id FROM evidence")} == {"000-3", "001-1"}
    assert {r[0] for r in _rows(store, "SELECT event_id FROM event_sources")} == {"000-3", "001-1"}
    # the civilians actor appeared only in the superseded event
    assert store.actors() == [(HAFTAR.name, 1, 2), (GNA.name, 1, 1), (DMSC.name, 3, 1)]


def test_store_save_with_no_events_clears_them(store: Any) -> None:
    store.save_document(_doc(), [_event("e1")])
    store.save_document(_doc(text="Nothing happened."), [])
    assert store.events() == [] and store.actors() == []


def test_store_unserialisable_event_leaves_previous_state(store: Any) -> None:
    store.save_document(_doc(), [_event("e1")])
    before = _dump(store)
    with pytest.raises(StoreError, match="does not serialise"):
        store.save_document(_doc(text="New text."), [_event("e2"), _event("e3", confidence=float("nan"))])
    assert _dump(store) == before


def test_store_failure_mid_transaction_rolls_back(store: Any) -> None:
    store.save_document(_doc("000"), [_event("same")])
    before = _dump(store)
    # The new document row and event "x" are written before "same" is found to belong to 000.
    with pytest.raises(StoreError, match="already belongs to document '000'"):
        store.save_document(_doc("001"), [_event("x", "001"), _event("same", "001")])
    assert _dump(store) == before
    assert store.document("001") is None
    store.save_document(_doc("001"), [_event("x", "001")])  # the store is still usable
    assert _ids(store.events(EventFilter(document_id="001"))) == ["x"]


def test_store_failure_in_last_write_rolls_back(store: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    store.save_document(_doc(), [_event("e1")])
    before = _dump(store)

    def explode(*args: object) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(store, "_upsert_actors", explode)  # actors are written last
    with pytest.raises(StoreError, match="disk on fire"):
        store.save_document(_doc(text="New text."), [_event("e2"), _event("e3")])
    assert _dump(store) == before


def test_store_refuses_repeated_event_ids_in_one_save(store: Any) -> None:
    with pytest.raises(StoreError, match="event ids repeat"):
        store.save_document(_doc(), [_event("e1"), _event("e1")])
    assert store.documents() == []


@pytest.fixture
def filled(store: Any) -> Any:
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
        (EventFilter(date_to=dt.date(2018, 6, 2)), ["b", "c"]),
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
def test_store_events_filters(filled: Any, flt: EventFilter, ids: list[str]) -> None:
    assert _ids(filled.events(flt)) == ids


def test_store_events_filter_by_cited_source_document(store: Any) -> None:
    event = _event("merged", "000")
    event = dataclasses.replace(event, sources=(*event.sources, Source("777", "x", 0, 1)))
    store.save_document(_doc("000"), [event])
    assert _ids(store.events(EventFilter(document_id="777"))) == ["merged"]


def test_store_events_filters_fold_case_beyond_ascii(store: Any) -> None:
    militia = Actor("Brigade of the Straße", 3)
    place = dataclasses.replace(DERNA, name="ÇANKIRI", admin1="Çankırı")
    store.save_document(_doc(), [_event("e1", actor1=militia, place=place)])
    assert _ids(store.events(EventFilter(actor="STRASSE"))) == ["e1"]
    assert _ids(store.events(EventFilter(place="çankiri"))) == ["e1"]
    assert _ids(store.events(EventFilter(place="cankiri"))) == []


def test_store_events_order_newest_first_then_report_order(store: Any) -> None:
    day = dt.date(2020, 6, 5)
    # Within a day: by document id (bytewise: "B" < "Z" < "a"), then by where the report tells it.
    store.save_document(_doc("a"), [_event("a-late", "a", date=day, start=90), _event("a-0", "a", date=day)])
    store.save_document(_doc("Z"), [_event("z", "Z", date=day)])
    store.save_document(
        _doc("B"),
        [
            _event("b-undated", "B", date=None),
            _event("b-old", "B", date=dt.date(2019, 1, 1)),
            _event("b-2", "B", date=day, start=50),
            _event("b-1", "B", date=day, start=10),
        ],
    )
    assert _ids(store.events()) == ["b-1", "b-2", "z", "a-0", "a-late", "b-old", "b-undated"]
    assert [d.id for d in store.documents()] == ["B", "Z", "a"]


def test_store_actors_most_active_first(filled: Any) -> None:
    assert filled.actors() == [
        (HAFTAR.name, 1, 5),
        (DMSC.name, 3, 3),
        (CIVILIANS.name, 7, 1),
        (GNA.name, 1, 1),
    ]


def test_store_rejections_are_stored_once_oldest_first(store: Any) -> None:
    bad = Rejection("in/batch.jsonl", "bad JSON: Expecting value at column 1", 3)
    pdf = Rejection("in/x.pdf", "unsupported file type ('.pdf')")
    for rejection in (bad, pdf, bad, pdf, Rejection("in/batch.jsonl", bad.reason, 4)):
        store.add_rejection(rejection)
    assert store.rejections() == [bad, pdf, Rejection("in/batch.jsonl", bad.reason, 4)]


def test_store_reopens_without_reapplying_migrations(opener: Opener) -> None:
    with opener() as s:
        s.save_document(_doc(), [_event("e1")])
        ledger = _rows(s, "SELECT * FROM schema_migrations")
    with opener() as s:
        assert _rows(s, "SELECT * FROM schema_migrations") == ledger
        assert s.event("e1") == _event("e1")


def test_store_refuses_a_database_from_a_newer_version(opener: Opener) -> None:
    with opener() as s:
        s._conn.execute("INSERT INTO schema_migrations VALUES ('9999_future', '2030-01-01')")
        if isinstance(s, SqliteStore):
            s._conn.commit()
    with pytest.raises(StoreError, match="newer version"):
        opener()


# PostgreSQL text cannot hold NUL characters; everything else any engine must keep exactly.
_text = st.text(alphabet=st.characters(codec="utf-8", exclude_characters="\x00"), max_size=20)
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


# One store for all examples: each example re-saves document 000, which replaces its events.
@settings(max_examples=40, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.lists(_events, max_size=4, unique_by=lambda e: e.event_id))
def test_store_round_trips_any_events(store: Any, events: list[Event]) -> None:
    store.save_document(_doc(), events)
    assert {e.event_id: e for e in store.events()} == {e.event_id: e for e in events}


def test_postgres_store_error_names_the_server_without_the_password() -> None:
    pytest.importorskip("psycopg")
    from polemos.storage.postgres import PostgresStore

    with pytest.raises(StoreError, match=r"cannot open PostgreSQL database .*u:\*\*\*@127\.0\.0\.1:1/x") as e:
        PostgresStore("postgresql://u:secret@127.0.0.1:1/x")
    assert "secret" not in str(e.value)


@pytest.mark.parametrize("scheme", ["postgresql", "postgres"])
def test_open_store_opens_postgresql_urls(postgres_url: str, scheme: str) -> None:
    from polemos.storage import open_store
    from polemos.storage.postgres import PostgresStore

    store = open_store(postgres_url.replace("postgresql://", f"{scheme}://", 1))
    try:
        assert isinstance(store, PostgresStore)
        store.save_document(_doc(), [_event("e1")])
        assert store.events() == [_event("e1")]
    finally:
        store.close()


@pytest.mark.slow
def test_cli_commands_accept_a_postgresql_url(postgres_url: str, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from polemos.cli import app

    seed = Path(__file__).parents[1] / "fixtures" / "seeds" / "002_37df46fae67b9620.txt"
    runner = CliRunner()
    ingested = runner.invoke(app, ["ingest", str(seed), "--db", postgres_url])
    assert ingested.exit_code == 0, ingested.output
    listed = runner.invoke(app, ["events", "--db", postgres_url])
    assert listed.exit_code == 0, listed.output
    exported = runner.invoke(
        app, ["export", "--db", postgres_url, "-f", "jsonl", "-o", str(tmp_path / "e.jsonl")]
    )
    assert exported.exit_code == 0, exported.output
    lines = (tmp_path / "e.jsonl").read_text(encoding="utf-8").splitlines()
    assert lines and f"{len(lines)} events" in listed.output


def test_store_keeps_superseded_events_in_history(store: Any) -> None:
    from polemos.storage.history import DOCUMENT_CHANGED, RECODED

    old, changed = _doc(), _doc(text="GNA forces took Tarhuna on Friday.")
    store.save_document(old, [_event("e2"), _event("e1")])
    assert store.history() == []
    store.save_document(changed, [_event("e3")])
    store.save_document(changed, [_event("e4")])  # same text, other events: re-coded
    entries = store.history("000")
    assert [(h.version, h.event_id, h.reason) for h in entries] == [
        (1, "e1", DOCUMENT_CHANGED),
        (1, "e2", DOCUMENT_CHANGED),
        (2, "e3", RECODED),
    ]
    assert (entries[0].content_hash, entries[0].superseded_by) == (old.content_hash, changed.content_hash)
    assert entries[0].event() == _event("e1")
    assert store.history("nope") == []


def test_store_rejection_log_says_when(store: Any) -> None:
    bad = Rejection("in/x.pdf", "unsupported file type ('.pdf')")
    store.add_rejection(bad)
    (entry,) = store.rejection_log()
    assert entry.rejection == bad
    assert abs((dt.datetime.now(dt.UTC) - entry.at).total_seconds()) < 60


def _relation(
    kind: RelationKind, source: str, target: str, start: dt.date | None, doc: str = "000", **kw: Any
) -> Relation:
    text = f"{source} {kind.value} {target}"
    evidence = Evidence("relation", text, doc, text + ".", 0, len(text), text, "test", 0.8)
    return Relation(source, target, kind, doc, start, evidence=evidence, confidence=0.8, **kw)


def test_store_relations_round_trip_and_are_replaced_per_document(store: Any) -> None:
    fights = _relation(RelationKind.FIGHTS, HAFTAR.name, GNA.name, dt.date(2019, 4, 15))
    controls = _relation(
        RelationKind.CONTROLS, GNA.name, "Tarhuna", dt.date(2020, 6, 5), target_place=TARHUNA
    )
    supports = _relation(RelationKind.SUPPORTS, "Turkey", GNA.name, None, "002", end=dt.date(2021, 1, 1))
    store.save_document(_doc("000"), [_event("e1")], [fights])
    store.save_document(_doc("000", "GNA forces took Tarhuna."), [_event("e1")], [controls])  # replaces
    store.save_document(_doc("002"), [], [supports])
    assert store.relations() == [supports, controls]  # undated first, then by date
    assert store.relations(dt.date(2020, 1, 1)) == [supports]
    store.save_document(_doc("000", "Another text."), [])  # relations not given: kept
    assert store.relations() == [supports, controls]
    store.save_document(_doc("000", "Yet another."), [], [])
    assert store.relations() == [supports]


def test_store_relation_of_another_document_is_refused(store: Any) -> None:
    store.save_document(_doc("000"), [_event("e1")])
    before = _dump(store)
    stray = _relation(RelationKind.FIGHTS, HAFTAR.name, GNA.name, None, doc="999")
    with pytest.raises(StoreError, match="one belongs to '999'"):
        store.save_document(_doc("000", "New text."), [_event("e2")], [stray])
    assert _dump(store) == before


def test_postgres_store_has_every_sqlite_schema_step() -> None:
    pytest.importorskip("psycopg")
    from polemos.storage import migrations, postgres_schema

    # Steps named `*_postgres_*` only adapt what a shared step made; every other step is in both lists.
    shared = [m.name for m in postgres_schema.MIGRATIONS if "_postgres_" not in m.name]
    assert shared == [m.name for m in migrations.MIGRATIONS], (
        "a SQLite migration has no PostgreSQL counterpart: add it to storage/postgres_schema.py's MIGRATIONS"
    )


# What corroboration must find pending, read the slow way (every stored document): the queue that
# `pending_documents` reads instead must always give the same documents.
_EVERY_PENDING = """
    SELECT d.id FROM documents d LEFT JOIN document_signatures s ON s.document_id = d.id
    WHERE s.document_id IS NULL OR s.content_hash != d.content_hash OR s.method != ?
       OR EXISTS (SELECT 1 FROM events e WHERE e.document_id = d.id
                  AND NOT EXISTS (SELECT 1 FROM event_groups g WHERE g.event_id = e.event_id))
    ORDER BY d.rowid
"""


def test_store_corroboration_queue_finds_what_a_full_scan_finds(store: Any) -> None:
    from polemos.corroboration import signature_method
    from polemos.storage.corroboration_queue import pending_documents

    method = signature_method()

    def both() -> tuple[list[str], list[str]]:
        with store._write("compare") as conn:
            every = [str(r[0]) for r in conn.execute(_EVERY_PENDING, (method,)).fetchall()]
            return pending_documents(conn, method)[0], every

    def check(expected: list[str]) -> None:
        queued, every = both()
        assert queued == every == expected

    store.save_document(_doc("d1"), [_event("a", "d1")])
    store.save_document(_doc("d2"), [_event("b", "d2")])
    check(["d1", "d2"])  # saved, not corroborated yet
    store.corroborate()
    check([])
    store.save_document(_doc("d2"), [_event("b", "d2")])  # the same again: nothing to see
    check([])
    store.save_document(_doc("d2", "A corrected report."), [_event("b", "d2")])
    check(["d2"])
    store.corroborate()
    check([])
    store.split_event("a")
    check([])
    store.unsplit_event("a")
    check([])
    store.save_document(_doc("d3"), [])  # no events, but a text to sign
    check(["d3"])
    store.corroborate()
    with store._write("sign another way") as conn:
        conn.execute("UPDATE document_signatures SET method = ? WHERE document_id = ?", ("older", "d1"))
    check(["d1"])  # polemos changed how it signs: found without a queued write
    store.corroborate()
    check([])
