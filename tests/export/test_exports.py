"""Tests for the JSONL, ACLED CSV and GeoJSON exports."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest

from polemos.export import FORMATS, write_events
from polemos.export.acled_csv import COLUMNS, acled_region
from polemos.model import Actor, DatePoint, Event, Evidence, Place, Source, TimePrecision
from polemos.record_reader import event_from_record
from polemos.taxonomy import SubEventType

HAFTAR = Actor("Military Forces of Libya (2014-) Haftar Faction", 1, "Libya")
DMSC = Actor("Shura Council of Darnah Mujahidin", 3)
CIVILIANS = Actor("Civilians (Libya)", 7)
TIMESTAMP = 1_700_000_000
SENTENCE = "Libyan army forces entered Derna on Monday, a media centre said."


def _event(event_id: str, *, place: bool = True, actor2: Actor | None = DMSC, notes: str = "") -> Event:
    return Event(
        event_id=event_id,
        sub_event_type=SubEventType.GOVERNMENT_REGAINS_TERRITORY if actor2 is DMSC else SubEventType.ATTACK,
        date=DatePoint(dt.date(2018, 6, 4), TimePrecision.DAY, "on Monday", 33, 42),
        actor1=HAFTAR,
        actor2=actor2,
        place=Place("Derna", 32.764812, 22.636701, "Libya", "Darnah", "Derna District") if place else None,
        fatalities=3,
        notes=notes or "On 4 June 2018, the LNA entered Derna – “Darnah”.",
        sources=(
            Source("000", SENTENCE, 0, len(SENTENCE), outlet="thenational.ae"),
            Source("001", SENTENCE, 0, len(SENTENCE), outlet="Libya Observer"),
        ),
        assoc_actor_1=("Saiqa Forces", "Tribal fighters"),
        evidence=(Evidence("location", "Derna", "000", SENTENCE, 26, 31, "Derna", "gazetteer"),),
    )


EVENTS = [_event("LBY-1"), _event("LBY-2", place=False), _event("LBY-3", actor2=CIVILIANS)]


def _export(fmt: str, events: list[Event] = EVENTS) -> tuple[int, str]:
    out = io.StringIO(newline="")
    written = write_events(events, fmt, out, timestamp=TIMESTAMP)
    return written, out.getvalue()


def test_formats() -> None:
    assert FORMATS == ("jsonl", "acled-csv", "geojson")


def test_write_events_unknown_format() -> None:
    with pytest.raises(
        ValueError, match="unknown export format 'xlsx'; choose one of jsonl, acled-csv, geojson"
    ):
        write_events(EVENTS, "xlsx", io.StringIO())


def test_jsonl_one_record_per_line_round_trips() -> None:
    written, text = _export("jsonl")
    assert written == 3
    lines = text.splitlines()
    assert len(lines) == 3 and text.endswith("\n")
    assert "–" in lines[0] and "“Darnah”" in lines[0]  # UTF-8, not \\u escapes
    records = [json.loads(line) for line in lines]
    assert [event_from_record(r) for r in records] == EVENTS
    first = records[0]
    # what shared/tools/score_events.py reads
    assert first["sources"][0]["document_id"] == "000"
    assert (first["event_date"], first["event_type"], first["sub_event_type"]) == (
        "2018-06-04",
        "Battles",
        "Government regains territory",
    )
    assert (first["actor1"], first["inter1"], first["fatalities"]) == (HAFTAR.name, 1, 3)
    assert (first["latitude"], first["longitude"], first["confidence"]) == (32.7648, 22.6367, 0.5)


def test_jsonl_empty() -> None:
    assert _export("jsonl", []) == (0, "")


def test_acled_csv_header_and_values() -> None:
    written, text = _export("acled-csv")
    assert written == 3
    reader = csv.DictReader(io.StringIO(text, newline=""))
    assert tuple(reader.fieldnames or ()) == COLUMNS
    assert len(COLUMNS) == 31
    rows = list(reader)
    assert len(rows) == 3
    row = rows[0]
    assert row["event_id_cnty"] == "LBY-1"
    assert row["event_date"] == "2018-06-04" and row["year"] == "2018" and row["time_precision"] == "1"
    assert row["disorder_type"] == "Political violence"
    assert (row["event_type"], row["sub_event_type"]) == ("Battles", "Government regains territory")
    assert (row["actor1"], row["assoc_actor_1"], row["inter1"]) == (
        HAFTAR.name,
        "Saiqa Forces; Tribal fighters",
        "1",
    )
    assert (row["actor2"], row["assoc_actor_2"], row["inter2"], row["interaction"]) == (
        DMSC.name,
        "",
        "3",
        "13",
    )
    assert row["civilian_targeting"] == ""
    assert (row["iso"], row["region"], row["country"]) == ("LBY", "Northern Africa", "Libya")
    assert (row["admin1"], row["admin2"], row["admin3"]) == ("Darnah", "Derna District", "")
    assert (row["location"], row["latitude"], row["longitude"], row["geo_precision"]) == (
        "Derna",
        "32.7648",
        "22.6367",
        "1",
    )
    assert row["source"] == "thenational.ae; Libya Observer"
    assert (row["source_scale"], row["tags"]) == ("", "")
    assert row["notes"] == "On 4 June 2018, the LNA entered Derna – “Darnah”."
    assert row["fatalities"] == "3"
    assert row["timestamp"] == str(TIMESTAMP)
    no_place, civilians = rows[1], rows[2]
    assert (no_place["latitude"], no_place["longitude"], no_place["iso"], no_place["region"]) == (
        "",
        "",
        "",
        "",
    )
    assert (civilians["inter2"], civilians["interaction"]) == ("7", "17")
    assert civilians["civilian_targeting"] == "Civilians targeted"
    assert civilians["event_type"] == "Violence against civilians"


def test_acled_csv_quotes_notes_with_commas_quotes_and_newlines() -> None:
    notes = 'He said: "we, the army,\nwill enter Derna".'
    _, text = _export("acled-csv", [_event("LBY-9", notes=notes)])
    (row,) = csv.DictReader(io.StringIO(text, newline=""))
    assert row["notes"] == notes


def test_acled_csv_timestamp_defaults_to_now() -> None:
    out = io.StringIO(newline="")
    write_events(EVENTS[:1], "acled-csv", out)
    (row,) = csv.DictReader(io.StringIO(out.getvalue(), newline=""))
    assert abs(int(row["timestamp"]) - int(dt.datetime.now(dt.UTC).timestamp())) < 60


@pytest.mark.parametrize(
    ("iso3", "region"),
    [
        ("LBY", "Northern Africa"),
        ("SOM", "Eastern Africa"),
        ("SYR", "Middle East"),
        ("AFG", "South Asia"),
        ("UKR", "Europe"),
        ("HTI", "Caribbean"),
        ("", ""),
        ("XXX", ""),
    ],
)
def test_acled_region(iso3: str, region: str) -> None:
    assert acled_region(iso3) == region


def test_geojson_feature_collection() -> None:
    written, text = _export("geojson")
    assert written == 2
    collection = json.loads(text)
    assert collection["type"] == "FeatureCollection"
    assert collection["skipped_without_coordinates"] == 1
    features = collection["features"]
    assert [f["id"] for f in features] == ["LBY-1", "LBY-3"]
    for feature in features:
        assert feature["type"] == "Feature"
        geometry = feature["geometry"]
        assert geometry["type"] == "Point"
        lon, lat = geometry["coordinates"]
        assert (lon, lat) == (22.6367, 32.7648)  # longitude first
        assert -180 <= lon <= 180 and -90 <= lat <= 90
        props = feature["properties"]
        assert "evidence" not in props
        assert props["event_id"] == feature["id"]
        assert props["sources"][0]["document_id"] == "000"
        assert props["location"] == "Derna"


def test_geojson_empty() -> None:
    written, text = _export("geojson", [])
    assert written == 0
    assert json.loads(text) == {"type": "FeatureCollection", "features": [], "skipped_without_coordinates": 0}
