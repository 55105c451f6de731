"""One incident a sentence tells with several triggers, coded as one event mention (extract stage).

ACLED codes one event per incident, by its hierarchy: "an air strike hit a bus, killing 12 passengers" is
one Air/drone strike with its dead, "forces fired on a crowd and killed nine" one Attack. The killing verb
names no means of its own; its type is only read from its victims, so it is the outcome of the act the
sentence names, not a second event. An attack word that names no victim ("the station was raided"),
told beside armed dead, is rather the fight those dead make it (ACLED: an attack on police is a battle).
"""

from __future__ import annotations

import dataclasses

from polemos.model import Actor, EventMention
from polemos.stages.event_groups import same_place
from polemos.taxonomy import EventType, Inter, SubEventType

# Evidence rule of a mention typed by a bare killing verb ("killed", "shot dead", "kills").
KILLING_RULE = "trigger:kill"
# Acts whose outcome a killing in their sentence tells: fighting, remote violence, violence against
# civilians. A protest, riot or strategic development with dead told beside it is another event (or an
# escalation decided elsewhere).
_ACT_TYPES = frozenset({EventType.BATTLES, EventType.EXPLOSIONS, EventType.VIOLENCE_AGAINST_CIVILIANS})
# Rule mark of a killing typed a Battle because its victims were read as armed.
_ARMED_VICTIMS = "victims:armed"


def is_killing(m: EventMention) -> bool:
    """Whether the mention was typed by a bare killing verb, from its victims alone."""
    rule = _rule(m)
    return rule == KILLING_RULE or rule.startswith(KILLING_RULE + "+")


def _told_civilian(m: EventMention) -> bool:
    """Whether the killing's victims were read as civilians from its words ("kills 12 passengers"), not
    taken as civilians for want of any word on them ("kills three")."""
    return "civilian" in _rule(m)


def _rule(m: EventMention) -> str:
    return next((e.rule for e in m.evidence if e.field == "event_type"), "")


def _is_act(m: EventMention) -> bool:
    return not is_killing(m) and m.event_type in _ACT_TYPES


def _act_decides(act: EventMention, kill: EventMention) -> bool:
    """Whether the act's reading of the incident stands over the killing's. Remote violence names its
    means, and ACLED keeps it whoever was hit; within one event type the hierarchy decides. Between a
    battle and violence against civilians the two read the victims: the act's stands when it read them
    from its own object ("fired on a crowd of unarmed villagers") and the killing did not."""
    if act.event_type is EventType.EXPLOSIONS or act.event_type is kill.event_type:
        return True
    # An abduction told beside the dead ("14 soldiers were killed and 10 taken hostage") is another
    # outcome of the incident, not the violence that killed them.
    harms = act.sub_event_type in (SubEventType.ATTACK, SubEventType.ARMED_CLASH)
    return harms and "+object:" in _rule(act) and "+object:" not in _rule(kill)


def _same_killer(act: Actor | None, killer: Actor | None) -> bool:
    """A killing with no killer of its own, or an unidentified one, is the act's; a named other side is
    someone else's killing ("rebels advanced and government snipers killed two")."""
    return act is None or killer is None or killer == act or killer.name.startswith("Unidentified ")


def _one_incident(act: EventMention, kill: EventMention) -> bool:
    if act.sub_event_type is kill.sub_event_type:
        return False  # one type: the plain merge below decides, by actors, as for any two triggers
    near = act.place is None or kill.place is None or same_place(act.place, kill.place)
    same_day = act.date is None or kill.date is None or act.date.date == kill.date.date
    return near and same_day and _same_killer(act.actor1, kill.actor1) and _act_decides(act, kill)


def _with_outcome(act: EventMention, kill: EventMention) -> EventMention:
    """The act with its killing folded in: the act's type, unless the killing is a higher type of the
    same kind (an abduction then a killing is an Attack); remote violence that killed civilians has
    them as its target."""
    higher = kill.event_type is act.event_type and kill.sub_event_type.rank < act.sub_event_type.rank
    top = kill if higher else act
    actor2 = act.actor2 or kill.actor2
    hit_civilians = kill.actor2 is not None and kill.actor2.inter == Inter.CIVILIANS and _told_civilian(kill)
    if act.event_type is EventType.EXPLOSIONS and hit_civilians:
        actor2 = kill.actor2
    other = kill if top is act else act
    return dataclasses.replace(
        top,
        actor1=act.actor1 or kill.actor1,
        actor2=actor2,
        place=top.place or other.place,
        date=top.date or other.date,
        evidence=top.evidence + tuple(e for e in other.evidence if e.field != "event_type"),
        confidence=max(act.confidence, kill.confidence),
    )


