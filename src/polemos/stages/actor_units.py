"""Armed units a report names that the knowledge base does not know ("the Arouba Brigade", "the El Feth
Brigade"): each is an actor of its own name.

ACLED codes a named armed group under its name, whatever its size: a report that calls the doers "the
Zawiya Martyrs Brigade" is coded with that actor, not an unidentified armed group. Only a proper name
counts: numbered or generic army units ("298 Tank Brigade", "the 22nd Motorized Infantry Battalion",
"26 Task Force Brigade") are formations of a state's army, which the state's forces stand for.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from polemos.knowledge.actors import ActorEntry

# One to four capitalised words (with Arabic particles between them: "Tariq Ibn Ziyad", "Abu Bakr
# al-Siddiq") before "Brigade" or "Battalion", singular: "Brigades for the Defence of Benghazi" is a
# coalition's name that the knowledge base holds.
_WORD = r"[A-Z][a-z][\w'’-]*"
_PARTICLE = r"(?:ibn|bin|ben|al|el|abu|bou)"
_TOKEN = rf"(?:{_WORD}|{_PARTICLE}(?:-{_WORD})?)"
_UNIT = re.compile(rf"\b(?:[Tt]he\s+)?({_TOKEN}(?:[ -]{_TOKEN}){{0,3}}\s+(?:Brigade|Battalion))\b(?![-\w])")
# Words of a formation's type or rank, not of a name: a unit named only by them is a state's formation
_GENERIC = frozenset(
    ["tank", "infantry", "armoured", "armored", "mechanised", "mechanized", "motorised", "motorized",
     "artillery", "special", "forces", "force", "commando", "commandos", "marine", "marines", "border",
     "guard", "guards", "police", "army", "military", "national", "republican", "presidential", "security",
     "central", "task", "taskforce", "light", "heavy", "rapid", "reaction", "intervention", "mountain",
     "airborne", "parachute", "engineering", "engineers", "support", "logistics", "reserve", "first",
     "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "brigade",
     "battalion", "the", "a", "an", "new", "local", "rival", "elite", "joint", "regional", "operations",
     "his", "its", "their", "this", "that", "another", "one", "each"]
)  # fmt: skip
# A leading word that places or ties the unit, not part of its name: "Benghazi-based", "Haftar's"
_MODIFIER = re.compile(r"[\w'’-]+(?:-(?:based|led|backed|aligned|allied|affiliated|linked|loyal)|['’]s)\s+")
# An owner's possessive inside the match: the unit's name starts after it
_OWNER_INSIDE = re.compile(r"[\w-]+['’]s\s+(?=[A-Z])")
_NUMBERED = re.compile(r"\d\s*(?:st|nd|rd|th)?\s*$")  # "298 Tank Brigade", "the 22nd ... Battalion"
# A count of the unit's men before its name, not part of it: "Two Nawasi Brigade members were killed"
_COUNT = re.compile(
    r"(?:[Oo]ne|[Tt]wo|[Tt]hree|[Ff]our|[Ff]ive|[Ss]ix|[Ss]even|[Ee]ight|[Nn]ine|[Tt]en|[Ee]leven|[Tt]welve"
    r"|[Ss]everal|[Mm]any|[Ss]ome|[Dd]ozens|[Hh]undreds|[Tt]wenty|[Tt]hirty|[Ff]orty|[Ff]ifty)\s+"
)


def unlisted_units(
    text: str,
    taken: Sequence[tuple[int, int]],
    country: str | None,
    is_country: Callable[[str], bool] = lambda word: False,
) -> list[tuple[int, int, ActorEntry]]:
    """(start, end, entry) of each armed unit `text` names that no span in `taken` (the knowledge base's
    names) overlaps: an armed group (inter 3) of the report's `country`, under the name the report
    gives it without a leading "the". A unit named by a country or its people (`is_country`: "the
    Bangladeshi Battalion" of a peace mission, "the Chad Brigade") is that state's contingent, not a group."""
    found = []
    for m in _UNIT.finditer(text):
        start, end = m.start(1), m.end(1)
        while (lead := _MODIFIER.match(text, start, end) or _COUNT.match(text, start, end)) is not None:
            start = lead.end()  # "Benghazi-based Zawiya ...", "Two Nawasi Brigade members"
        if (owner := _OWNER_INSIDE.search(text, start, end)) is not None:  # "the Third Force's Tariq ..."
            start = owner.end()
        if any(s < end and start < e for s, e in taken):
            continue
        words = re.split(r"[ -]+", text[start:end])
        if all(w.lower() in _GENERIC for w in words) or _NUMBERED.search(
            text[max(0, m.start() - 8) : m.start()]
        ):
            continue
        if len(words) < 2 or words[0].lower() in _GENERIC or is_country(words[0]):
            continue  # "Special Forces Battalion": a formation's kind, not the unit's own name
        name = " ".join(text[start:end].split())
        entry = ActorEntry(name, 3, country, None, None, (name,), (), (), None, None, ())
        found.append((start, end, entry))
    return found
