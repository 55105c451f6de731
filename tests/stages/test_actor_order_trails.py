"""A camp the desk lists second (`trails_battles`): after the 2011 war the new state's forces go after
whoever fought them, while in the war the regime's forces kept their lead."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from coded_sides import coded_sides

from polemos.knowledge.actors import load_actor_kb
from polemos.taxonomy import EventType

NEW_STATE = "Military Forces of Libya (2011-2012)"
GADDAFI = "Military Forces of Libya (1969-2011)"


def test_a_user_camp_trails_within_its_days(tmp_path: Path) -> None:
    extra = tmp_path / "war.yaml"
    extra.write_text(
        "sides:\n  - id: new_order\n    years: [2031, 2032]\n"
        '    trails_battles: [["2031-06-01", "2032-03"]]\n',
        encoding="utf-8",
    )
    side = load_actor_kb([extra]).side("new_order")
    assert side is not None
    assert [side.trails_in(2031, 5, 31), side.trails_in(2031, 6, 1), side.trails_in(2032, 4, 1)] == [
        False,
        True,
        False,
    ]
    assert not side.leads_in(2031, 7, 1)


def _battle(coder: Any, text: str, published: dt.date) -> tuple[str | None, str | None]:
    return coded_sides(coder, text, published, lambda e: e.event_type is EventType.BATTLES, "battle")


@pytest.mark.parametrize(
    "text",
    [
        "Government troops clashed with Misratan fighters in Bani Walid on Monday.",
        "Unknown gunmen opened fire on government forces guarding the oil terminal in Zawiya.",
    ],
)
def test_after_the_war_the_new_states_forces_go_second(coder: Any, text: str) -> None:
    first, second = _battle(coder, text, dt.date(2012, 1, 18))
    assert second == NEW_STATE and first not in (None, NEW_STATE)


def test_in_the_war_the_regime_still_goes_first(coder: Any) -> None:
    text = "Rebel fighters and government troops clashed on the outskirts of Zliten."
    assert _battle(coder, text, dt.date(2011, 7, 20))[0] == GADDAFI
