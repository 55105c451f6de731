"""Tests for how a sentence's frame picks the place: "village of district", bracketed other names,
"district administration center", the province that closes a sentence, and a relative clause that
describes the event itself."""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

import pytest

from polemos.knowledge.gazetteer import Gazetteer
from polemos.model import Document, GeoPrecision, Place
from polemos.stages.places import find_places


def _km(a: Place, lat: float, lon: float) -> float:
    p1, p2 = math.radians(a.latitude), math.radians(lat)
    dp, dl = p2 - p1, math.radians(lon - a.longitude)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371 * math.asin(math.sqrt(h))


def _places(text: str, gazetteer: Gazetteer, focus: str = "AF") -> list[Place]:
    return find_places(text, gazetteer, country_focus=focus)


# Public coordinates of the district towns (GeoNames): Shindand, Obeh (Herat); Khash (Nimruz).
_SHINDAND = (33.30, 62.15)
_OBEH = (34.37, 63.18)
_KHASH = (31.53, 62.79)


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("Insurgents ambushed a convoy near Sorkh Kalay of Shindand district, Herat, on Monday.", _SHINDAND),
        ("Gunmen shot a teacher in Nazar Kalay Bala of Obe district, Herat province.", _OBEH),
    ],
)
def test_unknown_village_of_a_known_district_codes_the_district(
    text: str, where: tuple[float, float], gazetteer: Gazetteer
) -> None:
    # The unknown village words before "of" are no person's name hiding the district after them.
    places = [p for p in _places(text, gazetteer) if p.geo_precision == GeoPrecision.NEAR]
    assert places, _places(text, gazetteer)
    assert _km(places[0], *where) < 10
    assert places[0].admin1 == "Herat"


def test_person_of_a_place_is_still_no_run_of_places(gazetteer: Gazetteer) -> None:
    # An unknown word followed by "of" must not turn an unrelated capitalised word into a place.
    assert [p.name for p in _places("The Bank of Tripoli closed its doors.", gazetteer, "LY")] == []


def test_bracketed_other_name_before_district(gazetteer: Gazetteer) -> None:
    text = "A patrol hit a mine in Khash (Delaram) district, Nimruz, late on Friday."
    near = [p for p in _places(text, gazetteer) if p.geo_precision == GeoPrecision.NEAR]
    assert near and _km(near[0], *_KHASH) < 10
    assert near[0].admin1 == "Nimruz"


def test_district_administration_center_is_qualified_by_the_province(gazetteer: Gazetteer) -> None:
    # Two Afghan Dawlatabads (Balkh, Faryab): the province after the district centre decides.
    text = "Two guards died outside the Dawlat Abad district administration center, Faryab, at dawn."
    place = next(p for p in _places(text, gazetteer) if "Dawlat" in text[p.start : p.end])
    assert place.admin1 == "Faryab"


@pytest.mark.parametrize(
    "text",
    [
        "Three soldiers were hurt in the Shaykhabad area of Saydabad district, Wardak.",
        "Clashes went on for hours in Dih Bala (Haska Mena) district, Nangarhar.",
    ],
)
def test_namesake_outside_the_closing_province_is_dropped(text: str, gazetteer: Gazetteer) -> None:
    # A loose alternate name or a small namesake in another province is a misreading; the province the
    # sentence names is what is left.
    places = _places(text, gazetteer)
    province = text.rstrip(".").rsplit(", ", 1)[1]
    assert places and all(p.admin1 == province for p in places), [(p.name, p.admin1) for p in places]


def test_big_city_outside_the_closing_province_stays(gazetteer: Gazetteer) -> None:
    text = "Fighters who came from Kandahar attacked a post in Garmsir district, Helmand."
    assert "Kandahar" in [p.name for p in _places(text, gazetteer)]


def test_relative_clause_describing_the_trigger_gives_the_place(coder: Any) -> None:
    text = "A commander was killed on 3 May 2021 in an airstrike that hit his house in Sirte."
    events = coder.code(Document(id="frame1", text=text, published=dt.date(2021, 5, 4)))
    assert events and events[0].place is not None
    assert events[0].place.name == "Sirte"


def test_relative_clause_about_something_else_gives_no_place(coder: Any) -> None:
    # The clause tells what the mines were once used for, not where the event happened.
    text = "Militants planted mines which they had bought in Misrata, killing two farmers on 3 May 2021."
    events = coder.code(Document(id="frame2", text=text, published=dt.date(2021, 5, 4)))
    assert all(e.place is None or e.place.name != "Misrata" for e in events)
