"""A doer the report itself calls unknown (extract stage): "bombing by unidentified aircraft", "unknown
gunmen opened fire". Where the report says it does not know who did it, the place's war party is no
reading of it: ACLED codes an unidentified armed group, as for a deed done in hiding (actor_clandestine).
"""

from __future__ import annotations

import re

__all__ = ["told_unknown"]

# "unidentified aircraft", "unknown armed men", "unmarked warplanes", "unidentified gunmen"
_UNKNOWN_DOER = re.compile(
    r"\b(?:unidentified|unknown|unmarked)\s+(?:armed\s+|military\s+)?(?:aircraft|warplanes?|planes?|jets?"
    r"|drones?|helicopters?|gunmen|gunman|assailants?|attackers?|men|militants|fighters|forces)\b",
    re.IGNORECASE,
)


def told_unknown(text: str) -> bool:
    """Whether the sentence calls the doer of its deed unknown or unidentified."""
    return bool(_UNKNOWN_DOER.search(text))
