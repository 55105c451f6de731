"""Tests for an attack by a crowd: a riot of its rioters, or their violence against the unarmed people they
harmed, not a battle or an unidentified armed group's attack (crowd_attacks.py). Sentences are our own."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from polemos.model import Document


def _events(coder: Any, text: str) -> list[Any]:
    return list(coder.code(Document(id="mob", text=text, published=dt.date(2019, 4, 6))))


@pytest.mark.parametrize(
    "text",
    [
        "Angry residents attacked a police station in Bukavu on Sunday.",
        "The council office in Kisii was attacked by irate locals after a boy died in a road accident.",
    ],
)
def test_a_crowd_that_attacked_a_place_or_a_force_rioted(coder: Any, text: str) -> None:
    events = _events(coder, text)
    assert [e.event_type.value for e in events] == ["Riots"]
    assert events[0].actor1 is not None and events[0].actor1.inter == 5


def test_a_crowd_that_attacked_a_man_did_violence_to_a_civilian(coder: Any) -> None:
    events = _events(
        coder, "An angry crowd attacked a local councillor in Tamatave on Friday over the water cuts."
    )
    assert [e.event_type.value for e in events] == ["Violence against civilians"]
    assert events[0].actor1 is not None and events[0].actor1.inter == 5
    assert events[0].actor2 is not None and events[0].actor2.inter == 7


def test_armed_men_among_the_attackers_are_no_crowd(coder: Any) -> None:
    events = _events(coder, "Residents and militiamen attacked a police station in Bukavu on Sunday.")
    assert all(e.event_type.value != "Riots" for e in events)


def test_a_partys_people_who_attacked_are_its_militia_not_rioters(coder: Any) -> None:
    events = _events(coder, "Angry ZDP cadres attacked two voters in Mansa on Sunday.")
    assert events and all(e.actor1 is None or e.actor1.inter != 5 for e in events)
