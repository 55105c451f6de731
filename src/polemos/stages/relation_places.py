"""The places a relation may hold in a sentence: no whole countries, regions by name, "the east" resolved."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from polemos.knowledge.gazetteer import Gazetteer
from polemos.model import GeoPrecision, Place
from polemos.stages.annotate import Sentence

__all__ = ["relation_places"]

_DIRECTION = re.compile(
    r"\bthe\s+(north-?east|north-?west|south-?east|south-?west|north|south|east|west|centre|center)\b"
    r"(?!\s+(?:of|bank|coast|side)\b)",
    re.IGNORECASE,
)
_REGION_WORD = {"centre": "Central", "center": "Central"}


def relation_places(
    s: Sentence, found: Sequence[Place], text: str, gazetteer: Gazetteer, focus: str | None
) -> list[Place]:
    """Return the sentence's places a relation may hold: no countries, regions under their own name."""
    out: list[Place] = []
    for p in found:
        if p.feature == "A" and p.name == p.country:
            continue  # a whole country is not a place ACLED codes control of
        if p.geo_precision == GeoPrecision.REGION and p.feature == "L":
            region = next(
                (e for e in gazetteer.lookup(text[p.start : p.end]) if e.feature_code == "RGN"),
                None,
            )
            if region is not None:
                p = replace(p, name=region.name)
        out.append(p)
    return out + _directions(s, out, gazetteer, focus)


def _directions(s: Sentence, known: list[Place], gazetteer: Gazetteer, focus: str | None) -> list[Place]:
    """Resolve "the east" of the focus country to its curated region ("Eastern Libya")."""
    country = gazetteer.country(focus) if focus else None
    if country is None:
        return []
    out: list[Place] = []
    for m in _DIRECTION.finditer(s.text):
        start, end = s.start + m.start(), s.start + m.end()
        if any(p.start < end and start < p.end for p in known):
            continue
        word = m.group(1).lower().replace("-", "")
        adjective = _REGION_WORD.get(word, word.capitalize() + "ern")
        region = next(
            (e for e in gazetteer.lookup(f"{adjective} {country.name}") if e.feature_code == "RGN"),
            None,
        )
        if region is not None:
            out.append(
                Place(
                    name=region.name,
                    latitude=round(region.latitude, 4),
                    longitude=round(region.longitude, 4),
                    country=region.country,
                    admin1=region.admin1,
                    geo_precision=GeoPrecision.REGION,
                    feature=region.feature_class,
                    reason=f"{m.group(0)!r} of {country.name}: region {region.name}",
                    start=start,
                    end=end,
                )
            )
    return out
