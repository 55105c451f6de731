"""Merge events across sources: group each stored event with other reports of the same event, detect copies
of one report, and serve the corroborated events (merge across sources, between store and derive).

    corroborate(conn, document_ids)       after an ingest: near-duplicates, then group assignment, logged
    corroborated_events(conn, flt)        one Event per group: one source per report, ACLED's fatalities
    explain(conn, event_id)               the sources, the evidence per field and every merge decision
    split_event / unsplit_event           undo a merge by hand (and undo that), kept across re-coding

Per-document events stay as coded in `events`; re-coding a document never touches another's. Corroboration
is recomputed incrementally: a document's events that belong to no group (new, or re-coded, since the
group rows cascade away with the old events) are compared with the groups already formed, each decision is
logged with the compared fields and scores, and documents stored without corroboration are picked up by the
next run. An event joins a group only if it matches every member (complete link, so groups never drift
along a chain of one-day steps) and the group holds no other event of its report; where several groups
match, the highest score wins (same day, same sub-type, same place name, copies of one report). The rules
themselves are in polemos.corroboration_rules (copies: corroboration_copies; one event per group:
corroboration_groups). Functions take a storage.connection Connection (SQLite or
PostgreSQL); writers run inside the caller's transaction.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from polemos.corroboration_copies import (
    NEAR_DUPLICATE_JACCARD,
    band_keys,
    estimate_jaccard,
    jaccard,
    minhash_signature,
    shingles,
    signature_from_hex,
    signature_method,
    signature_to_hex,
)
from polemos.corroboration_groups import (
    CorroboratedEvent,
    FatalityRange,
    Member,
    build_corroborated,
)
from polemos.corroboration_rules import DAY_TOLERANCE, Comparison, compare
from polemos.errors import StoreError
from polemos.model import Event, Evidence
from polemos.records import event_from_record, event_to_record
from polemos.storage import corroboration as rows
from polemos.storage import corroboration_queue as queue
from polemos.storage.base import EventFilter
from polemos.storage.connection import Connection
from polemos.storage.corroboration import DecisionRow, DuplicateRow, MemberRow

__all__ = [
    "CorroboratedEvent",
    "Corroborating",
    "CorroborationReport",
    "Explanation",
    "FatalityRange",
    "corroborate",
    "corroborated",
    "corroborated_events",
    "corroborated_record",
    "corroboration_fields",
    "explain",
    "explanation_to_json",
    "split_event",
    "unsplit_event",
]

_EVERYTHING = EventFilter()


@dataclass(frozen=True)
class CorroborationReport:
    """What one corroboration run did."""

    documents: tuple[str, ...] = ()
    joined: int = 0
    new: int = 0
    duplicates: tuple[DuplicateRow, ...] = ()


@runtime_checkable
class Corroborating(Protocol):
    """A store that corroborates: the pipeline calls this after saving each document."""

    def corroborate(self, document_ids: Sequence[str] | None = None) -> CorroborationReport:
        """Group the given documents' events (and any not yet grouped) with other reports of them."""
        ...


# --- near-duplicate reports --------------------------------------------------------------------------------


def _find_duplicates(conn: Connection, document_id: str, text: str, content_hash: str) -> list[DuplicateRow]:
    method = signature_method()
    stored = rows.signature_of(conn, document_id)
    if stored is not None and stored[:2] == (content_hash, method):
        return []  # seen as it is now: its pairs are recorded
    mine = shingles(text)
    signature = minhash_signature(mine)
    rows.replace_signature(
        conn,
        document_id,
        content_hash,
        method,
        signature_to_hex(signature),
        band_keys(signature) if mine else [],
    )
    found = []
    for other, other_text, other_sig in rows.same_band_documents(conn, document_id, method):
        estimate = estimate_jaccard(signature, signature_from_hex(other_sig))
        exact = jaccard(mine, shingles(other_text))
        if exact >= NEAR_DUPLICATE_JACCARD:
            row = DuplicateRow(document_id, other, round(exact, 4), round(estimate, 4))
            rows.add_duplicate(conn, row)
            found.append(row)
    return found


def _copies(conn: Connection, document_id: str) -> dict[str, float]:
    """Return the documents that are copies of `document_id` (transitively), each with the weakest Jaccard
    on its path."""
    found: dict[str, float] = {document_id: 1.0}
    frontier = [document_id]
    while frontier:
        pairs = rows.duplicate_rows(conn, frontier)
        frontier = []
        for p in pairs:
            for a, b in ((p.document_id, p.duplicate_of), (p.duplicate_of, p.document_id)):
                weakest = min(found.get(a, -1.0), p.jaccard)
                if weakest > found.get(b, -1.0):
                    found[b] = weakest
                    frontier.append(b)
    del found[document_id]
    return found


