"""Tests for a crowd that harms people: its protest is its violence against civilians, Rioters v Civilians,
not a protest met with force (crowd_harm.py). Sentences are our own."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from polemos.model import Document


def _events(coder: Any, text: str) -> list[Any]:
    return list(coder.code(Document(id="harm", text=text, published=dt.date(2019, 4, 6))))


@pytest.mark.parametrize(
    ("text", "sub"),
    [
        ("Two traders were killed by angry protesters in Kisumu on Friday.", "Attack"),
        ("A shopkeeper was beaten and robbed by a group of demonstrators in Nakuru.", "Attack"),
        ("Protesters assaulted two teachers outside the school in Eldoret on Monday.", "Attack"),
        ("Pupils in Kitale attacked and injured three teachers in protest against the new rules.", "Attack"),
        (
            "A group of protesters kidnapped two journalists in Garissa on Tuesday.",
            "Abduction/forced disappearance",
        ),
        ("Demonstrators in Thika grabbed and attacked one of four men who had heckled them.", "Attack"),
        ("Protesters in Embu beat a news correspondent who filmed them on Sunday.", "Attack"),
    ],
)
def test_a_crowd_that_harmed_people_did_violence_to_civilians(coder: Any, text: str, sub: str) -> None:
    events = _events(coder, text)
    assert [e.sub_event_type.value for e in events] == [sub]
    assert events[0].actor1 is not None and events[0].actor1.inter == 5
    assert events[0].actor2 is not None and events[0].actor2.inter == 7


@pytest.mark.parametrize(
    "text",
    [
        "Two protesters were killed by the police in Kisumu on Friday.",
        "Police assaulted protesters outside the school in Eldoret on Monday.",
    ],
)
def test_a_crowd_harmed_is_a_protest_met_with_force(coder: Any, text: str) -> None:
    events = _events(coder, text)
    assert events and events[0].event_type.value == "Protests"


def test_a_crowd_that_attacked_the_police_is_no_violence_against_civilians(coder: Any) -> None:
    events = _events(coder, "Protesters attacked two policemen outside the station in Eldoret on Monday.")
    assert all(e.event_type.value != "Violence against civilians" for e in events)


def test_violence_against_civilians_by_protesters_is_by_rioters(coder: Any) -> None:
    text = (
        "Protesters burnt tyres on the road through Kerugoya on Monday. They also took hostage a minibus of "
        "schoolchildren."
    )
    vac = [e for e in _events(coder, text) if e.event_type.value == "Violence against civilians"]
    assert vac and all(e.actor1 is not None and e.actor1.inter == 5 for e in vac)


def test_a_crowd_that_attacked_things_harmed_no_civilians(coder: Any) -> None:
    events = _events(coder, "Protesters attacked three vehicles outside the depot in Eldoret on Monday.")
    assert all(e.event_type.value != "Violence against civilians" for e in events)
