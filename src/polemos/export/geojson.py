"""GeoJSON export: a FeatureCollection of Point features, one per event that has coordinates.

For maps and GIS tools. Properties are the event's record without its evidence (which is bulky and
nested); events without a resolved place are skipped and their number is written as a foreign member,
`skipped_without_coordinates`, which RFC 7946 allows.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import TextIO

from polemos.model import Event
from polemos.records import event_to_record


def write_geojson(
    events: Iterable[Event], out: TextIO, *, extras: Mapping[str, Mapping[str, object]] | None = None
) -> int:
    """Write events as a GeoJSON FeatureCollection to `out`; return the number of features written."""
    written = skipped = 0
    out.write('{"type": "FeatureCollection", "features": [')
    for event in events:
        record = event_to_record(event)
        record.update((extras or {}).get(event.event_id, {}))
        lat, lon = record["latitude"], record["longitude"]
        if lat is None or lon is None:
            skipped += 1
            continue
        del record["evidence"]
        feature = {
            "type": "Feature",
            "id": event.event_id,
            "geometry": {"type": "Point", "coordinates": [lon, lat]},  # GeoJSON order: longitude first
            "properties": record,
        }
        out.write(",\n" if written else "\n")
        out.write(json.dumps(feature, ensure_ascii=False, allow_nan=False))
        written += 1
    out.write(f'\n], "skipped_without_coordinates": {skipped}}}\n')
    return written
