"""The territorial control timeline: holders from "X controls Y" statements and territory-change events,
contests, lapses, place look-up, GeoJSON; end to end on the seeds."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from polemos.control import (
    CONTEST_LAPSE_DAYS,
    ControlInterval,
    Status,
    build_control_timeline,
    control_at,
    control_geojson,
    control_of,
    interval_to_json,
)
from polemos.knowledge.gazetteer import GazetteerEntry
from polemos.model import (
    Actor,
    DatePoint,
    Event,
    Evidence,
    GeoPrecision,
    Place,
    Relation,
    RelationKind,
    Source,
    TimePrecision,
)
from polemos.pipeline import ingest
from polemos.storage.sqlite import SqliteStore
from polemos.taxonomy import SubEventType

SEEDS = Path(__file__).parent / "fixtures" / "seeds"
LNA = "Military Forces of Libya (2014-) Haftar Faction"
GNA = "Military Forces of Libya (2016-) Government of National Accord"
DMSC = "Shura Council of Darnah Mujahidin"
DERNA = Place("Darnah", 32.767, 22.6367, "Libya")
DERNA_NEAR = Place("Darnah", 32.767, 22.6367, "Libya", geo_precision=GeoPrecision.NEAR)
D = dt.date(2018, 6, 4)


def _day(n: int) -> dt.date:
    return D + dt.timedelta(days=n)


def _says(
    holder: str, day: dt.date, doc: str = "d1", place: Place | None = DERNA, target: str = "Darnah"
) -> Relation:
    sentence = f"{target} is controlled by {holder}."
    ev = Evidence("relation", holder, doc, sentence, 0, len(sentence), sentence, "relation:controls")
    return Relation(holder, place.name if place else target, RelationKind.CONTROLS, doc, day, evidence=ev,
                    confidence=0.7, target_place=place)  # fmt: skip


def _takes(
    actor: str,
    day: dt.date,
    doc: str = "d2",
    *,
    place: Place = DERNA,
    sub: SubEventType = SubEventType.GOVERNMENT_REGAINS_TERRITORY,
    event_id: str = "E1",
) -> Event:
    sentence = f"{actor} entered {place.name}."
    return Event(
        event_id=event_id, sub_event_type=sub, date=DatePoint(day, TimePrecision.DAY), actor1=Actor(actor, 1),
        actor2=None, place=place, fatalities=0, notes=sentence,
        sources=(Source(doc, sentence, 0, len(sentence)),),
        evidence=(Evidence("event_type", sub.value, doc, sentence, 0, 7, "entered", "trigger:enter"),),
    )  # fmt: skip


def _states(intervals: list[ControlInterval]) -> list[tuple[str, Status, dt.date, dt.date | None]]:
    return [(i.actor, i.status, i.start, i.end) for i in intervals]


def test_control_new_holder_closes_the_previous_one() -> None:
    timeline = build_control_timeline([_says(DMSC, D, "d1"), _says(LNA, _day(20), "d2")], [])
    assert _states(timeline) == [(DMSC, Status.HOLDS, D, _day(19)), (LNA, Status.HOLDS, _day(20), None)]
    assert [i.actor for i in control_at(timeline, _day(19))] == [DMSC]
    assert [i.actor for i in control_at(timeline, _day(20))] == [LNA]
    assert control_at(timeline, _day(-1)) == []


def test_control_repeated_statements_extend_one_interval() -> None:
    timeline = build_control_timeline([_says(DMSC, D, "d1"), _says(DMSC, _day(30), "d2")], [])
    (only,) = timeline
    assert (only.start, only.end, only.last_reported) == (D, None, _day(30))
    assert [e.document_id for e in only.evidence] == ["d1", "d2"]


def test_control_takeover_contests_on_its_day_and_holds_from_the_next() -> None:
    timeline = build_control_timeline([_says(DMSC, _day(-10), "d1")], [_takes(LNA, D, "d2")])
    assert _states(timeline) == [
        (DMSC, Status.HOLDS, _day(-10), _day(0)),
        (LNA, Status.CONTESTS, D, D),
        (LNA, Status.HOLDS, _day(1), None),
    ]
    on_day = control_at(timeline, D)
    assert [(i.actor, i.status) for i in on_day] == [(DMSC, Status.HOLDS), (LNA, Status.CONTESTS)]


def test_control_entering_while_the_same_report_names_another_holder_only_contests() -> None:
    # Seed 000: "on Monday entered Derna" and "Derna is controlled by ... the Shura Council".
    timeline = build_control_timeline([_says(DMSC, D, "d1")], [_takes(LNA, D, "d1")])
    assert _states(timeline) == [
        (DMSC, Status.HOLDS, D, None),
        (LNA, Status.CONTESTS, D, _day(CONTEST_LAPSE_DAYS)),
    ]
    contest = next(i for i in timeline if i.status is Status.CONTESTS)
    assert contest.evidence[0].kind == "event" and contest.evidence[0].text == "entered"


def test_control_ground_taken_near_a_town_is_no_hold_of_it() -> None:
    timeline = build_control_timeline([], [_takes(LNA, D, place=DERNA_NEAR)])
    assert _states(timeline) == [(LNA, Status.CONTESTS, D, _day(CONTEST_LAPSE_DAYS))]


def test_control_contest_lapses_and_reopens() -> None:
    events = [
        _takes(LNA, D, place=DERNA_NEAR, event_id="E1"),
        _takes(LNA, _day(10), place=DERNA_NEAR, event_id="E2"),  # reaffirmed: one contest
        _takes(LNA, _day(100), place=DERNA_NEAR, event_id="E3"),  # long after: a new one
    ]
    timeline = build_control_timeline([], events)
    assert _states(timeline) == [
        (LNA, Status.CONTESTS, D, _day(10 + CONTEST_LAPSE_DAYS)),
        (LNA, Status.CONTESTS, _day(100), _day(100 + CONTEST_LAPSE_DAYS)),
    ]


def test_control_statement_of_the_same_day_confirms_a_takeover() -> None:
    # Seed 002: "liberated Tarhuna" on Friday, and the GNA said to control it from that day.
    timeline = build_control_timeline([_says(GNA, D, "d1")], [_takes(GNA, D, "d1")])
    (held,) = timeline
    assert (held.actor, held.status, held.start) == (GNA, Status.HOLDS, D)
    assert {e.kind for e in held.evidence} == {"statement", "event"}


def test_control_non_territorial_events_are_ignored() -> None:
    clash = _takes(LNA, D, sub=SubEventType.ARMED_CLASH)
    assert build_control_timeline([], [clash]) == []


class _Gazetteer:
    def lookup(self, name: str) -> list[GazetteerEntry]:
        if name != "Derna":
            return []
        return [GazetteerEntry(87205, "Darnah", "LY", "Libya", None, None, 32.767, 22.6367, 1, "P", "PPL")]

    def country(self, code_or_name: str) -> GazetteerEntry | None:
        return None

    def admin1_entries(self, country_code: str) -> list[GazetteerEntry]:
        return []


def test_control_of_a_place_by_any_of_its_names() -> None:
    timeline = build_control_timeline(
        [_says(DMSC, D)], [_takes(GNA, D, place=Place("Tarhuna", 32.4, 13.6, "Libya"))]
    )
    assert [i.place for i in control_of(timeline, "darnah")] == ["Darnah"]
    assert control_of(timeline, "Derna") == []
    assert [i.actor for i in control_of(timeline, "Derna", _Gazetteer())] == [DMSC]


def test_control_geojson_has_time_intervals_and_evidence() -> None:
    unplaced = _says(LNA, D, place=None, target="the east")
    timeline = build_control_timeline([_says(DMSC, D), unplaced], [_takes(LNA, _day(2))])
    data = control_geojson(timeline)
    assert data["type"] == "FeatureCollection" and data["skipped_without_coordinates"] == 1
    features = data["features"]
    assert isinstance(features, list)
    props = [f["properties"] for f in features]
    starts = {(p["status"], p["actor"], p["start"], p["end"]) for p in props}
    assert (Status.HOLDS.value, DMSC, D.isoformat(), _day(2).isoformat()) in starts
    assert (Status.HOLDS.value, LNA, _day(3).isoformat(), None) in starts
    assert features[0]["geometry"]["coordinates"] == [22.6367, 32.767]
    assert all(f["properties"]["evidence"] for f in features)
    json.dumps(data)  # serialisable as it is
    assert json.dumps(interval_to_json(timeline[0]))


# --- the seeds ------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_timeline(coder: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[list[ControlInterval]]:
    manifest = [
        json.loads(x) for x in (SEEDS / "manifest.jsonl").read_text(encoding="utf-8").splitlines() if x
    ]
    store = SqliteStore(tmp_path_factory.mktemp("control") / "polemos.db")
    for m in manifest:
        ingest([SEEDS / m["file"]], store, coder, published=dt.date.fromisoformat(m["published"]))
    # Per-document events here; the command reads corroborated ones (tests/test_corroboration.py).
    yield build_control_timeline(store.relations(), store.events())
    store.close()


def test_control_seeds_gna_holds_tarhuna_and_tripoli(seed_timeline: list[ControlInterval]) -> None:
    held = {
        (i.place, i.actor) for i in control_at(seed_timeline, dt.date(2020, 6, 7)) if i.status is Status.HOLDS
    }
    assert {("Tarhuna", GNA), ("Tripoli", GNA)} <= held
    tarhuna = next(i for i in seed_timeline if i.place == "Tarhuna")
    assert tarhuna.start == dt.date(2020, 6, 5)
    assert any("liberated the strategic city of Tarhuna" in e.sentence for e in tarhuna.evidence)


def test_control_seeds_dmsc_holds_derna_while_the_lna_enters(seed_timeline: list[ControlInterval]) -> None:
    derna = [i for i in control_at(seed_timeline, dt.date(2018, 6, 4)) if i.place == "Darnah"]
    assert [(i.actor, i.status) for i in derna] == [(DMSC, Status.HOLDS), (LNA, Status.CONTESTS)]
    holds, contests = derna
    assert any("Derna is controlled by" in e.text for e in holds.evidence)
    assert any("entered Derna" in e.sentence for e in contests.evidence)
