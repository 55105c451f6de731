"""Which event of one incident counts a toll: the capture of ground counts the
dead of the fight for it told before it, and a non-violent event's told dead go to the violent event of its
incident instead of being lost. All sentences are written for these tests."""

from __future__ import annotations

import datetime as dt

from told_mentions import told_mention

from polemos.model import Actor, DatePoint, Document, EventMention, Place, TimePrecision
from polemos.stages.aggregate import aggregate
from polemos.stages.fatalities import choose_fatalities
from polemos.taxonomy import SubEventType

TOWN = Place("Alpha", 10.0, 10.0, "Libya")
DOC = Document(id="d", text="x" * 400)
ARMY = Actor("Army", 1)
BRIGADE = Actor("Brigade", 3)
MILITANTS = Actor("Shura Council", 3)
DAY = DatePoint(dt.date(2017, 3, 4), TimePrecision.DAY, rule="explicit")


def _mention(
    sentence: str, trigger: str, at: int, sub: SubEventType, dead: int = 0, foe: Actor = BRIGADE
) -> EventMention:
    return told_mention(
        sentence, trigger, at, sub=sub, dead=dead, victims="soldiers" if dead else None, place=TOWN,
        date=DAY, actor1=ARMY, actor2=foe,
    )  # fmt: skip


def _figures(*mentions: EventMention) -> dict[SubEventType, int]:
    return {e.sub_event_type: e.fatalities for e in aggregate(DOC, mentions, choose_fatalities)}


def test_the_capture_counts_the_dead_of_the_fight_told_before_it() -> None:
    # The fight's foe is told apart from the capture's, so the two are events of their own.
    fight = _mention(
        "Two soldiers were killed in fighting in Alpha.",
        "fighting",
        0,
        SubEventType.ARMED_CLASH,
        2,
        MILITANTS,
    )
    taken = _mention(
        "The army says it has taken more of Alpha.", "taken", 60, SubEventType.GOVERNMENT_REGAINS_TERRITORY
    )
    figures = _figures(fight, taken)
    assert figures[SubEventType.GOVERNMENT_REGAINS_TERRITORY] == 2
    assert figures.get(SubEventType.ARMED_CLASH, 0) == 0  # counted once


def test_a_strike_told_before_the_capture_keeps_its_dead() -> None:
    strike = _mention(
        "An air strike killed two soldiers in Alpha.",
        "strike",
        0,
        SubEventType.AIR_DRONE_STRIKE,
        2,
        MILITANTS,
    )
    taken = _mention(
        "The army says it has taken more of Alpha.", "taken", 60, SubEventType.GOVERNMENT_REGAINS_TERRITORY
    )
    assert _figures(strike, taken)[SubEventType.AIR_DRONE_STRIKE] == 2


def test_the_dead_a_non_violent_event_tells_go_to_the_violent_event_of_its_incident() -> None:
    attack = _mention("Militants attacked a police car in Alpha.", "attacked", 0, SubEventType.ARMED_CLASH)
    misread = _mention(
        "A recruit was killed and three were injured.", "recruit", 60, SubEventType.CHANGE_TO_GROUP, dead=1
    )
    figures = _figures(attack, misread)
    assert figures[SubEventType.ARMED_CLASH] == 1
    assert figures.get(SubEventType.CHANGE_TO_GROUP, 0) == 0


def test_a_non_violent_event_alone_still_counts_no_dead() -> None:
    truce = _mention(
        "The sides agreed a truce after two soldiers were killed.", "truce", 0, SubEventType.AGREEMENT, dead=2
    )
    assert _figures(truce) == {SubEventType.AGREEMENT: 0}
