"""Tests for two readings of a report's country words: a country reached by a journey ("fled to
Uganda") is where someone went, not where the report happens; and a demonym after a capitalised numeral
that opens a sentence ("Two Libyan pilots") still names its country."""

from __future__ import annotations

import pytest

from polemos.knowledge.actors import load_actor_kb
from polemos.knowledge.gazetteer import Gazetteer
from polemos.stages.doc_country import document_focus
from polemos.stages.place_votes import FOREIGNERS, toponym_votes


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the pilots' own country, not the island they flew to
        ("Jets bombed a crowd of marchers. Two Libyan pilots defected and flew to Malta.", "LY"),
        ("Three Sudanese soldiers deserted and fled to Chad.", "SD"),
    ],
)
def test_a_journeys_end_is_not_the_reports_country(gazetteer: Gazetteer, text: str, expected: str) -> None:
    assert document_focus(text, gazetteer, load_actor_kb(), 2011) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Hundreds of families fled to Uganda after the fighting.",
        "The activist was deported to Rwanda on Monday.",
        "The migrants were flown back to Nigeria.",
    ],
)
def test_a_country_reached_by_a_journey_counts_as_foreigners_do(gazetteer: Gazetteer, text: str) -> None:
    votes, _ = toponym_votes(text, gazetteer)
    assert list(votes.values()) == [FOREIGNERS]


@pytest.mark.parametrize(
    "text",
    [
        "Ethiopian troops crossed into Somalia on Tuesday.",  # "into" sets what follows there
        "Fighting broke out in Uganda on Monday.",
        "Gunmen attacked a convoy travelling through Niger.",
    ],
)
def test_other_country_names_keep_their_weight(gazetteer: Gazetteer, text: str) -> None:
    votes, _ = toponym_votes(text, gazetteer)
    assert max(votes.values()) > FOREIGNERS


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Two Libyan pilots defected on Monday.", "LY"),
        ("Several Kenyan policemen were wounded.", "KE"),
        ("Four Nigerian soldiers were killed.", "NG"),
    ],
)
def test_a_demonym_after_an_opening_numeral_votes(gazetteer: Gazetteer, text: str, expected: str) -> None:
    votes, _ = toponym_votes(text, gazetteer)
    assert max(votes, key=lambda c: votes[c]) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A car bomb went off outside the Qatar embassy in Hodan district on Monday.", "SO"),
        ("Protesters gathered outside the Turkish embassy in Dakar.", "SN"),
        ("Gunmen fired at the embassy of Egypt in the Hodan district of Mogadishu.", "SO"),
    ],
)
def test_an_embassys_state_is_not_where_it_stands(gazetteer: Gazetteer, text: str, expected: str) -> None:
    assert document_focus(text, gazetteer, load_actor_kb(), 2017) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Italian diplomats were threatened on Monday.",
        "Two Zambian diplomats were attacked on Monday.",
    ],
)
def test_a_states_envoys_count_as_foreigners_do(gazetteer: Gazetteer, text: str) -> None:
    votes, _ = toponym_votes(text, gazetteer)
    assert list(votes.values()) == [FOREIGNERS]


def test_a_village_named_by_a_word_that_opens_a_sentence_counts_half(gazetteer: Gazetteer) -> None:
    # "Irate" is also a village abroad: as the sentence's first word it is rather English
    text = "A suspected thief was lynched in Bomet on Friday. Irate residents then burned his house."
    assert document_focus(text, gazetteer, load_actor_kb(), 2017) == "KE"


def test_a_notes_arrest_label_is_no_village(gazetteer: Gazetteer) -> None:
    # "Arrest" is a village in France: a report's label "Arrest:" before its text names no place
    text = "Arrest: security forces detained a journalist at a checkpoint."
    assert document_focus(text, gazetteer, load_actor_kb(), 2011) != "FR"
