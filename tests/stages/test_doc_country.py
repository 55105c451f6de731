"""Tests for the document's country: own actors and institutions first, then toponyms with namesakes."""

from __future__ import annotations

import pytest

from polemos.knowledge.actors import load_actor_kb
from polemos.knowledge.gazetteer import Gazetteer, load_gazetteer
from polemos.stages.doc_country import document_focus, toponym_votes


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return load_gazetteer()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a party or force of one country decides before any toponym
        ("UPND supporters clashed with police in Barcelona township.", "ZM"),
        ("FARDC soldiers patrolled near the lake.", "CD"),
        # a big city of the report's country outweighs a namesake of the smaller place beside it
        ("Protesters gathered outside the offices in Auckland Park, Johannesburg.", "ZA"),
        # a demonym often names a foreign party: the town still decides
        ("Egyptian warplanes struck Derna.", "LY"),
        ("Turkish drones hit Tripoli.", "LY"),
        ("People gathered in the square.", None),
    ],
)
def test_document_focus(gazetteer: Gazetteer, text: str, expected: str | None) -> None:
    assert document_focus(text, gazetteer, load_actor_kb(), 2016) == expected


def test_toponym_votes_count_namesakes_below_the_main_reading(gazetteer: Gazetteer) -> None:
    votes, first = toponym_votes("Fighting in Tripoli.", gazetteer)
    assert max(votes, key=lambda c: votes[c]) == "LY"
    assert set(votes) > {"LY"} and first["LY"] == len("Fighting in ")


def test_toponym_votes_ignore_a_geonames_namesake_with_no_population(gazetteer: Gazetteer) -> None:
    # GeoNames lists an unpeopled Chinese "Beida": it must not make a Libyan report Chinese
    votes, _ = toponym_votes("Gunmen attacked a checkpoint in Beida.", gazetteer)
    assert "CN" not in votes


def test_toponym_votes_count_a_demonym_that_opens_a_name(gazetteer: Gazetteer) -> None:
    votes, first = toponym_votes("Units of the Libyan National Army advanced.", gazetteer)
    assert votes == {"LY": pytest.approx(1.0)} and first["LY"] == len("Units of the ")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a demonym names a foreign party; the place something happens "in" names the report's country
        ("A small Turkish fishing boat was seized by armed men in Zuwara.", "LY"),
        ("A small Maltese tug was seized by armed men in Zuwara on Monday.", "LY"),
        # a demonym still decides where no place is named; "into" a town sets the scene there too
        ("Turkish drones struck the base.", "TR"),
        ("Nigerian troops crossed into Diffa.", "NE"),
    ],
)
def test_a_place_set_as_the_scene_outweighs_a_demonym(gazetteer: Gazetteer, text: str, expected: str) -> None:
    assert document_focus(text, gazetteer, load_actor_kb(), 2016) == expected


def test_the_country_holding_most_toponyms_wins_over_bigger_namesakes(gazetteer: Gazetteer) -> None:
    # Benin has a Plateau province and Italy a Bassa, but only Nigeria holds both names
    text = "Herders attacked a village in Bassa Local Government Area of Plateau State."
    assert document_focus(text, gazetteer, load_actor_kb(), 2017) == "NG"


def test_a_word_opening_the_sentence_holds_no_toponym(gazetteer: Gazetteer) -> None:
    # "Early" is an American town: with "Tripoli" (also American) it must not make the report American
    assert document_focus("Early morning raids hit Tripoli.", gazetteer, load_actor_kb(), 2011) == "LY"


def test_a_name_that_ends_a_run_after_of_counts_in_full(gazetteer: Gazetteer) -> None:
    # "Mogadishu" of "Wadajir District of Mogadishu" is the city's own name, not a loose fit
    votes, _ = toponym_votes("Gunmen killed an elder in the Wadajir District of Mogadishu.", gazetteer)
    assert votes["SO"] >= 1.5
