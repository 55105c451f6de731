"""Men captured or detained in a battle, told as part of that battle (aggregate stage).

"Soldiers killed two militants in the hills ... the army also detained a suspect during the operation",
"RSF said they defeated the rebels, killing several and capturing 9 fighters": the arrest is one more
interaction between the battle's sides at its place and day, and ACLED's aggregation rule makes those one
event, the battle (which outranks a strategic development). An arrest by someone outside the fight,
another day, another place, or told as another incident stays its own event.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from polemos.model import Actor, EventMention
from polemos.stages.event_groups import EventGroup, same_place, top_mention
from polemos.stages.incident_tolls import told_as_another_incident
from polemos.taxonomy import EventType, Inter, SubEventType

# ACLED's state forces and civilians (inter 1, inter 7): an arrest's captive read as a civilian only for
# want of a side is no party of its own.
_STATE = 1


def _arrests(g: EventGroup) -> bool:
    return all(
        m.sub_event_type is SubEventType.ARRESTS and not told_as_another_incident(m) for m in g.mentions
    )


def _in_the_fight(arrest: EventGroup, battle: EventGroup) -> bool:
    """Whether the arrest is the battle's sides meeting again: its captor one of the battle's sides (or
    the state's forces, when the state fights there), its captive one of them, or no party of its own."""
    sides = [a for a in (battle.actor1, battle.actor2) if a is not None]
    captor, captive = arrest.actor1, arrest.actor2

    def state_side(a: Actor) -> bool:
        return a.inter == _STATE and any(s.inter == _STATE and s.country == a.country for s in sides)

    captor_ok = captor is None or captor in sides or state_side(captor)
    captive_ok = captive is None or captive in sides or captive.inter == Inter.CIVILIANS
    return captor_ok and captive_ok


def _same_day_place(a: EventGroup, b: EventGroup) -> bool:
    da, db = a.first.date, b.first.date
    day = da is None or db is None or da.date == db.date
    return day and same_place(a.place, b.place)


def _as_battle(m: EventMention, sub: SubEventType) -> EventMention:
    """The arrest as part of the battle: typed as it, its sides the battle's."""
    evidence = tuple(
        dataclasses.replace(e, value=sub.value, rule=e.rule + "+folded-into-battle")
        if e.field == "event_type"
        else e
        for e in m.evidence
    )
    return dataclasses.replace(m, sub_event_type=sub, actor1=None, actor2=None, evidence=evidence)


def fold_battle_arrests(groups: Sequence[EventGroup]) -> list[EventGroup]:
    """Each arrest told at a battle's day and place by its sides joins that battle, when there is
    exactly one such battle."""
    out = list(groups)
    for arrest in [g for g in groups if _arrests(g)]:
        battles = [
            g
            for g in out
            if g.first.event_type is EventType.BATTLES
            and _same_day_place(g, arrest)
            and _in_the_fight(arrest, g)
        ]
        if len(battles) != 1:
            continue
        sub = top_mention(battles[0]).sub_event_type
        battles[0].mentions.extend(_as_battle(m, sub) for m in arrest.mentions)
        out.remove(arrest)
    return out
