"""Former rebels once their rebellion has become the state (armed men of their own, not the state's
forces), a regime's special forces written as its unit, and a tribal rivalry as a communal feud."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from polemos.model import Document
from polemos.taxonomy import EventType


def _sides(coder: Any, text: str, day: dt.date, etype: EventType) -> tuple[Any, Any]:
    events = [e for e in coder.code(Document(id="fr", text=text, published=day)) if e.event_type is etype]
    assert events, f"no {etype.value} event coded in {text!r}"
    return events[0].actor1, events[0].actor2


# ---------------------------------------------------------------------- former rebels
@pytest.mark.parametrize(
    ("text", "day", "etype"),
    [
        # the label itself, in the winners' first months as the state and after
        ("Three people died when former rebel brigades fought each other near Gharyan.", dt.date(2011, 12, 5),
         EventType.BATTLES),
        ("An ex-rebel group shot and wounded the brother of a Libyan army officer in Sabha.",
         dt.date(2012, 4, 2), EventType.VIOLENCE_AGAINST_CIVILIANS),
        # "ex-" before an alias of the rebels, whose name in the period is the state's forces
        ("Ex-rebel troops shot dead a shopkeeper in Misrata.", dt.date(2011, 12, 20),
         EventType.VIOLENCE_AGAINST_CIVILIANS),
    ],
)  # fmt: skip
def test_former_rebels_of_a_rebellion_turned_state_are_an_unidentified_armed_group(
    coder: Any, text: str, day: dt.date, etype: EventType
) -> None:
    actor1, _ = _sides(coder, text, day, etype)
    assert actor1 is not None
    assert (actor1.name, actor1.inter) == ("Unidentified Armed Group (Libya)", 3)


def test_rebels_not_called_former_are_still_the_state_once_it_won(coder: Any) -> None:
    actor1, _ = _sides(
        coder,
        "Rebel troops shot dead a shopkeeper in Misrata.",
        dt.date(2011, 12, 20),
        EventType.VIOLENCE_AGAINST_CIVILIANS,
    )
    assert actor1 is not None and actor1.inter == 1


# ---------------------------------------------------------------------- a regime's special forces
def test_the_regimes_special_forces_are_its_special_forces_unit(coder: Any) -> None:
    actor1, actor2 = _sides(
        coder,
        "Libyan special forces killed three Al-Qaeda militants in a raid near Ajdabiya, state radio said.",
        dt.date(2011, 5, 14),
        EventType.BATTLES,
    )
    names = {a.name for a in (actor1, actor2) if a is not None}
    assert "Military Forces of Libya (1969-2011) Special Forces" in names


# ---------------------------------------------------------------------- a tribal rivalry
def test_fighting_rooted_in_a_tribal_rivalry_is_a_communal_feud(coder: Any) -> None:
    actor1, actor2 = _sides(
        coder,
        "Two armed groups clashed near Geneina, killing six. The fighting grew out of a tribal rivalry.",
        dt.date(2017, 6, 3),
        EventType.BATTLES,
    )
    assert actor1 is not None and actor1.inter == 4
    assert actor2 is not None and actor2.inter == 4


def test_a_pronoun_for_former_rebels_is_those_men_not_the_state() -> None:
    from polemos.knowledge.actors import load_actor_kb
    from polemos.stages.actors import DocumentActors

    text = "Former rebel brigades fought near a hotel in Zawiya on Sunday. They were fighting over the hotel."
    found = DocumentActors.build(text, load_actor_kb(), country="LY", year=2011, month=12, day=11)
    they = [m for m in found.mentions if m.text == "They"]
    assert they, "the pronoun was not resolved"
    assert they[0].actor.name == "Unidentified Armed Group (Libya)"
