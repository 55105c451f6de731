"""The dashboard API's response shapes: the pydantic models behind each JSON route's OpenAPI schema."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict

from polemos.model import RelationKind

__all__ = [
    "DocumentOut",
    "EventDetail",
    "EventRecord",
    "EvidenceOut",
    "Highlight",
    "Meta",
    "Passage",
    "RelationOut",
    "SourceOut",
]


class EvidenceOut(BaseModel):
    """Why one field has its value: the deciding characters (offsets into the document text) and rule."""

    field: str
    value: str
    document_id: str
    sentence: str
    start: int
    end: int
    text: str
    rule: str
    confidence: float
    index: int


class SourceOut(BaseModel):
    """One document reporting the event, with the sentence that reports it."""

    document_id: str
    url: str | None
    outlet: str | None
    published: str | None
    sentence: str
    start: int
    end: int


class EventRecord(BaseModel):
    """One event as the JSONL export writes it; the ACLED columns not named here are passed through."""

    model_config = ConfigDict(extra="allow")

    event_id: str
    event_date: str | None
    event_type: str
    sub_event_type: str
    actor1: str
    actor2: str
    location: str
    country: str
    latitude: float | None
    longitude: float | None
    fatalities: int
    notes: str
    sources: list[SourceOut]
    evidence: dict[str, list[EvidenceOut]]


class Highlight(BaseModel):
    """An evidence span inside a passage; `start`/`end` are offsets into the passage's `text`."""

    field: str
    value: str
    rule: str
    confidence: float
    start: int
    end: int


class Passage(BaseModel):
    """A source sentence and the evidence spans in it; `start`: its offset in the document, -1 if unknown."""

    document_id: str
    start: int
    text: str
    highlights: list[Highlight]


class EventDetail(BaseModel):
    """An event's record and its evidence laid out sentence by sentence for highlighting."""

    event: EventRecord
    passages: list[Passage]


class DocumentOut(BaseModel):
    """A stored document: the cleaned text every evidence offset points into."""

    id: str
    title: str | None
    url: str | None
    outlet: str | None
    published: dt.date | None
    language: str
    text: str


class RelationOut(BaseModel):
    """A dated statement that one actor stands in a relation to another actor (or holds a place)."""

    source: str
    target: str
    kind: RelationKind
    document_id: str
    start: dt.date | None
    end: dt.date | None
    confidence: float
    sentence: str | None
    latitude: float | None
    longitude: float | None


class Meta(BaseModel):
    """What the page needs to build its filters and basemap."""

    event_types: list[str]
    sub_event_types: dict[str, list[str]]
    actors: list[str]
    online_tiles: bool
    tile_url: str | None
