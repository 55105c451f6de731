"""Which place a report's words select: a province in brackets after its town, a quarter placed by its
side of a city, an office holder's town ("the Mayor of Gonder"), a town spelt like a connector ("in
Wa"), a loose alternate name that the report's country settles, a country named "near" (no local
place), and "the Kenyan capital" (that country's capital, not the report's)."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
import yaml

from polemos.knowledge.actors import load_actor_kb
from polemos.knowledge.gazetteer import Gazetteer
from polemos.model import GeoPrecision, Place
from polemos.stages.doc_country import document_focus
from polemos.stages.places import find_places

PLACES = Path(__file__).resolve().parents[2] / "src" / "polemos" / "knowledge" / "data" / "places.yaml"


def _km(place: Place, lat: float, lon: float) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (place.latitude, place.longitude, lat, lon))
    a = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 6371 * 2 * math.asin(math.sqrt(a))


def _said(text: str, places: list[Place]) -> list[str]:
    return [text[p.start : p.end] for p in places]


@pytest.mark.parametrize(
    ("text", "focus", "town"),
    [
        ("Teachers marched through Moanda (Haut-Ogooue) on Tuesday.", "GA", "Moanda"),
        ("Cattle raiders struck Gogrial (Warrap) overnight, burning huts.", "SS", "Gogrial"),
    ],
)
def test_a_province_in_brackets_after_a_town_only_qualifies_it(
    gazetteer: Gazetteer, text: str, focus: str, town: str
) -> None:
    places = find_places(text, gazetteer, country_focus=focus)
    assert _said(text, places) == [town]
    assert places[0].geo_precision == GeoPrecision.TOWN


def test_a_province_in_brackets_that_does_not_hold_the_town_stays(gazetteer: Gazetteer) -> None:
    # Gao is no town of the Timbuktu region: the report names two places, not one qualified
    text = "Shots were fired in Gao (Timbuktu) after the vote."
    assert _said(text, find_places(text, gazetteer, country_focus="ML")) == ["Gao", "Timbuktu"]


@pytest.mark.parametrize(
    "text",
    [
        "Two traders were robbed in the Hodan neighbourhood located west of Beledweyne.",
        "Two traders were robbed in the Hodan neighbourhood in the northern part of Beledweyne.",
    ],
)
def test_a_quarter_placed_by_its_side_of_a_city_is_that_citys(gazetteer: Gazetteer, text: str) -> None:
    # Mogadishu's Hodan district is 300 km away: this Hodan is an unknown quarter of Beledweyne
    (place,) = find_places(text, gazetteer, country_focus="SO")
    assert place.name == "Beledweyne - Hodan"
    assert _km(place, 4.74, 45.20) < 10


@pytest.mark.parametrize(
    ("text", "focus", "town"),
    [
        ("A grenade was thrown at the house of the Mayor of Gonder on Friday.", "ET", "Gonder"),
        ("Protesters stoned the office of the Governor of Kassala in the night.", "SD", "Kassala"),
    ],
)
def test_an_office_holders_town_is_a_place(gazetteer: Gazetteer, text: str, focus: str, town: str) -> None:
    assert _said(text, find_places(text, gazetteer, country_focus=focus)) == [town]


def test_a_title_alone_names_no_place(gazetteer: Gazetteer) -> None:
    text = "The Minister of Interior visited the wounded."
    assert find_places(text, gazetteer, country_focus="LY") == []


def test_a_town_spelt_like_a_connector_is_a_place_after_in(gazetteer: Gazetteer) -> None:
    text = "Market women marched in Wa against the new levy."
    (place,) = find_places(text, gazetteer, country_focus="GH")
    assert (text[place.start : place.end], place.country) == ("Wa", "Ghana")


def test_a_connector_opening_a_sentence_is_no_place(gazetteer: Gazetteer) -> None:
    text = "De facto authorities closed the road."
    assert find_places(text, gazetteer, country_focus="GH") == []


def test_a_loose_alternate_name_lies_where_the_reports_people_are(gazetteer: Gazetteer) -> None:
    # Ethiopia's Ambo is a GeoNames alternate name (of Hagere Hiywet), Peru's a main one: a report on
    # Ethiopian police is about Ethiopia's
    text = "Ethiopian police detained a dozen teachers in Ambo on Sunday."
    focus = document_focus(text, gazetteer, load_actor_kb(), 2017)
    assert focus == "ET"
    (place,) = find_places(text, gazetteer, country_focus=focus)
    assert place.country == "Ethiopia"


def test_a_country_named_near_is_no_local_place(gazetteer: Gazetteer) -> None:
    text = "Militants ambushed a patrol near Somalia border."
    (place,) = find_places(text, gazetteer, country_focus="KE")
    assert (place.feature, place.geo_precision) == ("A", GeoPrecision.REGION)


def test_the_capital_of_a_named_nation_is_that_nations(gazetteer: Gazetteer) -> None:
    text = "Riot police dispersed students in the Kenyan capital."
    (place,) = find_places(text, gazetteer, country_focus="UG")
    assert place.name == "Nairobi"


def test_the_capital_unqualified_is_the_reports(gazetteer: Gazetteer) -> None:
    text = "Riot police dispersed students in the capital."
    (place,) = find_places(text, gazetteer, country_focus="UG")
    assert place.name == "Kampala"


def test_every_curated_place_lies_in_an_admin1_area_its_country_has(gazetteer: Gazetteer) -> None:
    # the province rules compare admin1 names: "Lower Shabelle" for "Lower Shabeelle" made "Barawe in
    # Lower Shabelle region" read as a misplaced namesake of a town outside that province
    data = yaml.safe_load(PLACES.read_text(encoding="utf-8"))
    areas: dict[str, set[str | None]] = {}
    strays = []
    for place in data["places"]:
        code, area = place.get("country"), place.get("admin1")
        if not code or not area or place.get("feature_code") in ("ADM1", "PCLI"):
            continue
        if code not in areas:
            areas[code] = {e.admin1 for e in gazetteer.admin1_entries(code)}
        if areas[code] and area not in areas[code]:
            strays.append((place["name"], code, area))
    assert strays == []


def test_a_town_in_its_province_named_after_it_is_kept(gazetteer: Gazetteer) -> None:
    text = "Soldiers shot two herders outside the port town of Brava in Lower Shabelle region on Friday."
    places = find_places(text, gazetteer, country_focus="SO")
    assert _said(text, places)[0] == "Brava"
