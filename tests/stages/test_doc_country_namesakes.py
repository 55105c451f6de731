"""Tests for a report's country against namesakes abroad: hints kept against far villages, two-word
demonyms opening a name, places set "in the town of", the two ends of a hyphened road."""

from __future__ import annotations

import pytest

from polemos.knowledge.actors import load_actor_kb
from polemos.knowledge.gazetteer import Gazetteer
from polemos.stages.doc_country import document_focus, toponym_votes


def _focus(text: str, gazetteer: Gazetteer) -> str | None:
    return document_focus(text, gazetteer, load_actor_kb(), 2017)


@pytest.mark.parametrize(
    "text",
    [
        # "Tur" is a Romanian village and "Bovec" a Slovenian one: neither is near Ethiopia nor a city, so
        # each is rather a namesake of a place the gazetteer lacks than where Oromo refugees went
        "Oromo farmers were beaten by soldiers in Tur.",
        "Oromo farmers were beaten by soldiers in Bovec.",
    ],
)
def test_a_hint_outweighs_a_far_village_abroad(gazetteer: Gazetteer, text: str) -> None:
    assert _focus(text, gazetteer) == "ET"


def test_a_hint_still_yields_to_a_city_abroad(gazetteer: Gazetteer) -> None:
    assert _focus("Oromo refugees protested outside the embassy in Nairobi.", gazetteer) == "KE"


def test_a_two_word_demonym_opening_a_name_votes(gazetteer: Gazetteer) -> None:
    text = "Staff of the South African Revenue Service went on strike in Auckland Park."
    votes, _ = toponym_votes(text, gazetteer)
    assert votes["ZA"] == pytest.approx(1.0)
    assert _focus(text, gazetteer) == "ZA"


@pytest.mark.parametrize(
    "text",
    [
        "Boko Haram gunmen raided a market in the border town of Mora.",
        "Boko Haram gunmen raided a market in the Kolofata area of the Far North.",
    ],
)
def test_a_place_after_in_the_town_of_is_set_there(gazetteer: Gazetteer, text: str) -> None:
    # set there, a place near the armed group's home takes its raid abroad
    places: dict[str, float] = {}
    toponym_votes(text, gazetteer, places)
    assert "CM" in places
    assert _focus(text, gazetteer) == "CM"


def test_both_ends_of_a_hyphened_road_count_in_full(gazetteer: Gazetteer) -> None:
    text = "Gunmen ambushed a truck in Amaki on the Gulu-Kitgum road."
    lying_in: dict[str, set[str]] = {}
    votes, _ = toponym_votes(text, gazetteer, lying_in=lying_in)
    assert lying_in["UG"] == {"gulu", "kitgum"} and votes["UG"] > 2.0
    assert _focus(text, gazetteer) == "UG"


def test_two_places_of_a_neighbour_take_a_raid_abroad_though_not_set_there(gazetteer: Gazetteer) -> None:
    assert _focus("Al-Shabaab fighters ambushed a bus on the Garissa-Mombasa road.", gazetteer) == "KE"


def test_a_name_reused_in_many_countries_yields_to_a_toponym_of_one(gazetteer: Gazetteer) -> None:
    # GeoNames has a Berlin in Germany and many more abroad, none in South Africa; Mdantsane is South
    # Africa's alone: the German capital must not outvote it
    text = "Residents of Mdantsane township near Berlin blocked the road with burning tyres."
    votes, _ = toponym_votes(text, gazetteer)
    assert votes["DE"] < votes["ZA"]
    assert _focus(text, gazetteer) == "ZA"
