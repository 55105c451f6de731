"""A doer the report itself calls unknown (extract stage): "bombing by unidentified aircraft", "unknown
gunmen opened fire". Where the report says it does not know who did it, the place's war party is no
reading of it: ACLED codes an unidentified armed group, as for a deed done in hiding (actor_clandestine).
"""

from __future__ import annotations

import re

__all__ = ["UNKNOWN_CRAFT", "told_unknown"]

_UNKNOWN = r"\b(?:unidentified|unknown|unmarked)\s+"
_CRAFT = r"(?:aircraft|warplanes?|planes?|jets?|drones?|helicopters?)"
# "unidentified aircraft", "unknown armed men", "unmarked warplanes", "unidentified gunmen"
_UNKNOWN_DOER = re.compile(
    rf"{_UNKNOWN}(?:armed\s+|military\s+)?(?:{_CRAFT}"
    r"|gunmen|gunman|assailants?|attackers?|men|militants|fighters|forces)\b",
    re.IGNORECASE,
)
# Aircraft a whole report calls unknown, a word between allowed ("Unknown (foreign) aircraft"): the air
# strike's doer is no air power's (polemos.stages.actor_air)
UNKNOWN_CRAFT = re.compile(rf"{_UNKNOWN}(?:\(?[a-z]+\)?\s+)?{_CRAFT}\b", re.IGNORECASE)


def told_unknown(text: str) -> bool:
    """Whether the sentence calls the doer of its deed unknown or unidentified."""
    return bool(_UNKNOWN_DOER.search(text))
