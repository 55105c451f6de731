"""Alert rules, the delivery outbox (once per event, again when it changes) and the three targets."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import json
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from polemos.alerts import (
    AlertRule,
    AlertSender,
    Near,
    alert_payload,
    deliver_pending,
    distance_km,
    plan_deliveries,
)
from polemos.model import Actor, DatePoint, Event, Evidence, Place, Source, TimePrecision
from polemos.records import event_to_record
from polemos.storage.alert_outbox import enqueue_deliveries, pending_deliveries
from polemos.storage.sql_store import SqlStore
from polemos.storage.watch_state import WatchState
from polemos.taxonomy import SubEventType

HAFTAR = Actor("Military Forces of Libya (2014-) Haftar Faction", 1, "Libya")
DMSC = Actor("Shura Council of Darnah Mujahidin", 3, "Libya")
DERNA = Place("Darnah", 32.7648, 22.6391, "Libya", admin1="Darnah")
LOG = logging.getLogger("test.alerts")


def _event(**changes: Any) -> Event:
    sentence = "Four soldiers were killed in fighting east of Derna on Monday."
    event = Event(
        event_id="PLM000000000001",
        sub_event_type=SubEventType.ARMED_CLASH,
        date=DatePoint(dt.date(2018, 5, 7), TimePrecision.DAY, "on Monday", 52, 61, "weekday"),
        actor1=HAFTAR,
        actor2=DMSC,
        place=DERNA,
        fatalities=4,
        notes=sentence,
        sources=(Source("web-1", sentence, 0, len(sentence), "https://n.example.org/a", "n.example.org"),),
        evidence=(Evidence("fatalities", "4", "web-1", sentence, 0, 4, "Four", "count:killed"),),
    )
    return dataclasses.replace(event, **changes)


def _rule(**criteria: Any) -> AlertRule:
    return AlertRule(name="r", targets=("stdout",), **criteria)


@pytest.mark.parametrize(
    ("criteria", "matches"),
    [
        ({}, True),
        ({"event_types": ("battles",)}, True),
        ({"event_types": ("Riots", "Protests")}, False),
        ({"sub_event_types": ("Armed clash",)}, True),
        ({"countries": ("Libya",)}, True),
        ({"countries": ("lby",)}, True),
        ({"countries": ("Somalia", "SOM")}, False),
        ({"admin1": ("darnah",)}, True),
        ({"admin1": ("Tripoli",)}, False),
        ({"actors": ("haftar",)}, True),
        ({"actors": ("Shura Council",)}, True),
        ({"actors": ("Wagner",)}, False),
        ({"min_fatalities": 4}, True),
        ({"min_fatalities": 5}, False),
        ({"near": Near(32.75, 22.65, 5)}, True),  # ~2 km away
        ({"near": Near(32.08, 23.96, 50)}, False),  # Tobruk-ish, ~140 km
        (
            {"event_types": ("Battles",), "countries": ("Libya",), "min_fatalities": 10},
            False,
        ),  # all must hold
    ],
)
def test_rule_matches_when_every_criterion_holds(criteria: dict[str, Any], matches: bool) -> None:
    assert _rule(**criteria).matches(_event()) is matches


def test_rule_without_place_matches_no_place_criterion() -> None:
    event = _event(place=None)
    assert _rule(event_types=("Battles",)).matches(event)
    for criteria in ({"countries": ("Libya",)}, {"admin1": ("Darnah",)}, {"near": Near(32.7, 22.6, 500)}):
        assert not _rule(**criteria).matches(event)


def test_rule_skips_background_events_unless_asked() -> None:
    old = _event(date=DatePoint(dt.date(2014, 11, 15), TimePrecision.MONTH, is_background=True))
    assert not _rule().matches(old)
    assert _rule(include_background=True).matches(old)


def test_distance_km_is_great_circle() -> None:
    assert distance_km(32.7648, 22.6391, 32.7648, 22.6391) == 0
    assert distance_km(32.8872, 13.1913, 32.1167, 20.0667) == pytest.approx(646, abs=15)


# --- outbox -----------------------------------------------------------------------------------------------


@pytest.fixture
def state(watch_store: SqlStore) -> Iterator[WatchState]:
    s = watch_store.open_watch_state()
    yield s
    s.close()


def _queue(state: WatchState, rules: list[AlertRule], events: list[Event]) -> int:
    with state.transaction() as conn:
        return enqueue_deliveries(conn, plan_deliveries(rules, events))


def test_outbox_queues_each_event_once_and_again_when_it_changes(state: WatchState) -> None:
    rules = [
        AlertRule("deadly", ("stdout",), min_fatalities=1),
        AlertRule("derna", ("stdout", "file:/tmp/never-written.jsonl"), admin1=("Darnah",)),
        AlertRule("riots", ("stdout",), event_types=("Riots",)),
    ]
    event = _event()
    assert _queue(state, rules, [event]) == 3  # deadly + derna's two targets
    assert _queue(state, rules, [event]) == 0  # the same content: nothing new
    kinds = {(d.rule, d.kind) for d in pending_deliveries(state.conn)}
    assert kinds == {("deadly", "new"), ("derna", "new")}
    corrected = dataclasses.replace(event, fatalities=6)
    assert _queue(state, rules, [corrected]) == 3
    updated = [d for d in pending_deliveries(state.conn) if d.kind == "updated"]
    assert len(updated) == 3 and all(json.loads(d.record)["fatalities"] == 6 for d in updated)


def test_payload_is_the_export_record_with_rule_and_stable_id(state: WatchState) -> None:
    event = _event()
    _queue(state, [AlertRule("deadly", ("stdout",), min_fatalities=1)], [event])
    (delivery,) = pending_deliveries(state.conn)
    payload = alert_payload(delivery)
    assert payload["rule"] == "deadly" and payload["kind"] == "new" and payload["event_id"] == event.event_id
    assert payload["event"] == json.loads(json.dumps(event_to_record(event)))
    assert payload["event"]["evidence"]["fatalities"][0]["text"] == "Four"  # type: ignore[index]
    assert payload["event"]["sources"][0]["url"] == "https://n.example.org/a"  # type: ignore[index]
    assert alert_payload(delivery)["alert_id"] == payload["alert_id"]


def test_deliver_pending_to_file_and_stdout_once(state: WatchState, tmp_path: Path) -> None:
    out = io.StringIO()
    alerts_file = tmp_path / "alerts" / "deadly.jsonl"
    _queue(state, [AlertRule("deadly", ("stdout", f"file:{alerts_file}"), min_fatalities=1)], [_event()])
    with AlertSender("polemos/test", stdout=out, trust_env=False) as sender:
        counts = deliver_pending(state, sender, log=LOG)
        assert counts.delivered == 2
        assert deliver_pending(state, sender, log=LOG).delivered == 0  # delivered once
    (line,) = alerts_file.read_text(encoding="utf-8").splitlines()
    assert json.loads(line)["event_id"] == "PLM000000000001"
    assert json.loads(out.getvalue())["rule"] == "deadly"


def _webhook(answers: list[httpx.Response], bodies: list[dict[str, Any]]) -> httpx.MockTransport:
    def handle(request: httpx.Request) -> httpx.Response:
        bodies.append(json.loads(request.content))
        assert request.headers["content-type"] == "application/json"
        assert request.headers["x-polemos-alert-id"] == bodies[-1]["alert_id"]
        return answers.pop(0) if len(answers) > 1 else answers[0]

    return httpx.MockTransport(handle)


def test_webhook_retries_server_errors_then_delivers(state: WatchState) -> None:
    bodies: list[dict[str, Any]] = []
    transport = _webhook([httpx.Response(503), httpx.Response(200)], bodies)
    _queue(
        state, [AlertRule("deadly", ("webhook:https://hooks.example.org/x",), min_fatalities=1)], [_event()]
    )
    sleeps: list[float] = []
    with AlertSender(
        "polemos/test", transport=transport, retries=2, backoff_s=0.5, sleep=sleeps.append
    ) as sender:
        counts = deliver_pending(state, sender, log=LOG)
    assert counts.delivered == 1 and len(bodies) == 2 and sleeps == [0.5]


def test_webhook_failing_stays_queued_then_fails_for_good(state: WatchState) -> None:
    bodies: list[dict[str, Any]] = []
    transport = _webhook([httpx.Response(500)], bodies)
    _queue(
        state, [AlertRule("deadly", ("webhook:https://hooks.example.org/x",), min_fatalities=1)], [_event()]
    )
    with AlertSender("polemos/test", transport=transport, retries=1, sleep=lambda s: None) as sender:
        tried: set[tuple[str, str, str, str]] = set()
        first = deliver_pending(state, sender, log=LOG, max_attempts=2, skip=tried)
        assert first.retry_later == 1 and len(bodies) == 2
        assert (
            deliver_pending(state, sender, log=LOG, max_attempts=2, skip=tried).retry_later == 0
        )  # one a poll
        second = deliver_pending(state, sender, log=LOG, max_attempts=2)  # the next poll
    assert second.failed == 1 and pending_deliveries(state.conn) == []


def test_webhook_client_error_is_not_retried(state: WatchState) -> None:
    bodies: list[dict[str, Any]] = []
    transport = _webhook([httpx.Response(400)], bodies)
    with AlertSender("polemos/test", transport=transport, retries=3, sleep=lambda s: None) as sender:
        error = sender.send("webhook:https://hooks.example.org/x", {"alert_id": "a"})
    assert error == "HTTP 400 Bad Request" and len(bodies) == 1


def test_watch_delivers_to_a_webhook_server_after_it_recovers(
    news: Any, hooks: Any, load_sources: Any, watch_store: SqlStore, fast_coder: Any
) -> None:
    """A webhook down for a whole poll gets every alert at the next poll, each once."""
    from polemos.watch import poll_once

    config = load_sources(
        f"""
[[feeds]]
name = "local-news"
url = "{news.url("/feeds/seeds.xml")}"

[[alerts]]
name = "deadly"
min_fatalities = 1
webhook = "{hooks.url("/hook")}"
"""
    )
    hooks.post_statuses.extend([500] * 200)  # down: every try of the first poll fails
    first = poll_once(config, watch_store, fast_coder)
    assert first.alerts_delivered == 0 and first.alerts_retry_later > 0
    hooks.post_statuses.clear()
    second = poll_once(config, watch_store, fast_coder)
    deadly = sorted(e.event_id for e in watch_store.events() if e.fatalities >= 1 and not e.is_background)
    assert second.alerts_delivered == len(deadly) == first.alerts_retry_later
    assert sorted(p["event_id"] for p in hooks.posts) == deadly
