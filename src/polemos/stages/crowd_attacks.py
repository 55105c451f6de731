"""An attack by a crowd (extract stage, read by `escalation`).

"An angry crowd attacked the hotel", "the office was attacked by irate locals", "a thief was stoned by
residents": the doers are a crowd, told by its words (lexicon classes `mob_cue`, `crowd`: "angry",
"mob", "residents"), not armed men. ACLED codes a crowd's violence as a riot (Mob violence: rioters
attacking property or armed men), and rioters who attack unarmed people as Violence against civilians
(Rioters v Civilians), never as a battle of armed groups or an attack by an unidentified armed group.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from polemos.knowledge.lexicon import Lexicon
from polemos.model import Actor, EventMention, Evidence
from polemos.stages.crowd_harm import PhraseResolver, person, rioters_at
from polemos.stages.victims import ARMED_WORDS, former
from polemos.taxonomy import EventType, Inter, SubEventType

# The verbs of an attack a crowd makes; a shooting, a bombing or an abduction tells of armed men. A crowd
# that destroys or wrecks what it attacks ("a group of youths destroyed a checkpoint") riots (ACLED: mob
# violence against property or armed men).
_ATTACK_VERBS = frozenset(
    {"attack", "storm", "stone", "assault", "raid", "invade", "lynch", "beat", "destroy", "wreck", "ransack"}
)
# People told by their tie to an organisation: ACLED gives their violence to its militia, not to rioters.
_AFFILIATED = frozenset(
    {"cadre", "supporter", "sympathiser", "sympathizer", "member", "loyalist", "activist"}
)
# The non-state organisations (rebels, militias, communities) the actors stage may name a crowd's doers by.
_NAMED_GROUPS = frozenset({Inter.REBEL_GROUP, Inter.POLITICAL_MILITIA, Inter.IDENTITY_MILITIA})
# What the attack is coded as before: armed violence (a crowd's riot is left as it is).
_ARMED_TYPES = frozenset(
    {EventType.BATTLES, EventType.VIOLENCE_AGAINST_CIVILIANS, EventType.STRATEGIC_DEVELOPMENTS}
)


def _doers(verb: Any) -> list[Any]:
    """The verb's subject, or its passive's agent (of the verb it is coordinated after, if none)."""
    for v in (verb, verb.head) if verb.dep_ == "conj" else (verb,):
        found = [c for c in v.children if c.dep_ == "nsubj"]
        found += [p for c in v.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]
        if found:
            return found
    return []


def _crowd(doers: list[Any], lexicon: Lexicon) -> bool:
    """Whether the doers are told as a crowd, and none of their words is an armed man's."""
    crowd = lexicon.classes.get("mob_cue", frozenset()) | lexicon.classes.get("crowd", frozenset())
    words = [t for d in doers for t in d.subtree]
    if any((t.lemma_.lower() in ARMED_WORDS or t.lower_ == "armed") and not former(t) for t in words):
        return False  # "residents and militiamen attacked": armed men among them
    if any(t.ent_type_ == "ORG" for t in words) or any(
        d.lemma_.lower() in _AFFILIATED or any(c.dep_ == "compound" and c.pos_ == "PROPN" for c in d.children)
        for d in doers
    ):
        return False  # a party's or a group's people ("PF cadres", "supporters of the Front"): its militia
    return any(t.lemma_.lower() in crowd or t.lower_ in crowd for t in words)


# Evidence rules of a doer filled in for want of one named: the war's other camp, a country's default.
_FILLS = ("camp:", "actor:default:", "actor:unnamed-", "actor:unidentified:")


def _named(m: EventMention) -> bool:
    """Whether the mention's actor 1 is a group the report names, not one filled in for want of a name."""
    if m.actor1 is None or m.actor1.name.startswith("Unidentified"):
        return False
    said = [e for e in m.evidence if e.field == "actor1"]
    return any(not e.rule.startswith(_FILLS) for e in said)


def crowd_attack(m: EventMention, tok: Any, lexicon: Lexicon) -> list[Any] | None:
    """The people or things attacked, where `m`, coded as armed violence by the verb `tok`, is an attack
    by a crowd; None where it is not."""
    if m.event_type not in _ARMED_TYPES or tok.pos_ != "VERB" or tok.lemma_.lower() not in _ATTACK_VERBS:
        return None
    if m.actor1 is not None and m.actor1.inter in _NAMED_GROUPS and _named(m):
        # the crowd already read as a named group: its community's vigilantes, a party's youth ("the
        # youths" of the party's rally told before)
        return None
    doers = _doers(tok)
    if not doers or not _crowd(doers, lexicon):
        return None
    found = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
    return [w for t in found for w in (t, *t.conjuncts)]


def as_crowd_attack(
    m: EventMention, targets: list[Any], lexicon: Lexicon, actors: PhraseResolver
) -> EventMention:
    """The attack as the crowd's: rioters who harmed unarmed people did violence against civilians;
    rioters who attacked armed men or property rioted (Mob violence), against the force they attacked."""
    pos = m.trigger.start
    rioters = rioters_at(actors, pos)
    if targets and all(person(t, lexicon) for t in targets):
        sub = SubEventType.ATTACK
        civilians = actors.resolve_phrase("civilians", pos)
        other: Actor | None = civilians.actor if civilians is not None else None
    else:
        sub = SubEventType.MOB_VIOLENCE
        forces = [a for a in (m.actor1, m.actor2) if a is not None and a.inter == Inter.STATE_FORCES]
        other = forces[0] if forces else None
    evidence: list[Evidence] = []
    for e in m.evidence:
        if e.field == "event_type":
            evidence.append(dataclasses.replace(e, value=sub.value, rule=e.rule + "+crowd-attack"))
        elif e.field not in ("actor1", "actor2") or (
            e.field == "actor2" and other is not None and e.value == other.name
        ):
            evidence.append(e)
        elif e.value == (other.name if other is not None else None):
            evidence.append(dataclasses.replace(e, field="actor2"))
    s = m.sentence
    evidence.append(
        Evidence("actor1", rioters.name, m.document_id, s.text, s.start, s.start, "", "actor:crowd-attack")
    )
    if other is not None and not any(e.field == "actor2" for e in evidence):
        evidence.append(
            Evidence("actor2", other.name, m.document_id, s.text, s.start, s.start, "", "actor:crowd-attack")
        )
    return dataclasses.replace(m, sub_event_type=sub, actor1=rioters, actor2=other, evidence=tuple(evidence))
