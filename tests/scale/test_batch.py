"""Tests for `polemos batch`: coding on a real local Dask cluster stores exactly what a single-process
ingest stores, re-runs store nothing new, bad inputs and failing documents become rejections."""

from __future__ import annotations

import datetime as dt
import multiprocessing
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from polemos.config import Settings
from polemos.errors import ModelError
from polemos.model import Document, Event, Relation
from polemos.pipeline import ingest
from polemos.scale import batch
from polemos.scale.batch import CodedDocument, code_partition, run_batch
from polemos.storage import SqliteStore

SEEDS = Path(__file__).parents[1] / "fixtures" / "seeds"
SETTINGS = Settings()


def _snapshot(store: SqliteStore) -> dict[str, Any]:
    return {
        "events": store.events(),
        "documents": store.documents(),
        "rejections": store.rejections(),
        "actors": store.actors(),
        "relations": store.relations(),
        "corroborated": store.corroborated_events(),
        "history": [(h.document_id, h.version, h.event_id, h.reason, h.record) for h in store.history()],
    }


def _assert_same_store(batch_db: Path, single_db: Path) -> dict[str, Any]:
    with SqliteStore(batch_db) as b, SqliteStore(single_db) as s:
        got, want = _snapshot(b), _snapshot(s)
    assert got["events"] == want["events"]  # Event equality covers evidence, sources and claims
    assert got == want
    return got


@pytest.mark.slow
def test_batch_codes_seeds_like_a_single_process_ingest(
    dask_scheduler: str, coder: Any, seed_manifest: list[dict[str, Any]], tmp_path: Path
) -> None:
    for m in seed_manifest:
        kwargs: dict[str, Any] = {
            "published": dt.date.fromisoformat(m["published"]),
            "outlet": m["outlet"],
        }
        paths = [SEEDS / m["file"]]
        report = run_batch(
            paths, tmp_path / "batch.db", settings=SETTINGS, scheduler=dask_scheduler, **kwargs
        )
        assert (report.new, report.rejected) == (1, [])
        with SqliteStore(tmp_path / "single.db") as store:
            ingest(paths, store, coder, **kwargs)
    stored = _assert_same_store(tmp_path / "batch.db", tmp_path / "single.db")
    assert len({e.sources[0].document_id for e in stored["events"]}) == 3
    assert stored["relations"]  # the seeds state who backs and who holds what


@pytest.mark.slow
@pytest.mark.acled
def test_batch_codes_dev_notes_like_a_single_process_ingest(
    dask_scheduler: str, coder: Any, dev_notes: Path, tmp_path: Path
) -> None:
    report = run_batch(
        [dev_notes], tmp_path / "batch.db", settings=SETTINGS, scheduler=dask_scheduler, partition_size=7
    )
    with SqliteStore(tmp_path / "single.db") as store:
        single = ingest([dev_notes], store, coder)
    assert report.partitions > 2 and report.workers == 2
    assert (report.new, report.events, report.rejected) == (single.new, single.events, single.rejected)
    stored = _assert_same_store(tmp_path / "batch.db", tmp_path / "single.db")
    assert stored["events"]  # the notes are event descriptions: something was coded

    again = run_batch(
        [dev_notes], tmp_path / "batch.db", settings=SETTINGS, scheduler=dask_scheduler, partition_size=7
    )
    assert (again.new, again.changed, again.unchanged, again.partitions) == (0, 0, single.new, 0)
    _assert_same_store(tmp_path / "batch.db", tmp_path / "single.db")


@pytest.mark.slow
def test_batch_stores_rejections_in_reading_order(dask_scheduler: str, coder: Any, tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "a.txt").write_text("Nothing happened in Derna on Monday.", encoding="utf-8")
    (inputs / "b.pdf").write_bytes(b"%PDF-1.4")
    (inputs / "c.jsonl").write_text(
        '{"id": "c1", "text": "Gunmen killed two people in Sirte on Friday.", "published": "2020-06-07"}\n'
        "not json\n"
        '{"id": "c2", "text": "LNA aircraft struck Tarhuna on Saturday.", "published": "2020-06-07"}\n',
        encoding="utf-8",
    )
    (inputs / "d.txt").write_text("", encoding="utf-8")
    report = run_batch(
        [inputs], tmp_path / "batch.db", settings=SETTINGS, scheduler=dask_scheduler, partition_size=1
    )
    with SqliteStore(tmp_path / "single.db") as store:
        single = ingest([inputs], store, coder)
    assert [r.reason[:20] for r in report.rejected] == [r.reason[:20] for r in single.rejected]
    assert len(report.rejected) == 3 and report.new == 3
    _assert_same_store(tmp_path / "batch.db", tmp_path / "single.db")


