"""A crowd that harms people (extract stage, read by `escalation`).

"A student was attacked and killed by protesters", "the demonstrators assaulted a reporter", "pupils beat
two teachers in protest": the crowd is the doer, and the people it harmed its victims. ACLED codes rioters
who attack, kill or abduct unarmed people as Violence against civilians (Rioters v Civilians), never as
a protest met with force: the protest trigger's lethal context ("killed") is the crowd's own deed there.
A crowd that attacks the police or a building is left to the riot rules.
"""

from __future__ import annotations

import dataclasses
from typing import Any, Protocol

from polemos.knowledge.lexicon import Lexicon
from polemos.model import Actor, EventMention, Evidence
from polemos.stages.arguments import ActorMentionLike
from polemos.stages.victims import ARMED_WORDS, CIVILIAN_WORDS, former
from polemos.taxonomy import EventType, Inter, SubEventType

# Verbs of a crowd's harm to people; the abductions among them code their own sub-type.
_HARM = frozenset(
    {"attack", "assault", "beat", "kill", "injure", "wound", "stab", "stone", "lynch", "rob", "murder",
     "hack", "torture", "whip", "kidnap", "abduct", "rough", "hit", "burn", "shoot"}
)  # fmt: skip
_ABDUCT = frozenset({"kidnap", "abduct"})
# Words of a group a crowd is told as ("a group of protesters", "a mob of students").
_GROUP_WORDS = frozenset({"group", "band", "crowd", "mob", "gang", "number", "hundreds", "dozens"})
# People the lexicon's person class leaves out, whom a crowd is often told harming: the press, people
# passing by, foreigners.
_MORE_PEOPLE = frozenset(
    {
        "correspondent",
        "cameraman",
        "passer",
        "passerby",
        "passer-by",
        "bystander",
        "national",
        "foreigner",
        "organiser",
        "organizer",
    }
)
# The words of a crowd's demonstration in "in protest" / "in protest against".
_PROTEST_NOUNS = frozenset({"protest", "demonstration"})


class PhraseResolver(Protocol):
    def resolve_phrase(self, phrase: str, position: int) -> ActorMentionLike | None: ...


def rioters_at(actors: PhraseResolver, position: int) -> Actor:
    """The rioters of the report's country; with none known, the kind alone (as an unnamed initiator is),
    for the run's country to be given later."""
    found = actors.resolve_phrase("rioters", position)
    return found.actor if found is not None else Actor("Rioters", Inter.RIOTERS, None)


def _harm_verbs(verb: Any) -> list[Any]:
    """The verb and the verbs coordinated with it ("attacked and killed"), those of a crowd's harm."""
    return [v for v in (verb, *verb.conjuncts) if v.lemma_.lower() in _HARM and v.pos_ == "VERB"]


def person(tok: Any, lexicon: Lexicon) -> bool:
    """Whether the token names an unarmed person: a person's word or a name."""
    words = {tok.lemma_.lower(), tok.lower_}
    if words & ARMED_WORDS and not former(tok):
        return False
    if words & (CIVILIAN_WORDS | _MORE_PEOPLE) or any(lexicon.in_class(w, "person") for w in words):
        return True
    if tok.pos_ in ("NUM", "PRON"):  # "attacked one of three men": the people it is one of
        of = [p for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children]
        return any(person(p, lexicon) for p in of)
    # "a Kenyan", "Mr Otieno": a name or a people ("three vehicles", counted, are no people)
    return tok.ent_type_ in ("PERSON", "NORP")


def _victims(verb: Any) -> list[Any]:
    """Who the verb harmed: its object, or its passive's subject (also a verb it is coordinated after)."""
    found = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    if not found and verb.dep_ == "conj":
        found = [c for c in verb.head.children if c.dep_ in ("dobj", "nsubjpass")]
    return [w for t in found for w in (t, *t.conjuncts)]


def crowd_harm_verb(tok: Any, lexicon: Lexicon) -> Any | None:
    """The verb of harm to unarmed people that the crowd `tok` (a protest trigger's word: "protesters",
    "in protest") did, or None: its subject ("protesters assaulted a reporter"), its passive's agent
    ("killed by a group of protesters"), or the doers of a harm done "in protest"."""
    node = tok
    if node.dep_ == "pobj" and node.head.lower_ == "of" and node.head.head.lemma_.lower() in _GROUP_WORDS:
        node = node.head.head  # "a group of protesters": the group does it
    verbs: list[Any] = []
    if node.dep_ == "nsubj":
        verbs = _harm_verbs(node.head)
    elif node.dep_ == "pobj" and node.head.dep_ == "agent":
        verbs = _harm_verbs(node.head.head)
    elif node.lemma_.lower() in _PROTEST_NOUNS and node.dep_ == "pobj" and node.head.lower_ == "in":
        verb = node.head.head
        if verb.dep_ == "dobj":  # "injured three teachers in protest": the phrase read as the object's
            verb = verb.head
        doers = [c for c in verb.children if c.dep_ == "nsubj"]
        if not doers and verb.dep_ == "conj":  # "attacked and injured teachers in protest"
            doers = [c for c in verb.head.children if c.dep_ == "nsubj"]
        # "students attacked teachers in protest": the doers people, not armed men or the police
        if doers and not any({d.lemma_.lower(), d.lower_} & ARMED_WORDS for d in doers):
            verbs = _harm_verbs(verb)
    for v in verbs:
        victims = _victims(v)
        if victims and all(person(w, lexicon) for w in victims):
            return v
    return None


def as_crowd_harm(m: EventMention, verb: Any, actors: PhraseResolver) -> EventMention:
    """The protest as the crowd's violence against the people it harmed: Rioters v Civilians."""
    sub = SubEventType.ABDUCTION if verb.lemma_.lower() in _ABDUCT else SubEventType.ATTACK
    pos = m.trigger.start
    rioters = rioters_at(actors, pos)
    found = actors.resolve_phrase("civilians", pos)
    civilians = found.actor if found is not None else None
    rule = "+crowd-harm"
    evidence: list[Evidence] = []
    for e in m.evidence:
        if e.field == "event_type":
            evidence.append(dataclasses.replace(e, value=sub.value, rule=e.rule + rule))
        elif e.field not in ("actor1", "actor2"):
            evidence.append(e)
    s = m.sentence
    sides: tuple[tuple[str, Actor | None], ...] = (("actor1", rioters), ("actor2", civilians))
    for fld, a in sides:
        if a is not None:
            evidence.append(
                Evidence(fld, a.name, m.document_id, s.text, s.start, s.start, "", "actor:crowd-harm")
            )
    assert sub.event_type is EventType.VIOLENCE_AGAINST_CIVILIANS
    return dataclasses.replace(
        m, sub_event_type=sub, actor1=rioters, actor2=civilians, evidence=tuple(evidence)
    )


def as_rioters(m: EventMention, actors: PhraseResolver) -> EventMention:
    """The violence with its protesters as rioters: a crowd that harms people is no peaceful one."""
    if m.actor1 is None:
        return m
    rioters = rioters_at(actors, m.trigger.start)
    old = m.actor1.name
    evidence = tuple(
        dataclasses.replace(e, value=rioters.name, rule=e.rule + "+rioters")
        if e.field == "actor1" and e.value == old
        else e
        for e in m.evidence
    )
    return dataclasses.replace(m, actor1=rioters, evidence=evidence)
