"""Who a change to a group belongs to: the group changed, above all the group founded.

ACLED codes the formation of a new armed group ("factions announced the formation of the X Front", "a
defected general formed a new rebel group, the Y") as a Strategic development of the new group itself:
actor 1 is the group formed, and the founders, whether named or not, are no second party. The parse
reads the group as the object of the founding ("formation of X"), so the actors stage would make it
actor 2 and leave actor 1 to the founders or, where they are unnamed ("a number of factions"), to the
country's unidentified armed group. So too any change to a group told without who made it ("the army
was deployed to Kufra", "fighters were recruited"): the force deployed or recruited, which the parse
reads as the passive subject, is the one party of the event, not the second to an unidentified first.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from polemos.model import Actor, Evidence
from polemos.taxonomy import Inter, SubEventType

# the triggers (polemos/knowledge/data/triggers.yaml) that tell a group's founding
FOUNDING_TRIGGERS = frozenset({"group-formation"})
# actor types that can be founded as a group: rebels, militias, identity militias
_GROUP_INTERS = frozenset({Inter.REBEL_GROUP, Inter.POLITICAL_MILITIA, Inter.IDENTITY_MILITIA})
# actor types whose forces can be deployed, recruited or moved: the state's too, and foreign forces
_FORCE_INTERS = frozenset({Inter.STATE_FORCES, *_GROUP_INTERS, Inter.EXTERNAL_OTHER})


def founded_first(
    trigger_id: str,
    sub: SubEventType,
    actor1: Actor | None,
    actor2: Actor | None,
    evidence: Sequence[Evidence],
) -> tuple[Actor | None, Actor | None, list[Evidence]]:
    """Return (actor1, actor2, evidence) with the group a change to a group names as its only actor.

    A founding trigger whose second party is an armed group is read so whoever the founders are (the
    group founded is the object of "the formation of", and a state or civilians there are not a group
    being founded); any other change to a group only where no first party is named."""
    if actor2 is None:
        return actor1, actor2, list(evidence)
    if trigger_id in FOUNDING_TRIGGERS:
        if actor2.inter not in _GROUP_INTERS:
            return actor1, actor2, list(evidence)
    elif sub is not SubEventType.CHANGE_TO_GROUP or actor1 is not None or actor2.inter not in _FORCE_INTERS:
        return actor1, actor2, list(evidence)
    kept: list[Evidence] = []
    for e in evidence:
        if e.field == "actor1":
            continue  # the founders: no actor of the event
        if e.field == "actor2":
            e = dataclasses.replace(e, field="actor1", rule=f"{e.rule}+group-changed")
        kept.append(e)
    return actor2, None, kept
