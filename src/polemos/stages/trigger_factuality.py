"""Whether a matched trigger reports a deed done (extract stage): the modality check on its anchor, and
captures, dispersals, ambushes and assassinations tried, which ACLED codes as the fight or attack they were.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from polemos.knowledge.lexicon import Condition, Trigger
from polemos.stages.modality import INTENT_VERBS, non_factual_reason
from polemos.stages.trigger_objects import phrase_anchor
from polemos.taxonomy import EventType, SubEventType

# Verbs of trying: a capture tried is a fight for the place, not a change of its control (ACLED codes an
# attempted or failed take-over as an armed clash).
ATTEMPT_WORDS = frozenset({"attempt", "try", "fail", "bid", "seek", "struggle"})
# The sub-event types of a change of control over territory.
TERRITORY = frozenset(
    {SubEventType.GOVERNMENT_REGAINS_TERRITORY, SubEventType.NON_STATE_ACTOR_OVERTAKES_TERRITORY}
)


def factual(doc: Any, start: int, end: int, trig: Trigger) -> bool:
    anchor = phrase_anchor(doc, start, end)
    if trig.pos and anchor.pos_ not in trig.pos:
        return False
    reason = non_factual_reason(anchor)
    if reason == "infinitive" and trig.sub_event_type.event_type is EventType.PROTESTS:
        # "workers gathered to protest", "began a strike to protest": protesting is the purpose of an act
        # that happened, so the protest happened; "threatened to protest" is caught by the intent verb.
        head = anchor.head
        return (
            anchor.dep_ in ("advcl", "xcomp")
            and head.i != anchor.i
            and head.lemma_.lower() not in INTENT_VERBS
            and non_factual_reason(head) is None
        ) or _purpose_of_shots(anchor)
    return reason is None


# Verbs of shooting whose object's purpose clause tells what the shots did: "fired tear gas to disperse".
_SHOOT_VERBS = frozenset({"fire", "shoot", "use", "employ"})
# The subject's tags before a headline's "fire" misread as a noun: "Police fire", "Security forces fire".
_SUBJECT_TAGS = ("NNS", "NN")


def _purpose_of_shots(anchor: Any) -> bool:
    """ "Soldiers fire live rounds to disperse protesters", "Security forces fire teargas to disperse them":
    the parser hangs the purpose from what was fired (a relative clause of the noun), and in a headline's
    present tense reads "fire" itself as a noun compound of it. Rounds or gas fired to disperse a crowd
    were fired at it: the dispersal was tried, which ACLED codes as an intervention."""
    munition = anchor.head
    if anchor.dep_ not in ("acl", "relcl") or munition.i == anchor.i or munition.pos_ != "NOUN":
        return False
    if not any(c.dep_ == "aux" and c.lower_ == "to" for c in anchor.children):
        return False
    verb = munition.head
    if munition.dep_ == "dobj" and verb.lemma_.lower() in _SHOOT_VERBS:
        return non_factual_reason(verb) is None
    # the headline's verb read as a noun: "fire(compound) teargas", after its subject
    doc = anchor.doc
    return any(
        c.dep_ == "compound" and c.lemma_.lower() == "fire" and c.i > 0 and doc[c.i - 1].tag_ in _SUBJECT_TAGS
        for c in munition.children
    )


def attempted_capture(doc: Any, start: int, end: int, trig: Trigger) -> bool:
    """ "forces attempted to take the town", "a bid to retake the base": a capture tried, itself factual.
    So is a dispersal tried: "police attempted to disperse the march" intervened in a march that took
    place (ACLED: any physical attempt to disperse is an intervention); and so is an ambush or an
    assassination tried ("attempted to ambush a minibus"): the attempt is the violence."""
    if trig.idiom:
        return False
    tried = trig.sub_event_type in TERRITORY or trig.id in ATTEMPTS_TOLD
    if trig.sub_event_type is SubEventType.PROTEST_WITH_INTERVENTION or tried:
        return _attempted(doc, start, end, trig)
    return False


def _attempted(doc: Any, start: int, end: int, trig: Trigger) -> bool:
    anchor = phrase_anchor(doc, start, end)
    if trig.pos and anchor.pos_ not in trig.pos:
        return False
    head = anchor.head
    return (
        non_factual_reason(anchor)
        in ("infinitive", f"intent:{head.lemma_.lower()}", f"purpose:{head.lemma_.lower()}")
        and anchor.dep_ in ("xcomp", "acl")
        and head.lemma_.lower() in ATTEMPT_WORDS
        and non_factual_reason(head) is None
    )


# Attacks whose attempt is itself violence ACLED codes, typed as the act would be: "attempted to ambush a
# minibus" (travellers attacked), "tried to assassinate a police officer" (an armed target attacked).
ATTEMPTS_TOLD = frozenset({"ambush", "assassination", "assassinate"})
# What a capture tried may be aimed at besides ground: premises or an armed post ("attempted to overtake a
# police station") are fought for all the same.
_ATTEMPT_TARGETS = (Condition("object", "facility"), Condition("object", "armed_target"))


def as_attempt(trig: Trigger) -> Trigger:
    # keep `needs` (a place, premises or an armed post must be at stake) but drop refinements that read a
    # change of control
    return dataclasses.replace(
        trig,
        id=f"{trig.id}-attempt",
        sub_event_type=SubEventType.ARMED_CLASH,
        refine=(),
        needs=(*trig.needs, *_ATTEMPT_TARGETS) if trig.needs else trig.needs,
    )
