"""The Store boundary: what the pipeline, CLI and web app may ask of a database, whatever engine is behind it.

Stages never import this; the pipeline saves each coded document through a Store, and every reader
(CLI queries, exports, the web app) reads through one. `storage/sqlite.py` is the default engine,
`storage/postgres.py` the other; both are `storage/sql_store.py`'s SqlStore, which holds what they share.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol, runtime_checkable

from polemos.model import Document, Event, Rejection, Relation


@dataclass(frozen=True)
class EventFilter:
    """Which events to read: all criteria given must hold; text criteria are case-insensitive substrings."""

    date_from: dt.date | None = None  # inclusive
    date_to: dt.date | None = None  # inclusive
    event_type: str | None = None  # exact ACLED label, e.g. "Battles"
    sub_event_type: str | None = None  # exact ACLED label, e.g. "Armed clash"
    actor: str | None = None  # substring of actor1, actor2 or an associated actor
    place: str | None = None  # substring of location, admin1, admin2 or country
    document_id: str | None = None  # events saved with this document or citing it as a source
    include_background: bool = True  # historical context events ("In 2014 it was captured")
    limit: int | None = None


class DocumentStatus(StrEnum):
    """How a document compares with the stored one of the same id."""

    NEW = "new"
    UNCHANGED = "unchanged"
    CHANGED = "changed"


# runtime_checkable: the pipeline checks what it was handed at its boundary.
@runtime_checkable
class Store(Protocol):
    """Persistence for documents, their coded events (with evidence and sources), actors and rejections."""

    def document_status(self, doc: Document) -> DocumentStatus:
        """Say whether `doc` is new, unchanged (same content hash) or changed since it was saved."""
        ...

    def save_document(
        self, doc: Document, events: Sequence[Event], relations: Sequence[Relation] | None = None
    ) -> None:
        """Save a document and replace its events (and relations, when given), all in one transaction;
        raise StoreError on failure."""
        ...

    def relations(self, at: dt.date | None = None) -> list[Relation]:
        """Every stored relation statement, or those holding on `at`."""
        ...

    def add_rejection(self, rejection: Rejection) -> None:
        """Record an input that could not be read."""
        ...

    def events(self, flt: EventFilter = EventFilter()) -> list[Event]:
        """Return the events matching `flt`, newest first (undated last), then in report order."""
        ...

    def event(self, event_id: str) -> Event | None:
        """Return one event, or None if no event has that id."""
        ...

    def documents(self) -> list[Document]:
        """Return every stored document, ordered by id."""
        ...

    def document(self, document_id: str) -> Document | None:
        """Return one document, or None if no document has that id."""
        ...

    def rejections(self) -> list[Rejection]:
        """Return every recorded rejection, oldest first."""
        ...

    def actors(self) -> list[tuple[str, int | None, int]]:
        """Return (name, inter code, number of events) for every actor, most active first."""
        ...

    def close(self) -> None:
        """Release the database connection."""
        ...
