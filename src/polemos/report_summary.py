"""The figures of a situation report: events and fatalities by type, week, actor and place; notable events.

The dashboard's /api/stats serves the same Summary. The report's two formats (report_markdown,
report_html) also share the wording of an event's actors and of the report's provenance line.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from polemos.model import Event
from polemos.taxonomy import EventType

__all__ = [
    "TOP",
    "TYPE_COLOURS",
    "Summary",
    "Tally",
    "Week",
    "actors_line",
    "generated_line",
    "notable_events",
    "summarize",
    "week_start",
]

# One colour per ACLED event type; the dashboard's app.js uses the same palette.
TYPE_COLOURS = {
    EventType.BATTLES.value: "#d62728",
    EventType.PROTESTS.value: "#2ca02c",
    EventType.RIOTS.value: "#ff7f0e",
    EventType.EXPLOSIONS.value: "#9467bd",
    EventType.VIOLENCE_AGAINST_CIVILIANS.value: "#8c564b",
    EventType.STRATEGIC_DEVELOPMENTS.value: "#1f77b4",
}
TOP = 10  # rows in the top-actor, location and notable-event lists


@dataclass(frozen=True)
class Tally:
    """Events and fatalities counted under one name (an event type, an actor, a location)."""

    name: str
    events: int
    fatalities: int


@dataclass(frozen=True)
class Week:
    """One week (starting Monday): events by type and fatalities."""

    start: dt.date
    by_type: dict[str, int]
    fatalities: int

    @property
    def events(self) -> int:
        return sum(self.by_type.values())


@dataclass(frozen=True)
class Summary:
    """The figures a report and the dashboard's /api/stats show for a set of events."""

    events: int
    fatalities: int
    documents: int
    first: dt.date | None
    last: dt.date | None
    undated: int
    unmapped: int
    by_type: list[Tally] = field(default_factory=list)
    by_week: list[Week] = field(default_factory=list)
    top_actors: list[Tally] = field(default_factory=list)
    top_locations: list[Tally] = field(default_factory=list)


def week_start(day: dt.date) -> dt.date:
    """Return the Monday of the ISO week `day` falls in."""
    return day - dt.timedelta(days=day.weekday())


def summarize(events: Sequence[Event], *, top: int = TOP) -> Summary:
    """Count events and fatalities by type, week, actor and location."""
    dated = [e for e in events if e.date is not None]
    days = sorted(e.date.date for e in dated if e.date is not None)
    by_type: dict[str, list[int]] = {t.value: [0, 0] for t in EventType}
    actors: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    places: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for e in events:
        _add(by_type[e.event_type.value], e.fatalities)
        # An actor fighting itself (two communal militias) is one event for that actor, not two.
        for name in {a.name for a in (e.actor1, e.actor2) if a is not None}:
            _add(actors[name], e.fatalities)
        if e.place is not None:
            _add(places[e.place.name], e.fatalities)
    return Summary(
        events=len(events),
        fatalities=sum(e.fatalities for e in events),
        documents=len({s.document_id for e in events for s in e.sources}),
        first=days[0] if days else None,
        last=days[-1] if days else None,
        undated=len(events) - len(dated),
        unmapped=sum(1 for e in events if e.place is None),
        by_type=[Tally(name, n, f) for name, (n, f) in by_type.items() if n],
        by_week=_weeks(dated),
        top_actors=_top(actors, top),
        top_locations=_top(places, top),
    )


def _add(counts: list[int], fatalities: int) -> None:
    counts[0] += 1
    counts[1] += fatalities


def _top(counts: dict[str, list[int]], n: int) -> list[Tally]:
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1][0], -kv[1][1], kv[0]))
    return [Tally(name, events, fatalities) for name, (events, fatalities) in ranked[:n]]


def _weeks(dated: Sequence[Event]) -> list[Week]:
    if not dated:
        return []
    counts: dict[dt.date, Counter[str]] = defaultdict(Counter)
    deaths: Counter[dt.date] = Counter()
    for e in dated:
        assert e.date is not None
        monday = week_start(e.date.date)
        counts[monday][e.event_type.value] += 1
        deaths[monday] += e.fatalities
    # Empty weeks are kept so the chart's time axis is even.
    first, last = min(counts), max(counts)
    weeks = [first + dt.timedelta(weeks=i) for i in range((last - first).days // 7 + 1)]
    return [Week(w, dict(counts.get(w, {})), deaths[w]) for w in weeks]


def notable_events(events: Sequence[Event], n: int = TOP) -> list[Event]:
    """Return the events a reader should see first: deadliest, then best sourced, then newest."""
    newest = sorted(events, key=lambda e: e.date.date if e.date else dt.date.min, reverse=True)
    return sorted(newest, key=lambda e: (-e.fatalities, -len(e.sources)))[:n]


def actors_line(e: Event) -> str:
    """Return the "Actors: A vs B" line of an event."""
    names = " vs ".join(a.name for a in (e.actor1, e.actor2) if a is not None)
    return f"Actors: {names}" if names else "Actors not identified"


def generated_line(s: Summary) -> str:
    """Return the line saying how and when the report was made, and what it could not place."""
    return (
        f"Coded automatically by polemos from {s.documents} document(s); generated {dt.date.today()}."
        f" {s.undated} event(s) undated, {s.unmapped} without a location."
    )
