"""Idempotency and updates: the same document again stores nothing; a changed one supersedes its events,
and the event history keeps what it replaced."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from polemos.cli import app
from polemos.errors import StoreError
from polemos.model import Document
from polemos.pipeline import Coder, ingest
from polemos.records import event_to_record
from polemos.sources import read_documents
from polemos.storage import SqliteStore
from polemos.storage.base import EventFilter
from polemos.storage.history import DOCUMENT_CHANGED, RECODED

GHAZNI_V1 = {
    "id": "ghazni-1",
    "published": "2020-05-06",
    "outlet": "example.test",
    "text": "On Monday, Taliban fighters attacked a police checkpoint in Ghazni, killing four officers, "
    "a provincial spokesman said.",
}
# The outlet corrected its report: another toll, and a second clash the next day.
GHAZNI_V2 = {
    **GHAZNI_V1,
    "text": "On Monday, Taliban fighters attacked a police checkpoint in Ghazni, killing nine officers, "
    "a provincial spokesman said.\n\nOn Tuesday, Afghan army troops clashed with the Taliban in Kunduz; "
    "three soldiers were killed.",
}
AFGOOYE = {
    "id": "afgooye-1",
    "published": "2020-05-06",
    "text": "Al Shabaab militants ambushed a Somali army convoy near Afgooye on Tuesday; at least seven "
    "soldiers were killed.",
}

runner = CliRunner()


def _batch(path: Path, *docs: dict[str, str]) -> Path:
    path.write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
    return path


def _document(path: Path) -> Document:
    (doc,) = read_documents([path])
    assert isinstance(doc, Document)
    return doc


def _dump(db: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, in a stable order."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        tables = [name for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        return {t: sorted(conn.execute(f'SELECT * FROM "{t}"').fetchall(), key=repr) for t in sorted(tables)}
    finally:
        conn.close()


def _records(store: SqliteStore, document_id: str) -> list[dict[str, object]]:
    events = store.events(EventFilter(document_id=document_id))
    return sorted((event_to_record(e) for e in events), key=lambda r: str(r["event_id"]))


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "polemos.db"


def test_ingest_same_batch_twice_changes_no_row(db: Path, tmp_path: Path, coder: Coder) -> None:
    batch = _batch(tmp_path / "batch.jsonl", GHAZNI_V1, AFGOOYE)
    with SqliteStore(db) as store:
        first = ingest([batch], store, coder)
    assert (first.new, first.changed, first.unchanged, first.rejected) == (2, 0, 0, [])
    assert first.events >= 2
    before = _dump(db)
    for _ in range(2):  # a fresh connection each time, as a second `polemos ingest` would open
        with SqliteStore(db) as store:
            again = ingest([batch], store, coder)
        assert (again.new, again.changed, again.unchanged, again.events, again.rejected) == (0, 0, 2, 0, [])
        assert _dump(db) == before  # not even a timestamp moved


def test_ingest_same_document_from_another_file_is_unchanged(db: Path, tmp_path: Path, coder: Coder) -> None:
    with SqliteStore(db) as store:
        ingest([_batch(tmp_path / "monday.jsonl", GHAZNI_V1)], store, coder)
    before = _dump(db)
    copy = tmp_path / "mirror" / "copy.jsonl"
    copy.parent.mkdir()
    with SqliteStore(db) as store:
        report = ingest([_batch(copy, GHAZNI_V1)], store, coder)
    assert (report.new, report.changed, report.unchanged) == (0, 0, 1)
    assert _dump(db) == before


def test_ingest_changed_document_supersedes_its_events_and_keeps_them_in_history(
    db: Path, tmp_path: Path, coder: Coder
) -> None:
    v1 = _batch(tmp_path / "v1.jsonl", GHAZNI_V1, AFGOOYE)
    with SqliteStore(db) as store:
        ingest([v1], store, coder)
        old_records = _records(store, "ghazni-1")
        old_events = sorted(store.events(EventFilter(document_id="ghazni-1")), key=lambda e: e.event_id)
        other_before = _records(store, "afgooye-1")
    assert old_records, "the first version codes at least one event"
    v2 = _batch(tmp_path / "v2.jsonl", GHAZNI_V2, AFGOOYE)
    with SqliteStore(db) as store:
        report = ingest([v2], store, coder)
        assert (report.new, report.changed, report.unchanged, report.rejected) == (0, 1, 1, [])
        new_records = _records(store, "ghazni-1")
        history = store.history("ghazni-1")
        assert _records(store, "afgooye-1") == other_before  # the unchanged document is untouched
        assert store.history("afgooye-1") == []
        assert store.history() == history
    # the store holds exactly what coding the new version gives, and nothing of the old one
    v2_doc = _document(_batch(tmp_path / "only-v2.jsonl", GHAZNI_V2))
    expected = sorted((event_to_record(e) for e in coder.code(v2_doc)), key=lambda r: str(r["event_id"]))
    assert new_records == expected
    assert not [r for r in old_records if r in new_records]
    # the history keeps every old event as it was stored, with both versions' hashes
    old_hash = _document(_batch(tmp_path / "only-v1.jsonl", GHAZNI_V1)).content_hash
    new_hash = v2_doc.content_hash
    assert [h.event() for h in history] == old_events
    assert {(h.document_id, h.version, h.reason, h.content_hash, h.superseded_by) for h in history} == {
        ("ghazni-1", 1, DOCUMENT_CHANGED, old_hash, new_hash)
    }
    assert all(h.superseded_at.tzinfo is not None for h in history)


def test_ingest_each_change_adds_a_history_version(db: Path, tmp_path: Path, coder: Coder) -> None:
    versions = [GHAZNI_V1, GHAZNI_V2, GHAZNI_V1]
    for i, doc in enumerate(versions):
        with SqliteStore(db) as store:
            report = ingest([_batch(tmp_path / f"v{i}.jsonl", doc)], store, coder)
        assert (report.new, report.changed) == ((1, 0) if i == 0 else (0, 1))
    with SqliteStore(db) as store:
        history = store.history("ghazni-1")
        current = _records(store, "ghazni-1")
    by_version: dict[int, list[str]] = {}
    for h in history:
        by_version.setdefault(h.version, []).append(h.record)
    assert sorted(by_version) == [1, 2]
    # version 2 holds what the second text coded; the first text's events are current again
    assert sorted(json.loads(r)["event_id"] for r in by_version[1]) == sorted(
        str(r["event_id"]) for r in current
    )
    assert [json.loads(r) for r in sorted(by_version[1])] != [json.loads(r) for r in sorted(by_version[2])]


def test_failed_save_writes_no_history(db: Path, tmp_path: Path, coder: Coder, monkeypatch: Any) -> None:
    v1, v2 = (
        _document(_batch(tmp_path / "v1.jsonl", GHAZNI_V1)),
        _document(_batch(tmp_path / "v2.jsonl", GHAZNI_V2)),
    )
    with SqliteStore(db) as store:
        store.save_document(v1, coder.code(v1))
        before = _dump(db)

        def broken(*args: object) -> None:
            raise RuntimeError("disk gone")

        monkeypatch.setattr(store, "_insert_event", broken)
        with pytest.raises(StoreError, match="nothing was written"):
            store.save_document(v2, coder.code(v2))
        assert store.history() == []
    assert _dump(db) == before


def test_recoding_the_same_document_records_why(db: Path, tmp_path: Path, coder: Coder) -> None:
    doc = _document(_batch(tmp_path / "v1.jsonl", GHAZNI_V1))
    events = coder.code(doc)
    with SqliteStore(db) as store:
        store.save_document(doc, events)
        store.save_document(doc, events)  # identical: nothing superseded
        assert store.history() == []
        store.save_document(doc, [])  # same text, coded otherwise (a newer lexicon)
        history = store.history()
    assert [h.event() for h in history] == sorted(events, key=lambda e: e.event_id)
    assert {(h.reason, h.content_hash, h.superseded_by) for h in history} == {
        (RECODED, doc.content_hash, doc.content_hash)
    }


def test_cli_history_lists_superseded_events(db: Path, tmp_path: Path) -> None:
    for i, doc in enumerate((GHAZNI_V1, GHAZNI_V2)):
        res = runner.invoke(app, ["ingest", str(_batch(tmp_path / f"v{i}.jsonl", doc)), "--db", str(db)])
        assert res.exit_code == 0, res.output
    res = runner.invoke(app, ["history", "ghazni-1", "--db", str(db), "--json"])
    assert res.exit_code == 0, res.output
    rows = json.loads(res.stdout)
    assert rows and {(r["document_id"], r["version"], r["reason"]) for r in rows} == {
        ("ghazni-1", 1, DOCUMENT_CHANGED)
    }
    assert all(r["record"]["event_id"] == r["event_id"] for r in rows)
    table = runner.invoke(app, ["history", "--db", str(db)])
    assert table.exit_code == 0, table.output
    assert f"{len(rows)} superseded event(s)" in table.output
    none = runner.invoke(app, ["history", "afgooye-1", "--db", str(db), "--json"])
    assert none.exit_code == 0 and json.loads(none.stdout) == []
