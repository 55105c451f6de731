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
