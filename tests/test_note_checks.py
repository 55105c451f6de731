"""Per-note field checks (the scorer's fields, and the order-free ones beside them)."""

from __future__ import annotations

import datetime as dt

from polemos.scoring import note_checks

GOLD: dict[str, object] = {
    "event_type": "Battles", "sub_event_type": "Armed clash", "lat": None, "lon": None, "geo_precision": None,
    "date": dt.date(2017, 3, 1), "fatalities": 2.0,
    "actor1": "Military Forces of Libya (2014-) Haftar Faction", "inter1": "1",
    "actor2": "Brigades for the Defence of Benghazi", "inter2": "3",
}  # fmt: skip


def _event(actor1: str, inter1: int, actor2: str, inter2: int | None) -> dict[str, object]:
    return {
        "event_type": "Battles", "sub_event_type": "Armed clash", "event_date": "2017-03-01", "fatalities": 2,
        "actor1": actor1, "inter1": inter1, "actor2": actor2, "inter2": inter2,
    }  # fmt: skip


def test_sides_in_the_other_order_are_wrong_by_position_and_right_in_any_order() -> None:
    checks = note_checks(GOLD, _event(str(GOLD["actor2"]), 3, str(GOLD["actor1"]), 1))
    assert not checks["actor1"] and not checks["actor2"] and not checks["inter1"]
    assert checks["actor1 any order"] and checks["inter1 any order"]


def test_any_order_needs_both_sides_where_actor_1_is_not_gold_actor_1() -> None:
    same_order = note_checks(GOLD, _event(str(GOLD["actor1"]), 1, "Unidentified Armed Group (Libya)", 3))
    assert same_order["actor1 any order"] and same_order["inter1 any order"]  # actor 1 right as it stands
    one_side = note_checks(GOLD, _event(str(GOLD["actor2"]), 3, "", None))
    assert not one_side["actor1 any order"] and not one_side["inter1 any order"]
    other_foe = note_checks(GOLD, _event(str(GOLD["actor2"]), 3, "Unidentified Armed Group (Libya)", 3))
    assert not other_foe["actor1 any order"] and not other_foe["inter1 any order"]
    same_codes = note_checks(GOLD, _event("Unidentified Armed Group (Libya)", 3, "Police Forces of Libya", 1))
    assert not same_codes["actor1 any order"] and same_codes["inter1 any order"]
