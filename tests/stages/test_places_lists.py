"""Tests for a list of towns: the event is coded at the list's first town."""

from __future__ import annotations

import pytest

from polemos.knowledge.gazetteer import Gazetteer
from polemos.stages.annotate import Sentence
from polemos.stages.mention_setting import list_head
from polemos.stages.places import find_places


@pytest.mark.parametrize(
    ("text", "last", "first"),
    [
        ("Ras Lanuf, Sidra and Ben Jawad were shelled on Monday.", "Bin Jawwad", "Ras Lanuf"),
        ("Protests spread to Zawiya or Surman.", "Surman", "Az Zawiyah"),
        ("Clashes hit Zliten & Misrata.", "Misratah", "Zliten"),
    ],
)
def test_list_head_takes_the_first_town_of_a_list(
    gazetteer: Gazetteer, text: str, last: str, first: str
) -> None:
    lead = "Reports said. "  # the sentence does not open the document: offsets are the document's
    places = find_places(text, gazetteer, offset=len(lead), country_focus="LY")
    sent = Sentence(1, len(lead), len(lead) + len(text), text, 0)
    chosen = next(p for p in places if p.name == last)
    assert list_head(sent, places, chosen).name == first


def test_list_head_keeps_a_town_that_is_not_in_a_list(gazetteer: Gazetteer) -> None:
    text = "Fighters from Misrata attacked positions in Sirte."
    places = find_places(text, gazetteer, country_focus="LY")
    sent = Sentence(0, 0, len(text), text, 0)
    assert [list_head(sent, places, p).name for p in places] == ["Misratah", "Sirte"]
