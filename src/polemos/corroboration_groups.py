"""How a group of corroborated reports' events becomes one event: the highest-ranked type, the most precise
date and place, the most confident report's actors, one source per document, and ACLED's fatality figure
across independent sources (`polemos.corroboration_rules` decides which events form a group)."""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from polemos.corroboration_rules import base_name, is_context, is_placeholder
from polemos.model import Actor, DatePoint, Event, FatalityClaim, Source
from polemos.taxonomy import EventType

__all__ = ["CorroboratedEvent", "FatalityRange", "Member", "build_corroborated", "choose_fatality_range"]


# --- one group, one event ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Member:
    """A member event of a group, with its document and its independent source (copies share one)."""

    event: Event
    document_id: str
    source: str  # the first document of its copy cluster: copies of one report count once


@dataclass(frozen=True)
class FatalityRange:
    """The event's fatality figure and the spread of what its independent sources report."""

    chosen: int  # ACLED's figure: the lowest, unless two independent sources agree on one
    low: int  # min, median and max of the per-source figures (0 when no source reports deaths)
    best: int
    high: int
    per_source: tuple[tuple[str, int], ...]  # (independent source: its first document, its figure)
    rule: str

    def to_json(self) -> dict[str, object]:
        return {
            "chosen": self.chosen, "low": self.low, "best": self.best, "high": self.high, "rule": self.rule,
            "per_source": [{"document_id": d, "fatalities": n} for d, n in self.per_source],
        }  # fmt: skip


@dataclass(frozen=True)
class CorroboratedEvent:
    """A group's corroborated event, its fatality range and its members."""

    event: Event
    fatality_range: FatalityRange
    members: tuple[Member, ...]

    @property
    def documents(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(m.document_id for m in self.members))

    @property
    def independent_sources(self) -> int:
        return len({m.source for m in self.members})


def choose_fatality_range(members: Sequence[Member]) -> FatalityRange:
    """Choose the event's figure under ACLED's rules from each independent source's own figure.

    A source's figure is its event's (already the lowest of its competing claims); copies of one report
    count once (their lowest). Across sources the lowest figure is recorded "until a corroborated one
    appears": a figure that two independent sources report wins over lower, single-source ones. Sources
    that mention no deaths are not claims of zero and do not compete; nor do those whose every claim
    their own coding set aside (a month's cumulative toll, a background death, an enemy's boast only its
    own outlet carries): they report none of this event's dead, and their 0 would wipe out a figure
    another source gives.
    """
    figures: dict[str, int] = {}
    for m in members:
        if m.event.fatalities:
            figures[m.source] = min(figures.get(m.source, m.event.fatalities), m.event.fatalities)
    if not figures:
        return FatalityRange(0, 0, 0, 0, (), "no source reports deaths")
    values = sorted(figures.values())
    corroborated = sorted({v for v in values if values.count(v) >= 2})
    if len(figures) == 1:
        chosen, rule = values[0], "one source reports deaths"
    elif corroborated:
        chosen, rule = (
            corroborated[0],
            f"{corroborated[0]} is reported by {values.count(corroborated[0])} sources",
        )
    else:
        chosen, rule = values[0], f"lowest of {len(values)} conflicting figures"
    return FatalityRange(
        chosen, values[0], int(statistics.median_low(values)), values[-1], tuple(figures.items()), rule
    )


def _date_key(d: DatePoint, votes: Mapping[dt.date, int]) -> tuple[int, bool, int, int]:
    return (int(d.precision), is_context(d), -votes.get(d.date, 0), d.date.toordinal())


def _aligned(
    pair: tuple[Actor | None, Actor | None], other: tuple[Actor | None, Actor | None], fixed: bool
) -> tuple[Actor | None, Actor | None]:
    """`other` in `pair`'s order (when order is free): the orientation where named actors agree."""
    if fixed:
        return other
    straight = sum(1 for x, y in zip(pair, other, strict=True) if x and y and x.name == y.name)
    crossed = sum(1 for x, y in zip(pair, other[::-1], strict=True) if x and y and x.name == y.name)
    return (other[1], other[0]) if crossed > straight else other


# The kinds of side an "Unidentified Armed Group" may turn out to be once another report names it: a
# non-state armed group of any kind (rebels 2, political militia 3, communal or ethnic militia 4). A state's
# forces, rioters, protesters or civilians are another side, not the one a report could not name.
_ARMED_GROUP_INTERS = frozenset({2, 3, 4})


def _names_it(side: Actor | None, other: Actor | None) -> bool:
    """Whether `other`, the side another report of the event names, is who this report left unidentified
    ("a militia guarding the bank shot a customer" / "the militia from Misrata ... shot a customer"): the
    named side tells who the report could not, so it wins over the placeholder in the same role."""
    if side is None or other is None or not is_placeholder(side) or is_placeholder(other):
        return False
    if side.inter == 3:
        return other.inter in _ARMED_GROUP_INTERS
    return other.inter == side.inter


