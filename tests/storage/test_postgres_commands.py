"""Every command that takes --db, run on a real PostgreSQL server, says what it says on a SQLite file.

The same reports (the seeds, paraphrases of one incident, a rejected file, a document that changes) are
ingested into a SQLite file and into a PostgreSQL database; then each command runs on both and its output,
but for wall-clock times, must be identical: corroboration (explain, split), the control timeline, the
exports, the relation commands, history and rejections. The watcher on PostgreSQL is in tests/feeds.
"""

from __future__ import annotations

import json
import re
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from polemos.cli import app
from polemos.pipeline import ingest
from polemos.storage import open_store
from polemos.storage.sql_store import SqlStore

FIXTURES = Path(__file__).parents[1] / "fixtures"
# Keys whose values are the time a row was written: they differ between two runs by design.
CLOCK_KEYS = frozenset({"at", "superseded_at", "ingested_at"})
runner = CliRunner()


@pytest.fixture(scope="module")
def engines(
    coder: Any, postgres_server: Any, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[str, str]]:
    """(SQLite path, PostgreSQL URL) of two stores that ingested the same inputs in the same order."""
    import psycopg

    inputs = tmp_path_factory.mktemp("inputs")
    for stem in ("000_aea3f91c47e42a8b", "002_37df46fae67b9620"):
        shutil.copy(FIXTURES / "seeds" / f"{stem}.txt", inputs / f"{stem}.txt")
    shutil.copytree(FIXTURES / "paraphrases", inputs / "paraphrases")
    (inputs / "scan.pdf").write_bytes(b"%PDF-1.4 not a report")  # rejected: unsupported type
    changing = inputs / "changing.txt"
    name = f"polemos_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(postgres_server.url(), autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {name}")
    dbs = (str(tmp_path_factory.mktemp("sqlite") / "polemos.db"), postgres_server.url(name))
    for db in dbs:
        store = open_store(db)
        try:
            changing.write_text("Rebels attacked an army post in Sirte on Monday, killing two soldiers.\n")
            ingest([inputs], store, coder)
            changing.write_text("Rebels attacked an army post in Sirte on Monday, killing four soldiers.\n")
            ingest([changing], store, coder)  # the document changed: its old events go to history
        finally:
            store.close()
    yield dbs
    with psycopg.connect(postgres_server.url(), autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def _unclocked(data: Any) -> Any:
    if isinstance(data, dict):
        return {k: _unclocked(v) for k, v in data.items() if k not in CLOCK_KEYS}
    if isinstance(data, list):
        return [_unclocked(v) for v in data]
    return data


def _run(args: list[str], db: str) -> str:
    result = runner.invoke(app, [*args, "--db", db])
    assert result.exit_code == 0, f"{args} on {db}: {result.output}"
    return result.stdout


def _same(args: list[str], engines: tuple[str, str], *, as_json: bool = False) -> Any:
    """Run a command on both stores, assert the same output, return it (parsed, with `as_json`)."""
    sqlite, postgres = (_run(args, db) for db in engines)
    if as_json:
        a, b = _unclocked(json.loads(sqlite)), _unclocked(json.loads(postgres))
        assert a == b, f"{args}: PostgreSQL differs from SQLite"
        return a
    assert sqlite == postgres, f"{args}: PostgreSQL differs from SQLite"
    return sqlite


def _groups(db: str) -> list[list[str]]:
    store = open_store(db)
    try:
        assert isinstance(store, SqlStore)
        return sorted(sorted(m.event.event_id for m in c.members) for c in store.corroborated())
    finally:
        store.close()


@pytest.mark.slow
def test_postgres_corroborates_as_sqlite_does(engines: tuple[str, str]) -> None:
    sqlite, postgres = engines
    groups = _groups(sqlite)
    assert any(len(g) >= 3 for g in groups)  # the paraphrases merged: there is something to compare
    assert _groups(postgres) == groups


@pytest.mark.slow
def test_postgres_explain_matches_sqlite(engines: tuple[str, str]) -> None:
    merged = [g for g in _groups(engines[0]) if len(g) > 1]
    for group in merged:
        for event_id in (group[0], group[-1]):  # the group's id, and a member's
            data = _same(["explain", event_id, "--format", "json"], engines, as_json=True)
            assert data["decisions"] and data["event"]["event_id"] == group[0]
            _same(["explain", event_id], engines)
    for db in engines:
        assert runner.invoke(app, ["explain", "PLMNOPE", "--db", db]).exit_code == 2


@pytest.mark.slow
def test_postgres_control_matches_sqlite(engines: tuple[str, str], tmp_path: Path) -> None:
    everything = _same(["control", "--format", "json"], engines, as_json=True)
    assert everything and all(i["evidence"] for i in everything)
    _same(["control", "--at", "2019-06-27", "--format", "json"], engines, as_json=True)
    _same(["control", "--place", "Derna"], engines)
    for i, db in enumerate(engines):
        _run(["control", "--format", "geojson", "-o", str(tmp_path / f"{i}.geojson")], db)
    assert (tmp_path / "0.geojson").read_bytes() == (tmp_path / "1.geojson").read_bytes()


@pytest.mark.slow
def test_postgres_reads_and_exports_match_sqlite(engines: tuple[str, str], tmp_path: Path) -> None:
    assert "events" in _same(["events"], engines)
    _same(["events", "--place", "GHARYAN", "--type", "Battles"], engines)
    _same(["actors"], engines)
    _same(["graph", "--format", "json"], engines, as_json=True)
    _same(["framing", "--format", "json"], engines, as_json=True)
    history = _same(["history", "--json"], engines, as_json=True)
    assert history, "the changed document's old events are in the history"
    rejections = _same(["rejections", "--json"], engines, as_json=True)
    assert any("scan.pdf" in json.dumps(r) for r in rejections)
    for fmt in ("jsonl", "acled-csv", "geojson"):
        outputs = []
        for i, db in enumerate(engines):
            target = tmp_path / f"{i}.{fmt}"
            _run(["export", "-f", fmt, "-o", str(target)], db)
            text = target.read_text(encoding="utf-8")
            # The CSV's last column, `timestamp`, is the export time.
            outputs.append(re.sub(r",\d+$", ",T", text, flags=re.M) if fmt == "acled-csv" else text)
        assert outputs[0] and outputs[0] == outputs[1], f"export {fmt}: PostgreSQL differs"
    reports = []
    for i, db in enumerate(engines):
        _run(["report", "--from", "2018-01-01", "--to", "2020-12-31", "-o", str(tmp_path / f"{i}.md")], db)
        reports.append((tmp_path / f"{i}.md").read_text(encoding="utf-8"))
    assert "Gharyan" in reports[0] and reports[0] == reports[1]


@pytest.mark.slow
def test_postgres_split_and_undo_match_sqlite(engines: tuple[str, str]) -> None:
    before = _groups(engines[0])
    group = next(g for g in before if len(g) >= 3)
    said = _same(["split", group[0]], engines)
    assert f"split off into {group[0]}" in said
    after = _groups(engines[0])
    assert [group[0]] in after and _groups(engines[1]) == after
    _same(["explain", group[1], "--format", "json"], engines, as_json=True)  # the relabelled rest
    _same(["split", group[0], "--undo"], engines)
    assert _groups(engines[0]) == _groups(engines[1]) == before
    for db in engines:
        assert runner.invoke(app, ["split", "PLMNOPE", "--db", db]).exit_code == 1
