"""A protest's or riot's crowd is named by what it did (ACLED's Protesters / Rioters), whatever word the
report used for it."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from polemos.model import Actor, Document
from polemos.stages.actor_choice import _crowd_of
from polemos.taxonomy import EventType


@pytest.mark.parametrize(
    ("etype", "actor", "expected"),
    [
        (EventType.RIOTS, Actor("Protesters (Kenya)", 6, "KE"), Actor("Rioters (Kenya)", 5, "KE")),
        (EventType.PROTESTS, Actor("Rioters (Libya)", 5, "LY"), Actor("Protesters (Libya)", 6, "LY")),
        (EventType.PROTESTS, Actor("Protesters (Libya)", 6, "LY"), Actor("Protesters (Libya)", 6, "LY")),
        # an organised party leading a protest keeps its name; a crowd of unknown country stays as found
        (EventType.RIOTS, Actor("Taliban", 2, "AF"), Actor("Taliban", 2, "AF")),
        (EventType.RIOTS, Actor("Protesters", 6, None), Actor("Protesters", 6, None)),
        # outside protests and riots the crowd is not renamed
        (EventType.BATTLES, Actor("Rioters (Libya)", 5, "LY"), Actor("Rioters (Libya)", 5, "LY")),
    ],
)
def test_a_crowd_is_named_by_the_event_it_made(etype: EventType, actor: Actor, expected: Actor) -> None:
    assert _crowd_of(etype, actor) == expected


def test_protesters_who_storm_and_burn_a_building_are_rioters(coder: Any) -> None:
    text = "Protesters stormed the municipal council building in Misrata and set fire to it on Monday."
    events = coder.code(Document(id="crowd", text=text, published=dt.date(2017, 5, 3)))
    riots = [e for e in events if e.event_type is EventType.RIOTS]
    assert riots and riots[0].actor1 == Actor("Rioters (Libya)", 5, "LY")
    assert any(x.field == "actor1" and x.value == "Rioters (Libya)" for x in riots[0].evidence)
