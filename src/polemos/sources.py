"""Read input files (.txt, .html/.htm, .jsonl batches, folders of them) into cleaned Documents.

This is the pipeline's entry: each input becomes a Document whose text is already cleaned
(stages/clean.py), or a Rejection saying which file (and line) could not be read and why. Nothing
raises out of `read_documents`: a bad file is a value the caller stores and counts.

Text files are decoded as UTF-8 when they are UTF-8; otherwise a byte-order mark, the page's own
`<meta charset>` declaration, or charset-normalizer's detection decides (see `_decode`), and a file no
encoding fits is rejected with the best guess named. JSON Lines must be UTF-8 (RFC 8259) or carry a
UTF-16/32 byte-order mark.
"""

from __future__ import annotations

import codecs
import datetime as dt
import io
import json
import os
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from polemos.model import Document, Rejection
from polemos.stages.clean import CleanedText, clean_text, html_to_text

MAX_BYTES = 20 * 1024 * 1024
"""Largest .txt/.html file, and largest JSONL line, read; a news report is a few tens of kilobytes."""

EARLIEST_PUBLISHED = dt.date(1900, 1, 1)
"""Publication dates before this are typing errors ("0202-06-07"), not news archives polemos codes."""

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
    b"SQLite format 3\x00": "an SQLite database",
    b"\x7fELF": "a program (ELF)",
}
# Longest first: the UTF-32 LE mark begins with the UTF-16 LE one.
_WIDE_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Share of control characters above which decoded "text" is really binary.
_MAX_CONTROL_SHARE = 0.05
# Text that is mostly ASCII (outside markup) and not UTF-8 is Latin-script text in a Windows code page:
# its few accented letters and curly quotes give a detector too little to go on (charset-normalizer reads
# "Peñas" in cp1252 as cp1250 "Peńas", and "café" in Latin-1 as UTF-16), so Windows-1252 decides.
# Russian, Arabic or CJK text in a legacy code page is far below this share.
_LATIN_ASCII_SHARE = 0.7
# charset-normalizer's coherence (how much the decoded text reads like a language it knows) below which
# its guess is not trusted; on a few words it names Korean for Hebrew and Japanese for junk bytes.
_MIN_COHERENCE = 0.1
# UTF-16/32 detection runs only when at least one byte in this many is NUL.
_MIN_WIDE_NUL_SHARE = 8
_ASCII = bytes(range(128))
_MARKUP = re.compile(rb"<[^<>]{0,4000}>")
_DECLARED_CHARSET = re.compile(
    rb"""<meta\b[^>]{0,500}?charset\s*=\s*["']?\s*([a-z0-9_.:-]{1,40})"""
    rb"""|<\?xml\b[^>]{0,200}?encoding\s*=\s*["']([a-z0-9_.:-]{1,40})""",
    re.IGNORECASE,
)


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
                            _name(item),
                            f"duplicate document id {result.id!r} (first read from {first_seen[result.id]}); "
                            "give every document its own id",
                            line,
                        )
                        continue
                    first_seen[result.id] = result.path or _name(item)
                yield result


def _name(path: Path | str) -> str:
    """The path as text that can be printed and stored: bytes of a non-UTF-8 file name become U+FFFD."""
    return os.fsencode(path).decode("utf-8", "replace")


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
                _name(error.filename or path), f"cannot read the folder: {error.strerror or error}"
            )
        for file in sorted(found, key=lambda f: f.relative_to(path).parts):
            yield _check_file(file)
    elif path.exists():
        yield _check_file(path)
    else:
        yield Rejection(_name(path), "no such file or folder")


def _check_file(path: Path) -> Path | Rejection:
    if path.suffix.lower() not in SUFFIXES:
        kind = f"'{_name(path.suffix)}'" if path.suffix else "no extension"
        return Rejection(
            _name(path), f"unsupported file type ({kind}); polemos reads .txt, .html, .htm and .jsonl"
        )
    if not path.is_file():  # a pipe or device would block the read; a broken link has nothing to read
        what = "a broken link" if path.is_symlink() and not path.exists() else "not a regular file"
        return Rejection(_name(path), f"{what}; polemos reads regular files")
    return path


