"""The real pipeline on the seeds: framing-dependent actors, non-events, background events, evidence."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from polemos.model import Document, Event, TimePrecision
from polemos.sources import read_documents
from polemos.taxonomy import SubEventType

SEEDS = Path(__file__).parent / "fixtures" / "seeds"
HAFTAR = "Military Forces of Libya (2014-) Haftar Faction"
GNA = "Military Forces of Libya (2016-) Government of National Accord"


def _code(coder: Any, name: str, published: str) -> tuple[Document, list[Event]]:
    doc = next(d for d in read_documents([SEEDS / name], published=dt.date.fromisoformat(published)))
    assert isinstance(doc, Document)
    return doc, coder.code(doc)


@pytest.fixture(scope="module")
def seed000(coder: Any) -> tuple[Document, list[Event]]:
    return _code(coder, "000_aea3f91c47e42a8b.txt", "2018-06-04")


@pytest.fixture(scope="module")
def seed001(coder: Any) -> tuple[Document, list[Event]]:
    return _code(coder, "001_7408a9ead5e549ea.txt", "2018-05-08")


@pytest.fixture(scope="module")
def seed002(coder: Any) -> tuple[Document, list[Event]]:
    return _code(coder, "002_37df46fae67b9620.txt", "2020-06-07")


def _find(events: list[Event], sub: SubEventType, day: str) -> Event:
    hits = [e for e in events if e.sub_event_type is sub and e.date and e.date.date.isoformat() == day]
    assert hits, f"no {sub.value} on {day}: {[(e.sub_event_type.value, e.date) for e in events]}"
    return hits[0]


def test_e2e_libyan_army_is_haftar_in_pro_lna_report(seed000: tuple[Document, list[Event]]) -> None:
    doc, events = seed000
    entry = _find(events, SubEventType.GOVERNMENT_REGAINS_TERRITORY, "2018-06-04")
    assert entry.actor1 is not None and entry.actor1.name == HAFTAR
    assert entry.actor2 is not None and entry.actor2.name == "Shura Council of Darnah Mujahidin"
    ev = next(e for e in entry.evidence if e.field == "actor1")
    assert "Libyan army" in doc.text[ev.start : ev.end] or "army" in ev.text
    assert "Haftar" in ev.rule or "lna" in ev.rule.lower()


def test_e2e_libyan_army_is_gna_in_pro_gna_report(seed002: tuple[Document, list[Event]]) -> None:
    _, events = seed002
    tarhuna = _find(events, SubEventType.GOVERNMENT_REGAINS_TERRITORY, "2020-06-05")
    assert tarhuna.actor1 is not None and tarhuna.actor1.name == GNA
    assert tarhuna.actor2 is not None and tarhuna.actor2.name == HAFTAR
    ev = next(e for e in tarhuna.evidence if e.field == "actor1")
    assert "army" in ev.text.lower()
    assert "gna" in ev.rule.lower() or "framing" in ev.rule.lower()


def test_e2e_future_and_intended_captures_are_not_events(seed001: tuple[Document, list[Event]]) -> None:
    _, events = seed001
    sentences = " ".join(s.sentence for e in events for s in e.sources)
    assert "vowed on Monday that it would be captured" not in sentences
    assert "Capturing Derna would complete" not in sentences


def test_e2e_background_event_keeps_its_own_date(seed001: tuple[Document, list[Event]]) -> None:
    _, events = seed001
    isis = [e for e in events if any("In November 2014" in s.sentence for s in e.sources)]
    assert isis, "the 2014 capture by ISIS should be coded as a background event"
    (event,) = isis
    assert event.date is not None
    assert event.date.date == dt.date(2014, 11, 15)
    assert event.date.precision is TimePrecision.MONTH
    assert "background" in event.flags


def test_e2e_fatalities_sum_sides_and_keep_claims(seed001: tuple[Document, list[Event]]) -> None:
    _, events = seed001
    clash = _find(events, SubEventType.ARMED_CLASH, "2018-05-07")
    assert clash.fatalities == 5
    claimants = {c.claimant for c in clash.fatality_claims}
    assert any(c and "doctor" in c for c in claimants)
    assert any(c and "DMSC" in c for c in claimants)


def test_e2e_every_event_field_has_evidence_in_the_text(
    seed002: tuple[Document, list[Event]], seed000: tuple[Document, list[Event]]
) -> None:
    for doc, events in (seed000, seed002):
        for event in events:
            fields = {e.field for e in event.evidence}
            assert "event_type" in fields
            for ev in event.evidence:
                assert doc.text[ev.start : ev.end] == ev.text
                assert ev.sentence in doc.text


@pytest.mark.parametrize(
    ("text", "toll"),
    [
        (
            "Gunmen attacked a police checkpoint outside Kandahar city on Monday. Eight policemen were "
            "reported dead, a provincial spokesman said.",
            8,
        ),
        (
            "Fighting broke out between two armed groups near Sabha on Friday. The next day the death toll "
            "rose to 12, a hospital source said.",
            12,
        ),
    ],
)
def test_a_toll_in_its_own_sentence_goes_to_the_event_just_told(coder: Any, text: str, toll: int) -> None:
    doc = Document(id="toll", text=text, published=dt.date(2019, 5, 7))
    events = coder.code(doc)
    assert [e.fatalities for e in events] == [toll]
    claim = events[0].fatality_claims[0]
    assert doc.text[claim.start : claim.end] in text.split(". ")[1]


def test_a_toll_three_sentences_later_is_not_taken(coder: Any) -> None:
    text = (
        "Gunmen attacked a police checkpoint outside Kandahar city on Monday. The governor visited the "
        "city. Schools stayed open. Eight people were reported dead in a road accident elsewhere."
    )
    events = coder.code(Document(id="far", text=text, published=dt.date(2019, 5, 7)))
    assert [e.fatalities for e in events] == [0]


def test_a_bare_death_after_an_attack_is_its_toll_not_a_second_event(coder: Any) -> None:
    text = "Government aircraft bombed the village of Tabit on Monday. Two farmers died."
    events = coder.code(Document(id="bare", text=text, published=dt.date(2016, 7, 5)))
    assert len(events) == 1
    assert events[0].fatalities == 2


def test_a_death_with_its_own_killer_after_an_attack_stays_an_event(coder: Any) -> None:
    text = (
        "Government aircraft bombed the village of Tabit on Monday. In Kutum, gunmen shot dead two "
        "traders on Monday."
    )
    events = coder.code(Document(id="own", text=text, published=dt.date(2016, 7, 5)))
    assert len(events) == 2