def _victimless_attack(act: EventMention, kill: EventMention) -> bool:
    """Whether the act is an attack that read nothing of whom it hit, told beside a killing of armed men
    ("a policeman was injured at the station when it was raided", "a guard was shot dead as gunmen
    stormed the compound"): the attack word alone ("raided", "stormed") names no victim, so its civilians
    are only ACLED's default; the armed victims the sentence names were its target, a fight."""
    if act.sub_event_type is not SubEventType.ATTACK or is_killing(act) or "+object:" in _rule(act):
        return False  # a killing of its own ("three men were gunned down") tells its victims
    if kill.event_type is not EventType.BATTLES or _ARMED_VICTIMS not in _rule(kill):
        return False
    near = act.place is None or kill.place is None or same_place(act.place, kill.place)
    same_day = act.date is None or kill.date is None or act.date.date == kill.date.date
    # the attack's doer may be the victim itself, the only party its sentence names
    doer_ok = _same_killer(act.actor1, kill.actor1) or act.actor1 == kill.actor2
    return near and same_day and doer_ok


def _as_fight(act: EventMention, kill: EventMention) -> EventMention:
    """The attack told as the fight its armed victims make it: the killing's type and victims, the
    attack's doer unless that was the victim."""
    doer = act.actor1 if act.actor1 is not None and act.actor1 != kill.actor2 else None
    dropped = {"event_type", "actor2"} | ({"actor1"} if doer is None else set())
    return dataclasses.replace(
        kill,
        actor1=kill.actor1 or doer,
        place=kill.place or act.place,
        date=kill.date or act.date,
        evidence=kill.evidence + tuple(e for e in act.evidence if e.field not in dropped),
        confidence=max(act.confidence, kill.confidence),
    )


def fold_killings(found: list[EventMention]) -> list[EventMention]:
    """Fold each bare killing of a sentence into the nearest act of the same incident told there; an
    attack that named no victim of its own becomes the fight its armed dead tell instead."""
    out = list(found)
    for kill in [m for m in found if is_killing(m)]:
        acts = [(i, m) for i, m in enumerate(out) if _is_act(m) and _one_incident(m, kill)]
        if acts:
            i, act = min(acts, key=lambda im: abs(im[1].trigger.start - kill.trigger.start))
            out[i] = _with_outcome(act, kill)
            out.remove(kill)
            continue
        bare = [(i, m) for i, m in enumerate(out) if _victimless_attack(m, kill)]
        if bare:
            i, act = min(bare, key=lambda im: abs(im[1].trigger.start - kill.trigger.start))
            out[i] = _as_fight(act, kill)
            out.remove(kill)
    return out


def _compatible(x: Actor | None, y: Actor | None) -> bool:
    return x is None or y is None or x == y


def merge_in_sentence(found: list[EventMention]) -> list[EventMention]:
    """ACLED's hierarchy inside a sentence: a bare killing is the outcome of the act told with it, and
    triggers sharing actors and place are one event, highest wins."""
    merged: list[EventMention] = []
    for m in fold_killings(found):
        for i, g in enumerate(merged):
            same_pair = _compatible(g.actor1, m.actor1) and _compatible(g.actor2, m.actor2)
            if not same_pair and g.event_type is m.event_type:
                # One sentence, one kind of event: "attacked a police post, killing 3 policemen" names the
                # sides twice in other words; sharing one side is enough.
                same_pair = bool({g.actor1, g.actor2} & {m.actor1, m.actor2} - {None})
            near = g.place is None or m.place is None or same_place(g.place, m.place)
            same_day = g.date is None or m.date is None or g.date.date == m.date.date
            if same_pair and near and same_day:
                top, other = (g, m) if g.sub_event_type.rank <= m.sub_event_type.rank else (m, g)
                merged[i] = dataclasses.replace(
                    top,
                    actor1=top.actor1 or other.actor1,
                    actor2=top.actor2 or other.actor2,
                    place=top.place or other.place,
                    evidence=top.evidence + tuple(e for e in other.evidence if e.field != "event_type"),
                    confidence=max(top.confidence, other.confidence),
                )
                break
        else:
            merged.append(m)
    return merged
