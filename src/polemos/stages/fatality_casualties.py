"""Casualties a report says happened without a number: ACLED's vague plural, 10.

"Casualties" alone counts the wounded too, and "casualties not known" says nothing about deaths (ACLED:
0). But a report that asserts casualties whose number it cannot give ("an unspecified number of
casualties", "casualties of unknown number reported", "Casualties reported, numbers not known") is
coded like "a number were killed": the ACLED dev files code it 10 in 9 of 10 cases (Somalia, Sudan,
Kenya, Libya 2016-2017; one Libya 2011 note has 0).
"""

from __future__ import annotations

import re

from polemos.model import FatalityClaim

__all__ = ["unknown_casualties"]

_CASUALTIES = r"(?:casualties|causalities|causualties)"  # notes misspell it often
_UNKNOWN = r"(?:unknown|unspecified|undetermined|undisclosed|uncounted)"
_UNKNOWN_NUMBER = re.compile(
    rf"\b(?:an?\s+)?{_UNKNOWN}\s+number\s+of\s+(?:[a-z-]+\s+)?{_CASUALTIES}"
    rf"|\b{_CASUALTIES}\s+of\s+(?:an?\s+)?{_UNKNOWN}\s+numbers?"
    rf"|\b{_CASUALTIES}\s+(?:were\s+|have\s+been\s+)?reported\s*[,;(-]\s*(?:but\s+)?(?:the\s+)?numbers?\s+"
    r"(?:not|un)\s*(?:yet\s+)?(?:known|confirmed|clear)",
    re.I,
)
# The count every such claim carries: ACLED's "a number" (see fatalities.yaml's vague counts).
_VAGUE = 10


def unknown_casualties(text: str) -> list[FatalityClaim]:
    """A claim of ACLED's vague 10 for each casualty report without a number in `text` (one sentence)."""
    if "number" not in text.lower():  # every form names the number it lacks
        return []
    return [
        FatalityClaim(_VAGUE, m.group(), m.start(), m.end(), None, None, False, "casualties:unknown-number")
        for m in _UNKNOWN_NUMBER.finditer(text)
    ]
