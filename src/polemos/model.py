"""The typed records every pipeline stage takes and returns, from Document to coded Event.

Character offsets (`start`, `end`) are always into `Document.text` (the cleaned text), so every coded
field can be traced back to the exact characters that decided it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from enum import IntEnum, StrEnum

from polemos.taxonomy import EventType, SubEventType, interaction_code


class TimePrecision(IntEnum):
    """ACLED time_precision: 1 day known, 2 week known (midpoint), 3 month known (midpoint)."""

    DAY = 1
    WEEK = 2
    MONTH = 3


class GeoPrecision(IntEnum):
    """ACLED geo_precision: 1 the named town, 2 near a town / part of a region, 3 a larger region."""

    TOWN = 1
    NEAR = 2
    REGION = 3


@dataclass(frozen=True)
class Document:
    """One news report, cleaned: text plus the metadata the coder and the exports need."""

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: dt.date | None = None
    language: str = "en"
    path: str | None = None  # where it was read from, for error messages and provenance

    @property
    def content_hash(self) -> str:
        """Hash of what the coder sees: same hash means re-coding would give the same events."""
        h = hashlib.sha256()
        for part in (
            self.text,
            self.title or "",
            self.url or "",
            self.outlet or "",
            str(self.published or ""),
        ):
            h.update(part.encode("utf-8"))
            h.update(b"\x00")
        return h.hexdigest()


@dataclass(frozen=True)
class Span:
    """A character range of Document.text."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Evidence:
    """Why one field of an event has its value: the characters that decided it and the rule that read them."""

    field: str  # e.g. "event_type", "actor1", "location", "event_date", "fatalities"
    value: str  # the coded value, as text
    document_id: str
    sentence: str  # the whole sentence the span sits in
    start: int  # span of the deciding words, offsets into Document.text
    end: int
    text: str
    rule: str  # the rule or model that decided, e.g. "trigger:airstrike", "framing:pro-LNA"
    confidence: float = 1.0


@dataclass(frozen=True)
class DatePoint:
    """A resolved date with ACLED time precision, and the expression it came from."""

    date: dt.date
    precision: TimePrecision
    expression: str = ""
    start: int = -1
    end: int = -1
    rule: str = ""
    # Historical context ("In November 2014 it was captured"): kept with its own date, flagged.
    is_background: bool = False


@dataclass(frozen=True)
class Place:
    """A resolved location in ACLED's terms, with where it came from and what it beat."""

    name: str  # ACLED `location`
    latitude: float
    longitude: float
    country: str
    admin1: str | None = None
    admin2: str | None = None
    geo_precision: GeoPrecision = GeoPrecision.TOWN
    geonames_id: int | None = None
    feature: str = "P"  # GeoNames feature class: P populated place, A admin area, S spot, H water, ...
    reason: str = ""  # why this candidate won
    candidates: tuple[str, ...] = ()  # runner-ups, "name (country, id)"
    start: int = -1  # the toponym in Document.text
    end: int = -1
    # Taken from an earlier sentence, not named with the event: merging treats it as compatible with any
    # place, as it would a mention with no place (see event_groups.same_place). A working flag of the
    # coding run: stores need not keep it, so equality ignores it (a reloaded event equals its original).
    inherited: bool = field(default=False, compare=False)


@dataclass(frozen=True)
class Actor:
    """A canonical actor: ACLED-style name and inter code."""

    name: str
    inter: int
    country: str | None = None


@dataclass(frozen=True)
class FatalityClaim:
    """One reported death toll, with who reported it, kept even when another figure is chosen."""

    count: int
    text: str
    start: int
    end: int
    claimant: str | None = None  # "a field hospital doctor", "the DMSC"
    victims: str | None = None  # "soldiers", "children", "its fighters"
    is_minimum: bool = False  # "at least 12"
    rule: str = ""


@dataclass(frozen=True)
class Source:
    """One document that reports an event, with the sentence that reports it."""

    document_id: str
    sentence: str
    start: int
    end: int
    url: str | None = None
    outlet: str | None = None
    published: dt.date | None = None


@dataclass(frozen=True)
class EventMention:
    """One event as read from one sentence, before in-document aggregation."""

    document_id: str
    sub_event_type: SubEventType
    trigger: Span
    sentence: Span
    actor1: Actor | None = None
    actor2: Actor | None = None
    assoc_actor_1: tuple[str, ...] = ()
    assoc_actor_2: tuple[str, ...] = ()
    place: Place | None = None
    date: DatePoint | None = None
    fatality_claims: tuple[FatalityClaim, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    confidence: float = 0.5

    @property
    def event_type(self) -> EventType:
        return self.sub_event_type.event_type


@dataclass(frozen=True)
class Event:
    """A coded event in ACLED's terms: one day, one place, one actor pair, with sources and evidence."""

    event_id: str
    sub_event_type: SubEventType
    date: DatePoint | None  # None only when no date could be resolved (flagged, never guessed)
    actor1: Actor | None
    actor2: Actor | None
    place: Place | None
    fatalities: int
    notes: str
    sources: tuple[Source, ...]
    assoc_actor_1: tuple[str, ...] = ()
    assoc_actor_2: tuple[str, ...] = ()
    fatality_claims: tuple[FatalityClaim, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    confidence: float = 0.5
    flags: tuple[str, ...] = field(default=())  # e.g. "background", "date-unresolved", "no-location"

    @property
    def event_type(self) -> EventType:
        return self.sub_event_type.event_type

    @property
    def is_background(self) -> bool:
        return self.date is not None and self.date.is_background

    @property
    def interaction(self) -> int:
        return interaction_code(
            self.actor1.inter if self.actor1 else None, self.actor2.inter if self.actor2 else None
        )


@dataclass(frozen=True)
class Rejection:
    """Input that could not be read, with where and why; stored and counted, never swallowed."""

    path: str
    reason: str
    line: int | None = None


class RelationKind(StrEnum):
    """How two actors (or an actor and a place) stand to each other."""

    SUPPORTS = "supports"  # backs, arms, funds
    ALLIED_WITH = "allied_with"
    FIGHTS = "fights"
    LINKED_TO = "linked_to"
    LEADS = "leads"  # a person leads a group
    CONTROLS = "controls"  # an actor holds a place


@dataclass(frozen=True)
class Relation:
    """A dated, evidenced statement that `source` stands in `kind` to `target`."""

    source: str  # canonical actor name (or a person, for LEADS)
    target: str  # canonical actor name, or a place name for CONTROLS
    kind: RelationKind
    document_id: str
    start: dt.date | None  # from when the statement holds (the date it speaks of, else publication)
    end: dt.date | None = None
    evidence: Evidence | None = None
    confidence: float = 0.5
    target_place: Place | None = None  # the resolved place, for CONTROLS