@pytest.mark.slow
def test_batch_without_a_scheduler_runs_and_closes_its_own_cluster(coder: Any, tmp_path: Path) -> None:
    seed = SEEDS / "002_37df46fae67b9620.txt"  # carries its own date header
    before = set(multiprocessing.active_children())  # the module's cluster's workers
    report = run_batch([seed], tmp_path / "batch.db", settings=SETTINGS, n_workers=2)
    assert (report.new, report.workers, report.partitions) == (1, 2, 1)
    assert set(multiprocessing.active_children()) <= before
    with SqliteStore(tmp_path / "single.db") as store:
        ingest([seed], store, coder)
    _assert_same_store(tmp_path / "batch.db", tmp_path / "single.db")


def test_batch_fails_fast_when_workers_cannot_load_the_model(dask_scheduler: str, tmp_path: Path) -> None:
    settings = Settings(model="no_such_spacy_model")
    with pytest.raises(ModelError, match="no_such_spacy_model"):
        run_batch(
            [SEEDS / "002_37df46fae67b9620.txt"],
            tmp_path / "b.db",
            settings=settings,
            scheduler=dask_scheduler,
        )


class _FlakyCoder:
    def code_document(
        self, doc: Document, *, country: str | None = None
    ) -> tuple[list[Event], list[Relation]]:
        if "boom" in doc.text:
            raise RuntimeError("parser crashed")
        return [], []

    def code_batch(
        self, docs: Sequence[Document], *, country: str | None = None
    ) -> list[tuple[list[Event], list[Relation]]]:
        return [self.code_document(d) for d in docs]  # fails as a whole when one document does


def test_code_partition_turns_a_failing_document_into_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    settings = Settings(model="fake-for-test")
    monkeypatch.setitem(batch._coders, settings, (_FlakyCoder(), threading.Lock()))
    docs = [Document("ok", "Quiet day."), Document("bad", "boom"), Document("ok2", "Quiet again.")]
    assert code_partition(settings, docs) == [
        CodedDocument("ok"),
        CodedDocument("bad", error="coding failed (RuntimeError: parser crashed)"),
        CodedDocument("ok2"),
    ]


@pytest.mark.parametrize(
    ("kwargs", "message"), [({"partition_size": 0}, "partition_size"), ({"n_workers": 0}, "n_workers")]
)
def test_run_batch_refuses_bad_sizes(kwargs: dict[str, Any], message: str, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match=message):
        run_batch([SEEDS], tmp_path / "b.db", settings=SETTINGS, **kwargs)


@pytest.mark.slow
def test_the_dask_batch_holds_back_as_ingest_does(dask_scheduler: str, coder: Any, tmp_path: Path) -> None:
    # Desk items that name no country wait for the run's prevailing one, on the cluster as in `ingest`.
    from desk_items import LIBYAN, NOWHERE, desk_feed, stored_by_document

    from polemos.batch_country import BATCH_FLAG

    feed = desk_feed(tmp_path, [NOWHERE, *LIBYAN, NOWHERE.replace("a city", "a town")])
    run_batch([feed], tmp_path / "batch.db", settings=SETTINGS, scheduler=dask_scheduler, partition_size=4)
    with SqliteStore(tmp_path / "single.db") as store:
        ingest([feed], store, coder)
    with SqliteStore(tmp_path / "batch.db") as b, SqliteStore(tmp_path / "single.db") as s:
        assert b.events() == s.events()
        assert b.documents() == s.documents()
    assert any(BATCH_FLAG in e.flags for e in stored_by_document(tmp_path / "batch.db")["n0"])
