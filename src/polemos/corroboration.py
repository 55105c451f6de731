"""Merge events across sources: group each stored event with other reports of the same event, detect copies
of one report, and serve the corroborated events (merge across sources, between store and derive).

    corroborate(conn, document_ids)       after an ingest: near-duplicates, then group assignment, logged
    corroborated_events(conn, flt)        one Event per group: one source per report, ACLED's fatalities
                                          (corroboration_results)
    explain(conn, event_id)               the sources, the evidence per field and every merge decision
                                          (corroboration_decisions)
    split_event / unsplit_event           undo a merge by hand (and undo that), kept across re-coding
                                          (corroboration_decisions)

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
from polemos.corroboration_rules import DAY_TOLERANCE, Comparison, compare
from polemos.errors import StoreError
from polemos.model import Event
from polemos.record_reader import event_from_record
from polemos.storage import corroboration as rows
from polemos.storage import corroboration_queue as queue
from polemos.storage.connection import Connection
from polemos.storage.corroboration import MemberRow
from polemos.storage.corroboration_duplicates import (
    DuplicateRow,
    add_duplicate,
    duplicate_rows,
    replace_signature,
    same_band_documents,
    signature_of,
)

__all__ = [
    "Corroborating",
    "CorroborationReport",
    "assign_groups",
    "copies_of",
    "corroborate",
    "member_event",
    "new_group_id",
]


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
    stored = signature_of(conn, document_id)
    if stored is not None and stored[:2] == (content_hash, method):
        return []  # seen as it is now: its pairs are recorded
    mine = shingles(text)
    signature = minhash_signature(mine)
    replace_signature(
        conn,
        document_id,
        content_hash,
        method,
        signature_to_hex(signature),
        band_keys(signature) if mine else [],
    )
    found = []
    for other, other_text, other_sig in same_band_documents(conn, document_id, method):
        estimate = estimate_jaccard(signature, signature_from_hex(other_sig))
        exact = jaccard(mine, shingles(other_text))
        if exact >= NEAR_DUPLICATE_JACCARD:
            row = DuplicateRow(document_id, other, round(exact, 4), round(estimate, 4))
            add_duplicate(conn, row)
            found.append(row)
    return found


def copies_of(conn: Connection, document_id: str) -> dict[str, float]:
    """Return the documents that are copies of `document_id` (transitively), each with the weakest Jaccard
    on its path."""
    found: dict[str, float] = {document_id: 1.0}
    frontier = [document_id]
    while frontier:
        pairs = duplicate_rows(conn, frontier)
        frontier = []
        for p in pairs:
            for a, b in ((p.document_id, p.duplicate_of), (p.duplicate_of, p.document_id)):
                weakest = min(found.get(a, -1.0), p.jaccard)
                if weakest > found.get(b, -1.0):
                    found[b] = weakest
                    frontier.append(b)
    del found[document_id]
    return found


# --- grouping ----------------------------------------------------------------------------------------------


def member_event(row: MemberRow) -> Event:
    """Read a stored member row's event back; raise StoreError when its record does not read back."""
    try:
        return event_from_record(json.loads(row.record))
    except ValueError as e:
        raise StoreError(
            f"stored event {row.event_id} does not read back ({e}); the database is damaged"
        ) from e


def new_group_id(conn: Connection, event_id: str) -> str:
    """Return a group id not yet taken: the event's own id, else it with the first free `-n` suffix."""
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


def assign_groups(
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
            members.setdefault(row.group_id, []).append((row, member_event(row)))
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
        group_id = new_group_id(conn, e.event_id)
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
        copies = copies_of(conn, doc)
        events = [member_event(r) for r in rows.ungrouped_events(conn, doc)]
        j, n = assign_groups(conn, doc, events, copies, apart)
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
