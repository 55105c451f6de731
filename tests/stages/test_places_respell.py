"""Tests for when a respelt reading (a skeleton match in the focus country) stands or is dropped."""

from __future__ import annotations

from polemos.knowledge.gazetteer import GazetteerEntry
from polemos.stages.place_context import RESPELT, Mention
from polemos.stages.place_respell import drop_stray_respellings, may_respell


def _mention(start: int, name: str, lat: float, lon: float, *, respelt: bool = False) -> Mention:
    entry = GazetteerEntry(1, name, "NG", "Nigeria", None, None, lat, lon, 1000, "P", "PPL")
    reason = f"{RESPELT} {name} in focus country NG" if respelt else "only candidate"
    return Mention(start, start + len(name), entry, [], reason)


def test_a_respelling_far_from_every_exact_place_is_dropped() -> None:
    text = "Loggers died in Abari village near Konduga."
    far = _mention(16, "Abari", 9.25, 7.38, respelt=True)  # ~800 km from Konduga
    near = _mention(16, "Abari", 11.70, 13.40, respelt=True)
    konduga = _mention(35, "Konduga", 11.65, 13.42)
    assert drop_stray_respellings(text, [far, konduga]) == [konduga]
    assert drop_stray_respellings(text, [near, konduga]) == [near, konduga]
    assert drop_stray_respellings(text, [far]) == [far]  # nothing to weigh it against


def test_a_respelling_must_lie_near_the_place_qualifying_it() -> None:
    text = "Abari, Konduga"
    konduga = _mention(7, "Konduga", 11.65, 13.42)
    other = _mention(0, "Abari", 12.30, 13.40, respelt=True)  # 70 km north: another Abari
    same = _mention(0, "Abari", 11.90, 13.40, respelt=True)  # 28 km
    assert drop_stray_respellings(text, [other, konduga]) == [konduga]
    assert drop_stray_respellings(text, [same, konduga]) == [same, konduga]


def test_may_respell_only_unknown_names_in_a_focused_report() -> None:
    town = _mention(0, "Kano", 12.0, 8.5).entry
    assert may_respell("Gasr Ben Ghasir", [], "LY")
    assert not may_respell("Gasr Ben Ghasir", [], None)
    assert not may_respell("FAMa", [], "ML") and not may_respell("UNSMIL", [], "LY")
    assert not may_respell("Kanoo", [town], "NG")  # an exact place of the focus country stands
