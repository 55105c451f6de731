"""Governments named as the owners of forces are their military forces; where camps compete for a state,
a government label saying how the world regards it names the camp whose cues that is; a pronoun after
"A of B" means the phrase's head A (polemos.stages.actor_governments)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from coded_sides import coded_sides

from polemos.knowledge.actors import load_actor_kb
from polemos.stages.actors import DocumentActors
from polemos.taxonomy import EventType

GNA_FORCES = "Military Forces of Libya (2016-) Government of National Accord"
GNA_GOVERNMENT = "Government of Libya (2016-) Government of National Accord"
ABU_SALIM = "Abu Salim Brigade"


def _mentions(text: str) -> list[tuple[str, str]]:
    doc = DocumentActors.build(text, load_actor_kb(), country="LY", year=2017, month=4)
    return [(m.text, m.actor.name) for m in doc.mentions]


@pytest.mark.parametrize(
    "text, words",
    [
        ("Presidency Council forces clashed with gunmen in Misrata on Sunday.", "Presidency Council forces"),
        (
            "Fighting broke out between anti- and pro-Presidency Council (PC) troops.",
            "pro-Presidency Council",
        ),
        ("Forces loyal to the Presidency Council took the port on Monday.", "Forces"),
    ],
)
def test_a_government_named_with_its_forces_is_its_military_forces(text: str, words: str) -> None:
    assert (words, GNA_FORCES) in _mentions(text)


def test_a_government_body_on_its_own_stays_the_government() -> None:
    assert ("Presidency Council", GNA_GOVERNMENT) in _mentions("The Presidency Council decreed a curfew.")


@pytest.mark.parametrize(
    "label", ["Libya's internationally-backed government", "Libya's internationally recognised government"]
)
def test_a_government_regarded_as_recognised_is_that_camps_forces(label: str) -> None:
    text = f"Officials of {label} met in Tunis on Monday."
    assert (label, GNA_FORCES) in _mentions(text)


def test_a_pronoun_after_a_of_b_means_the_head() -> None:
    text = (
        "The Abu Salim Brigade of Libya's internationally recognised government detained 40 migrants in "
        "Janzour. A source said two of them were killed in a shootout with its members."
    )
    assert ("its members", ABU_SALIM) in _mentions(text)


def test_a_split_states_2014_forces_name_never_comes_out_of_its_government_label(coder: Any) -> None:
    # the pronoun is the brigade's, and the government the label names is the recognised camp's forces:
    # the state's undivided 2014 name, which ACLED dropped once the camps split, is neither side
    text = (
        "The Abu Salim Brigade of Libya's internationally recognised government detained 40 migrants in "
        "Janzour on Sunday. A source in the brigade said two of them were killed in a shootout with its "
        "members."
    )
    sides = coded_sides(coder, text, dt.date(2017, 4, 10), lambda e: e.event_type is EventType.BATTLES)
    assert ABU_SALIM in sides and "Military Forces of Libya (2014-)" not in sides
