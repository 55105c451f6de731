"""Suicide bombers as their own dead: ACLED counts the bomber in a suicide bombing's fatalities ("Includes
SVBIEDs; the bomber is counted in fatalities"), though reports mostly leave him out of the toll they give
("A suicide bomber killed two policemen" is three dead for ACLED, "Three suicide bombers attacked the
camp, killing 16" is nineteen).

A sentence that names the attackers as suicide bombers, by a number or an article, implies their deaths:
one claim of that many bombers, which `choose_fatalities` adds on top of the victims (group "bomber",
where the explicit readings, "blew himself up", "killing only themselves", also fall; the lowest of the
group wins, so a bomber is never counted twice). No claim when the bombers were caught or survived, nor
when the toll says it includes them ("16 killed, including the bomber").
"""

from __future__ import annotations

import re

from polemos.model import FatalityClaim
from polemos.stages.fatality_numbers import parse_number

__all__ = ["BOMBER_STEM", "implied_bombers"]

# The stem `may_tell_deaths` looks for: a sentence naming suicide bombers may tell deaths with no verb.
BOMBER_STEM = "suicide bomber"

# "a suicide bomber", "Three female Boko Haram suicide bombers", "a pair of suicide bombers", "twin
# female suicide bombers": the count stands before up to four modifiers (sex, group, "suspected").
_BOMBERS = re.compile(
    r"\b(?P<count>a\s+pair\s+of|[0-9]{1,2}|an?|one|two|three|four|five|six|seven|eight|nine|ten|twin|lone)\s+"
    r"(?P<mods>(?:[\w'’-]+\s+){0,4}?)"
    r"suicide[\s-]+bomber(?P<plural>s)?\b",
    re.I,
)
# Modifiers that show the count is not the bombers' ("one of the suicide bombers", "a group of").
_NOT_MODIFIER = re.compile(r"\b(?:of|and|or|by|with|from|the|their|his|her|other|more|another)\b", re.I)
# Bombers who did not die, or whose death the report leaves open: caught, stopped alive, escaped.
_ALIVE = re.compile(
    r"\b(?:arrest\w*|apprehend\w*|captur\w*|caught|detain\w*|surrender\w*|escap\w*|fled|flee\w*|surviv\w*"
    r"|in\s+custody|alive|handed\s+over|disarm\w*|defus\w*|fail\w*\s+to\s+detonate"
    r"|(?:did\s+not|didn['’]t|never)\s+detonate|would[\s-]+be|planning|plotting)\b",
    re.I,
)
# A toll that already holds the bombers: "including the bomber", "among the dead the attackers".
_INCLUDED = re.compile(
    r"\b(?:including|includ\w*|among\s+them|among\s+the\s+dead)\s+"
    r"(?:the\s+|two\s+|three\s+|all\s+)?(?:(?:suicide\s+)?bombers?|attackers?|assailants?|perpetrators?"
    r"|himself|herself|themselves)\b",
    re.I,
)


# "One person was killed apart from the suicide bomber": the report names the bomber's death beside its toll.
_BESIDES = re.compile(
    r"\b(?:apart\s+from|besides|excluding|not\s+including|in\s+addition\s+to|on\s+top\s+of)\s+"
    r"the\s+(?:suicide\s+)?bomber\b(?!s)",
    re.I,
)


def implied_bombers(text: str) -> list[FatalityClaim]:
    """The suicide bombers a sentence names, as one claim of their number (none when they lived or the
    toll includes them); `text` is one sentence."""
    if (m := _BESIDES.search(text)) is not None:
        return [FatalityClaim(1, m.group(0), m.start(), m.end(), None, "bombers", False, "implied-bomber")]
    if BOMBER_STEM not in text.lower() or _ALIVE.search(text) or _INCLUDED.search(text):
        return []
    for m in _BOMBERS.finditer(text):
        if _NOT_MODIFIER.search(m.group("mods")):
            continue
        word = re.sub(r"\s+", " ", m.group("count").lower())
        if word in ("a pair of", "twin"):
            count: int | None = 2
        elif word == "lone":
            count = 1
        else:
            count = parse_number(word)
        plural = bool(m.group("plural"))
        if count is None or count < 1 or (plural and count < 2) or (not plural and count != 1):
            continue  # "a suicide bombers", "2 suicide bomber": no reading of the number
        return [
            FatalityClaim(count, m.group(0), m.start(), m.end(), None, "bombers", False, "implied-bomber")
        ]
    return []
