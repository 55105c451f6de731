"""Rebuild an Event from its flat record (records.py writes it), checking each field's type and naming the
record and field that do not read back.

The store reads every event back through here, and the exports' readers too: `event_from_record(
event_to_record(e)) == e`. Where an ACLED column is lossy (4-decimal coordinates, "; "-joined names) the
record's polemos extras hold the exact value, and they win.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from enum import IntEnum
from typing import TypeVar

from polemos.model import (
    Actor,
    DatePoint,
    Event,
    Evidence,
    FatalityClaim,
    GeoPrecision,
    Place,
    Source,
    TimePrecision,
)
from polemos.taxonomy import SubEventType

T = TypeVar("T")
E = TypeVar("E", bound=IntEnum)


def event_from_record(record: Mapping[str, object]) -> Event:
    """Rebuild an Event from its record; raise ValueError naming the field when the record is malformed."""
    r = _Fields(record, f"event {record.get('event_id')!r}")
    sub = r.string("sub_event_type")
    try:
        sub_event_type = SubEventType(sub)
    except ValueError:
        raise ValueError(f"{r.where}: unknown sub_event_type {sub!r}") from None
    event_type = r.opt_string("event_type")
    if event_type and event_type != sub_event_type.event_type.value:
        raise ValueError(f"{r.where}: event_type {event_type!r} does not match sub_event_type {sub!r}")
    evidence = r.mapping("evidence")
    return Event(
        event_id=r.string("event_id"),
        sub_event_type=sub_event_type,
        date=_date_from(r),
        actor1=_actor_from(r, 1),
        actor2=_actor_from(r, 2),
        place=_place_from(r),
        fatalities=r.integer("fatalities"),
        notes=r.string("notes"),
        sources=tuple(_source_from(_Fields(s, f"{r.where} sources")) for s in r.mappings("sources")),
        assoc_actor_1=_names(r.string("assoc_actor_1")),
        assoc_actor_2=_names(r.string("assoc_actor_2")),
        fatality_claims=tuple(
            _claim_from(_Fields(c, f"{r.where} claims")) for c in r.mappings("fatality_claims")
        ),
        evidence=_evidence_from(evidence or {}, r.where),
        confidence=r.number("confidence"),
        flags=tuple(r.strings("flags")),
    )


def _names(joined: str) -> tuple[str, ...]:
    return tuple(n.strip() for n in joined.split(";") if n.strip())


def _date_from(r: _Fields) -> DatePoint | None:
    text = r.opt_string("event_date")
    if not text:
        return None
    try:
        date = dt.date.fromisoformat(text[:10])
    except ValueError:
        raise ValueError(f"{r.where}: event_date {text!r} is not an ISO date") from None
    detail = _Fields(r.mapping("date_expression") or {}, f"{r.where} date_expression")
    return DatePoint(
        date=date,
        precision=_enum(TimePrecision, r.opt_integer("time_precision") or TimePrecision.DAY, r.where),
        expression=detail.opt_string("text") or "",
        start=_or(detail.opt_integer("start"), -1),
        end=_or(detail.opt_integer("end"), -1),
        rule=detail.opt_string("rule") or "",
        is_background=r.opt_flag("is_background") or False,
    )


def _actor_from(r: _Fields, n: int) -> Actor | None:
    name = r.opt_string(f"actor{n}")
    if not name:
        return None
    inter = r.opt_integer(f"inter{n}")
    if inter is None:
        raise ValueError(f"{r.where}: actor{n} {name!r} has no inter{n}")
    return Actor(name=name, inter=inter, country=r.opt_string(f"actor{n}_country"))


def _place_from(r: _Fields) -> Place | None:
    latitude, longitude = r.opt_number("latitude"), r.opt_number("longitude")
    if latitude is None or longitude is None:
        return None
    extra = _Fields(r.mapping("place") or {}, f"{r.where} place")
    return Place(
        name=r.opt_string("location") or "",
        latitude=_or(extra.opt_number("latitude"), latitude),
        longitude=_or(extra.opt_number("longitude"), longitude),
        country=r.opt_string("country") or "",
        admin1=r.opt_string("admin1"),
        admin2=r.opt_string("admin2"),
        geo_precision=_enum(GeoPrecision, r.opt_integer("geo_precision") or GeoPrecision.TOWN, r.where),
        geonames_id=extra.opt_integer("geonames_id"),
        feature=_or(extra.opt_string("feature"), "P"),
        reason=extra.opt_string("reason") or "",
        candidates=tuple(extra.strings("candidates")),
        start=_or(extra.opt_integer("start"), -1),
        end=_or(extra.opt_integer("end"), -1),
    )


def _source_from(s: _Fields) -> Source:
    published = s.opt_string("published")
    return Source(
        document_id=s.string("document_id"),
        sentence=s.string("sentence"),
        start=s.integer("start"),
        end=s.integer("end"),
        url=s.opt_string("url"),
        outlet=s.opt_string("outlet"),
        published=dt.date.fromisoformat(published) if published else None,
    )


def _claim_from(c: _Fields) -> FatalityClaim:
    return FatalityClaim(
        count=c.integer("count"),
        text=c.string("text"),
        start=c.integer("start"),
        end=c.integer("end"),
        claimant=c.opt_string("claimant"),
        victims=c.opt_string("victims"),
        is_minimum=c.opt_flag("is_minimum") or False,
        rule=c.opt_string("rule") or "",
    )


def _evidence_from(by_field: Mapping[str, object], where: str) -> tuple[Evidence, ...]:
    items: list[tuple[int, int, Evidence]] = []
    for name, group in by_field.items():
        if not isinstance(group, list):
            raise ValueError(f"{where}: evidence[{name!r}] must be a list")
        for obj in group:
            if not isinstance(obj, Mapping):
                raise ValueError(f"{where}: evidence[{name!r}] items must be objects")
            e = _Fields(obj, f"{where} evidence[{name!r}]")
            ev = Evidence(
                field=e.opt_string("field") or name,
                value=e.string("value"),
                document_id=e.string("document_id"),
                sentence=e.string("sentence"),
                start=e.integer("start"),
                end=e.integer("end"),
                text=e.string("text"),
                rule=e.string("rule"),
                confidence=_or(e.opt_number("confidence"), 1.0),
            )
            items.append((_or(e.opt_integer("index"), len(items)), len(items), ev))
    return tuple(ev for _, _, ev in sorted(items, key=lambda t: (t[0], t[1])))


def _enum(kind: type[E], value: int, where: str) -> E:
    try:
        return kind(value)
    except ValueError:
        raise ValueError(f"{where}: {value!r} is not a valid {kind.__name__}") from None


def _or(value: T | None, default: T) -> T:
    return default if value is None else value


def _need(value: T | None, error: Callable[[], ValueError]) -> T:
    if value is None:
        raise error()
    return value


class _Fields:
    """Typed reads from a JSON-shaped mapping, each failure naming the record and field."""

    def __init__(self, data: Mapping[str, object], where: str) -> None:
        self.data = data
        self.where = where

    def _fail(self, key: str, expected: str) -> ValueError:
        return ValueError(f"{self.where}: field {key!r} must be {expected}, got {self.data.get(key)!r}")

    def opt_string(self, key: str) -> str | None:
        value = self.data.get(key)
        if value is None or isinstance(value, str):
            return value
        raise self._fail(key, "a string or null")

    def string(self, key: str) -> str:
        return _need(self.opt_string(key), lambda: self._fail(key, "a string"))

    def opt_integer(self, key: str) -> int | None:
        value = self.data.get(key)
        if value is None or (isinstance(value, int) and not isinstance(value, bool)):
            return value
        raise self._fail(key, "an integer or null")

    def integer(self, key: str) -> int:
        return _need(self.opt_integer(key), lambda: self._fail(key, "an integer"))

    def opt_number(self, key: str) -> float | None:
        value = self.data.get(key)
        if value is None:
            return None
        if isinstance(value, int | float) and not isinstance(value, bool):
            return float(value)
        raise self._fail(key, "a number or null")

    def number(self, key: str) -> float:
        return _need(self.opt_number(key), lambda: self._fail(key, "a number"))

    def opt_flag(self, key: str) -> bool | None:
        value = self.data.get(key)
        if value is None or isinstance(value, bool):
            return value
        raise self._fail(key, "true, false or null")

    def strings(self, key: str) -> list[str]:
        value = self.data.get(key)
        if value is None:
            return []
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            return [str(v) for v in value]
        raise self._fail(key, "a list of strings")

    def mapping(self, key: str) -> Mapping[str, object] | None:
        value = self.data.get(key)
        if value is None:
            return None
        if isinstance(value, Mapping):
            return value
        raise self._fail(key, "an object or null")

    def mappings(self, key: str) -> list[Mapping[str, object]]:
        value = self.data.get(key)
        if value is None:
            return []
        if isinstance(value, list) and all(isinstance(v, Mapping) for v in value):
            return list(value)
        raise self._fail(key, "a list of objects")
