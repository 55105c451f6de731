"""Read input files (.txt, .html/.htm, .jsonl batches, folders of them) into cleaned Documents.

This is the pipeline's entry: each input becomes a Document whose text is already cleaned
(stages/clean.py), or a Rejection saying which file (and line) could not be read and why. Nothing
raises out of `read_documents`: a bad file is a value the caller stores and counts.

Text files are decoded as UTF-8 when they are UTF-8; otherwise a byte-order mark, the page's own
`<meta charset>` declaration, or charset-normalizer's detection decides (source_decoding.py), and a file
no encoding fits is rejected with the best guess named. JSON Lines must be UTF-8 (RFC 8259) or carry a
UTF-16/32 byte-order mark. How a file's or a JSONL line's content becomes a Document is source_documents.py's.
"""

from __future__ import annotations

import codecs
import datetime as dt
import io
import os
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import BinaryIO

from polemos.model import Document, Rejection
from polemos.source_decoding import MAX_CONTROL_SHARE, binary_kind, control_share, decode_bytes, wide_bom
from polemos.source_documents import (
    Defaults,
    build_document,
    clean_input,
    implausible,
    jsonl_document,
    path_name,
)

MAX_BYTES = 20 * 1024 * 1024
"""Largest .txt/.html file, and largest JSONL line, read; a news report is a few tens of kilobytes."""

