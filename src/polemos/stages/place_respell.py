"""When the places stage may read a name as a respelling of a focus-country place (`gazetteer_loose`),
and when such a reading is to be dropped again.

A skeleton match is a guess: an unknown village ("Abbari village, Konduga LGA") may share its
skeleton with a town at the other end of the country. A sentence's other, exactly named places tell
where it is set, so a respelt place far from all of them is a misreading, and the name stays
unresolved for the qualifier, offset and quarter rules.
"""

from __future__ import annotations

import re

from polemos.geodesy import distance_km
from polemos.knowledge.gazetteer import GazetteerEntry
from polemos.stages.place_context import RESPELT, Mention

__all__ = ["RESPELT", "drop_stray_respellings", "may_respell"]

_UPPER = re.compile(r"[A-Z].*[A-Z]")  # two capitals in one word: an acronym ("FAMa", "ABs")
# Farther than this from every exactly named place of its sentence, a respelt place is a misreading.
# Reports name places far apart ("Misrata and Garabulli", 150 km), and a province sits at its seat.
_STRAY_KM = 300.0
_QUALIFIED_KM = 60.0  # a village qualified by a town or province ("X, Y") lies in Y's area
_COMMA = re.compile(r"\s*,\s*")


def may_respell(name: str, hits: list[GazetteerEntry], focus: str | None) -> bool:
    """Whether to look `name` up by its skeleton: in a focused report, a name that is no acronym and
    names no place of the focus country, nor a country or a city big enough to be named abroad."""
    if focus is None or name.isupper() or len(name) < 5 or (" " not in name and _UPPER.search(name)):
        return False
    return not any(
        e.country_code == focus or e.feature_code == "PCLI" or e.population >= 250_000 for e in hits
    )


def drop_stray_respellings(text: str, mentions: list[Mention]) -> list[Mention]:
    """Drop respelt mentions far from every exactly named place of the sentence (none: all stay), or
    far from the place that qualifies them ("Mungwa, Gitega": Mungwa lies in Gitega's area)."""
    exact = [m for m in mentions if not m.reason.startswith(RESPELT) and m.entry.feature_code != "PCLI"]
    if not exact:
        return mentions

    def km(a: GazetteerEntry, b: GazetteerEntry) -> float:
        return distance_km(a.latitude, a.longitude, b.latitude, b.longitude)

    kept = []
    for m in mentions:
        if m.reason.startswith(RESPELT):
            qualifier = next(
                (e for e in exact if e.start > m.end and _COMMA.fullmatch(text[m.end : e.start])), None
            )
            if qualifier is not None and km(m.entry, qualifier.entry) > _QUALIFIED_KM:
                continue
            if all(km(m.entry, e.entry) > _STRAY_KM for e in exact):
                continue
        kept.append(m)
    return kept
