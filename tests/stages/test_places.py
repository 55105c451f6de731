"""Tests for the places stage: toponym finding, ambiguity, ACLED precision rules, offsets, seeds."""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from polemos.knowledge.gazetteer import Gazetteer, load_gazetteer
from polemos.model import GeoPrecision, Place
from polemos.stages.place_focus import country_focus
from polemos.stages.places import find_places

SEEDS = Path(__file__).resolve().parents[1] / "fixtures" / "seeds"


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371 * math.asin(math.sqrt(a))


def _only(places: list[Place]) -> Place:
    assert len(places) == 1, places
    return places[0]


def _said(text: str, places: list[Place]) -> list[str]:
    return [text[p.start : p.end] for p in places]


# --- finding ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "toponym", "name"),
    [
        ("Forces reached Qasr Abu Haid on Sunday.", "Qasr Abu Haid", "Qasr Abu Hadi"),
        ("They liberated Wadi Wishka area.", "Wadi Wishka", "Wadi Wishka"),
        ("They regained al Watiya air base in May.", "al Watiya air base", "Al Watiya Air Base"),
        ("Drones struck Jufra airbase.", "Jufra airbase", "Jufra Air Base"),
        ("Shelling hit Mitiga airport.", "Mitiga airport", "Mitiga International Airport"),
        ("The Tripoli International Airport was retaken.", "Tripoli International Airport", None),
    ],
)
def test_find_places_prefers_the_longest_gazetteer_name(
    gazetteer: Gazetteer, text: str, toponym: str, name: str | None
) -> None:
    place = _only(find_places(text, gazetteer, country_focus="LY"))
    assert text[place.start : place.end] == toponym
    assert place.name == (name or toponym)


@pytest.mark.parametrize(
    "text",
    [
        "Khalifa Haftar met the Libyan National Army command.",
        "Field Marshall Khalifa Haftar vowed to fight.",
        "The Government of National Accord denied it.",
        "Islamic State claimed the attack.",
        "A member of the Shura Council of Benghazi Revolutionaries was killed.",
        "The Derna Mujahaddin Shura Council (DMSC) said one fighter died.",
        "For the Tobruk government, it was a victory.",
        "Tripoli-based militias and pro-Haftar forces clashed.",
        "Most residents fled on Monday in May, Police said.",
        "Salah Al Ebeidi, a senior infantry officer, said so.",
        "Burkan Al Ghadab (Volcano of Rage) Operation reported it.",
        "The UN-backed GNA and the LNA agreed.",
    ],
)
def test_find_places_ignores_actors_people_and_common_words(gazetteer: Gazetteer, text: str) -> None:
    assert find_places(text, gazetteer, country_focus="LY") == []


@pytest.mark.parametrize(
    ("text", "focus"),
    [
        ("Andrew Elliott said the attack was over.", "US"),
        ("Clashes on Tripoli Street in Misrata.", "LY"),
        ("Fighters of Hayat Tahrir al-Sham advanced.", "SY"),
    ],
)
def test_find_places_skips_surnames_streets_and_names_inside_longer_names(
    gazetteer: Gazetteer, text: str, focus: str
) -> None:
    assert all(
        text[p.start : p.end] not in ("Elliott", "Tripoli", "Sham")
        for p in find_places(text, gazetteer, country_focus=focus)
    )


def test_find_places_reads_a_leading_verb_as_no_name(gazetteer: Gazetteer) -> None:
    text = "Capturing Derna would complete the campaign."
    assert _said(text, find_places(text, gazetteer, country_focus="LY")) == ["Derna"]


def test_find_places_keeps_a_city_before_an_organisation_name(gazetteer: Gazetteer) -> None:
    text = "an ISIS suicide attack on the Tripoli headquarters of Libya's High National Elections Commission"
    places = find_places(text, gazetteer, country_focus="LY")
    assert _said(text, places) == ["Tripoli", "Libya"]
    assert places[0].geo_precision == GeoPrecision.TOWN and places[1].feature == "A"


