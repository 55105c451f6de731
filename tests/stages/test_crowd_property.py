"""Property attacked beside a demonstration (crowd_property.py): a building, a home or a vehicle attacked
where a demonstration is told, by no armed men the sentence names, is the crowd's destruction, a riot
(ACLED: Violent demonstration); armed men or the police attacking, or people attacked, make no riot of it.

Sentences are our own; each case names the general phenomenon it stands for.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from polemos.model import Document


@pytest.mark.parametrize(
    "text",
    [
        # the crowd the attack's subject
        "Demonstrators attacked the house of the district commissioner in Velmora during a protest over "
        "water cuts on Monday.",
        # a passive with no agent, told during the demonstration
        "The offices of the ruling party were attacked during a demonstration in Karvo on Tuesday.",
        # the attack told as a noun that "took place" on the property, "armed" naming no doer
        "An armed attack took place on the residence of the bank's director in Tarsek during protests "
        "against the rise in bread prices.",
        # coordinated after the crowd's gathering, and vehicles as the property
        "Traders gathered at the market of Velmora on Monday in protest at new taxes and attacked "
        "several cars.",
    ],
)
def test_property_attacked_in_a_demonstration_is_a_riot(
    sub_event_types: Callable[[str], list[str]], text: str
) -> None:
    types = sub_event_types(text)
    assert "Violent demonstration" in types and "Peaceful protest" not in types


@pytest.mark.parametrize(
    "text",
    [
        # armed men attacking a house are not the crowd
        "Gunmen attacked the house of the district commissioner in Velmora during a protest over water "
        "cuts on Monday.",
        # a group named as the doer: its own attack
        "The house of the mayor was attacked by soldiers during a demonstration in Karvo on Tuesday.",
        # the demonstration placed after an attack by armed men: its grievance
        "Residents held a protest in Tarsek on Monday after militiamen attacked a school.",
        # the attack on property is what the crowd protests, its grievance
        "Parents stayed away from the school in Velmora on Monday, choosing instead to protest an attack on "
        "the school's offices by a district official last week.",
        # people attacked are no property (whoever attacked them, the rule says nothing)
        "Students marched peacefully through Karvo on Monday to denounce the attack on their teacher.",
    ],
)
def test_no_riot_without_a_crowds_attack_on_property(
    sub_event_types: Callable[[str], list[str]], text: str
) -> None:
    assert "Violent demonstration" not in sub_event_types(text)


def test_the_crowd_that_attacked_property_are_rioters(coder: Any) -> None:
    text = "An attack took place on the house of the governor in Misrata during protests against price rises."
    events = coder.code(Document(id="prop", text=text, published=dt.date(2017, 4, 12)))
    riots = [e for e in events if e.sub_event_type.value == "Violent demonstration"]
    assert riots and riots[0].actor1 is not None and riots[0].actor1.inter == 5
