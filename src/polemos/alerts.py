"""Alert rules over coded events, and their delivery to a webhook, a JSONL file or stdout, once per event.

`polemos watch` calls this after each document it saves: `plan_deliveries` picks the events a rule
matches and turns each into a queued delivery (storage/alert_outbox.py, keyed by rule, target,
event id and the event's content hash, so an event is alerted once, and again only when it changes);
`deliver_pending` sends what is queued. A delivery is recorded after it is sent, so a crash in between
sends it again: receivers dedupe on `alert_id`.

The payload, one JSON object per alert:

    {"alert_id": "...", "rule": "derna", "kind": "new" | "updated", "event_id": "PLM...",
     "event": {...the event's export record (ACLED columns, sources, evidence), as `polemos export`...}}
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import sys
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

import httpx

from polemos.geodesy import distance_km
from polemos.model import Event
from polemos.records import country_iso3, event_to_record
from polemos.storage.alert_outbox import (
    Delivery,
    DeliveryStatus,
    PlannedDelivery,
    mark_delivery,
    pending_deliveries,
)
from polemos.storage.watch_state import WatchState

__all__ = [
    "AlertRule",
    "AlertSender",
    "DeliveryCounts",
    "Near",
    "alert_payload",
    "deliver_pending",
    "event_content_hash",
    "plan_deliveries",
]

WEBHOOK = "webhook:"
FILE = "file:"
STDOUT = "stdout"


@dataclass(frozen=True)
class Near:
    """A circle on the map: events whose coordinates lie within `radius_km` of (lat, lon)."""

    lat: float
    lon: float
    radius_km: float

    def contains(self, lat: float, lon: float) -> bool:
        """Say whether a point lies in the circle (great-circle distance)."""
        return distance_km(self.lat, self.lon, lat, lon) <= self.radius_km


@dataclass(frozen=True)
class AlertRule:
    """Which events to alert on and where to send them. Every criterion given must hold; within a list,
    any entry may match. Text compares case-insensitively; `actors` are substrings of actor names."""

    name: str
    targets: tuple[str, ...]  # "webhook:<url>", "file:<path>", "stdout"
    event_types: tuple[str, ...] = ()  # ACLED labels, e.g. "Battles"
    sub_event_types: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()  # names ("Libya") or ISO 3166 alpha-3 codes ("LBY")
    admin1: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()  # substrings of actor1, actor2 or an associated actor
    min_fatalities: int | None = None
    near: Near | None = None
    include_background: bool = False  # historical context ("In 2014 it was captured") rarely warrants one

    def matches(self, event: Event) -> bool:
        """Say whether the event meets every criterion of this rule."""
        if event.is_background and not self.include_background:
            return False
        if self.event_types and not _any_equal(event.event_type.value, self.event_types):
            return False
        if self.sub_event_types and not _any_equal(event.sub_event_type.value, self.sub_event_types):
            return False
        if self.min_fatalities is not None and event.fatalities < self.min_fatalities:
            return False
        place = event.place
        if self.countries and not (
            place is not None
            and (
                _any_equal(place.country, self.countries)
                or _any_equal(country_iso3(place.country), self.countries)
            )
        ):
            return False
        if self.admin1 and (place is None or not _any_equal(place.admin1 or "", self.admin1)):
            return False
        if self.near is not None and (
            place is None or not self.near.contains(place.latitude, place.longitude)
        ):
            return False
        if self.actors:
            names = [a.name for a in (event.actor1, event.actor2) if a is not None]
            names += [*event.assoc_actor_1, *event.assoc_actor_2]
            folded = [n.casefold() for n in names]
            if not any(want.casefold() in n for want in self.actors for n in folded):
                return False
        return True


def _any_equal(value: str, wanted: Iterable[str]) -> bool:
    folded = value.casefold()
    return bool(folded) and any(folded == w.casefold() for w in wanted)


# --- planning ----------------------------------------------------------------------------------------


def event_content_hash(record: Mapping[str, object]) -> str:
    """Hash an event's export record: the same hash means nothing an alert reports has changed."""
    canonical = json.dumps(record, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def plan_deliveries(rules: Sequence[AlertRule], events: Iterable[Event]) -> list[PlannedDelivery]:
    """Return one delivery per (matching rule, target, event), carrying the event's export record."""
    planned: list[PlannedDelivery] = []
    for event in events:
        matching = [r for r in rules if r.matches(event)]
        if not matching:
            continue
        record = event_to_record(event)
        payload = json.dumps(record, ensure_ascii=False)
        digest = event_content_hash(record)
        for rule in matching:
            for target in rule.targets:
                planned.append(PlannedDelivery(rule.name, target, event.event_id, digest, payload))
    return planned


def alert_payload(d: Delivery) -> dict[str, object]:
    """Return the JSON object one alert delivers."""
    key = "\x00".join((d.rule, d.target, d.event_id, d.content_hash))
    return {
        "alert_id": hashlib.sha256(key.encode("utf-8")).hexdigest()[:24],
        "rule": d.rule,
        "kind": d.kind,
        "event_id": d.event_id,
        "event": json.loads(d.record),
    }


# --- sending ---------------------------------------------------------------------------------------


class AlertSender:
    """Sends one alert to its target: a webhook (JSON POST, retried on 5xx, timeouts and network errors),
    a JSONL file (appended) or a text stream."""

    def __init__(
        self,
        user_agent: str,
        *,
        retries: int = 3,
        backoff_s: float = 2.0,
        timeout_s: float = 10.0,
        transport: httpx.BaseTransport | None = None,
        stdout: TextIO | None = None,
        sleep: Callable[[float], None] = time.sleep,
        trust_env: bool = True,
    ) -> None:
        self.retries = retries
        self.backoff_s = backoff_s
        self._stdout = stdout
        self._sleep = sleep
        self._client = httpx.Client(
            transport=transport,
            headers={"User-Agent": user_agent},
            timeout=httpx.Timeout(timeout_s),
            trust_env=trust_env,
        )

    def close(self) -> None:
        """Close the webhook connection pool."""
        self._client.close()

    def __enter__(self) -> AlertSender:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def send(self, target: str, payload: Mapping[str, object]) -> str | None:
        """Deliver one payload; return None when delivered, else why not."""
        line = json.dumps(payload, ensure_ascii=False)
        if target == STDOUT:
            stream = self._stdout or sys.stdout
            stream.write(line + "\n")
            stream.flush()
            return None
        if target.startswith(FILE):
            return _append_line(Path(target[len(FILE) :]), line)
        if target.startswith(WEBHOOK):
            return self._post(target[len(WEBHOOK) :], line, str(payload.get("alert_id", "")))
        return f"unknown alert target {target!r}"

    def _post(self, url: str, body: str, alert_id: str) -> str | None:
        headers = {"Content-Type": "application/json", "X-Polemos-Alert-Id": alert_id}
        error = ""
        for attempt in range(self.retries + 1):
            try:
                response = self._client.post(url, content=body.encode("utf-8"), headers=headers)
            except httpx.TransportError as e:  # timeouts and network errors are worth another try
                error = f"{type(e).__name__}: {e}"
            except (httpx.HTTPError, httpx.InvalidURL) as e:
                return f"{type(e).__name__}: {e}"
            else:
                if response.is_success:
                    return None
                error = f"HTTP {response.status_code} {response.reason_phrase}".rstrip()
                if response.status_code < 500 and response.status_code not in (408, 429):
                    return error
            if attempt < self.retries:
                self._sleep(self.backoff_s * 2**attempt)
        return error


def _append_line(path: Path, line: str) -> str | None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8") as fh:
            fh.write(line + "\n")
            fh.flush()
            os.fsync(fh.fileno())
    except OSError as e:
        return f"cannot append to {path}: {e.strerror or e}"
    return None


# --- the outbox --------------------------------------------------------------------------------------


@dataclass
class DeliveryCounts:
    """What one pass over the outbox did."""

    delivered: int = 0
    failed: int = 0  # given up for good
    retry_later: int = 0


def deliver_pending(
    state: WatchState,
    sender: AlertSender,
    *,
    log: logging.Logger,
    max_attempts: int = 5,
    skip: set[tuple[str, str, str, str]] | None = None,
) -> DeliveryCounts:
    """Send every queued alert once (those in `skip`, already tried in this poll, wait for the next)."""
    counts = DeliveryCounts()
    for d in pending_deliveries(state.conn):
        key = (d.rule, d.target, d.event_id, d.content_hash)
        if skip is not None:
            if key in skip:
                continue
            skip.add(key)
        error = sender.send(d.target, alert_payload(d))
        with state.transaction() as conn:
            status = mark_delivery(conn, d, error is None, error=error, max_attempts=max_attempts)
        if status is DeliveryStatus.DELIVERED:
            counts.delivered += 1
            log.info("alert %s: %s event %s -> %s", d.rule, d.kind, d.event_id, d.target)
        elif status is DeliveryStatus.FAILED:
            counts.failed += 1
            log.error("alert %s: event %s -> %s failed for good: %s", d.rule, d.event_id, d.target, error)
        else:
            counts.retry_later += 1
            log.warning(
                "alert %s: event %s -> %s failed, retried next poll: %s", d.rule, d.event_id, d.target, error
            )
    return counts
