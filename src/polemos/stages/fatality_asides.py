"""What may stand between a counted victim phrase and its verb in a passive death report: an aside between
commas, a phrase naming where the victims are from or what they are believed to be, a relative clause.
Regular-expression source strings for `fatalities`' passive pattern (and the test that a relative clause is
no aside)."""

from __future__ import annotations

import re

from polemos.stages.fatality_phrases import STOP

__all__ = ["APPOSITION", "NAMED_PP", "RELATIVE", "RELATIVE_NOT_ASIDE"]

# "21 fighters of the army, loyal to its commander, were killed": an aside between commas; "1 civilian,
# working as a cook, was kidnapped and killed", "three guards, who were on duty, were shot dead".
APPOSITION = (
    r"\s*,\s*(?:loyal|belonging|affiliated|linked|allied|mostly|most|all|many|some|among|both|who"
    r"|working|serving|identified|named|aged"
    # "two people, hailing from the X clan, were killed", "three men, believed to be rustlers, were shot
    # dead": where the victims come from or what they are said to be.
    r"|hailing|originally|believed|suspected|thought|said|reportedly|allegedly"
    # "Two men, one from X and another from Y, were killed": each victim's origin in turn (a bare "one"
    # would be a list's next item: "two soldiers, one civilian").
    r"|one\s+(?:from|of|a|an|in)\b)\b"
    r"[^,.;()]{0,60},"
)
# "5 members from the Northern Brigade were killed", "two men in Kassala are reported to have been
# killed": a phrase naming where the victims are from or were may stand between them and the verb.
NAMED_PP = (
    r"(?:\s+(?:(?:serving|fighting)\s+(?:with|for|alongside)|belonging\s+to|loyal\s+to|in|from|of|at|near)"
    r"\s+(?:the\s+)?(?:[a-z-]+\s+)?(?-i:[A-Z])[\w'’-]*"
    # "soldiers from the Solid Structure (SS) operations room": an acronym and a common noun may close it.
    # "two men from the Ugaar sub-clan": the common noun may be hyphenated.
    r"(?:\s+(?-i:[A-Z])[\w'’-]*){0,4}(?:\s*\([^()]{1,30}\))?(?:\s+(?-i:[a-z][a-z-]*)){0,2}"
    # "three people from the complex were gunned down", "seven soldiers from the army reportedly killed":
    # a common noun after "the" names the place or the body they came from just as well.
    rf"|\s+(?:from|in|at|inside|near)\s+(?:the|an?)\s+(?!{STOP}\b)(?-i:[a-z][a-z'’-]*)(?:\s+(?!{STOP}\b)(?-i:[a-z][a-z'’-]*))?"
    # "two policemen on the evening of 15/07 were killed", "three soldiers on Monday were shot dead": when.
    r"|\s+on\s+(?:the\s+(?:morning|afternoon|evening|night)\s+of\s+)?(?:[0-9]{1,2}/[0-9]{1,2}(?:/[0-9]{2,4})?"
    r"|[0-9]{1,2}\s+(?-i:[A-Z])[a-z]+|(?-i:[A-Z])[a-z]+day)"
    # "four combatants from both sides were killed": the victims of each side together.
    r"|\s+(?:from|on|of)\s+(?:both|either|each|all)\s+sides?"
    # "15 gunmen believed to be Boko Haram fighters were shot dead": what the victims are said to be, a few
    # words that are no verb of their own.
    r"|\s+(?:believed|suspected|thought|said|alleged|presumed)\s+to\s+(?:be|have\s+been)"
    r"(?:\s+(?!(?:were|was|are|is|have|has|had|killed|dead|died)\b)[\w'’-]+){1,5}?"
    r"){1,2}"
)
# "2 villagers who were taken hostage were executed", "three people who were injured in the fighting are
# reported to have been murdered": a relative clause telling what befell the victims before.
# "two men who hailed from the Sa clan were shot": any past-tense verb may open it.
RELATIVE = r"\s+(?:who|that)\s+(?:were|was|had|have|are|is|(?-i:[a-z]{3,}ed))\b[^,.;:()]{1,80}?"
# A relative clause that holds a clause of its own or a death is no aside: "five people who were wounded
# when gunmen killed the mayor" counts the wounded.
RELATIVE_NOT_ASIDE = re.compile(
    r"\b(?:when|while|as|because|where|and|but)\b|kill|dead|die|death|shot|murder", re.I
)
