"""Property attacked beside a demonstration (extract stage, a context mark read by the lexicon).

"Protesters attacked the mayor's house", "the party's offices were attacked during a demonstration", "an
attack took place on the governor's house during protests against the devaluation": a building, a home or a
vehicle attacked where a demonstration is told, by no one named as armed men, is the crowd's destruction.
ACLED codes demonstrators' violence against property as a riot (Violent demonstration: "vandalism",
destruction), not as a peaceful protest; the attack trigger itself codes nothing here, as a building is
no victim. Armed men or the police attacking a house ("gunmen attacked the house", "police raided the
homes of the organisers") make no riot of the crowd: the mark is not given.
"""

from __future__ import annotations

from typing import Any

from polemos.knowledge.lexicon import Lexicon
from polemos.stages.victims import ARMED_WORDS, former

# The context word for property a crowd attacked (lexicon class `protest_violence`); not a word of English.
CROWD_PROPERTY_MARK = "crowd-property"
# Every lemma `attacks_property` can accept: callers skip the other tokens without asking them.
ATTACK_WORDS = frozenset({"attack", "ransack"})
# Property a crowd damages besides the lexicon's premises (class `facility`): homes by their other name,
# and vehicles.
_PROPERTY = frozenset({"residence", "car", "vehicle", "villa", "homestead"})
# Prepositions that give what an attack (the noun) was on: "an attack on the house", "attacks against shops".
_TARGET_PREPS = frozenset({"on", "against", "upon"})
# Verbs an attack (the noun) is told happening with, whose prepositions give its target in the parse: "an
# attack took place on the house", "an attack occurred at the office".
_HAPPENING_VERBS = frozenset({"take", "occur", "happen"})
# Where an attack (the noun) is told as what happened ("an attack took place", "there was an attack"); as
# an object ("protested an attack", "angry at the attack") it is what a crowd protests, not its act.
_TELLING_DEPS = frozenset({"nsubj", "nsubjpass", "attr", "ROOT"})


def _property(tok: Any, lexicon: Lexicon) -> bool:
    lemma = tok.lemma_.lower()
    return lemma in _PROPERTY or lexicon.in_class(lemma, "facility")


def _pobjs(heads: list[Any]) -> list[Any]:
    """The objects of the target prepositions the given tokens govern."""
    return [
        p
        for h in heads
        for c in h.children
        if c.dep_ == "prep" and c.lower_ in _TARGET_PREPS
        for p in c.children
        if p.dep_ == "pobj"
    ]


def _armed(toks: list[Any]) -> bool:
    """Whether the words (a subtree of the doers) tell armed men ("gunmen", "the police") or name a group
    ("Al-Shabaab", "supporters of the Front"): a group's attack is its own, not a crowd's."""
    return any((t.lemma_.lower() in ARMED_WORDS and not former(t)) or t.pos_ == "PROPN" for t in toks)


def _verb_parts(verb: Any) -> tuple[list[Any], list[Any]]:
    """The verb's targets (object, passive subject) and doers (subject, passive agent), those of the verb
    it is coordinated after where it has none ("gathered outside and attacked the office")."""
    targets = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    doers: list[Any] = []
    for v in (verb, verb.head) if verb.dep_ == "conj" else (verb,):
        doers = [c for c in v.children if c.dep_ == "nsubj"]
        doers += [p for c in v.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]
        if doers:
            break
    return targets, doers


def _noun_parts(noun: Any) -> tuple[list[Any], list[Any]]:
    """An attack told as a noun: its targets ("the attack on the office", or the happening verb's "took
    place on the house") and the words that may name its doers (its modifiers and "by" phrase)."""
    if noun.dep_ not in _TELLING_DEPS:
        return [], []  # "protested an attack on the school", "in protest at the attack": its grievance
    heads = [noun]
    if noun.dep_ == "nsubj" and noun.head.lemma_.lower() in _HAPPENING_VERBS:
        heads.append(noun.head)
    doers = [c for c in noun.children if c.dep_ in ("compound", "poss", "nmod")]
    doers += [p for c in noun.children if c.dep_ == "prep" and c.lower_ == "by" for p in c.children]
    return _pobjs(heads), doers


def attacks_property(tok: Any, lexicon: Lexicon) -> bool:
    """ "Protesters attacked the house", "the offices were attacked", "an armed attack took place on the
    house": property attacked by no armed men the sentence names as its doers. "Armed" qualifying the attack
    itself names no one: a crowd's attack on a house may be told so."""
    lemma = tok.lemma_.lower()
    if lemma not in ATTACK_WORDS:
        return False
    if tok.pos_ == "VERB":
        targets, doers = _verb_parts(tok)
    elif tok.pos_ == "NOUN":
        targets, doers = _noun_parts(tok)
    else:
        return False
    targets = [w for t in targets for w in (t, *t.conjuncts)]
    if not any(_property(t, lexicon) for t in targets):
        return False
    return not _armed([w for d in doers for w in d.subtree])
