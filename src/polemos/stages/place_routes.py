"""Routes named by their ends ("the Juba-Bor road", "the Mwesso-Kitshanga axis"): ACLED codes an event on
such a route near the first town named, so the second toponym is no place of its own. Part of the
`resolve places` stage (`places.find_places`)."""

from __future__ import annotations

import re
from dataclasses import replace

from polemos.model import GeoPrecision
from polemos.stages.place_context import Mention

__all__ = ["apply_routes"]

# "-", an en dash or "to" between the ends, then the kind of route: "Juba – Yei road", "Fada-Bogande axis".
_BETWEEN = re.compile(r"\s*(?:[-–—]|\bto\b)\s*")
_ROUTE_AFTER = re.compile(r"\s+(?:main\s+)?(?:road|highway|axis|route|motorway|corridor)s?\b", re.IGNORECASE)


def apply_routes(text: str, mentions: list[Mention]) -> list[Mention]:
    """Drop the far end of each "X-Y road" and code the route near X (geo_precision 2)."""
    out: list[Mention] = []
    skip = -1
    for n, m in enumerate(mentions):
        if n == skip:
            continue
        nxt = mentions[n + 1] if n + 1 < len(mentions) else None
        if (
            nxt is not None
            and m.entry.feature_class == "P"
            and _BETWEEN.fullmatch(text[m.end : nxt.start])
            and _ROUTE_AFTER.match(text, nxt.end)
        ):
            m = replace(
                m, precision=GeoPrecision.NEAR, reason=m.reason + f"; on the route to {nxt.entry.name}"
            )
            skip = n + 1
        out.append(m)
    return out
