"""Premises an armed side held, taken: ground won from that side (a battle), not premises that changed
hands; premises of no armed owner taken without a fight told stay a non-violent transfer."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from polemos.model import Document
from polemos.taxonomy import EventType, SubEventType


def _first(coder: Any, text: str, published: dt.date) -> Any:
    events = coder.code(Document(id="held", text=text, published=published))
    assert events, f"nothing coded in {text!r}"
    return events[0]


@pytest.mark.parametrize(
    "text",
    [
        "Rebel fighters seized the headquarters of the regime's forces in Zliten.",
        "Rebels took over the brigade's compound in Ajdabiya on Sunday.",
    ],
)
def test_premises_of_an_armed_side_taken_are_ground_won(coder: Any, text: str) -> None:
    event = _first(coder, text, dt.date(2011, 2, 26))
    assert event.event_type is EventType.BATTLES
    assert event.sub_event_type is SubEventType.NON_STATE_ACTOR_OVERTAKES_TERRITORY


def test_premises_of_no_armed_owner_stay_a_transfer(coder: Any) -> None:
    event = _first(coder, "Gunmen seized the offices of the oil company in Zawiya.", dt.date(2017, 2, 26))
    assert event.sub_event_type is SubEventType.NON_VIOLENT_TRANSFER
