"""Bad input through `polemos ingest`: each kind is rejected with its file (and JSONL line) and reason, the
rest of the batch goes in, the exit code says so, `polemos rejections` lists them, and the store's previous
content is untouched."""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from polemos import sources
from polemos.cli import app

runner = CliRunner()

GHAZNI = (
    "On Monday, Taliban fighters attacked a police checkpoint in Ghazni, killing four officers, "
    "a provincial spokesman said."
)
AFGOOYE = (
    "Al Shabaab militants ambushed a Somali army convoy near Afgooye on Tuesday; at least seven "
    "soldiers were killed."
)
KUNDUZ = "On Tuesday, Afghan army troops clashed with the Taliban in Kunduz; three soldiers were killed."
SEGOU = "Published: 7 June 2020\n\nOn Sunday, gunmen attacked a checkpoint near Ségou, the préfet said."
IDLIB = "An airstrike hit a market in Idlib on Wednesday, killing nine civilians, “witnesses” said — again."
DONETSK = "Боевики атаковали город Донецк в понедельник, погибли двенадцать человек, сообщили власти. " * 3
SIZE_LIMIT = 4096

# The good inputs: (file name, document id, text the stored document must contain).
GOOD = [
    ("good.txt", "good", "Ghazni"),
    ("latin1.txt", "latin1", "Ségou"),
    ("cp1252.txt", "cp1252", "“witnesses” said — again"),
    ("utf16.txt", "utf16", "Kunduz"),
    ("utf16-no-bom.txt", "utf16-no-bom", "Afgooye"),
    ("cyrillic-cp1251.txt", "cyrillic-cp1251", "Донецк"),
    ("malformed.html", "malformed", "Idlib"),
    ("batch.jsonl", "afgooye", "Afgooye"),
    ("batch.jsonl", "kunduz", "Kunduz"),
    ("powershell.jsonl", "ps-1", "Ghazni"),
]
# The bad inputs: (file name, JSONL line or None, words of the reason).
BAD = [
    ("binary.txt", None, "binary content (a PNG image)"),
    ("nul.txt", None, "binary content (NUL bytes)"),
    ("empty.txt", None, "empty file"),
    ("blank.html", None, "empty file"),
    ("big.txt", None, f"over the {SIZE_LIMIT:,}-byte limit"),
    ("undecodable.txt", None, "cannot decode: not UTF-8 (byte 0xc1 at offset 0)"),
    ("markup-only.html", None, "no article text found in the HTML"),
    ("header-date.txt", None, "bad date in the header's publication date: 0201-06-07 is before 1900"),
    ("report.pdf", None, "unsupported file type ('.pdf')"),
    ("bad\ufffdname.docx", None, "unsupported file type ('.docx')"),
    ("archive.jsonl", None, "binary content (gzip-compressed), not JSON Lines"),
    ("batch.jsonl", 2, "bad JSON: Expecting value at column 21"),
    ("batch.jsonl", 3, "expected a JSON object, got list"),
    ("batch.jsonl", 4, "missing 'id'"),
    ("batch.jsonl", 5, "line is not UTF-8 (byte 0xe9 at column 29; it looks like cp1252)"),
    ("batch.jsonl", 6, "'text' holds an unpaired surrogate (\\ud800"),
    ("batch.jsonl", 7, "bad date in 'published': 'last Tuesday'"),
    ("batch.jsonl", 8, "bad date in 'published': '2020-02-30'"),
    ("batch.jsonl", 9, "bad date in 'published': 0202-06-07 is before 1900"),
    ("batch.jsonl", 10, "bad date in 'published': 2999-01-01 is in the future"),
    ("batch.jsonl", 11, "bad JSON: RecursionError"),
    ("batch.jsonl", 13, "'id' must be a string or integer"),
    ("batch.jsonl", 15, "duplicate document id 'afgooye'"),
    ("batch.jsonl", 16, "no article text found in the HTML"),
    ("batch.jsonl", 17, f"line is over the {SIZE_LIMIT:,}-byte limit"),
]


