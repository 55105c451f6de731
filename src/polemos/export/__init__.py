"""Exports: write stored events as JSONL (lossless), ACLED-layout CSV or GeoJSON.

The serve end of the pipeline: the CLI and the web app read events through the Store and hand them here.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TextIO

from polemos.export.acled_csv import write_acled_csv
from polemos.export.geojson import write_geojson
from polemos.export.jsonl import write_jsonl
from polemos.model import Event

__all__ = ["FORMATS", "write_acled_csv", "write_events", "write_geojson", "write_jsonl"]

FORMATS = ("jsonl", "acled-csv", "geojson")


def write_events(events: Iterable[Event], fmt: str, out: TextIO, *, timestamp: int | None = None) -> int:
    """Write events to `out` in format `fmt` (one of FORMATS); return the number of events written.

    `timestamp` (unix seconds) fills the ACLED CSV's timestamp column; it defaults to now. GeoJSON skips
    events without coordinates, so it may write fewer than it was given.
    """
    if fmt == "jsonl":
        return write_jsonl(events, out)
    if fmt == "acled-csv":
        return write_acled_csv(events, out, timestamp=timestamp)
    if fmt == "geojson":
        return write_geojson(events, out)
    raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