def _read_file(path: Path, defaults: _Defaults) -> Iterator[tuple[Document | Rejection, int | None]]:
    """Yield each result of one file with its line number (JSONL) or None."""
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        yield from _read_jsonl(path, defaults)
        return
    where = _name(path)
    text = _read_text(path)
    if isinstance(text, Rejection):
        yield text, None
        return
    looks_like_page = text.lstrip()[:200].lower().startswith(("<!doctype html", "<html"))
    is_html = suffix in HTML_SUFFIXES or looks_like_page
    cleaned = _clean(text, is_html=is_html)
    if isinstance(cleaned, str):
        yield Rejection(where, cleaned), None
        return
    bad_date = _implausible(cleaned.published, "the header's publication date")
    if bad_date:
        yield Rejection(where, bad_date), None
        return
    yield _document(_name(path.stem), cleaned, {}, defaults, where, (where, None), is_html=is_html), None


def _clean(text: str, *, is_html: bool) -> CleanedText | str:
    """Clean text or extract a page's article; return the reason instead when markup defeats the parser."""
    try:
        return html_to_text(text) if is_html else clean_text(text)
    except Exception as e:  # lxml and trafilatura raise many kinds on malformed markup
        what = "malformed HTML: cannot extract the text" if is_html else "cannot clean the text"
        return f"{what} ({type(e).__name__}: {e})"


def _read_text(path: Path) -> str | Rejection:
    """Read and decode a whole text or HTML file, or say why it cannot be."""
    where = _name(path)
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
    decoded = _decode(data, where)
    if isinstance(decoded, Rejection):
        return decoded
    text, encoding = decoded
    if not text.strip():
        return Rejection(where, f"empty file (nothing but whitespace when decoded as {encoding})")
    if _control_share(text) > _MAX_CONTROL_SHARE:
        return Rejection(where, f"binary content (control characters), not text (read as {encoding})")
    return text


def _binary_kind(data: bytes) -> str | None:
    """Name the binary format `data` starts with; None if it may be text."""
    return next((kind for magic, kind in _BINARY_MAGIC.items() if data.startswith(magic)), None)


def _wide_bom(data: bytes) -> str | None:
    return next((name for bom, name in _WIDE_BOMS if data.startswith(bom)), None)


def _wide_encoding(data: bytes) -> str | None:
    """The UTF-16/32 encoding of BOM-less text full of NUL bytes, as charset-normalizer detects it."""
    best = _detect(data)
    return best[0] if best and best[0].startswith(("utf_16", "utf_32")) else None


def _detect(data: bytes) -> tuple[str, str, float] | None:
    """charset-normalizer's best (encoding, text, coherence) for `data`, or None when nothing fits."""
    # Imported here: detection runs only for files that are not UTF-8.
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        return None
    encoding = "cp1252" if "cp1252" in best.could_be_from_charset else best.encoding
    try:
        return encoding, data.decode(encoding), best.coherence
    except (UnicodeDecodeError, LookupError):  # detection samples the file; the whole may not fit
        return None


