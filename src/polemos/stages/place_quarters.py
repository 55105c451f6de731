"""City quarters: "the Hodan district of Mogadishu", "Abu Salim district of Tripoli", "the district of
Eastern Coast ... of Derna" coded at the quarter or its city, named "City - Quarter" as ACLED names them.
Part of the `resolve places` stage (`places.py`)."""

from __future__ import annotations

import re

from polemos.geodesy import distance_km
from polemos.model import GeoPrecision
from polemos.stages.place_context import DIRECTION, DISTRICT_COUNTRIES, Mention

__all__ = ["apply_quarters"]

_QUARTER_BEFORE = re.compile(r"\b(?:district|neighbou?rhood|quarter|suburb)\s+of\s+$", re.IGNORECASE)
_OF_LAST = re.compile(r"of\Z", re.IGNORECASE)
# How far a city's own quarters lie from its point: Mogadishu's districts, Cape Town's townships.
_QUARTER_REACH_KM = 40
# "the Hodan district of Mogadishu", "the Hawlwadag neighbourhood located west of Beletweyne": a quarter
# placed by its side of the city is still that city's.
_QUARTER_AFTER = re.compile(
    r"\s+(?:district|neighbou?rhood|quarter|suburb)\s+(?:(?:located|situated|lying)\s+)?"
    rf"(?:(?:in\s+the\s+)?(?:{DIRECTION})(?:ern)?\s+(?:part\s+)?)?(?:of|in)\s+(?:the\s+)?",
    re.IGNORECASE,
)


def apply_quarters(text: str, mentions: list[Mention], unresolved: list[tuple[int, int]]) -> list[Mention]:
    """ "the district of Eastern Coast ... of Derna": "Derna - Eastern Coast", geo_precision 1."""
    out = list(mentions)
    for m in mentions:
        after = _QUARTER_AFTER.match(text, m.end) if m.entry.feature_code == "PPLX" else None
        city = next(
            (c for c in out if after and c.start == after.end() and c.entry.feature_class == "P"), None
        )
        if city is None:
            continue
        if (
            distance_km(m.entry.latitude, m.entry.longitude, city.entry.latitude, city.entry.longitude)
            > _QUARTER_REACH_KM
        ):
            # Quarter names recur from city to city: "the Hawlwadag neighbourhood of Beletweyne" is not
            # Mogadishu's Hawl Wadag district but an unknown quarter of the city named.
            out.remove(m)
            unresolved = [*unresolved, (m.start, m.end)]
        else:  # "the Hodan district of Mogadishu": one place, the quarter, named as ACLED names it
            out.remove(city)
            m.name = f"{city.entry.name} - {m.entry.name}"
    for qs, qe in unresolved:
        quarter = text[qs:qe]
        after = _QUARTER_AFTER.match(text, qe)
        if after:  # "Abu Salim district of Tripoli"
            city = next((m for m in out if m.start == after.end() and m.entry.feature_class == "P"), None)
        elif _quarter_before(text[max(0, qs - 40) : qs]):  # "the district of Eastern Coast ... Derna"
            city = next((m for m in out if qe <= m.start <= qe + 80 and m.entry.feature_class == "P"), None)
        else:
            continue
        if city is None or city.entry.country_code in DISTRICT_COUNTRIES:
            continue
        out[out.index(city)] = Mention(
            qs,
            qe,
            city.entry,
            city.others,
            city.reason + f"; city quarter of {city.entry.name}",
            GeoPrecision.TOWN,
            f"{city.entry.name} - {quarter}",
        )
    return sorted(out, key=lambda m: m.start)


def _quarter_before(before: str) -> bool:
    """Whether `before` ends as `_QUARTER_BEFORE` says, "district of ": as that pattern ends in "of" and
    white space, a test of the two characters before that white space (as case-blind) rules out most
    names, which follow another word, without its search."""
    lead = before.rstrip()
    return (
        _OF_LAST.search(lead, max(0, len(lead) - 2)) is not None
        and _QUARTER_BEFORE.search(before) is not None
    )
