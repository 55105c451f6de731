"""How an event's fatalities come out of merging: an event named again with a definite article takes its
toll to the event it names, and a toll of an event dated by a range of days is split per day.
All sentences are written for these tests."""

from __future__ import annotations

import datetime as dt
from typing import Any

from told_mentions import told_mention

from polemos.model import Actor, DatePoint, Document, EventMention, Place, TimePrecision
from polemos.stages.aggregate import aggregate
from polemos.stages.fatalities import choose_fatalities
from polemos.taxonomy import SubEventType

TOWN = Place("Alpha", 10.0, 10.0, "Libya")
FAR = Place("Beta", 11.0, 11.0, "Libya")  # about 155 km away: never the same place
DOC = Document(id="d", text="x" * 400)
ARMY = Actor("Army", 1)
DAY = DatePoint(dt.date(2017, 3, 4), TimePrecision.DAY, rule="explicit")


def _mention(sentence: str, trigger: str, at: int, *, foe: Actor | None = None, **kw: Any) -> EventMention:
    """The army's mention of fighters' dead."""
    kw = {"victims": "fighters", "place": TOWN, "date": DAY, **kw}
    return told_mention(sentence, trigger, at, actor1=ARMY, actor2=foe, **kw)


def _figures(*mentions: EventMention) -> list[int]:
    return [e.fatalities for e in aggregate(DOC, mentions, choose_fatalities)]


def test_the_event_named_again_takes_its_toll_to_the_event_it_names() -> None:
    first = _mention("Clashes erupted in Alpha between two militias.", "Clashes", 0)
    again = _mention(
        "The clashes broke out in Beta as six fighters were killed.", "clashes", 50, place=FAR, dead=6
    )
    assert _figures(first, again) == [6]
    # one adjective may come between: "the ensuing fighting"
    ensuing = _mention(
        "The ensuing fighting in Beta left six fighters dead.", "fighting", 50, place=FAR, dead=6
    )
    assert _figures(first, ensuing) == [6]


def test_of_several_events_the_one_at_its_place_is_named() -> None:
    taken = SubEventType.GOVERNMENT_REGAINS_TERRITORY
    here = _mention("Troops took Alpha from the brigade.", "took", 0, sub=taken, foe=Actor("Brigade", 3))
    there = _mention("Beta was regained too.", "regained", 40, place=FAR, sub=taken, foe=Actor("Brigade", 3))
    # the parse names another foe here, which alone would make it an event of its own
    again = _mention("The clashes first erupted at Alpha, six fighters died.", "clashes", 70, dead=6,
                     foe=Actor("Hired gunmen", 3))  # fmt: skip
    assert _figures(here, there, again) == [6, 0]


def test_a_new_event_elsewhere_stays_its_own() -> None:
    first = _mention("Clashes erupted in Alpha between two militias.", "Clashes", 0)
    # no article: another clash at another place
    other = _mention("Clashes in Beta killed six fighters.", "Clashes", 50, place=FAR, dead=6)
    assert _figures(first, other) == [0, 6]
    # "the army" is a subject: the verb after it is no event named again
    subject = _mention("The army shelled Beta, six fighters died.", "shelled", 50, place=FAR, dead=6,
                       sub=SubEventType.SHELLING)  # fmt: skip
    shelling = _mention("Shelling hit Alpha.", "Shelling", 0, sub=SubEventType.SHELLING)
    assert _figures(shelling, subject) == [0, 6]


def test_a_toll_of_an_event_dated_by_a_range_of_days_is_one_days_share() -> None:
    span = DatePoint(
        dt.date(2016, 6, 24), TimePrecision.DAY, expression="24-26 June", rule="inherited:range-start"
    )
    assert _figures(
        _mention("Some 21 people were killed in the clashes.", "clashes", 0, dead=21, date=span)
    ) == [7]
    assert _figures(_mention("Some 21 people were killed in the clashes.", "clashes", 0, dead=21)) == [21]
