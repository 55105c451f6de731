"""Tests for reading input files into Documents, and bad input into Rejections."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from polemos import sources
from polemos.model import Document, Rejection
from polemos.sources import read_documents

FIXTURES = Path(__file__).parent / "fixtures"
SEEDS = FIXTURES / "seeds"


def _read(*paths: Path, **defaults: object) -> tuple[list[Document], list[Rejection]]:
    results = list(read_documents(list(paths), **defaults))  # type: ignore[arg-type]
    docs = [r for r in results if isinstance(r, Document)]
    rejections = [r for r in results if isinstance(r, Rejection)]
    assert len(docs) + len(rejections) == len(results)
    return docs, rejections


def _only_rejection(path: Path) -> Rejection:
    docs, rejections = _read(path)
    assert docs == []
    assert len(rejections) == 1
    return rejections[0]


def test_read_documents_seed_folder(tmp_path: Path) -> None:
    shutil.copytree(SEEDS, tmp_path / "seeds")
    docs, rejections = _read(tmp_path / "seeds", published=dt.date(2018, 6, 4))
    assert [d.id for d in docs] == ["000_aea3f91c47e42a8b", "001_7408a9ead5e549ea", "002_37df46fae67b9620"]
    # the .jsonl gold files in the folder are read as batches, and rejected line by line: they have no text
    assert rejections and all(r.path.endswith(".jsonl") for r in rejections)
    d000, d001, d002 = docs
    assert d000.published == dt.date(2018, 6, 4)  # from the command line
    assert d002.published == dt.date(2020, 6, 7)  # the file's own header wins over the command line
    assert d001.outlet == "thenational.ae"  # from its own "Read more" links
    assert d000.path == str(tmp_path / "seeds" / "000_aea3f91c47e42a8b.txt")
    assert "<a href" not in d001.text
    assert not d002.text.startswith(" date")


def test_read_documents_command_line_fills_only_what_the_file_lacks(tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_text("outlet: Anadolu Agency\n\nThe army advanced.", encoding="utf-8")
    (doc,), _ = _read(path, outlet="libyaobserver.ly", url="https://x.test/1", published=dt.date(2020, 1, 2))
    assert doc.outlet == "Anadolu Agency"
    assert doc.url == "https://x.test/1"
    assert doc.published == dt.date(2020, 1, 2)
    assert doc.id == "report"


def test_read_documents_html_file() -> None:
    (doc,), rejections = _read(FIXTURES / "inputs" / "derna.html")
    assert rejections == []
    assert doc.id == "derna"
    assert doc.title == "Libyan National Army captures high ground outside Derna"
    assert doc.published == dt.date(2018, 5, 8)
    assert doc.outlet == "thenational.ae"
    assert "Read more" not in doc.text


def test_read_documents_txt_holding_a_whole_web_page_is_read_as_html(tmp_path: Path) -> None:
    path = tmp_path / "saved.txt"
    shutil.copy(FIXTURES / "inputs" / "derna.html", path)
    (doc,), _ = _read(path)
    assert doc.text.startswith("The Libyan National Army captured")


def test_read_documents_jsonl_batch(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    lines = [
        {
            "id": 17,
            "text": "The army advanced on Derna.",
            "published": "2018-05-08T10:00:00Z",
            "outlet": "Reuters",
        },
        {
            "id": "b",
            "html": "<p>GNA forces entered Tarhuna on Friday.</p>",
            "title": "Tarhuna",
            "language": "en",
        },
        {"id": "c", "text": "date 2020-06-07 Fighting near Sirte.", "url": "https://aa.com.tr/x"},
    ]
    path.write_text("\n".join(json.dumps(line) for line in lines) + "\n\n", encoding="utf-8")
    docs, rejections = _read(path, outlet="cli-outlet", published=dt.date(2000, 1, 1))
    assert rejections == []
    a, b, c = docs
    assert (a.id, a.published, a.outlet, a.path) == ("17", dt.date(2018, 5, 8), "Reuters", f"{path}:1")
    assert (b.id, b.text, b.title, b.outlet, b.published) == (
        "b",
        "GNA forces entered Tarhuna on Friday.",
        "Tarhuna",
        "cli-outlet",
        dt.date(2000, 1, 1),
    )
    assert (c.text, c.published, c.url, c.outlet) == (
        "Fighting near Sirte.",
        dt.date(2020, 6, 7),
        "https://aa.com.tr/x",
        "cli-outlet",
    )


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ('{"id": "a", "text": "x"', "bad JSON"),
        ('["a", "b"]', "expected a JSON object"),
        ('{"text": "The army advanced."}', "missing 'id'"),
        ('{"id": "", "text": "The army advanced."}', "missing 'id'"),
        ('{"id": true, "text": "The army advanced."}', "'id' must be a string or integer"),
        ('{"id": "a"}', "missing 'text'"),
        ('{"id": "a", "text": "   "}', "missing 'text'"),
        ('{"id": "a", "text": 5}', "'text' must be a string"),
        ('{"id": "a", "text": "x", "published": "last Tuesday"}', "bad date in 'published'"),
        ('{"id": "a", "text": "x", "published": "2020-02-30"}', "bad date in 'published'"),
        ('{"id": "a", "text": "READ MORE: Erdogan says Turkey"}', "no article text left"),
    ],
)
def test_read_documents_jsonl_bad_line_is_rejected_with_its_line(
    tmp_path: Path, line: str, reason: str
) -> None:
    path = tmp_path / "batch.jsonl"
    path.write_text('{"id": "ok", "text": "The army advanced."}\n' + line + "\n", encoding="utf-8")
    docs, rejections = _read(path)
    assert [d.id for d in docs] == ["ok"]
    (rejection,) = rejections
    assert rejection.path == str(path)
    assert rejection.line == 2
    assert reason in rejection.reason


def test_read_documents_jsonl_line_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    path.write_bytes(b'{"id": "a", "text": "caf\xe9"}\n')
    rejection = _only_rejection(path)
    assert rejection.line == 1 and "not UTF-8" in rejection.reason


def test_read_documents_jsonl_oversized_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sources, "MAX_BYTES", 64)
    path = tmp_path / "batch.jsonl"
    long_line = json.dumps({"id": "big", "text": "word " * 100})
    path.write_text(long_line + '\n{"id": "small", "text": "ok"}\n', encoding="utf-8")
    docs, rejections = _read(path)
    assert [d.id for d in docs] == ["small"]
    assert rejections[0].line == 1 and "limit" in rejections[0].reason


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty file"),
        (b"  \n\n\t", "empty file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "binary content (a PNG image)"),
        (b"%PDF-1.4\n", "binary content (a PDF)"),
        (b"abc\x00def" * 10, "binary content (NUL bytes)"),
        (b"\x01\x02\x03\x04\x05\x06 text", "binary content (control characters)"),
        (b"bad \x81\x8d bytes", "cannot decode"),
    ],
)
def test_read_documents_bad_text_file(tmp_path: Path, content: bytes, reason: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    rejection = _only_rejection(path)
    assert rejection.path == str(path)
    assert rejection.line is None
    assert reason in rejection.reason


def test_read_documents_empty_jsonl(tmp_path: Path) -> None:
    path = tmp_path / "empty.jsonl"
    path.write_text("\n\n", encoding="utf-8")
    assert _only_rejection(path).reason == "empty file"


@pytest.mark.parametrize(
    ("content", "text"),
    [
        ("Forces entered Dérna – “quickly”.".encode("cp1252"), "Forces entered Dérna – “quickly”."),
        ("\ufeffForces entered Dérna.".encode(), "Forces entered Dérna."),
        ("Forces entered Dérna.".encode("utf-16"), "Forces entered Dérna."),
    ],
)
def test_read_documents_decodes_common_encodings(tmp_path: Path, content: bytes, text: str) -> None:
    path = tmp_path / "enc.txt"
    path.write_bytes(content)
    (doc,), _ = _read(path)
    assert doc.text == text


def test_read_documents_file_over_the_size_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sources, "MAX_BYTES", 10)
    path = tmp_path / "big.txt"
    path.write_text("The army advanced on Derna.", encoding="utf-8")
    assert "limit" in _only_rejection(path).reason


def test_read_documents_folder_is_recursive_sorted_and_skips_hidden(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / ".git").mkdir()
    (tmp_path / "b" / "z.txt").write_text("Z report.", encoding="utf-8")
    (tmp_path / "a.txt").write_text("A report.", encoding="utf-8")
    (tmp_path / "c.htm").write_text("<html><body><p>C report.</p></body></html>", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("hidden", encoding="utf-8")
    (tmp_path / ".git" / "x.txt").write_text("hidden", encoding="utf-8")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")
    docs, rejections = _read(tmp_path)
    assert [d.id for d in docs] == ["a", "z", "c"]  # sorted by path: a.txt, b/z.txt, c.htm
    assert [(r.path, "unsupported file type ('.pdf')" in r.reason) for r in rejections] == [
        (str(tmp_path / "notes.pdf"), True)
    ]


def test_read_documents_missing_path_and_unknown_extension(tmp_path: Path) -> None:
    odd = tmp_path / "report.docx"
    odd.write_bytes(b"PK\x03\x04")
    docs, rejections = _read(tmp_path / "missing.txt", odd)
    assert docs == []
    assert [r.reason for r in rejections] == [
        "no such file or folder",
        "unsupported file type ('.docx'); polemos reads .txt, .html, .htm and .jsonl",
    ]


def test_read_documents_duplicate_id_is_rejected(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "x.txt").write_text("First.", encoding="utf-8")
    (tmp_path / "b" / "x.txt").write_text("Second.", encoding="utf-8")
    docs, rejections = _read(tmp_path)
    assert [d.text for d in docs] == ["First."]
    (rejection,) = rejections
    assert rejection.path == str(tmp_path / "b" / "x.txt")
    assert "duplicate document id 'x'" in rejection.reason


def test_read_documents_is_lazy_and_never_raises_on_bad_input(tmp_path: Path) -> None:
    (tmp_path / "bad.jsonl").write_bytes(b"\xff\xfe\x00garbage\n{]\n")
    results = list(read_documents([tmp_path / "bad.jsonl", tmp_path]))
    assert results and all(isinstance(r, Rejection) for r in results)
