"""Tests for the country a report gives only by its peoples, admin-unit words, currency or parties."""

from __future__ import annotations

import pytest

from polemos.errors import KnowledgeError
from polemos.knowledge.actors import load_actor_kb
from polemos.knowledge.countries import load_countries, parse_state_names
from polemos.knowledge.gazetteer import Gazetteer
from polemos.stages.doc_country import document_focus, own_country_votes


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a people that lives mostly in one country places a report that names no known place
        ("Oromo farmers marched against the land seizures on Tuesday.", "ET"),
        ("Youths from the Igbo community blocked the highway.", "NG"),
        ("Dinka herders and their neighbours clashed over grazing land.", "SS"),
        # a country's own admin-unit words
        ("Residents of the woreda staged a sit-in outside the administration office.", "ET"),
        ("Gunmen abducted a council chairman in the LGA late on Sunday.", "NG"),
        ("Villagers of the fokontany said dahalo stole forty head of cattle.", "MG"),
        # its currency
        ("Traders shut their stalls over a new levy of 500 cedis.", "GH"),
        # its parties and national unions, which vote as the parties already listed do
        ("UGTT members went on strike over unpaid wages.", "TN"),
        ("National Democratic Congress supporters set fire to the party office.", "GH"),
    ],
)
def test_a_hint_places_a_report_that_names_no_known_place(
    gazetteer: Gazetteer, text: str, expected: str
) -> None:
    assert document_focus(text, gazetteer, load_actor_kb(), 2016) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a people is named abroad too (refugees, a diaspora): the town where it happens decides
        ("Oromo refugees protested outside the embassy in Nairobi.", "KE"),
        ("Igbo traders said their shops in Kumasi were looted.", "GH"),
        # a raid across a border: the town raided decides, not the raiders' people
        ("Toposa cattle raiders attacked herders near Lodwar overnight.", "KE"),
        ("Gunmen from the Kalenjin community raided a farm in Kampala.", "UG"),
    ],
)
def test_a_toponym_elsewhere_outweighs_a_hint(gazetteer: Gazetteer, text: str, expected: str) -> None:
    assert document_focus(text, gazetteer, load_actor_kb(), 2016) == expected


def test_a_hint_is_no_actor_of_the_report_and_a_party_is() -> None:
    # a people names no actor's country ("Kikuyu youths" may gather abroad); a party does
    kb, countries = load_actor_kb(), load_countries()
    assert own_country_votes("Kikuyu youths gathered.", kb, countries, 2016) == {}
    assert own_country_votes("UGTT members gathered.", kb, countries, 2016) == {"TN": 2}


def test_peoples_shared_by_several_countries_are_no_hint() -> None:
    found = load_countries().hint_index.find("Fulani, Tuareg and Hausa traders met Somali elders.")
    assert found == []


def test_a_hint_word_inside_a_longer_word_is_no_hint() -> None:
    assert load_countries().hint_index.find("The Bambaran and Shonalands teams.") == []


def test_state_names_reject_an_unknown_list() -> None:
    with pytest.raises(KnowledgeError, match="unknown list"):
        parse_state_names({"state_names": {"Kenya": {"peoples": ["Kikuyu"]}}})


def test_state_names_accept_hints() -> None:
    parsed = parse_state_names({"state_names": {"Kenya": {"hints": ["Kikuyu"]}}})
    assert parsed == {"Kenya": {"hints": ("Kikuyu",)}}
