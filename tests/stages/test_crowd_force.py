"""Force met by a crowd and a crowd's own force (crowd_force.py): guns fired on a crowd or a demonstration
broken up is a protest with intervention (the force its second side), armed men storming a protest make
no riot of it, a crowd storming a building does, and a crowd beating people after its protest turns it
into a riot.

Sentences are our own; each case names the general phenomenon it stands for.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from polemos.model import Document


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # guns fired at a crowd with no one hurt: force used to suppress it
        ("Police opened fire on protesters in Karvo on Monday. No casualties were reported.",
         "Protest with intervention"),
        ("Security forces fired at demonstrators gathered outside the ministry in Velmora on Tuesday.",
         "Protest with intervention"),
        ("Demonstrators were fired upon outside the town hall of Tarsek on Monday. No one was hurt.",
         "Protest with intervention"),
        # the same force with its dead is excessive force, as before
        ("Soldiers fired upon a crowd of protesters in Tarsek on Friday, killing two.",
         "Excessive force against protesters"),
        # a demonstration broken up, active or passive, and a sit-in split by the tokenizer
        ("Police broke up a demonstration by teachers in Karvo on Monday.", "Protest with intervention"),
        ("A protest by residents was broken up by police in Velmora on Monday.", "Protest with intervention"),
        ("Security forces broke up a sit-in outside the parliament in Tarsek on Sunday.",
         "Protest with intervention"),
        # armed men storming a protest use force on it: no riot of its crowd
        ("Government forces stormed a protest camp in Karvo on Tuesday and dispersed the crowd.",
         "Protest with intervention"),
        # a crowd storming a building is still a riot
        ("Protesters stormed the ministry of health in Velmora on Monday.", "Violent demonstration"),
        # guns fired on a crowd, told in a headline's present tense the parser reads as a noun phrase
        ("Government forces open fire on protesters gathered in the square of Karvo. No casualties reported.",
         "Protest with intervention"),
        # a crowd beating people after its protest turned it violent
        ("Traders protested in Karvo on Monday. They beat up people who kept their shops open.",
         "Violent demonstration"),
    ],
)  # fmt: skip
def test_force_on_a_crowd_and_a_crowds_force(
    sub_event_types: Callable[[str], list[str]], text: str, expected: str
) -> None:
    assert expected in sub_event_types(text)


@pytest.mark.parametrize(
    ("text", "unexpected"),
    [
        # a rally that ends is no force used on it
        ("The rally broke up peacefully in the evening in Karvo on Monday.", "Protest with intervention"),
        # workers dismissed are a grievance, no gunfire
        ("Workers protested in Velmora on Monday after they were fired by the company.",
         "Protest with intervention"),
        # a storming only aimed at or threatened is not done
        ("Police dispersed demonstrators who were assembling with an aim of storming the town hall of Karvo.",
         "Violent demonstration"),
        ("Protesters threatened to storm the ministry in Velmora on Monday.", "Violent demonstration"),
        # the police beating protesters is force on them, not the crowd's violence
        ("Protesters gathered outside the court in Tarsek on Monday. Police beat several of them.",
         "Violent demonstration"),
        ("Marchers gathered outside the court in Tarsek on Monday. Police came and they beat several.",
         "Violent demonstration"),
    ],
)  # fmt: skip
def test_no_force_on_a_crowd_and_no_crowds_force(
    sub_event_types: Callable[[str], list[str]], text: str, unexpected: str
) -> None:
    assert unexpected not in sub_event_types(text)


def test_the_force_that_fired_on_a_crowd_is_its_second_side(coder: Any) -> None:
    text = "Police opened fire on demonstrators in Misrata on Monday. No one was hurt."
    events = coder.code(Document(id="fire", text=text, published=dt.date(2017, 5, 3)))
    protests = [e for e in events if e.sub_event_type.value == "Protest with intervention"]
    assert protests and protests[0].actor2 is not None and protests[0].actor2.inter == 1