def _roots(pairs: Iterable[DuplicateRow]) -> dict[str, str]:
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


def _members(group: list[tuple[MemberRow, Event]], roots: Mapping[str, str]) -> list[Member]:
    """A group's members, oldest report first; copies of one report share one independent source: the
    first of them in the group."""
    group.sort(key=lambda m: (m[0].document_order, _first_start(m[1]), m[0].event_id))
    label: dict[str, str] = {}
    out = []
    for r, e in group:
        cluster = roots.get(r.document_id, r.document_id)
        out.append(Member(e, r.document_id, label.setdefault(cluster, r.document_id)))
    return out


# --- grouping ----------------------------------------------------------------------------------------------


def _event(row: MemberRow) -> Event:
    try:
        return event_from_record(json.loads(row.record))
    except ValueError as e:
        raise StoreError(
            f"stored event {row.event_id} does not read back ({e}); the database is damaged"
        ) from e


def _new_group_id(conn: Connection, event_id: str) -> str:
    candidate, n = event_id, 1
    while rows.is_group_id_taken(conn, candidate):
        n += 1
        candidate = f"{event_id}-{n}"
    return candidate


@dataclass(frozen=True)
class _Match:
    score: float
    position: int
    group_id: str
    best: Comparison
    checked: tuple[str, ...]


def _nearest(comparisons: Sequence[Comparison]) -> Comparison:
    return min(comparisons, key=lambda c: (len(c.failed), -c.score, c.other_id))


def _assign(
    conn: Connection,
    document_id: str,
    events: Sequence[Event],
    copies: Mapping[str, float],
    apart: Mapping[str, str | None],
    note: Mapping[str, object] | None = None,
) -> tuple[int, int]:
    """Put each event in the best matching group, or a new one; log every decision. Return (joined, new)."""
    candidates: list[str] = []
    for e in events:
        day = e.date.date if e.date else None
        candidates += rows.groups_near(conn, e.event_type.value, day, DAY_TOLERANCE, list(copies))
    members: dict[str, list[tuple[MemberRow, Event]]] = {}
    for row in rows.group_members(conn, candidates):
        if row.group_id is not None:
            members.setdefault(row.group_id, []).append((row, _event(row)))
    closed = {
        g
        for g, ms in members.items()
        if any(r.document_id == document_id or r.event_id in apart for r, _ in ms)
    }
    matches: list[_Match] = []
    misses: dict[int, list[Comparison]] = {}
    for i, e in enumerate(events):
        if e.event_id in apart:
            continue
        for group_id, ms in members.items():
            if group_id in closed:
                continue
            comps = [compare(e, other, same_report=copies.get(r.document_id)) for r, other in ms]
            if all(c.ok for c in comps):
                best = max(comps, key=lambda c: (c.score, c.other_id))
                matches.append(_Match(best.score, i, group_id, best, tuple(r.event_id for r, _ in ms)))
            elif e.event_type is ms[0][1].event_type:
                misses.setdefault(i, []).append(_nearest([c for c in comps if not c.ok]))
    extra = dict(note or {})
    chosen: dict[int, _Match] = {}
    used: set[str] = set()
    for candidate in sorted(matches, key=lambda m: (-m.score, m.position, m.group_id)):
        if candidate.position not in chosen and candidate.group_id not in used:
            chosen[candidate.position] = candidate
            used.add(candidate.group_id)
    joined = new = 0
    for i, e in enumerate(events):
        m = chosen.get(i)
        if m is not None:
            others = sorted({x.group_id for x in matches if x.position == i and x.group_id != m.group_id})
            reasons: dict[str, object] = {
                "why": f"matches every member of the group (score {m.score:.2f})",
                "score": round(m.score, 3), "matched": m.best.to_json(), "members_checked": list(m.checked),
                "other_matching_groups": others, **extra,
            }  # fmt: skip
            rows.assign_group(conn, e.event_id, m.group_id)
            rows.add_decision(conn, m.group_id, e.event_id, document_id, "joined", reasons)
            joined += 1
            continue
        group_id = _new_group_id(conn, e.event_id)
        if e.event_id in apart:
            why = "kept apart by hand (polemos split); undo with polemos split --undo"
        elif misses.get(i):
            why = "no group matches every field"
        elif any(x.position == i for x in matches):
            why = "the matching groups went to closer events of the same report"
        else:
            why = f"no event of the same type within {DAY_TOLERANCE} day(s) in another report"
        nearest = sorted(misses.get(i, []), key=lambda c: (len(c.failed), -c.score))[:3]
        reasons = {"why": why, "nearest": [c.to_json() for c in nearest], **extra}
        rows.assign_group(conn, e.event_id, group_id)
        rows.add_decision(conn, group_id, e.event_id, document_id, "new", reasons)
        new += 1
    return joined, new


