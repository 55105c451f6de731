"""Tests for the roles of a trigger's actor mentions (actor 1 acts, actor 2 is acted upon)."""

from __future__ import annotations

from typing import Any

import pytest

from polemos.knowledge.actors import load_actor_kb
from polemos.stages.actors import DocumentActors
from polemos.stages.arguments import Roles, assign_roles


def _roles(nlp: Any, text: str, trigger: str) -> Roles:
    doc = nlp(text)
    actors = DocumentActors.build(text, load_actor_kb(), country="LY", year=2017)
    anchor = next(t for t in doc if t.text == trigger)
    return assign_roles(doc, anchor, actors.mentions_in(0, len(text)), 0)


@pytest.mark.parametrize(
    ("text", "trigger", "word"),
    [
        ("The army shelled the hospital that links the port to the militant enclave of Sabri.", "shelled",
         "militant"),
        ("Government troops stormed the extremist stronghold of Sabri on Monday.", "stormed", "extremist"),
    ],
)  # fmt: skip
def test_word_that_describes_a_place_is_acted_upon_never_acting(
    nlp: Any, text: str, trigger: str, word: str
) -> None:
    roles = _roles(nlp, text, trigger)
    assert word not in [m.text.split()[-1] for m in (*roles.agents, *roles.others)]
    assert any(m.text.split()[-1] == word for m in roles.patients)


def test_hostile_noun_that_acts_stays_an_agent(nlp: Any) -> None:
    roles = _roles(nlp, "Militants stormed a checkpoint near Sabri on Monday.", "stormed")
    assert [m.text for m in roles.agents] == ["Militants"]


@pytest.mark.parametrize(
    "text",
    [
        "Three soldiers were killed following an attack by Islamic State fighters near Sirte.",
        "Two guards died in an ambush by Islamic State fighters on the road to Sirte.",
        "A judge was killed in an assassination attempt by Islamic State fighters in Sirte.",
    ],
)
def test_by_agent_of_an_attack_noun_acted_in_the_event_it_caused(nlp: Any, text: str) -> None:
    trigger = "killed" if "killed" in text else "died"
    roles = _roles(nlp, text, trigger)
    assert [m.actor.name for m in roles.agents] == ["Islamic State (Tripoli)"]


def test_attack_noun_agent_does_not_override_the_subject(nlp: Any) -> None:
    roles = _roles(nlp, "The army repelled an attack by Islamic State fighters near Sirte.", "repelled")
    assert roles.agents[0].text.lower().startswith("the army")


@pytest.mark.parametrize(
    ("text", "trigger", "undergoes"),
    [
        ("Militants came under heavy fire near Sabri on Monday.", "fire", True),
        ("The militants were under attack near Sabri on Monday.", "attack", True),
        ("Militants attacked the checkpoint near Sabri on Monday.", "attacked", False),
        # a clause inside the phrase: who was under orders would do the firing
        ("Militants were under orders to fire on the checkpoint near Sabri.", "fire", False),
    ],
)
def test_the_subject_of_a_verb_of_undergoing_is_acted_upon(
    nlp: Any, text: str, trigger: str, undergoes: bool
) -> None:
    roles = _roles(nlp, text, trigger)
    militants = [m for m in (*roles.agents, *roles.patients, *roles.others) if "ilitants" in m.text]
    assert (bool(militants) and militants[0] in roles.patients) == undergoes
    assert not undergoes or not roles.agents


@pytest.mark.parametrize(
    "text",
    [
        "Clashes reported near Sabri between the Tripoli Revolutionaries Brigade & unknown gunmen.",
        "Clashes were reported near Sabri between the Tripoli Revolutionaries Brigade and unknown gunmen.",
        "Fighting was reported in Sabri between the Tripoli Revolutionaries Brigade and unknown gunmen.",
    ],
)
def test_the_sides_of_an_event_told_as_reported_are_its_between_phrase(nlp: Any, text: str) -> None:
    # the reporting verb's subject is the event itself: its "between" phrase names both sides
    roles = _roles(nlp, text, text.split()[0])
    sides = [m.text.lower() for m in (*roles.agents, *roles.patients)]
    assert len(sides) == 2 and "unknown gunmen" in sides[1]
