"""Tests for strikes told without an aerial word where they happen: bombs dropped, a craft's model, and a
sentence that goes on about the blasts of the bombers the sentence before named (stages/actor_air.py)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from polemos.model import Document
from polemos.taxonomy import SubEventType

GADDAFI = "Military Forces of Libya (1969-2011)"
OUP = "Operation Unified Protector: NATO Mission in Libya (2011-2011)"
CAMPAIGN = dt.date(2011, 5, 10)  # NATO's air campaign over Libya


def _coded(coder: Any, text: str, published: dt.date = CAMPAIGN) -> list[tuple[Any, ...]]:
    events = coder.code(Document(id="t", text=text, published=published))
    return [
        (e.sub_event_type, e.actor1.name if e.actor1 else None, e.actor2.name if e.actor2 else None)
        for e in events
    ]


@pytest.mark.parametrize(
    "text",
    [
        "The ministry said its pilots had dropped 90 guided bombs on depots near Sirte.",
        "A spokesman said it dropped 40 bombs around Brega overnight.",
    ],
)
def test_bombs_dropped_are_an_air_strike_by_the_period_air_power(coder: Any, text: str) -> None:
    # before: a planted bomb's sub-type, and the regime (the year's unnamed perpetrator) as its doer
    assert _coded(coder, text) == [(SubEventType.AIR_DRONE_STRIKE, OUP, GADDAFI)]


def test_a_craft_model_strikes_as_the_period_air_power(coder: Any) -> None:
    text = "Two F-16s bombed an ammunition depot near Brega on Tuesday."
    assert [a1 for _, a1, _ in _coded(coder, text)] == [OUP]


def test_the_blasts_of_the_bombers_named_before_are_theirs(coder: Any) -> None:
    text = (
        "Six bombers flew over Brega before dawn. "
        "Local television said 12 soldiers were killed in the blasts."
    )
    assert [a1 for _, a1, _ in _coded(coder, text)] == [OUP]


def test_blasts_with_no_aircraft_before_stay_the_years_unnamed_perpetrators(coder: Any) -> None:
    text = "Heavy fighting was reported in Brega. Residents said 12 soldiers were killed in the blasts."
    assert OUP not in [a1 for _, a1, _ in _coded(coder, text)]


def test_the_missiles_told_again_are_the_cruise_missiles_of_the_sentence_before(coder: Any) -> None:
    text = (
        "Two destroyers fired 40 Tomahawks at air defence sites near Sirte. "
        "The missiles were launched at dawn."
    )
    assert _coded(coder, text, dt.date(2011, 3, 20)) == [(SubEventType.SHELLING, OUP, GADDAFI)]


def test_a_cruise_missiles_make_is_no_place(coder: Any) -> None:
    # "Tomahawk" is a town in Wisconsin too: read as a place, it set the report in the United States
    text = "Two destroyers fired 40 Tomahawk missiles at air defence sites."
    events = coder.code(Document(id="t", text=text, published=dt.date(2011, 3, 20)))
    assert events and all(e.place is None for e in events)


@pytest.mark.parametrize(
    "text",
    [
        "Unidentified aircraft bombed a militia convoy near Ubari on Wednesday.",
        "Explosions shook a camp near Ubari after bombing by unknown (foreign) aircraft.",
        "An airstrike hit a militia base in Sebha, killing five. The attack was unclaimed.",
    ],
)
def test_unknown_aircraft_are_no_air_powers_by_default(coder: Any, text: str) -> None:
    # before: the period's air power (Haftar's camp held most of the air force)
    actors = [a1 for _, a1, _ in _coded(coder, text, dt.date(2017, 4, 26))]
    assert actors and set(actors) == {"Unidentified Armed Group (Libya)"}


def test_aircraft_with_no_word_of_their_owner_stay_the_air_powers(coder: Any) -> None:
    text = "An airstrike hit a militia base in Sebha, killing five."
    assert [a1 for _, a1, _ in _coded(coder, text, dt.date(2017, 4, 26))] == [
        "Military Forces of Libya (2014-) Haftar Faction"
    ]
