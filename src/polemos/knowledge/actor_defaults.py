"""The `defaults` section of the actor files: what an unqualified label ("the army", "militants", an unnamed
perpetrator) means in a country and period, or only where the event took place (a city or region whose
war one group fought: Benghazi's "militants" from 2014 to 2017), when the report itself shows no camp.

Read and checked here (every error names the file and the entry); the knowledge base
(polemos.knowledge.actors) asks `DefaultTable.reading` for the reading that holds at a report's place and day.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass

from polemos.knowledge.actor_periods import Day, day_at, day_of, fail
from polemos.knowledge.phrases import fold

# The label classes a default reading can be given for (see `defaults` at the top of actors.yaml):
# `army` ("the army", "troops"), `air` (an air strike whose perpetrator goes unnamed), `unnamed` (any other
# violence whose perpetrator goes unnamed), `militants` (a hostile word for a non-state group that the
# report ties to no named group: "militants", "extremists", "jihadists") and `fighting` (the sides of a
# battle the report names neither of: "fighting in the Sabri district"); `struck` (the side the period's
# air power, its `air` reading, flew against: the target of its strikes where a report names none).
DEFAULT_CLASSES = frozenset({"army", "air", "unnamed", "militants", "fighting", "struck"})
DEFAULT_FIELDS = frozenset({"country", "years", "labels", "actor", "places"})
# The classes a reading limited to places may be given for: those the extract stage reads once it knows
# the event's place (see polemos.stages.actor_places).
# "army" too: where rival governments each hold part of a country, "the army" a report leaves to no camp
# is read first by the country's default and then, once the place is known, as the forces of the
# government that holds the place (see polemos.stages.actor_places).
PLACED_CLASSES = frozenset({"militants", "unnamed", "fighting", "army"})


@dataclass(frozen=True)
class DefaultReading:
    """The actor an unqualified label class means in a country and period (and, where `places` is given,
    only at those places) when the report itself shows no camp."""

    path: str
    country: str
    # first and last day it holds (a bound may be a year or, where a war's habit began within a year, a
    # month or a day: NATO flew over Libya from 19 March 2011); None: open
    span: tuple[Day | None, Day | None]
    classes: frozenset[str]
    actor: str
    # folded names of the places (a town, or the region it lies in) it is limited to; empty: the country
    places: frozenset[str] = frozenset()

    def covers(
        self, country: str | None, year: int | None, month: int | None = None, day: int | None = None
    ) -> bool:
        """Return whether the reading holds for a report of `country` in `year` (`month`, `day`: an unknown
        month is read as mid-year, an unknown day as mid-month)."""
        if country != self.country:
            return False
        if year is None:
            return True
        start, end = self.span
        at = day_at(year, month, day)
        return (start is None or start <= at) and (end is None or at <= end)

    def holds_at(self, places: Collection[str]) -> bool:
        """Return whether the reading holds at a place known by these folded names (the place's own name
        and the regions it lies in): always for a country-wide reading, else only where one is listed."""
        return not self.places or not self.places.isdisjoint(places)


class DefaultTable:
    """The default readings of the loaded files, a later file's first."""

    def __init__(self, readings: Iterable[DefaultReading]) -> None:
        readings = tuple(readings)
        # A reading limited to places is the more specific: it is consulted before the country's.
        self.readings = tuple(d for d in readings if d.places) + tuple(d for d in readings if not d.places)

    def reading(
        self,
        country: str | None,
        year: int | None,
        label_class: str,
        month: int | None = None,
        day: int | None = None,
        places: Collection[str] = (),
    ) -> DefaultReading | None:
        """Return the first reading for `label_class` that holds for a report of `country` on its day, at
        the place known by `places` (names, any case; none: only country-wide readings hold)."""
        folded = frozenset(fold(p) for p in places)
        for d in self.readings:
            if label_class in d.classes and d.covers(country, year, month, day) and d.holds_at(folded):
                return d
        return None


