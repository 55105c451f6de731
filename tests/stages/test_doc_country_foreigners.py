"""Tests for a demonym that tells the nationality of foreigners, migrants or victims: it counts less than
a place the report names, which is where it happens, and alone tells no country."""

from __future__ import annotations

import pytest

from polemos.knowledge.actors import load_actor_kb
from polemos.knowledge.countries import load_countries
from polemos.knowledge.gazetteer import Gazetteer
from polemos.stages.doc_country import document_focus, foreigners_country, infer_country
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
        # a report with no place keeps its forces' country
        ("Kenyan police dispersed protesters with tear gas.", "KE"),
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
        # people named by their nationality at work or travelling abroad
        ("Danish national was stabbed", True),
        ("Filipino workers were abducted", True),
        ("Italian photo journalists were wounded", True),
        ("Norwegian tourists were robbed", True),
        ("Korean citizens were seized", True),
        # "national" before a noun names an institution, not a person
        ("Afghan national army retook", False),
        ("Somali national police fired", False),
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


@pytest.mark.parametrize(
    "text",
    [
        "A Danish national was stabbed to death outside his house.",
        "Ethiopian migrants were detained on Tuesday.",
        "Two Filipino workers were abducted by unknown gunmen.",
        "Three Norwegian tourists were robbed by armed men at night.",
        "Hundreds of Vietnamese workers rioted and torched the company's offices.",
        "Five Tunisian nationals were arrested by security forces.",
        # a demonym naming one person: "an American", "a British reported injured"
        "An American was kidnapped on Monday.",
        "Two Italian photo journalists were killed and a British reported injured.",
    ],
)
def test_a_foreigners_nationality_alone_tells_no_country(gazetteer: Gazetteer, text: str) -> None:
    # they are named where they are abroad: the report's country is its run's, if any (batch_country)
    assert document_focus(text, gazetteer, load_actor_kb(), 2016) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Two Filipino workers were abducted by unknown gunmen in Sabha.", "LY"),
        ("A Danish national was stabbed to death in Kismayo.", "SO"),
        # the foreigners' country is still a vote beside a place: namesakes of it are read there
        ("Kenyan police arrested five Tunisian nationals.", "KE"),
    ],
)
def test_a_place_or_an_own_force_still_tells_the_country(
    gazetteer: Gazetteer, text: str, expected: str
) -> None:
    assert document_focus(text, gazetteer, load_actor_kb(), 2016) == expected


def test_the_actors_stage_infers_no_country_from_a_foreigners_nationality() -> None:
    countries = load_countries()
    kb = load_actor_kb()
    assert infer_country("A Danish national was stabbed to death.", kb, countries, 2016) is None
    found = infer_country("Danish warplanes struck a convoy.", kb, countries, 2016)
    assert found is not None and found.iso2 == "DK"


def test_the_foreigners_country_is_that_of_their_one_nationality() -> None:
    countries = load_countries()
    found = foreigners_country("Gunmen killed three Somali nationals in a shop.", countries)
    assert found is not None and found.iso2 == "SO"
    assert foreigners_country("Migrants from Niger and Chadian traders were robbed.", countries) is None
    assert foreigners_country("Kenyan police arrested a suspect.", countries) is None


def test_a_country_ending_an_institutions_name_tells_no_nationality(gazetteer: Gazetteer) -> None:
    text = "University of Ghana workers went on strike over unpaid salaries."
    start = text.index("Ghana")
    assert not names_foreigners(text, start, start + len("Ghana"))
    assert document_focus(text, gazetteer, load_actor_kb(), 2016) == "GH"


@pytest.mark.parametrize(
    ("text", "word", "expected"),
    [
        ("Gunmen seized an American on Monday.", "American", True),
        ("Gunmen seized an American, a teacher.", "American", True),
        ("A Frenchwoman and a Belgian were robbed.", "Belgian", True),
        ("Gunmen attacked an American convoy.", "American", False),  # a thing of the country, no person
        ("A British soldier was killed.", "British", False),
        ("The Danish government said", "Danish", False),
    ],
)
def test_a_demonym_naming_one_person(text: str, word: str, expected: bool) -> None:
    start = text.index(word)
    assert names_foreigners(text, start, start + len(word)) is expected
