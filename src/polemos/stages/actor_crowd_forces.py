"""The state force a crowd met (extract stage): "security forces" that disperse, arrest or fire on
protesters or rioters are the country's police, as ACLED codes the forces that keep public order, not its
army; a report that names soldiers, troops or the army keeps them."""

from __future__ import annotations

import dataclasses
import re

from polemos.model import Actor
from polemos.stages.arguments import ActorMentionLike
from polemos.taxonomy import EventType

# The words that name a state's forces without saying which: ACLED reads them by what they did
_UNSPECIFIED = re.compile(
    r"(?:the\s+)?(?:\w+\s+)?security\s+(?:forces?|personnel|agents|officers|services|units)", re.IGNORECASE
)
# A state's army named whole, with its regime's years (police and army are named by the same regime)
_ARMY = re.compile(r"Military Forces of (?P<rest>[^()]+ \([\d-]+\))")


def crowd_police(etype: EventType, m: ActorMentionLike | None, actor: Actor | None) -> Actor | None:
    """The police of the country whose unspecified security forces met a protest or a riot, else `actor`."""
    if etype not in (EventType.PROTESTS, EventType.RIOTS) or m is None or actor is None or actor.inter != 1:
        return actor
    return police_for_phrase(m.text, actor)


def police_for_phrase(phrase: str, actor: Actor) -> Actor:
    """The police of the country whose army `actor` is, where `phrase` named it only as unspecified
    security forces, else `actor` (the force met a crowd: the caller has seen to that)."""
    found = _ARMY.fullmatch(actor.name)
    if found is None or not _UNSPECIFIED.fullmatch(phrase.strip()):
        return actor
    return dataclasses.replace(actor, name=f"Police Forces of {found.group('rest')}")
