"""Words of a sentence that do not stand for themselves in the lexicon's context tests (extract stage): the
word after "anti-", "home" in "home town", "riot" in "riot police", "the air" shot into, the words of
a self-inflicted fire, what a protest is against, and what the sentence says there was none of.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from polemos.stages.escalation import RIOT_UNITS
from polemos.stages.modality import denied_word
from polemos.stages.victims import REFLEXIVES

# Prepositions that make "the air" a place: "fired into the air", "shots in the air", "stayed on the air".
_AIR_PLACE_PREPS = frozenset({"in", "into", "on"})


def _air_as_place(token: Any) -> bool:
    """ "fired warning shots into the air": the air shot into names no aircraft (the lexicon's `drone`
    class has "air" for "air force" and "by air")."""
    return token.dep_ == "pobj" and token.head.lower_ in _AIR_PLACE_PREPS


# Nouns a "home" before them makes a place of origin, not the home where a victim was ("his home town").
_ORIGIN_NOUNS = frozenset({"town", "village", "city", "country", "province", "region", "district", "state"})


def not_so_words(tokens: Sequence[Any], lowers: Sequence[str]) -> frozenset[int]:
    """Words of the sentence that do not stand for themselves in the lexicon's context tests: the word
    after "anti-" ("anti-aircraft fire" names no aircraft, "anti-government" no government), "home" in
    "home town", "home village" (where one comes from: no sign of being off duty at home), "riot" in
    "riot police", "the air" shot into, and what there was none of ("no damage was reported") or what was not
    done ("would not find")."""
    out = {i for i in range(2, len(lowers)) if lowers[i - 1] == "-" and lowers[i - 2] == "anti"}
    out.update(
        i
        for i, t in enumerate(tokens)
        if lowers[i] == "home" and t.dep_ == "compound" and t.head.lemma_.lower() in _ORIGIN_NOUNS
    )
    out.update(_self_harm_words(tokens))
    out.update(_grievance_words(tokens))
    out.update(i for i, t in enumerate(tokens) if denied_word(t))
    negated = {t.head.i for t in tokens if t.dep_ == "neg"}
    if negated:
        out.update(i for i, t in enumerate(tokens) if t.i in negated and _denied_deed(t))
    if "air" in lowers:
        out.update(i for i, t in enumerate(tokens) if lowers[i] == "air" and _air_as_place(t))
    if "riot" in lowers:  # most sentences name no riot
        # "riot police", "riot gear": a unit or its kit named by the crowds it faces, no riot
        out.update(i for i in range(len(lowers) - 1) if lowers[i] == "riot" and lowers[i + 1] in RIOT_UNITS)
    return frozenset(out)


def _denied_deed(token: Any) -> bool:
    """ "so that its technology would not find enemy hands", "police did not disperse them": a verb the
    sentence negates tells of no such deed, so it is no context for one (a word found, a crowd dispersed)."""
    return token.pos_ == "VERB" and any(c.dep_ == "neg" for c in token.children)


# What the fire is, when someone sets himself on fire ("set himself alight", "set herself ablaze").
_FIRE_WORDS = frozenset({"alight", "ablaze", "fire", "on"})


def _self_harm_words(tokens: Sequence[Any]) -> set[int]:
    """ "burned himself", "set themselves on fire": a verb whose only object is its own subject, and the
    words of its fire. Such a fire harms no one else: in "burned himself in protest" it makes no riot;
    "killed himself and three guards" harmed others too."""
    out: set[int] = set()
    for t in tokens:
        objects = [c for c in t.children if c.dep_ == "dobj"]
        if not objects or not all(o.lower_ in REFLEXIVES and not list(o.conjuncts) for o in objects):
            continue
        out.add(t.i)
        out.update(c.i for c in t.subtree if c.lower_ in _FIRE_WORDS)
    return out


# Words of a demonstration, and the prepositions that give what it is against ("protested over the looting
# of shops", "a march against killings").
_PROTEST_WORDS = frozenset(
    {"protest", "protester", "protestor", "demonstrate", "demonstration", "demonstrator", "rally", "march",
     "strike", "sit-in", "picket", "petition"}
)  # fmt: skip
_GRIEVANCE_PREPS = frozenset({"against", "over", "about"})
# A strike that is a weapon's, not a walk-out ("air strikes against militants"): its target stays context.
_ARMED_STRIKE = frozenset({"air", "drone", "missile", "rocket", "aerial", "military", "artillery", "naval"})
# Verbs whose object is the grievance itself: "protesting the vandalism of their vehicles" ("condemned"
# and "denounced" are said by officials of the protesters' acts as often).
_GRIEVANCE_VERBS = frozenset({"protest"})


def _grievance_words(tokens: Sequence[Any]) -> set[int]:
    """ "Protests against insecurity and looting", "marched to protest the killings", "protesting the
    vandalism of their vehicles": the grievance is what others did, not the crowd's own violence, so its
    words make no riot (nor force on protesters) of the protest."""
    out: set[int] = set()
    for t in tokens:
        lemma = t.lemma_.lower()
        if lemma not in _PROTEST_WORDS or (lemma == "strike" and _armed_strike(t)):
            continue
        for c in t.children:
            if c.dep_ == "prep" and c.lower_ in _GRIEVANCE_PREPS:
                out.update(g for p in c.children if p.dep_ == "pobj" for g in _phrase(p))
            elif c.dep_ == "dobj" and lemma in _GRIEVANCE_VERBS and t.pos_ == "VERB":
                out.update(_phrase(c))
    return out


def _armed_strike(tok: Any) -> bool:
    """ "air strikes against militants", "the army struck them": a weapon's strike, not a walk-out."""
    return tok.pos_ != "NOUN" or any(c.lower_ in _ARMED_STRIKE for c in tok.children)


def _phrase(tok: Any) -> set[int]:
    """The tokens of the noun phrase under `tok`, less a verb the parser hung on it with no subject of its
    own: in "protesters against the tax burned tyres" the burning is the protesters' act, misread as a
    participle of "tyres" ("stabbings that had killed four" keeps its clause, whose subject is "that")."""
    out = {tok.i}
    for c in tok.children:
        verb = (c.dep_ in ("relcl", "acl") and c.tag_ in ("VBD", "VBZ", "VBP")) or (
            c.dep_ == "amod" and c.tag_ in ("VBN", "VBD")
        )
        if verb and not any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children):
            continue
        out.update(_phrase(c))
    return out
