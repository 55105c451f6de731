"""Harm told with no doer after a state force dispersed or fired on a crowd is that force's (the aggregate
stage names it); a doer the report names, another force, another day or place, or harm told as another
incident keep their actors. And a crowd that punishes someone it found stealing is a vigilante militia.
Sentences are our own."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from grouped_mentions import DAY, FAR, mention

from polemos.model import Actor, Document, Evidence
from polemos.stages.actor_vigilantes import crowd_justice
from polemos.stages.event_groups import EventGroup
from polemos.stages.riot_interventions import fold_riot_interventions
from polemos.taxonomy import EventType, SubEventType

_POLICE = Actor("Police Forces of Ruritania (2015-)", 1, "RU")
_ARMY = Actor("Military Forces of Ruritania (2015-)", 1, "RU")
_PROTESTERS = Actor("Protesters (Ruritania)", 6, "RU")
_UNKNOWN = Actor("Unidentified Armed Group (Ruritania)", 3, "RU")
_CIVILIANS = Actor("Civilians (Ruritania)", 7, "RU")
_FORCE = "Police dispersed the marchers with tear gas in Kawela."
_HARM = "Two people were injured."


def _force(actor: Actor = _POLICE, **kw: Any) -> EventGroup:
    m = mention(
        SubEventType.PROTEST_WITH_INTERVENTION, "trigger:disperse", _PROTESTERS, actor, sentence=_FORCE, **kw
    )
    return EventGroup([m])


def _harm(
    a1: Actor | None, rule: str = "actor:unnamed-perpetrator", sentence: str = _HARM, **kw: Any
) -> EventGroup:
    m = mention(SubEventType.ATTACK, "trigger:kill", a1, _CIVILIANS, sentence=sentence, **kw)
    m = dataclasses.replace(m, sentence=dataclasses.replace(m.sentence, start=100))
    if a1 is not None:
        m = dataclasses.replace(
            m, evidence=(*m.evidence, Evidence("actor1", a1.name, "d", sentence, 0, 5, "x", rule))
        )
    return EventGroup([m])


def _doers(groups: list[EventGroup]) -> list[Actor | None]:
    return [g.actor1 for g in fold_riot_interventions(groups)]


def test_harm_with_no_doer_after_force_on_a_crowd_is_the_forces() -> None:
    assert _doers([_force(), _harm(_UNKNOWN)]) == [_PROTESTERS, _POLICE]
    assert _doers([_force(), _harm(None)]) == [_PROTESTERS, _POLICE]
    fallback = "actor:unidentified:unidentified gunmen"
    assert _doers([_force(), _harm(_UNKNOWN, fallback)]) == [_PROTESTERS, _POLICE]


def test_a_named_doer_keeps_the_harm() -> None:
    named = _harm(_UNKNOWN, "actor:unidentified:Unidentified gunmen", "Unidentified gunmen shot a man.")
    assert _doers([_force(), named]) == [_PROTESTERS, _UNKNOWN]


def test_harm_elsewhere_another_day_or_of_another_incident_keeps_its_doer() -> None:
    assert _doers([_force(), _harm(_UNKNOWN, place=FAR)]) == [_PROTESTERS, _UNKNOWN]
    assert _doers([_force(), _harm(_UNKNOWN, day=DAY + dt.timedelta(days=2))]) == [_PROTESTERS, _UNKNOWN]
    other = _harm(_UNKNOWN, sentence="In a separate incident, two people were injured.")
    assert _doers([_force(), other]) == [_PROTESTERS, _UNKNOWN]


def test_two_forces_leave_the_harm_unnamed() -> None:
    assert _doers([_force(), _force(_ARMY), _harm(_UNKNOWN)])[-1] == _UNKNOWN


def test_the_coder_names_the_police_who_dispersed_the_crowd(coder: Any) -> None:
    text = (
        "Hundreds of opposition supporters gathered at the airport in Libreville but were dispersed by the "
        "police, who fired tear gas at the crowd. Two people were injured."
    )
    events = coder.code(Document(id="c", text=text, published=dt.date(2017, 6, 10)))
    attacks = [e for e in events if e.sub_event_type is SubEventType.ATTACK]
    assert attacks and all(
        e.actor1 is not None and e.actor1.name.startswith("Police Forces of Gabon") for e in attacks
    )


def test_a_crowd_that_punishes_someone_found_stealing_is_vigilantes() -> None:
    for text in (
        "A man who was discovered to have been stealing a goat was beaten to death by villagers.",
        "Residents found a man stealing a cow and beat him to death.",
    ):
        assert crowd_justice(EventType.VIOLENCE_AGAINST_CIVILIANS, None, text, text, [])
