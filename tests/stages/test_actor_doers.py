"""Who acted where the parse leaves no agent: an arrest's doer is the force the sentence names ("fighters
raided homes, detaining ..."), as for other events (only a force arrests); the party a shell was "fired
from" or "fired by" fired it, and is not also the side fired on."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from polemos.model import Document


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "LNA fighters raided the homes of presumed Islamist supporters in Ras Lanuf, detaining children.",
            "Military Forces of Libya (2014-) Haftar Faction",
        ),
        (
            "Rada fighters swept through the Souq al-Juma district of Tripoli, detaining several suspected "
            "smugglers.",
            "Special Deterrence Forces",
        ),
    ],
)
def test_the_force_a_sentence_names_made_its_arrests(coder: Any, text: str, expected: str) -> None:
    events = coder.code(Document(id="arrest", text=text, published=dt.date(2017, 3, 3)))
    arrests = [e for e in events if e.sub_event_type.value == "Arrests"]
    assert arrests and arrests[0].actor1 is not None and arrests[0].actor1.name == expected


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        (
            "A single shell fired from militants inside Sabri landed on a football ground in Benghazi's "
            "Salmani district, damaging shops.",
            dt.date(2017, 6, 28),
            ("BRSC: Shura Council of Benghazi Revolutionaries", None),
        ),
        (
            "Two rockets fired by the Brigades for the Defence of Benghazi landed near the port of "
            "Ras Lanuf.",
            dt.date(2017, 3, 4),
            ("Brigades for the Defence of Benghazi", None),
        ),
    ],
)
def test_who_fired_is_actor_one_and_not_also_the_side_fired_on(
    coder: Any, text: str, published: dt.date, expected: tuple[str, str | None]
) -> None:
    events = coder.code(Document(id="fired", text=text, published=published))
    assert events, text
    e = events[0]
    assert (e.actor1.name if e.actor1 else None, e.actor2.name if e.actor2 else None) == expected


def test_fighters_from_a_named_group_are_that_group(coder: Any) -> None:
    # "from" ties the label to the group named after it; a town after it names no one
    text = "Fighters from a Tebu militia attacked a police station in Sabha but were repelled."
    events = coder.code(Document(id="from", text=text, published=dt.date(2012, 2, 12)))
    assert events and events[0].actor1 is not None
    assert events[0].actor1.name == "Tabu Ethnic Militia (Libya)"
