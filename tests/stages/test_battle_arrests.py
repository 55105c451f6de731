"""An arrest told at a battle's day and place by its sides is part of that battle (ACLED's aggregation
rule: interactions of the same actors, place and day are one event); an arrest by an outside party,
another day, another place, or told as another incident stays its own event (own sentences and actors)."""

from __future__ import annotations

import datetime as dt

from grouped_mentions import DAY, FAR, TOWN, mention

from polemos.model import Actor, Place
from polemos.stages.battle_arrests import fold_battle_arrests
from polemos.stages.event_groups import EventGroup, top_mention
from polemos.taxonomy import SubEventType

_ARMY = Actor("Military Forces of Ruritania (2015-)", 1, "RU")
_POLICE = Actor("Police Forces of Ruritania (2015-)", 1, "RU")
_FOREIGN = Actor("Police Forces of Borduria (2015-)", 1, "BD")
_FRONT = Actor("Ruritanian Liberation Front", 2, "RU")
_CIVILIANS = Actor("Civilians (Ruritania)", 7, "RU")
_DAY = DAY
_TOWN = TOWN
_FAR = FAR
_TEXT = "Soldiers killed two fighters in the hills near Kawela and detained a suspect during the operation."


def _group(
    sub: SubEventType,
    rule: str,
    a1: Actor | None,
    a2: Actor | None,
    *,
    day: dt.date = _DAY,
    place: Place = _TOWN,
    sentence: str = _TEXT,
) -> EventGroup:
    return EventGroup([mention(sub, rule, a1, a2, sentence=sentence, day=day, place=place)])


def _battle() -> EventGroup:
    return _group(SubEventType.ARMED_CLASH, "trigger:kill+victims:armed", _ARMY, _FRONT)


def _arrest(
    a1: Actor | None,
    a2: Actor | None = None,
    *,
    day: dt.date = _DAY,
    place: Place = _TOWN,
    sentence: str = _TEXT,
) -> EventGroup:
    return _group(SubEventType.ARRESTS, "trigger:arrest", a1, a2, day=day, place=place, sentence=sentence)


def test_a_suspect_detained_in_the_operation_is_part_of_the_battle() -> None:
    [one] = fold_battle_arrests([_battle(), _arrest(_ARMY)])
    assert top_mention(one).sub_event_type is SubEventType.ARMED_CLASH
    assert (one.actor1, one.actor2, len(one.mentions)) == (_ARMY, _FRONT, 2)


def test_fighters_captured_by_the_state_s_police_or_with_no_captor_named() -> None:
    assert len(fold_battle_arrests([_battle(), _arrest(_POLICE, _CIVILIANS)])) == 1
    assert len(fold_battle_arrests([_arrest(None, _FRONT), _battle()])) == 1


def test_an_arrest_by_an_outside_party_stays_apart() -> None:
    assert len(fold_battle_arrests([_battle(), _arrest(_FOREIGN)])) == 2


def test_an_arrest_another_day_or_elsewhere_stays_apart() -> None:
    later = _DAY + dt.timedelta(days=3)
    assert len(fold_battle_arrests([_battle(), _arrest(_ARMY, day=later)])) == 2
    assert len(fold_battle_arrests([_battle(), _arrest(_ARMY, place=_FAR)])) == 2


def test_an_arrest_told_as_another_incident_stays_apart() -> None:
    other = "In a separate incident, police arrested a trader in Kawela."
    assert len(fold_battle_arrests([_battle(), _arrest(_POLICE, sentence=other)])) == 2


def test_an_arrest_beside_two_battles_is_left_alone() -> None:
    second = _group(SubEventType.ARMED_CLASH, "trigger:clash", _ARMY, _FRONT)
    assert len(fold_battle_arrests([_battle(), second, _arrest(_ARMY)])) == 3