def corroborate(conn: Connection, document_ids: Sequence[str] | None = None) -> CorroborationReport:
    """Corroborate the given documents, and any stored since the last run, in the order they were stored.

    Run it inside a transaction after saving documents. A document already corroborated as it is now is
    skipped, so running it twice changes nothing.
    """
    pending, queued = queue.pending_documents(conn, signature_method())
    wanted = set(document_ids) if document_ids is not None else set(pending)
    missing = sorted(wanted - {d for (d,) in _existing(conn, wanted)})
    if missing:
        raise StoreError(f"cannot corroborate documents that are not stored: {', '.join(missing)}")
    apart = rows.overrides(conn)
    joined = new = 0
    duplicates: list[DuplicateRow] = []
    for doc in pending:
        text, content_hash = _text(conn, doc)
        duplicates += _find_duplicates(conn, doc, text, content_hash)
        copies = _copies(conn, doc)
        events = [_event(r) for r in rows.ungrouped_events(conn, doc)]
        j, n = _assign(conn, doc, events, copies, apart)
        joined, new = joined + j, new + n
    queue.dequeue(conn, queued)  # each now seen as it is (or was never pending)
    return CorroborationReport(tuple(pending), joined, new, tuple(duplicates))


def _existing(conn: Connection, ids: Iterable[str]) -> list[tuple[str]]:
    wanted = list(ids)
    if not wanted:
        return []
    found = conn.execute(f"SELECT id FROM documents WHERE id IN ({', '.join('?' * len(wanted))})", wanted)
    return [(str(d),) for (d,) in found]


def _text(conn: Connection, document_id: str) -> tuple[str, str]:
    row = conn.execute("SELECT text, content_hash FROM documents WHERE id = ?", (document_id,)).fetchone()
    if row is None:
        raise StoreError(f"document {document_id!r} is not stored")
    return str(row[0]), str(row[1])


# --- reading corroborated events ---------------------------------------------------------------------------


def _first_start(e: Event) -> int:
    return min((s.start for s in e.sources), default=0)


def corroborated(conn: Connection, flt: EventFilter = _EVERYTHING) -> list[CorroboratedEvent]:
    """Return one corroborated event per group (ungrouped events alone), filtered and ordered like the
    store's events: newest first (undated last), then in report order."""
    if flt.document_id is None:
        member_rows = rows.member_rows(conn)
        roots = _roots(rows.duplicate_rows(conn))
    else:
        member_rows = rows.member_rows(conn, [flt.document_id])
        roots = _roots(rows.duplicate_rows(conn, {r.document_id for r in member_rows}))
    groups: dict[str, list[tuple[MemberRow, Event]]] = {}
    for r in member_rows:
        groups.setdefault(r.group_id or r.event_id, []).append((r, _event(r)))
    out = []
    for group_id, ms in groups.items():
        c = build_corroborated(group_id, _members(ms, roots))
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


# --- explain -----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Explanation:
    """Why a corroborated event is what it is: its members, their copies, and every merge decision."""

    corroborated: CorroboratedEvent
    decisions: tuple[DecisionRow, ...]
    duplicates: tuple[DuplicateRow, ...]

    @property
    def group_id(self) -> str:
        return self.corroborated.event.event_id

    def evidence_by_field(self) -> dict[str, list[Evidence]]:
        """Every member's evidence, by field, in member order."""
        out: dict[str, list[Evidence]] = {}
        for m in self.corroborated.members:
            for ev in m.event.evidence:
                out.setdefault(ev.field, []).append(ev)
        return out


def explain(conn: Connection, event_id: str) -> Explanation | None:
    """Explain a corroborated event (by its id, or the id of any member event); None when unknown."""
    group_id = event_id if rows.is_group_id_taken(conn, event_id) else rows.group_of(conn, event_id)
    if group_id is None:
        if conn.execute("SELECT 1 FROM events WHERE event_id = ?", (event_id,)).fetchone() is None:
            return None
        group_id = event_id  # stored but not corroborated yet: a group of one
        doc = _document_of(conn, event_id)
        member_rows = [r for r in rows.member_rows(conn, [doc]) if r.event_id == event_id]
    else:
        member_rows = rows.group_members(conn, [group_id])
    docs = {r.document_id for r in member_rows}
    pairs = rows.duplicate_rows(conn, docs)
    members = _members([(r, _event(r)) for r in member_rows], _roots(pairs))
    decisions = rows.decisions_for(conn, [r.event_id for r in member_rows], group_id)
    inside = [p for p in pairs if p.document_id in docs and p.duplicate_of in docs]
    return Explanation(build_corroborated(group_id, members), tuple(decisions), tuple(inside))


