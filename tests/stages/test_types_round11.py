"""Event typing, round 11: a suicide bomber is a person, not an aircraft; "took down" removes, it captures
nothing; a preposition of several words ("in front of") names nothing a trigger acts on; an event
investigated happened whatever the clause above it plans, and so did what something was used for; a
detail unknown ("name not given") negates no event; citizens are civilians; former fighters blocking a
road are a crowd; war materiel destroyed is combat; and "the air" shot into names no aircraft.

Sentences are our own; each case names the general phenomenon it stands for.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

TERRITORY = {"Government regains territory", "Non-state actor overtakes territory"}
AIR = "Air/drone strike"


@pytest.mark.parametrize(
    "text",
    [
        # the bomber shot dead is the man with the vest: no aircraft is told
        "Guards at the market in Kusa shot the would-be bomber dead before he set off his vest on Friday.",
        "Police in Tarsek opened fire on a suicide bomber at a checkpoint on Monday, killing him.",
    ],
)
def test_a_bomber_told_as_a_person_is_no_air_strike(
    sub_event_types: Callable[[str], list[str]], text: str
) -> None:
    types = sub_event_types(text)
    assert types
    assert AIR not in types


def test_air_strikes_are_still_air_strikes(sub_event_types: Callable[[str], list[str]]) -> None:
    types = sub_event_types(
        "Warplanes bombed rebel positions outside Velmora on Tuesday, killing six fighters."
    )
    assert AIR in types


def test_taking_billboards_down_captures_no_ground(sub_event_types: Callable[[str], list[str]]) -> None:
    types = sub_event_types("Rioters vandalised and took down campaign posters in the town centre on Sunday.")
    assert not TERRITORY & set(types)
    assert "Violent demonstration" in types


def test_a_drone_taken_down_is_disrupted_weapons_use(sub_event_types: Callable[[str], list[str]]) -> None:
    types = sub_event_types("Militia fighters took down a surveillance drone over Kusa on Monday.")
    assert "Disrupted weapons use" in types


def test_in_front_of_names_no_armed_front(sub_event_types: Callable[[str], list[str]]) -> None:
    # "front" of "in front of" is no front line: the shopkeeper is a civilian victim
    types = sub_event_types(
        "Gunmen shot dead a shopkeeper in front of his children in the town of Velmora on Friday."
    )
    assert "Attack" in types
    assert "Armed clash" not in types


def test_a_preposition_noun_is_no_object(nlp: Any) -> None:
    from polemos.stages.trigger_objects import object_tokens

    doc = nlp("Gunmen killed a trader in front of the mosque.")
    killed = next(t for t in doc if t.lower_ == "killed")
    objects = {t.lower_ for t in object_tokens(killed)}
    assert "trader" in objects
    assert "front" not in objects


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an event investigated took place, though the clause that investigates it is a purpose
        (
            "A task team was set up to investigate the murder of the Kusa district mayor in Tarsek.",
            "Attack",
        ),
        (
            "The minister travelled to Velmora to condemn the murder of two farmers by gunmen on Sunday.",
            "Attack",
        ),
    ],
)
def test_an_event_investigated_is_factual(
    sub_event_types: Callable[[str], list[str]], text: str, expected: str
) -> None:
    assert expected in sub_event_types(text)


def test_an_unknown_name_negates_no_event(sub_event_types: Callable[[str], list[str]]) -> None:
    # the parenthesis negates the name; the protest happened
    types = sub_event_types("Members of a local clan (name not given) protest Kamau.")
    assert "Peaceful protest" in types


def test_a_citizen_killed_is_a_civilian_victim(sub_event_types: Callable[[str], list[str]]) -> None:
    assert "Attack" in sub_event_types("A Kenyan citizen was killed in Tarsek on Monday.")


def test_a_citizen_is_a_civilian(nlp: Any) -> None:
    from polemos.stages.victims import victim_class

    assert victim_class(list(nlp("two citizens")), []) == "civilian"


def test_what_something_was_used_for_was_done(sub_event_types: Callable[[str], list[str]]) -> None:
    types = sub_event_types(
        "The air force used bombers and jets to attack targets across the north of Kusa on Monday."
    )
    assert AIR in types


@pytest.mark.parametrize(
    "text",
    [
        # "used to" with nothing used is a habit of the past
        "Militants used to attack the village of Kusa every month.",
        # the use keeps its own modality
        "The army vowed to use force to disperse the march in Tarsek.",
    ],
)
def test_a_use_not_made_tells_no_deed(sub_event_types: Callable[[str], list[str]], text: str) -> None:
    assert sub_event_types(text) == []


def test_former_fighters_blocking_a_road_are_a_crowd(sub_event_types: Callable[[str], list[str]]) -> None:
    types = sub_event_types(
        "Former rebels blocked the highway to Kusa on Monday to protest over unpaid demobilisation pay."
    )
    assert "Violent demonstration" in types


@pytest.mark.parametrize(
    "text",
    [
        "Government troops destroyed an ammunition depot held by the rebels near Kusa on Monday.",
        "Rebels destroyed two military vehicles near Velmora on Tuesday.",
    ],
)
def test_war_materiel_destroyed_is_combat(sub_event_types: Callable[[str], list[str]], text: str) -> None:
    types = sub_event_types(text)
    assert "Armed clash" in types
    assert "Looting/property destruction" not in types


def test_materiel_destroyed_by_a_strike_is_an_air_strike(sub_event_types: Callable[[str], list[str]]) -> None:
    types = sub_event_types("A coalition strike destroyed an ammunition depot near Kusa on Monday.")
    assert AIR in types
    assert "Armed clash" not in types


def test_houses_destroyed_by_soldiers_stay_property_destruction(
    sub_event_types: Callable[[str], list[str]],
) -> None:
    assert "Looting/property destruction" in sub_event_types("Soldiers destroyed houses in Kusa on Monday.")


def test_shots_into_the_air_name_no_aircraft(sub_event_types: Callable[[str], list[str]]) -> None:
    types = sub_event_types(
        "Soldiers fired shots in the air to scare the crowd and wounded two men in Kusa on Friday."
    )
    assert "Attack" in types
    assert AIR not in types


def test_an_air_force_still_tells_aircraft(sub_event_types: Callable[[str], list[str]]) -> None:
    assert AIR in sub_event_types("The air force bombed rebel positions near Kusa on Monday.")
