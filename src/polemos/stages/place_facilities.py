"""Places a facility is named after (places stage): "the Al-Nour Clinic", "Bir Hassan School". Clinics,
schools and hospitals are named after patrons, saints and far towns as often as after where they stand, so
a small place such a name holds tells no country: where nothing else in the report tells one it is no
candidate for where the event happened (a big one, "Kabul University Hospital", still is), and it casts
no vote for the report's country.
"""

from __future__ import annotations

from polemos.knowledge.gazetteer import GazetteerEntry
from polemos.stages.place_context import Mention

__all__ = ["facility_namesake", "is_big", "without_facility_namesakes"]

# Capitals and admin seats: places of size whatever their population figure
_SEATS = frozenset({"PPLC", "PPLA"})
# The last word of a facility's name (not ports, airports or bases: those are named after where they are)
_FACILITY_HEADS = frozenset({"Clinic", "Clinics", "College", "Hospital", "School"})


def is_big(entry: GazetteerEntry) -> bool:
    """A city of 100,000, an admin area, a capital or an admin seat."""
    return entry.population >= 100_000 or entry.feature_class == "A" or entry.feature_code in _SEATS


def facility_namesake(run: str, inside: bool, entry: GazetteerEntry) -> bool:
    """Whether a reading `entry` of a toponym that lies `inside` the capitalised `run` (the toponym is
    not the whole run) is a small place a facility is named after ("the Al-Masara Clinic")."""
    return inside and run.rsplit(" ", 1)[-1] in _FACILITY_HEADS and not is_big(entry)


def without_facility_namesakes(
    text: str, start: int, end: int, found: list[Mention], focus: str | None
) -> list[Mention]:
    """The toponyms `found` in the run at `start`:`end` of `text` less, where the report tells no
    country (`focus` None), the small places a facility it names is named after: no candidate for where
    the event happened (the report's country, if any, comes from the feed)."""
    if focus:
        return found
    run = text[start:end]
    return [m for m in found if not facility_namesake(run, m.end < end, m.entry)]
