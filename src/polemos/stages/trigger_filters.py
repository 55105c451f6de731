"""Readings that keep a matched trigger word from coding (extract stage): gunfire as the means of a harm,
people carried to hospital, self-harm, goods taken back, a clash of words, control still fought for, a
trigger in a relative clause or in a phrase that only dates the main clause.
"""

from __future__ import annotations

from typing import Any

from polemos.knowledge.lexicon import Lexicon, Trigger
from polemos.stages.token_view import view
from polemos.stages.victims import DELIBERATE_HARM_VERBS, HARM_VERBS, REFLEXIVES
from polemos.taxonomy import SubEventType

# Words that place the main clause after or amid another event ("during" does not: "killed during clashes"
# tells the clashes' toll).
BACKGROUND_PREPS = frozenset({"after", "following", "amid", "amidst"})
# News that ACLED codes on its own day whatever it followed: peace deals, ceasefires, defections, and
# the "Other" developments told by a word of their own (a state of emergency, a coup, a mass grave).
BACKGROUNDED_NEWS = frozenset({SubEventType.AGREEMENT, SubEventType.CHANGE_TO_GROUP, SubEventType.OTHER})


# Nouns of shots fired that name how someone was harmed, not a fight, when they are the means
# ("injured with gunfire", "killed by gunfire", "died of gunshot wounds").
INSTRUMENT_NOUNS = frozenset({"gunfire", "gunshot"})
_MEANS_PREPS = frozenset({"with", "by", "of", "from"})


def harm_instrument(anchor: Any) -> bool:
    """ "wounded four people with gunfire", "a gunshot wound": the shots are the means of a harm the
    sentence tells with its own verb; "an exchange of gunfire" stays a fight."""
    if anchor.lemma_.lower() not in INSTRUMENT_NOUNS and anchor.lower_ not in INSTRUMENT_NOUNS:
        return False
    if anchor.dep_ == "compound":
        return True  # "gunshot wounds"
    head = anchor.head
    # the harm's own verb: "killed by gunfire"; a boat "hit by gunfire" or a blast "followed by gunfire"
    # met a fight
    if anchor.dep_ != "pobj" or head.lower_ not in _MEANS_PREPS:
        return False
    harmed = head.head  # or the victim it hangs from: "wounding five villagers with gunfire"
    verb = harmed.head if harmed.dep_ in ("dobj", "nsubjpass") else harmed
    return verb.lemma_.lower() in HARM_VERBS


def in_relative_clause(anchor: Any) -> bool:
    """ "a man who had supported the party and protested against the vote was killed": the trigger heads a
    relative clause, or is a verb coordinated with its head."""
    node = anchor
    for _ in range(4):
        if node.dep_ == "relcl":
            return True
        if node.dep_ != "conj" or node.head.i == node.i:
            return False
        node = node.head
    return False


def harms_only_oneself(anchor: Any) -> bool:
    """ "a man shot himself", "killed himself": a verb of harm whose only object is its own subject is no
    violence anyone did to another; "the bomber killed himself and five others" harmed others too."""
    if anchor.lemma_.lower() not in DELIBERATE_HARM_VERBS:
        return False
    objects = [c for c in anchor.children if c.dep_ == "dobj"]
    return bool(objects) and all(o.lower_ in REFLEXIVES and not list(o.conjuncts) for o in objects)


# Prepositions that name what a clash of words was about: "clashed over the budget".
_TOPIC_PREPS = frozenset({"over", "about"})
# Nouns after "over" that tell when, not what about: "clashed over the weekend".
_SPAN_NOUNS = frozenset({"weekend", "night", "day", "week", "month", "year", "period", "course", "hour"})
# Classes whose words tell bodies, weapons or a crowd in the sentence: a clash told beside them is physical.
_PHYSICAL_CLASSES = ("lethal", "hurt", "injury", "armed_context", "crowd", "mob_cue", "protest_violence")


