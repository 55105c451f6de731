"""The state a named unit is told as belonging to (extract stage): "the Special Deterrence Force of
Libya's internationally-backed government", "the 20th Brigade of the Afghan army". The unit is the side
that acts; its government or army named only as its owner is no second party of the report, and so no
candidate for a side its sentences leave unnamed (a battle's "armed clash with its members" is the unit
against someone else, not the unit against its own government).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from polemos.stages.arguments import ActorMentionLike

__all__ = ["not_unit_owners"]

# Between a unit and the state that owns it: "(Force) of (the) ...", "(Force) of Libya's (government)",
# "(Brigade), part of the ..."
_OWNED_BY = re.compile(
    r"\s*(?:\([A-Z]{2,6}\)\s*)?(?:,\s*(?:a\s+)?part\s+)?of\s+(?:the\s+)?(?:[A-Z][\w-]*['’]s\s+)?$"
)


def not_unit_owners(mentions: Sequence[ActorMentionLike], text: str) -> list[ActorMentionLike]:
    """`mentions` (in text order) less the state mentions named only as the owner of the armed party
    named right before them."""
    out: list[ActorMentionLike] = []
    prev: ActorMentionLike | None = None
    for m in mentions:
        owner = (
            prev is not None
            and m.category == "state"
            and prev.category in ("armed", "state")
            and prev.actor != m.actor
            and 0 <= m.start - prev.end <= 30
            and _OWNED_BY.fullmatch(text, prev.end, m.start) is not None
        )
        if not owner:
            out.append(m)
        prev = m
    return out
