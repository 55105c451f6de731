"""A killing read as a battle only for its armed victims joins the attack on civilians told that day and
place by the same attacker (ACLED: one event per incident, the act with its dead); two sides killing each
other, another day, another place, another killer, or a killing told as another incident stay apart
(own sentences and actors)."""

from __future__ import annotations

import datetime as dt

from grouped_mentions import DAY, FAR, TOWN, mention

from polemos.model import Actor, EventMention, Place
from polemos.stages.armed_killings import fold_armed_killings
from polemos.stages.event_groups import EventGroup, top_mention
from polemos.taxonomy import EventType, SubEventType

_GUNMEN = Actor("Unidentified Armed Group (Ruritania)", 3, "RU")
_FRONT = Actor("Ruritanian Liberation Front", 2, "RU")
_POLICE = Actor("Police Forces of Ruritania", 1, "RU")
_CLAN = Actor("Tolo Clan Militia (Ruritania)", 4, "RU")
_CIVILIANS = Actor("Civilians (Ruritania)", 7, "RU")
_DAY = DAY
_TOWN = TOWN
_FAR = FAR
_SENTENCE = "Gunmen shot at four councillors of Kawela. The chairman and a guard were both killed."


def _m(
    sub: SubEventType,
    rule: str,
    a1: Actor | None,
    a2: Actor | None,
    *,
    day: dt.date = _DAY,
    place: Place = _TOWN,
    sentence: str = _SENTENCE,
) -> EventMention:
    return mention(sub, rule, a1, a2, sentence=sentence, day=day, place=place)


def _attack(a1: Actor | None = _GUNMEN, rule: str = "trigger:attack") -> EventGroup:
    return EventGroup([_m(SubEventType.ATTACK, rule, a1, _CIVILIANS)])


def _killing(
    a1: Actor | None,
    a2: Actor | None,
    *,
    day: dt.date = _DAY,
    place: Place = _TOWN,
    sentence: str = _SENTENCE,
) -> EventGroup:
    rule = "trigger:kill+victims:armed"
    return EventGroup([_m(SubEventType.ARMED_CLASH, rule, a1, a2, day=day, place=place, sentence=sentence)])


def test_the_dead_of_an_attack_read_as_a_fight_join_the_attack() -> None:
    [one] = fold_armed_killings([_attack(), _killing(_GUNMEN, None)])
    assert top_mention(one).sub_event_type is SubEventType.ATTACK
    assert (one.actor1, one.actor2, len(one.mentions)) == (_GUNMEN, _CIVILIANS, 2)


def test_victims_read_as_the_first_side_still_join_the_attack_that_names_itself() -> None:
    # "an officer and a trader were shot dead ... the group claimed the assassination"
    attack = _attack(_FRONT, "trigger:assassination")
    [one] = fold_armed_killings([_killing(_POLICE, _FRONT), attack])
    assert one.first.event_type is EventType.VIOLENCE_AGAINST_CIVILIANS
    assert one.actor1 == _FRONT


def test_an_abduction_then_the_killing_of_its_guards_is_one_attack() -> None:
    taken = EventGroup([_m(SubEventType.ABDUCTION, "trigger:abduction", _GUNMEN, _CIVILIANS)])
    [one] = fold_armed_killings([_killing(_GUNMEN, _POLICE), taken])
    assert top_mention(one).sub_event_type is SubEventType.ATTACK


def test_dead_beside_dead_name_no_attack_to_join() -> None:
    # "five militiamen were killed and 15, among them civilians, wounded": the dead of both sides
    wounded = _attack(_GUNMEN, "trigger:kill+object:civilian_traffic")
    assert len(fold_armed_killings([wounded, _killing(_GUNMEN, None)])) == 2


def test_two_sides_killing_each_other_stay_a_fight() -> None:
    # "clashes reported: two Tolo men were killed and one Bari man injured"
    hurt = _attack(_CLAN, "trigger:kill")
    assert len(fold_armed_killings([hurt, _killing(_GUNMEN, _CLAN)])) == 2


def test_another_place_another_day_or_another_killer_stay_apart() -> None:
    assert len(fold_armed_killings([_attack(), _killing(_GUNMEN, None, place=_FAR)])) == 2
    later = _DAY + dt.timedelta(days=1)
    assert len(fold_armed_killings([_attack(), _killing(_GUNMEN, None, day=later)])) == 2
    assert len(fold_armed_killings([_attack(), _killing(_FRONT, _POLICE)])) == 2


def test_a_killing_told_as_another_incident_stays_apart() -> None:
    other = "In a separate attack, two policemen were killed."
    assert len(fold_armed_killings([_attack(), _killing(None, _POLICE, sentence=other)])) == 2


def test_freeing_hostages_is_no_attack_a_killing_joins() -> None:
    freed = EventGroup([_m(SubEventType.ABDUCTION, "trigger:territory+object:person", _FRONT, _CIVILIANS)])
    assert len(fold_armed_killings([freed, _killing(_POLICE, _FRONT)])) == 2


def test_a_battle_with_an_act_of_its_own_is_not_folded() -> None:
    fight = _killing(_GUNMEN, _POLICE)
    clash = _m(SubEventType.ARMED_CLASH, "trigger:clash", _GUNMEN, _POLICE)
    fight.mentions.append(clash)
    assert len(fold_armed_killings([_attack(), fight])) == 2


def test_two_attacks_there_leave_the_killing_undecided() -> None:
    groups = [_attack(), _attack(None), _killing(_GUNMEN, None)]
    assert len(fold_armed_killings(groups)) == 3