@pytest.mark.parametrize(
    ("text", "focus", "toponym"),
    [
        ("Gunmen threatened students at Bani Walid University.", "LY", "Bani Walid"),
        ("Lupane State University students protested.", "ZW", "Lupane"),
        ("A shell hit the Ras Lanouf Medical Centre.", "LY", "Ras Lanouf"),
        ("Students held a sit-in at the University of Khartoum.", "SD", "Khartoum"),
    ],
)
def test_find_places_codes_an_institution_at_the_town_it_is_named_after(
    gazetteer: Gazetteer, text: str, focus: str, toponym: str
) -> None:
    place = _only(find_places(text, gazetteer, country_focus=focus))
    assert text[place.start : place.end] == toponym and place.geo_precision == GeoPrecision.TOWN


@pytest.mark.parametrize(
    "text", ["The Misrata Military Council said so.", "The Sirte University Council met on Monday."]
)
def test_find_places_reads_a_body_named_after_a_town_as_no_place(gazetteer: Gazetteer, text: str) -> None:
    assert find_places(text, gazetteer, country_focus="LY") == []


# --- ambiguity ----------------------------------------------------------------------------------


@pytest.mark.parametrize(("focus", "country"), [("LY", "Libya"), (None, "Libya"), ("LB", "Lebanon")])
def test_find_places_resolves_tripoli_by_focus_then_population(
    gazetteer: Gazetteer, focus: str | None, country: str
) -> None:
    place = _only(find_places("Clashes erupted in Tripoli.", gazetteer, country_focus=focus))
    assert place.country == country
    assert place.candidates  # the other Tripolis are kept as runner-ups
    if focus:
        assert f"country focus {focus}" in place.reason
    else:
        assert "population 1,302,947" in place.reason


@pytest.mark.parametrize("focus", ["LY", None])
def test_find_places_never_maps_buerat_to_tarhuna(gazetteer: Gazetteer, focus: str | None) -> None:
    place = _only(find_places("The army advanced on Buerat.", gazetteer, country_focus=focus))
    assert place.name == "Buerat" and _km(place.latitude, place.longitude, 31.40, 15.73) < 5


def test_find_places_skips_small_foreign_namesakes_in_a_focused_report(gazetteer: Gazetteer) -> None:
    assert find_places("Forces from Tagab attacked.", gazetteer, country_focus="LY") == []
    assert (
        _only(find_places("Forces from Tagab attacked.", gazetteer, country_focus="AF")).country
        == "Afghanistan"
    )


def test_find_places_prefers_a_foreign_capital_over_a_small_namesake_in_the_focus_country(
    gazetteer: Gazetteer,
) -> None:
    assert _only(find_places("Talks were held in Madrid.", gazetteer, country_focus="MX")).country == "Spain"


def test_find_places_returns_a_country_over_small_towns_sharing_its_name(gazetteer: Gazetteer) -> None:
    place = _only(find_places("Egypt has launched air strikes.", gazetteer, country_focus="LY"))
    assert place.name == "Egypt" and place.feature == "A" and place.geo_precision == GeoPrecision.REGION


# --- precision and offsets ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "km", "bearing_lat", "bearing_lon"),
    [
        ("Clashes 20 km south of Sirte killed three.", 20, -1, 0),
        ("A depot 10 miles north-west of Misrata burned.", 16.09, 1, -1),
        ("Fighting 45 kilometers (30 miles) southwest of the coastal city of Sirte.", 45, -1, -1),
    ],
)
def test_find_places_moves_the_point_for_distance_and_bearing(
    gazetteer: Gazetteer, text: str, km: float, bearing_lat: int, bearing_lon: int
) -> None:
    place = _only(find_places(text, gazetteer, country_focus="LY"))
    anchor = gazetteer.lookup(place.name)[0]
    assert place.geo_precision == GeoPrecision.NEAR
    assert _km(anchor.latitude, anchor.longitude, place.latitude, place.longitude) == pytest.approx(
        km, rel=0.02
    )
    assert (place.latitude - anchor.latitude) * bearing_lat >= 0
    assert (place.longitude - anchor.longitude) * bearing_lon >= 0


def test_find_places_keeps_a_known_apposed_name_over_the_offset(gazetteer: Gazetteer) -> None:
    derna = find_places("They entered Derna.", gazetteer, country_focus="LY")[0]
    text = "LNA units captured hills around Fattaih, 15 kilometres east of the town, as forces pressed on."
    places = find_places(text, gazetteer, country_focus="LY", previous=derna)
    fattaih = places[0]
    assert text[fattaih.start : fattaih.end] == "Fattaih" and fattaih.geo_precision == GeoPrecision.NEAR
    assert all(p.name in ("Fattaih", "Darnah") for p in places)
    assert all(
        (p.latitude, p.longitude) in ((fattaih.latitude, fattaih.longitude), (32.767, 22.6367))
        for p in places
    )


