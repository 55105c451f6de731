"""Sides a report names (a unit, a family, a town's militia, a leader's group) are coded as those actors,
not as an unidentified armed group or another camp."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from polemos.knowledge.actors import load_actor_kb
from polemos.knowledge.countries import load_countries
from polemos.model import Actor, Document
from polemos.stages.actor_communities import communal_feud, communal_sides, community_names, family_names
from polemos.stages.actor_scan import Scan
from polemos.stages.actor_units import unlisted_units
from polemos.stages.party_militias import party_militia
from polemos.taxonomy import EventType, SubEventType


def _named(text: str, year: int, iso2: str = "LY") -> list[tuple[str, str]]:
    """(text, actor) of each knowledge-base name the scan keeps in `text`."""
    countries = load_countries()
    scan = Scan(text, load_actor_kb(), countries, countries.get(iso2), year)
    return [(n.text, n.entry.name) for n in scan.named]


def _first_actor1(coder: Any, text: str, published: dt.date) -> str | None:
    events = list(coder.code(Document(id="named", text=text, published=published)))
    assert events, f"no event coded in {text!r}"
    return events[0].actor1.name if events[0].actor1 else None


# ---------------------------------------------------------------------------------------------- units
@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Men of the Nasr Martyrs Brigade stormed the depot.", ["Nasr Martyrs Brigade"]),
        ("A convoy of the Sabha-based Nasr Martyrs Brigade was ambushed.", ["Nasr Martyrs Brigade"]),
        ("The Abu Bakr al-Siddiq Battalion claimed the attack.", ["Abu Bakr al-Siddiq Battalion"]),
        # a count before the name is of the unit's men
        ("Two Bab Tajoura Brigade members were killed.", ["Bab Tajoura Brigade"]),
        ("Several Nasr Martyrs Brigade fighters were wounded.", ["Nasr Martyrs Brigade"]),
        # numbered and generic formations are a state's army, not named groups
        ("An officer of the 312 Armoured Brigade was shot.", []),
        ("Soldiers of the 41st Mountain Battalion were ambushed.", []),
        ("A Special Forces Battalion raided the camp.", []),
        ("Brigades for the Defence of Misrata attacked.", []),
        # a unit named by a country or its people is that state's contingent
        ("The Bangladeshi Battalion of the mission was ambushed.", []),
        ("Men of the Chad Brigade patrolled the road.", []),
    ],
)
def test_a_proper_name_before_brigade_is_a_unit_of_its_own(text: str, names: list[str]) -> None:
    countries = load_countries()
    found = unlisted_units(text, [], "LY", lambda word: countries.get(word) is not None)
    assert [e.name for _, _, e in found] == names
    assert all(e.inter == 3 and e.country == "LY" for _, _, e in found)


def test_a_unit_the_knowledge_base_names_is_not_named_again() -> None:
    text = "The Tripoli Revolutionaries Brigade moved in."
    assert unlisted_units(text, [(4, 39)], "LY") == []


def test_a_named_unit_is_the_doer_not_an_unidentified_group(coder: Any) -> None:
    text = "Fighters of the Nasr Martyrs Brigade clashed with gunmen in Sabha on Monday, leaving two dead."
    assert _first_actor1(coder, text, dt.date(2017, 5, 2)) == "Nasr Martyrs Brigade"


# ---------------------------------------------------------------------------------------------- families
def test_a_feud_of_named_families_is_a_communal_feud() -> None:
    text = "Clashes erupted in Sabratha between the militias of the rival Bashir and Gaddur families."
    assert communal_feud(EventType.BATTLES, None, text)
    assert communal_feud(EventType.BATTLES, None, "Two dead as a family feud turned violent.")
    # families as victims are no side of a feud
    assert not communal_feud(EventType.BATTLES, None, "Families fled as gunmen attacked the town.")


def test_named_families_are_clan_militias_in_any_country() -> None:
    sentence = "Fighting broke out between the militias of the rival Bashir and Gaddur families."
    names, families = community_names(sentence), family_names(sentence)
    assert names == ["Bashir", "Gaddur"] and families == {"Bashir", "Gaddur"}
    unnamed = Actor("Unidentified Communal Militia (Libya)", 4, "LY")
    a1, a2 = communal_sides(EventType.BATTLES, unnamed, None, "LY", names, families)
    assert (a1.name, a2 and a2.name) == ("Bashir Clan Militia (Libya)", "Gaddur Clan Militia (Libya)")
    # a town's community keeps its communal militia
    a1, _ = communal_sides(EventType.BATTLES, unnamed, None, "LY", ["Gharyan"])
    assert a1.name == "Gharyan Communal Militia (Libya)"


def test_a_family_feud_battle_is_coded_with_the_families_militias(coder: Any) -> None:
    text = (
        "Heavy fighting broke out in Sabratha on Sunday between the militias of the rival Bashir and "
        "Gaddur families, leaving three fighters dead."
    )
    assert _first_actor1(coder, text, dt.date(2017, 6, 12)) == "Bashir Clan Militia (Libya)"


# ---------------------------------------------------------------------------------------------- leaders
def test_a_leader_named_as_owner_of_another_group_gives_way_to_it() -> None:
    named = _named("Gunmen of Khalifa Ghwell's Libyan National Guard fired on a convoy.", 2017)
    assert named == [("Libyan National Guard", "Libyan National Guards")]


def test_a_leader_before_his_militia_of_a_town_stays() -> None:
    named = _named("Salah Burki's Misratan militia set up roadblocks.", 2017)
    assert ("Salah Burki", "Salah al-Burki Brigade") in named


def test_a_leader_named_before_his_groups_years_is_not_that_group() -> None:
    assert _named("General Khalifa Hifter inspected the troops.", 2012) == []
    assert _named("General Khalifa Hifter inspected the troops.", 2017) != []
    # after its years a leader's name still names his fallen regime's men
    assert _named("Men loyal to Gaddafi fired on the checkpoint.", 2012) != []


def test_a_leaders_other_spellings_name_his_group() -> None:
    named = _named("Men loyal to Abdul Ghani Ghneiwa seized a journalist.", 2017)
    assert [a for _, a in named] == ["Abu Salim Brigade"]


# ---------------------------------------------------------------------------------------------- towns
@pytest.mark.parametrize(
    ("text", "actor"),
    [
        ("A man died after being held by a militia from Zintan.", "Zintan Ethnic Militia (Libya)"),
        ("Militiamen from Zawiya closed the road.", "Zawiya Communal Militia (Libya)"),
        ("Members of the Zintan Communal Militia fired on a convoy.", "Zintan Ethnic Militia (Libya)"),
    ],
)
def test_a_militia_from_a_known_town_or_people_is_its_militia(text: str, actor: str) -> None:
    assert actor in [a for _, a in _named(text, 2012)]


def test_fighters_from_a_town_stay_unnamed() -> None:
    assert _named("Fighters from Misrata advanced on the town.", 2016) == []


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        (
            "The Benghazi Defense Brigade said it had left the airbase.",
            "Brigades for the Defence of Benghazi",
        ),
        ("Two members of the Fursan Janzour were wounded.", "Janzur Knights Brigade"),
        ("A video of the Tareq Bin Ziyad Brigade showed a prisoner.", "Tariq Ibn Ziyad Brigade"),
    ],
)
def test_spellings_the_press_uses_name_the_group(text: str, actor: str) -> None:
    assert actor in [a for _, a in _named(text, 2017)]


# ---------------------------------------------------------------------------------------------- parties
def test_a_partys_cadres_with_whom_they_included_are_its_militia() -> None:
    sentence = "UPND cadres including a ward councillor assaulted two traders in Kitwe."
    found = party_militia(EventType.VIOLENCE_AGAINST_CIVILIANS, SubEventType.ATTACK, None, sentence)
    assert found == Actor("UPND: United Party for National Development", 3, "ZM")


@pytest.mark.parametrize(
    ("sentence", "party"),
    [
        ("A voter was beaten by a UPND supporter in Kitwe.", "UPND: United Party for National Development"),
        ("Two officials were beaten by Kulmiye supporters in Burao.", "Kulmiye Party"),
        ("A teacher was slapped by an MEN supporter in Bouira.", "MEN: Movement of National Understanding"),
    ],
)
def test_one_supporter_of_a_party_is_its_militia(sentence: str, party: str) -> None:
    found = party_militia(EventType.VIOLENCE_AGAINST_CIVILIANS, SubEventType.ATTACK, None, sentence)
    assert found is not None and found.name == party


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        ("Mai Mai Simba militiamen looted shops near Lubero.", "Mayi Mayi Militia (Simba)"),
        ("Yakutumba fighters took a port on the lake.", "Mayi Mayi Militia (Yakutumba)"),
        ("Mai Mai militiamen looted shops near Lubero.", "Mayi Mayi Militia"),
        ("A pro-government militia, the Bana Mura, burned a village.", "Bana Mura"),
    ],
)
def test_congos_named_militias_are_their_own_actors(text: str, actor: str) -> None:
    assert [a for _, a in _named(text, 2017, "CD") if "Government" not in a] == [actor]
