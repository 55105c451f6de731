"""Afghan districts that GeoNames' populated places lack under the district's name (places.yaml, ADM2):
"X district" is coded at the district centre at geo_precision 2; a namesake district in another
province is told apart by the province that qualifies it. Also: resolution is memoized without
changing what a sentence reads."""

from __future__ import annotations

import math

import pytest

from polemos.knowledge.gazetteer import Gazetteer, GazetteerEntry, IndexedGazetteer
from polemos.model import GeoPrecision, Place
from polemos.stages import place_spans
from polemos.stages.places import find_places


def _km(a: Place, lat: float, lon: float) -> float:
    dlat, dlon = math.radians(a.latitude - lat), math.radians(a.longitude - lon)
    h = math.sin(dlat / 2) ** 2 + math.cos(math.radians(lat)) * math.cos(math.radians(a.latitude)) * (
        math.sin(dlon / 2) ** 2
    )
    return 6371 * 2 * math.asin(math.sqrt(h))


@pytest.mark.parametrize(
    ("text", "span", "province"),
    [
        (
            "Two soldiers died when insurgents raided a checkpoint in Gulran district, Herat.",
            "Gulran",
            "Herat",
        ),
        ("A roadside mine hit a police truck in Charbolak district of Balkh.", "Charbolak", "Balkh"),
        (
            "Insurgents overran an outpost in the Dashti Qala district of Takhar province.",
            "Dashti Qala",
            "Takhar",
        ),
    ],
)
def test_a_district_missing_from_geonames_is_coded_at_its_centre(
    gazetteer: Gazetteer, text: str, span: str, province: str
) -> None:
    found = [p for p in find_places(text, gazetteer, country_focus="AF") if text[p.start : p.end] == span]
    assert len(found) == 1
    place = found[0]
    assert place.geo_precision == GeoPrecision.NEAR and place.admin1 == province and place.admin2
    # Coded at the district, not at the provincial capital the stage fell back to before.
    area = next(e for e in gazetteer.lookup(province) if e.feature_code == "ADM1")  # sited at its seat
    assert _km(place, area.latitude, area.longitude) > 25


@pytest.mark.parametrize(("province", "other"), [("Wardak", "Ghazni"), ("Ghazni", "Wardak")])
def test_a_district_name_shared_by_two_provinces_follows_the_province_named(
    gazetteer: Gazetteer, province: str, other: str
) -> None:
    text = f"Three policemen were shot dead in Jaghatu district, {province}."
    places = find_places(text, gazetteer, country_focus="AF")
    assert [(p.admin1, p.geo_precision) for p in places] == [(province, GeoPrecision.NEAR)]


def test_a_foreign_city_heading_a_longer_name_is_no_place(gazetteer: Gazetteer) -> None:
    # "Qom Qishlaq" is a village of an Afghan report, not Iran's Qom; the district still counts.
    text = "A cook was abducted in the Qom Qishlaq area of Dashti Qala district, Takhar."
    places = find_places(text, gazetteer, country_focus="AF")
    assert [p.admin2 for p in places] == ["Dashti Qala"]
    assert all(p.country == "Afghanistan" for p in places)


def test_an_island_word_does_not_hide_the_town(gazetteer: Gazetteer) -> None:
    text = "Gunmen attacked a police post on Lamu Island on Sunday."
    places = find_places(text, gazetteer, country_focus="KE")
    assert [p.name for p in places] == ["Lamu"]


def test_memoized_readings_are_fresh_and_identical(gazetteer: Gazetteer) -> None:
    text = "Fighting was reported near Gulran district, Herat, and in Kunduz city."
    place_spans._READINGS.clear()
    first = find_places(text, gazetteer, country_focus="AF")
    assert place_spans._READINGS  # the readings were kept
    second = find_places(text, gazetteer, country_focus="AF")
    place_spans._READINGS.clear()
    assert first == second and first


def test_a_gazetteer_that_gains_a_place_is_read_again() -> None:
    def town(name: str, lat: float) -> GazetteerEntry:
        return GazetteerEntry(
            name=name, latitude=lat, longitude=10.0, country="Testland", country_code="TL",
            admin1=None, admin2=None, feature_class="P", feature_code="PPL", population=5_000,
            geonames_id=None,
        )  # fmt: skip

    gaz = IndexedGazetteer([town("Varnok", 1.0)])
    text = "Clashes broke out in Varnok."
    assert [p.latitude for p in find_places(text, gaz)] == [1.0]
    gaz = IndexedGazetteer([town("Varnok", 2.0)])  # a new object: its own readings
    assert [p.latitude for p in find_places(text, gaz)] == [2.0]
    longer = "Clashes broke out in Varnok Kalay."
    assert [p.latitude for p in find_places(longer, gaz)] == [2.0]  # "Varnok Kalay" is not known yet
    gaz.add(town("Varnok Kalay", 3.0))
    assert [p.latitude for p in find_places(longer, gaz)] == [3.0]
