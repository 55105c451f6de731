"""Words after a town that leave it a place: a participle that takes an object ("led to", "led by",
"allied to") is the clause's verb, though with no object ("Misrata led forces") it still makes the name
an actor's attribute; a local unit's kind ("Municipality", "Locality", "Payam") is no longer name and no
place of its own."""

from __future__ import annotations

import pytest

from polemos.knowledge.gazetteer import Gazetteer
from polemos.stages.place_words import takes_object
from polemos.stages.places import find_places


@pytest.mark.parametrize(
    ("text", "town"),
    [
        ("A sit-in in Gafsa led to the closure of the phosphate plant.", "Gafsa"),
        ("Nurses marched in Kumasi led by their union's regional chair.", "Kumasi"),
        ("Militias in Zintan allied to the army blocked the road.", "Zintan"),
    ],
)
def test_a_town_before_a_participle_with_an_object_is_a_place(
    gazetteer: Gazetteer, text: str, town: str
) -> None:
    assert [p.name for p in find_places(text, gazetteer)] == [town]


def test_a_participle_with_no_object_still_makes_an_attribute(gazetteer: Gazetteer) -> None:
    assert [p.name for p in find_places("Gafsa led protesters marched on the capital.", gazetteer)] == []


def test_takes_object() -> None:
    assert takes_object("led", "to") and takes_object("backed", "by") and takes_object("allied", "with")
    assert not takes_object("led", "forces") and not takes_object("fighters", "to")
    assert not takes_object("led", None)


@pytest.mark.parametrize(
    ("text", "town"),
    [
        ("Gunmen robbed traders in Galkayo Municipality.", "Gaalkacyo"),
        ("Soldiers raided a market in Rumbek Locality.", "Rumbek"),
        ("Youths clashed in Yei Payam over land.", "Yei"),  # no Iranian "Payam"
    ],
)
def test_a_local_unit_word_after_a_town_keeps_the_town_and_names_no_place(
    gazetteer: Gazetteer, text: str, town: str
) -> None:
    assert [p.name for p in find_places(text, gazetteer)] == [town]
