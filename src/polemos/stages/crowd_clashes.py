"""Clashes told after a protest with only the force named (extract stage, read by `escalation`).

"Protesters gathered in several towns on Friday. Many clashes with police, at least ten killed": the
clash names one side, a state force, and the crowd the report has just told is the other. ACLED codes a
crowd that clashes with the police as rioters in a violent demonstration (its codebook lists clashes
among a riot's acts), with the force as actor 2, not as a battle of the police with an unidentified
armed group; a clash that names its other side ("clashes between police and gunmen") is left a battle.
"""

from __future__ import annotations

import dataclasses
import re

from polemos.model import Actor, EventMention, Evidence
from polemos.stages.actor_crowd_forces import police_for_phrase
from polemos.stages.annotate import Sentence
from polemos.stages.retold_doers import fallback_doer
from polemos.taxonomy import EventType, Inter, SubEventType

# The words of a clash, as the trigger reads ("clashes", "clashed", "confrontations"): an attack, a
# shooting or an ambush by an unnamed side tells of armed men, not of the crowd.
_CLASH = re.compile(r"(?:clash|confrontation|scuffle|skirmish)\w*", re.IGNORECASE)
# Armed men other than a state's forces, whom a clash may name though no actor was resolved for them
# ("clashes between police and gunmen"): then it is a battle, not the crowd's.
_OTHER_ARMED = frozenset(
    {"fighter", "militant", "militia", "militiaman", "militiamen", "insurgent", "rebel", "jihadist", "gunman",
     "gunmen", "terrorist", "mercenary", "combatant", "extremist", "attacker", "assailant", "raider",
     "vigilante", "sniper", "infiltrator", "bandit", "group", "faction", "brigade"}
)  # fmt: skip
# Words of a state force's name: an organisation named with none of them may be the other armed side.
_FORCE_NAME = re.compile(r"polic|army|military|force|gendarm|guard|security|soldier|troop", re.IGNORECASE)
# The evidence rules of a side the actors stage filled in for want of one the sentence names: the
# unidentified group, or the camp the named side fights in a war ("clashes with police" in an uprising
# read as the rebels' clash: the crowd just told is the side the clash leaves unnamed).
_UNNAMED_RULES = frozenset({"actor:unnamed-perpetrator", "actor:unnamed-initiator", "camp:sole-opponent"})
# The forces a crowd clashes with: state forces, or foreign and other forces (inter 1, 8).
_FORCES = frozenset({Inter.STATE_FORCES, Inter.EXTERNAL_OTHER})


def _names_armed_men(sent: Sentence) -> bool:
    """Whether the sentence names armed men or an organisation other than a state force."""
    if not sent.is_parsed:
        return True  # unread: no telling
    if any(t.lemma_.lower() in _OTHER_ARMED or t.lower_ in _OTHER_ARMED for t in sent.doc):
        return True
    # the organisations named: runs of tokens the tagger marks ORG
    runs: list[list[str]] = []
    last = -2
    for i, t in enumerate(sent.doc):
        if t.ent_type_ == "ORG":
            if i != last + 1:
                runs.append([])
            runs[-1].append(t.text)
            last = i
    return any(not _FORCE_NAME.search(" ".join(r)) for r in runs)


def crowd_clash(m: EventMention, sent: Sentence) -> bool:
    """Whether the mention, read in `sent`, is a clash of one state force with a side the sentence leaves
    unnamed (none, or the unidentified group given for want of a named one), naming no other armed men."""
    if m.event_type is not EventType.BATTLES or not _CLASH.fullmatch(m.trigger.text.strip()):
        return False
    if _names_armed_men(sent):
        return False
    a1, a2 = m.actor1, m.actor2
    if a1 is not None and a1.inter in _FORCES:
        return a2 is None or _unnamed_side(m, "actor2")
    if a2 is not None and a2.inter in _FORCES:
        return a1 is None or fallback_doer(m) or _unnamed_side(m, "actor1")
    return False


def _unnamed_side(m: EventMention, field: str) -> bool:
    """Whether the side in `field` is only the unidentified group given for want of a named one."""
    said = [e for e in m.evidence if e.field == field]
    return bool(said) and all(e.rule in _UNNAMED_RULES and not e.text for e in said)


def as_crowd_riot(m: EventMention, crowd: Actor | None) -> EventMention:
    """The clash as the crowd's riot: `crowd`, the rioters of the protest it follows, against the force,
    with the clash's own toll and place."""
    side = "actor1" if m.actor1 is not None and m.actor1.inter in _FORCES else "actor2"
    force = m.actor1 if side == "actor1" else m.actor2
    # "clashes with security forces": a crowd's, the police (as the actors stage reads them for a riot)
    phrase = next((e.text for e in m.evidence if e.field == side), "")
    force = police_for_phrase(phrase, force) if force is not None else None
    sub = SubEventType.VIOLENT_DEMONSTRATION
    rule = "+crowd-clash"
    evidence: list[Evidence] = []
    for e in m.evidence:
        if e.field == "event_type":
            evidence.append(dataclasses.replace(e, value=sub.value, rule=e.rule + rule))
        elif e.field == side and force is not None:  # the force, now actor 2
            evidence.append(dataclasses.replace(e, field="actor2", value=force.name, rule=e.rule + rule))
        elif e.field not in ("actor1", "actor2"):  # the unnamed side's filler is the crowd now
            evidence.append(e)
    return dataclasses.replace(m, sub_event_type=sub, actor1=crowd, actor2=force, evidence=tuple(evidence))
