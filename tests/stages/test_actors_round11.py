"""State forces in a report that names no country (their type is still known), a protest against the
government as an institution (no state side), and unnamed communities that fight each other (identity
militias, one generic name for both sides)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from polemos.model import Document
from polemos.taxonomy import EventType

DAY = dt.date(2017, 8, 10)


def _sides(coder: Any, text: str, etype: EventType) -> tuple[Any, Any]:
    events = [e for e in coder.code(Document(id="r11", text=text, published=DAY)) if e.event_type is etype]
    assert events, f"no {etype.value} event coded in {text!r}"
    return events[0].actor1, events[0].actor2


# ---------------------------------------------------------------------- state forces, no country named
@pytest.mark.parametrize(
    ("text", "etype", "name"),
    [
        ("Government forces retook a small town after two days of heavy fighting.", EventType.BATTLES,
         "Military Forces"),
        ("Soldiers shot dead two men at a checkpoint on Tuesday night.", EventType.BATTLES,
         "Military Forces"),
        ("Police officers beat a street vendor who refused to move his stall.",
         EventType.VIOLENCE_AGAINST_CIVILIANS, "Police Forces"),
    ],
)  # fmt: skip
def test_state_forces_of_an_unnamed_country_keep_their_type(
    coder: Any, text: str, etype: EventType, name: str
) -> None:
    actor1, _ = _sides(coder, text, etype)
    assert actor1 is not None
    assert (actor1.name, actor1.inter, actor1.country) == (name, 1, None)


def test_state_forces_of_a_named_country_keep_its_name(coder: Any) -> None:
    actor1, _ = _sides(
        coder, "Police officers in Mombasa beat a street vendor.", EventType.VIOLENCE_AGAINST_CIVILIANS
    )
    assert actor1 is not None and actor1.name.startswith("Police Forces of Kenya")


# ---------------------------------------------------------------------- a protest against the government
@pytest.mark.parametrize(
    "text",
    [
        "Hundreds of traders marched in Bahir Dar against the government's new tax on imports.",
        "Teachers in Mekelle protested against the regional administration over unpaid wages.",
        "Residents of Hawassa are demonstrating against the government's plan to move them.",
    ],
)
def test_a_government_protested_against_is_no_side_of_the_protest(coder: Any, text: str) -> None:
    actor1, actor2 = _sides(coder, text, EventType.PROTESTS)
    assert actor1 is not None and actor1.name == "Protesters (Ethiopia)"
    assert actor2 is None


# ---------------------------------------------------------------------- communities that fight
@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Clashes between tribes in Kassala left five people dead.", "Unidentified Communal Militia (Sudan)"),
        ("Two ethnic groups fought over grazing land near Rumbek, killing seven.",
         "Unidentified Communal Militia (South Sudan)"),
        ("Rival sub-clans fought in Galkayo over a water point, leaving three dead.",
         "Unidentified Clan Militia (Somalia)"),
    ],
)  # fmt: skip
def test_unnamed_communities_that_fight_are_both_sides(coder: Any, text: str, name: str) -> None:
    actor1, actor2 = _sides(coder, text, EventType.BATTLES)
    assert actor1 is not None and actor2 is not None
    assert (actor1.name, actor1.inter) == (name, 4)
    assert actor2.name == name


def test_armed_villagers_who_attack_a_police_post_are_a_communal_militia(coder: Any) -> None:
    actor1, actor2 = _sides(
        coder, "Armed villagers attacked a police post in Moroto, wounding two officers.", EventType.BATTLES
    )
    assert actor1 is not None and actor1.name == "Unidentified Communal Militia (Uganda)"
    assert actor2 is not None and actor2.name.startswith("Police Forces of Uganda")


def test_a_south_sudanese_state_name_outvotes_a_bigger_namesake_town_abroad(coder: Any) -> None:
    # Bor, Jonglei's capital, has bigger namesakes in Russia and Serbia; the state's name places the report
    text = "Two ethnic groups fought over grazing land near Bor in Jonglei, killing seven."
    actor1, _ = _sides(coder, text, EventType.BATTLES)
    assert actor1 is not None and actor1.name == "Unidentified Communal Militia (South Sudan)"