TEXT_SUFFIXES = frozenset({".txt"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
JSONL_SUFFIXES = frozenset({".jsonl"})
SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES


def read_documents(
    paths: Sequence[Path],
    *,
    published: dt.date | None = None,
    outlet: str | None = None,
    url: str | None = None,
) -> Iterator[Document | Rejection]:
    """Yield one Document per readable report in `paths`, and a Rejection for each input that is not."""
    defaults = Defaults(published, outlet, url)
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
                            path_name(item),
                            f"duplicate document id {result.id!r} (first read from {first_seen[result.id]}); "
                            "give every document its own id",
                            line,
                        )
                        continue
                    first_seen[result.id] = result.path or path_name(item)
                yield result


def _expand(path: Path) -> Iterator[Path | Rejection]:
    """Yield the files a path names: itself, or a folder's files recursively in sorted order."""
    if path.is_dir():
        found: list[Path] = []
        unreadable: list[OSError] = []
        for root, dirs, files in os.walk(path, onerror=unreadable.append):
            dirs[:] = [d for d in dirs if not d.startswith(".")]
            found.extend(Path(root) / name for name in files if not name.startswith("."))
        for error in unreadable:
            yield Rejection(
                path_name(error.filename or path), f"cannot read the folder: {error.strerror or error}"
            )
        for file in sorted(found, key=lambda f: f.relative_to(path).parts):
            yield _check_file(file)
    elif path.exists():
        yield _check_file(path)
    else:
        yield Rejection(path_name(path), "no such file or folder")


def _check_file(path: Path) -> Path | Rejection:
    if path.suffix.lower() not in SUFFIXES:
        kind = f"'{path_name(path.suffix)}'" if path.suffix else "no extension"
        return Rejection(
            path_name(path), f"unsupported file type ({kind}); polemos reads .txt, .html, .htm and .jsonl"
        )
    if not path.is_file():  # a pipe or device would block the read; a broken link has nothing to read
        what = "a broken link" if path.is_symlink() and not path.exists() else "not a regular file"
        return Rejection(path_name(path), f"{what}; polemos reads regular files")
    return path


def _read_file(path: Path, defaults: Defaults) -> Iterator[tuple[Document | Rejection, int | None]]:
    """Yield each result of one file with its line number (JSONL) or None."""
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        yield from _read_jsonl(path, defaults)
        return
    where = path_name(path)
    text = _read_text(path)
    if isinstance(text, Rejection):
        yield text, None
        return
    looks_like_page = text.lstrip()[:200].lower().startswith(("<!doctype html", "<html"))
    is_html = suffix in HTML_SUFFIXES or looks_like_page
    cleaned = clean_input(text, is_html=is_html)
    if isinstance(cleaned, str):
        yield Rejection(where, cleaned), None
        return
    bad_date = implausible(cleaned.published, "the header's publication date")
    if bad_date:
        yield Rejection(where, bad_date), None
        return
    yield (
        build_document(path_name(path.stem), cleaned, {}, defaults, where, (where, None), is_html=is_html),
        None,
    )


def _read_text(path: Path) -> str | Rejection:
    """Read and decode a whole text or HTML file, or say why it cannot be."""
    where = path_name(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            return Rejection(where, f"file is {size:,} bytes, over the {MAX_BYTES:,}-byte limit; split it")
        data = path.read_bytes()
    except OSError as e:
        return Rejection(where, f"cannot read the file: {e.strerror or e}")
    if not data.strip():
        return Rejection(where, "empty file")
    binary = binary_kind(data)
    if binary:
        return Rejection(where, f"binary content ({binary}), not text")
    decoded = decode_bytes(data, where)
    if isinstance(decoded, Rejection):
        return decoded
    text, encoding = decoded
    if not text.strip():
        return Rejection(where, f"empty file (nothing but whitespace when decoded as {encoding})")
    if control_share(text) > MAX_CONTROL_SHARE:
        return Rejection(where, f"binary content (control characters), not text (read as {encoding})")
    return text


def _read_jsonl(path: Path, defaults: Defaults) -> Iterator[tuple[Document | Rejection, int | None]]:
    """Yield a Document or Rejection per non-blank line of a JSONL batch, streaming the file."""
    where = path_name(path)
    try:
        handle = path.open("rb")
    except OSError as e:
        yield Rejection(where, f"cannot read the file: {e.strerror or e}"), None
        return
    seen_any = False
    guess: list[str] = []  # the encoding detected on the first non-UTF-8 line, named for every one
    with handle:
        try:
            head = handle.read(8192)
            handle.seek(0)
        except OSError as e:
            yield Rejection(where, f"cannot read the file: {e.strerror or e}"), None
            return
        binary = binary_kind(head) or ("NUL bytes" if b"\x00" in head and wide_bom(head) is None else None)
        if binary:
            reason = f"binary content ({binary}), not JSON Lines (UTF-8, or UTF-16 with a byte-order mark)"
            yield Rejection(where, reason), None
            return
        for number, raw in _jsonl_lines(handle, where, wide_bom(head)):
            if isinstance(raw, Rejection):
                seen_any = True
                yield raw, raw.line
                continue
            if not raw.strip():
                continue
            seen_any = True
            yield jsonl_document(raw, path, number, defaults, guess), number
    if not seen_any:
        yield Rejection(where, "empty file"), None


def _jsonl_lines(handle: BinaryIO, where: str, wide: str | None) -> Iterator[tuple[int, bytes | Rejection]]:
    """Yield (line number, UTF-8 bytes of the line) or a Rejection for a line that cannot be read."""
    if wide:
        yield from _wide_jsonl_lines(handle, where, wide)
        return
    number = 0
    while True:
        try:
            raw = handle.readline(MAX_BYTES + 1)
        except OSError as e:
            yield number + 1, Rejection(where, f"cannot read the file: {e.strerror or e}", number + 1)
            return
        if not raw:
            return
        number += 1
        if len(raw) > MAX_BYTES and not raw.endswith(b"\n"):
            while (rest := handle.readline(MAX_BYTES)) and not rest.endswith(b"\n"):
                pass  # skip the remainder of the oversized line
            yield number, Rejection(where, f"line is over the {MAX_BYTES:,}-byte limit", number)
            continue
        yield number, raw.removeprefix(codecs.BOM_UTF8) if number == 1 else raw


def _wide_jsonl_lines(handle: BinaryIO, where: str, wide: str) -> Iterator[tuple[int, bytes | Rejection]]:
    """Lines of a JSONL file saved as UTF-16/32 with a byte-order mark (as Windows PowerShell writes)."""
    number = 0
    with io.TextIOWrapper(handle, encoding=wide, newline="\n") as reader:  # closes `handle` too
        try:
            while line := reader.readline(MAX_BYTES + 1):
                number += 1
                if len(line) > MAX_BYTES and not line.endswith("\n"):
                    while (rest := reader.readline(MAX_BYTES)) and not rest.endswith("\n"):
                        pass
                    yield number, Rejection(where, f"line is over the {MAX_BYTES:,}-character limit", number)
                    continue
                yield number, line.encode("utf-8")
        except (UnicodeDecodeError, OSError) as e:
            reason = f"cannot decode as {wide.upper()} from here on ({e}); re-save the file as UTF-8"
            yield number + 1, Rejection(where, reason, number + 1)
