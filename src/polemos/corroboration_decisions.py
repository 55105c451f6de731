"""Explain a corroborated event's merge decisions, and reverse them by hand: `explain` shows the members,
their copies, the evidence per field and every logged decision; `split_event` keeps an event apart from
every group, across re-coding, and `unsplit_event` undoes that (polemos.corroboration forms the groups).
"""

from __future__ import annotations

from dataclasses import dataclass

from polemos.corroboration import assign_groups, copies_of, member_event, new_group_id
from polemos.corroboration_groups import CorroboratedEvent, build_corroborated
from polemos.corroboration_results import copy_roots, corroborated_record, ordered_members
from polemos.errors import StoreError
from polemos.model import Evidence
from polemos.storage import corroboration as rows
from polemos.storage.connection import Connection
from polemos.storage.corroboration import DecisionRow
from polemos.storage.corroboration_duplicates import DuplicateRow, duplicate_rows

__all__ = ["Explanation", "explain", "explanation_to_json", "split_event", "unsplit_event"]


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
        doc = document_of(conn, event_id)
        member_rows = [r for r in rows.member_rows(conn, [doc]) if r.event_id == event_id]
    else:
        member_rows = rows.group_members(conn, [group_id])
    docs = {r.document_id for r in member_rows}
    pairs = duplicate_rows(conn, docs)
    members = ordered_members([(r, member_event(r)) for r in member_rows], copy_roots(pairs))
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


def document_of(conn: Connection, event_id: str) -> str:
    """Return the id of the document a stored event belongs to; raise StoreError when none has the id."""
    row = conn.execute("SELECT document_id FROM events WHERE event_id = ?", (event_id,)).fetchone()
    if row is None:
        raise StoreError(f"no stored event has id {event_id!r}; give a member event's id (polemos explain)")
    return str(row[0])


def split_event(conn: Connection, event_id: str) -> str:
    """Move an event out of its group into one of its own, kept apart from now on; return its new group.

    If the event gave the group its id, the rest of the group takes the id of its next member.
    """
    document_id = document_of(conn, event_id)
    old = rows.group_of(conn, event_id)
    rest = [r for r in rows.group_members(conn, [old] if old else []) if r.event_id != event_id]
    rows.add_override(conn, event_id, old)
    if old is None or not rest:
        group_id = old or new_group_id(conn, event_id)
        rows.assign_group(conn, event_id, group_id)
        rows.add_decision(
            conn, group_id, event_id, document_id, "split", {"why": "kept apart by hand", "from_group": old}
        )
        return group_id
    if old == event_id:
        rows.remove_from_group(conn, event_id)
        relabel = new_group_id(conn, rest[0].event_id)
        for r in rest:
            rows.assign_group(conn, r.event_id, relabel)
            why = {"why": f"the group's id went with {event_id}, split off by hand", "from_group": old}
            rows.add_decision(conn, relabel, r.event_id, r.document_id, "relabel", why)
        group_id = event_id
    else:
        group_id = new_group_id(conn, event_id)
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
    document_id = document_of(conn, event_id)
    if not rows.delete_override(conn, event_id):
        raise StoreError(f"event {event_id!r} was not split by hand; nothing to undo")
    rows.remove_from_group(conn, event_id)
    copies = copies_of(conn, document_id)
    event = next(member_event(r) for r in rows.ungrouped_events(conn, document_id) if r.event_id == event_id)
    assign_groups(
        conn, document_id, [event], copies, rows.overrides(conn), note={"after": "split undone by hand"}
    )
    group = rows.group_of(conn, event_id)
    assert group is not None
    return group