def _decode(data: bytes, where: str) -> tuple[str, str] | Rejection:
    """Decode bytes into (text, encoding name), or say why they cannot be.

    In order: a UTF-16/32 byte-order mark, or UTF-16/32 detected (else NUL bytes mean binary); UTF-8
    (a UTF-8 mark is dropped); UTF-8 with a few bad bytes (replaced by U+FFFD, when valid multi-byte
    characters outnumber them); the charset a page declares; Windows-1252 for mostly-ASCII text;
    charset-normalizer's guess when it recognises a language.
    """
    wide = _wide_bom(data)
    head = data[:8192]
    if wide is None and b"\x00" in head:
        # UTF-16 without a byte-order mark is full of NUL bytes (every other byte, for Latin script);
        # a few NUL bytes, or any in a file marked as UTF-8, mean binary.
        if head.count(0) * _MIN_WIDE_NUL_SHARE >= len(head) and not data.startswith(codecs.BOM_UTF8):
            wide = _wide_encoding(data)
        if wide is None:
            return Rejection(where, "binary content (NUL bytes), not text")
    if wide:
        try:
            return data.decode(wide), wide.replace("_", "-")
        except UnicodeDecodeError as e:
            name = wide.upper().replace("_", "-")
            return Rejection(where, f"cannot decode as {name} (offset {e.start}); re-save the file as UTF-8")
    data = data.removeprefix(codecs.BOM_UTF8)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as e:
        utf8_error = e
    repaired = _mostly_utf8(data)
    if repaired is not None:
        return repaired, "utf-8 (invalid bytes replaced)"
    declared = _declared_charset(data)
    if declared:
        try:
            return data.decode(declared), declared
        except UnicodeDecodeError:
            pass
    if _ascii_share(data) >= _LATIN_ASCII_SHARE:
        try:
            return data.decode("cp1252"), "cp1252"
        except UnicodeDecodeError:
            pass  # one of its five unassigned bytes: some other code page
    detected = _detect(data)
    if detected and detected[2] >= _MIN_COHERENCE:
        return detected[1], detected[0]
    bad = data[utf8_error.start]
    guess = (
        f"; the best guess (charset-normalizer), {detected[0]}, is too uncertain to use" if detected else ""
    )
    return Rejection(
        where,
        f"cannot decode: not UTF-8 (byte 0x{bad:02x} at offset {utf8_error.start}) and no other encoding "
        f"fits{guess}; re-save the file as UTF-8",
    )


def _mostly_utf8(data: bytes) -> str | None:
    """UTF-8 text with a few corrupt bytes (a truncated or spliced file), repaired; None if it is not."""
    text = data.decode("utf-8", "replace")
    bad = text.count("\ufffd") - data.count("\ufffd".encode())
    valid = sum(1 for ch in text if ord(ch) > 127) - text.count("\ufffd")
    return text if valid > bad else None


def _declared_charset(data: bytes) -> str | None:
    """The charset a page declares in `<meta charset>` or its XML declaration, if Python knows it."""
    m = _DECLARED_CHARSET.search(data[:8192])
    if m is None:
        return None
    label = (m.group(1) or m.group(2)).decode("ascii").lower()
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    # Only a single- or multi-byte ASCII-compatible charset can be declared inside the text itself.
    return None if name.startswith(("utf-16", "utf-32", "utf-8")) else name


def _ascii_share(data: bytes) -> float:
    sample = _MARKUP.sub(b"", data[:65536]) or data[:65536]
    return 1 - len(sample.translate(None, _ASCII)) / len(sample)


def _control_share(text: str) -> float:
    sample = text[:8192]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\n\r\f")
    return controls / max(len(sample), 1)


def _read_jsonl(path: Path, defaults: _Defaults) -> Iterator[tuple[Document | Rejection, int | None]]:
    """Yield a Document or Rejection per non-blank line of a JSONL batch, streaming the file."""
    where = _name(path)
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
        binary = _binary_kind(head) or ("NUL bytes" if b"\x00" in head and _wide_bom(head) is None else None)
        if binary:
            reason = f"binary content ({binary}), not JSON Lines (UTF-8, or UTF-16 with a byte-order mark)"
            yield Rejection(where, reason), None
            return
        for number, raw in _jsonl_lines(handle, where, _wide_bom(head)):
            if isinstance(raw, Rejection):
                seen_any = True
                yield raw, raw.line
                continue
            if not raw.strip():
                continue
            seen_any = True
            yield _jsonl_line(raw, path, number, defaults, guess), number
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


