"""A small place a clinic, school or hospital is named after tells no country: where nothing else in the
report does, the event is placed by the feed's country, not in the far village the name holds; a big place
("Kandahar Hospital") and a place told as the setting still place the event."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from polemos.model import Document


def _event(coder: Any, text: str, country: str | None = None) -> Any:
    events = coder.code(Document(id="facility", text=text, published=dt.date(2017, 2, 5)), country=country)
    assert events, text
    return events[0]


def test_a_small_namesake_in_a_facility_name_tells_no_country(coder: Any) -> None:
    text = "The director of the Beit Fajjar School was abducted from his home on Monday."
    event = _event(coder, text)
    assert event.place is None
    assert event.actor1 is not None and event.actor1.name == "Unidentified Armed Group"
    # the feed's country then codes it
    event = _event(coder, text, "LY")
    assert event.actor1 is not None and event.actor1.name == "Unidentified Armed Group (Libya)"


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("The director of the Kandahar Hospital was abducted from his home on Monday.", "Afghanistan"),
        ("Gunmen abducted a teacher in Beit Fajjar on Monday.", "Palestine"),
    ],
)
def test_a_big_namesake_or_a_setting_still_places_it(coder: Any, text: str, country: str) -> None:
    event = _event(coder, text)
    assert event.place is not None and event.place.country == country
