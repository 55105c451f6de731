"""Where no desk habit of actor order is known, an unidentified side of a battle stays first only when it
attacked: a fight told without an attacker ("fighting between the army and X forces") lists the state's
forces first, as ACLED's general habit does."""

from __future__ import annotations

from polemos.knowledge.actors import load_actor_kb
from polemos.model import Actor
from polemos.stages.actor_order import swap_sides
from polemos.stages.actors import DocumentActors
from polemos.taxonomy import EventType

_UNNAMED = Actor("Unidentified Armed Group (Chad)", 3, "TD")
_ARMY = Actor("Military Forces of Chad (1990-)", 1, "TD")


def _actors() -> DocumentActors:
    return DocumentActors.build("Fighting in Mongo.", load_actor_kb(), country="TD", year=2017)


def test_an_unidentified_side_of_a_fight_without_an_attacker_goes_second() -> None:
    assert swap_sides(_UNNAMED, _ARMY, EventType.BATTLES, False, _actors())


def test_an_unidentified_attacker_stays_first() -> None:
    assert not swap_sides(_UNNAMED, _ARMY, EventType.BATTLES, True, _actors())
    # a bomb's unidentified planter too, attacker or not
    assert not swap_sides(_UNNAMED, _ARMY, EventType.EXPLOSIONS, False, _actors())


def test_an_unidentified_side_implied_by_an_attack_on_the_state_stays_first() -> None:
    # "policemen came under attack": the unnamed attacker is the first side
    assert not swap_sides(_UNNAMED, _ARMY, EventType.BATTLES, False, _actors(), True)
