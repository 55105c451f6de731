"""Force on a crowd that turned violent is part of its riot (ACLED's aggregation rule: the same sides,
place and day are one event, a Riots one once the crowd is violent); a peaceful protest beside a riot,
force used elsewhere or another day, or told as another incident stays apart (own sentences)."""

from __future__ import annotations

import datetime as dt

from grouped_mentions import DAY, FAR, TOWN, mention

from polemos.model import Actor, Place
from polemos.stages.event_groups import EventGroup, top_mention
from polemos.stages.riot_interventions import fold_riot_interventions
from polemos.taxonomy import EventType, SubEventType

_POLICE = Actor("Police Forces of Ruritania (2015-)", 1, "RU")
_RIOTERS = Actor("Rioters (Ruritania)", 5, "RU")
_PROTESTERS = Actor("Protesters (Ruritania)", 6, "RU")
_DAY = DAY
_TOWN = TOWN
_FAR = FAR
_TEXT = "Two men were shot dead in Kawela when marchers hurled stones and burnt tyres as police fought them."


def _group(
    sub: SubEventType,
    a1: Actor | None,
    a2: Actor | None,
    *,
    day: dt.date = _DAY,
    place: Place = _TOWN,
    sentence: str = _TEXT,
) -> EventGroup:
    return EventGroup([mention(sub, "trigger:protest", a1, a2, sentence=sentence, day=day, place=place)])


def _riot() -> EventGroup:
    return _group(SubEventType.VIOLENT_DEMONSTRATION, _RIOTERS, None)


def _force(
    sub: SubEventType = SubEventType.EXCESSIVE_FORCE_AGAINST_PROTESTERS,
    *,
    day: dt.date = _DAY,
    place: Place = _TOWN,
    sentence: str = _TEXT,
) -> EventGroup:
    return _group(sub, _PROTESTERS, _POLICE, day=day, place=place, sentence=sentence)


def test_deadly_force_on_a_violent_crowd_is_one_riot_with_the_police() -> None:
    [one] = fold_riot_interventions([_force(), _riot()])
    assert top_mention(one).sub_event_type is SubEventType.VIOLENT_DEMONSTRATION
    assert (one.actor1, one.actor2, len(one.mentions)) == (_RIOTERS, _POLICE, 2)


def test_a_dispersed_violent_crowd_is_one_riot() -> None:
    [one] = fold_riot_interventions([_riot(), _force(SubEventType.PROTEST_WITH_INTERVENTION)])
    assert one.first.event_type is EventType.RIOTS


def test_only_forces_stand_as_the_riot_s_other_side() -> None:
    civilians = Actor("Civilians (Ruritania)", 7, "RU")
    cause = _group(SubEventType.PROTEST_WITH_INTERVENTION, _PROTESTERS, civilians)
    [one] = fold_riot_interventions([_riot(), cause])
    assert one.actor2 is None


def test_a_peaceful_protest_beside_a_riot_is_left_alone() -> None:
    calm = _group(SubEventType.PEACEFUL_PROTEST, _PROTESTERS, None)
    assert len(fold_riot_interventions([calm, _riot()])) == 2


def test_force_elsewhere_or_another_day_stays_apart() -> None:
    assert len(fold_riot_interventions([_riot(), _force(place=_FAR)])) == 2
    assert len(fold_riot_interventions([_riot(), _force(day=_DAY + dt.timedelta(days=2))])) == 2


def test_force_told_as_another_incident_stays_apart() -> None:
    other = "In a separate incident, police fired on marchers in Kawela."
    assert len(fold_riot_interventions([_riot(), _force(sentence=other)])) == 2
