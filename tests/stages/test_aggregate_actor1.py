"""An event whose report names no initiator still gets an actor 1 (ACLED never leaves it empty): the
country's protesters, rioters or unidentified armed group, chosen after mentions are merged."""

from __future__ import annotations

import datetime as dt

from polemos.model import Actor, DatePoint, Document, EventMention, Place, Span, TimePrecision
from polemos.stages.aggregate import aggregate
from polemos.taxonomy import SubEventType

SIRTE = Place("Sirte", 31.2089, 16.5887, "Libya")
KANDAHAR = Place("Kandahar", 31.61, 65.71, "Afghanistan")
DOC = Document(id="d", text="x" * 200)


def _mention(
    sub: SubEventType, place: Place | None, at: int = 0, a1: Actor | None = None, a2: Actor | None = None
) -> EventMention:
    return EventMention(
        document_id="d",
        sub_event_type=sub,
        trigger=Span(at, at + 5, "event"),
        sentence=Span(at, at + 30, "Something happened somewhere."),
        actor1=a1,
        actor2=a2,
        place=place,
        date=DatePoint(dt.date(2017, 3, 4), TimePrecision.DAY, rule="explicit"),
    )


def _actor1(*mentions: EventMention) -> list[Actor | None]:
    return [e.actor1 for e in aggregate(DOC, mentions, lambda claims: 0)]


def test_an_event_with_no_named_initiator_gets_the_countrys_unidentified_armed_group() -> None:
    [event] = aggregate(DOC, [_mention(SubEventType.ARMED_CLASH, SIRTE)], lambda claims: 0)
    assert event.actor1 == Actor("Unidentified Armed Group (Libya)", 3, "LY")
    why = next(ev for ev in event.evidence if ev.field == "actor1")
    assert why.rule == "actor:unnamed-initiator" and why.value == event.actor1.name
    assert _actor1(_mention(SubEventType.NON_STATE_ACTOR_OVERTAKES_TERRITORY, KANDAHAR)) == [
        Actor("Unidentified Armed Group (Afghanistan)", 3, "AF")
    ]


def test_unnamed_protesters_and_rioters_are_the_countrys() -> None:
    assert _actor1(_mention(SubEventType.PEACEFUL_PROTEST, SIRTE)) == [Actor("Protesters (Libya)", 6, "LY")]
    assert _actor1(_mention(SubEventType.VIOLENT_DEMONSTRATION, SIRTE)) == [Actor("Rioters (Libya)", 5, "LY")]


def test_a_named_initiator_stands_and_a_mention_without_actors_still_merges_with_it() -> None:
    named = _mention(SubEventType.ARMED_CLASH, SIRTE, 40, a1=Actor("Militia A", 3), a2=Actor("Militia B", 3))
    assert _actor1(_mention(SubEventType.ARMED_CLASH, SIRTE), named) == [Actor("Militia A", 3)]


def test_an_event_told_without_place_takes_the_country_of_the_rest_of_the_report() -> None:
    located = _mention(SubEventType.ARMED_CLASH, SIRTE, a1=Actor("Militia A", 3), a2=Actor("Militia B", 3))
    placeless = _mention(SubEventType.ABDUCTION, None, 60)
    assert _actor1(located, placeless)[1] == Actor("Unidentified Armed Group (Libya)", 3, "LY")
    # with no country at all the actor is named by its kind alone: its type (inter) is still known
    assert _actor1(_mention(SubEventType.ARMED_CLASH, None)) == [Actor("Unidentified Armed Group", 3, None)]
    assert _actor1(_mention(SubEventType.PEACEFUL_PROTEST, None)) == [Actor("Protesters", 6, None)]
