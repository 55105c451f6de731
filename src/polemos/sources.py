"""Read input files (.txt, .html/.htm, .jsonl batches, folders of them) into cleaned Documents.

This is the pipeline's entry: each input becomes a Document whose text is already cleaned
(stages/clean.py), or a Rejection saying which file (and line) could not be read and why. Nothing
raises out of `read_documents`: a bad file is a value the caller stores and counts.
"""

from __future__ import annotations

import codecs
import datetime as dt
import json
import os
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from polemos.model import Document, Rejection
from polemos.stages.clean import CleanedText, clean_text, html_to_text

MAX_BYTES = 20 * 1024 * 1024
"""Largest .txt/.html file, and largest JSONL line, read; a news report is a few tens of kilobytes."""

TEXT_SUFFIXES = frozenset({".txt"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
JSONL_SUFFIXES = frozenset({".jsonl"})
SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES

# Magic numbers of the binary formats most often dropped into an input folder by mistake.
_BINARY_MAGIC = {
    b"%PDF": "a PDF",
    b"PK\x03\x04": "a ZIP archive (or .docx/.xlsx)",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"\x1f\x8b": "gzip-compressed",
    b"\xd0\xcf\x11\xe0": "an old Office document",
}
# Share of control characters above which decoded "text" is really binary.
_MAX_CONTROL_SHARE = 0.05


@dataclass(frozen=True)
class _Defaults:
    """Metadata given on the command line: used only where the input itself says nothing."""

    published: dt.date | None
    outlet: str | None
    url: str | None


def read_documents(
    paths: Sequence[Path],
    *,
    published: dt.date | None = None,
    outlet: str | None = None,
    url: str | None = None,
) -> Iterator[Document | Rejection]:
    """Yield one Document per readable report in `paths`, and a Rejection for each input that is not."""
    defaults = _Defaults(published, outlet, url)
    first_seen: dict[str, str] = {}
    for path in paths:
        for item in _expand(Path(path)):
            if isinstance(item, Rejection):
                yield item
                continue
            for result, line in _read_file(item, defaults):
                if isinstance(result, Document):
                    if result.id in first_seen:
                        yield Rejection(
                            str(item),
                            f"duplicate document id {result.id!r} (first read from {first_seen[result.id]}); "
                            "give every document its own id",
                            line,
                        )
                        continue
                    first_seen[result.id] = result.path or str(item)
                yield result


def _expand(path: Path) -> Iterator[Path | Rejection]:
    """Yield the files a path names: itself, or a folder's files recursively in sorted order."""
    if path.is_dir():
        found: list[Path] = []
        for root, dirs, files in os.walk(path):
            dirs[:] = [d for d in dirs if not d.startswith(".")]
            found.extend(Path(root) / name for name in files if not name.startswith("."))
        for file in sorted(found, key=lambda f: f.relative_to(path).parts):
            yield file if file.suffix.lower() in SUFFIXES else _unsupported(file)
    elif path.is_file():
        yield path if path.suffix.lower() in SUFFIXES else _unsupported(path)
    else:
        yield Rejection(str(path), "no such file or folder")


def _unsupported(path: Path) -> Rejection:
    kind = f"'{path.suffix}'" if path.suffix else "no extension"
    return Rejection(str(path), f"unsupported file type ({kind}); polemos reads .txt, .html, .htm and .jsonl")


def _read_file(path: Path, defaults: _Defaults) -> Iterator[tuple[Document | Rejection, int | None]]:
    """Yield each result of one file with its line number (JSONL) or None."""
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        yield from _read_jsonl(path, defaults)
        return
    text = _read_text(path)
    if isinstance(text, Rejection):
        yield text, None
        return
    looks_like_page = text.lstrip()[:200].lower().startswith(("<!doctype html", "<html"))
    cleaned = html_to_text(text) if suffix in HTML_SUFFIXES or looks_like_page else clean_text(text)
    yield _document(path.stem, cleaned, {}, defaults, str(path), (str(path), None)), None


def _read_text(path: Path) -> str | Rejection:
    """Read and decode a whole text or HTML file, or say why it cannot be."""
    where = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            return Rejection(where, f"file is {size:,} bytes, over the {MAX_BYTES:,}-byte limit; split it")
        data = path.read_bytes()
    except OSError as e:
        return Rejection(where, f"cannot read the file: {e.strerror or e}")
    if not data.strip():
        return Rejection(where, "empty file")
    binary = _binary_kind(data)
    if binary:
        return Rejection(where, f"binary content ({binary}), not text")
    text = _decode(data, where)
    if isinstance(text, str) and _control_share(text) > _MAX_CONTROL_SHARE:
        return Rejection(where, "binary content (control characters), not text")
    return text


def _binary_kind(data: bytes) -> str | None:
    for magic, kind in _BINARY_MAGIC.items():
        if data.startswith(magic):
            return kind
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return None  # UTF-16 text is full of NUL bytes
    return "NUL bytes" if b"\x00" in data[:8192] else None


def _decode(data: bytes, where: str) -> str | Rejection:
    """Decode UTF-8 (with or without BOM), UTF-16 with BOM, or Windows-1252; else say why not."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as e:
            return Rejection(where, f"cannot decode as UTF-16 (offset {e.start}); re-save the file as UTF-8")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as utf8_error:
        try:
            # Older news archives are often Windows-1252; it fails only on its 5 unassigned bytes.
            return data.decode("cp1252")
        except UnicodeDecodeError:
            bad = data[utf8_error.start]
            return Rejection(
                where,
                (
                    f"cannot decode: not UTF-8 (byte 0x{bad:02x} at offset {utf8_error.start}) "
                    "and not Windows-1252; re-save the file as UTF-8"
                ),
            )


def _control_share(text: str) -> float:
    sample = text[:8192]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\n\r\f")
    return controls / max(len(sample), 1)


def _read_jsonl(path: Path, defaults: _Defaults) -> Iterator[tuple[Document | Rejection, int | None]]:
    """Yield a Document or Rejection per non-blank line of a JSONL batch, streaming the file."""
    where = str(path)
    try:
        handle = path.open("rb")
    except OSError as e:
        yield Rejection(where, f"cannot read the file: {e.strerror or e}"), None
        return
    seen_any = False
    with handle:
        number = 0
        while True:
            try:
                raw = handle.readline(MAX_BYTES + 1)
            except OSError as e:
                yield Rejection(where, f"cannot read the file: {e.strerror or e}", number + 1), number + 1
                return
            if not raw:
                break
            number += 1
            if len(raw) > MAX_BYTES and not raw.endswith(b"\n"):
                while (rest := handle.readline(MAX_BYTES)) and not rest.endswith(b"\n"):
                    pass  # skip the remainder of the oversized line
                yield Rejection(where, f"line is over the {MAX_BYTES:,}-byte limit", number), number
                continue
            if number == 1:
                raw = raw.removeprefix(codecs.BOM_UTF8)
            if not raw.strip():
                continue
            seen_any = True
            yield _jsonl_line(raw, path, number, defaults), number
    if not seen_any:
        yield Rejection(where, "empty file"), None


def _jsonl_line(raw: bytes, path: Path, number: int, defaults: _Defaults) -> Document | Rejection:
    where = str(path)
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        return Rejection(
            where, f"line is not UTF-8 (byte 0x{raw[e.start]:02x} at column {e.start + 1})", number
        )
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as e:
        return Rejection(where, f"bad JSON: {e.msg} at column {e.colno}", number)
    if not isinstance(obj, dict):
        return Rejection(where, f"expected a JSON object, got {type(obj).__name__}", number)
    raw_id = obj.get("id")
    if isinstance(raw_id, bool) or not isinstance(raw_id, str | int) or not str(raw_id).strip():
        reason = (
            "missing 'id'" if raw_id in (None, "") else f"'id' must be a string or integer, got {raw_id!r}"
        )
        return Rejection(where, reason, number)
    fields: dict[str, str] = {}
    for name in ("text", "html", "title", "url", "outlet", "published", "language"):
        value = obj.get(name)
        if value is None:
            continue
        if not isinstance(value, str):
            return Rejection(where, f"'{name}' must be a string, got {type(value).__name__}", number)
        fields[name] = value
    published: dt.date | None = None
    if fields.get("published", "").strip():
        published = _iso_date(fields["published"])
        if published is None:
            return Rejection(
                where,
                f"bad date in 'published': {fields['published']!r}; use an ISO date (2020-06-07) or datetime",
                number,
            )
    if fields.get("text", "").strip():
        cleaned = clean_text(fields["text"])
    elif fields.get("html", "").strip():
        cleaned = html_to_text(fields["html"])
    else:
        return Rejection(where, "missing 'text' (or 'html')", number)
    given = {k: v for k, v in fields.items() if k in ("title", "url", "outlet", "language") and v.strip()}
    return _document(
        str(raw_id).strip(), cleaned, given, defaults, f"{path}:{number}", (where, number), published
    )


def _iso_date(value: str) -> dt.date | None:
    value = value.strip()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        pass
    try:
        return dt.datetime.fromisoformat(value).date()
    except ValueError:
        return None


def _document(
    doc_id: str,
    cleaned: CleanedText,
    given: Mapping[str, str],
    defaults: _Defaults,
    path: str,
    where: tuple[str, int | None],
    published: dt.date | None = None,
) -> Document | Rejection:
    """Build the Document: what the input states first, then what cleaning found, then the CLI defaults."""
    if not cleaned.text:
        return Rejection(where[0], "no article text left after removing markup and boilerplate", where[1])
    return Document(
        id=doc_id,
        text=cleaned.text,
        title=given.get("title") or cleaned.title,
        url=given.get("url") or cleaned.url or defaults.url,
        outlet=given.get("outlet") or cleaned.outlet or defaults.outlet,
        published=published or cleaned.published or defaults.published,
        language=given.get("language", "en"),
        path=path,
    )
