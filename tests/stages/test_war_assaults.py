"""An armed camp's assault on a place in a war of two camps is a battle with the camp that held it; where
the attacker's camp fights several enemies, or it is no camp's, the attack stays what its words make it."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from polemos.model import Document
from polemos.taxonomy import EventType

GADDAFI = "Military Forces of Libya (1969-2011)"


def _events(coder: Any, text: str, published: dt.date) -> list[Any]:
    return coder.code(Document(id="assault", text=text, published=published))


@pytest.mark.parametrize(
    "text",
    [
        "Rebel fighters launched an assault on Zawiya on Sunday.",
        "Rebels lost four men in an assault on Zliten, though they gained ground.",
        "Opposition fighters attacked Ajdabiya before dawn.",
    ],
)
def test_an_uprisings_assault_on_a_town_in_2011_is_a_battle_with_the_regime(coder: Any, text: str) -> None:
    events = _events(coder, text, dt.date(2011, 7, 20))
    assert events and events[0].event_type is EventType.BATTLES, events
    sides = {events[0].actor1.name, events[0].actor2.name if events[0].actor2 else None}
    assert GADDAFI in sides


def test_an_attack_harming_named_people_stays_violence_against_them(coder: Any) -> None:
    events = _events(coder, "Rebel fighters attacked a group of farmers near Zawiya.", dt.date(2011, 7, 20))
    assert events and events[0].event_type is EventType.VIOLENCE_AGAINST_CIVILIANS, events


def test_a_raid_on_a_village_by_a_group_of_no_camp_is_not_made_a_battle(coder: Any) -> None:
    text = "Boko Haram fighters attacked the village of Kawuri in Borno state on Sunday."
    events = _events(coder, text, dt.date(2016, 7, 20))
    assert events and events[0].event_type is not EventType.BATTLES, events
