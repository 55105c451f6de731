"""Tests for clashes told after a protest with only the force named: the crowd just told is the other side,
so the protest turned riot is the rioters' against that force (crowd_clashes.py). Sentences are our own."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from polemos.model import Document


def _events(coder: Any, text: str) -> list[Any]:
    return list(coder.code(Document(id="clash", text=text, published=dt.date(2019, 4, 6))))


@pytest.mark.parametrize(
    "text",
    [
        "Opposition supporters marched in Velmora on Friday against the new tax. Many clashes with police, "
        "at least four people killed.",
        "Students protested outside the ministry in Karvo on Monday. Clashes with the police followed.",
    ],
)
def test_a_crowd_that_clashed_with_the_police_rioted_against_them(coder: Any, text: str) -> None:
    events = _events(coder, text)
    assert [e.sub_event_type.value for e in events] == ["Violent demonstration"]
    riot = events[0]
    assert riot.actor1 is not None and riot.actor1.inter == 5
    assert riot.actor2 is not None and riot.actor2.inter == 1


def test_a_clash_with_its_other_side_named_stays_a_battle(coder: Any) -> None:
    text = (
        "Opposition supporters marched in Velmora on Friday against the new tax. Clashes between police "
        "and gunmen of the Velmora Liberation Front left four dead."
    )
    types = [e.sub_event_type.value for e in _events(coder, text)]
    assert "Armed clash" in types and "Violent demonstration" not in types


def test_clashes_with_a_force_whose_other_side_was_left_unnamed(coder: Any) -> None:
    # the actors stage fills the clash's other side with an unidentified group: the crowd is that side
    text = (
        "Hundreds of teachers joined a sit-in outside the court in Velmora, protesting against pay cuts. "
        "Several were injured in clashes with security forces."
    )
    events = _events(coder, text)
    assert [e.sub_event_type.value for e in events] == ["Violent demonstration"]
    assert events[0].actor1 is not None and events[0].actor1.inter == 5


@pytest.mark.parametrize(
    "text",
    [
        "Students marched in Karvo on Monday against fees. Police fired tear gas to disperse them.",
        "Traders protested outside the market in Velmora on Tuesday. Police later broke them up.",
    ],
)
def test_a_crowd_dispersed_by_its_pronoun(coder: Any, text: str) -> None:
    events = _events(coder, text)
    assert [e.sub_event_type.value for e in events] == ["Protest with intervention"]
    assert events[0].actor2 is not None and events[0].actor2.inter == 1


def test_armed_men_dispersed_are_no_crowd(coder: Any) -> None:
    text = "Gunmen attacked a checkpoint in Karvo on Monday. Soldiers fired to disperse them."
    assert "Protest with intervention" not in [e.sub_event_type.value for e in _events(coder, text)]


def test_rioters_dispersed_by_their_pronoun_are_one_riot_with_the_force(coder: Any) -> None:
    text = (
        "Angry youths smashed the windows of the district office in Velmora on Monday. "
        "Police intervened to disperse them."
    )
    events = _events(coder, text)
    assert [e.event_type.value for e in events] == ["Riots"]
    assert events[0].actor2 is not None and events[0].actor2.inter == 1


def test_a_crowd_told_before_its_dispersal_in_one_sentence(coder: Any) -> None:
    text = "Traders went on strike in Karvo on Monday and police dispersed them with tear gas."
    assert "Protest with intervention" in [e.sub_event_type.value for e in _events(coder, text)]


def test_unspecified_security_forces_a_crowd_clashed_with_are_its_police() -> None:
    from polemos.model import Actor
    from polemos.stages.actor_crowd_forces import police_for_phrase

    army = Actor("Military Forces of Velmora (2010-)", 1, "VL")
    assert police_for_phrase("security forces", army).name == "Police Forces of Velmora (2010-)"
    assert police_for_phrase("soldiers", army) == army


@pytest.mark.parametrize(
    "text",
    [
        "The protesters set the district office on fire in Velmora on Monday.",
        "Students protested in Karvo on Monday over fees. They then set the rector's office on fire.",
        "Traders protested in Velmora on Tuesday. They set fire to the town hall.",
    ],
)
def test_a_crowd_that_set_a_place_on_fire_rioted(coder: Any, text: str) -> None:
    assert "Violent demonstration" in [e.sub_event_type.value for e in _events(coder, text)]


@pytest.mark.parametrize(
    "text",
    [
        "Residents protested in Velmora on Tuesday after soldiers set their homes on fire.",
        "Villagers marched in Karvo on Monday. Soldiers later set the market on fire.",
    ],
)
def test_armed_men_setting_fire_make_no_riot_of_a_crowd(coder: Any, text: str) -> None:
    assert "Violent demonstration" not in [e.sub_event_type.value for e in _events(coder, text)]


def test_protesters_who_set_themselves_on_fire_made_no_riot(coder: Any) -> None:
    text = "Three jobless graduates set themselves on fire during a sit-in at the governor's office in Karvo."
    assert "Violent demonstration" not in [e.sub_event_type.value for e in _events(coder, text)]


def test_residents_who_clashed_with_the_police_rioted(coder: Any) -> None:
    text = (
        "Police and hundreds of residents clashed in the Velmora township on Monday over evictions. "
        "Several officers were hit by stones."
    )
    types = [e.sub_event_type.value for e in _events(coder, text)]
    assert "Violent demonstration" in types and "Armed clash" not in types


def test_residents_of_two_villages_who_clashed_fought_a_communal_battle(coder: Any) -> None:
    text = "Residents of Karvo and Tarsek villages clashed over grazing land on Monday, leaving four dead."
    assert "Violent demonstration" not in [e.sub_event_type.value for e in _events(coder, text)]


def test_clashes_whose_other_side_was_filled_by_the_wars_other_camp(coder: Any) -> None:
    # in an uprising the actors stage fills a clash's unnamed side with the camp the police fight (the
    # rebels): after a protest the crowd just told is that side, its riot against the police
    text = (
        "Anti-government demonstrators assembled in Zawiya for a day of rage. Many clashes with police, at "
        "least ten killed."
    )
    events = list(coder.code(Document(id="clash", text=text, published=dt.date(2011, 2, 25))))
    assert [e.sub_event_type.value for e in events] == ["Violent demonstration"]
    assert events[0].actor1 is not None and events[0].actor1.inter == 5
    assert events[0].actor2 is not None and events[0].actor2.name.startswith("Police Forces of Libya")
