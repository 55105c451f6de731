"""Who the named side is when a report names it by what it is, not by its name: residents who take up
arms are their locality's communal militia, and a state's coast guard is that state's forces."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from polemos.knowledge.actors import load_actor_kb
from polemos.model import Actor, Document, Place
from polemos.stages.actor_communities import communal_sides, community_names
from polemos.stages.actor_naming import ActorMention
from polemos.stages.actor_places import at_place
from polemos.taxonomy import EventType

BATTLES = EventType.BATTLES


def _events(coder: Any, text: str, day: dt.date = dt.date(2016, 8, 3)) -> list[Any]:
    return list(coder.code(Document(id="local-forces", text=text, published=day)))


def _sides(coder: Any, text: str, day: dt.date = dt.date(2016, 8, 3)) -> set[tuple[str, int]]:
    return {
        (a.name, a.inter) for e in _events(coder, text, day) for a in (e.actor1, e.actor2) if a is not None
    }


@pytest.mark.parametrize(
    "text",
    [
        "Fighting erupted in Kisumu in Kenya when armed locals attacked police units guarding the market.",
        "In Kenya, armed residents exchanged fire with soldiers in Kisumu, leaving two dead.",
    ],
)
def test_residents_who_take_up_arms_are_a_communal_militia(coder: Any, text: str) -> None:
    sides = _sides(coder, text)
    assert ("Unidentified Communal Militia (Kenya)", 4) in sides
    # not civilians: they fought
    assert all(not name.startswith("Civilians") for name, _ in sides)


def test_unarmed_residents_stay_civilians(coder: Any) -> None:
    sides = _sides(coder, "In Kenya, police shot dead three residents in Kisumu.")
    assert ("Civilians (Kenya)", 7) in sides
    assert all("Communal" not in name for name, _ in sides)


@pytest.mark.parametrize("words", ["the coastguards", "the coast guard", "a coastguard vessel"])
def test_a_coast_guard_is_the_states_forces(coder: Any, words: str) -> None:
    text = f"Armed smugglers opened fire on {words} off Mombasa in Kenya, and one smuggler was killed."
    sides = _sides(coder, text)
    assert any(name.startswith("Military Forces of Kenya") and inter == 1 for name, inter in sides), sides


# ------------------------------------------------------------------ the state's forces where two govern
GNA = "Military Forces of Libya (2016-) Government of National Accord"
HAFTAR = "Military Forces of Libya (2014-) Haftar Faction"


def _army(rule: str = "default:army LY 2017") -> ActorMention:
    return ActorMention(0, 14, "the coastguards", Actor(HAFTAR, 1, "LY"), rule, 0.5, True, "state")


def _place(name: str, admin1: str) -> Place:
    return Place(name, 32.0, 12.0, "LY", admin1)


def test_the_army_a_report_leaves_to_no_camp_is_the_government_that_holds_the_place() -> None:
    kb = load_actor_kb()
    west = at_place(kb, _army(), _place("Zuwarah", "An Nuqat al Khams"), "militants", (2017, 4, 25))
    assert isinstance(west, ActorMention) and west.actor.name == GNA
    # in the east, or where the knowledge base gives the place to no government, the country's reading
    east = at_place(kb, _army(), _place("Benghazi", "Banghazi"), "militants", (2017, 4, 25))
    assert isinstance(east, ActorMention) and east.actor.name == HAFTAR and east.rule == _army().rule
    # before the unity government sat in Tripoli
    early = at_place(
        kb, _army("default:army LY 2016"), _place("Tripoli", "Tripoli"), "militants", (2016, 2, 1)
    )
    assert isinstance(early, ActorMention) and early.actor.name == HAFTAR


def test_a_camp_the_report_shows_is_not_read_by_place() -> None:
    kb = load_actor_kb()
    framed = _army("framing:lna via 'the army'")
    kept = at_place(kb, framed, _place("Tripoli", "Tripoli"), "militants", (2017, 4, 25))
    assert kept is framed


def test_a_coast_guard_off_a_town_the_unity_government_holds_is_its_force(coder: Any) -> None:
    text = (
        "Libya seized a foreign tanker off Zuwara on Tuesday. Boats with armed men opened fire on the "
        "coastguards, who returned fire."
    )
    sides = _sides(coder, text, dt.date(2017, 4, 26))
    assert (GNA, 1) in sides, sides


def test_a_feuding_community_the_knowledge_base_knows_as_a_people_is_its_ethnic_militia() -> None:
    sides = communal_sides(
        BATTLES, None, None, "CI", community_names("Clashes between Malinke and Abbey communities.")
    )
    assert sides == (
        Actor("Malinke Ethnic Militia (Ivory Coast)", 4, "CI"),
        Actor("Abbey Communal Militia (Ivory Coast)", 4, "CI"),
    )


# ------------------------------------------------------------------ a province's branch
def _parent(name: str = "Islamic State (Libya)") -> ActorMention:
    return ActorMention(0, 5, "Daesh", Actor(name, 2, "LY"), "alias:Daesh", 0.9, False, "armed")


@pytest.mark.parametrize(
    ("place", "expected"),
    [
        (_place("Sabratah", "Az Zawiyah"), "Islamic State (Tripoli)"),
        (_place("Derna", "Darnah"), "Islamic State (Cyrenaica Province)"),
        (_place("Ubari", "Wadi al Hayat"), "Islamic State (Fezzan)"),
        (_place("Ghadames", "Nalut"), "Islamic State (Libya)"),  # no province's town: the report's words
    ],
)
def test_an_organisation_named_above_its_provinces_is_the_branch_that_holds_the_place(
    place: Place, expected: str
) -> None:
    found = at_place(load_actor_kb(), _parent(), place, "militants", (2017, 4, 25))
    assert isinstance(found, ActorMention) and found.actor.name == expected


def test_an_organisation_without_regional_branches_is_kept() -> None:
    m = _parent("Ansar al-Sharia")
    assert at_place(load_actor_kb(), m, _place("Benghazi", "Banghazi"), "militants", (2017, 4, 25)) is m


def test_a_chain_of_leading_links_ends_at_who_leads(coder: Any) -> None:
    text = (
        "Fierce clashes broke out in Tripoli between forces of the unity government and gunmen led by "
        "pro-GNC factions led by Fakhr Libya, killing nine."
    )
    names = {name for name, _ in _sides(coder, text, dt.date(2017, 5, 27))}
    assert "Fakhr Libya" in names and not any("General National Congress" in n for n in names), names
