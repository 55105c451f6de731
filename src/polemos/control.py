"""Derive who held each place when: the territorial control timeline, from "X controls Y" statements and
territory-change events (the derive step, after corroboration), with the evidence for every interval.

Observations, per place (a city and its districts are one place):
- a `controls` statement says its actor holds the place on the day it speaks of;
- a territory-change event (Government regains territory, Non-state actor overtakes territory, Non-violent
  transfer of territory) on day D makes its actor 1 *contest* the place from D, and *hold* it from D+1
  unless (a) one of the event's own reports states that another actor controls the place on D or later
  (seed 000: the LNA "entered Derna" on Monday while the same report says "Derna is controlled by ... the
  Shura Council": the LNA contests, the DMSC still holds), or (b) the event is only placed *near* the
  town (geo_precision 2 or 3: capturing hills outside Derna is not holding Derna).

Walking a place's observations in date order, a new holder closes the previous holder's interval the day
before; a contest ends the day before its actor becomes the holder, or CONTEST_LAPSE_DAYS after its last
report (a siege nobody reports for a month is no longer shown as ongoing). Holder intervals stay open
(end None) until someone else is reported to hold the place.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from polemos.knowledge.gazetteer import Gazetteer, normalise_name
from polemos.model import Event, GeoPrecision, Place, Relation, RelationKind
from polemos.stages.event_groups import SAME_KM, distance_km
from polemos.taxonomy import TERRITORY_CHANGES

__all__ = [
    "CONTEST_LAPSE_DAYS",
    "ControlEvidence",
    "ControlInterval",
    "Status",
    "build_control_timeline",
    "control_at",
    "control_geojson",
    "control_of",
    "interval_to_json",
]

CONTEST_LAPSE_DAYS = 30
_DAY = dt.timedelta(days=1)


class Status(StrEnum):
    """How an actor stands to a place over an interval."""

    HOLDS = "holds"
    CONTESTS = "contests"  # entering, fighting for it, or took ground near it


@dataclass(frozen=True)
class ControlEvidence:
    """One report behind an interval: a control statement or a territory-change event."""

    kind: str  # "statement" | "event"
    document_id: str
    date: dt.date
    text: str  # the deciding words
    sentence: str
    rule: str
    event_id: str | None = None
    sub_event_type: str | None = None
    documents: tuple[str, ...] = ()  # every report of the event (one for a statement)

    def to_json(self) -> dict[str, object]:
        return {
            "kind": self.kind, "document_id": self.document_id, "date": self.date.isoformat(),
            "text": self.text, "sentence": self.sentence, "rule": self.rule, "event_id": self.event_id,
            "sub_event_type": self.sub_event_type, "documents": list(self.documents or (self.document_id,)),
        }  # fmt: skip


@dataclass(frozen=True)
class ControlInterval:
    """An actor holding or contesting a place from `start` to `end` (inclusive; None: still so)."""

    place: str
    actor: str
    status: Status
    start: dt.date
    end: dt.date | None
    evidence: tuple[ControlEvidence, ...]
    location: Place | None = None

    def covers(self, day: dt.date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)

    @property
    def last_reported(self) -> dt.date:
        return max(e.date for e in self.evidence)


@dataclass(frozen=True)
class _Obs:
    day: dt.date
    status: Status
    actor: str
    evidence: ControlEvidence
    strength: int  # same-day order: contests, then holds derived from events, then statements
    location: Place | None


@dataclass
class _Open:
    actor: str
    status: Status
    start: dt.date
    evidence: list[ControlEvidence] = field(default_factory=list)
    end: dt.date | None = None

    @property
    def last(self) -> dt.date:
        return max(e.date for e in self.evidence)

    def add(self, evidence: Iterable[ControlEvidence]) -> None:
        self.evidence += [e for e in evidence if e not in self.evidence]


def _key(name: str) -> str:
    return normalise_name(name.split(" - ")[0])


def _statement(r: Relation) -> ControlEvidence:
    ev = r.evidence
    assert r.start is not None
    return ControlEvidence(
        "statement", r.document_id, r.start, ev.text if ev else "", ev.sentence if ev else "",
        ev.rule if ev else "relation", documents=(r.document_id,),
    )  # fmt: skip


def _event_evidence(e: Event, day: dt.date) -> ControlEvidence:
    trigger = next((ev for ev in e.evidence if ev.field == "event_type"), None)
    source = e.sources[0]
    return ControlEvidence(
        "event", source.document_id, day, trigger.text if trigger else source.sentence, source.sentence,
        f"territory-change:{e.sub_event_type.value}", e.event_id, e.sub_event_type.value,
        tuple(dict.fromkeys(s.document_id for s in e.sources)),
    )  # fmt: skip


def build_control_timeline(relations: Iterable[Relation], events: Iterable[Event]) -> list[ControlInterval]:
    """Build every place's holder and contest intervals from `controls` statements and territory-change
    events (give corroborated events, so that copies of one report count once)."""
    statements = [r for r in relations if r.kind is RelationKind.CONTROLS and r.start is not None]
    said: dict[tuple[str, str], list[Relation]] = {}  # (document, place) -> its control statements
    obs: dict[str, list[_Obs]] = {}
    names: dict[str, str] = {}
    for r in statements:
        assert r.start is not None
        place = r.target_place.name if r.target_place else r.target
        key = _key(place)
        names.setdefault(key, place.split(" - ")[0])
        said.setdefault((r.document_id, key), []).append(r)
        rank = 2 + int(r.confidence * 100)
        obs.setdefault(key, []).append(
            _Obs(r.start, Status.HOLDS, r.source, _statement(r), rank, r.target_place)
        )
    for e in events:
        if e.sub_event_type not in TERRITORY_CHANGES or e.actor1 is None or e.place is None or e.date is None:
            continue
        key, day, actor = _key(e.place.name), e.date.date, e.actor1.name
        names.setdefault(key, e.place.name.split(" - ")[0])
        evidence = _event_evidence(e, day)
        obs.setdefault(key, []).append(_Obs(day, Status.CONTESTS, actor, evidence, 0, e.place))
        denied = any(
            r.source != actor and r.start is not None and r.start >= day
            for doc in dict.fromkeys(s.document_id for s in e.sources)
            for r in said.get((doc, key), ())
        )
        if not denied and e.place.geo_precision == GeoPrecision.TOWN:
            obs[key].append(_Obs(day + _DAY, Status.HOLDS, actor, evidence, 1, e.place))
    out: list[ControlInterval] = []
    for key, items in obs.items():
        out += _walk(names[key], items)
    return sorted(out, key=lambda i: (i.place, i.start, i.status is not Status.HOLDS, i.actor))


def _walk(place: str, items: Sequence[_Obs]) -> list[ControlInterval]:
    ordered = sorted(items, key=lambda o: (o.day, o.strength, o.evidence.document_id, o.actor))
    location = min((o.location for o in ordered if o.location), key=lambda p: p.geo_precision, default=None)
    holder: _Open | None = None
    contests: dict[str, _Open] = {}
    done: list[_Open] = []

    def end_contest(actor: str, end: dt.date) -> None:
        c = contests.pop(actor)
        c.end = end
        if c.end >= c.start:
            done.append(c)
        elif holder is not None and holder.actor == actor:
            holder.add(c.evidence)  # the fight that won it: evidence of the holding

    for o in ordered:
        for actor, c in list(contests.items()):
            if c.last + dt.timedelta(days=CONTEST_LAPSE_DAYS) < o.day:
                end_contest(actor, c.last + dt.timedelta(days=CONTEST_LAPSE_DAYS))
        if o.status is Status.CONTESTS:
            if holder is not None and holder.actor == o.actor:
                holder.add([o.evidence])  # fighting in a place it holds
            elif o.actor in contests:
                contests[o.actor].add([o.evidence])
            else:
                contests[o.actor] = _Open(o.actor, Status.CONTESTS, o.day, [o.evidence])
            continue
        if holder is not None and holder.actor == o.actor:
            holder.add([o.evidence])
            continue
        if holder is not None:
            holder.end = o.day - _DAY
            if holder.end >= holder.start:
                done.append(holder)
            else:  # two holders reported for one day: the weaker report only contests it
                loser = contests.setdefault(holder.actor, _Open(holder.actor, Status.CONTESTS, holder.start))
                loser.add(holder.evidence)
        holder = _Open(o.actor, Status.HOLDS, o.day, [o.evidence])
        if o.actor in contests:
            end_contest(o.actor, o.day - _DAY)
    for actor, c in list(contests.items()):
        end_contest(actor, c.last + dt.timedelta(days=CONTEST_LAPSE_DAYS))
    if holder is not None:
        done.append(holder)
    return [
        ControlInterval(place, x.actor, x.status, x.start, x.end, tuple(x.evidence), location) for x in done
    ]


def control_at(intervals: Iterable[ControlInterval], day: dt.date) -> list[ControlInterval]:
    """Return who holds and who contests each place on `day`, by place (holders first)."""
    found = [i for i in intervals if i.covers(day)]
    return sorted(found, key=lambda i: (i.place, i.status is not Status.HOLDS, i.start, i.actor))


def control_of(
    intervals: Iterable[ControlInterval], place: str, gazetteer: Gazetteer | None = None
) -> list[ControlInterval]:
    """Return a place's intervals in date order; the place is matched by name, then (with a gazetteer)
    by any of its names there ("Derna" finds "Darnah") or by lying within 5 km of a place of that name."""
    items = list(intervals)
    wanted = _key(place)
    found = [i for i in items if _key(i.place) == wanted]
    if not found and gazetteer is not None:
        entries = gazetteer.lookup(place)
        keys = {_key(e.name) for e in entries}
        found = [
            i for i in items
            if _key(i.place) in keys
            or (i.location is not None and any(
                distance_km(i.location, Place(e.name, e.latitude, e.longitude, e.country)) <= SAME_KM
                for e in entries
            ))
        ]  # fmt: skip
    return sorted(found, key=lambda i: (i.place, i.start, i.status is not Status.HOLDS, i.actor))


def interval_to_json(i: ControlInterval) -> dict[str, object]:
    """Return an interval as a JSON object."""
    loc = i.location
    return {
        "place": i.place, "actor": i.actor, "status": i.status.value, "start": i.start.isoformat(),
        "end": i.end.isoformat() if i.end else None, "last_reported": i.last_reported.isoformat(),
        "latitude": round(loc.latitude, 4) if loc else None,
        "longitude": round(loc.longitude, 4) if loc else None,
        "evidence": [e.to_json() for e in i.evidence],
    }  # fmt: skip


def control_geojson(intervals: Iterable[ControlInterval]) -> dict[str, object]:
    """Return the intervals as a GeoJSON FeatureCollection of Points with `start`/`end` time properties
    (end null: still so); intervals without coordinates are counted, not drawn."""
    features: list[dict[str, object]] = []
    skipped = 0
    for i in intervals:
        if i.location is None:
            skipped += 1
            continue
        props = interval_to_json(i)
        del props["latitude"], props["longitude"]
        features.append(
            {
                "type": "Feature",
                "geometry": {
                    "type": "Point",
                    "coordinates": [round(i.location.longitude, 4), round(i.location.latitude, 4)],
                },
                "properties": props,
            }
        )
    return {"type": "FeatureCollection", "features": features, "skipped_without_coordinates": skipped}
