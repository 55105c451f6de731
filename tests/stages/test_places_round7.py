"""Place names the places stage lost: a town named before a hyphen and another town ("the Dori-Seytenga
road"), a town named before the prison or stadium that stands in it, and a small foreign namesake named
twice that outvoted the report's big city for the document's country; an area that only frames a town
("the Borno State town of Gwoza"); a word that heads many names read alone ("Ain" of "Ain Tagrout")."""

from __future__ import annotations

import pytest

from polemos.knowledge.actors import load_actor_kb
from polemos.knowledge.gazetteer import Gazetteer
from polemos.stages.doc_country import document_focus
from polemos.stages.places import find_places


@pytest.mark.parametrize(
    ("text", "first"),
    [
        # a hyphen between two towns names the way between them: the first is where it is coded, also
        # where the other is a village the gazetteer does not hold
        ("Gunmen ambushed a bus on the Dori-Seytenga road on Tuesday.", "Dori"),
        ("Soldiers were wounded by a mine on the axis Dori-Gorgadji.", "Dori"),
        # a town known by a hyphenated name is still read whole
        ("Militiamen looted shops in Kaga-Bandoro overnight.", "Kaga-Bandoro"),
    ],
)
def test_two_towns_joined_by_a_hyphen_name_a_route(gazetteer: Gazetteer, text: str, first: str) -> None:
    places = find_places(text, gazetteer)
    assert places and places[0].name == first


@pytest.mark.parametrize(
    "text",
    [
        "Inmates rioted in Mubende Prison after a guard was stabbed.",
        "Fans fought with police outside Mubende Stadium after the match.",
    ],
)
def test_a_prison_or_stadium_named_after_its_town_stands_there(gazetteer: Gazetteer, text: str) -> None:
    assert [p.name for p in find_places(text, gazetteer)] == ["Mubende"]


def test_a_street_named_after_a_town_is_still_no_place(gazetteer: Gazetteer) -> None:
    # "Mubende Road" may lie in any town: a road, unlike a prison, is often named after where it leads
    assert find_places("Traders protested on Mubende Road.", gazetteer) == []


def test_a_namesake_named_twice_votes_once_for_its_country(gazetteer: Gazetteer) -> None:
    text = (
        "Unionists marched from the Pay Centre to City Hall in Durban on Friday, and staff of the Pay "
        "Centre joined them."
    )
    assert document_focus(text, gazetteer, load_actor_kb(), 2016) == "ZA"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Troops retook the Borno State town of Gwoza on Friday.", ["Gwoza"]),
        ("Gunmen raided the Lagos coastal town of Badagry at dawn.", ["Badagry"]),
    ],
)
def test_an_area_that_frames_a_town_is_no_place_of_its_own(
    gazetteer: Gazetteer, text: str, expected: list[str]
) -> None:
    # "the <area> town of <town>": the event is in the town, not at the area's capital
    assert [p.name for p in find_places(text, gazetteer)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an unknown name opened by a word that heads many ("spring", "well", "cape"): no stray part of it
        ("Gunmen attacked a checkpoint at Ain Tagrout on Monday.", []),
        ("A shepherd was killed near Bir Tawil.", []),
        ("Smugglers clashed with guards at Ras Kamboni.", []),
        # a whole name the gazetteer holds is still read
        ("Protesters gathered in Sidi Bouzid.", ["Sidi Bouzid"]),
    ],
)
def test_a_word_that_heads_many_names_is_no_place_alone(
    gazetteer: Gazetteer, text: str, expected: list[str]
) -> None:
    assert [p.name for p in find_places(text, gazetteer)] == expected
