"""One incident told as one event: an act and a bare killing verb in one sentence are one event of the act's
type, with the dead; "the attack" told after a bombing names it again (own sentences; unit tests of the
fold, then the real pipeline)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from polemos.model import Actor, Document, Event, EventMention, Evidence, Span
from polemos.stages.sentence_incidents import fold_killings, merge_in_sentence
from polemos.taxonomy import SubEventType

_ARMY = Actor("Military Forces of Ruritania", 1, "RU")
_REBELS = Actor("Ruritanian Liberation Front", 2, "RU")
_CIVILIANS = Actor("Civilians (Ruritania)", 7, "RU")
_UNKNOWN = Actor("Unidentified Armed Group (Ruritania)", 3, "RU")
_SENTENCE = Span(0, 60, "x" * 60)


def _m(sub: SubEventType, rule: str, at: int, a1: Actor | None, a2: Actor | None) -> EventMention:
    ev = Evidence("event_type", sub.value, "d", _SENTENCE.text, at, at + 5, "trig", rule)
    return EventMention("d", sub, Span(at, at + 5, "trig"), _SENTENCE, a1, a2, evidence=(ev,))


def test_a_strike_that_killed_civilians_is_one_strike_against_them() -> None:
    strike = _m(SubEventType.AIR_DRONE_STRIKE, "trigger:strike", 5, _ARMY, _REBELS)
    kill = _m(SubEventType.ATTACK, "trigger:kill+object:civilian_traffic", 30, _ARMY, _CIVILIANS)
    [one] = fold_killings([strike, kill])
    assert one.sub_event_type is SubEventType.AIR_DRONE_STRIKE
    assert one.actor2 == _CIVILIANS


def test_a_killing_read_as_a_fight_stays_the_attack_on_civilians() -> None:
    fired = _m(SubEventType.ATTACK, "trigger:attack+object:civilian_traffic", 5, _ARMY, _CIVILIANS)
    kill = _m(SubEventType.ARMED_CLASH, "trigger:kill+victims:armed", 30, _ARMY, _REBELS)
    [one] = merge_in_sentence([fired, kill])
    assert (one.sub_event_type, one.actor2) == (SubEventType.ATTACK, _CIVILIANS)


def test_an_abduction_then_a_killing_is_an_attack() -> None:
    taken = _m(SubEventType.ABDUCTION, "trigger:abduction", 5, _UNKNOWN, _CIVILIANS)
    kill = _m(SubEventType.ATTACK, "trigger:kill", 30, None, _CIVILIANS)
    [one] = fold_killings([taken, kill])
    assert (one.sub_event_type, one.actor1) == (SubEventType.ATTACK, _UNKNOWN)


def test_soldiers_killed_beside_an_abduction_stay_a_fight() -> None:
    taken = _m(SubEventType.ABDUCTION, "trigger:territory+object:person", 40, _REBELS, _CIVILIANS)
    kill = _m(SubEventType.ARMED_CLASH, "trigger:kill+victims:armed", 20, _REBELS, _ARMY)
    assert len(fold_killings([taken, kill])) == 2


def test_another_side_s_killing_is_an_event_of_its_own() -> None:
    strike = _m(SubEventType.AIR_DRONE_STRIKE, "trigger:strike", 5, _ARMY, _REBELS)
    kill = _m(SubEventType.ATTACK, "trigger:kill", 30, _REBELS, _CIVILIANS)
    assert len(fold_killings([strike, kill])) == 2


def test_a_killing_beside_a_protest_is_not_folded() -> None:
    protest = _m(SubEventType.PEACEFUL_PROTEST, "trigger:protest", 5, None, None)
    kill = _m(SubEventType.ATTACK, "trigger:kill", 30, _UNKNOWN, _CIVILIANS)
    assert len(fold_killings([protest, kill])) == 2


def _events(coder: Any, text: str) -> list[Event]:
    events: list[Event] = coder.code(Document(id="inc", text=text, published=dt.date(2019, 9, 12)))
    return events


@pytest.mark.parametrize(
    ("text", "sub", "dead"),
    [
        # A strike whose target the parse reads as the advancing side, and a killing of passengers.
        (
            "An AMISOM strike ahead of an army advance hit a minibus near Jilib, killing 6 passengers.",
            SubEventType.AIR_DRONE_STRIKE,
            6,
        ),
        # "the attack" names the bombing again, whatever type the word alone would read as.
        (
            "Suicide bombers killed nine people at a market in Gwoza on 10 September. "
            "The attack took place shortly after the morning prayers.",
            SubEventType.SUICIDE_BOMB,
            9,
        ),
        (
            "A roadside bomb killed four civilians near Gwoza on 10 September. "
            "Nobody has claimed the attack.",
            SubEventType.REMOTE_EXPLOSIVE,
            4,
        ),
        # Told as a fight between armed sides, the bombing was part of a battle (ACLED: Battles).
        (
            "Two suicide bombers were killed after detonating their bombs when confronted by vigilantes "
            "near Gwoza on 10 September. One vigilante was injured in the attack.",
            SubEventType.ARMED_CLASH,
            2,
        ),
    ],
)
def test_one_incident_one_event(coder: Any, text: str, sub: SubEventType, dead: int) -> None:
    events = _events(coder, text)
    assert [(e.sub_event_type, e.fatalities) for e in events] == [(sub, dead)]
