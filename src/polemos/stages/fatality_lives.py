"""Deaths told as lives taken: "the clash claimed 30 lives", "the attack cost at least 12 lives", "the
violence took five more lives". The verb's subject is the event, its object a count of lives: one claim
of that count (the dead are not named, so no victim group). "claimed the lives of two soldiers" is read
with the verbs of killing (`fatality_verbs`)."""

from __future__ import annotations

import re

from polemos.model import FatalityClaim
from polemos.stages.fatality_numbers import MIN_QUALS, NUM, QUAL, parse_number

__all__ = ["lives_claims"]

_LIVES = re.compile(
    r"\b(?P<trig>claim(?:s|ed|ing)?|cost(?:s|ing)?|t(?:ook|akes?|aking|aken))\s+"
    rf"(?:(?P<qual>{QUAL})\s+)?(?P<num>{NUM})\s+(?:more\s+|other\s+|further\s+)?(?:human\s+|civilian\s+|innocent\s+)?"
    r"lives\b",
    re.I,
)
_IS_MIN = re.compile(rf"^(?:{MIN_QUALS})$", re.I)
# "could have claimed 30 lives", "threatens to take many lives": no deaths told; "roads having claimed
# several lives": a past the sentence gives as background, no event's toll.
_NOT_TOLD = re.compile(
    r"\b(?:could|would|might|may|threaten\w*|risk\w*|to|not|never|no|having)\s+(?:have\s+)?$", re.I
)


def lives_claims(text: str) -> list[FatalityClaim]:
    """Claims of lives a sentence says the event took ("claims 30 lives"); `text` is one sentence."""
    if "lives" not in text.lower():
        return []
    out = []
    for m in _LIVES.finditer(text):
        count = parse_number(m.group("num"))
        if count is None or count < 1 or _NOT_TOLD.search(text, 0, m.start()):
            continue
        is_min = bool(_IS_MIN.match(m.group("qual") or ""))
        trig = re.sub(r"\s+", " ", m.group("trig").lower())
        out.append(FatalityClaim(count, m.group(0), m.start(), m.end(), None, None, is_min, f"lives:{trig}"))
    return out