def _jsonl_line(
    raw: bytes, path: Path, number: int, defaults: _Defaults, guess: list[str]
) -> Document | Rejection:
    where = _name(path)
    try:
        line = raw.decode("utf-8").rstrip("\r\n")
    except UnicodeDecodeError as e:
        if not guess:
            detected = _detect(raw)
            guess.append(f"; it looks like {detected[0]}" if detected else "")
        return Rejection(
            where,
            f"line is not UTF-8 (byte 0x{raw[e.start]:02x} at column {e.start + 1}{guess[0]}); "
            "JSON Lines must be UTF-8: re-save the file as UTF-8",
            number,
        )
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as e:
        return Rejection(where, f"bad JSON: {e.msg} at column {e.pos + 1}", number)
    except (ValueError, RecursionError) as e:  # an integer of >4300 digits; nesting deeper than the stack
        return Rejection(where, f"bad JSON: {type(e).__name__}: {e}", number)
    if not isinstance(obj, dict):
        return Rejection(where, f"expected a JSON object, got {type(obj).__name__}", number)
    raw_id = obj.get("id")
    if isinstance(raw_id, bool) or not isinstance(raw_id, str | int) or not str(raw_id).strip():
        reason = (
            "missing 'id'" if raw_id in (None, "") else f"'id' must be a string or integer, got {raw_id!r}"
        )
        return Rejection(where, reason, number)
    fields: dict[str, str] = {"id": str(raw_id).strip()}
    for name in ("text", "html", "title", "url", "outlet", "published", "language"):
        value = obj.get(name)
        if value is None:
            continue
        if not isinstance(value, str):
            return Rejection(where, f"'{name}' must be a string, got {type(value).__name__}", number)
        fields[name] = value
    for name, value in fields.items():
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as e:
            return Rejection(
                where,
                f"'{name}' holds an unpaired surrogate (\\u{ord(value[e.start]):04x} at character "
                f"{e.start}), which is not text; fix the program that wrote the file",
                number,
            )
    published: dt.date | None = None
    if fields.get("published", "").strip():
        published = _iso_date(fields["published"])
        if published is None:
            return Rejection(
                where,
                f"bad date in 'published': {fields['published']!r}; use an ISO date (2020-06-07) or datetime",
                number,
            )
        bad_date = _implausible(published, "'published'")
        if bad_date:
            return Rejection(where, bad_date, number)
    if fields.get("text", "").strip():
        if _control_share(fields["text"]) > _MAX_CONTROL_SHARE:
            return Rejection(where, "'text' is mostly control characters, not text", number)
        cleaned = _clean(fields["text"], is_html=False)
        is_html = False
    elif fields.get("html", "").strip():
        cleaned = _clean(fields["html"], is_html=True)
        is_html = True
    else:
        return Rejection(where, "missing 'text' (or 'html')", number)
    if isinstance(cleaned, str):
        return Rejection(where, cleaned, number)
    bad_date = None if published else _implausible(cleaned.published, "the text's publication date")
    if bad_date:
        return Rejection(where, bad_date, number)
    given = {k: v for k, v in fields.items() if k in ("title", "url", "outlet", "language") and v.strip()}
    return _document(
        fields["id"],
        cleaned,
        given,
        defaults,
        f"{where}:{number}",
        (where, number),
        published,
        is_html=is_html,
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


def _implausible(day: dt.date | None, what: str) -> str | None:
    """Say why a publication date cannot be right (before 1900, or in the future), or None."""
    if day is None:
        return None
    # A day's grace: a report dated in a time zone ahead of this machine's.
    latest = dt.date.today() + dt.timedelta(days=1)
    if EARLIEST_PUBLISHED <= day <= latest:
        return None
    when = "in the future" if day > latest else f"before {EARLIEST_PUBLISHED.year}"
    return f"bad date in {what}: {day.isoformat()} is {when}; check the date"


def _document(
    doc_id: str,
    cleaned: CleanedText,
    given: Mapping[str, str],
    defaults: _Defaults,
    path: str,
    where: tuple[str, int | None],
    published: dt.date | None = None,
    *,
    is_html: bool = False,
) -> Document | Rejection:
    """Build the Document: what the input states first, then what cleaning found, then the CLI defaults."""
    if not cleaned.text:
        reason = (
            "no article text found in the HTML (only markup, scripts or boilerplate, or too malformed)"
            if is_html
            else "no article text left after removing markup and boilerplate"
        )
        return Rejection(where[0], reason, where[1])
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
