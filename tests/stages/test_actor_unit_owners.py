"""A state named only as the owner of the unit named before it ("the Special Deterrence Force of the
government") is no party of the report: a battle the unit fights against someone unnamed is the unit
against an unidentified group, not the unit against its own government."""

from __future__ import annotations

import datetime as dt
from typing import Any

from polemos.model import Document


def test_a_units_owner_is_not_the_other_side_of_its_battle(coder: Any) -> None:
    text = (
        "The Special Deterrence Force of Libya's UN-backed government detained 40 smugglers in Tajoura. "
        "Force sources said two of the smugglers were killed in an armed clash with Special Deterrence "
        "Force members."
    )
    events = coder.code(Document(id="owners", text=text, published=dt.date(2017, 3, 2)))
    battles = [e for e in events if e.event_type == "Battles"]
    assert battles, events
    sides = {a.name for a in (battles[0].actor1, battles[0].actor2) if a is not None}
    assert sides == {"Special Deterrence Forces", "Unidentified Armed Group (Libya)"}
