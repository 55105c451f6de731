"""Names the places stage used to misread: an English "at" joining a run, sentence-initial common words
read as foreign towns, renamed cities, a town's full name, a border crossing."""

from __future__ import annotations

import pytest

from polemos.knowledge.gazetteer import Gazetteer
from polemos.stages.places import find_places


@pytest.mark.parametrize(
    ("text", "focus", "name"),
    [
        # "at" is an English word here, not the Arabic article: the run is "Cape Town" alone.
        ("Lectures at Cape Town campus were called off after a sit-in.", None, "Cape Town"),
        ("Workers at Benghazi port went on strike.", "LY", "Benghazi"),
    ],
)
def test_an_english_connector_does_not_join_a_name(
    gazetteer: Gazetteer, text: str, focus: str | None, name: str
) -> None:
    assert [p.name for p in find_places(text, gazetteer, country_focus=focus)] == [name]


def test_a_hyphened_article_still_joins_a_name(gazetteer: Gazetteer) -> None:
    text = "Gunmen attacked a market in Qasr al-Akhyar on Monday."
    places = find_places(text, gazetteer, country_focus="LY")
    assert [text[p.start : p.end] for p in places] == ["Qasr al-Akhyar"]


@pytest.mark.parametrize(
    "text",
    [
        "Date of the raid could not be confirmed.",
        "Border guards fired on smugglers overnight.",
        "Students of a Peninsula college boycotted classes.",
    ],
)
def test_a_capitalised_common_word_is_no_foreign_town(gazetteer: Gazetteer, text: str) -> None:
    assert find_places(text, gazetteer) == []


@pytest.mark.parametrize(
    ("text", "admin1"),
    [
        ("Taxi drivers blocked roads in Port Elizabeth.", "Eastern Cape"),
        ("A march in Nelspruit.", "Mpumalanga"),
    ],
)
def test_a_renamed_city_is_found_by_its_old_name(gazetteer: Gazetteer, text: str, admin1: str) -> None:
    places = find_places(text, gazetteer, country_focus="ZA")
    assert [(p.country, p.admin1) for p in places] == [("South Africa", admin1)]


def test_a_town_named_with_its_valley_is_the_town(gazetteer: Gazetteer) -> None:
    text = "Aircraft struck a depot in Brak al-Shatti overnight."
    places = find_places(text, gazetteer, country_focus="LY")
    assert [(p.name, p.feature) for p in places] == [("Brak", "P")]


def test_a_border_crossing_is_a_place(gazetteer: Gazetteer) -> None:
    text = "Traders protested at the Ras Jdir border crossing."
    places = find_places(text, gazetteer, country_focus="LY")
    assert [(p.name, p.feature) for p in places] == [("Ras Ajdir", "S")]
