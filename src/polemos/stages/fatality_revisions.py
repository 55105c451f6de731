"""Tolls a report says were raised: "Between 11 and 14 were thought dead, though the number was later
raised to sixteen", "the death toll rose to 23", "(the figure climbed to 38 in the following weeks)".

A raised toll is the report's own update of the dead it told before, not a rival figure: ACLED records
the revised number, where of rival reports it keeps the lowest. Its claims carry `REVISED` in their
rule; `fatality_choice` lets the largest of them stand for the event's total.
"""

from __future__ import annotations

import re

from polemos.model import FatalityClaim
from polemos.stages.fatality_numbers import MIN_QUALS, NUM, QUAL, parse_number

__all__ = ["REVISED", "raised_tolls"]

REVISED = "|revised"

# Every verb of the pattern holds one of these (lower case): a cheap test before the pattern runs.
_CUES = ("rais", "rose", "risen", "rising", "climb", "increas", "went up", "revised")
_RISE = (
    r"(?:raised|revised\s+up(?:wards?)?|rose|risen|rising|climbed|climbing|increased|went\s+up"
    r"|has\s+gone\s+up)"
)
# The toll's noun: "death toll", "toll", or "number"/"figure"/"count" bare or of the dead ("the number of
# dead"); "the number of displaced rose to 5,000" is no toll.
_TOLL_NOUN = (
    r"(?:(?:death|casualty|fatality)\s+)?toll"
    r"|(?:(?:death|fatalit(?:y|ies))\s+)?(?:number|figure|count)"
    r"(?:\s+of\s+(?:the\s+)?(?:dead|deaths|fatalities|victims|people\s+killed|those\s+killed))?"
)
_RAISED = re.compile(
    rf"\b(?P<trig>{_TOLL_NOUN})\s+(?:(?:was|were|is|has|had|have|been|later|eventually|subsequently|since"
    rf"|then|further|(?-i:[a-z]{{3,}}ly))\s+){{0,3}}(?P<verb>{_RISE})\s+to\s+"
    rf"(?P<num>(?:(?P<qual>{QUAL})\s+)?{NUM})\+?"
    # The figure is a number of dead, not of anything else that rose: "rose to 40 percent", "to 300 injured".
    r"(?!\s*(?:%|percent|per\s+cent)|\s+(?:injured|wounded|hurt|displaced|arrested|detained|missing|refugees"
    r"|houses|homes)\b)",
    re.I,
)
# A bare "number"/"figure"/"count" is a toll only in a sentence that tells deaths.
_DEATH_WORD = re.compile(r"\b(?:dead|deaths?|died|killed|fatalit\w+|toll|bodies|lives)\b", re.I)
_BARE = re.compile(r"^(?:number|figure|count)$", re.I)
_IS_MIN = re.compile(rf"^(?:{MIN_QUALS})$", re.I)


def raised_tolls(text: str) -> list[FatalityClaim]:
    """A claim, marked `REVISED`, for each toll the sentence `text` says was raised."""
    lower = text.lower()
    if not any(cue in lower for cue in _CUES):
        return []
    out: list[FatalityClaim] = []
    for m in _RAISED.finditer(text):
        if _BARE.match(m.group("trig")) and not _DEATH_WORD.search(text):
            continue
        qual = m.group("qual") or ""
        count = parse_number(m.group("num")[len(qual) :])
        if count is None:
            continue
        trig = re.sub(r"\s+", " ", m.group("trig").lower())
        is_min = bool(_IS_MIN.match(qual.strip()))
        out.append(
            FatalityClaim(
                count, m.group(), m.start(), m.end(), None, None, is_min, f"revised:{trig}{REVISED}"
            )
        )
    return out
