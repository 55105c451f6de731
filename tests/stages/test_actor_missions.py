"""UN peace operations as actors (ACLED's inter 8): a mission attacked is actor 2 of the attack, its own
operations have it as actor 1, "peacekeepers" and "blue helmets" name the one mission serving the report's
country whatever the troops' nationality, a bomb that hit a mission's convoy hit the mission, and its
troops' detentions are arrests. The UN's political missions still only observe."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from polemos.model import Actor, Document
from polemos.stages.actor_parties import is_observer, peace_force
from polemos.taxonomy import EventType, SubEventType

MINUSMA = "MINUSMA: United Nations Multidimensional Integrated Stabilization Mission in Mali (2013-)"
MINUSCA = (
    "MINUSCA: United Nations Multidimensional Integrated Stabilization Mission in the Central African "
    "Republic (2014-)"
)
MONUSCO = "MONUSCO: United Nations Organization Stabilization Mission in Democratic Republic of Congo (2010-)"
UNMISS = "UNMISS: United Nations Mission in the Republic of South Sudan (2011-)"
DAY = dt.date(2018, 9, 14)


def _first(coder: Any, text: str, etype: EventType | None = None) -> Any:
    events = coder.code(Document(id="missions", text=text, published=DAY))
    events = [e for e in events if etype is None or e.event_type is etype]
    assert events, f"no event coded in {text!r}"
    return events[0]


def _names(coder: Any, text: str, etype: EventType | None = None) -> tuple[str | None, str | None]:
    e = _first(coder, text, etype)
    return (e.actor1.name if e.actor1 else None, e.actor2.name if e.actor2 else None)


@pytest.mark.parametrize(
    ("name", "observer"),
    [
        ("UN: United Nations", True),
        ("UNSMIL: United Nations Support Mission in Libya (2011-)", True),
        ("UNAMA: United Nations Assistance Mission in Afghanistan (2002-)", True),
        (MINUSMA, False),
        (UNMISS, False),
        ("UNAMID: United Nations/African Union Hybrid Operation in Darfur (2007-)", False),
        ("UNISFA: United Nations Interim Security Force for Abyei (2011-)", False),
        ("Military Forces of Mali (2013-)", False),
    ],
)
def test_a_peace_operation_with_troops_is_no_observer(name: str, observer: bool) -> None:
    assert is_observer(name) is observer
    assert peace_force(Actor(name, 8)) is (not observer and "United Nations" in name)


@pytest.mark.parametrize(
    ("text", "attacker", "mission"),
    [
        (
            "Mai-Mai militiamen attacked a MONUSCO base in Butembo, wounding one peacekeeper.",
            "Mayi Mayi Militia",
            MONUSCO,
        ),
        (
            "A Pakistani peacekeeper was killed by militiamen near Beni, in North Kivu.",
            "Unidentified Armed Group (Democratic Republic of Congo)",
            MONUSCO,
        ),
        (
            "Unknown gunmen attacked a UN base in Kidal, Mali with mortars.",
            "Unidentified Armed Group (Mali)",
            MINUSMA,
        ),
    ],
)
def test_the_mission_attacked_is_actor2(coder: Any, text: str, attacker: str, mission: str) -> None:
    assert _names(coder, text) == (attacker, mission)


def test_a_missions_own_strike_has_it_as_actor1(coder: Any) -> None:
    a1, a2 = _names(coder, "MINUSCA helicopters fired on UPC fighters advancing towards Alindao.")
    assert a1 == MINUSCA
    assert a2 == "UPC: Union for Peace in the Central African Republic"


@pytest.mark.parametrize(
    ("text", "mission"),
    [
        # the troops' nationality names no army of theirs: ACLED codes them by their mission
        ("Egyptian peacekeepers were attacked by gunmen near Menaka, Mali; one was killed.", MINUSMA),
        # "peacekeepers" settle no country of their own: the town does
        ("Peacekeepers clashed with militiamen in Bangui, killing two.", MINUSCA),
        ("Blue helmets exchanged fire with armed men in Bangui on Tuesday.", MINUSCA),
    ],
)
def test_peacekeepers_are_the_mission_of_the_reports_country(coder: Any, text: str, mission: str) -> None:
    assert mission in _names(coder, text, EventType.BATTLES)


@pytest.mark.parametrize(
    "text",
    [
        "A roadside bomb struck a MINUSMA convoy near Douentza on Monday.",
        "A roadside bomb struck an UNMISS convoy near Bentiu, wounding two peacekeepers.",
    ],
)
def test_a_bomb_that_hit_a_missions_convoy_hit_the_mission(coder: Any, text: str) -> None:
    a1, a2 = _names(coder, text)
    assert a2 in (MINUSMA, UNMISS)
    assert a1 is not None and a1.startswith("Unidentified Armed Group")


def test_a_missions_detention_is_an_arrest(coder: Any) -> None:
    e = _first(coder, "MINUSMA troops detained four suspected militants near Gao.")
    assert e.sub_event_type is SubEventType.ARRESTS
    assert e.actor1 is not None and e.actor1.name == MINUSMA
    # those it detains are who they are, not civilians abducted
    assert e.actor2 is not None and e.actor2.name == "Unidentified Armed Group (Mali)"


@pytest.mark.parametrize(
    ("text", "attacked"),
    [
        # the attacker's name is one the scan does not know: the owner of the patrol is still the target
        ("A MINUSCA patrol was ambushed by ABs near Bambari.", MINUSCA),
        # a state's vehicle named by its army's abbreviation, hit by a bomb
        ("FAMa vehicle struck by IED near Djenne, two soldiers wounded.", "Military Forces of Mali (2013-)"),
    ],
)
def test_the_owner_of_a_convoy_or_patrol_attacked_is_actor2(coder: Any, text: str, attacked: str) -> None:
    a1, a2 = _names(coder, text)
    assert a2 == attacked
    assert a1 is not None and a1.startswith("Unidentified Armed Group")


def test_a_foreign_force_on_an_offensive_mandate_keeps_its_place_first(coder: Any) -> None:
    # the Somalia desk lists AMISOM before the sides it fights, whatever hit its convoys
    a1, _ = _names(coder, "An improvised explosive device targeted an AMISOM convoy near Afgoye.")
    assert a1 == "AMISOM: African Union Mission in Somalia (2007-)"


def test_barkhane_is_frances_forces_abroad_in_the_sahel(coder: Any) -> None:
    e = _first(coder, "Barkhane forces killed several jihadists in an operation near Menaka.")
    assert e.actor1 is not None and (e.actor1.name, e.actor1.inter) == ("Military Forces of France", 8)
    assert e.actor2 is not None and e.actor2.name == "Unidentified Armed Group (Mali)"