def test_find_places_moves_the_anchor_when_the_apposed_name_is_unknown(gazetteer: Gazetteer) -> None:
    derna = find_places("They entered Derna.", gazetteer, country_focus="LY")[0]
    text = "LNA units captured hills around Xyzabad, 15 kilometres east of the town."
    place = _only(find_places(text, gazetteer, country_focus="LY", previous=derna))
    assert place.name == derna.name and place.geo_precision == GeoPrecision.NEAR
    assert _km(derna.latitude, derna.longitude, place.latitude, place.longitude) == pytest.approx(
        15, rel=0.02
    )
    assert "Xyzabad" in place.reason


@pytest.mark.parametrize(
    "text",
    [
        "Clashes near Ajdabiya.",
        "Clashes outside Ajdabiya.",
        "Clashes on the outskirts of Ajdabiya.",
        "Clashes in the area of Ajdabiya.",
        "Clashes in the Ajdabiya area.",
        "Clashes around Ajdabiya.",
        "Clashes east of Ajdabiya.",
    ],
)
def test_find_places_codes_near_a_town_at_precision_2(gazetteer: Gazetteer, text: str) -> None:
    place = _only(find_places(text, gazetteer, country_focus="LY"))
    assert place.name == "Ajdabiya" and place.geo_precision == GeoPrecision.NEAR


def test_find_places_codes_a_named_town_at_precision_1(gazetteer: Gazetteer) -> None:
    assert _only(find_places("Clashes in Ajdabiya.", gazetteer)).geo_precision == GeoPrecision.TOWN


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "The army said it had entered the district of Eastern Coast, a major neighbourhood, "
            "from the eastern side of Derna.",
            "Darnah - Eastern Coast",
        ),
        ("Protesters gathered in the Abu Salim district of Tripoli.", "Tripoli - Abu Salim"),
    ],
)
def test_find_places_codes_a_city_quarter_as_city_dash_quarter(
    gazetteer: Gazetteer, text: str, name: str
) -> None:
    place = _only(find_places(text, gazetteer, country_focus="LY"))
    assert place.name == name and place.geo_precision == GeoPrecision.TOWN


@pytest.mark.parametrize(("province", "admin1"), [("Balkh", "Balkh"), ("Faryab", "Faryab")])
def test_find_places_codes_an_afghan_district_at_its_main_town(
    gazetteer: Gazetteer, province: str, admin1: str
) -> None:
    text = f"12 Taliban militants were killed in Dawlat Abad district, {province}."
    place = _only(find_places(text, gazetteer, country_focus="AF"))
    assert text[place.start : place.end] == "Dawlat Abad"
    assert place.geo_precision == GeoPrecision.NEAR and place.admin1 == admin1 and place.admin2


@pytest.mark.parametrize(
    ("text", "seat"),
    [
        (
            "1 Taliban militant was killed in Muqur district, Badghis.",
            "Qala i Naw",
        ),  # GeoNames' Muqur: Ghazni
        ("A bomb exploded in Qarzinak district, Balkh.", "Mazar-e Sharif"),  # an invented district
    ],
)
def test_find_places_falls_back_to_the_province_when_the_district_is_elsewhere_or_unknown(
    gazetteer: Gazetteer, text: str, seat: str
) -> None:
    place = _only(find_places(text, gazetteer, country_focus="AF"))
    assert place.name == seat and place.geo_precision == GeoPrecision.REGION


@pytest.mark.parametrize(
    ("text", "seat"),
    [
        ("3 Taliban were killed in Helmand province.", "Lashkar Gah"),
        ("Clashes were reported in Helmand.", "Lashkar Gah"),
        ("Attacks in Kunduz province.", "Kunduz"),
        ("Attacks in the province of Balkh.", "Mazar-e Sharif"),
    ],
)
def test_find_places_codes_a_province_at_its_capital_precision_3(
    gazetteer: Gazetteer, text: str, seat: str
) -> None:
    place = _only(find_places(text, gazetteer, country_focus="AF"))
    assert place.name == seat and place.geo_precision == GeoPrecision.REGION and place.feature == "P"


