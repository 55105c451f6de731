"""Who did it, as a report's wording tells: a claimant is not the doer where it names another (but is where
it claims its own deed), fire "from" a party is that party's, a strike told without its striker takes the
sides the report is about, a country named as a place is no party, a demonym before a navy's ship names
that state's forces, a country name before a clause is no label of it ("Egypt bombed militants"), and
where the knowledge base knows no desk habit of order, state forces go before the named groups they fight;
a transnational group named where it has a single branch is that branch."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from coded_sides import coded_sides

from polemos.knowledge.actors import load_actor_kb
from polemos.stages.actors import DocumentActors

GADDAFI = "Military Forces of Libya (1969-2011)"
REBELS = "Libyan Rebel Forces"
NLA = "NLA: National Liberation Army"
NATO_2011 = "Operation Unified Protector: NATO Mission in Libya (2011-2011)"
HAFTAR = "Military Forces of Libya (2014-) Haftar Faction"
BRSC = "BRSC: Shura Council of Benghazi Revolutionaries"
UAG_LY = "Unidentified Armed Group (Libya)"


def _sides(coder: Any, text: str, published: dt.date) -> tuple[str | None, str | None]:
    return coded_sides(coder, text, published)


def _names(text: str, country: str, year: int) -> set[str]:
    doc = DocumentActors.build(text, load_actor_kb(), country=country, year=year)
    return {m.actor.name for m in doc.mentions}


def test_a_claimant_that_blames_another_party_is_not_the_doer(coder: Any) -> None:
    text = "Gaddafi forces blamed NATO for bombing an oil depot near Brega on Tuesday."
    assert _sides(coder, text, dt.date(2011, 5, 12))[0] == NATO_2011


def test_a_party_reporting_an_unnamed_deed_is_still_its_doer(coder: Any) -> None:
    text = "The LNA reported that a boat carrying supplies to militants was bombed off Benghazi on Sunday."
    assert _sides(coder, text, dt.date(2017, 3, 20))[0] == HAFTAR


def test_a_claim_of_responsibility_keeps_the_claimant_as_the_perpetrator(coder: Any) -> None:
    text = "Al Shabaab claimed responsibility for a roadside bomb that killed three civilians near Afgooye."
    assert _sides(coder, text, dt.date(2017, 5, 10))[0] == "Al Shabaab"


def test_fire_from_a_party_is_that_partys_whoever_the_subject_is(coder: Any) -> None:
    # March 2011: no camp leads Libya's battles, so the order is the report's own
    text = "Rebel fighters came under heavy shelling from Gaddafi forces near Brega on Wednesday."
    assert _sides(coder, text, dt.date(2011, 3, 10)) == (GADDAFI, REBELS)


def test_shelling_told_without_its_striker_takes_the_sides_of_the_fighting_reported(coder: Any) -> None:
    text = (
        "LNA forces advanced in the Ganfouda district of Benghazi on Monday against BRSC fighters. "
        "Four civilians were killed in shelling in the area."
    )
    assert _sides(coder, text, dt.date(2017, 2, 28)) == (HAFTAR, BRSC)


def test_a_mine_told_without_its_planter_is_the_armed_group_the_report_is_about(coder: Any) -> None:
    text = (
        "Two men were killed by a landmine in Sirte on Sunday. "
        "The mine was planted by the Islamic State before it was driven out of the town."
    )
    assert _sides(coder, text, dt.date(2017, 4, 10))[0] == "Islamic State (Tripoli)"


def test_a_bomb_on_state_forces_told_without_its_planter_stays_unidentified(coder: Any) -> None:
    # armies seldom plant bombs: the state force the report names is the target, not the planter
    text = "Two soldiers were wounded when a car bomb exploded near an LNA checkpoint in Benghazi on Sunday."
    assert _sides(coder, text, dt.date(2017, 4, 10)) == (UAG_LY, HAFTAR)


@pytest.mark.parametrize(
    ("text", "foreign"),
    [
        ("Rebel forces took two towns near the border with Tunisia on Friday.", "Military Forces of Tunisia"),
        ("A senior Gaddafi aide defected to Britain on Sunday.", "Military Forces of United Kingdom"),
        ("Gaddafi forces attacked the Libya/Tunisia border crossing at Wazin.", "Military Forces of Tunisia"),
        ("Refugees fled from Libya into Egypt on Monday.", "Military Forces of Egypt"),
        ("Hundreds of migrants arrived from Chad on Monday.", "Military Forces of Chad"),
    ],
)
def test_a_country_named_as_a_place_is_no_party(text: str, foreign: str) -> None:
    assert not any(n.startswith(foreign) for n in _names(text, "LY", 2011))


@pytest.mark.parametrize(
    "text",
    ["Egypt bombed militant camps near Derna.", "The LNA received armoured vehicles from Egypt.",
     "The LNA is funded through Egypt.", "A drone belonging to Egypt was downed near Sirte."],
)  # fmt: skip
def test_a_country_named_as_a_party_or_backer_is_still_its_forces(text: str) -> None:
    assert "Military Forces of Egypt (2014-)" in _names(text, "LY", 2017)


def test_a_country_before_a_clause_does_not_qualify_the_label_after_the_verb() -> None:
    names = _names("Egypt bombed militant camps near Derna on Tuesday.", "LY", 2017)
    assert "Unidentified Armed Group (Egypt)" not in names


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        (
            "Gaddafi forces fired rockets at a Canadian warship off Misrata on Thursday.",
            dt.date(2011, 5, 20),
            ("Military Forces of Canada", GADDAFI),
        ),
        (
            "Gaddafi forces launched missiles on an Italian frigate off the coast of Zlitan.",
            dt.date(2011, 7, 20),
            ("Military Forces of Italy", GADDAFI),
        ),
    ],
)
def test_a_demonym_before_a_ship_of_war_names_that_states_forces(
    coder: Any, text: str, published: dt.date, expected: tuple[str, str]
) -> None:
    # a foreign force goes before the conflict's leading camp
    assert _sides(coder, text, published) == expected


def test_a_demonyms_submarines_are_its_forces() -> None:
    names = _names("British submarines launched missiles at air defences near Tripoli.", "LY", 2011)
    assert "Military Forces of United Kingdom" in names


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Al Shabaab fighters attacked Somali soldiers near Afgooye on Monday.",
            ("Military Forces of Somalia (2017-)", "Al Shabaab"),
        ),
        (
            "Boko Haram fighters attacked Nigerian troops near Maiduguri on Monday.",
            ("Military Forces of Nigeria (2015-)", "Boko Haram - Wilayat Gharb Ifriqiyyah"),
        ),
        # an unidentified attacker stays first
        (
            "Unidentified gunmen attacked Kenyan police officers in Mandera on Monday.",
            ("Unidentified Armed Group (Kenya)", "Police Forces of Kenya (2013-)"),
        ),
    ],
)
def test_where_no_desk_habit_is_known_state_forces_go_before_the_named_groups_they_fight(
    coder: Any, text: str, expected: tuple[str, str]
) -> None:
    assert _sides(coder, text, dt.date(2017, 5, 10)) == expected


@pytest.mark.parametrize(
    ("text", "country", "expected"),
    [
        ("Islamic State militants attacked a checkpoint in Arish.", "EG", "State of Sinai"),
        # several branches in the country: the one named "<group> (<country>)", then by its areas
        ("Islamic State militants attacked a checkpoint in Sirte.", "LY", "Islamic State (Tripoli)"),
    ],
)
def test_a_transnational_group_named_where_it_has_one_branch_is_that_branch(
    text: str, country: str, expected: str
) -> None:
    assert expected in _names(text, country, 2017)
