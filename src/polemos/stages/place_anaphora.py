"""Places told by reference: "the town", "the city" (the town named before) and "the capital" (the
report's, or the country a word names: "the Egyptian capital"). Part of the `resolve places` stage
(`places.py`)."""

from __future__ import annotations

import re
from dataclasses import replace

from polemos.knowledge.gazetteer import Gazetteer
from polemos.model import GeoPrecision, Place
from polemos.stages.place_context import NEAR_BEFORE, Mention, antecedent, city_of, to_place

__all__ = ["ANAPHORA", "ANAPHORA_WORDS", "anaphora", "capital"]

ANAPHORA = re.compile(
    r"\b[Tt]he\s+(?:[A-Za-z]+\s+){0,2}?(?:town|city|village|settlement|capital|oasis)\b(?!\s+of\b)"
)
# The words every `ANAPHORA` match holds (it is case-sensitive): most sentences hold none, which a few
# substring tests tell before the search.
ANAPHORA_WORDS = ("town", "city", "village", "settlement", "capital", "oasis")


def anaphora(
    text: str,
    places: list[Place],
    previous: Place | None,
    gazetteer: Gazetteer,
    focus: str | None,
    offset: int,
) -> list[Place]:
    """ "fighting in the city": the town named before (see `antecedent`); "the capital": the focus's,
    "the Egyptian capital": that country's."""
    out: list[Place] = []
    for m in ANAPHORA.finditer(text):
        start, end = m.start() + offset, m.end() + offset
        if any(p.start < end and start < p.end for p in places):
            continue
        if text[m.end() : m.end() + 2].strip()[:1].isupper():  # "the capital Tripoli": the name follows
            continue
        if m.group(0).endswith("capital"):
            base = capital(gazetteer, _capital_country(m.group(0), gazetteer, focus))
        else:
            base = antecedent(places, start, previous)
        if base is not None:
            near = NEAR_BEFORE.search(text[max(0, m.start() - 80) : m.start()])
            out.append(
                replace(
                    base,
                    name=city_of(base),
                    start=start,
                    end=end,
                    reason=f"{m.group(0)!r} refers to {city_of(base)}",
                    geo_precision=GeoPrecision.NEAR if near else GeoPrecision.TOWN,
                )
            )
    return out


def _capital_country(phrase: str, gazetteer: Gazetteer, focus: str | None) -> str | None:
    """Whose capital "the ... capital" is: the country a word of it names ("the Egyptian capital", "the
    Kenyan capital"), else the report's."""
    for word in phrase.split()[1:-1]:
        named = gazetteer.country(word) if word[:1].isupper() else None
        if named is not None:
            return named.country_code
    return focus


def capital(gazetteer: Gazetteer, focus: str | None) -> Place | None:
    country = gazetteer.country(focus) if focus else None
    if country is None or not country.seat:
        return None
    town = next(
        (e for e in gazetteer.lookup(country.seat) if e.country_code == focus and e.feature_class == "P"),
        None,
    )
    return to_place(Mention(-1, -1, town, [], f"capital of {country.name}"), 0) if town else None
