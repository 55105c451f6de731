"""Serve the corroborated events (polemos.corroboration forms the groups): one event per group, filtered and
ordered like the store's events, and the export record of each with its fatality range and members.

Copies of one report count as one independent source: each member is labelled with the first document of
its copy cluster.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from polemos.corroboration import member_event
from polemos.corroboration_groups import CorroboratedEvent, Member, build_corroborated
from polemos.model import Event
from polemos.records import event_to_record
from polemos.storage import corroboration as rows
from polemos.storage.base import EventFilter
from polemos.storage.connection import Connection
from polemos.storage.corroboration import MemberRow
from polemos.storage.corroboration_duplicates import DuplicateRow, duplicate_rows

__all__ = [
    "copy_roots",
    "corroborated",
    "corroborated_events",
    "corroborated_record",
    "corroboration_fields",
    "ordered_members",
]

_EVERYTHING = EventFilter()


# --- members: copies of one report count once ---------------------------------------------------------------


def copy_roots(pairs: Iterable[DuplicateRow]) -> dict[str, str]:
    """Map each document in `pairs` to one representative of its copy cluster."""
    parent: dict[str, str] = {}

    def root(doc: str) -> str:
        parent.setdefault(doc, doc)
        while parent[doc] != doc:
            parent[doc] = parent[parent[doc]]
            doc = parent[doc]
        return doc

    for p in pairs:
        a, b = root(p.document_id), root(p.duplicate_of)
        if a != b:
            parent[max(a, b)] = min(a, b)
    return {doc: root(doc) for doc in list(parent)}


def ordered_members(group: list[tuple[MemberRow, Event]], roots: Mapping[str, str]) -> list[Member]:
    """A group's members, oldest report first; copies of one report share one independent source: the
    first of them in the group."""
    group.sort(key=lambda m: (m[0].document_order, _first_start(m[1]), m[0].event_id))
    label: dict[str, str] = {}
    out = []
    for r, e in group:
        cluster = roots.get(r.document_id, r.document_id)
        out.append(Member(e, r.document_id, label.setdefault(cluster, r.document_id)))
    return out


# --- reading corroborated events ---------------------------------------------------------------------------


def _first_start(e: Event) -> int:
    return min((s.start for s in e.sources), default=0)


def corroborated(conn: Connection, flt: EventFilter = _EVERYTHING) -> list[CorroboratedEvent]:
    """Return one corroborated event per group (ungrouped events alone), filtered and ordered like the
    store's events: newest first (undated last), then in report order."""
    if flt.document_id is None:
        member_rows = rows.member_rows(conn)
        roots = copy_roots(duplicate_rows(conn))
    else:
        member_rows = rows.member_rows(conn, [flt.document_id])
        roots = copy_roots(duplicate_rows(conn, {r.document_id for r in member_rows}))
    groups: dict[str, list[tuple[MemberRow, Event]]] = {}
    for r in member_rows:
        groups.setdefault(r.group_id or r.event_id, []).append((r, member_event(r)))
    out = []
    for group_id, ms in groups.items():
        c = build_corroborated(group_id, ordered_members(ms, roots))
        if _matches(c.event, flt):
            out.append(c)
    out.sort(key=lambda c: _newest_first(c.event))
    return out[: flt.limit] if flt.limit is not None else out


def corroborated_events(conn: Connection, flt: EventFilter = _EVERYTHING) -> list[Event]:
    """Return the corroborated events matching `flt`, newest first (undated last), then in report order."""
    return [c.event for c in corroborated(conn, flt)]


def corroboration_fields(c: CorroboratedEvent) -> dict[str, object]:
    """Return the fields a corroborated event's export record adds to the event's own: `fatality_range`
    (chosen, low, best, high, per source) and `corroboration` (member events, documents, independent
    sources)."""
    return {
        "fatality_range": c.fatality_range.to_json(),
        "corroboration": {
            "events": [m.event.event_id for m in c.members],
            "documents": list(c.documents),
            "independent_sources": c.independent_sources,
        },
    }


def corroborated_record(c: CorroboratedEvent) -> dict[str, object]:
    """Return the export record of a corroborated event: the event's record plus corroboration_fields."""
    return event_to_record(c.event) | corroboration_fields(c)


def _newest_first(e: Event) -> tuple[bool, int, str, int, str]:
    # The order of export.newest_first and of the store's events().
    doc = e.sources[0].document_id if e.sources else ""
    return (e.date is None, -(e.date.date.toordinal() if e.date else 0), doc, _first_start(e), e.event_id)


def _has(text: str, values: Iterable[str | None]) -> bool:
    needle = text.casefold()
    return any(v is not None and needle in v.casefold() for v in values)


def _matches(e: Event, flt: EventFilter) -> bool:
    """Apply the store's filter semantics to one event (text criteria: case-insensitive substrings)."""
    day = e.date.date if e.date else None
    place = e.place
    return not (
        (flt.date_from is not None and (day is None or day < flt.date_from))
        or (flt.date_to is not None and (day is None or day > flt.date_to))
        or (flt.event_type is not None and e.event_type.value != flt.event_type)
        or (flt.sub_event_type is not None and e.sub_event_type.value != flt.sub_event_type)
        or (
            flt.actor
            and not _has(
                flt.actor,
                [
                    e.actor1.name if e.actor1 else None,
                    e.actor2.name if e.actor2 else None,
                    *e.assoc_actor_1,
                    *e.assoc_actor_2,
                ],
            )
        )
        or (
            flt.place
            and not (place and _has(flt.place, [place.name, place.admin1, place.admin2, place.country]))
        )
        or (flt.document_id is not None and all(s.document_id != flt.document_id for s in e.sources))
        or (not flt.include_background and e.is_background)
    )