def place_names(name: str, *regions: str | None) -> tuple[str, ...]:
    """The names a place answers to in a `places` list: its own name (and each part of an ACLED name of a
    town's district, "Benghazi - Ganfouda") and the regions it lies in."""
    parts = [p.strip() for p in name.split(" - ")] if " - " in name else []
    return tuple(dict.fromkeys(x for x in (name, *parts, *regions) if x))


def parse_defaults(raw: object, path: str) -> list[DefaultReading]:
    """Read and check the `defaults` section of one file."""
    out: list[DefaultReading] = []
    items = raw if isinstance(raw, list) else [raw] if raw else []
    for i, item in enumerate(items):
        where = f"defaults[{i}]"
        if not isinstance(item, Mapping) or not isinstance(item.get("country"), str):
            raise fail(path, where, "each default needs `country`, `years`, `labels` and `actor`")
        if not isinstance(item.get("actor"), str):
            raise fail(path, where, "`actor` must name an actor entry")
        where = f"defaults[{i}] ({item['actor']})"
        unknown = set(item) - DEFAULT_FIELDS
        if unknown:
            raise fail(
                path, where, f"unknown field(s) {sorted(map(str, unknown))}; use {sorted(DEFAULT_FIELDS)}"
            )
        classes = _names(item.get("labels"), path, where, "labels")
        bad = [c for c in classes if c not in DEFAULT_CLASSES]
        if not classes or bad:
            raise fail(path, where, f"`labels` must list some of {sorted(DEFAULT_CLASSES)}")
        places = _names(item.get("places"), path, where, "places")
        if "places" in item and not places:
            raise fail(path, where, "`places` must list at least one place name (or be left out)")
        if places and not set(classes) <= PLACED_CLASSES:
            raise fail(path, where, f"`places` limits only readings of {sorted(PLACED_CLASSES)}: the "
                       "others are read before the event's place is known")  # fmt: skip
        span = _span(item.get("years"), path, where)
        folded = frozenset(fold(p) for p in places)
        out.append(DefaultReading(path, item["country"], span, frozenset(classes), item["actor"], folded))
    return out


def check_defaults(
    readings: Iterable[DefaultReading], actors: Collection[str], is_country: Callable[[str], bool]
) -> None:
    """Check what a default refers to once all files are merged: a known actor and an ISO2 country code
    (`is_country` tells whether a code is one)."""
    for d in readings:
        where = f"default for {d.country} ({d.actor})"
        if d.actor not in actors:
            raise fail(d.path, where, f"`actor` names unknown actor {d.actor!r}")
        if not is_country(d.country):
            raise fail(d.path, where, "`country` is not an ISO2 code in countries.yaml")


def _names(raw: object, path: str, where: str, name: str) -> list[str]:
    if raw is None:
        return []
    if not isinstance(raw, list) or not all(isinstance(x, str) and x.strip() for x in raw):
        raise fail(path, where, f"`{name}` must be a list of non-empty strings")
    return [x.strip() for x in raw]


def _span(raw: object, path: str, where: str) -> tuple[Day | None, Day | None]:
    """Read a default's `years`: [start, end], each a year, "YYYY-MM", "YYYY-MM-DD" or null."""
    if raw is None:
        return None, None
    pair = raw if isinstance(raw, list) and len(raw) == 2 else [0, 0]
    start = None if pair[0] is None else day_of(pair[0], end=False)
    stop = None if pair[1] is None else day_of(pair[1], end=True)
    if (pair[0] is not None and start is None) or (pair[1] is not None and stop is None):
        raise fail(path, where, '`years` must be [start, end], each a year, "YYYY-MM", "YYYY-MM-DD" or null')
    if start is not None and stop is not None and stop < start:
        raise fail(path, where, f"`years` ends ({pair[1]}) before it starts ({pair[0]})")
    return start, stop
