"""Who was handling the bomb or mine that went off (extract stage): deminers, engineers or sappers told as
defusing, dismantling or clearing a device when it exploded were its casualties, not the side that set it
off. ACLED codes such a blast as remote violence by whoever planted the device (an unidentified armed
group where unnamed) against the handlers' force ("soldiers were trying to defuse a mine when it exploded").
"""

from __future__ import annotations

import re

# What follows the party named as handling the device: "(LNA) engineers were trying to defuse an explosive
# device", "soldiers (of the 5th brigade) were dismantling a bomb", "police sappers, while clearing mines";
# a handful of words may stand between the party and the verb ("the men from the LNA engineers were ...")
_HANDLING_AFTER = re.compile(
    r"(?:(?!\b(?:and|but|after|before|when)\b)[^.;:]){0,40}?"
    r"\b(?:(?:was|were)\s+)?(?:(?:trying|attempting|working)\s+to\s+|while\s+|as\s+they\s+were\s+)?"
    r"(?:(?:defus|dismantl|disarm|deactivat|neutrali[sz])(?:e|ed|es|ing)\b"
    # clearing or removing is handling only of what explodes ("clearing mines", not "cleared the area")
    r"|(?:clear|remov)(?:e|ed|es|ing)?\s+(?:\w+\s+){0,2}?(?:(?:land)?mines?|bombs?|devices?|explosives?|IEDs?|ordnance)\b)",
    re.IGNORECASE,
)
# ...or what comes before it: "while defusing a mine planted by ..., soldiers of the army were killed" is
# rarer; a handler word right before the party is the common one ("deminers of the LNA", "sappers from X")
_HANDLERS_BEFORE = re.compile(
    r"\b(?:deminers?|de-miners?|sappers?|bomb\s+disposal\s+(?:experts?|teams?|units?)"
    r"|mine\s+clearance\s+(?:experts?|teams?|units?))\s+(?:of|from|with)\s+(?:the\s+)?$",
    re.IGNORECASE,
)


def handled_device(text: str, start: int, end: int) -> bool:
    """Whether the party at `start`:`end` of `text` (a sentence) is told as handling the device that went
    off: defusing or clearing it, or named as its deminers, and so the blast's casualty."""
    if _HANDLERS_BEFORE.search(text, 0, start) is not None:
        return True
    # the handling verb must be the party's own ("X's engineers were defusing"), not a later clause's
    return _HANDLING_AFTER.match(text, end) is not None
