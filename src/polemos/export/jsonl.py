"""JSONL export: one event record (ACLED columns plus evidence and provenance) per line, UTF-8.

This is polemos's lossless export: `record_reader.event_from_record` rebuilds each Event from its line, and
the independent scorer (shared/tools/score_events.py) reads it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import TextIO

from polemos.model import Event
from polemos.records import event_to_record


def write_jsonl(
    events: Iterable[Event], out: TextIO, *, extras: Mapping[str, Mapping[str, object]] | None = None
) -> int:
    """Write one JSON record per event to `out` (plus `extras[event_id]` fields); return how many."""
    written = 0
    for event in events:
        record = event_to_record(event)
        record.update((extras or {}).get(event.event_id, {}))
        # allow_nan=False: NaN is not JSON, and a reader in another language would reject the file.
        out.write(json.dumps(record, ensure_ascii=False, allow_nan=False))
        out.write("\n")
        written += 1
    return written