def _actors(lead: Event, ordered: Sequence[Event]) -> tuple[Actor | None, Actor | None]:
    """The lead report's sides, a gap or an unidentified side filled by the most confident other report
    that names it (in the order of the lead's sides, where order is free)."""
    fixed = lead.event_type is EventType.VIOLENCE_AGAINST_CIVILIANS
    a1, a2 = lead.actor1, lead.actor2
    for e in ordered:
        o1, o2 = _aligned((a1, a2), (e.actor1, e.actor2), fixed)
        names = {a.name for a in (a1, a2) if a}
        if (a1 is None or _names_it(a1, o1)) and o1 is not None and o1.name not in names:
            a1 = o1
            names.add(o1.name)
        if (a2 is None or _names_it(a2, o2)) and o2 is not None and o2.name not in names:
            a2 = o2
    return a1, a2


def _unique(items: Iterable[str], exclude: Iterable[str]) -> tuple[str, ...]:
    skip = set(exclude)
    return tuple(x for x in dict.fromkeys(items) if x not in skip)


def _one_per_document(events: Iterable[Event]) -> tuple[Source, ...]:
    """One source per reporting document: its first sentence about the event (the others stay in the
    evidence and notes)."""
    first: dict[str, Source] = {}
    for e in events:
        for s in e.sources:
            if s.document_id not in first or s.start < first[s.document_id].start:
                first[s.document_id] = s
    return tuple(first.values())


def build_corroborated(group_id: str, members: Sequence[Member]) -> CorroboratedEvent:
    """Make a group's corroborated event: highest-ranked type, most precise date and place, the most
    confident report's actors (gaps and unidentified sides filled from the others), one source per
    document, and ACLED's fatality figure.

    A group of one event gives that event back with the group's id and one source per document.
    """
    if not members:
        raise ValueError(f"group {group_id} has no members")
    fatality_range = choose_fatality_range(members)
    events = [m.event for m in members]
    sources = _one_per_document(events)
    if len(members) == 1:
        event = replace(events[0], event_id=group_id, sources=sources)
        return CorroboratedEvent(event, fatality_range, tuple(members))
    day_sources: dict[dt.date, set[str]] = {}
    place_sources: dict[str, set[str]] = {}
    for m in members:
        if m.event.date is not None:
            day_sources.setdefault(m.event.date.date, set()).add(m.source)
        if m.event.place is not None:
            place_sources.setdefault(base_name(m.event.place), set()).add(m.source)
    votes = {k: len(v) for k, v in day_sources.items()}
    # The lead report: the highest-ranked type, the most precise own date, the most confident.
    lead = min(
        events,
        key=lambda e: (
            e.sub_event_type.rank,
            _date_key(e.date, votes) if e.date else (9, True, 0, 0),
            -e.confidence,
            -len(e.notes),
        ),
    )
    dates = [e.date for e in events if e.date is not None]
    date = min(dates, key=lambda d: _date_key(d, votes)) if dates else None
    places = [e.place for e in events if e.place is not None]
    place = (
        min(places, key=lambda p: (p.geo_precision, -len(place_sources[base_name(p)]))) if places else None
    )
    by_confidence = sorted(events, key=lambda e: -e.confidence)
    actor1, actor2 = _actors(lead, by_confidence)
    claims: list[FatalityClaim] = []
    for e in events:
        claims.extend(c for c in e.fatality_claims if c not in claims)
    names = [a.name for a in (actor1, actor2) if a]
    flags = []
    for flag in dict.fromkeys(f for e in events for f in e.flags):
        if (
            (flag == "no-location" and place is not None)
            or (flag == "date-unresolved" and date is not None)
            or (flag == "date-from-context" and (date is None or not is_context(date)))
            or (flag == "background" and (date is None or not date.is_background))
        ):
            continue
        flags.append(flag)
    event = Event(
        event_id=group_id,
        sub_event_type=lead.sub_event_type,
        date=date,
        actor1=actor1,
        actor2=actor2,
        place=place,
        fatalities=fatality_range.chosen,
        notes=lead.notes,
        sources=sources,
        assoc_actor_1=_unique((a for e in events for a in e.assoc_actor_1), names),
        assoc_actor_2=_unique((a for e in events for a in e.assoc_actor_2), names),
        fatality_claims=tuple(claims),
        evidence=tuple(ev for e in events for ev in e.evidence),
        confidence=max(e.confidence for e in events),
        flags=tuple(flags),
    )
    return CorroboratedEvent(event, fatality_range, tuple(members))
