"""polemos: code news reports on armed conflict into an ACLED-style, evidence-linked event dataset."""

from __future__ import annotations

from polemos.model import (
    Actor,
    DatePoint,
    Document,
    Event,
    EventMention,
    Evidence,
    FatalityClaim,
    GeoPrecision,
    Place,
    Rejection,
    Relation,
    RelationKind,
    Source,
    Span,
    TimePrecision,
)
from polemos.taxonomy import EventType, Inter, SubEventType

__all__ = [
    "Actor",
    "DatePoint",
    "Document",
    "Event",
    "EventMention",
    "EventType",
    "Evidence",
    "FatalityClaim",
    "GeoPrecision",
    "Inter",
    "Place",
    "Rejection",
    "Relation",
    "RelationKind",
    "Source",
    "Span",
    "SubEventType",
    "TimePrecision",
]
__version__ = "0.1.0"
