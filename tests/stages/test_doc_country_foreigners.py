"""Tests for a demonym that tells the nationality of foreigners, migrants or victims: it counts less than
a place the report names, which is where it happens."""

from __future__ import annotations

import pytest

from polemos.knowledge.actors import load_actor_kb
from polemos.knowledge.gazetteer import Gazetteer
from polemos.stages.doc_country import document_focus
from polemos.stages.place_focus import country_focus
from polemos.stages.place_votes import FOREIGNERS, names_foreigners, toponym_votes


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the place is named but not as a setting ("residents of", "youths from"): before, the victims'
        # demonym outvoted it
        ("Residents of Kasoa attacked Nigerian traders.", "GH"),
        ("Kamwenge residents attacked Kenyan traders on Monday.", "UG"),
        ("Youths from Moyale attacked Ethiopian migrants.", "KE"),
    ],
)
def test_a_place_outweighs_the_victims_nationality(gazetteer: Gazetteer, text: str, expected: str) -> None:
    assert document_focus(text, gazetteer, load_actor_kb(), 2016) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # forces are no foreigners' nationality: the place they fight in decides as before
        ("Ethiopian troops attacked al-Shabaab positions around Baidoa.", "SO"),
        # a report with no place keeps its forces' or its migrants' country
        ("Kenyan police dispersed protesters with tear gas.", "KE"),
        ("Ethiopian migrants were detained on Tuesday.", "ET"),
        # the forces' country, not the refugees' they shelled
        ("Ethiopian troops shelled Kenyan refugees.", "ET"),
    ],
)
def test_other_demonyms_keep_their_weight(gazetteer: Gazetteer, text: str, expected: str) -> None:
    assert document_focus(text, gazetteer, load_actor_kb(), 2016) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Somali nationals were attacked", True),
        ("Zimbabwean truckers were attacked", True),
        ("Ethiopian illegal migrants were held", True),
        ("Bangladeshi shop owners fled", True),
        ("Ethiopian troops were attacked", False),
        ("Kenyan police fired", False),
        ("Ethiopian forces killed refugees", False),  # two words between: not the refugees' demonym
    ],
)
def test_names_foreigners_after_a_demonym(text: str, expected: bool) -> None:
    end = text.index(" ")
    assert names_foreigners(text, 0, end) is expected


def test_a_country_after_nationals_from_counts_as_little(gazetteer: Gazetteer) -> None:
    text = "Foreign nationals from Malawi were attacked by a mob."
    start = text.index("Malawi")
    assert names_foreigners(text, start, start + len("Malawi"))
    votes, _ = toponym_votes(text, gazetteer)
    assert votes["MW"] == pytest.approx(FOREIGNERS)
    votes, _ = toponym_votes("Troops from Malawi were deployed.", gazetteer)
    assert votes["MW"] > FOREIGNERS


def test_the_toponym_only_focus_weighs_victims_less_too(gazetteer: Gazetteer) -> None:
    assert country_focus("Kenyan traders were attacked by Kamwenge residents.", gazetteer) == "UG"
    assert country_focus("Nigerian traders were attacked by youths from Kasoa.", gazetteer) == "GH"
    # alone, the victims' demonym still places the report
    assert country_focus("Kenyan traders were attacked on Monday.", gazetteer) == "KE"
