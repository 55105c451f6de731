"""A deed the report attributes to a party in another sentence ("the explosions are said to be the work of
a group calling itself X", "the attack was blamed on X") has that party as its doer when the event's own
sentence names none; a thing other than an armed party blamed names no doer."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from polemos.model import Document


def _actor1(coder: Any, text: str) -> str | None:
    events = coder.code(Document(id="attributed", text=text, published=dt.date(2017, 5, 12)))
    assert events, text
    return events[0].actor1.name if events[0].actor1 else None


@pytest.mark.parametrize(
    ("text", "doer"),
    [
        # the bomb's own sentence names only a clash days before; the report blames it on a group
        (
            "A bomb went off at a cattle market in Maiduguri, killing four traders, two days after "
            "soldiers clashed with vigilantes in the town. The attack was blamed on Boko Haram.",
            "Boko Haram - Wilayat Gharb Ifriqiyyah",
        ),
        # a cause, not an armed party, is blamed: the planter stays unidentified
        (
            "A bomb went off at a cattle market in Maiduguri, killing four traders, two days after "
            "soldiers clashed with vigilantes in the town. Officials blamed the attack on poor policing.",
            "Unidentified Armed Group (Nigeria)",
        ),
    ],
)
def test_a_deed_attributed_elsewhere_in_the_report_is_that_partys(coder: Any, text: str, doer: str) -> None:
    assert _actor1(coder, text) == doer


@pytest.mark.parametrize(
    ("text", "doer"),
    [
        # a hostile label that claims the attack is the group that fought the place's war then
        (
            "Two children were killed when a mortar round struck a house in the Sabri district of Benghazi. "
            "Locals said militants were claiming the mortar attack as revenge for the advance of the army.",
            "BRSC: Shura Council of Benghazi Revolutionaries",
        ),
        # who names another as the doer claims no deed of its own
        (
            "Two children were killed when a mortar round struck a house in the Sabri district of Benghazi. "
            "Locals said militants claimed the attack was carried out by unknown men.",
            "Unidentified Armed Group (Libya)",
        ),
    ],
)
def test_a_deed_claimed_elsewhere_in_the_report_is_the_claimants(coder: Any, text: str, doer: str) -> None:
    events = coder.code(Document(id="claimed", text=text, published=dt.date(2016, 11, 3)))
    assert events, text
    assert events[0].actor1 is not None and events[0].actor1.name == doer
