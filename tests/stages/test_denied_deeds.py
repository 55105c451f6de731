"""A verb the sentence negates tells of no deed, so it is no context word: "so that the militants would
not find its parts" makes no bomb found (disrupted weapons use) of a bombing."""

from __future__ import annotations

import datetime as dt
from typing import Any

from polemos.model import Document
from polemos.taxonomy import EventType, SubEventType


def _first(coder: Any, text: str) -> Any:
    events = coder.code(Document(id="denied", text=text, published=dt.date(2017, 3, 24)))
    assert events, f"nothing coded in {text!r}"
    return events[0]


def test_a_negated_finding_makes_no_bomb_found(coder: Any) -> None:
    text = "French troops blew up a truck near Gao so that the militants would not find its cargo."
    assert _first(coder, text).event_type is EventType.EXPLOSIONS


def test_a_bomb_found_is_still_disrupted(coder: Any) -> None:
    event = _first(coder, "Police found a bomb near the market in Gao and defused it.")
    assert event.sub_event_type is SubEventType.DISRUPTED_WEAPONS_USE
