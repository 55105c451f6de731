"""Tests for the places stage's reading of context: admin areas named with their kind ("Borno State",
"Helmand Province", "Gedo region"), districts from a GeoNames dump, codes and longer unknown names in a
capitalised run, spaceless spellings, and the country focus that ambiguous names settle by."""

from __future__ import annotations

import pytest

from polemos.knowledge.gazetteer import Gazetteer, GazetteerEntry, IndexedGazetteer
from polemos.model import GeoPrecision, Place
from polemos.stages.place_focus import country_focus
from polemos.stages.places import find_places


def _e(name: str, cc: str, lat: float, lon: float, **kw: object) -> GazetteerEntry:
    fields: dict[str, object] = {"admin1": None, "admin2": None, "population": 5_000}
    fields |= {"feature_class": "P", "feature_code": "PPL", "alternate_names": (), "seat": None} | kw
    return GazetteerEntry(1, name, cc, cc, latitude=lat, longitude=lon, **fields)  # type: ignore[arg-type]


def _said(text: str, places: list[Place]) -> list[str]:
    return [text[p.start : p.end] for p in places]


@pytest.mark.parametrize(
    ("text", "focus", "seat"),
    [
        ("Fighting in Borno State killed 5.", "NG", "Maiduguri"),
        ("Clashes were reported in Helmand Province.", "AF", "Lashkar Gah"),
        ("Government forces clashed with militants in Hiiraan region.", "SO", "Beledweyne"),
        ("Troops deployed across the state of Borno.", "NG", "Maiduguri"),
    ],
)
def test_find_places_codes_a_named_admin_area_at_its_seat(
    gazetteer: Gazetteer, text: str, focus: str, seat: str
) -> None:
    (place,) = find_places(text, gazetteer, country_focus=focus)
    # Feature "P": the coded point is the seat town; "A" at precision 3 is left for whole countries.
    assert (place.name, place.geo_precision, place.feature) == (seat, GeoPrecision.REGION, "P")


def test_country_focus_reads_an_admin_area_with_its_kind(gazetteer: Gazetteer) -> None:
    assert country_focus("Fighting in Borno State killed 5.", gazetteer) == "NG"


def test_country_focus_settles_an_ambiguous_name_by_the_clear_ones() -> None:
    gaz = IndexedGazetteer(
        [
            _e("Tur", "RO", 47.9, 23.4, population=2_000),
            _e("Tur", "SD", 13.3, 24.1, population=1_000),
            _e("El Fasher", "SD", 13.6, 25.3),
            _e("Nyala", "SD", 12.0, 24.9),
        ]
    )
    text = "Militia attacked Tur. Displaced people fled to El Fasher and Nyala."
    assert country_focus(text, gaz) == "SD"
    assert find_places("Militia attacked Tur.", gaz, country_focus="SD")[0].latitude == 13.3


def test_find_places_codes_a_dump_district_at_its_centre() -> None:
    district = _e("Nahri Shahi", "AF", 36.7, 67.2, feature_class="A", feature_code="ADM2", seat="Markaz")
    gaz = IndexedGazetteer([district, _e("Nahri Shahi", "AF", 36.0, 66.0, population=600)])
    (place,) = find_places("A soldier was killed in Nahri Shahi district.", gaz, country_focus="AF")
    assert (place.latitude, place.geo_precision) == (36.7, GeoPrecision.NEAR)
    assert "district: coded at its centre" in place.reason


@pytest.mark.parametrize(
    ("text", "toponym"),
    [
        ("4 policemen were killed in PD8 of Kabul city.", "Kabul"),
        ("A bomb exploded in PD14 of Kandahar city.", "Kandahar"),
    ],
)
def test_find_places_reads_past_a_code_before_the_city(gazetteer: Gazetteer, text: str, toponym: str) -> None:
    assert toponym in _said(text, find_places(text, gazetteer, country_focus="AF"))


@pytest.mark.parametrize(
    ("text", "focus", "not_a_place"),
    [
        ("Boko Haram raided a village.", "NG", "Boko"),
        ("Shooting in Abu Sleem started before prayers.", "LY", "Abu"),
        ("Protest action took place at Sir Lowry's Pass Village.", "ZA", "Sir"),
    ],
)
def test_find_places_drops_the_head_of_a_longer_unknown_name(
    gazetteer: Gazetteer, text: str, focus: str, not_a_place: str
) -> None:
    assert not_a_place not in _said(text, find_places(text, gazetteer, country_focus=focus))


def test_find_places_keeps_a_big_city_before_an_unknown_word(gazetteer: Gazetteer) -> None:
    text = "The Tripoli Post reported clashes."
    assert _said(text, find_places(text, gazetteer, country_focus="LY")) == ["Tripoli"]


def test_find_places_finds_a_name_written_without_its_space(gazetteer: Gazetteer) -> None:
    text = "4 policemen were killed on a check point in Lashkargah city, Helmand."
    places = find_places(text, gazetteer, country_focus="AF")
    assert places[0].name == "Lashkar Gah" and places[0].geo_precision == GeoPrecision.TOWN


@pytest.mark.parametrize(
    ("text", "focus"),
    [
        ("Malian magistrates began a strike.", None),  # a demonym, though GeoNames lists a Malyan
        ("A patrol was attacked by ABs near the river.", "CF"),  # a mixed-case acronym
        ("Reports of airstrikes targeting Misrata's Third Force.", "LY"),  # a possessive naming an actor
        ("Gunmen took control of Sirte's Gumhouria Bank.", "LY"),
    ],
)
def test_find_places_skips_demonyms_acronyms_and_possessive_actors(
    gazetteer: Gazetteer, text: str, focus: str | None
) -> None:
    assert find_places(text, gazetteer, country_focus=focus) == []


def test_find_places_codes_a_curated_region_over_a_tiny_namesake(gazetteer: Gazetteer) -> None:
    (place,) = find_places("Crackdowns continued in central Sinai.", gazetteer)
    assert (place.country, place.geo_precision) == ("Egypt", GeoPrecision.REGION)


def test_find_places_drops_a_small_foreign_namesake_before_its_city(gazetteer: Gazetteer) -> None:
    text = "Supporters were attacked in Highfields, Harare."
    assert country_focus(text, gazetteer) == "ZW"
    assert [p.name for p in find_places(text, gazetteer, country_focus="ZW")] == ["Harare"]
