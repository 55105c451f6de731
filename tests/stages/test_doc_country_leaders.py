"""A report that names no known place is placed by the country's heads of state, opposition leaders,
unions and national bodies (state_names.yaml cues), so that its generic actors carry their country."""

from __future__ import annotations

import pytest

from polemos.knowledge.actors import load_actor_kb
from polemos.knowledge.gazetteer import Gazetteer
from polemos.stages.doc_country import document_focus


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Supporters of Faure Gnassingbe rallied before the vote.", "TG"),
        ("Nurses affiliated to the NLC began a strike over unpaid allowances.", "NG"),
        ("Cnapeste teachers staged a sit-in in front of the regional directorate.", "DZ"),
        ("Supporters of Kizza Besigye were dispersed with teargas.", "UG"),
        ("Moise Katumbi supporters clashed with police outside a courthouse.", "CD"),
        ("Soldiers fired on supporters of Jean Ping after the results were announced.", "GA"),
        ("A peacekeeper was wounded when gunmen attacked a MINUSCA patrol.", "CF"),
    ],
)
def test_a_countrys_leaders_and_bodies_place_the_report(
    gazetteer: Gazetteer, text: str, expected: str
) -> None:
    assert document_focus(text, gazetteer, load_actor_kb(), 2017) == expected
