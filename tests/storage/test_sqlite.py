"""SQLite-only store behaviour; the Store contract (round trips, idempotency, replacement, filters,
atomic failure, migrations) runs on SQLite and PostgreSQL in test_store_contract.py."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from polemos.errors import StoreError
from polemos.model import Actor, DatePoint, Document, Event, Evidence, Place, Source
from polemos.model import TimePrecision as TP
from polemos.storage import SqliteStore, open_store
from polemos.taxonomy import SubEventType

HAFTAR = Actor("Military Forces of Libya (2014-) Haftar Faction", 1, "Libya")
DMSC = Actor("Shura Council of Darnah Mujahidin", 3)
DERNA = Place("Derna", 32.7648, 22.6367, "Libya", "Darnah", geonames_id=87205)
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


def test_event_id_owned_by_another_document_is_refused(store: SqliteStore) -> None:
    store.save_document(_doc("000"), [_event("same")])
    before = _dump(store)
    with pytest.raises(StoreError, match="already belongs to document '000'"):
        store.save_document(_doc("001"), [_event("same", "001")])
    assert _dump(store) == before


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


def test_saving_and_corroborating_a_document_reads_no_table_whole(tmp_path: Path) -> None:
    # Both run for every stored document: a scan of documents, signatures, bands or events there would
    # make ingest slow down as the store grows (pending documents come from a queue, superseded actors
    # are looked up by name).
    store = SqliteStore(tmp_path / "p.db")
    try:
        for i in range(30):
            store.save_document(
                _doc(f"d{i}", f"Report number {i} on the fighting."), [_event(f"e{i}", f"d{i}")]
            )
        store.corroborate()
        spied: list[str] = []
        store._conn.set_trace_callback(spied.append)
        store.save_document(_doc("new", "Report number 7 on the fighting."), [_event("n", "new")])
        store.save_document(_doc("d3", "Report number 3, corrected."), [_event("e3", "d3", actor2=None)])
        assert store.corroborate(["new", "d3"]).documents == ("d3", "new")
        store._conn.set_trace_callback(None)
        # the trace gives each statement with its values inlined, as it can be explained
        plans = [
            " ".join(str(r[-1]) for r in store._conn.execute("EXPLAIN QUERY PLAN " + sql).fetchall())
            for sql in spied
            if sql.lstrip().upper().startswith(("SELECT", "DELETE", "UPDATE"))
        ]
    finally:
        store.close()
    whole = ("documents", "document_signatures", "document_bands", "events", "d", "s", "e", "other", "mine")
    scans = [p for p in plans for t in whole if f"SCAN {t} " in p + " "]
    # every signature is made the same way: a look-up by method reads them all
    scans += [p for p in plans if "(method=?)" in p]
    assert plans and not scans, scans
