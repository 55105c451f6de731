"""Deminers or soldiers told as defusing, dismantling or clearing the device that went off were its
casualties: the blast is remote violence by whoever planted it (unnamed: an unidentified armed group)
against the handlers' force, never the handlers' own deed."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from polemos.model import Document
from polemos.stages.device_handlers import handled_device


@pytest.mark.parametrize(
    ("text", "sides"),
    [
        (
            "Two bomb disposal experts were killed in Helmand. Soldiers of the Afghan National Army were "
            "trying to defuse a roadside bomb when it exploded, killing both of them.",
            ("Unidentified Armed Group (Afghanistan)", "Military Forces of Afghanistan (2014-)"),
        ),
        # a named planter still leads
        (
            "A roadside bomb planted by the Taliban exploded in Helmand, killing two soldiers of the Afghan "
            "National Army who were on patrol.",
            ("Taliban", "Military Forces of Afghanistan (2014-)"),
        ),
    ],
)
def test_the_handlers_of_a_device_that_went_off_are_its_casualties(
    coder: Any, text: str, sides: tuple[str, str]
) -> None:
    events = coder.code(Document(id="handlers", text=text, published=dt.date(2017, 3, 1)))
    assert events, text
    got = tuple(a.name if a else None for a in (events[0].actor1, events[0].actor2))
    assert got == sides


@pytest.mark.parametrize(
    ("text", "party", "handling"),
    [
        ("Army engineers were trying to defuse a mine when it exploded.", "Army", True),
        ("Police, while clearing landmines near the road, were hit.", "Police", True),
        ("Two deminers of the army were killed.", "army", True),
        # clearing a place or removing the dead handles no device
        ("Soldiers cleared the area after the blast.", "Soldiers", False),
        ("Rebels were removing the bodies when a mine exploded.", "Rebels", False),
        # a later clause's defusing is another party's
        ("Rebels attacked the post and police were trying to defuse a bomb.", "Rebels", False),
    ],
)
def test_handling_a_device(text: str, party: str, handling: bool) -> None:
    start = text.index(party)
    assert handled_device(text, start, start + len(party)) is handling
