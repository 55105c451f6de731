"""Unspecified "security forces" that met a protest or riot are the country's police (ACLED codes the
forces keeping public order as police); soldiers named as such stay the army."""

from __future__ import annotations

import datetime as dt
from typing import Any

from polemos.model import Actor, Document
from polemos.stages.actor_crowd_forces import crowd_police
from polemos.taxonomy import EventType

_ARMY = Actor("Military Forces of Egypt (2014-)", 1, "EG")
_POLICE = Actor("Police Forces of Egypt (2014-)", 1, "EG")


class _M:
    def __init__(self, text: str) -> None:
        self.text = text


def test_unspecified_security_forces_meeting_a_crowd_are_police() -> None:
    assert crowd_police(EventType.PROTESTS, _M("security forces"), _ARMY) == _POLICE  # type: ignore[arg-type]
    assert crowd_police(EventType.RIOTS, _M("Central Security Forces"), _ARMY) == _POLICE  # type: ignore[arg-type]


def test_soldiers_and_other_events_keep_the_army() -> None:
    assert crowd_police(EventType.PROTESTS, _M("soldiers"), _ARMY) == _ARMY  # type: ignore[arg-type]
    assert crowd_police(EventType.BATTLES, _M("security forces"), _ARMY) == _ARMY  # type: ignore[arg-type]


def test_security_forces_dispersing_a_protest_are_coded_as_police(coder: Any) -> None:
    text = "Security forces dispersed a protest by unpaid teachers in Tanta."
    events = coder.code(Document(id="crowd-police", text=text, published=dt.date(2017, 2, 5)))
    protests = [e for e in events if e.event_type is EventType.PROTESTS]
    assert protests and protests[0].actor2 == _POLICE
