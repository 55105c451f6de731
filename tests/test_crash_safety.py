"""Crash safety: a real `kill -9` in the middle of a large ingest leaves a consistent store, and running the
same command again resumes and ends with exactly what an uninterrupted run stores.

The corpus is a few hundred short reports written here from templates (no ACLED rows), with a few bad lines
among them so that rejections are part of the run too.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.slow

DOCUMENTS = 300
BAD_EVERY = 97  # every 97th line is broken JSON
KILL_AFTER = 30  # documents stored before the kill
START_TIMEOUT_S = 180.0

_ATTACKS = [
    ("Taliban fighters", "attacked a police checkpoint in", "Ghazni"),
    ("Taliban fighters", "overran an army outpost near", "Kunduz"),
    ("Al Shabaab militants", "ambushed a Somali army convoy near", "Afgooye"),
    ("Al Shabaab militants", "stormed a hotel in", "Mogadishu"),
    ("Boko Haram gunmen", "raided the village of", "Gwoza"),
    ("Boko Haram gunmen", "attacked a military base in", "Monguno"),
    ("Houthi forces", "shelled government positions in", "Marib"),
    ("Islamic State militants", "attacked a checkpoint outside", "Raqqa"),
    ("Libyan National Army forces", "clashed with GNA troops south of", "Tripoli"),
    ("the Syrian army", "bombarded rebel-held areas of", "Idlib"),
]
_WHEN = ["On Monday", "On Tuesday", "On Wednesday", "Late on Thursday", "On Friday", "Yesterday", "Overnight"]
_TOLLS = [
    "killing {n} soldiers",
    "killing at least {n} civilians",
    "leaving {n} people dead",
    "and {n} fighters were killed in the fighting",
    "wounding {n} people",
]
_CLAIMS = ["a local official said", "residents said", "the army said in a statement", "hospital sources said"]
_BACKGROUND = [
    "The area has seen repeated fighting in recent months.",
    "No group has claimed responsibility so far.",
    "Aid agencies said hundreds of families had fled their homes.",
    "Security forces later sent reinforcements to the area.",
    "Protesters gathered in the city centre on Saturday to demand better security.",
]
_NUMBERS = ["two", "three", "four", "five", "seven", "nine", "12", "15", "20", "dozens of"]


def _report(rng: random.Random) -> str:
    """A short, plausible conflict report: two or three incidents and some context."""
    paragraphs = []
    for _ in range(rng.randint(2, 3)):
        actor, act, place = rng.choice(_ATTACKS)
        toll = rng.choice(_TOLLS).format(n=rng.choice(_NUMBERS))
        paragraphs.append(f"{rng.choice(_WHEN)}, {actor} {act} {place}, {toll}, {rng.choice(_CLAIMS)}.")
    paragraphs.append(rng.choice(_BACKGROUND))
    return "\n\n".join(paragraphs)


def _write_corpus(path: Path) -> int:
    """Write the JSONL corpus; return how many good documents it has."""
    rng = random.Random(20200607)
    good = 0
    with path.open("w", encoding="utf-8") as fh:
        for i in range(1, DOCUMENTS + 1):
            if i % BAD_EVERY == 0:
                fh.write('{"id": "broken", "text": \n')
                continue
            day = 1 + rng.randrange(28)
            doc = {
                "id": f"report-{i:04d}",
                "published": f"2020-{1 + rng.randrange(12):02d}-{day:02d}",
                "outlet": rng.choice(["example.test", "wire.example", "daily.example"]),
                "text": _report(rng),
            }
            fh.write(json.dumps(doc, ensure_ascii=False) + "\n")
            good += 1
    return good


def _command(corpus: Path, db: Path) -> list[str]:
    script = Path(sys.executable).with_name("polemos")  # the console script of this environment
    program = (
        [str(script)] if script.exists() else [sys.executable, "-c", "from polemos.cli import app; app()"]
    )
    return [*program, "ingest", str(corpus), "--db", str(db)]


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("POLEMOS_")}
    return {**env, "COLUMNS": "200"}


def _run(corpus: Path, db: Path, log: Path) -> subprocess.CompletedProcess[bytes]:
    with log.open("w") as out:
        return subprocess.run(
            _command(corpus, db), stdout=out, stderr=subprocess.STDOUT, env=_env(), timeout=600
        )


def _stored_documents(db: Path) -> int:
    """How many documents the store holds now, read as a second process would (read-only)."""
    if not db.exists():
        return 0
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
        try:
            return int(conn.execute("SELECT count(*) FROM documents").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.OperationalError:  # not created or migrated yet
        return 0


# Columns that record when a row was written, which two runs cannot share.
_WHEN_COLUMNS = {
    "documents": {"ingested_at"},
    "rejections": {"id", "at"},
    "schema_migrations": {"applied_at"},
    "event_groups": {"at"},
    "merge_decisions": {"at"},
    "document_duplicates": {"at"},
    "merge_overrides": {"at"},
}


def _dump(conn: sqlite3.Connection) -> dict[str, list[tuple[Any, ...]]]:
    """Every table's rows without their write times, in a stable order."""
    out = {}
    tables = [n for (n,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
    for table in tables:
        columns = [row[1] for row in conn.execute(f'PRAGMA table_info("{table}")')]
        kept = ", ".join(f'"{c}"' for c in columns if c not in _WHEN_COLUMNS.get(table, set()))
        out[table] = sorted(conn.execute(f'SELECT {kept} FROM "{table}"').fetchall(), key=repr)
    return out


def _per_document(conn: sqlite3.Connection, document_id: str) -> dict[str, list[tuple[Any, ...]]]:
    """One document's rows in every table that hangs off it."""
    events = "SELECT event_id FROM events WHERE document_id = ?"
    queries = {
        "documents": "SELECT id, text, content_hash FROM documents WHERE id = ?",
        "events": "SELECT * FROM events WHERE document_id = ?",
        "evidence": 'SELECT event_id, field, value, sentence, start, "end", rule FROM evidence '
        f"WHERE event_id IN ({events})",
        "event_sources": f"SELECT * FROM event_sources WHERE event_id IN ({events})",
        "relations": "SELECT * FROM relations WHERE document_id = ?",
    }
    return {t: sorted(conn.execute(q, (document_id,)).fetchall(), key=repr) for t, q in queries.items()}


def _assert_consistent(conn: sqlite3.Connection) -> None:
    """The checks that need no reference: SQLite's own, and every event complete with its evidence."""
    assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    for event_id, record in conn.execute("SELECT event_id, record FROM events"):
        data = json.loads(record)
        (evidence,) = conn.execute("SELECT count(*) FROM evidence WHERE event_id = ?", (event_id,)).fetchone()
        (sources,) = conn.execute(
            "SELECT count(*) FROM event_sources WHERE event_id = ?", (event_id,)
        ).fetchone()
        assert evidence == sum(len(spans) for spans in data["evidence"].values()) > 0, event_id
        assert sources == len(data["sources"]) > 0, event_id


def test_kill_9_mid_ingest_leaves_a_consistent_store_and_a_rerun_finishes_the_job(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.jsonl"
    good = _write_corpus(corpus)

    # the reference, one uninterrupted run, alongside the same command killed with SIGKILL once some
    # documents are stored
    reference_db, db = tmp_path / "reference.db", tmp_path / "killed.db"
    with (tmp_path / "reference.log").open("w") as ref_log, (tmp_path / "killed.log").open("w") as log:
        reference = subprocess.Popen(
            _command(corpus, reference_db), stdout=ref_log, stderr=subprocess.STDOUT, env=_env()
        )
        proc = subprocess.Popen(_command(corpus, db), stdout=log, stderr=subprocess.STDOUT, env=_env())
        deadline = time.monotonic() + START_TIMEOUT_S
        try:
            while _stored_documents(db) < KILL_AFTER:
                assert proc.poll() is None, "the ingest ended before it could be killed"
                assert time.monotonic() < deadline, "the ingest stored nothing in time"
                time.sleep(0.005)
            os.kill(proc.pid, signal.SIGKILL)
            assert reference.wait(timeout=600) == 3, (tmp_path / "reference.log").read_text()  # 3: bad lines
        finally:
            for p in (proc, reference):
                p.kill()
                p.wait()
    assert proc.returncode == -signal.SIGKILL
    with closing(sqlite3.connect(reference_db)) as ref, closing(sqlite3.connect(db)) as conn:
        assert ref.execute("SELECT count(*) FROM documents").fetchone()[0] == good
        assert ref.execute("SELECT count(*) FROM events").fetchone()[0] >= good
        _assert_consistent(conn)
        stored = [doc_id for (doc_id,) in conn.execute("SELECT id FROM documents ORDER BY id")]
        assert KILL_AFTER <= len(stored) < good, "the kill landed mid-run"
        # each stored document is whole: exactly the rows the uninterrupted run has for it
        for doc_id in stored:
            assert _per_document(conn, doc_id) == _per_document(ref, doc_id), doc_id
        orphans = "SELECT count(*) FROM events WHERE document_id NOT IN (SELECT id FROM documents)"
        assert conn.execute(orphans).fetchone()[0] == 0

    # the same command again resumes: stored documents are unchanged, the rest is coded
    resumed = _run(corpus, db, tmp_path / "resumed.log")
    output = (tmp_path / "resumed.log").read_text()
    assert resumed.returncode == 3, output
    summary = f"{good} document(s): {good - len(stored)} new, 0 changed, {len(stored)} unchanged"
    assert summary in " ".join(output.split())

    with closing(sqlite3.connect(reference_db)) as ref, closing(sqlite3.connect(db)) as conn:
        _assert_consistent(conn)
        assert _dump(conn) == _dump(ref)
