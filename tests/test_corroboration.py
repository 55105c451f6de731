"""Cross-source corroboration: the same-event rules, copies of one report, groups in the store, fatality
ranges, explain/split, and end to end on the seeds (re-published under other ids) and on paraphrases of
one incident by several outlets."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import shutil
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
import typer
from typer.testing import CliRunner

from polemos import corroboration as corr
from polemos import corroboration_decisions as corr_decisions
from polemos import corroboration_results as corr_results
from polemos import corroboration_rules as corr_rules
from polemos.corroboration_commands import control_cmd, events_for_export, explain_cmd, split_cmd
from polemos.corroboration_copies import jaccard, shingles
from polemos.corroboration_groups import (
    CorroboratedEvent,
    Member,
    build_corroborated,
    choose_fatality_range,
)
from polemos.corroboration_rules import compare
from polemos.errors import StoreError
from polemos.model import (
    Actor,
    DatePoint,
    Document,
    Event,
    Evidence,
    FatalityClaim,
    GeoPrecision,
    Place,
    Source,
    TimePrecision,
)
from polemos.pipeline import ingest
from polemos.stages.dates import find_dates
from polemos.storage.base import EventFilter
from polemos.storage.corroboration import CORROBORATION_SCHEMA
from polemos.storage.migrations import MIGRATIONS, Migration, apply_migrations
from polemos.storage.sqlite import SqliteStore
from polemos.taxonomy import SubEventType

FIXTURES = Path(__file__).parent / "fixtures"
SEEDS = FIXTURES / "seeds"
PARAPHRASES = FIXTURES / "paraphrases"
HAFTAR = Actor("Military Forces of Libya (2014-) Haftar Faction", 1, "Libya")
GNA = Actor("Military Forces of Libya (2016-) Government of National Accord", 1, "Libya")
DMSC = Actor("Shura Council of Darnah Mujahidin", 3)
UNIDENTIFIED = Actor("Unidentified Armed Group (Libya)", 3)
CIVILIANS = Actor("Civilians (Libya)", 7)
DERNA = Place("Darnah", 32.767, 22.6367, "Libya")
DERNA_EAST = Place("Darnah - Eastern Coast", 32.77, 22.66, "Libya")
FATTAIH = Place("Fattaih", 32.74, 22.80, "Libya", geo_precision=GeoPrecision.NEAR)  # ~15 km east
FATTAIH_TOWN = dataclasses.replace(FATTAIH, geo_precision=GeoPrecision.TOWN)
TOBRUK = Place("Tobruk", 32.08, 23.96, "Libya")
DAY = dt.date(2018, 6, 4)
EVERYTHING = EventFilter()


# --- the store as the lead wires it -------------------------------------------------------------------


# Until storage/migrations.py lists the corroboration migration, these tests add it.
_MIGRATIONS = (
    MIGRATIONS
    if any(m.statements == CORROBORATION_SCHEMA for m in MIGRATIONS)
    else (*MIGRATIONS, Migration("0003_corroboration", CORROBORATION_SCHEMA))
)


class CorroboratingStore(SqliteStore):
    """SqliteStore with the migration, methods and ingest hook the lead adds (see the report)."""

    def __init__(self, path: str | Path) -> None:
        with mock.patch(
            "polemos.storage.sqlite.apply_migrations", lambda conn: apply_migrations(conn, _MIGRATIONS)
        ):
            super().__init__(path)

    def save_document(self, doc: Document, events: Sequence[Event], relations: Any = None) -> None:
        super().save_document(doc, events, relations)
        self.corroborate([doc.id])  # the pipeline hook: after each document saved

    def corroborate(self, document_ids: Sequence[str] | None = None) -> corr.CorroborationReport:
        with self._write("corroborate events across sources") as conn:
            return corr.corroborate(conn, document_ids)

    def corroborated(self, flt: EventFilter = EVERYTHING) -> list[CorroboratedEvent]:
        return corr_results.corroborated(self._conn, flt)

    def corroborated_events(self, flt: EventFilter = EVERYTHING) -> list[Event]:
        return corr_results.corroborated_events(self._conn, flt)

    def explain(self, event_id: str) -> corr_decisions.Explanation | None:
        return corr_decisions.explain(self._conn, event_id)

    def split_event(self, event_id: str) -> str:
        with self._write(f"split event {event_id}") as conn:
            return corr_decisions.split_event(conn, event_id)

    def unsplit_event(self, event_id: str) -> str:
        with self._write(f"undo the split of event {event_id}") as conn:
            return corr_decisions.unsplit_event(conn, event_id)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[CorroboratingStore]:
    s = CorroboratingStore(tmp_path / "polemos.db")
    yield s
    s.close()


def _date(day: dt.date, precision: TimePrecision = TimePrecision.DAY, rule: str = "weekday") -> DatePoint:
    return DatePoint(day, precision, rule=rule)


def _event(
    event_id: str,
    doc: str,
    *,
    sub: SubEventType = SubEventType.ARMED_CLASH,
    day: dt.date | None = DAY,
    precision: TimePrecision = TimePrecision.DAY,
    rule: str = "weekday",
    actors: tuple[Actor | None, Actor | None] = (HAFTAR, DMSC),
    place: Place | None = DERNA,
    fatalities: int = 0,
    start: int = 0,
    confidence: float = 0.7,
) -> Event:
    claims = (FatalityClaim(fatalities, f"{fatalities} killed", start, start + 9),) if fatalities else ()
    return Event(
        event_id=event_id,
        sub_event_type=sub,
        date=_date(day, precision, rule) if day else None,
        actor1=actors[0],
        actor2=actors[1],
        place=place,
        fatalities=fatalities,
        notes=f"notes of {event_id}",
        sources=(Source(doc, f"sentence of {event_id}", start, start + 20, None, f"outlet {doc}", DAY),),
        fatality_claims=claims,
        evidence=(
            Evidence(
                "event_type", sub.value, doc, f"sentence of {event_id}", start, start + 5, "fought", "t"
            ),
        ),
        confidence=confidence,
    )


def _doc(doc_id: str, text: str | None = None) -> Document:
    return Document(
        doc_id, text or f"An original report number {doc_id} about fighting somewhere.", published=DAY
    )


def _groups(s: CorroboratingStore) -> list[set[str]]:
    return sorted(({m.event.event_id for m in c.members} for c in s.corroborated()), key=sorted)


# --- rules ----------------------------------------------------------------------------------------------


def test_corroboration_shingles_measure_copies() -> None:
    a = shingles("Heavy clashes erupted on Wednesday in Gharyan, a medical source said.")
    assert jaccard(a, a) == 1.0
    assert jaccard(a, shingles("Fighting raged in Derna for a third day, residents reported.")) == 0.0
    assert shingles("") == frozenset()
    assert shingles("two words") == frozenset({"two words"})


@pytest.mark.parametrize(
    ("other", "ok", "failed"),
    [
        (_event("b", "d2"), True, ()),
        (_event("b", "d2", day=DAY + dt.timedelta(days=1)), True, ()),  # a day apart
        (_event("b", "d2", day=DAY - dt.timedelta(days=2)), False, ("date",)),
        (_event("b", "d2", precision=TimePrecision.MONTH, rule="last-month"), False, ("date",)),
        (_event("b", "d2", precision=TimePrecision.WEEK, rule="published"), True, ()),  # context date
        (_event("b", "d2", day=None), False, ("date",)),
        (_event("b", "d2", place=DERNA_EAST), True, ()),  # a district of the city
        (_event("b", "d2", place=FATTAIH), True, ()),  # "near", 15 km
        (_event("b", "d2", place=FATTAIH_TOWN), False, ("place",)),
        (_event("b", "d2", place=TOBRUK), False, ("place",)),
        (_event("b", "d2", place=None), False, ("place",)),
        (_event("b", "d2", actors=(DMSC, HAFTAR)), True, ()),  # order has no meaning
        (_event("b", "d2", actors=(HAFTAR, None)), True, ()),
        (_event("b", "d2", actors=(HAFTAR, UNIDENTIFIED)), True, ()),
        (_event("b", "d2", actors=(GNA, DMSC)), False, ("actors",)),
        # same type (Battles), another act: ACLED codes each sub-type as its own event
        (_event("b", "d2", sub=SubEventType.GOVERNMENT_REGAINS_TERRITORY), False, ("sub_event_type",)),
        (_event("b", "d2", sub=SubEventType.AIR_DRONE_STRIKE), False, ("event_type",)),
    ],
)
def test_corroboration_compare_fields(other: Event, ok: bool, failed: tuple[str, ...]) -> None:
    c = compare(_event("a", "d1"), other)
    assert c.ok is ok
    assert c.failed == failed
    assert all(check.why for check in c.checks)


def test_corroboration_a_day_apart_needs_more_than_type_place_and_unnamed_sides() -> None:
    # ACLED codes each day as its own event: unidentified gunmen in one town on consecutive days are two
    # incidents, unless the reports name both sides alike or give the same toll.
    attack = SubEventType.ATTACK
    next_day = DAY + dt.timedelta(days=1)
    a = _event("a", "d1", sub=attack, actors=(UNIDENTIFIED, CIVILIANS), fatalities=1)
    apart = compare(a, _event("b", "d2", sub=attack, actors=(UNIDENTIFIED, CIVILIANS), day=next_day))
    assert apart.failed == ("date",) and "own event" in apart.checks[1].why
    assert compare(a, _event("b", "d2", sub=attack, actors=(UNIDENTIFIED, CIVILIANS))).ok  # same day
    same_toll = _event("b", "d2", sub=attack, actors=(UNIDENTIFIED, CIVILIANS), day=next_day, fatalities=1)
    assert compare(a, same_toll).ok
    # both sides named alike: one incident, its date told a day apart
    assert compare(_event("a", "d1"), _event("b", "d2", day=next_day)).ok


def test_corroboration_a_different_sub_type_is_another_act_unless_the_same_toll_ties_them() -> None:
    # One day in one town between the same sides: a clash and the army's capture of a quarter, or a
    # roadside bomb and a shelling, are two events (ACLED aggregates by sub-type too). Two readings of one
    # act ("fighting" and "the army retook the town") that give the same toll are one incident.
    clash = _event("a", "d1", fatalities=3)
    taken = _event("b", "d2", sub=SubEventType.GOVERNMENT_REGAINS_TERRITORY)
    c = compare(clash, taken)
    assert c.failed == ("sub_event_type",) and "own event" in c.checks[-1].why
    assert compare(clash, dataclasses.replace(taken, fatalities=5)).failed == ("sub_event_type",)
    assert compare(clash, dataclasses.replace(taken, fatalities=3)).ok  # the same toll
    assert compare(clash, taken, same_report=0.9).ok  # copies of one report
    bomb = _event("a", "d1", sub=SubEventType.REMOTE_EXPLOSIVE)
    assert not compare(bomb, _event("b", "d2", sub=SubEventType.SHELLING)).ok
    # one act told with different tolls still merges
    assert compare(clash, _event("b", "d2", fatalities=7)).ok


def test_corroboration_two_written_calendar_days_are_two_days_of_fighting() -> None:
    # A day counted from a report's publication ("on Friday") may be a day off; two reports that each
    # write out a different calendar day ("on 20 March", "on 21 March") tell two days of fighting, even
    # between sides named alike, unless the same toll ties them.
    next_day = DAY + dt.timedelta(days=1)
    a = _event("a", "d1", rule="explicit-dmy", fatalities=7)
    b = _event("b", "d2", day=next_day, rule="day-month", fatalities=12)
    c = compare(a, b)
    assert c.failed == ("date",) and "calendar day" in c.checks[1].why
    assert compare(a, dataclasses.replace(b, fatalities=7)).ok  # the same toll
    assert compare(a, _event("b", "d2", day=next_day, fatalities=12)).ok  # "on Friday": counted
    assert compare(a, _event("b", "d2", rule="explicit-mdy", fatalities=12)).ok  # the same written day
    assert compare(a, b, same_report=0.9).ok  # copies of one report


@pytest.mark.parametrize(
    ("text", "stated"),
    [
        ("On 20 March 2020, fighting broke out.", True),
        ("On March 20, fighting broke out.", True),
        ("On 2020-03-20 fighting broke out.", True),
        ("On Friday, fighting broke out.", False),
        ("Fighting broke out yesterday.", False),
    ],
)
def test_corroboration_written_calendar_days_are_those_the_date_readers_write_out(
    text: str, stated: bool
) -> None:
    # The rule names the date readers' rules: a renamed reader must not silently turn the check off.
    (point,) = find_dates(text, dt.date(2020, 3, 21))
    event = dataclasses.replace(_event("a", "d1"), date=point)
    assert corr_rules._stated(event, event) is stated


def test_corroboration_a_day_from_the_reports_context_needs_a_tie_as_a_day_apart() -> None:
    # A report that gives no day is dated by its publication, which may be the day after the incident:
    # meeting another report's day on it is no better evidence than a day apart. Unidentified gunmen in one
    # town, one report with four dead and another with none, are two incidents; the same toll or both
    # sides named alike tie them.
    attack = SubEventType.ATTACK
    a = _event("a", "d1", sub=attack, actors=(UNIDENTIFIED, CIVILIANS), fatalities=4)
    undated = _event("b", "d2", sub=attack, actors=(UNIDENTIFIED, CIVILIANS), rule="published")
    c = compare(a, undated)
    assert c.failed == ("date",) and "context" in c.checks[1].why
    assert compare(a, dataclasses.replace(undated, fatalities=4)).ok  # the same toll
    assert compare(_event("a", "d1"), _event("b", "d2", rule="published")).ok  # both sides named alike
    assert compare(a, _event("b", "d2", sub=attack, actors=(UNIDENTIFIED, CIVILIANS))).ok  # its own day


def test_corroboration_a_report_dated_by_its_publication_tells_no_later_day() -> None:
    # Published on DAY without a day of its own, the report tells an event of DAY or before: another
    # report's event of the day after is not it, even with both sides named alike.
    published = _event("a", "d1", rule="published")
    later = compare(published, _event("b", "d2", day=DAY + dt.timedelta(days=1)))
    assert later.failed == ("date",) and "publication" in later.checks[1].why
    assert compare(_event("b", "d2", day=DAY + dt.timedelta(days=1)), published).failed == ("date",)
    assert compare(published, _event("b", "d2", day=DAY - dt.timedelta(days=1))).ok  # the day before


def test_corroboration_violence_against_civilians_keeps_actor_order() -> None:
    attack = SubEventType.ATTACK
    a = _event("a", "d1", sub=attack, actors=(HAFTAR, CIVILIANS))
    assert compare(a, _event("b", "d2", sub=attack, actors=(HAFTAR, CIVILIANS))).ok
    assert compare(a, _event("b", "d2", sub=attack, actors=(HAFTAR, None))).ok
    assert not compare(a, _event("b", "d2", sub=attack, actors=(CIVILIANS, HAFTAR))).ok


def test_corroboration_undated_unplaced_events_match_only_copies() -> None:
    a = _event("a", "d1", day=None, place=None)
    b = _event("b", "d2", day=None, place=None)
    assert not compare(a, b).ok
    assert compare(a, b, same_report=0.93).ok


def test_corroboration_two_region_level_places_are_no_evidence_of_one_place() -> None:
    province = Place("Darnah", 32.767, 22.6367, "Libya", geo_precision=GeoPrecision.REGION)
    a = _event("a", "d1", place=province)
    assert not compare(a, _event("b", "d2", place=province)).ok
    assert compare(a, _event("b", "d2", place=DERNA)).ok  # one report names the town itself
    assert compare(a, _event("b", "d2", place=province), same_report=0.93).ok  # copies of one report


@pytest.mark.parametrize(
    ("figures", "chosen", "low_best_high", "rule"),
    [
        ({}, 0, (0, 0, 0), "no source reports deaths"),
        ({"s1": 4}, 4, (4, 4, 4), "one source"),
        ({"s1": 8, "s2": 12, "s3": 5}, 5, (5, 8, 12), "lowest"),
        ({"s1": 8, "s2": 12, "s3": 12}, 12, (8, 12, 12), "reported by 2 sources"),
    ],
)
def test_corroboration_fatality_range(
    figures: dict[str, int], chosen: int, low_best_high: tuple[int, int, int], rule: str
) -> None:
    members = [Member(_event(f"e{s}", s, fatalities=n), s, s) for s, n in figures.items()]
    members.append(Member(_event("silent", "s9"), "s9", "s9"))  # mentions no deaths: no claim of zero
    fr = choose_fatality_range(members)
    assert (fr.chosen, (fr.low, fr.best, fr.high)) == (chosen, low_best_high)
    assert rule in fr.rule


def test_corroboration_source_whose_claims_were_all_set_aside_does_not_compete() -> None:
    # A report whose only toll its coding set aside (a month's cumulative dead, say) gives this event 0:
    # that is no claim of zero against another report's "4 killed".
    aside = dataclasses.replace(
        _event("a", "s1"),
        fatality_claims=(FatalityClaim(44, "44 died during June", 0, 18, rule="x|cumulative"),),
    )
    members = [Member(aside, "s1", "s1"), Member(_event("b", "s2", fatalities=4), "s2", "s2")]
    fr = choose_fatality_range(members)
    assert (fr.chosen, fr.per_source) == (4, (("s2", 4),))


def test_corroboration_copies_count_once_for_fatalities() -> None:
    members = [
        Member(_event("a", "wire", fatalities=12), "wire", "wire"),
        Member(_event("b", "copy", fatalities=12), "copy", "wire"),  # a copy of "wire"
        Member(_event("c", "other", fatalities=5), "other", "other"),
    ]
    fr = choose_fatality_range(members)
    assert fr.chosen == 5 and fr.per_source == (("wire", 12), ("other", 5))


def test_corroboration_group_of_one_is_the_event() -> None:
    e = _event("a", "d1", fatalities=3)
    assert build_corroborated("a", [Member(e, "d1", "d1")]).event == e


def test_corroboration_one_source_per_document() -> None:
    e = _event("a", "d1", start=40)
    e = dataclasses.replace(e, sources=(*e.sources, Source("d1", "An earlier sentence.", 0, 20)))
    (source,) = build_corroborated("g", [Member(e, "d1", "d1")]).event.sources
    assert (source.document_id, source.start) == ("d1", 0)


def test_corroboration_group_takes_best_fields_and_every_source() -> None:
    clash = _event("a", "d1", place=FATTAIH, actors=(HAFTAR, None), fatalities=4, confidence=0.9)
    capture = _event(
        "b", "d2", sub=SubEventType.GOVERNMENT_REGAINS_TERRITORY, precision=TimePrecision.WEEK,
        rule="published", actors=(DMSC, HAFTAR), fatalities=6,
    )  # fmt: skip
    c = build_corroborated("a", [Member(clash, "d1", "d1"), Member(capture, "d2", "d2")])
    e = c.event
    assert e.event_id == "a"
    assert e.sub_event_type is SubEventType.GOVERNMENT_REGAINS_TERRITORY  # ranked above Armed clash
    assert e.date == clash.date  # day precision beats week
    assert e.place == DERNA  # town beats "near"
    assert {e.actor1, e.actor2} == {HAFTAR, DMSC}
    assert [s.document_id for s in e.sources] == ["d1", "d2"]
    assert e.fatalities == 4 and c.independent_sources == 2


def test_corroboration_a_named_side_wins_over_an_unidentified_one_in_its_role() -> None:
    # "Gunmen shot a shopkeeper" in one report, "the brigade from the town shot a shopkeeper" in another:
    # the second names the side the first could not, whichever report leads.
    attack = SubEventType.ATTACK
    militia = Actor("Zawiyah Communal Militia (Libya)", 4, "Libya")
    vague = _event("a", "d1", sub=attack, actors=(UNIDENTIFIED, CIVILIANS), confidence=0.9)
    named = _event("b", "d2", sub=attack, actors=(militia, CIVILIANS), confidence=0.6)
    e = build_corroborated("a", [Member(vague, "d1", "d1"), Member(named, "d2", "d2")]).event
    assert (e.actor1, e.actor2) == (militia, CIVILIANS)
    # a state's forces are another side than the armed group a report could not name
    army = _event("b", "d2", sub=attack, actors=(HAFTAR, CIVILIANS), confidence=0.6)
    e = build_corroborated("a", [Member(vague, "d1", "d1"), Member(army, "d2", "d2")]).event
    assert e.actor1 == UNIDENTIFIED
    # in a battle the named side already on the other side stays there
    clash = _event("c", "d1", actors=(UNIDENTIFIED, DMSC), confidence=0.9)
    other = _event("d", "d2", actors=(DMSC, None), confidence=0.6)
    e = build_corroborated("c", [Member(clash, "d1", "d1"), Member(other, "d2", "d2")]).event
    assert (e.actor1, e.actor2) == (UNIDENTIFIED, DMSC)


# --- the store -----------------------------------------------------------------------------------------


def test_corroboration_store_merges_reports_of_one_event(store: CorroboratingStore) -> None:
    store.save_document(_doc("d1"), [_event("a1", "d1"), _event("a2", "d1", day=DAY - dt.timedelta(days=1))])
    store.save_document(_doc("d2"), [_event("b1", "d2", actors=(DMSC, HAFTAR), fatalities=2)])
    store.save_document(_doc("d3"), [_event("c1", "d3", day=DAY + dt.timedelta(days=3))])
    assert _groups(store) == [{"a1", "b1"}, {"a2"}, {"c1"}]
    (merged,) = [e for e in store.corroborated_events() if len(e.sources) == 2]
    assert merged.event_id == "a1" and merged.fatalities == 2
    # The store's order: newest first.
    assert [e.event_id for e in store.corroborated_events()] == ["c1", "a1", "a2"]
    assert [e.event_id for e in store.corroborated_events(EventFilter(document_id="d2"))] == ["a1"]
    assert [e.event_id for e in store.corroborated_events(EventFilter(date_to=DAY, limit=1))] == ["a1"]


def test_corroboration_one_event_per_report_in_a_group(store: CorroboratingStore) -> None:
    # d2's two events are both a day from d1's: each report gives a group at most one event, the
    # closer one (same day) wins.
    store.save_document(_doc("d1"), [_event("a", "d1")])
    later = _event("b2", "d2", day=DAY + dt.timedelta(days=1), start=50)
    store.save_document(_doc("d2"), [later, _event("b1", "d2")])
    assert _groups(store) == [{"a", "b1"}, {"b2"}]


def test_corroboration_groups_do_not_chain(store: CorroboratingStore) -> None:
    store.save_document(_doc("d1"), [_event("a", "d1")])
    store.save_document(_doc("d2"), [_event("b", "d2", day=DAY + dt.timedelta(days=1))])
    store.save_document(_doc("d3"), [_event("c", "d3", day=DAY + dt.timedelta(days=2))])  # 2 days from a
    assert _groups(store) == [{"a", "b"}, {"c"}]


def test_corroboration_is_idempotent_and_logs_each_decision(store: CorroboratingStore) -> None:
    store.save_document(_doc("d1"), [_event("a", "d1")])
    store.save_document(_doc("d2"), [_event("b", "d2")])
    count = store._conn.execute("SELECT count(*) FROM merge_decisions").fetchone()[0]
    report = store.corroborate(["d1", "d2"])
    assert report.documents == () and report.joined == report.new == 0
    assert store._conn.execute("SELECT count(*) FROM merge_decisions").fetchone()[0] == count == 2
    rows = store._conn.execute("SELECT decision, reasons FROM merge_decisions ORDER BY id").fetchall()
    assert [r[0] for r in rows] == ["new", "joined"]
    reasons = json.loads(rows[1][1])
    assert {c["field"] for c in reasons["matched"]["checks"]} == {
        "event_type", "date", "place", "actors", "sub_event_type"
    }  # fmt: skip


def test_corroboration_unknown_document_is_an_error(store: CorroboratingStore) -> None:
    with pytest.raises(StoreError, match="not stored"):
        store.corroborate(["nope"])


def test_corroboration_picks_up_documents_saved_without_it(store: CorroboratingStore) -> None:
    SqliteStore.save_document(store, _doc("d1"), [_event("a", "d1")])
    SqliteStore.save_document(store, _doc("d2"), [_event("b", "d2")])
    assert _groups(store) == [{"a"}, {"b"}]  # not corroborated yet: each alone
    assert store.corroborate().documents == ("d1", "d2")
    assert _groups(store) == [{"a", "b"}]


def test_corroboration_recoding_a_document_regroups_only_its_events(store: CorroboratingStore) -> None:
    store.save_document(_doc("d1"), [_event("a", "d1")])
    store.save_document(_doc("d2"), [_event("b", "d2")])
    store.save_document(
        _doc("d2", "A corrected report."), [_event("b", "d2", day=DAY + dt.timedelta(days=5))]
    )
    assert _groups(store) == [{"a"}, {"b"}]
    assert store.event("a") is not None  # the other report's event is untouched


def test_corroboration_copies_are_detected_and_joined(store: CorroboratingStore) -> None:
    text = " ".join(f"word{i}" for i in range(60))
    store.save_document(_doc("wire", text), [_event("a", "wire", day=None, place=None, fatalities=3)])
    store.save_document(
        _doc("copy", text + " extra"), [_event("b", "copy", day=None, place=None, fatalities=3)]
    )
    store.save_document(_doc("other"), [_event("c", "other", day=None, place=None)])
    assert _groups(store) == [{"a", "b"}, {"c"}]
    dup = store._conn.execute("SELECT document_id, duplicate_of, jaccard FROM document_duplicates").fetchall()
    assert [(a, b) for a, b, _ in dup] == [("copy", "wire")] and dup[0][2] >= 0.8
    (c,) = [c for c in store.corroborated() if len(c.members) == 2]
    assert c.independent_sources == 1 and c.fatality_range.per_source == (("wire", 3),)


def test_corroboration_split_and_undo(store: CorroboratingStore) -> None:
    store.save_document(_doc("d1"), [_event("a", "d1")])
    store.save_document(_doc("d2"), [_event("b", "d2")])
    store.save_document(_doc("d3"), [_event("c", "d3")])
    assert _groups(store) == [{"a", "b", "c"}]
    assert store.split_event("a") == "a"  # it keeps its own id; the rest take the next member's
    assert _groups(store) == [{"a"}, {"b", "c"}]
    assert {e.event_id for e in store.corroborated_events()} == {"a", "b"}
    # Kept apart when its report is coded again.
    store.save_document(_doc("d1", "Re-coded."), [_event("a", "d1")])
    assert _groups(store) == [{"a"}, {"b", "c"}]
    assert store.unsplit_event("a") == "b"
    assert _groups(store) == [{"a", "b", "c"}]
    decisions = [d.decision for d in store.explain("b").decisions]  # type: ignore[union-attr]
    assert decisions.count("split") == 1 and "relabel" in decisions
    with pytest.raises(StoreError, match="was not split"):
        store.unsplit_event("a")


def test_corroboration_explain_shows_sources_evidence_and_reasons(store: CorroboratingStore) -> None:
    store.save_document(_doc("d1"), [_event("a", "d1")])
    store.save_document(_doc("d2"), [_event("b", "d2", day=DAY + dt.timedelta(days=1))])
    x = store.explain("b")  # a member's id finds its group
    assert x is not None and x.group_id == "a"
    assert [m.document_id for m in x.corroborated.members] == ["d1", "d2"]
    assert {ev.document_id for ev in x.evidence_by_field()["event_type"]} == {"d1", "d2"}
    data = corr_decisions.explanation_to_json(x)
    assert data["event"]["fatality_range"]["chosen"] == 0  # type: ignore[index]
    decisions = data["decisions"]
    assert isinstance(decisions, list)
    joined = [d for d in decisions if d["decision"] == "joined"]
    assert "1 day(s) apart" in json.dumps(joined)
    assert store.explain("missing") is None


def test_corroboration_events_for_export(store: CorroboratingStore) -> None:
    assert isinstance(store, corr.Corroborating)
    store.save_document(_doc("d1"), [_event("a", "d1", fatalities=2)])
    store.save_document(_doc("d2"), [_event("b", "d2", fatalities=3)])
    events, extras = events_for_export(store, EVERYTHING)
    assert [e.event_id for e in events] == ["a"]
    assert extras["a"]["fatality_range"] == {
        "chosen": 2, "low": 2, "best": 2, "high": 3, "rule": "lowest of 2 conflicting figures",
        "per_source": [{"document_id": "d1", "fatalities": 2}, {"document_id": "d2", "fatalities": 3}],
    }  # fmt: skip
    assert extras["a"]["corroboration"] == {
        "events": ["a", "b"],
        "documents": ["d1", "d2"],
        "independent_sources": 2,
    }
    record = corr_results.corroborated_record(store.corroborated()[0])
    assert record["fatalities"] == 2 and record["fatality_range"] == extras["a"]["fatality_range"]
    events, extras = events_for_export(store, EVERYTHING, per_document=True)
    assert sorted(e.event_id for e in events) == ["a", "b"] and extras == {}


# --- end to end: the seeds, re-published ----------------------------------------------------------------


def _manifest() -> list[dict[str, Any]]:
    lines = (SEEDS / "manifest.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def _ingest_seeds(
    store: CorroboratingStore, coder: Any, folder: Path, prefix: str = "", outlet: str | None = None
) -> None:
    for m in _manifest():
        path = folder / f"{prefix}{m['file']}"
        if prefix:
            shutil.copy(SEEDS / m["file"], path)
        day = dt.date.fromisoformat(m["published"])
        report = ingest([path], store, coder, published=day, outlet=outlet or m["outlet"])
        assert not report.rejected


def _comparable(e: Event) -> tuple[object, ...]:
    return (e.event_id, e.sub_event_type, e.date, e.actor1, e.actor2, e.place, e.fatalities, e.notes)


@pytest.fixture(scope="module")
def seeds_twice(
    coder: Any, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[list[Event], CorroboratingStore]]:
    folder = tmp_path_factory.mktemp("seeds")
    s = CorroboratingStore(folder / "polemos.db")
    _ingest_seeds(s, coder, SEEDS)
    first = s.corroborated_events()
    _ingest_seeds(s, coder, folder, prefix="wire_", outlet="Wire copies")
    yield first, s
    s.close()


def test_corroboration_seeds_republished_give_the_same_events(
    seeds_twice: tuple[list[Event], CorroboratingStore],
) -> None:
    first, s = seeds_twice
    second = s.corroborated_events()
    assert [_comparable(e) for e in second] == [_comparable(e) for e in first]
    for e in second:
        docs = {src.document_id for src in e.sources}
        (original,) = {d for d in docs if not d.startswith("wire_")}
        assert docs == {original, "wire_" + original}, e.event_id
        assert len(e.sources) == 2  # one per report
    dup = s._conn.execute("SELECT document_id, duplicate_of FROM document_duplicates ORDER BY 1").fetchall()
    assert [tuple(r) for r in dup] == [("wire_" + m["file"][:-4], m["file"][:-4]) for m in _manifest()]
    assert all(c.independent_sources == 1 for c in s.corroborated())


def test_corroboration_seeds_keep_events_of_different_days_apart(
    seeds_twice: tuple[list[Event], CorroboratingStore],
) -> None:
    first, _ = seeds_twice
    assert len(first) == len({e.event_id for e in first}) == 20  # every seed event stands alone
    for e in first:
        assert len(e.sources) == 1


# --- end to end: paraphrases of one incident ------------------------------------------------------------


@pytest.fixture(scope="module")
def paraphrased(coder: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[CorroboratingStore]:
    s = CorroboratingStore(tmp_path_factory.mktemp("paraphrases") / "polemos.db")
    report = ingest([PARAPHRASES], s, coder)
    assert report.new == 5 and not report.rejected
    yield s
    s.close()


def test_corroboration_paraphrases_of_one_incident_merge(paraphrased: CorroboratingStore) -> None:
    events = paraphrased.corroborated(EventFilter(place="Gharyan"))
    by_docs = {frozenset(c.documents): c for c in events}
    one = by_docs[
        frozenset(
            {
                "gharyan_a_coastline",
                "gharyan_b_desert_wire",
                "gharyan_c_maghreb_daily",
                "gharyan_e_desert_wire_copy",
            }
        )
    ]
    assert one.event.date is not None and one.event.date.date == dt.date(2019, 6, 26)  # 3 sources to 1
    assert one.independent_sources == 3  # the Sahara Today copy of Desert Wire counts once
    assert one.event.fatalities == 5  # lowest of 8, 12 and 5; the copy does not corroborate 12
    assert (one.fatality_range.low, one.fatality_range.best, one.fatality_range.high) == (5, 8, 12)


def test_corroboration_paraphrases_other_day_stays_apart(paraphrased: CorroboratingStore) -> None:
    later = [
        c
        for c in paraphrased.corroborated(EventFilter(place="Gharyan"))
        if "gharyan_d_coastline_later" in c.documents
    ]
    (c,) = later
    assert c.documents == ("gharyan_d_coastline_later",)
    assert c.event.date is not None and c.event.date.date == dt.date(2019, 6, 30)


def test_corroboration_paraphrases_record_the_copy(paraphrased: CorroboratingStore) -> None:
    rows = paraphrased._conn.execute(
        "SELECT document_id, duplicate_of, jaccard, estimate FROM document_duplicates"
    )
    ((doc, of, j, estimate),) = rows.fetchall()
    assert (doc, of) == ("gharyan_e_desert_wire_copy", "gharyan_b_desert_wire")
    assert j >= 0.8 and 0 < estimate <= 1


# --- the commands ---------------------------------------------------------------------------------------

runner = CliRunner()


def _app() -> typer.Typer:
    app = typer.Typer()
    app.command("explain")(explain_cmd)
    app.command("control")(control_cmd)
    app.command("split")(split_cmd)
    return app


@pytest.fixture
def cli_store(seeds_twice: tuple[list[Event], CorroboratingStore], monkeypatch: pytest.MonkeyPatch) -> str:
    _, s = seeds_twice
    monkeypatch.setattr("polemos.storage.open_store", lambda db: CorroboratingStore(db))
    return s.path


def test_corroboration_explain_command(
    cli_store: str, seeds_twice: tuple[list[Event], CorroboratingStore]
) -> None:
    first, _ = seeds_twice
    tarhuna = next(
        e for e in first if e.place and e.place.name == "Tarhuna" and e.sub_event_type.value.startswith("Gov")
    )
    res = runner.invoke(_app(), ["explain", tarhuna.event_id, "--db", cli_store])
    assert res.exit_code == 0, res.output
    assert "wire_002_37df46fae67b9620" in res.output and "merge decisions" in res.output
    res = runner.invoke(_app(), ["explain", tarhuna.event_id, "--format", "json", "--db", cli_store])
    data = json.loads(res.stdout)
    assert [d["decision"] for d in data["decisions"]] == ["new", "joined"]
    assert data["near_duplicates"][0]["jaccard"] == 1.0
    assert "actor1" in data["evidence"]
    assert runner.invoke(_app(), ["explain", "PLMNOPE", "--db", cli_store]).exit_code == 2


def _holders(output: str) -> set[tuple[str, str, str]]:
    return {(i["place"], i["status"], i["actor"]) for i in json.loads(output)}


def test_corroboration_control_command_on_the_seeds(cli_store: str) -> None:
    gna = "Military Forces of Libya (2016-) Government of National Accord"
    res = runner.invoke(_app(), ["control", "--at", "2020-06-07", "--format", "json", "--db", cli_store])
    assert res.exit_code == 0, res.output
    held = _holders(res.stdout)
    assert {("Tarhuna", "holds", gna), ("Tripoli", "holds", gna)} <= held
    res = runner.invoke(_app(), ["control", "--at", "2018-06-04", "--format", "json", "--db", cli_store])
    held = _holders(res.stdout)
    assert ("Darnah", "holds", "Shura Council of Darnah Mujahidin") in held
    assert ("Darnah", "contests", HAFTAR.name) in held
    for interval in json.loads(res.stdout):
        assert interval["evidence"]
    res = runner.invoke(_app(), ["control", "--place", "Derna", "--db", cli_store])
    assert res.exit_code == 0 and "Darnah" in res.stdout and "entered" in res.stdout


def test_corroboration_control_command_writes_geojson(cli_store: str, tmp_path: Path) -> None:
    target = tmp_path / "control.geojson"
    res = runner.invoke(_app(), ["control", "--format", "geojson", "-o", str(target), "--db", cli_store])
    assert res.exit_code == 0, res.output
    data = json.loads(target.read_text(encoding="utf-8"))
    assert data["type"] == "FeatureCollection" and data["features"]
    props = data["features"][0]["properties"]
    assert {"start", "end", "actor", "status", "evidence"} <= set(props)


def test_corroboration_split_command(store: CorroboratingStore, monkeypatch: pytest.MonkeyPatch) -> None:
    store.save_document(_doc("d1"), [_event("a", "d1")])
    store.save_document(_doc("d2"), [_event("b", "d2")])
    monkeypatch.setattr("polemos.storage.open_store", lambda db: CorroboratingStore(db))
    res = runner.invoke(_app(), ["split", "b", "--db", store.path])
    assert res.exit_code == 0 and "split off into b" in res.stdout
    assert _groups(store) == [{"a"}, {"b"}]
    res = runner.invoke(_app(), ["split", "b", "--undo", "--db", store.path])
    assert res.exit_code == 0 and _groups(store) == [{"a", "b"}]
    assert runner.invoke(_app(), ["split", "zzz", "--db", store.path]).exit_code == 1
