"""Places inherited from an earlier sentence: a sentence that names no place is coded at the place named
before it, marked `inherited`, and such a place never keeps two mentions of one event apart."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from polemos.model import (
    Actor,
    DatePoint,
    Document,
    Event,
    EventMention,
    GeoPrecision,
    Place,
    Source,
    Span,
    TimePrecision,
)
from polemos.stages.aggregate import aggregate
from polemos.stages.event_groups import same_place
from polemos.storage import SqliteStore
from polemos.taxonomy import SubEventType

SIRTE = Place("Sirte", 31.2089, 16.5887, "Libya")
DERNA = Place("Darnah", 32.767, 22.6367, "Libya")


@pytest.mark.parametrize("inherited_side", ["a", "b"])
def test_same_place_treats_an_inherited_place_as_compatible_with_any_place(inherited_side: str) -> None:
    assert not same_place(SIRTE, DERNA)
    far = dataclasses.replace(DERNA, inherited=True)
    assert same_place(far, SIRTE) if inherited_side == "a" else same_place(SIRTE, far)


def _mention(place: Place, at: int) -> EventMention:
    day = DatePoint(dt.date(2017, 3, 4), TimePrecision.DAY, rule="explicit")
    return EventMention(
        document_id="d",
        sub_event_type=SubEventType.ARMED_CLASH,
        trigger=Span(at, at + 7, "clashes"),
        sentence=Span(at, at + 20, "Clashes in a place."),
        actor1=Actor("Militia A", 3),
        actor2=Actor("Militia B", 3),
        place=place,
        date=day,
    )


def test_aggregate_merges_an_inherited_mention_and_codes_the_event_where_its_own_sentence_says() -> None:
    doc = Document(id="d", text="x" * 100)
    inherited = dataclasses.replace(DERNA, inherited=True)
    events = aggregate(doc, [_mention(inherited, 0), _mention(SIRTE, 40)], lambda claims: 0)
    assert len(events) == 1
    assert events[0].place is not None and events[0].place.name == "Sirte"


def test_aggregate_keeps_two_located_mentions_of_far_apart_places_apart() -> None:
    doc = Document(id="d", text="x" * 100)
    assert len(aggregate(doc, [_mention(DERNA, 0), _mention(SIRTE, 40)], lambda claims: 0)) == 2


def test_a_sentence_naming_no_place_is_coded_at_the_place_named_before(coder: Any) -> None:
    text = (
        "Clashes erupted in Sirte on 3 March between rival militias. "
        "On 4 March, an airstrike killed two fighters."
    )
    events = coder.code(Document(id="inherit", text=text, published=dt.date(2017, 3, 5)))
    strike = next(e for e in events if e.sub_event_type is SubEventType.AIR_DRONE_STRIKE)
    assert strike.place is not None and strike.place.name == "Sirte"
    assert strike.place.inherited and strike.place.geo_precision == GeoPrecision.TOWN
    # Its evidence quotes the sentence that names the place, not an empty span of the strike's sentence.
    where = next(ev for ev in strike.evidence if ev.field == "location")
    assert where.text == "Sirte" and where.sentence.startswith("Clashes erupted in Sirte")


def test_a_place_named_in_the_sentence_is_not_inherited(coder: Any) -> None:
    text = "Clashes erupted in Sirte on 3 March. On 4 March, an airstrike hit Derna, killing two fighters."
    events = coder.code(Document(id="own", text=text, published=dt.date(2017, 3, 5)))
    strike = next(e for e in events if e.sub_event_type is SubEventType.AIR_DRONE_STRIKE)
    assert strike.place is not None and strike.place.name == "Darnah" and not strike.place.inherited


def test_a_document_that_names_no_place_before_the_event_gets_none(coder: Any) -> None:
    text = "On 4 March, an airstrike killed two fighters. Officials in Sirte condemned it."
    events = coder.code(Document(id="none", text=text, published=dt.date(2017, 3, 5)))
    strike = next(e for e in events if e.sub_event_type is SubEventType.AIR_DRONE_STRIKE)
    assert strike.place is None or not strike.place.inherited


def test_an_event_at_an_inherited_place_round_trips_through_the_sqlite_store(tmp_path: Path) -> None:
    doc = Document(id="d", text="Clashes in Sirte. Two died.", published=dt.date(2017, 3, 5))
    place = dataclasses.replace(SIRTE, inherited=True, start=0, end=7)
    day = DatePoint(dt.date(2017, 3, 4), TimePrecision.DAY, rule="explicit")
    event = Event(
        "e1", SubEventType.ARMED_CLASH, day, None, None, place, 2, "", (Source("d", doc.text, 0, 27),)
    )
    with SqliteStore(tmp_path / "polemos.db") as store:
        store.save_document(doc, [event])
        back = store.event("e1")
    assert back == event and back.place is not None and back.place.name == "Sirte"
