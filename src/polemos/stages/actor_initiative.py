"""Which side of a battle a report names as the one whose operation it was (extract stage): "operations by
Afghan forces killed eight militants", "militants were killed in an attack by the army", "killed by
army raids". The agent of a passive "by" phrase of an operation word names who started the fight even
where the parse ties that side to no verb (the trigger is "killed", whose object is the other side).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from polemos.model import Actor
from polemos.stages.arguments import ActorMentionLike

__all__ = ["initiator", "operation_by"]

# Words naming an operation a side carries out: what comes before "by" in "a raid by", after the side
# in "by army raids"
_OPERATION = r"(?:attacks?|ambush(?:es)?|raids?|operations?|offensives?|assaults?|incursions?)"
# "an attack by", "operations carried out by", "a raid by a large number of": the side follows
_BY_BEFORE = re.compile(
    rf"\b{_OPERATION}\s+(?:(?:launched|carried\s+out|conducted|staged|mounted)\s+)?by\s+"
    r"(?:(?:the|a|an|some|several|a\s+large\s+number\s+of|dozens\s+of|suspected)\s+)*$",
    re.IGNORECASE,
)
# "by (the) <side>( forces)('s) raids": the side is named between "by" and the operation word
_BY = re.compile(r"\bby\s+(?:(?:the|a|an|suspected)\s+)?$", re.IGNORECASE)
_OPERATION_AFTER = re.compile(
    rf"(?:\s+(?:forces|fighters|militants|troops|militiamen|gunmen|soldiers|commandos))?(?:'s?|’s?)?"
    rf"\s+{_OPERATION}\b",
    re.IGNORECASE,
)
# how far before a mention its "by" phrase may begin
_REACH = 80


def operation_by(text: str, m: ActorMentionLike) -> bool:
    """Whether mention `m` (offsets into `text`, the document's) is the agent of an operation word's
    "by" phrase: "an attack by X", "operations by X", "by X raids"."""
    before = text[max(0, m.start - _REACH) : m.start]
    if _BY_BEFORE.search(before) is not None:
        return True
    return _BY.search(before) is not None and _OPERATION_AFTER.match(text, m.end) is not None


def initiator(a1: Actor, a2: Actor, text: str, mentions: Sequence[ActorMentionLike]) -> Actor | None:
    """The one of a battle's two sides that the report (`text`, with its actor `mentions`) names as the
    agent of an operation, or None where it names both or neither so."""
    if a1.name == a2.name:
        return None
    named = {a.name for a in (a1, a2) for m in mentions if m.actor.name == a.name and operation_by(text, m)}
    if len(named) != 1:
        return None
    return a1 if a1.name in named else a2
