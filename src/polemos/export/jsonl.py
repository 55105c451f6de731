"""JSONL export: one event record (ACLED columns plus evidence and provenance) per line, UTF-8.

This is polemos's lossless export: `records.event_from_record` rebuilds each Event from its line, and
the independent scorer (shared/tools/score_events.py) reads it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TextIO

from polemos.model import Event
from polemos.records import event_to_record


def write_jsonl(events: Iterable[Event], out: TextIO) -> int:
    """Write one JSON record per event to `out`; return the number written."""
    written = 0
    for event in events:
        # allow_nan=False: NaN is not JSON, and a reader in another language would reject the file.
        out.write(json.dumps(event_to_record(event), ensure_ascii=False, allow_nan=False))
        out.write("\n")
        written += 1
    return written
