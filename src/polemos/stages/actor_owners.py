"""Whose aircraft a report means (the "resolve actors" stage): the force named right before the aircraft
("an LNA MiG-21 plane", "a Libyan National Army (LNA) Mig-21") owns it, and a state named after a strike
as its likely author ("airstrikes (presumably Egyptian)", "airstrikes, believed to be Egyptian") made it.

Both say who struck as plainly as "Egyptian jets" does; without them an unnamed air strike falls to
whoever flies there most, and an owner named before the aircraft word is otherwise read as no side.
"""

from __future__ import annotations

import re

from polemos.knowledge.countries import Country, load_countries
from polemos.stages.actor_scan import Named, Scan

__all__ = ["MILITARY_AIRCRAFT", "aircraft_owner", "ascribed_state"]

# A military aircraft named by its model ("a MiG-21", "an Su-24", "F-16s", "Mig 23 plane"): a state's or
# an air arm's, as "warplane" is. Only fighters', bombers', gunships' and drones' makers' prefixes: "T-72",
# "BM-21", "ZU-23", "AK-47" are tanks, rockets, guns, and a lone letter before a number ("the A-1", "B-8")
# as often a road as an aircraft.
MILITARY_AIRCRAFT = re.compile(
    r"\b(?:(?:MiG|Mig|MIG|Su|Tu|Mi|CF|FA|F|MQ|RQ)[- ]?\d{1,3}|MiGs?|Migs?|Sukhois?"
    r"|Mirages?|Rafales?)[A-Z]?s?(?:\s+(?:planes?|jets?|warplanes?|aircraft|helicopters?))?\b"
)

# Between an owner's name and the aircraft word: its abbreviation, its air arm, a model name ("LNA
# MiG-21", "Libyan National Army (LNA) Mig-21 plane", "LNA air force Sukhoi jet")
_MODEL = r"(?:[A-Z][A-Za-z]{0,2}-?\d{1,4}[A-Za-z]{0,3}|Mi[Gg]s?|Sukhois?|Mirages?|Tornados?|Apaches?)"
_OWNER_GAP = re.compile(
    rf"\)?\s*(?:\([A-Z]{{2,6}}\)\s*)?(?:(?:air\s?force|airforce|{_MODEL})[\s-]+){{0,2}}", re.IGNORECASE
)
# A state ascribed to a strike right after it: "(presumably Egyptian)", ", believed to be Egyptian,"
_ASCRIBED = re.compile(
    r"\s*[(,]\s*(?:(?:presumably|probably|likely|possibly|reportedly|apparently|allegedly|suspected(?:\s+to\s+be)?"
    r"|(?:thought|believed|said|understood|assumed)\s+to\s+(?:be|have\s+been))\s+)?"
    r"(?:by\s+)?(?:the\s+)?([A-Z][\w-]+)\b"
)
# Who can own an aircraft: a state force, an armed group or a foreign force
_OWNING = frozenset({1, 2, 3, 8})


def aircraft_owner(scan: Scan, start: int) -> Named | None:
    """The armed force named right before an aircraft word at `start`, in its sentence, as its owner."""
    n = scan.named_before(start)
    if n is None or n.anti or n.entry.inter not in _OWNING or n.how == "leader":
        return None
    if n.start < scan.sentence(start)[0] or n.end > start:
        return None
    return n if _OWNER_GAP.fullmatch(scan.text, n.end, start) else None


def ascribed_state(text: str, end: int) -> Country | None:
    """The country whose demonym a report puts right after a strike as its likely author."""
    m = _ASCRIBED.match(text, end)
    if m is None:
        return None
    country = load_countries().get(m.group(1))
    # the demonym must close the aside, not start a place or a name: "(presumably Egyptian)"
    closed = re.match(r"\s*(?:\)|,|\s+(?:jets?|planes?|aircraft|warplanes?|drones?)\b)", text[m.end() :])
    return country if country is not None and closed else None
