"""Routes named by their ends: "the Juba-Bor road" is coded near Juba, and Bor is no place of its own."""

from __future__ import annotations

import pytest

from polemos.knowledge.gazetteer import Gazetteer
from polemos.model import GeoPrecision
from polemos.stages.places import find_places


@pytest.mark.parametrize(
    "text",
    [
        "Gunmen ambushed a bus on the Juba-Bor road.",
        "Clashes along the Juba – Yei road killed two.",
        "Soldiers patrolled the Juba to Yei highway.",
    ],
)
def test_a_route_is_coded_near_its_first_town(gazetteer: Gazetteer, text: str) -> None:
    places = find_places(text, gazetteer, country_focus="SS")
    assert [(p.name, p.geo_precision) for p in places] == [("Juba", GeoPrecision.NEAR)]


def test_two_towns_named_without_a_route_stay_two_places(gazetteer: Gazetteer) -> None:
    text = "Fighting broke out in Juba and Bor, and later in Yei-Juba."
    assert [p.name for p in find_places(text, gazetteer, country_focus="SS")] == [
        "Juba",
        "Bor",
        "Yei",
        "Juba",
    ]
