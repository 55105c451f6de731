"""Tests for Event <-> flat record (the JSONL export layout, also what the store keeps)."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from polemos.model import (
    Actor,
    DatePoint,
    Event,
    Evidence,
    FatalityClaim,
    GeoPrecision,
    Place,
    Source,
    TimePrecision,
)
from polemos.record_reader import event_from_record
from polemos.records import country_iso3, event_to_record
from polemos.taxonomy import SubEventType

HAFTAR = Actor("Military Forces of Libya (2014-) Haftar Faction", 1, "Libya")
DMSC = Actor("Shura Council of Darnah Mujahidin", 3)
DERNA = Place(
    name="Derna",
    latitude=32.76476,
    longitude=22.63671,
    country="Libya",
    admin1="Darnah",
    admin2=None,
    geo_precision=GeoPrecision.TOWN,
    geonames_id=87205,
    feature="P",
    reason="only candidate in Libya",
    candidates=("Derna (Libya, 87205)", "Dernah (Libya, 1)"),
    start=120,
    end=125,
)
SENTENCE = "Libyan army forces, led by the country's strongman Khalifa Haftar, on Monday entered Derna"


def _evidence(field: str, value: str, start: int, end: int) -> Evidence:
    return Evidence(field, value, "000", SENTENCE, start, end, SENTENCE[start:end], f"rule:{field}", 0.8)


def full_event() -> Event:
    return Event(
        event_id="polemos-000-1",
        sub_event_type=SubEventType.GOVERNMENT_REGAINS_TERRITORY,
        date=DatePoint(dt.date(2018, 6, 4), TimePrecision.DAY, "on Monday", 70, 79, "weekday:same-day"),
        actor1=HAFTAR,
        actor2=DMSC,
        place=DERNA,
        fatalities=4,
        notes="On 4 June 2018, the LNA entered Derna.",
        sources=(
            Source("000", SENTENCE, 7, 95, "https://x.test/1", "thenational.ae", dt.date(2018, 6, 4)),
            Source("009", "LNA forces entered Derna.", 0, 25),
            Source("010", "The LNA entered Derna.", 0, 22, outlet="thenational.ae"),
        ),
        assoc_actor_1=("Saiqa Forces", "Derna Protection Force"),
        assoc_actor_2=(),
        fatality_claims=(
            FatalityClaim(
                4, "four soldiers were killed", 10, 35, "a field hospital doctor", "soldiers", False, "num"
            ),
            FatalityClaim(1, "one of its fighters", 40, 59, "the DMSC", is_minimum=True),
        ),
        # interleaved fields: the order must survive grouping by field
        evidence=(
            _evidence("event_type", "Battles", 70, 86),
            _evidence("actor1", HAFTAR.name, 0, 19),
            _evidence("event_type", "Battles", 80, 87),
        ),
        confidence=0.85,
        flags=("pro-LNA-framing",),
    )


def bare_event() -> Event:
    return Event(
        event_id="e-bare",
        sub_event_type=SubEventType.OTHER,
        date=None,
        actor1=None,
        actor2=None,
        place=None,
        fatalities=0,
        notes="",
        sources=(),
    )


def test_event_to_record_acled_columns() -> None:
    record = event_to_record(full_event())
    assert record["event_date"] == "2018-06-04"
    assert record["year"] == 2018
    assert record["time_precision"] == 1
    assert record["disorder_type"] == "Political violence"
    assert record["event_type"] == "Battles"
    assert record["sub_event_type"] == "Government regains territory"
    assert record["actor1"] == HAFTAR.name
    assert record["assoc_actor_1"] == "Saiqa Forces; Derna Protection Force"
    assert (record["inter1"], record["inter2"], record["interaction"]) == (1, 3, 13)
    assert record["civilian_targeting"] == ""
    assert (record["iso"], record["country"], record["admin1"], record["admin3"]) == (
        "LBY",
        "Libya",
        "Darnah",
        "",
    )
    assert (record["location"], record["latitude"], record["longitude"]) == ("Derna", 32.7648, 22.6367)
    assert record["geo_precision"] == 1
    assert record["source"] == "thenational.ae; 009"
    assert (record["source_scale"], record["tags"], record["fatalities"]) == ("", "", 4)
    assert record["sources"] == [
        {
            "document_id": "000",
            "url": "https://x.test/1",
            "outlet": "thenational.ae",
            "published": "2018-06-04",
            "sentence": SENTENCE,
            "start": 7,
            "end": 95,
        },
        {
            "document_id": "009",
            "url": None,
            "outlet": None,
            "published": None,
            "sentence": "LNA forces entered Derna.",
            "start": 0,
            "end": 25,
        },
        {
            "document_id": "010",
            "url": None,
            "outlet": "thenational.ae",
            "published": None,
            "sentence": "The LNA entered Derna.",
            "start": 0,
            "end": 22,
        },
    ]
    evidence = record["evidence"]
    assert isinstance(evidence, dict)
    assert list(evidence) == ["event_type", "actor1"]
    assert evidence["actor1"][0]["rule"] == "rule:actor1"
    assert record["is_background"] is False
    assert record["confidence"] == 0.85
    assert record["flags"] == ["pro-LNA-framing"]
    assert record["place"] == {
        "geonames_id": 87205,
        "feature": "P",
        "reason": "only candidate in Libya",
        "candidates": ["Derna (Libya, 87205)", "Dernah (Libya, 1)"],
        "start": 120,
        "end": 125,
        "latitude": 32.76476,
        "longitude": 22.63671,
    }


def test_event_to_record_civilian_targeting_when_actor2_is_civilians() -> None:
    event = full_event()
    civilians = Actor("Civilians (Libya)", 7)
    record = event_to_record(
        Event(**{**event.__dict__, "actor2": civilians, "sub_event_type": SubEventType.ATTACK})
    )
    assert record["civilian_targeting"] == "Civilians targeted"
    assert record["interaction"] == 17
    assert record["disorder_type"] == "Political violence"


def test_event_to_record_bare_event_has_nulls_not_guesses() -> None:
    record = event_to_record(bare_event())
    assert record["event_date"] is None and record["year"] is None and record["time_precision"] is None
    assert record["actor1"] == "" and record["inter1"] is None and record["interaction"] == 0
    assert record["latitude"] is None and record["longitude"] is None and record["geo_precision"] is None
    assert record["location"] == "" and record["country"] == "" and record["iso"] == ""
    assert record["place"] is None and record["date_expression"] is None
    assert record["disorder_type"] == "Strategic developments"
    assert record["is_background"] is False


@pytest.mark.parametrize("make", [full_event, bare_event])
def test_event_record_round_trip(make: object) -> None:
    assert callable(make)
    event = make()
    assert event_from_record(event_to_record(event)) == event
    assert event_from_record(json.loads(json.dumps(event_to_record(event)))) == event


def test_event_record_round_trip_background_date() -> None:
    date = DatePoint(dt.date(2014, 11, 15), TimePrecision.MONTH, "In November 2014", 3, 19, "month", True)
    event = Event(**{**full_event().__dict__, "date": date})
    record = event_to_record(event)
    assert record["is_background"] is True and record["time_precision"] == 3
    assert event_from_record(record) == event


@pytest.mark.parametrize(
    ("country", "iso3"),
    [
        ("Libya", "LBY"),
        ("libya ", "LBY"),
        ("Democratic Republic of Congo", "COD"),
        ("Palestine", "PSE"),
        ("X", ""),
    ],
)
def test_country_iso3(country: str, iso3: str) -> None:
    assert country_iso3(country) == iso3


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"sub_event_type": "Skirmish"}, "unknown sub_event_type"),
        ({"event_type": "Riots"}, "does not match"),
        ({"event_id": None}, "'event_id' must be a string"),
        ({"fatalities": "4"}, "'fatalities' must be an integer"),
        ({"fatalities": True}, "'fatalities' must be an integer"),
        ({"event_date": "4 June"}, "not an ISO date"),
        ({"inter1": None}, "has no inter1"),
        ({"latitude": "32.7"}, "'latitude' must be a number"),
        ({"time_precision": 9}, "not a valid TimePrecision"),
        ({"sources": [1]}, "'sources' must be a list of objects"),
        ({"evidence": {"actor1": "x"}}, "must be a list"),
        ({"flags": "a"}, "'flags' must be a list of strings"),
    ],
)
def test_event_from_record_rejects_malformed_records(change: dict[str, object], message: str) -> None:
    record = {**event_to_record(full_event()), **change}
    with pytest.raises(ValueError, match=message):
        event_from_record(record)


def test_event_from_record_reads_a_record_without_polemos_extras() -> None:
    record = {
        k: v
        for k, v in event_to_record(full_event()).items()
        if k not in {"place", "date_expression", "evidence", "sources", "fatality_claims", "flags"}
    }
    event = event_from_record(record)
    assert event.place is not None and event.place.latitude == 32.7648 and event.place.feature == "P"
    assert event.date is not None and event.date.date == dt.date(2018, 6, 4) and event.date.start == -1
    assert event.sources == () and event.evidence == ()


# --- Hypothesis -------------------------------------------------------------------------------------------

_text = st.text(alphabet=st.characters(codec="utf-8"), max_size=30)
# ACLED actor names never contain ";" (it joins associated actors) nor start or end with spaces.
_name = st.text(
    alphabet=st.characters(codec="utf-8", exclude_characters=";"), min_size=1, max_size=20
).filter(lambda s: s == s.strip() and bool(s))
_opt_text = st.none() | _text
_offset = st.integers(min_value=-1, max_value=10**6)
_date = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31))
_float = st.floats(allow_nan=False, allow_infinity=False)

_actors = st.builds(Actor, name=_name, inter=st.integers(1, 8), country=st.none() | _name)
_places = st.builds(
    Place,
    name=_text,
    latitude=st.floats(-90, 90),
    longitude=st.floats(-180, 180),
    country=_text,
    admin1=_opt_text,
    admin2=_opt_text,
    geo_precision=st.sampled_from(GeoPrecision),
    geonames_id=st.none() | st.integers(0, 2**40),
    feature=_text,
    reason=_text,
    candidates=st.lists(_text, max_size=3).map(tuple),
    start=_offset,
    end=_offset,
)
_dates = st.builds(
    DatePoint,
    date=_date,
    precision=st.sampled_from(TimePrecision),
    expression=_text,
    start=_offset,
    end=_offset,
    rule=_text,
    is_background=st.booleans(),
)
_sources = st.builds(
    Source,
    document_id=_text,
    sentence=_text,
    start=_offset,
    end=_offset,
    url=_opt_text,
    outlet=_opt_text,
    published=st.none() | _date,
)
_evidence_st = st.builds(
    Evidence,
    field=st.sampled_from(["event_type", "actor1", "actor2", "location", "event_date", "fatalities", ""]),
    value=_text,
    document_id=_text,
    sentence=_text,
    start=_offset,
    end=_offset,
    text=_text,
    rule=_text,
    confidence=_float,
)
_claims = st.builds(
    FatalityClaim,
    count=st.integers(0, 10**6),
    text=_text,
    start=_offset,
    end=_offset,
    claimant=_opt_text,
    victims=_opt_text,
    is_minimum=st.booleans(),
    rule=_text,
)
events = st.builds(
    Event,
    event_id=_text,
    sub_event_type=st.sampled_from(SubEventType),
    date=st.none() | _dates,
    actor1=st.none() | _actors,
    actor2=st.none() | _actors,
    place=st.none() | _places,
    fatalities=st.integers(0, 10**6),
    notes=_text,
    sources=st.lists(_sources, max_size=3).map(tuple),
    assoc_actor_1=st.lists(_name, max_size=3).map(tuple),
    assoc_actor_2=st.lists(_name, max_size=3).map(tuple),
    fatality_claims=st.lists(_claims, max_size=3).map(tuple),
    evidence=st.lists(_evidence_st, max_size=5).map(tuple),
    confidence=_float,
    flags=st.lists(_text, max_size=3).map(tuple),
)


@given(events)
def test_event_record_round_trip_any_event(event: Event) -> None:
    assert event_from_record(event_to_record(event)) == event


@given(events)
def test_event_record_round_trip_through_json(event: Event) -> None:
    line = json.dumps(event_to_record(event), ensure_ascii=False, allow_nan=False)
    assert event_from_record(json.loads(line)) == event
