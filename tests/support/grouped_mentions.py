"""A test builder for the aggregate stage's folds (armed_killings, battle_arrests, riot_interventions): one
event mention of a sub-type, with its trigger rule, sides, day and place, as extract would give it."""

from __future__ import annotations

import datetime as dt

from polemos.model import Actor, DatePoint, EventMention, Evidence, Place, Span, TimePrecision
from polemos.taxonomy import SubEventType

DAY = dt.date(2019, 3, 4)
TOWN = Place("Kawela", 1.0, 30.0, "RU")
FAR = Place("Mbarra", 2.0, 31.0, "RU")


def mention(
    sub: SubEventType,
    rule: str,
    a1: Actor | None,
    a2: Actor | None,
    *,
    sentence: str,
    day: dt.date = DAY,
    place: Place = TOWN,
) -> EventMention:
    """A mention told by `sentence` (its first five characters the trigger), typed by `rule`."""
    ev = Evidence("event_type", sub.value, "d", sentence, 0, 5, "trig", rule)
    return EventMention(
        "d",
        sub,
        Span(0, 5, "trig"),
        Span(0, len(sentence), sentence),
        a1,
        a2,
        place=place,
        date=DatePoint(day, TimePrecision.DAY),
        evidence=(ev,),
    )
