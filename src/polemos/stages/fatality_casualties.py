"""Casualties and deaths a report says happened without a number: ACLED's vague plural, 10.

"Casualties" alone counts the wounded too, and "casualties not known" says nothing about deaths (ACLED:
0). But a report that asserts casualties whose number it cannot give ("an unspecified number of
casualties", "casualties of unknown number reported", "Casualties reported, numbers not known") is
coded like "a number were killed": the ACLED dev files code it 10 in 9 of 10 cases (Somalia, Sudan,
Kenya, Libya 2016-2017; one Libya 2011 note has 0).

Deaths told as a bare noun are read the same way: "Fatalities were reported in the town", "shelling by
both sides, causing deaths of civilians", "an attack causing a number of injuries and deaths".
"""

from __future__ import annotations

import re

from polemos.model import FatalityClaim

__all__ = ["uncounted_deaths", "unknown_casualties"]

_CASUALTIES = r"(?:casualties|causalities|causualties)"  # notes misspell it often
_UNKNOWN = r"(?:unknown|unspecified|undetermined|undisclosed|uncounted)"
_UNKNOWN_NUMBER = re.compile(
    rf"\b(?:an?\s+)?{_UNKNOWN}\s+number\s+of\s+(?:[a-z-]+\s+)?{_CASUALTIES}"
    rf"|\b{_CASUALTIES}\s+of\s+(?:an?\s+)?{_UNKNOWN}\s+numbers?"
    rf"|\b{_CASUALTIES}\s+(?:were\s+|have\s+been\s+)?reported\s*[,;(-]\s*(?:but\s+)?(?:the\s+)?numbers?\s+"
    r"(?:not|un)\s*(?:yet\s+)?(?:known|confirmed|clear)",
    re.I,
)
# "the attackers suffered heavy casualties", "the strike led to serious casualties": casualties whose scale
# the report stresses are more than wounded. ACLED's dev files code them as a vague plural (10, a split of
# it between events, or 10 on top of a count) in 10 of 11 notes outside Afghanistan; "many casualties" is
# left out, its codes being mixed. A negated scale ("no heavy casualties") says nothing of deaths.
_HEAVY = re.compile(
    rf"(?<!\bno\s)(?<!\bwithout\s)\b(?:heavy|serious|significant|severe|massive|huge|considerable|substantial)"
    # '"Significant" casualties': the scale word may be quoted.
    rf"[\"”’']?\s+{_CASUALTIES}\b",
    re.I,
)
# The count every such claim carries: ACLED's "a number" (see fatalities.yaml's vague counts).
_VAGUE = 10


def unknown_casualties(text: str) -> list[FatalityClaim]:
    """A claim of ACLED's vague 10 for each casualty report without a number in `text` (one sentence)."""
    lower = text.lower()
    found = (
        [(m, "casualties:heavy") for m in _HEAVY.finditer(text)] if "cas" in lower or "caus" in lower else []
    )
    if "number" in lower:  # every unknown-number form names the number it lacks
        found += [(m, "casualties:unknown-number") for m in _UNKNOWN_NUMBER.finditer(text)]
    return [
        FatalityClaim(_VAGUE, m.group(), m.start(), m.end(), None, None, False, rule)
        for m, rule in sorted(found, key=lambda f: f[0].start())
    ]


_DEATHS = r"(?:deaths|fatalities)"
# "Fatalities were reported", "Deaths have also been recorded in Limbe": the noun opens its clause (after
# "No" it is a report of none; after a count, a counted claim read elsewhere).
_DEATHS_REPORTED = re.compile(
    rf"(?:^|[.;:(]\s*|,\s*(?:but\s+|and\s+)?|\b(?:but|and|some)\s+)(?P<noun>{_DEATHS})\s+"
    r"(?:(?:were|have|had)\s+)?(?:also\s+)?(?:been\s+)?(?:reported|mentioned|recorded|confirmed)\b",
    re.I,
)
# "causing deaths of civilians", "resulting in a number of injuries and deaths": the deaths as the
# result of the event, with no count ("resulting in the deaths of two bandits" is read as counted).
_DEATHS_CAUSED = re.compile(
    r"\b(?:causing|caused|resulting\s+in|resulted\s+in)\s+(?:a\s+number\s+of\s+)?"
    rf"(?:(?:injuries|wounded)\s+and\s+)?(?P<noun>{_DEATHS})\b(?!\s+of\s+(?:the\s+)?(?:[0-9]|an?\b|one|two|three|four"
    r"|five|six|seven|eight|nine|ten|some|at\s+least|about|around|over|more))",
    re.I,
)


def uncounted_deaths(text: str) -> list[FatalityClaim]:
    """A claim of ACLED's vague 10 for deaths `text` (one sentence) reports without a number."""
    lower = text.lower()
    if "deaths" not in lower and "fatalities" not in lower:
        return []
    found = [*_DEATHS_REPORTED.finditer(text), *_DEATHS_CAUSED.finditer(text)]
    return [
        FatalityClaim(_VAGUE, text[m.start("noun") : m.end()], m.start("noun"), m.end(), None, None, False,
                      "casualties:uncounted-deaths")
        for m in sorted(found, key=lambda m: m.start())
    ]  # fmt: skip