def test_find_places_prefers_the_town_over_a_same_named_province(gazetteer: Gazetteer) -> None:
    place = _only(find_places("A soldier was killed in Kunduz city.", gazetteer, country_focus="AF"))
    assert place.geo_precision == GeoPrecision.TOWN and place.feature == "P"


@pytest.mark.parametrize(
    ("text", "focus", "seat"),
    [
        ("Most of eastern Libya is free of fighting.", "LY", "Benghazi"),
        ("Fighting continues in the south-west of the country.", "LY", "Sabha"),
        ("Attacks rose in eastern Afghanistan.", "AF", "Jalalabad"),
    ],
)
def test_find_places_codes_a_region_at_its_main_city(
    gazetteer: Gazetteer, text: str, focus: str, seat: str
) -> None:
    place = _only(find_places(text, gazetteer, country_focus=focus))
    assert place.name == seat and place.geo_precision == GeoPrecision.REGION


def test_find_places_falls_back_to_the_country_for_an_unknown_region(gazetteer: Gazetteer) -> None:
    place = _only(find_places("Clashes in northern Mali.", gazetteer))
    assert place.name == "Mali" and place.feature == "A" and place.geo_precision == GeoPrecision.REGION


def test_find_places_does_not_split_a_country_named_after_a_direction(gazetteer: Gazetteer) -> None:
    assert _only(find_places("Clashes in South Sudan.", gazetteer)).name == "South Sudan"


# --- anaphora and offsets into the document ------------------------------------------------------


def test_find_places_resolves_the_town_to_previous(gazetteer: Gazetteer) -> None:
    derna = find_places("They entered Derna.", gazetteer, country_focus="LY")[0]
    text = "Intense fighting was reported in the city."
    place = _only(find_places(text, gazetteer, country_focus="LY", previous=derna))
    assert text[place.start : place.end] == "the city" and place.name == derna.name


def test_find_places_resolves_the_capital_to_the_focus_capital(gazetteer: Gazetteer) -> None:
    place = _only(find_places("Militias attacked the capital.", gazetteer, country_focus="LY"))
    assert place.name == "Tripoli"


def test_find_places_without_antecedent_returns_nothing_for_the_town(gazetteer: Gazetteer) -> None:
    assert find_places("Fighting in the town.", gazetteer) == []


def test_find_places_offsets_are_document_offsets(gazetteer: Gazetteer) -> None:
    document = "Preamble sentence. Clashes erupted near Sirte on Sunday."
    start = document.index("Clashes")
    place = _only(find_places(document[start:], gazetteer, offset=start, country_focus="LY"))
    assert document[place.start : place.end] == "Sirte"


# --- country focus -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Libyan forces entered Derna, the Libyan army said.", "LY"),
        ("Afghan forces repulsed a Taliban attack in Nahrin district, Baghlan.", "AF"),
        ("Clashes in Tobruk and Ajdabiya.", "LY"),
        ("In March, it rained. So what.", None),
        ("", None),
    ],
)
def test_country_focus(gazetteer: Gazetteer, text: str, code: str | None) -> None:
    assert country_focus(text, gazetteer) == code


@pytest.mark.parametrize("seed", sorted(p.name for p in SEEDS.glob("*.txt")))
def test_country_focus_of_each_seed_is_libya(gazetteer: Gazetteer, seed: str) -> None:
    assert country_focus((SEEDS / seed).read_text(encoding="utf-8"), gazetteer) == "LY"


def _document_places(text: str, gazetteer: Gazetteer) -> list[Place]:
    focus, previous, out = country_focus(text, gazetteer), None, []
    for m in re.finditer(r"[^.!?\n]+[.!?]?", text):
        places = find_places(m.group(), gazetteer, offset=m.start(), country_focus=focus, previous=previous)
        out += places
        towns = [p for p in places if p.feature in "PS" and p.geo_precision == GeoPrecision.TOWN]
        previous = towns[-1] if towns else previous
    return out


def _gold() -> list[dict[str, object]]:
    lines = (SEEDS / "gold-events.jsonl").read_text(encoding="utf-8").splitlines()
    return [e for e in map(json.loads, lines) if e["required"] and e["location"]]


