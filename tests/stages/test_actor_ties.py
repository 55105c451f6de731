"""Actors a report ties to a parent, a plane or a later sentence: a parent force's named unit is the side
on its own; an aircraft's owner named before it, or a state a report ascribes a strike to, struck; a
later identity statement ("The gunmen were members of X") names an unnamed doer; whoever held people did
what they suffered in captivity."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from polemos.knowledge.actors import load_actor_kb
from polemos.model import Document
from polemos.stages.actor_owners import MILITARY_AIRCRAFT
from polemos.stages.actors import DocumentActors
from polemos.taxonomy import EventType


@pytest.fixture(scope="module")
def kb() -> Any:
    return load_actor_kb()


def _mentions(kb: Any, text: str, country: str, year: int) -> dict[str, str]:
    doc = DocumentActors.build(text, kb, country=country, year=year, month=5, day=10)
    return {text[m.start : m.end]: m.actor.name for m in doc.mentions}


def _actor1(coder: Any, text: str, etype: EventType, day: dt.date) -> str:
    events = [e for e in coder.code(Document(id="ties", text=text, published=day)) if e.event_type is etype]
    assert events, f"no {etype.value} event coded in {text!r}"
    assert events[0].actor1 is not None
    return str(events[0].actor1.name)


# ---------------------------------------------------------------------- a parent force's named unit
def test_a_parent_forces_named_unit_is_the_side_alone(kb: Any) -> None:
    found = _mentions(
        kb, "Fighting broke out near Ajdabiya between the LNA's Arouba Brigade and IS.", "Libya", 2016
    )
    assert found.get("Arouba Brigade") == "Arouba Brigade"
    assert "LNA" not in found


def test_a_parent_forces_numbered_unit_stays_the_parent(kb: Any) -> None:
    found = _mentions(
        kb, "Fighting broke out near Ajdabiya between the LNA's 106 Brigade and IS.", "Libya", 2016
    )
    assert found.get("LNA", "").startswith("Military Forces of Libya")


def test_a_unit_named_after_an_owner_with_a_two_word_name(kb: Any) -> None:
    found = _mentions(
        kb, "Clashes erupted between the Third Force's Hamza Brigade and Tebu fighters.", "Libya", 2017
    )
    assert found.get("Hamza Brigade") == "Hamza Brigade"
    assert "Third Force" not in found


# ---------------------------------------------------------------------- aircraft and their owners
@pytest.mark.parametrize(
    ("text", "actor"),
    [
        # an owner named right before the aircraft model, the strike told in the next sentence
        ("A Libyan National Army (LNA) Su-22 jet came down on 3 May. It had been carrying out a strike on "
         "militant positions in Derna.", "Military Forces of Libya (2014-) Haftar Faction"),
        # a state ascribed to strikes in an aside
        ("New airstrikes (probably Emirati) hit positions south of Sabha on Monday.",
         "Military Forces of the United Arab Emirates"),
        ("Airstrikes, believed to be Egyptian, hit sites near Jufra on Monday.", "Military Forces of Egypt"),
    ],
)  # fmt: skip
def test_the_owner_or_ascribed_state_of_an_air_strike_struck(coder: Any, text: str, actor: str) -> None:
    assert _actor1(coder, text, EventType.EXPLOSIONS, dt.date(2017, 5, 10)).startswith(actor)


# ---------------------------------------------------------------------- a later identity statement
def test_a_later_sentence_from_a_town_names_the_militia(kb: Any) -> None:
    text = (
        "A militia guarding a hospital in Zawiya shot a nurse dead on Sunday. "
        "The militia guarding the hospital are from Zintan, a local official said."
    )
    found = _mentions(kb, text, "Libya", 2016)
    assert found["A militia"] == found["The militia"] == "Zintan Ethnic Militia (Libya)"


def test_a_later_sentence_naming_the_attackers_names_the_gunmen(kb: Any) -> None:
    text = (
        "Gunmen raided a village in Zamfara on Friday, killing nine farmers. "
        "Police said the attackers were Fulani herdsmen."
    )
    assert _mentions(kb, text, "Nigeria", 2018)["Gunmen"] == "Fulani Ethnic Militia (Nigeria)"


@pytest.mark.parametrize(
    "later",
    [
        "The gunmen were wearing uniforms of the Nigerian Army.",
        "The gunmen escaped into the forest near the Fulani camp.",
        "Fulani herdsmen were blamed for an earlier raid.",
    ],
)
def test_no_identity_statement_leaves_the_doer_unnamed(kb: Any, later: str) -> None:
    text = f"Gunmen raided a village in Zamfara on Friday, killing nine farmers. {later}"
    assert _mentions(kb, text, "Nigeria", 2018)["Gunmen"] == "Unidentified Armed Group (Nigeria)"


# ---------------------------------------------------------------------- who held the victims
def test_who_detained_people_did_what_they_suffered_in_detention(coder: Any) -> None:
    text = (
        "Witnesses said army soldiers stormed homes in Kidal on Monday, arresting dozens of young men. "
        "Relatives say those detained have been beaten and tortured."
    )
    actor = _actor1(coder, text, EventType.VIOLENCE_AGAINST_CIVILIANS, dt.date(2017, 5, 10))
    assert actor.startswith("Military Forces of Mali")


def test_people_held_by_no_one_named_stay_with_an_unnamed_doer(coder: Any) -> None:
    text = (
        "Army soldiers patrolled the market in Kidal on Monday. "
        "Relatives say those detained have been beaten and tortured."
    )
    actor = _actor1(coder, text, EventType.VIOLENCE_AGAINST_CIVILIANS, dt.date(2017, 5, 10))
    assert actor.startswith("Unidentified Armed Group")


def test_victims_of_another_sentence_are_no_identity_statement(kb: Any) -> None:
    text = "Gunmen raided a village in Zamfara on Friday. The dead gunmen were Fulani herdsmen, police said."
    assert _mentions(kb, text, "Nigeria", 2018)["Gunmen"] == "Unidentified Armed Group (Nigeria)"


def test_a_named_doer_of_people_held_is_not_replaced_by_their_holders(kb: Any) -> None:
    text = (
        "Army soldiers arrested dozens of young men in Kidal on Monday. "
        "On Tuesday gunmen stormed the camp and shot those detained."
    )
    assert _mentions(kb, text, "Mali", 2017)["gunmen"] == "Unidentified Armed Group (Mali)"


@pytest.mark.parametrize(
    ("text", "aircraft"),
    [
        ("A MiG-21 plane crashed near the base.", True),
        ("Two Su-24 jets struck the depot.", True),
        ("Mi-24 gunships fired on the convoy.", True),
        # a letter and a number are as often a road: no aircraft
        ("Gunmen blocked the A-1 highway near the bridge.", False),
        ("Bandits attacked a bus on the B-8 road.", False),
        ("Soldiers fired AK-47 rifles and a BM-21 launcher.", False),
    ],
)
def test_aircraft_models_are_told_from_roads_and_guns(text: str, aircraft: bool) -> None:
    assert (MILITARY_AIRCRAFT.search(text) is not None) is aircraft
