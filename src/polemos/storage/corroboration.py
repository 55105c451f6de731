"""The corroboration tables of the store (either engine): near-duplicate signatures, event groups and
merge decisions.

`CORROBORATION_SCHEMA` is the SQL of a schema step for storage/migrations.py (this module imports nothing
from there, so migrations.py may import it). The functions run on the store's connection inside the
caller's transaction; polemos.corroboration decides, this module only reads and writes rows (those of
event groups, merge decisions and overrides; signatures and near-duplicate pairs are
storage/corroboration_duplicates.py's).

Per-document events stay in `events`, untouched: corroboration is a layer over them. `event_groups` maps
each event to the group (corroborated event) it belongs to and cascades away with the event when its
document is re-coded; `merge_decisions` is an append-only log of every decision with its reasons, so it
survives re-coding; `merge_overrides` keeps hand-made splits across re-coding. Which documents are
still to corroborate is storage/corroboration_queue.py's.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from polemos.storage.connection import Connection, placeholders
from polemos.storage.corroboration_queue import ORDER as _ORDER
from polemos.storage.corroboration_queue import enqueue
from polemos.storage.row_values import utc_now

__all__ = [
    "CORROBORATION_SCHEMA",
    "CORROBORATION_TABLES",
    "DecisionRow",
    "MemberRow",
    "add_decision",
    "add_override",
    "assign_group",
    "decisions_for",
    "delete_override",
    "group_members",
    "group_of",
    "groups_near",
    "is_group_id_taken",
    "member_rows",
    "overrides",
    "remove_from_group",
    "ungrouped_events",
]

# The schema step storage/migrations.py adds as `Migration("0003_corroboration", CORROBORATION_SCHEMA)`.
# Plain SQL that SQLite and PostgreSQL both read (signatures are hex text, not BLOBs, for that reason).
CORROBORATION_SCHEMA: tuple[str, ...] = (
    # One MinHash signature per document; `method` names the hashing (library version, permutations,
    # shingle size) so a signature made another way is recomputed rather than compared.
    """
    CREATE TABLE document_signatures (
        document_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
        content_hash TEXT NOT NULL,
        method TEXT NOT NULL,
        signature TEXT NOT NULL
    )
    """,
    # LSH bands of each signature: documents sharing a band key are near-duplicate candidates.
    """
    CREATE TABLE document_bands (
        document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        band INTEGER NOT NULL,
        band_key TEXT NOT NULL,
        PRIMARY KEY (band, band_key, document_id)
    )
    """,
    "CREATE INDEX document_bands_document ON document_bands(document_id)",
    # Confirmed near-duplicates (wire copies, rewrites): one row per pair, found when `document_id`
    # was corroborated; together they count as one source.
    """
    CREATE TABLE document_duplicates (
        document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        duplicate_of TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        jaccard REAL NOT NULL,
        estimate REAL NOT NULL,
        at TEXT NOT NULL,
        PRIMARY KEY (document_id, duplicate_of)
    )
    """,
    "CREATE INDEX document_duplicates_of ON document_duplicates(duplicate_of)",
    """
    CREATE TABLE event_groups (
        event_id TEXT PRIMARY KEY REFERENCES events(event_id) ON DELETE CASCADE,
        group_id TEXT NOT NULL,
        at TEXT NOT NULL
    )
    """,
    "CREATE INDEX event_groups_group ON event_groups(group_id)",
    # Append-only: decision is joined | new | split | unsplit | relabel; reasons is a JSON object.
    """
    CREATE TABLE merge_decisions (
        id INTEGER PRIMARY KEY,
        group_id TEXT NOT NULL,
        event_id TEXT NOT NULL,
        document_id TEXT NOT NULL,
        decision TEXT NOT NULL,
        reasons TEXT NOT NULL,
        at TEXT NOT NULL
    )
    """,
    "CREATE INDEX merge_decisions_event ON merge_decisions(event_id)",
    "CREATE INDEX merge_decisions_group ON merge_decisions(group_id)",
    # Hand-made splits: the event stays in a group of its own, whatever later corroboration finds.
    """
    CREATE TABLE merge_overrides (
        event_id TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        from_group TEXT,
        at TEXT NOT NULL
    )
    """,
)

CORROBORATION_TABLES = (
    *("document_signatures", "document_bands", "document_duplicates", "event_groups", "merge_decisions"),
    "merge_overrides",
)


@dataclass(frozen=True)
class MemberRow:
    """One grouped (or not yet grouped) event as stored: its record and where it came from."""

    event_id: str
    group_id: str | None
    document_id: str
    record: str
    document_order: int  # the document's insertion order: groups list their members oldest first


@dataclass(frozen=True)
class DecisionRow:
    """One logged merge decision."""

    id: int
    group_id: str
    event_id: str
    document_id: str
    decision: str
    reasons: Mapping[str, object]
    at: str


# --- events and groups -----------------------------------------------------------------------------------

_MEMBER_SQL = f"""
    SELECT e.event_id, g.group_id, e.document_id, e.record, {_ORDER}
    FROM events e JOIN documents d ON d.id = e.document_id
    LEFT JOIN event_groups g ON g.event_id = e.event_id
