"""An incident told without its doer and then again with it is one event, coded to the doer named."""

from __future__ import annotations

import dataclasses
import datetime as dt

from polemos.model import Actor, DatePoint, Document, EventMention, Evidence, Place, Span, TimePrecision
from polemos.stages.aggregate import aggregate
from polemos.taxonomy import SubEventType

SABHA = Place("Sabha", 27.0377, 14.4283, "Libya")
DOC = Document(id="d", text="x" * 200)
UNIDENTIFIED = Actor("Unidentified Armed Group (Libya)", 3, "LY")
CIVILIANS = Actor("Civilians (Libya)", 7, "LY")
TRIBE = Actor("Awlad Suleiman Ethnic Militia (Libya)", 4, "LY")
POLICE = Actor("Police Forces of Libya (2014-)", 1, "LY")


def _mention(at: int, a1: Actor | None, said: str = "", a2: Actor | None = CIVILIANS) -> EventMention:
    """An abduction told at offset `at`; `said` is the words its unidentified doer was read from."""
    evidence = ()
    if a1 is UNIDENTIFIED:
        rule = "actor:unidentified:" + (said or "unidentified gunmen")
        evidence = (Evidence("actor1", a1.name, "d", "s", at, at + 9, said or "kidnapped", rule),)
    return EventMention(
        document_id="d",
        sub_event_type=SubEventType.ABDUCTION,
        trigger=Span(at, at + 5, "kidnapped"),
        sentence=Span(at, at + 30, "A councillor was kidnapped in Sabha."),
        actor1=a1,
        actor2=a2,
        place=SABHA,
        date=DatePoint(dt.date(2017, 3, 4), TimePrecision.DAY, rule="explicit"),
        evidence=evidence,
    )


def _actors(*mentions: EventMention) -> list[tuple[str | None, str | None]]:
    events = aggregate(DOC, mentions, lambda claims: 0)
    return [(e.actor1.name if e.actor1 else None, e.actor2.name if e.actor2 else None) for e in events]


def test_a_kidnapping_told_again_with_its_doer_is_one_event_of_that_doer() -> None:
    # "A councillor was kidnapped in Sabha. He was abducted by members of the Awlad Sulaiman tribe."
    assert _actors(_mention(0, UNIDENTIFIED), _mention(40, TRIBE)) == [(TRIBE.name, CIVILIANS.name)]
    # and the other way round: the doer named first stays the doer of the retelling
    assert _actors(_mention(0, TRIBE), _mention(40, UNIDENTIFIED)) == [(TRIBE.name, CIVILIANS.name)]
    # the placeholder's evidence goes with it
    [event] = aggregate(DOC, [_mention(0, UNIDENTIFIED), _mention(40, TRIBE)], lambda claims: 0)
    assert not any(e.field == "actor1" and e.value == UNIDENTIFIED.name for e in event.evidence)


def test_gunmen_the_report_calls_unknown_are_a_side_of_their_own() -> None:
    # "Unknown gunmen attacked the camp ... the militia attacked the village that day": two incidents
    gunmen = _mention(0, UNIDENTIFIED, said="unknown gunmen")
    assert len(_actors(gunmen, _mention(40, TRIBE))) == 2
    # a doer left unnamed by the sentence is whoever the report names, the police included
    assert _actors(_mention(0, UNIDENTIFIED), _mention(40, POLICE)) == [(POLICE.name, CIVILIANS.name)]


def test_another_incident_elsewhere_keeps_its_own_doer() -> None:
    elsewhere = dataclasses.replace(_mention(40, TRIBE), place=Place("Ubari", 26.59, 12.78, "Libya"))
    assert len(_actors(_mention(0, UNIDENTIFIED), elsewhere)) == 2
