"""Build Documents from what an input holds (sources.py reads the files): a cleaned text or HTML file, or one
line of a JSON Lines batch, with metadata from the input first, then from cleaning, then the CLI defaults.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from polemos.model import Document, Rejection
from polemos.source_decoding import MAX_CONTROL_SHARE, control_share, detect_encoding
from polemos.stages.clean import CleanedText, clean_text, html_to_text

EARLIEST_PUBLISHED = dt.date(1900, 1, 1)
"""Publication dates before this are typing errors ("0202-06-07"), not news archives polemos codes."""


@dataclass(frozen=True)
class Defaults:
    """Metadata given on the command line: used only where the input itself says nothing."""

    published: dt.date | None
    outlet: str | None
    url: str | None


def path_name(path: Path | str) -> str:
    """The path as text that can be printed and stored: bytes of a non-UTF-8 file name become U+FFFD."""
    return os.fsencode(path).decode("utf-8", "replace")


def clean_input(text: str, *, is_html: bool) -> CleanedText | str:
    """Clean text or extract a page's article; return the reason instead when markup defeats the parser."""
    try:
        return html_to_text(text) if is_html else clean_text(text)
    except Exception as e:  # lxml and trafilatura raise many kinds on malformed markup
        what = "malformed HTML: cannot extract the text" if is_html else "cannot clean the text"
        return f"{what} ({type(e).__name__}: {e})"


def jsonl_document(
    raw: bytes, path: Path, number: int, defaults: Defaults, guess: list[str]
) -> Document | Rejection:
    """Build the Document one JSONL line holds, or say why it cannot be; `guess` carries the file's encoding
    guess from its first non-UTF-8 line to the next."""
    where = path_name(path)
    try:
        line = raw.decode("utf-8").rstrip("\r\n")
    except UnicodeDecodeError as e:
        if not guess:
            detected = detect_encoding(raw)
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
        bad_date = implausible(published, "'published'")
        if bad_date:
            return Rejection(where, bad_date, number)
    if fields.get("text", "").strip():
        if control_share(fields["text"]) > MAX_CONTROL_SHARE:
            return Rejection(where, "'text' is mostly control characters, not text", number)
        cleaned = clean_input(fields["text"], is_html=False)
        is_html = False
    elif fields.get("html", "").strip():
        cleaned = clean_input(fields["html"], is_html=True)
        is_html = True
    else:
        return Rejection(where, "missing 'text' (or 'html')", number)
    if isinstance(cleaned, str):
        return Rejection(where, cleaned, number)
    bad_date = None if published else implausible(cleaned.published, "the text's publication date")
    if bad_date:
        return Rejection(where, bad_date, number)
    given = {k: v for k, v in fields.items() if k in ("title", "url", "outlet", "language") and v.strip()}
    return build_document(
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


def implausible(day: dt.date | None, what: str) -> str | None:
    """Say why a publication date cannot be right (before 1900, or in the future), or None."""
    if day is None:
        return None
    # A day's grace: a report dated in a time zone ahead of this machine's.
    latest = dt.date.today() + dt.timedelta(days=1)
    if EARLIEST_PUBLISHED <= day <= latest:
        return None
    when = "in the future" if day > latest else f"before {EARLIEST_PUBLISHED.year}"
    return f"bad date in {what}: {day.isoformat()} is {when}; check the date"


def build_document(
    doc_id: str,
    cleaned: CleanedText,
    given: Mapping[str, str],
    defaults: Defaults,
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
