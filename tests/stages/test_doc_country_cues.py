"""A report that names no place the gazetteer knows is placed by its country's own bodies, leaders, member
states and regions (Somalia's federal states, Ethiopia's and Burundi's parties, Gambia's and Malawi's
politics), so that its generic actors carry their country."""

from __future__ import annotations

import pytest

from polemos.knowledge.actors import load_actor_kb
from polemos.knowledge.gazetteer import Gazetteer
from polemos.stages.doc_country import document_focus


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Gunmen shot a trader at a checkpoint in a village of Galmudug.", "SO"),
        ("Clan fighters clashed near a well in Mudug, leaving two dead.", "SO"),
        ("A teacher was beaten by Imbonerakure members near a market.", "BI"),
        ("Soldiers detained eleven men in a village of Kajo-Keji.", "SS"),
        ("Supporters of Yahya Jammeh burnt tyres on a road near his home village.", "GM"),
        ("Malawi Congress Party supporters marched to the district offices.", "MW"),
        ("An MDCT councillor's house was attacked by armed men.", "ZW"),
    ],
)
def test_a_countrys_own_bodies_and_regions_place_the_report(
    gazetteer: Gazetteer, text: str, expected: str
) -> None:
    assert document_focus(text, gazetteer, load_actor_kb(), 2017) == expected
