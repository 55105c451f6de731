"""Which side is actor 1 where a report names one side as attacked by someone unnamed, names one side of a
battle fought where one group fought that side's war, or tells of a battle of no initiator beside a foreign
force (stages/actor_order.py)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from coded_sides import coded_sides

from polemos.knowledge.actors import load_actor_kb
from polemos.model import Actor
from polemos.stages.actor_naming import ActorMention
from polemos.stages.actor_order import attacked_side, swap_sides, under_attack
from polemos.stages.actors import DocumentActors
from polemos.stages.annotate import Sentence
from polemos.taxonomy import EventType

HAFTAR = "Military Forces of Libya (2014-) Haftar Faction"
BRSC = "BRSC: Shura Council of Benghazi Revolutionaries"
UNNAMED_LY = "Unidentified Armed Group (Libya)"
LY_POLICE = "Police Forces of Libya (2016-)"


def _libya(year: int) -> DocumentActors:
    return DocumentActors.build("A report.", load_actor_kb(), country="LY", year=year)


def test_a_state_side_told_as_attacked_by_no_one_named_is_actor_2(coder: Any) -> None:
    # the clause makes the soldiers no doer: whoever stormed their post is the first side
    sides = coded_sides(
        coder,
        "Two soldiers were wounded when their post was stormed in Mongo, Chad, on Monday.",
        dt.date(2016, 7, 12),
    )
    assert sides == ("Unidentified Armed Group (Chad)", "Military Forces of Chad (1990-)")


def test_an_unnamed_attacker_of_the_police_stays_first_where_camps_are_known(coder: Any) -> None:
    # Libya's desk habit puts no camp of these two first: the attacker of a side told as attacked goes first
    sides = coded_sides(
        coder,
        "A police officer was killed in Sabha when gunmen opened fire on his car.",
        dt.date(2017, 3, 15),
    )
    assert sides == (UNNAMED_LY, LY_POLICE)


def test_a_battle_naming_one_side_takes_the_group_that_fought_its_war_at_that_place(coder: Any) -> None:
    text = (
        "Three soldiers of the Libyan National Army were killed during clashes in Benghazi's Sabri district."
    )
    assert coded_sides(coder, text, dt.date(2017, 3, 15)) == (HAFTAR, BRSC)
    # where no group fought the place's war, the other side stays unidentified
    text = "Three soldiers of the Libyan National Army were killed during clashes near Sabha on Monday."
    assert coded_sides(coder, text, dt.date(2017, 3, 15)) == (HAFTAR, UNNAMED_LY)


def test_a_foreign_force_is_not_put_behind_a_local_group_in_a_battle_of_no_initiator() -> None:
    france = Actor("Military Forces of France", 8, "FR")
    unnamed = Actor(UNNAMED_LY, 3, "LY")
    assert not swap_sides(france, unnamed, EventType.BATTLES, False, _libya(2011))


def test_state_forces_still_go_before_an_unnamed_side_of_a_battle_told_with_no_attack() -> None:
    police, unnamed = Actor(LY_POLICE, 1, "LY"), Actor(UNNAMED_LY, 3, "LY")
    assert swap_sides(unnamed, police, EventType.BATTLES, False, _libya(2017))
    assert not swap_sides(unnamed, police, EventType.BATTLES, False, _libya(2017), attacked=True)


@pytest.mark.parametrize(
    ("text", "told"),
    [
        ("The police station was raided by unknown men.", True),
        ("Their base was stormed at dawn.", True),
        ("Soldiers stormed the hideout.", False),
    ],
)
def test_raids_and_storming_tell_of_a_side_attacked(text: str, told: bool) -> None:
    assert under_attack(text) is told


def _police_in(text: str, word: str) -> tuple[Sentence, ActorMention]:
    start = text.index(word)
    police = ActorMention(
        start, start + len(word), word, Actor(LY_POLICE, 1, "LY"), "state:police", 0.75, True, "state"
    )
    return Sentence(0, 0, len(text), text, 0), police


def test_the_side_attacked_is_told_before_the_verb_of_the_attack() -> None:
    sent, police = _police_in("Two policemen were wounded when their checkpoint was attacked.", "policemen")
    assert attacked_side(police, sent, [police]) == (None, police)
    # an attacker shot dead before the police are named tells of no attack on them
    sent, police = _police_in(
        "One attacker was shot dead, and a police officer was found dead later.", "police officer"
    )
    assert attacked_side(police, sent, [police]) == (police, None)


@pytest.mark.parametrize(
    "text",
    [
        "The Benghazi Defence Brigades clashed with gunmen in Sabha on Monday.",
        "The Benghazi Defence Brigades withdrew south. They later fought against armed men near Sabha.",
    ],
)
def test_the_foe_a_group_fought_is_not_that_group(coder: Any, text: str) -> None:
    # a hostile label governed by a verb of fighting is the other side, not the group (or pronoun) that
    # fought it: left unnamed where the report names no other
    actors = DocumentActors.build(text, load_actor_kb(), country="LY", year=2017, month=6, day=5)
    foe = next(m for m in actors.mentions if m.text in ("gunmen", "armed men"))
    assert foe.actor.name == UNNAMED_LY
    assert coded_sides(coder, text, dt.date(2017, 6, 5))[0] == "Brigades for the Defence of Benghazi"