@pytest.mark.parametrize("event", _gold(), ids=lambda e: str(e["id"]))
def test_every_required_seed_location_is_found_within_tolerance(
    gazetteer: Gazetteer, event: dict[str, object]
) -> None:
    text = (SEEDS / str(event["doc"])).read_text(encoding="utf-8")
    places = _document_places(text, gazetteer)
    lat, lon, tolerance = (float(str(event[k])) for k in ("latitude", "longitude", "distance_tolerance_km"))
    assert any(_km(p.latitude, p.longitude, lat, lon) <= tolerance for p in places), event["location"]


# --- properties -----------------------------------------------------------------------------------

_PIECES = st.sampled_from(
    [
        *("Tripoli", "Derna", "al", "Qasr Abu Haid", "15 km east of", "the town", "district", "province"),
        *(",", " ", "-", "'s", "eastern Libya", "of", "Wadi", "near", "É", "\n", "Council", "the capital"),
        *("10 miles", "Helmand", "Dawlat Abad district, Balkh", "south-west of the country"),
    ]
)


@settings(max_examples=200, deadline=None)
@given(st.one_of(st.text(), st.lists(_PIECES, max_size=30).map(" ".join)), st.integers(0, 10_000))
def test_find_places_never_raises_and_offsets_lie_within_the_text(text: str, offset: int) -> None:
    gazetteer = load_gazetteer()
    for focus in (None, "LY"):
        for place in find_places(text, gazetteer, offset=offset, country_focus=focus):
            assert offset <= place.start <= place.end <= offset + len(text)


@settings(max_examples=100, deadline=None)
@given(st.text())
def test_country_focus_never_raises(text: str) -> None:
    code = country_focus(text, load_gazetteer())
    assert code is None or len(code) == 2


# --- respellings --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Clashes were reported in Gasr Ben Ghasir on Monday.", "Qasr Bin Ghashir"),
        ("Youths from Garabulli burned a checkpoint.", "Qasr al Qarabulli"),
        ("Fighting resumed at Tamenhant air base.", "Tamanhint Air Base"),
    ],
)
def test_find_places_reads_a_respelt_name_in_the_focus_country(
    gazetteer: Gazetteer, text: str, name: str
) -> None:
    place = _only(find_places(text, gazetteer, country_focus="LY"))
    assert place.name == name
    assert "respelling" in place.reason


def test_find_places_respells_only_in_a_focused_report_and_never_over_an_exact_name(
    gazetteer: Gazetteer,
) -> None:
    assert find_places("Clashes were reported in Gasr Ben Ghasir.", gazetteer) == []
    # "Misrata TV" is Misrata's: the run's exact first word wins over any respelling of the whole run
    place = _only(find_places("Misrata TV reported shelling.", gazetteer, country_focus="LY"))
    assert place.name == "Misratah" and "respelling" not in place.reason


def test_find_places_never_respells_a_run_of_common_words(gazetteer: Gazetteer) -> None:
    # A month of a date ("March") is no respelling of a place of the focus country.
    found = find_places(
        "On 21 March 2020, a scholar was killed in Kabul city.", gazetteer, country_focus="AF"
    )
    assert [p.name for p in found] == ["Kabul"]


def test_find_places_codes_a_respelt_district_at_its_main_town(gazetteer: Gazetteer) -> None:
    # "Nahri Saraj" is GeoNames' "Nahr-e Saraj" district, whose centre is Gereshk: no longer unknown
    text = "A policeman was killed in the Haidarabad area of Nahri Saraj district, Helmand."
    place = _only(find_places(text, gazetteer, country_focus="AF"))
    assert place.name == "Gereshk" and place.geo_precision == GeoPrecision.NEAR and place.admin1 == "Helmand"


def test_find_places_drops_a_respelling_far_from_the_place_that_qualifies_it(gazetteer: Gazetteer) -> None:
    # "Mungwa" shares Muyinga's skeleton, 100 km away; "X, Gitega" sets it in Gitega's area
    text = "A girl was kidnapped in Mungwa, Gitega."
    assert [p.name for p in find_places(text, gazetteer, country_focus="BI")] == ["Gitega"]
    assert (
        "respelling"
        in _only(find_places("A girl was kidnapped in Mungwa.", gazetteer, country_focus="BI")).reason
    )
