"""Herders who bear arms or attack are a herding community's men (ACLED's unidentified communal militia,
an identity militia), not an unidentified armed group; so are the men of two named communities set against
each other and a report's "community militias"."""

from __future__ import annotations

import pytest

from polemos.model import Actor
from polemos.stages.actor_communities import communal_feud
from polemos.taxonomy import EventType

_UNNAMED = Actor("Unidentified Armed Group (Chad)", 3, "TD")


@pytest.mark.parametrize(
    ("text", "feud"),
    [
        ("Armed herders beat two farmers near their fields east of Abeche.", True),
        ("Armed nomads abducted a farmer near Goz Beida.", True),
        ("Pastoralists opened fire on villagers who had impounded their camels.", True),
        # herders as the victims make no feud of an attack
        ("Gunmen killed two herders near Abeche.", False),
        ("Unknown men attacked herdsmen and stole their camels.", False),
    ],
)
def test_armed_or_attacking_herders_make_a_communal_attack(text: str, feud: bool) -> None:
    assert communal_feud(EventType.VIOLENCE_AGAINST_CIVILIANS, _UNNAMED, text) is feud


@pytest.mark.parametrize(
    ("text", "feud"),
    [
        ("A gun battle between the Okpe and Ughelli communities left one man wounded.", True),
        ("Clashes between Bari and Mundari ethnic groups killed three.", True),
        ("Community militias of two villages clashed over farmland.", True),
        # a force and a community's people are no two communities
        ("Clashes between gunmen and local communities left three dead.", False),
    ],
)
def test_two_named_communities_set_against_each_other_make_a_feud(text: str, feud: bool) -> None:
    assert communal_feud(EventType.BATTLES, None, text) is feud