def _jsonl_bad_lines() -> list[bytes]:
    def line(obj: dict[str, Any]) -> bytes:
        return json.dumps(obj).encode()

    return [
        line({"id": "afgooye", "text": AFGOOYE, "published": "2020-05-06"}),  # 1: good
        b'{"id": "x", "text": ',  # 2: cut short
        b"[1, 2]",  # 3
        line({"text": GHAZNI}),  # 4
        b'{"id": "latin", "text": "caf\xe9 attacked on Monday"}',  # 5: Latin-1 inside a JSONL file
        b'{"id": "lone", "text": "Ghazni \\ud800 attacked"}',  # 6: what a JS string slice writes
        line({"id": "d1", "text": GHAZNI, "published": "last Tuesday"}),  # 7
        line({"id": "d2", "text": GHAZNI, "published": "2020-02-30"}),  # 8
        line({"id": "d3", "text": GHAZNI, "published": "0202-06-07"}),  # 9: a typo
        line({"id": "d4", "text": GHAZNI, "published": "2999-01-01"}),  # 10
        b"[" * 3000,  # 11: nested past Python's recursion limit
        b"   ",  # 12: blank lines are skipped, but counted
        line({"id": ["a"], "text": GHAZNI}),  # 13
        line({"id": "kunduz", "text": KUNDUZ, "published": "2020-05-06"}),  # 14: good
        line({"id": "afgooye", "text": KUNDUZ}),  # 15: the id again
        line({"id": "h", "html": "<html><script>var a = 1;</script><body></body></html>"}),  # 16
        line({"id": "long", "text": GHAZNI * (SIZE_LIMIT // 50)}),  # 17
    ]


def _write_batch(folder: Path) -> Path:
    """Write a folder of good and bad inputs, as BAD and GOOD list them."""
    folder.mkdir()
    files: dict[str, bytes] = {
        "good.txt": GHAZNI.encode(),
        "latin1.txt": SEGOU.encode("latin-1"),
        "cp1252.txt": IDLIB.encode("cp1252"),
        "utf16.txt": KUNDUZ.encode("utf-16"),
        "utf16-no-bom.txt": AFGOOYE.encode("utf-16-le"),
        "cyrillic-cp1251.txt": DONETSK.encode("cp1251"),
        "malformed.html": f"<html><body><div><p>{IDLIB}<p>More <b>unclosed <i>tags</div></html>".encode(),
        "binary.txt": b"\x89PNG\r\n\x1a\n" + bytes(range(256)),
        "nul.txt": b"abc\x00def" * 50,
        "empty.txt": b"",
        "blank.html": b"  \n\t\n",
        "big.txt": (GHAZNI + "\n\n").encode() * (SIZE_LIMIT // 100),
        "undecodable.txt": "Боевики атаковали".encode("cp1251"),
        "markup-only.html": b"<html><head><script>var a = '<p>x</p>';</script></head><body><div></div>",
        "header-date.txt": f"Date: 0201-06-07\n\n{GHAZNI}".encode(),
        "report.pdf": b"%PDF-1.4\n",
        "archive.jsonl": b"\x1f\x8b\x08\x00\x00\x00\x00\x00",
        "batch.jsonl": b"\n".join(_jsonl_bad_lines()) + b"\n",
        # Windows PowerShell's `>` writes UTF-16 with a byte-order mark
        "powershell.jsonl": (json.dumps({"id": "ps-1", "text": GHAZNI}, ensure_ascii=False) + "\r\n").encode(
            "utf-16"
        ),
    }
    for name, data in files.items():
        (folder / name).write_bytes(data)
    # A file name that is not UTF-8 (bytes from an old archive) must not stop the batch.
    with open(os.path.join(os.fsencode(folder), b"bad\xe9name.docx"), "wb") as fh:
        fh.write(b"PK\x03\x04")
    return folder


def _dump(db: Path, *, without: tuple[str, ...] = ()) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table (but those named), in a stable order."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        names = [n for (n,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        return {
            t: sorted(conn.execute(f'SELECT * FROM "{t}"').fetchall(), key=repr)
            for t in sorted(names)
            if t not in without
        }
    finally:
        conn.close()


def _rejections(db: Path) -> list[dict[str, Any]]:
    res = runner.invoke(app, ["rejections", "--db", str(db), "--json"])
    assert res.exit_code == 0, res.output
    rows: list[dict[str, Any]] = json.loads(res.stdout)
    return rows


def _ingest(*args: str) -> Any:
    return runner.invoke(app, ["ingest", *args], catch_exceptions=False)


@pytest.fixture(autouse=True)
def size_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    """A small size limit, so that files and lines over it stay small."""
    monkeypatch.setattr(sources, "MAX_BYTES", SIZE_LIMIT)


@pytest.fixture
def seeded(tmp_path: Path) -> Path:
    """A store holding one earlier report."""
    db = tmp_path / "store" / "polemos.db"
    earlier = tmp_path / "earlier.txt"
    earlier.write_text(GHAZNI, encoding="utf-8")
    res = _ingest(str(earlier), "--db", str(db), "--published", "2020-05-06")
    assert res.exit_code == 0, res.output
    return db


def test_bad_input_is_rejected_by_name_and_the_rest_goes_in(seeded: Path, tmp_path: Path) -> None:
    folder = _write_batch(tmp_path / "inbox")
    earlier = _dump(seeded, without=("rejections",))

    res = _ingest(str(folder), "--db", str(seeded), "--published", "2020-05-06")

    assert res.exit_code == 3, res.output
    flat = "".join(res.output.split())  # rich wraps long lines
    assert f"{len(GOOD)}document(s):{len(GOOD)}new" in flat
    assert f"{len(BAD)}rejected" in flat
    for name, line, _ in BAD:
        assert (f"{name}:{line}" if line else name) in flat
    # every rejection is stored, with file, line, reason and time
    rows = _rejections(seeded)
    found = {(Path(r["path"]).name, r["line"]): r["reason"] for r in rows}
    assert len(found) == len(rows) == len(BAD)
    for name, line, reason in BAD:
        assert reason in found.get((name, line), ""), (name, line, found.get((name, line)))
    assert all(r["at"] and r["path"].startswith(str(folder)) for r in rows)
    # the good documents went in, decoded right
    conn = sqlite3.connect(seeded)
    texts = dict(conn.execute("SELECT id, text FROM documents").fetchall())
    conn.close()
    assert set(texts) == {"earlier"} | {doc_id for _, doc_id, _ in GOOD}
    for _, doc_id, words in GOOD:
        assert words in texts[doc_id], doc_id
    # and nothing stored before changed
    after = _dump(seeded, without=("rejections",))
    for table, rows_before in earlier.items():
        assert set(rows_before) <= set(after[table]), table


def test_bad_input_only_leaves_the_store_as_it_was(seeded: Path, tmp_path: Path) -> None:
    folder = _write_batch(tmp_path / "inbox")
    for name, _, _ in GOOD:
        (folder / name).unlink(missing_ok=True)
    before = _dump(seeded, without=("rejections",))
    res = _ingest(str(folder), "--db", str(seeded))
    assert res.exit_code == 3, res.output
    assert "0 document(s)" in res.output
    assert _dump(seeded, without=("rejections",)) == before


def test_bad_input_again_is_rejected_again_but_stored_once(seeded: Path, tmp_path: Path) -> None:
    folder = _write_batch(tmp_path / "inbox")
    assert _ingest(str(folder), "--db", str(seeded)).exit_code == 3
    first = _rejections(seeded)
    before = _dump(seeded, without=("rejections",))
    again = _ingest(str(folder), "--db", str(seeded))
    assert again.exit_code == 3
    assert f"{len(GOOD)} unchanged" in again.output
    second = _rejections(seeded)
    assert [(r["path"], r["line"], r["reason"]) for r in second] == [
        (r["path"], r["line"], r["reason"]) for r in first
    ]
    assert _dump(seeded, without=("rejections",)) == before


@pytest.mark.parametrize(
    ("args", "code", "words"),
    [
        ([], 0, "1 new"),  # all went in
        (["--published", "last week"], 2, "YYYY-MM-DD"),  # bad arguments: nothing read
        (["--db-typo", "x"], 2, "No such option"),
    ],
)
def test_ingest_exit_codes(tmp_path: Path, args: list[str], code: int, words: str) -> None:
    report = tmp_path / "report.txt"
    report.write_text(GHAZNI, encoding="utf-8")
    res = _ingest(str(report), "--db", str(tmp_path / "x.db"), *args)
    assert res.exit_code == code, res.output
    assert words in res.output


def test_ingest_exit_code_1_when_the_store_is_unusable(tmp_path: Path) -> None:
    report = tmp_path / "report.txt"
    report.write_text(GHAZNI, encoding="utf-8")
    db = tmp_path / "notes.db"
    db.write_text("not a database " * 100, encoding="utf-8")
    res = _ingest(str(report), "--db", str(db))
    assert res.exit_code == 1
    assert "notes.db" in "".join(res.output.split())
    assert db.read_text(encoding="utf-8") == "not a database " * 100


def test_rejections_command_lists_them_as_a_table(seeded: Path, tmp_path: Path) -> None:
    empty = runner.invoke(app, ["rejections", "--db", str(seeded)])
    assert empty.exit_code == 0 and "0 rejected input(s)" in empty.output
    bad = tmp_path / "broken.txt"
    bad.write_bytes(b"%PDF-1.7 pretending to be text")
    _ingest(str(bad), "--db", str(seeded))
    res = runner.invoke(app, ["rejections", "--db", str(seeded)])
    assert res.exit_code == 0, res.output
    flat = "".join(res.output.split())
    assert "1rejectedinput(s)" in flat and "broken.txt" in flat and "binarycontent(aPDF)" in flat
