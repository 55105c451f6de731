"""Which event a toll goes to when the report tells it after the event (the real pipeline, own sentences):
a toll sentence holding another trigger, wounded counted with the dead, a take-over's dead, a toll
sentence that names no day of its own, and deaths that are the outcome of the sentence's own event."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from polemos.model import Document, Event
from polemos.taxonomy import EventType, SubEventType


def _events(coder: Any, text: str) -> list[Event]:
    events: list[Event] = coder.code(Document(id="toll", text=text, published=dt.date(2019, 9, 12)))
    return events


def _figures(events: list[Event]) -> dict[SubEventType, int]:
    out: dict[SubEventType, int] = {}
    for e in events:
        out[e.sub_event_type] = out.get(e.sub_event_type, 0) + e.fatalities
    return out


@pytest.mark.parametrize(
    ("text", "sub", "dead"),
    [
        # A second trigger (an abduction) in the toll sentence: the dead are still the clash's.
        (
            "Clashes erupted in Gao between the army and a rival militia on 10 September. "
            "Seven members of the militia reportedly killed, 12 others abducted.",
            SubEventType.ARMED_CLASH,
            7,
        ),
        # The wounded counted beside the dead do not make the toll an event of its own.
        (
            "Gunmen clashed with police in Kidal on 10 September. Three people killed and six injured.",
            SubEventType.ARMED_CLASH,
            3,
        ),
        # Deaths right after a take-over of ground are its cost.
        (
            "Militants seized the town of Menaka on 10 September. "
            "Two soldiers died and four were wounded in the operation.",
            SubEventType.NON_STATE_ACTOR_OVERTAKES_TERRITORY,
            2,
        ),
    ],
)
def test_toll_told_after_the_event_is_its_toll(coder: Any, text: str, sub: SubEventType, dead: int) -> None:
    events = _events(coder, text)
    assert _figures(events).get(sub) == dead
    assert not [e for e in events if e.event_type is EventType.VIOLENCE_AGAINST_CIVILIANS and e.fatalities]


def test_toll_sentence_naming_no_day_joins_an_event_of_an_earlier_day(coder: Any) -> None:
    # The report is of 12 September; the fighting was on the 8th; "4 people killed." names no day.
    events = _events(
        coder,
        "Heavy fighting broke out in Gao between two armed groups on 8 September. 4 people were killed.",
    )
    assert [(e.sub_event_type, e.fatalities) for e in events] == [(SubEventType.ARMED_CLASH, 4)]


def test_dead_of_a_bombing_during_a_clash_are_counted_once_by_the_clash(coder: Any) -> None:
    # "killed in shelling" is the shelling's outcome; shelling during a ground battle at the same place and
    # day is one incident, whose dead ACLED counts with the battle (once: the shelling gives them up).
    events = _events(
        coder,
        "Rebels clashed with the army in Gao on 10 September. "
        "Witnesses said that five civilians were killed in shelling by the army on 10 September.",
    )
    assert _figures(events) == {SubEventType.ARMED_CLASH: 5, SubEventType.SHELLING: 0}


def test_dead_of_a_separate_attack_are_not_the_toll_of_the_event_before(coder: Any) -> None:
    events = _events(
        coder,
        "Rebel shelling killed six civilians in Gao on 10 September. "
        "Nine soldiers were killed in a separate incident.",
    )
    figures = sorted(e.fatalities for e in events)
    assert figures == [6, 9]