"""


def _members(rows: Iterable[tuple[object, ...]]) -> list[MemberRow]:
    return [
        MemberRow(str(ev), None if grp is None else str(grp), str(doc), str(rec), int(str(order)))
        for ev, grp, doc, rec, order in rows
    ]


def ungrouped_events(conn: Connection, document_id: str) -> list[MemberRow]:
    """Return a document's events that belong to no group yet, in report order."""
    rows = conn.execute(
        _MEMBER_SQL + " WHERE e.document_id = ? AND g.event_id IS NULL ORDER BY "
        "(SELECT MIN(s.start) FROM event_sources s WHERE s.event_id = e.event_id), e.event_id",
        (document_id,),
    )
    return _members(rows)


def member_rows(conn: Connection, document_ids: Sequence[str] | None = None) -> list[MemberRow]:
    """Return every stored event with its group (None when not grouped), or those of groups that hold an
    event of `document_ids` or cite one of them as a source."""
    if document_ids is None:
        return _members(conn.execute(_MEMBER_SQL + " ORDER BY e.event_id"))
    ids = list(dict.fromkeys(document_ids))
    if not ids:
        return []
    marks = placeholders(len(ids))
    mine = (
        f"SELECT e2.event_id FROM events e2 WHERE e2.document_id IN ({marks}) UNION "
        f"SELECT s.event_id FROM event_sources s WHERE s.document_id IN ({marks})"
    )
    sql = (
        _MEMBER_SQL
        + f" WHERE e.event_id IN ({mine}) OR g.group_id IN (SELECT g2.group_id FROM event_groups g2 "
        f"WHERE g2.event_id IN ({mine})) ORDER BY e.event_id"
    )
    return _members(conn.execute(sql, ids * 4))


def group_members(conn: Connection, group_ids: Sequence[str]) -> list[MemberRow]:
    """Return the members of the given groups."""
    ids = list(dict.fromkeys(group_ids))
    if not ids:
        return []
    rows = conn.execute(
        _MEMBER_SQL + f" WHERE g.group_id IN ({placeholders(len(ids))}) ORDER BY {_ORDER}, e.event_id", ids
    )
    return _members(rows)


def groups_near(
    conn: Connection,
    event_type: str,
    day: dt.date | None,
    days: int,
    undated_documents: Sequence[str] = (),
) -> list[str]:
    """Return the groups holding an event of `event_type` within `days` of `day` (undated: an undated
    event of one of `undated_documents`)."""
    if day is None:
        docs = list(dict.fromkeys(undated_documents))
        if not docs:
            return []
        rows = conn.execute(
            "SELECT DISTINCT g.group_id FROM event_groups g JOIN events e ON e.event_id = g.event_id "
            "WHERE e.event_type = ? AND e.event_date IS NULL "
            f"AND e.document_id IN ({placeholders(len(docs))}) "
            "ORDER BY g.group_id",
            [event_type, *docs],
        )
    else:
        lo, hi = day - dt.timedelta(days=days), day + dt.timedelta(days=days)
        rows = conn.execute(
            "SELECT DISTINCT g.group_id FROM event_groups g JOIN events e ON e.event_id = g.event_id "
            "WHERE e.event_type = ? AND e.event_date IS NOT NULL "
            "AND substr(e.event_date, 1, 10) BETWEEN ? AND ? "
            "ORDER BY g.group_id",
            (event_type, lo.isoformat(), hi.isoformat()),
        )
    return [str(g) for (g,) in rows]


