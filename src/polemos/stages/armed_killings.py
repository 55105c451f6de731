"""A killing read as a battle for its armed victims, folded into the attack the report tells of it
(aggregate stage).

"Gunmen shot at three village officials; two were killed" or "a police officer and a trader were shot
dead ... claimed responsibility for the assassination": the killing word names no means of its own and
reads as a Battle only because a victim was armed (a guard, an officer), while the report tells the act
itself as violence against civilians. ACLED codes one event per incident, the act with its dead, so
the killing joins that attack of its day and place rather than standing as a second, sideless battle
that carries the toll. An attack told only by its dead ("2 tribesmen were killed and 1 man injured")
names no act the killing is the outcome of (the two are the dead of both sides, a fight), and a killing
by someone else than the attacker remains its own event.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from polemos.model import Actor, EventMention
from polemos.stages.event_groups import EventGroup, same_place
from polemos.stages.incident_tolls import told_as_another_incident
from polemos.stages.sentence_incidents import is_killing
from polemos.taxonomy import EventType, SubEventType

# Rule mark of a killing typed a Battle because its victims were read as armed.
_ARMED_VICTIMS = "victims:armed"
# Triggers that tell no harm done (freeing hostages, taking ground): no act a killing is the outcome of.
_NO_HARM = ("trigger:territory",)


def _type_rules(m: EventMention) -> list[str]:
    return [e.rule for e in m.evidence if e.field == "event_type"]


def _armed_killing(m: EventMention) -> bool:
    return is_killing(m) and any(_ARMED_VICTIMS in r for r in _type_rules(m))


def _unnamed(a: Actor | None) -> bool:
    return a is None or a.name.startswith("Unidentified ")


def _killing_battle(g: EventGroup) -> bool:
    """A battle told only by killings of armed victims, none told as another incident."""
    return g.first.event_type is EventType.BATTLES and all(
        _armed_killing(m) and not told_as_another_incident(m) for m in g.mentions
    )


def _named_act(g: EventGroup) -> bool:
    """Whether the attack is told by an act of its own ("ambushed", "abducted", "the assassination"), not
    only by other deaths: two killings beside each other are two readings of the dead (one side's men and
    the other's, a fight), and freeing hostages or taking ground harms no one."""
    rules = [r for m in g.mentions for r in _type_rules(m)]
    return any(not is_killing(m) for m in g.mentions) and not any(r.startswith(_NO_HARM) for r in rules)


def _same_attacker(attack: EventGroup, battle: EventGroup) -> bool:
    """Whether the attack's perpetrator can be the killer: the battle names none, names it on either side
    (a killing's victims may stand first), or names only unidentified men."""
    killer = attack.actor1
    if killer is None or (_unnamed(battle.actor1) and battle.actor2 is None):
        return True
    return killer in (battle.actor1, battle.actor2) or (_unnamed(battle.actor1) and _unnamed(battle.actor2))


def _same_day_place(a: EventGroup, b: EventGroup) -> bool:
    da, db = a.first.date, b.first.date
    day = da is None or db is None or da.date == db.date
    return day and same_place(a.place, b.place)


def _as_attack(m: EventMention) -> EventMention:
    """The killing as the outcome of the attack: its sides, read from its victims, give way to the
    attack's."""
    evidence = tuple(
        dataclasses.replace(e, value=SubEventType.ATTACK.value, rule=e.rule + "+folded-into-attack")
        if e.field == "event_type"
        else e
        for e in m.evidence
    )
    return dataclasses.replace(
        m, sub_event_type=SubEventType.ATTACK, actor1=None, actor2=None, evidence=evidence
    )


def fold_armed_killings(groups: Sequence[EventGroup]) -> list[EventGroup]:
    """Each battle told only by killings of armed victims joins the attack on civilians told that day
    at that place by the same attacker, when there is exactly one such attack."""
    out = list(groups)
    for battle in [g for g in groups if _killing_battle(g)]:
        attacks = [
            g
            for g in out
            if g.first.event_type is EventType.VIOLENCE_AGAINST_CIVILIANS
            and _named_act(g)
            and _same_day_place(g, battle)
            and _same_attacker(g, battle)
        ]
        if len(attacks) != 1:
            continue
        attacks[0].mentions.extend(_as_attack(m) for m in battle.mentions)
        out.remove(battle)
    return out
