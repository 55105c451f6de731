"""The countries of the forces that fly a report's strikes, which are not where the report happens.

Air, missile and naval strikes are told by who flew them ("RAF Tornados destroyed three missile
launchers", "British submarines launched strikes on air defences", "US and UK forces fired Tomahawks"),
often with no place in the country they hit: the wire item's reader knows it from the feed. A force that
strikes from the air or the sea strikes abroad as readily as at home, so its own nationality, whether told
by its name ("RAF") or by a demonym on it ("British submarines"), does not place the report: the struck
side's country does where the report tells one ("Libyan air defences"), else the run's prevailing country
(polemos.batch_country), else, coded alone, the report keeps the forces' country as the actors stage
infers it (doc_country.infer_country).
"""

from __future__ import annotations

import re

from polemos.knowledge.countries import Countries

__all__ = ["STRIKE", "flies", "striker_demonyms", "tells_strike"]

# The deed of a strike: what forces do from the air or the sea. Shelling and rockets are left out (ground
# fire is told of a country's own war far more often), and so is "hit", which any blow may do.
STRIKE = re.compile(
    r"\b(?:air\s?strikes?|air\s?raids?|strikes?|struck|bomb(?:s|ed|ing|ings|ers)?"
    r"|bombard(?:s|ed|ing|ments?)?|missiles?|tomahawks?|sorties|torpedo(?:es|ed)?)\b",
    re.IGNORECASE,
)
# A force's craft and weapons: what it strikes with from the air or the sea.
_CRAFT = (
    r"(?:jets?|warplanes?|planes?|aircraft|fighters|bombers|helicopters|drones?|submarines?|warships?|ships"
    r"|vessels|frigates?|missiles?)"
)
# A make or model before the craft word: "Rafale jets", "F-16 jets", "Tornado fighters"
_MAKE = r"(?:[A-Z][\w-]*\s+)?"
# What a demonym that names a striking force sits on: the force, its arm, its craft or its weapons
# ("British submarines", "US and UK forces", "French Rafale jets", "American cruise missiles").
_FORCE_AFTER = re.compile(
    r"(?:\s+and\s+[A-Z][\w.]*)?\s+(?:(?:air|naval|military|armed|special|coalition|combat|cruise|fighter)\s+)?"
    rf"{_MAKE}(?:forces?|troops|military|army|navy|air\s?force|{_CRAFT})\b"
)
# An army named by its air arm or navy ("RAF", "the Royal Navy", "Egyptian Air Force"), or with its craft
# after its name ("RAF Tornado fighters", "LNA jets"): a force that strikes from the air or the sea.
_AIR_ARM = re.compile(r"\b(?:air\s?force|airforce|air\s?arm|navy|naval|RAF)\b", re.IGNORECASE)
_CRAFT_AFTER = re.compile(rf"\s+{_MAKE}(?:(?:fighter|combat|cruise)\s+)?{_CRAFT}\b")
# A passive between the force and the deed makes the force the struck side ("Libyan troops were bombed").
_PASSIVE = re.compile(r"\b(?:was|were|been|being|is|are)\b", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?](?:\s|$)")


def tells_strike(text: str) -> bool:
    """Whether a report tells of an air, missile or naval strike ("launched strikes", "dropped bombs")."""
    return STRIKE.search(text) is not None


def flies(text: str, start: int, end: int) -> bool:
    """Whether the force named at `start`..`end` is an air arm or a navy, or is named with its craft:
    a force that strikes abroad by its nature, unlike an army named alone ("Gaddafi forces")."""
    return _AIR_ARM.search(text, start, end) is not None or _CRAFT_AFTER.match(text, end) is not None


def striker_demonyms(text: str, countries: Countries) -> set[str]:
    """The countries (ISO2) whose name or demonym names the force that strikes in a sentence of `text`: it
    sits on a force, its craft or its weapons ("French jets", "US and UK forces") that come before the
    sentence's strike, as its doer ("French jets struck a depot"), not on what is struck ("strikes on
    Libyan forces") nor on a force the strike befell ("Libyan troops were bombed")."""
    found: set[str] = set()
    for m in countries.index.find(text):
        if m.start > 0 and text[m.start - 1].isalnum():
            continue
        after = _FORCE_AFTER.match(text, m.end)
        if after is None:
            continue
        end = _SENTENCE_END.search(text, after.end())
        deed = STRIKE.search(text, after.end(), end.start() if end else len(text))
        if deed is None or STRIKE.search(text, _sentence_start(text, m.start), m.start) is not None:
            continue  # no strike after it, or a strike before it: the force is its target
        if _PASSIVE.search(text, after.end(), deed.start()) is None:
            found.add(m.values[0][0].iso2)
    return found


def _sentence_start(text: str, at: int) -> int:
    ends = [m.end() for m in _SENTENCE_END.finditer(text, 0, at)]
    return ends[-1] if ends else 0
