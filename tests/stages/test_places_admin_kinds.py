"""Names the places stage misread: a Nigerian "Local Government Area" read as a government body, a name
that opens with a capitalised connector ("Bin Jawwad", "Az Zawiyah"), a spelling GeoNames lists only as
an alternate name of one country's town (in a report that names no country), a foreign city heading a
longer name ("Auckland Park"), and a province coded at its biggest town instead of its namesake capital."""

from __future__ import annotations

import pytest

from polemos.knowledge.gazetteer import Gazetteer
from polemos.model import GeoPrecision
from polemos.stages.places import find_places


@pytest.mark.parametrize(
    ("text", "focus", "expected"),
    [
        # the LGA's name and its state are both read; the state qualifies the town
        (
            "Bandits raided a hamlet in Igabi Local Government Area of Kaduna State on Sunday.",
            None,
            ["Igabi"],
        ),
        ("Cultists clashed in Ikorodu Local Government Area, Lagos State, overnight.", "NG", ["Ikorodu"]),
        # the plural, for two areas named together
        (
            "Herders attacked farms in Igabi and Ikorodu Local Government Areas last week.",
            "NG",
            ["Igabi", "Ikorodu"],
        ),
    ],
)
def test_a_local_government_area_is_a_kind_of_place_not_a_government(
    gazetteer: Gazetteer, text: str, focus: str | None, expected: list[str]
) -> None:
    places = find_places(text, gazetteer, country_focus=focus)
    assert [p.name for p in places] == expected
    assert all(p.country == "Nigeria" for p in places)


def test_the_state_after_a_local_government_area_qualifies_its_town(gazetteer: Gazetteer) -> None:
    (place,) = find_places(
        "Gunmen struck a village of Igabi Local Government Area of Kaduna State.", gazetteer
    )
    assert place.admin1 == "Kaduna" and "qualified by Kaduna" in place.reason


@pytest.mark.parametrize(
    ("text", "focus", "name"),
    [
        ("Heavy fighting was reported in Bin Jawwad on Tuesday.", None, "Bin Jawwad"),
        ("Militias exchanged fire in Az Zawiyah overnight.", "LY", "Az Zawiyah"),
    ],
)
def test_a_capitalised_connector_may_open_a_name(
    gazetteer: Gazetteer, text: str, focus: str | None, name: str
) -> None:
    places = find_places(text, gazetteer, country_focus=focus)
    assert [(p.name, p.country, p.geo_precision) for p in places] == [(name, "Libya", GeoPrecision.TOWN)]


def test_a_connector_inside_a_run_still_opens_no_name(gazetteer: Gazetteer) -> None:
    # "As" opens the sentence, not a name: Sirte is read on its own
    places = find_places("As Sirte fell, the fighting moved east.", gazetteer, country_focus="LY")
    assert [p.name for p in places] == ["Sirte"]


def test_an_alternate_name_of_one_country_is_read_without_a_focus(gazetteer: Gazetteer) -> None:
    # GeoNames lists "Zalingei" only as an alternate name of Sudan's Zalinjay
    (place,) = find_places("Soldiers shot a trader dead in Zalingei.", gazetteer)
    assert (place.name, place.country) == ("Zalinjay", "Sudan")
    assert "alternate name, one country" in place.reason


def test_an_alternate_name_is_still_no_part_of_a_longer_name(gazetteer: Gazetteer) -> None:
    # only a whole run may be read by an alternate name
    assert find_places("Elders met Zalingei Abakar in the market.", gazetteer) == []


def test_a_foreign_city_heading_a_longer_name_is_dropped(gazetteer: Gazetteer) -> None:
    # "Auckland Park" is a Johannesburg suburb: its head is no reading of New Zealand's city
    places = find_places(
        "Journalists picketed outside the broadcaster in Auckland Park, Johannesburg.",
        gazetteer,
        country_focus="ZA",
    )
    assert [(p.name, p.country) for p in places] == [("Johannesburg", "South Africa")]


@pytest.mark.parametrize(
    ("text", "focus", "name"),
    [
        # a kind of place after a name keeps it, at home or abroad
        ("Protesters marched in Kabul City.", "AF", "Kabul"),
        ("Students rallied in Sirte City.", "LY", "Sirte"),
    ],
)
def test_a_kind_of_place_after_a_name_keeps_it(
    gazetteer: Gazetteer, text: str, focus: str, name: str
) -> None:
    assert [p.name for p in find_places(text, gazetteer, country_focus=focus)] == [name]


@pytest.mark.parametrize(
    ("text", "focus", "seat"),
    [
        # Algeria's wilayas are named after their capitals, which need not be their biggest towns
        ("Soldiers clashed with smugglers in Ouargla province.", "DZ", "Ouargla"),
        ("A militant was killed in the province of Ain Defla.", "DZ", "Ain Defla"),
        # Nigeria's are not: Ondo State is governed from Akure, Oyo State from Ibadan
        ("Gunmen attacked a bank in Ondo State.", "NG", "Akure"),
        ("Protesters gathered in Oyo State.", "NG", "Ibadan"),
    ],
)
def test_a_province_named_after_its_capital_is_coded_there(
    gazetteer: Gazetteer, text: str, focus: str, seat: str
) -> None:
    (place,) = find_places(text, gazetteer, country_focus=focus)
    assert (place.name, place.geo_precision) == (seat, GeoPrecision.REGION)
