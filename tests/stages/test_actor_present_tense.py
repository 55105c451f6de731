"""State forces told in the present tense of a note or headline ("Police shoot and kill a civilian") or
with a hedge before their verb ("police reportedly shoot") are the doers, not a noun's modifier; the
police of Somalia's self-governing states and the spellings of Ethiopia's Liyu police are their own."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from polemos.model import Document
from polemos.taxonomy import EventType


def _attacks(coder: Any, text: str) -> list[Any]:
    events = coder.code(Document(id="present", text=text, published=dt.date(2017, 3, 9)))
    return [e for e in events if e.event_type is EventType.VIOLENCE_AGAINST_CIVILIANS]


@pytest.mark.parametrize(
    "text",
    [
        "Police shoot and kill a trader at a roadblock in Onitsha.",
        "Police assault and injure a journalist covering a trial in Onitsha.",
        "Police reportedly beat a motorcyclist to death in Onitsha.",
    ],
)
def test_police_opening_a_present_tense_clause_are_the_doers(coder: Any, text: str) -> None:
    attacks = _attacks(coder, text)
    assert attacks and attacks[0].actor1.name == "Police Forces of Nigeria (2015-)"
    assert attacks[0].actor1.inter == 1


def test_a_police_raid_after_an_article_is_still_a_noun(coder: Any) -> None:
    from polemos.stages.actors import DocumentActors

    kb = coder.actor_kb
    text = "A police raid on the market left two traders injured in Onitsha."
    found = DocumentActors.build(text, kb, country="NG", year=2017)
    assert not any(m.text.lower() == "police" and m.end == text.index(" raid") for m in found.mentions)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Somaliland police shot dead a herder in Burao.", "Police Forces of Somaliland (1991-)"),
        ("Puntland police shot dead a herder in Garowe.", "Police Forces of Puntland (1998-)"),
        ("Liya police shot dead a herder near Jijiga.", "Police Forces of Ethiopia (1991-) Liyu Division"),
    ],
)
def test_regional_police_forces_are_named_as_their_own(coder: Any, text: str, name: str) -> None:
    attacks = _attacks(coder, text)
    assert attacks and attacks[0].actor1.name == name
