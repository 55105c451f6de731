"""The alert outbox in the store (table `alert_deliveries`, created by watch_state.py's schema step): a
delivery is queued in the transaction that marks its document's URL saved and sent afterwards, so a crash
delays an alert but never loses it. The functions run on a storage.connection Connection inside the
caller's transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from polemos.storage.connection import Connection
from polemos.storage.row_values import utc_now

__all__ = [
    "Delivery",
    "DeliveryStatus",
    "PlannedDelivery",
    "enqueue_deliveries",
    "mark_delivery",
    "pending_deliveries",
]


class DeliveryStatus(StrEnum):
    PENDING = "pending"
    DELIVERED = "delivered"
    FAILED = "failed"


@dataclass(frozen=True)
class PlannedDelivery:
    """An alert to queue: one rule's target for one version of one event (its export record as JSON)."""

    rule: str
    target: str
    event_id: str
    content_hash: str
    record: str


@dataclass(frozen=True)
class Delivery:
    """A queued alert, with whether it reports a new event or a changed one."""

    rule: str
    target: str
    event_id: str
    content_hash: str
    kind: str  # "new" | "updated"
    record: str
    attempts: int


def enqueue_deliveries(conn: Connection, planned: Sequence[PlannedDelivery]) -> int:
    """Queue the alerts not yet queued for this content of their event; return how many were queued."""
    queued = 0
    for p in planned:
        earlier = conn.execute(
            "SELECT 1 FROM alert_deliveries WHERE rule = ? AND target = ? AND event_id = ? LIMIT 1",
            (p.rule, p.target, p.event_id),
        ).fetchone()
        queued += conn.execute(
            "INSERT INTO alert_deliveries (rule, target, event_id, content_hash, kind, record, status, "
            "queued_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
            (
                p.rule,
                p.target,
                p.event_id,
                p.content_hash,
                "updated" if earlier else "new",
                p.record,
                DeliveryStatus.PENDING.value,
                utc_now(),
            ),
        ).rowcount
    return queued


def pending_deliveries(conn: Connection) -> list[Delivery]:
    """Return the alerts waiting to be sent, oldest first."""
    rows = conn.execute(
        "SELECT rule, target, event_id, content_hash, kind, record, attempts FROM alert_deliveries "
        "WHERE status = ? ORDER BY queued_at, rowid",
        (DeliveryStatus.PENDING.value,),
    )
    return [
        Delivery(str(r), str(t), str(e), str(h), str(k), str(rec), int(a)) for r, t, e, h, k, rec, a in rows
    ]


def mark_delivery(
    conn: Connection, d: Delivery, delivered: bool, *, error: str | None = None, max_attempts: int = 5
) -> DeliveryStatus:
    """Record one delivery attempt; a delivery failing `max_attempts` times is marked failed for good."""
    if delivered:
        status = DeliveryStatus.DELIVERED
    else:
        status = DeliveryStatus.FAILED if d.attempts + 1 >= max_attempts else DeliveryStatus.PENDING
    conn.execute(
        "UPDATE alert_deliveries SET status = ?, attempts = attempts + 1, last_error = ?, delivered_at = ? "
        "WHERE rule = ? AND target = ? AND event_id = ? AND content_hash = ?",
        (
            status.value,
            error,
            utc_now() if delivered else None,
            d.rule,
            d.target,
            d.event_id,
            d.content_hash,
        ),
    )
    return status