def explanation_to_json(x: Explanation) -> dict[str, object]:
    """Return an explanation as one JSON object."""
    c = x.corroborated
    evidence = {
        f: [
            {"value": ev.value, "document_id": ev.document_id, "text": ev.text, "sentence": ev.sentence,
             "start": ev.start, "end": ev.end, "rule": ev.rule, "confidence": ev.confidence}
            for ev in evs
        ]
        for f, evs in x.evidence_by_field().items()
    }  # fmt: skip
    record = corroborated_record(c)
    del record["evidence"]
    return {
        "event": record,
        "members": [
            {"event_id": m.event.event_id, "document_id": m.document_id, "independent_source": m.source,
             "sub_event_type": m.event.sub_event_type.value,
             "event_date": m.event.date.date.isoformat() if m.event.date else None,
             "location": m.event.place.name if m.event.place else None, "fatalities": m.event.fatalities}
            for m in c.members
        ],
        "near_duplicates": [
            {"document_id": p.document_id, "duplicate_of": p.duplicate_of, "jaccard": p.jaccard,
             "minhash_estimate": p.estimate}
            for p in x.duplicates
        ],
        "evidence": evidence,
        "decisions": [
            {"id": d.id, "at": d.at, "decision": d.decision, "event_id": d.event_id, "group_id": d.group_id,
             "document_id": d.document_id, "reasons": d.reasons}
            for d in x.decisions
        ],
    }  # fmt: skip


# --- reversing a merge -------------------------------------------------------------------------------------


def _document_of(conn: Connection, event_id: str) -> str:
    row = conn.execute("SELECT document_id FROM events WHERE event_id = ?", (event_id,)).fetchone()
    if row is None:
        raise StoreError(f"no stored event has id {event_id!r}; give a member event's id (polemos explain)")
    return str(row[0])


def split_event(conn: Connection, event_id: str) -> str:
    """Move an event out of its group into one of its own, kept apart from now on; return its new group.

    If the event gave the group its id, the rest of the group takes the id of its next member.
    """
    document_id = _document_of(conn, event_id)
    old = rows.group_of(conn, event_id)
    rest = [r for r in rows.group_members(conn, [old] if old else []) if r.event_id != event_id]
    rows.add_override(conn, event_id, old)
    if old is None or not rest:
        group_id = old or _new_group_id(conn, event_id)
        rows.assign_group(conn, event_id, group_id)
        rows.add_decision(
            conn, group_id, event_id, document_id, "split", {"why": "kept apart by hand", "from_group": old}
        )
        return group_id
    if old == event_id:
        rows.remove_from_group(conn, event_id)
        relabel = _new_group_id(conn, rest[0].event_id)
        for r in rest:
            rows.assign_group(conn, r.event_id, relabel)
            why = {"why": f"the group's id went with {event_id}, split off by hand", "from_group": old}
            rows.add_decision(conn, relabel, r.event_id, r.document_id, "relabel", why)
        group_id = event_id
    else:
        group_id = _new_group_id(conn, event_id)
    rows.assign_group(conn, event_id, group_id)
    reasons: dict[str, object] = {
        "why": "split off by hand",
        "from_group": old,
        "left_in_group": [r.event_id for r in rest],
    }
    rows.add_decision(conn, group_id, event_id, document_id, "split", reasons)
    return group_id


def unsplit_event(conn: Connection, event_id: str) -> str:
    """Undo a split: forget it and corroborate the event again; return the group it goes to."""
    document_id = _document_of(conn, event_id)
    if not rows.delete_override(conn, event_id):
        raise StoreError(f"event {event_id!r} was not split by hand; nothing to undo")
    rows.remove_from_group(conn, event_id)
    copies = _copies(conn, document_id)
    event = next(_event(r) for r in rows.ungrouped_events(conn, document_id) if r.event_id == event_id)
    _assign(conn, document_id, [event], copies, rows.overrides(conn), note={"after": "split undone by hand"})
    group = rows.group_of(conn, event_id)
    assert group is not None
    return group
