"""An armed camp's assault on a place, in a war of two camps (extract stage): "rebels launched an assault on
Brega" in 2011 was a battle with the regime's forces that held the town, not violence against civilians.
"""

from __future__ import annotations

from collections.abc import Sequence

from polemos.stages.arguments import ActorMentionLike
from polemos.stages.mention_context import DocumentActorsLike
from polemos.stages.triggers import TriggerHit
from polemos.taxonomy import Inter, SubEventType

__all__ = ["assault_on_enemy_ground"]

# What an attack names as its object when it is a place rather than people or a side: a town, a base, a
# quarter. A facility (a bank, a polling station) is property that anyone may attack.
_GROUND = "place"
_NOT_GROUND = frozenset({"person", "civilian", "facility", "civilian_traffic"})
# the camps' fighters: state forces, rebels, political militias
_ARMED = frozenset({Inter.STATE_FORCES, Inter.REBEL_GROUP, Inter.POLITICAL_MILITIA})


def assault_on_enemy_ground(
    hit: TriggerHit, agents: Sequence[ActorMentionLike], actors: DocumentActorsLike
) -> bool:
    """Whether an attack that harms no one the report names is an armed camp's assault on a place in a war
    where its camp fights one enemy only (the knowledge base's camps): that enemy held the ground it
    attacked, so the attack was a battle with it. Where the camp fights several enemies, or the attacker
    is no camp's (a Boko Haram raid on a village), who held the place is unknown and the attack stays
    what its words make it."""
    if hit.trigger.sub_event_type is not SubEventType.ATTACK or not agents:
        return False
    if _GROUND not in hit.object_classes or hit.object_classes & _NOT_GROUND:
        return False
    agent = agents[0].actor
    return agent.inter in _ARMED and actors.sole_opponent(agent) is not None
