"""What the dashboard's routes read from the Store: event filters, evidence by sentence, relations."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Annotated

from fastapi import Query

from polemos.model import Event, Evidence, Relation
from polemos.storage.base import EventFilter, Store
from polemos.web.schema import Highlight, Passage, RelationOut

__all__ = ["EventQuery", "evidence_passages", "relation_out", "stored_relations"]


class EventQuery:
    """The filters every event route takes as query parameters."""

    def __init__(
        self,
        date_from: Annotated[dt.date | None, Query(description="First event date, inclusive.")] = None,
        date_to: Annotated[dt.date | None, Query(description="Last event date, inclusive.")] = None,
        event_type: Annotated[str | None, Query(description='ACLED event type, e.g. "Battles".')] = None,
        sub_event_type: Annotated[str | None, Query(description="ACLED sub-event type.")] = None,
        actor: Annotated[str | None, Query(max_length=200, description="Substring of an actor.")] = None,
        place: Annotated[str | None, Query(max_length=200, description="Substring of a place.")] = None,
        q: Annotated[str | None, Query(max_length=200, description="Substring of the notes.")] = None,
        document_id: Annotated[str | None, Query(description="Events citing this document.")] = None,
        include_background: Annotated[bool, Query(description="Include historical-context events.")] = True,
    ) -> None:
        self.filter = EventFilter(
            date_from=date_from, date_to=date_to, event_type=event_type or None,
            sub_event_type=sub_event_type or None, actor=actor or None, place=place or None,
            document_id=document_id or None, include_background=include_background,
        )  # fmt: skip
        self.text = (q or "").strip().casefold()

    def events(self, store: Store, limit: int | None = None) -> list[Event]:
        """Return the matching events; text search runs here as the Store has no notes filter."""
        if not self.text:
            return store.events(replace(self.filter, limit=limit))
        found = [e for e in store.events(self.filter) if self.text in e.notes.casefold()]
        return found[:limit] if limit is not None else found


def evidence_passages(event: Event, texts: dict[str, str | None]) -> list[Passage]:
    """Group the event's evidence by the sentence it sits in, with spans relative to that sentence."""
    passages: dict[tuple[str, int, str], Passage] = {}
    for ev in event.evidence:
        start = _sentence_start(texts.get(ev.document_id), ev)
        passage = passages.setdefault(
            (ev.document_id, start, ev.sentence),
            Passage(document_id=ev.document_id, start=start, text=ev.sentence, highlights=[]),
        )
        rel = ev.start - start if start >= 0 else ev.sentence.find(ev.text)
        # Zero-width evidence (a field carried over from context) and spans in another sentence (a date
        # stated earlier) have nothing to mark here; the field list shows them.
        if ev.end <= ev.start or rel < 0 or rel + len(ev.text) > len(ev.sentence):
            continue
        passage.highlights.append(
            Highlight(
                field=ev.field,
                value=ev.value,
                rule=ev.rule,
                confidence=ev.confidence,
                start=rel,
                end=rel + (ev.end - ev.start),
            )
        )
    return sorted(passages.values(), key=lambda p: (p.document_id, p.start))


def _sentence_start(text: str | None, ev: Evidence) -> int:
    """Return where the evidence's sentence starts in the document text (nearest its span), or -1."""
    if text is None or not ev.sentence:
        return -1
    found, at = [], text.find(ev.sentence)
    while at >= 0:
        found.append(at)
        at = text.find(ev.sentence, at + 1)
    return min(
        found, key=lambda a: 0 if a <= ev.start < a + len(ev.sentence) else abs(a - ev.start), default=-1
    )


def stored_relations(store: Store) -> list[Relation]:
    """Return the stored relations; none from a store that keeps none."""
    # The relations reader arrives with the alliance-graph feature; until then a Store has none.
    reader = getattr(store, "relations", None)
    if not callable(reader):
        return []
    return [r for r in reader() if isinstance(r, Relation)]


def relation_out(r: Relation) -> RelationOut:
    """Return a relation as the API writes it."""
    place = r.target_place
    return RelationOut(
        source=r.source, target=r.target, kind=r.kind, document_id=r.document_id, start=r.start,
        end=r.end, confidence=r.confidence, sentence=r.evidence.sentence if r.evidence else None,
        latitude=place.latitude if place else None, longitude=place.longitude if place else None,
    )  # fmt: skip
