"""Arrests whose report names no one who made them are the state's (ACLED's Arrests sub-type is the
state's, or a de-facto authority's, detention), coded to the country's police, not to an unidentified
armed group; a state of emergency or a pardon told without its author is the government's ("Government
of X (period)"), even where the report names the state only by its name."""

from __future__ import annotations

import datetime as dt
from typing import Any

from polemos.model import Actor, Document
from polemos.stages.aggregate import unnamed_arrester
from polemos.taxonomy import SubEventType


def test_the_unnamed_arrester_is_the_countrys_police_of_the_period() -> None:
    assert unnamed_arrester("ZM", dt.date(2017, 4, 11)) == Actor("Police Forces of Zambia (2015-)", 1, "ZM")
    # a country named in full, as places give it
    assert unnamed_arrester("Zambia", dt.date(2017, 4, 11)) == Actor(
        "Police Forces of Zambia (2015-)", 1, "ZM"
    )
    # no country known: the kind alone, whose type is still known
    assert unnamed_arrester(None, None) == Actor("Police Forces", 1, None)


def test_an_arrest_told_without_its_maker_is_coded_to_the_police(coder: Any) -> None:
    text = "An opposition lawmaker was arrested at his home in Ndola on Tuesday."
    events = coder.code(Document(id="arrest", text=text, published=dt.date(2017, 4, 12)))
    arrests = [e for e in events if e.sub_event_type is SubEventType.ARRESTS]
    assert arrests and arrests[0].actor1 == Actor("Police Forces of Zambia (2015-)", 1, "ZM")


def test_a_decree_told_without_its_author_is_the_governments(coder: Any) -> None:
    from polemos.taxonomy import EventType

    for text in (
        "Chad's president declared a state of emergency in the Lake region on Friday.",
        "Chad on Friday extended the state of emergency in the Lake region following attacks on soldiers.",
    ):
        events = coder.code(Document(id="decree", text=text, published=dt.date(2017, 3, 10)))
        decrees = [e for e in events if e.event_type is EventType.STRATEGIC_DEVELOPMENTS]
        assert decrees and decrees[0].actor1 is not None, text
        assert decrees[0].actor1.name.startswith("Government of Chad ("), text
        assert decrees[0].actor1.inter == 1
