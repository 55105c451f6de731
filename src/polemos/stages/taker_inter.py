"""Actor 1's type when the parse names no agent of a trigger (extract stage): the holder "under the
control of" a group, the doer of the clause a participle hangs from, or an unnamed non-state group in the
subject. The type decides who took a place (a government regains it, a non-state actor overtakes it).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from polemos.knowledge.lexicon import Lexicon, Trigger
from polemos.stages.annotate import Sentence
from polemos.stages.arguments import ActorMentionLike, assign_roles
from polemos.stages.trigger_factuality import TERRITORY
from polemos.stages.triggers import TriggerHit


def unstated_agent_inter(
    hit: TriggerHit, verb: Any, lexicon: Lexicon, mentions: Sequence[ActorMentionLike], sent: Sentence
) -> int | None:
    """Actor 1's inter when no agent of the trigger's verb is named: the holder "under the control of" a
    group, else an unnamed non-state group in the subject."""
    held = _holder_inter(hit.anchor, lexicon, mentions, sent)
    if held is None and _takes_ground(hit.trigger):
        held = _participle_doer_inter(verb, mentions, sent)
    return held if held is not None else _unnamed_agent_inter(verb, lexicon)


def _holder_inter(
    anchor: Any, lexicon: Lexicon, mentions: Sequence[ActorMentionLike], sent: Sentence
) -> int | None:
    """ "Kusa is under the control of the Kusa Brigade", "under control of the rebels": who "of" names
    holds the place; a known actor by its inter, an unnamed armed group as non-state."""
    if anchor.lemma_.lower() != "control":
        return None
    holders = [
        p
        for c in anchor.children
        if c.dep_ == "prep" and c.lower_ == "of"
        for p in c.children
        if p.dep_ == "pobj"
    ]
    for h in holders:
        start, end = sent.start + h.left_edge.idx, sent.start + h.idx + len(h.text)
        named = [m for m in mentions if m.start < end and start < m.end and m.category != "civilian"]
        if named:
            return named[0].actor.inter
    nonstate = lexicon.classes.get("nonstate_group", frozenset())
    if any(w.lemma_.lower() in nonstate for h in holders for w in (h, *h.children) if w.dep_ != "prep"):
        return 3
    return None


def _unnamed_agent_inter(verb: Any, lexicon: Lexicon) -> int | None:
    """Rebels, insurgents, militants no knowledge entry names are still non-state: "Rebels are now in
    control of the airport" is a non-state actor overtaking territory whatever their name."""
    nonstate = lexicon.classes.get("nonstate_group", frozenset())
    # "Rebel fighters managed to take", "are able to gain control": the subject is the head's, above the
    # xcomp (and the adjective it hangs from).
    heads = [verb]
    while heads[-1].dep_ in ("xcomp", "acomp") and heads[-1].head.i != heads[-1].i and len(heads) < 4:
        heads.append(heads[-1].head)
    for head in heads:
        for child in head.children:
            if child.dep_ != "nsubj":
                continue
            # "Rebel fighters": a compound names the group as well as the head noun does
            words = [child, *(c for c in child.children if c.dep_ == "compound")]
            if any(w.lemma_.lower() in nonstate for w in words):
                return 3  # political militia: the inter ACLED gives an unnamed organised non-state group
    return None


def _takes_ground(trig: Trigger) -> bool:
    """Whether the trigger can code ground taken, whose type is decided by who took it."""
    return trig.sub_event_type in TERRITORY or any(r.sub_event_type in TERRITORY for r in trig.refine)


def _participle_doer_inter(verb: Any, mentions: Sequence[ActorMentionLike], sent: Sentence) -> int | None:
    """ "Militants attacked the posts, seizing the district centre": a participle with no subject of its own
    is done by the doer of the clause it hangs from. Only for ground taken: elsewhere the side that acted
    is left to the actor stages."""
    if (
        verb.dep_ != "advcl"
        or verb.tag_ != "VBG"
        or any(c.dep_.startswith(("nsubj", "csubj")) for c in verb.children)
    ):
        return None
    agents = assign_roles(sent.doc, verb.head, mentions, sent.start).agents
    armed = [m for m in agents if m.category != "civilian"]
    return armed[0].actor.inter if armed else None
