"""A run's prevailing country reads the reports in it that name none (polemos.batch_country): held back,
coded again with it and flagged; a world feed, a short run or a report that tells its own country keeps
what its own text says; every ingest path gives the same."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from typing import Any

from desk_items import ELSEWHERE, FOREIGN_VICTIM, LIBYAN, NOWHERE
from desk_items import desk_feed as _feed
from desk_items import stored_by_document as _stored

from polemos.batch_country import BATCH_FLAG, MIN_DOCUMENTS, BatchCountry, events_country
from polemos.model import Actor, Document, Event, Place
from polemos.pipeline import ingest
from polemos.storage import SqliteStore
from polemos.taxonomy import SubEventType


def _event(place_country: str | None = None, actor_country: str | None = None) -> Event:
    place = None if place_country is None else Place("Somewhere", 0.0, 0.0, place_country)
    return Event(
        event_id="e",
        sub_event_type=SubEventType.ARMED_CLASH,
        date=None,
        actor1=Actor("Somebody", 3, actor_country),
        actor2=None,
        place=place,
        fatalities=0,
        notes="",
        sources=(),
    )


def test_a_documents_country_is_its_first_place_then_its_sides() -> None:
    assert events_country([_event("Libya", "EG")]) == "LY"
    assert events_country([_event(None, None), _event(None, "EG")]) == "EG"
    assert events_country([_event(None, None)]) is None
    assert events_country([]) is None


def test_civilians_country_is_no_lead_to_the_documents() -> None:
    # civilians may be named by a foreign nationality ("a Danish national"): not where it happens
    victims = dataclasses.replace(_event(None, None), actor2=Actor("Civilians (Denmark)", 7, "DK"))
    assert events_country([victims]) is None
    assert events_country([victims, _event(None, "EG")]) == "EG"


def test_only_documents_with_events_and_no_country_are_held_back() -> None:
    tally = BatchCountry()
    assert tally.holds_back([_event(None, None)])
    assert not tally.holds_back([])  # nothing a country would change
    assert not tally.holds_back([_event("Libya")])
    assert tally.counts == {"LY": 1}


def test_a_country_prevails_with_enough_documents_and_a_clear_majority() -> None:
    tally = BatchCountry()
    for _ in range(MIN_DOCUMENTS - 1):
        tally.holds_back([_event("Libya")])
    assert tally.prevailing() is None  # too short a run to speak for its feed
    tally.holds_back([_event("Libya")])
    assert tally.prevailing() == "LY"
    for _ in range(MIN_DOCUMENTS):
        tally.holds_back([_event("Nigeria")])
    assert tally.prevailing() is None  # half and half: a regional feed


def test_a_report_naming_no_country_is_read_in_its_runs_country(coder: Any, tmp_path: Path) -> None:
    feed = _feed(tmp_path, [*LIBYAN, NOWHERE])
    with SqliteStore(tmp_path / "db.sqlite") as store:
        report = ingest([feed], store, coder)
    assert report.new == len(LIBYAN) + 1 and not report.rejected
    by_doc = _stored(tmp_path / "db.sqlite")
    nowhere = by_doc[f"n{len(LIBYAN)}"]
    assert nowhere, "the retaking is an event"
    assert all(BATCH_FLAG in e.flags for e in nowhere)
    assert {e.actor1.name for e in nowhere if e.actor1} == {"Military Forces of Libya (2014-)"}
    # the others tell their own country: nothing of theirs is flagged
    assert not any(BATCH_FLAG in e.flags for d, es in by_doc.items() if d != f"n{len(LIBYAN)}" for e in es)


def test_a_world_feed_leaves_a_report_naming_no_country_as_its_text_tells(coder: Any, tmp_path: Path) -> None:
    feed = _feed(tmp_path, [*LIBYAN[:6], *ELSEWHERE[:6], NOWHERE])
    with SqliteStore(tmp_path / "db.sqlite") as store:
        ingest([feed], store, coder)
    nowhere = _stored(tmp_path / "db.sqlite")["n12"]
    assert nowhere and not any(BATCH_FLAG in e.flags for e in nowhere)
    assert all(e.actor1 is None or e.actor1.country is None for e in nowhere)
    alone = coder.code(Document("alone", NOWHERE, published=dt.date(2016, 5, 3)))
    assert [e.actor1 for e in nowhere] == [e.actor1 for e in alone]


def test_re_ingesting_the_run_stores_nothing_new(coder: Any, tmp_path: Path) -> None:
    feed = _feed(tmp_path, [NOWHERE, *LIBYAN])  # held back though it comes first
    with SqliteStore(tmp_path / "db.sqlite") as store:
        first = ingest([feed], store, coder)
        before = store.events()
        again = ingest([feed], store, coder)
        assert (again.new, again.changed, again.unchanged) == (0, 0, first.new)
        assert store.events() == before
    assert any(BATCH_FLAG in e.flags for e in _stored(tmp_path / "db.sqlite")["n0"])


def test_a_foreign_victims_report_is_read_in_its_runs_country(coder: Any, tmp_path: Path) -> None:
    # alone, its victim keeps his nationality and its doers are of no country
    alone = coder.code(Document("alone", FOREIGN_VICTIM, published=dt.date(2016, 5, 3)))
    assert [(e.actor1.name if e.actor1 else None, e.actor2.name if e.actor2 else None) for e in alone] == [
        ("Unidentified Armed Group", "Civilians (Denmark)")
    ]
    # in a Libyan desk's run it is held back and read in Libya; the victim is still a Dane
    feed = _feed(tmp_path, [*LIBYAN, FOREIGN_VICTIM])
    with SqliteStore(tmp_path / "db.sqlite") as store:
        ingest([feed], store, coder)
    stored = _stored(tmp_path / "db.sqlite")[f"n{len(LIBYAN)}"]
    assert stored and all(BATCH_FLAG in e.flags for e in stored)
    assert [(e.actor1.name if e.actor1 else None, e.actor2.name if e.actor2 else None) for e in stored] == [
        ("Unidentified Armed Group (Libya)", "Civilians (Denmark)")
    ]


def test_a_striking_armys_country_is_no_lead_to_the_documents() -> None:
    # armies strike abroad as readily as at home: the striker tells no more where than a victim does
    strike = dataclasses.replace(
        _event(None, None),
        sub_event_type=SubEventType.AIR_DRONE_STRIKE,
        actor1=Actor("Military Forces of Netherlands", 1, "NL"),
    )
    assert events_country([strike]) is None
    struck = dataclasses.replace(strike, actor2=Actor("Military Forces of Syria (2000-)", 1, "SY"))
    assert events_country([struck]) == "SY"
    # a militia's bombing, or an army's battle, still tells its side's country
    assert events_country([dataclasses.replace(strike, actor1=Actor("Some Militia", 3, "NG"))]) == "NG"
    battle = dataclasses.replace(strike, sub_event_type=SubEventType.ARMED_CLASH)
    assert events_country([battle]) == "NL"


# Names only the air force that flew a strike, by its demonym: no place, no target's country.
FOREIGN_STRIKE = "Dutch F-16 jets bombed two rocket launchers overnight."


def test_a_foreign_strike_is_read_in_its_runs_country(coder: Any, tmp_path: Path) -> None:
    # alone, the jets are their country's forces at home, as far as the report tells
    alone = coder.code(Document("alone", FOREIGN_STRIKE, published=dt.date(2016, 5, 3)))
    assert [(e.actor1.name, e.actor1.inter) for e in alone if e.actor1] == [
        ("Military Forces of Netherlands", 1)
    ]
    # in a Libyan desk's run they struck in Libya: a foreign force there
    feed = _feed(tmp_path, [*LIBYAN, FOREIGN_STRIKE])
    with SqliteStore(tmp_path / "db.sqlite") as store:
        ingest([feed], store, coder)
    stored = _stored(tmp_path / "db.sqlite")[f"n{len(LIBYAN)}"]
    assert stored and all(BATCH_FLAG in e.flags for e in stored)
    assert [(e.actor1.name, e.actor1.inter) for e in stored if e.actor1] == [
        ("Military Forces of Netherlands", 8)
    ]
