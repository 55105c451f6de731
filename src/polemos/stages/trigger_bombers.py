"""Suicide bombers that security forces stopped (context mark "bomber-stopped"): ACLED codes a bomber who
was shot, intercepted, stopped or chased by soldiers, police or a vigilance group, before or while he set
off his charge, as an Armed clash between those forces and the bomber's group (they fought), not as a
Suicide bomb. The mark is read only by the suicide trigger's refinements, so it needs no bombing of its own.
"""

from __future__ import annotations

from typing import Any

# Verbs of forces acting on a bomber: "soldiers shot the bomber", "was intercepted at a checkpoint".
STOPPING_VERBS = frozenset(
    {"shoot", "shot", "intercept", "stop", "chase", "neutralize", "neutralise", "gun", "foil", "pursue"}
)
STOPPED_MARK = "bomber-stopped"
# Who stops a bomber: the state's forces and local self-defence groups ("vigilance committee members",
# "hunters", "Civilian JTF") that ACLED codes as militias; not the armed words for attackers ("gunman",
# "militant"), which name the bomber's own side.
FORCE_WORDS = frozenset(
    {"soldier", "troop", "army", "military", "police", "policeman", "policemen", "officer", "force",
     "personnel", "guard", "gendarme", "gendarmerie", "security", "commando", "marine", "jtf", "hunter",
     "vigilance", "vigilante", "militia", "militiaman", "operative", "agency", "serviceman", "sentry"}
)  # fmt: skip
# Who may be stopped in a suicide sentence: the bomber by any name, or a pronoun or number for him.
_BOMBER_WORDS = frozenset(
    {"bomber", "attacker", "assailant", "perpetrator", "he", "she", "they", "him", "her", "them", "one",
     "third", "second", "other", "vehicle", "car", "man", "woman", "girl", "boy"}
)  # fmt: skip


def _forces(tok: Any) -> bool:
    """The phrase under `tok` names soldiers, police or a vigilance group ("security forces", "a soldier",
    "Civilian JTF", "local hunters")."""
    return any(t.lemma_.lower() in FORCE_WORDS or t.lower_ in FORCE_WORDS for t in tok.subtree)


def _agent(verb: Any) -> Any | None:
    """The doer of a passive verb ("shot by soldiers"), or None."""
    for c in verb.children:
        if c.dep_ == "agent":
            return next((g for g in c.children if g.dep_ == "pobj"), None)
    return None


def stops_bomber(verb: Any) -> bool:
    """ "Soldiers shot the bomber", "the bomber was shot by police", "was intercepted at a checkpoint":
    forces acted on the bomber. A passive verb with no doer counts (a bomber is shot or intercepted by the
    forces on guard); one with a doer needs that doer to be armed ("stopped by a dog" is no fight)."""
    kids = list(verb.children)
    patient = next((c for c in kids if c.dep_ in ("nsubjpass", "dobj")), None)
    if patient is None:
        # "shot and killed a bomber": the object hangs on the second verb
        patient = next((g for c in kids if c.dep_ == "conj" for g in c.children if g.dep_ == "dobj"), None)
    if patient is None and verb.dep_ == "conj" and any(c.dep_ == "auxpass" for c in kids):
        # "attacked the camp but were shot by guards": the passive's subject is the first verb's
        patient = next((c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if patient is None or _forces(patient):
        return False  # "soldiers were shot": forces as the victims, not the doers
    if patient.dep_ == "dobj":
        subject = next((c for c in kids if c.dep_ == "nsubj"), None)
        return (
            subject is not None
            and _forces(subject)
            and any(t.lemma_.lower() in _BOMBER_WORDS or t.lower_ in _BOMBER_WORDS for t in patient.subtree)
        )
    agent = _agent(verb)
    return agent is None or _forces(agent)


def shot_from_forces(tok: Any) -> bool:
    """ "detonated after a shot from security forces", "in a security operation": the forces' act told as a
    noun."""
    if tok.lower_ in ("shot", "shots", "gunshot", "gunshots"):
        return any(
            c.dep_ == "prep" and c.lower_ in ("from", "by") and any(_forces(g) for g in c.children)
            for c in tok.children
        )
    if tok.lower_ in ("operation", "operations"):
        return tok.dep_ == "pobj" and any(
            c.dep_ in ("compound", "amod") and c.lower_ in ("security", "military", "police")
            for c in tok.children
        )
    return False
