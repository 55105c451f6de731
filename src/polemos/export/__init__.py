"""Exports: write stored events as JSONL (lossless), ACLED-layout CSV or GeoJSON.

The serve end of the pipeline: the CLI and the web app read events through the Store and hand them here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TextIO

from polemos.export.acled_csv import write_acled_csv
from polemos.export.geojson import write_geojson
from polemos.export.jsonl import write_jsonl
from polemos.model import Event

__all__ = ["FORMATS", "newest_first", "write_acled_csv", "write_events", "write_geojson", "write_jsonl"]

FORMATS = ("jsonl", "acled-csv", "geojson")


def newest_first(events: Iterable[Event]) -> list[Event]:
    """Events in the order the store serves them: newest first (undated last), then in report order."""

    def key(e: Event) -> tuple[bool, int, str, int, str]:
        start = min((s.start for s in e.sources), default=0)
        doc = e.sources[0].document_id if e.sources else ""
        return (e.date is None, -(e.date.date.toordinal() if e.date else 0), doc, start, e.event_id)

    return sorted(events, key=key)


def write_events(
    events: Iterable[Event],
    fmt: str,
    out: TextIO,
    *,
    timestamp: int | None = None,
    extras: Mapping[str, Mapping[str, object]] | None = None,
) -> int:
    """Write events to `out` in format `fmt` (one of FORMATS); return the number of events written.

    `extras` adds fields per event id to JSONL/GeoJSON records (e.g. corroboration's fatality range).
    `timestamp` (unix seconds) fills the ACLED CSV's timestamp column; it defaults to now. GeoJSON skips
    events without coordinates, so it may write fewer than it was given.
    """
    if fmt == "jsonl":
        return write_jsonl(events, out, extras=extras)
    if fmt == "acled-csv":
        return write_acled_csv(events, out, timestamp=timestamp)
    if fmt == "geojson":
        return write_geojson(events, out, extras=extras)
    raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
