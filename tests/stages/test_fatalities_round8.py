"""Death reports read since round 8 of issue #3: a headline's bare singular noun ("Herder killed near
Mopti."), killings only tried or planned, relative clauses opened by any past verb, a death caused
("which led to his death"), a toll told before the report's first event, and a lead killing with no one
doing it that is the toll of the fighting told next. All sentences are written for these tests."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from polemos.model import Document
from polemos.stages.fatalities import choose_fatalities, find_fatality_claims


def _figure(text: str) -> int:
    return choose_fatalities(find_fatality_claims(text))


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        # A headline's bare singular person noun, no article, no auxiliary: one dead.
        ("Herder killed near Mopti.", 1),
        ("Retired teacher shot dead outside his home in Kaduna.", 1),
        ("Local chief murdered overnight in Beni.", 1),
        ("Journalist killed, two wounded in Baidoa blast.", 1),
        # With an object after the verb it is active: the object is the count.
        ("Soldier killed two civilians at a checkpoint in Gao.", 2),
        # A plural with no number is no single death.
        ("Troops killed in ambush near Diffa.", 0),
    ],
)
def test_headline_singles(text: str, figure: int) -> None:
    assert _figure(text) == figure


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        ("Gunmen tried to kill a district judge in Kidal.", 0),
        ("Two men attempted to assassinate a police commander near Bosaso.", 0),
        ("The cell plotted to murder two local officials.", 0),
        ("Raiders failed to kill the village head, who escaped.", 0),
        # A killing that happened is still read.
        ("The blast killed two soldiers near the gate.", 2),
    ],
)
def test_intended_killings_are_no_deaths(text: str, figure: int) -> None:
    assert _figure(text) == figure


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        # A relative clause opened by any past verb stands between the count and the verb.
        ("Three traders who travelled from Bukavu were killed by gunmen on the road.", 3),
        ("Two herders who hailed from the Dinka clan were shot and killed near Rumbek.", 2),
        # One person's death told as what an act caused.
        ("Police beat a street vendor, which led to his death.", 1),
        ("A crowd stoned a suspected thief in Zomba, resulting in his death.", 1),
        ("The blow to her head caused her death.", 1),
    ],
)
def test_relative_clauses_and_caused_deaths(text: str, figure: int) -> None:
    assert _figure(text) == figure


def _events(coder: Any, text: str) -> list[tuple[str, int]]:
    doc = Document(id="r8", text=text, published=dt.date(2019, 9, 12))
    return [(e.sub_event_type.value, e.fatalities) for e in coder.code(doc)]


def test_toll_told_before_the_first_event(coder: Any) -> None:
    # A sentence of toll alone, then the fighting: the toll is the fighting's.
    text = (
        "Eleven fighters were reported dead on Tuesday. "
        "Rebels clashed with government troops near Menaka on Tuesday."
    )
    assert _events(coder, text) == [("Armed clash", 11)]


def test_toll_of_another_day_before_the_first_event_stays_off(coder: Any) -> None:
    text = "Twenty people died last month. Rebels clashed with government troops near Menaka on Tuesday."
    assert _events(coder, text) == [("Armed clash", 0)]


def test_lead_killing_with_no_killer_is_the_fighting_told_next(coder: Any) -> None:
    text = (
        "Seven killed and 40 injured in a fresh push for Menaka. "
        "Rebels have been battling government troops for the town since Monday."
    )
    assert _events(coder, text) == [("Armed clash", 7)]


def test_lead_killing_with_a_named_killer_stays_an_event(coder: Any) -> None:
    text = "Gunmen killed two farmers in Menaka. Soldiers clashed with the gunmen later that day."
    found = _events(coder, text)
    assert ("Attack", 2) in found
    assert ("Armed clash", 0) in found
