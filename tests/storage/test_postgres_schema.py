"""PostgreSQL specifics under the shared row code: placeholder rewriting, and the step (0006) that makes the
watcher's and corroboration's tables behave there as on SQLite, applied to a database made before it."""

from __future__ import annotations

import datetime as dt
from typing import Any
from unittest import mock

import pytest

from polemos.model import Actor, DatePoint, Document, Event, Evidence, Place, Source, TimePrecision
from polemos.storage.connection import PgConnection, to_pyformat
from polemos.taxonomy import SubEventType

HAFTAR = Actor("Military Forces of Libya (2014-) Haftar Faction", 1, "Libya")
DMSC = Actor("Shura Council of Darnah Mujahidin", 3)
DERNA = Place("Derna", 32.7648, 22.6367, "Libya", "Darnah")
DAY = dt.date(2018, 6, 4)


def _event(event_id: str, doc: str) -> Event:
    sentence = f"Fighting in Derna, report {doc}."
    return Event(
        event_id=event_id,
        sub_event_type=SubEventType.ARMED_CLASH,
        date=DatePoint(DAY, TimePrecision.DAY, "on Monday", 0, 9, "weekday"),
        actor1=HAFTAR,
        actor2=DMSC,
        place=DERNA,
        fatalities=0,
        notes="note",
        sources=(Source(doc, sentence, 0, len(sentence), outlet=f"outlet {doc}"),),
        evidence=(Evidence("event_type", "Battles", doc, sentence, 0, 8, "Fighting", "trigger"),),
    )


def _doc(doc_id: str) -> Document:
    return Document(doc_id, f"Fighting broke out in Derna on Monday, says report {doc_id}.", published=DAY)


def test_to_pyformat_rewrites_placeholders_and_keeps_percent_signs() -> None:
    assert to_pyformat("SELECT ? WHERE a LIKE '5%' AND b = ?") == "SELECT %s WHERE a LIKE '5%%' AND b = %s"


def test_pg_connection_runs_sqlite_style_sql(postgres_url: str) -> None:
    import psycopg

    with psycopg.connect(postgres_url, autocommit=True) as raw:
        conn = PgConnection(raw)
        assert conn.execute("SELECT ? || '%'", ("50",)).fetchone() == ("50%",)
        assert conn.execute("SELECT '100%'").fetchone() == ("100%",)  # no parameters: still one `%`
        conn.execute("CREATE TABLE t (a INTEGER, b TEXT)")
        conn.executemany("INSERT INTO t (a, b) VALUES (?, ?)", [])  # nothing to insert is no error
        conn.executemany("INSERT INTO t (a, b) VALUES (?, ?)", [(1, "x"), (2, None)])
        assert conn.execute("SELECT a, b FROM t ORDER BY a").fetchall() == [(1, "x"), (2, None)]


def test_postgres_database_from_before_0006_is_upgraded_and_corroborates(postgres_url: str) -> None:
    from polemos.storage.postgres import PostgresStore
    from polemos.storage.postgres_schema import MIGRATIONS, apply_migrations

    older = tuple(m for m in MIGRATIONS if m.name < "0006")
    with mock.patch("polemos.storage.postgres.apply_migrations", lambda conn: apply_migrations(conn, older)):
        store = PostgresStore(postgres_url.replace("postgresql://", "postgres://"))  # the alias works too
    try:
        # saved as a polemos of that schema saved it: nothing 0006 adds, and no corroboration queue (0008)
        with mock.patch("polemos.storage.sql_store.enqueue"):
            store.save_document(_doc("d1"), [_event("a", "d1")])
    finally:
        store.close()
    store = PostgresStore(postgres_url)  # applies 0006 over stored rows, and 0008 queues d1
    try:
        store.save_document(_doc("d2"), [_event("b", "d2")])
        report = store.corroborate()
        assert set(report.documents) == {"d1", "d2"} and report.joined == 1
        (group,) = store.corroborated()
        assert [m.document_id for m in group.members] == ["d1", "d2"]  # insertion order, kept by rowid
        explanation = store.explain("b")
        assert explanation is not None and [d.decision for d in explanation.decisions] == ["new", "joined"]
        rows: Any = store._conn.execute("SELECT id, rowid FROM documents ORDER BY rowid").fetchall()
        assert [r[0] for r in rows] == ["d1", "d2"]
        jaccard = store._conn.execute(
            "SELECT data_type FROM information_schema.columns "
            "WHERE table_name = 'document_duplicates' AND column_name = 'jaccard'"
        ).fetchone()
        assert jaccard == ("double precision",)
    finally:
        store.close()


def test_postgres_watch_state_refuses_a_database_without_watch_tables(postgres_url: str) -> None:
    import psycopg

    from polemos.errors import StoreError
    from polemos.storage.postgres import PostgresStore

    store = PostgresStore(postgres_url)
    try:
        with psycopg.connect(postgres_url, autocommit=True) as raw:
            raw.execute("DROP TABLE alert_deliveries")
        with pytest.raises(StoreError, match="no watch tables \\(alert_deliveries\\)"):
            store.open_watch_state()
    finally:
        store.close()
