"""Sides of a battle and of a crowd's clash (own sentences and actors): civilians are no side of a battle
(ACLED: a fight between organised armed groups), whichever mention of the event named them; an attack
word that names no victim, told beside armed dead, is the fight they make it; another crowd word is the
same crowd, never its counterpart."""

from __future__ import annotations

import datetime as dt
from typing import Any

from grouped_mentions import mention

from polemos.model import Actor, Document, EventMention
from polemos.stages.event_groups import EventGroup
from polemos.stages.sentence_incidents import fold_killings
from polemos.taxonomy import EventType, SubEventType

_ARMY = Actor("Military Forces of Ruritania", 1, "RU")
_FRONT = Actor("Ruritanian Liberation Front", 2, "RU")
_POLICE = Actor("Police Forces of Ruritania", 1, "RU")
_CIVILIANS = Actor("Civilians (Ruritania)", 7, "RU")
_SENTENCE = "Fighting broke out in Kawela. The attack went on all night."


def _m(sub: SubEventType, rule: str, a1: Actor | None, a2: Actor | None) -> EventMention:
    return mention(sub, rule, a1, a2, sentence=_SENTENCE)


def test_a_battle_takes_the_armed_side_over_civilians_another_mention_named() -> None:
    # "the attack" told again with its default civilians, then the side the army fought
    g = EventGroup(
        [
            _m(SubEventType.ARMED_CLASH, "trigger:attack+named-again", _ARMY, _CIVILIANS),
            _m(SubEventType.ARMED_CLASH, "trigger:clash", _ARMY, _FRONT),
        ]
    )
    assert g.actor2_of(EventType.BATTLES) == _FRONT


def test_a_battle_whose_mentions_name_only_civilians_has_no_actor_2() -> None:
    g = EventGroup([_m(SubEventType.ARMED_CLASH, "trigger:clash", _ARMY, _CIVILIANS)])
    assert g.actor2_of(EventType.BATTLES) is None


def test_violence_against_civilians_keeps_its_civilians() -> None:
    g = EventGroup([_m(SubEventType.ATTACK, "trigger:attack", _ARMY, _CIVILIANS)])
    assert g.actor2_of(EventType.VIOLENCE_AGAINST_CIVILIANS) == _CIVILIANS


def test_a_battle_coded_from_a_report_names_no_civilian_side(coder: Any) -> None:
    text = (
        "A radio reporter was killed by a sniper in Sabri while covering the offensive. He was embedded "
        "with army special forces who led the attack."
    )
    events = coder.code(Document(id="embedded", text=text, published=dt.date(2017, 3, 3)))
    battles = [e for e in events if e.sub_event_type.event_type is EventType.BATTLES]
    assert battles
    assert all(e.actor2 is None or e.actor2.inter != 7 for e in battles)


def test_an_attack_that_names_no_victim_is_the_fight_its_armed_dead_tell() -> None:
    # "a policeman was injured at the station when it was raided": the raid read no victim of its own
    raid = _m(SubEventType.ATTACK, "trigger:attack", _POLICE, _CIVILIANS)
    hurt = _m(SubEventType.ARMED_CLASH, "trigger:kill+victims:armed", None, _POLICE)
    [one] = fold_killings([raid, hurt])
    assert one.sub_event_type is SubEventType.ARMED_CLASH
    assert (one.actor1, one.actor2) == (None, _POLICE)


def test_an_attack_that_read_civilian_victims_stays_an_attack() -> None:
    raid = _m(SubEventType.ATTACK, "trigger:attack+object:person", _FRONT, _CIVILIANS)
    hurt = _m(SubEventType.ARMED_CLASH, "trigger:kill+victims:armed", None, _POLICE)
    assert SubEventType.ATTACK in {m.sub_event_type for m in fold_killings([raid, hurt])}


def test_a_raid_on_a_police_station_is_a_battle_with_the_police(coder: Any) -> None:
    text = (
        "A policeman is reported to have been injured in the Hay Salam police station in Sirte when it "
        "was raided yesterday in an attempt to free a detainee."
    )
    events = coder.code(Document(id="raid", text=text, published=dt.date(2017, 3, 3)))
    assert [e.sub_event_type for e in events] == [SubEventType.ARMED_CLASH]
    e = events[0]
    assert e.actor2 is not None and e.actor2.name.startswith("Police Forces of Libya")
    assert e.actor1 is not None and e.actor1.name.startswith("Unidentified Armed Group")


def test_a_crowd_clashing_with_forces_meets_the_forces_not_a_second_crowd(coder: Any) -> None:
    text = "Clashes broke out between riot police and student protesters in Kampala."
    events = coder.code(Document(id="crowd", text=text, published=dt.date(2017, 3, 3)))
    crowds = [e for e in events if e.actor1 is not None and e.actor1.inter in (5, 6)]
    assert crowds
    assert all(e.actor2 is not None and e.actor2.inter == 1 for e in crowds)