def clash_of_words(anchor: Any, lexicon: Lexicon) -> bool:
    """ "Rival parties clashed over the budget", "the two ministers fought about the reform": a clash
    over a topic, told with no harm, weapon or crowd, is a dispute in words, no riot and no battle."""
    topics = [
        p
        for c in anchor.children
        if c.dep_ == "prep" and c.lower_ in _TOPIC_PREPS
        for p in c.children
        if p.dep_ == "pobj" and p.pos_ == "NOUN" and p.lemma_.lower() not in _SPAN_NOUNS
    ]
    if not topics:
        return False
    physical = frozenset().union(*(lexicon.classes.get(c, frozenset()) for c in _PHYSICAL_CLASSES))
    tokens = view(anchor.doc)
    return not any(
        tokens.lemmas[i] in physical or tokens.lowers[i] in physical  # the clash itself tells nothing
        for i in range(len(tokens.tokens))
        if i != anchor.i
    )


# What makes goods recovered property: police "recovered stolen cattle" take back, they capture nothing.
_RECOVERED_GOODS = frozenset({"stolen", "looted", "rustled", "missing", "lost", "robbed", "plundered"})


def takes_back_stolen(anchor: Any) -> bool:
    """ "recovered stolen property", "seized the looted goods": what is taken was someone's already."""
    node = anchor.head if anchor.dep_ == "prt" else anchor
    objects = [c for c in node.children if c.dep_ in ("dobj", "nsubjpass")]
    return any(
        c.lower_ in _RECOVERED_GOODS
        for o in objects
        for c in (*o.children, *(g for j in o.conjuncts for g in j.children))
        if c.dep_ in ("amod", "compound", "acl")
    )


def contested_control(anchor: Any) -> bool:
    """ "fought for control of the airport", "a battle for control of the town": control fought for is
    still in dispute; ACLED codes the fight as an armed clash and a change of hands only once it is won
    (the fight's own word codes the clash)."""
    return bool(anchor.lemma_.lower() == "control" and anchor.dep_ == "pobj" and anchor.head.lower_ == "for")


def carried_to(doc: Any, start: int, end: int) -> bool:
    """ "were taken to hospital", "took the suspects to the police station": "take" with a destination
    moves people or things; it captures nothing (the seizure, if any, has its own verb)."""
    tok = doc[start]
    return (
        end - start == 1
        and tok.lemma_.lower() == "take"
        and any(c.dep_ == "prep" and c.lower_ == "to" for c in tok.children)
    )


def news_of_its_own(trig: Trigger) -> bool:
    """A strategic development that codes whatever its context (no conditions), and is no one's outcome."""
    return trig.sub_event_type in BACKGROUNDED_NEWS and not trig.weak and not trig.needs and not trig.requires


def told_as_background(anchor: Any) -> bool:
    """ "after clashes", "following an ambush", "amid fighting", "after militants stormed the town": the
    trigger is inside a phrase or clause that dates the main clause by it."""
    head = anchor.head
    if anchor.dep_ == "pobj" and head.dep_ == "prep" and head.lower_ in BACKGROUND_PREPS:
        return True
    return anchor.dep_ == "advcl" and any(
        c.dep_ == "mark" and c.lower_ in BACKGROUND_PREPS for c in anchor.children
    )


# The trigger of decreed rule (a state of emergency, martial law), and the verbs that decree it.
DECREE_TRIGGER = "emergency"
DECREE_VERBS = frozenset(
    {"declare", "extend", "impose", "lift", "prolong", "renew", "proclaim", "announce", "enforce", "decree",
     "end", "introduce", "institute", "reimpose", "re-impose", "approve", "endorse"}
)  # fmt: skip


def decreed(anchor: Any) -> bool:
    """ "declared a state of emergency", "martial law was imposed", "decided to extend the state of
    emergency": the rule is the object of a verb that decrees it, the day's news. "where a state of
    emergency has been in force since May" tells a standing condition, no event."""
    if anchor.dep_ not in ("dobj", "nsubjpass"):
        return False
    verb = anchor.head
    return verb.lemma_.lower() in DECREE_VERBS and verb.dep_ != "relcl"