def group_of(conn: Connection, event_id: str) -> str | None:
    """Return the group an event belongs to, or None."""
    row = conn.execute("SELECT group_id FROM event_groups WHERE event_id = ?", (event_id,)).fetchone()
    return str(row[0]) if row else None


def is_group_id_taken(conn: Connection, group_id: str) -> bool:
    """Say whether some event already belongs to a group of this id."""
    return (
        conn.execute("SELECT 1 FROM event_groups WHERE group_id = ? LIMIT 1", (group_id,)).fetchone()
        is not None
    )


def assign_group(conn: Connection, event_id: str, group_id: str) -> None:
    """Put an event in a group (moving it out of any other)."""
    conn.execute(
        "INSERT INTO event_groups (event_id, group_id, at) VALUES (?, ?, ?) "
        "ON CONFLICT (event_id) DO UPDATE SET group_id = excluded.group_id, at = excluded.at",
        (event_id, group_id, utc_now()),
    )


def remove_from_group(conn: Connection, event_id: str) -> None:
    """Take an event out of its group (it is then pending: its document is queued)."""
    conn.execute("DELETE FROM event_groups WHERE event_id = ?", (event_id,))
    row = conn.execute("SELECT document_id FROM events WHERE event_id = ?", (event_id,)).fetchone()
    if row is not None:
        enqueue(conn, str(row[0]))


# --- decisions and overrides -----------------------------------------------------------------------------


def add_decision(
    conn: Connection,
    group_id: str,
    event_id: str,
    document_id: str,
    decision: str,
    reasons: Mapping[str, object],
) -> None:
    """Append one decision to the log."""
    conn.execute(
        "INSERT INTO merge_decisions (group_id, event_id, document_id, decision, reasons, at) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        (group_id, event_id, document_id, decision, json.dumps(reasons, ensure_ascii=False), utc_now()),
    )


def decisions_for(conn: Connection, event_ids: Sequence[str], group_id: str) -> list[DecisionRow]:
    """Return the logged decisions about these events or this group, oldest first."""
    ids = list(dict.fromkeys(event_ids))
    rows = conn.execute(
        "SELECT id, group_id, event_id, document_id, decision, reasons, at FROM merge_decisions "
        f"WHERE group_id = ? OR event_id IN ({placeholders(len(ids))}) ORDER BY id",
        [group_id, *ids],
    )
    out: list[DecisionRow] = []
    for rid, grp, ev, doc, decision, reasons, at in rows:
        parsed = json.loads(str(reasons))
        out.append(
            DecisionRow(
                int(rid), str(grp), str(ev), str(doc), str(decision),
                parsed if isinstance(parsed, dict) else {"reasons": parsed}, str(at),
            )
        )  # fmt: skip
    return out


def overrides(conn: Connection) -> dict[str, str | None]:
    """Return the events split off by hand, each with the group it was split from."""
    rows = conn.execute("SELECT event_id, from_group FROM merge_overrides")
    return {str(ev): None if grp is None else str(grp) for ev, grp in rows}


def add_override(conn: Connection, event_id: str, from_group: str | None) -> None:
    """Keep an event apart from every group, from now on."""
    conn.execute(
        "INSERT INTO merge_overrides (event_id, kind, from_group, at) VALUES (?, 'apart', ?, ?) "
        "ON CONFLICT (event_id) DO UPDATE SET from_group = excluded.from_group, at = excluded.at",
        (event_id, from_group, utc_now()),
    )


def delete_override(conn: Connection, event_id: str) -> bool:
    """Forget a hand-made split; return whether there was one."""
    return conn.execute("DELETE FROM merge_overrides WHERE event_id = ?", (event_id,)).rowcount > 0
