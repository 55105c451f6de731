"""Deeds told again or misread: a person "taken by" men is abducted, not ground taken, and a later telling
that names the takers gives the abduction its doer; fighters a later sentence says were members of a named
force are the unnamed gunmen's identity; a headline's "fire teargas to disperse them" is an intervention;
property smashed in an attack on a person is part of that attack, not a riot.

Sentences are our own; each case names the general phenomenon it stands for.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from polemos.model import Document


def _events(coder: Any, text: str, country: str = "Libya") -> list[Any]:
    return list(coder.code(Document(id="t", text=text, published=dt.date(2017, 3, 10)), country=country))


@pytest.mark.parametrize(
    "text",
    [
        "It is claimed that he was taken by members of the Awlad Suleiman tribe near Sabha.",
        "Local sources say she was taken by gunmen loyal to a local commander outside Sabha.",
    ],
)
def test_a_person_taken_by_men_is_abducted(sub_event_types: Callable[[str], list[str]], text: str) -> None:
    assert sub_event_types(text) == ["Abduction/forced disappearance"]


def test_a_town_taken_by_fighters_is_still_ground(sub_event_types: Callable[[str], list[str]]) -> None:
    types = sub_event_types("The town of Sabha was taken by Awlad Suleiman fighters after heavy clashes.")
    assert "Abduction/forced disappearance" not in types


def test_a_kidnapping_retold_with_its_takers_is_theirs(coder: Any) -> None:
    events = _events(
        coder,
        "A cousin of a senior commander has been kidnapped in Sabha. It is claimed that he was taken by "
        "members of the Awlad Suleiman tribe in revenge for an earlier abduction.",
    )
    assert [e.sub_event_type.value for e in events] == ["Abduction/forced disappearance"]
    assert events[0].actor1 is not None and not events[0].actor1.name.startswith("Unidentified")
    assert events[0].actor1.inter == 4


def test_fighters_a_later_sentence_names_are_the_gunmen(coder: Any) -> None:
    text = (
        "Six villagers were killed on 3 March when gunmen from a nearby town attacked Sabha. "
        "The suspected smugglers and the town's fighters are said to have been members of the Awlad "
        "Suleiman tribe."
    )
    [event] = _events(coder, text)
    assert event.actor1 is not None and event.actor1.inter == 4


@pytest.mark.parametrize(
    "text",
    [
        "Protesters gather outside the ministry in Sabha. Security forces fire teargas to disperse them.",
        "Police fire tear gas to disperse the crowd outside the ministry.",
        "Soldiers fire live rounds to disperse protesters in the square.",
    ],
)
def test_munitions_fired_to_disperse_intervene(
    sub_event_types: Callable[[str], list[str]], text: str
) -> None:
    assert sub_event_types(text)[-1:] == ["Protest with intervention"]


def test_gas_bought_to_disperse_is_no_intervention(sub_event_types: Callable[[str], list[str]]) -> None:
    assert "Protest with intervention" not in sub_event_types(
        "The ministry ordered new teargas to disperse future crowds."
    )


def test_property_smashed_in_an_attack_on_a_person_is_that_attack(coder: Any) -> None:
    [event] = _events(
        coder,
        "An unknown group attacked a professor, smashed up computers and threatened students at the "
        "university in Sabha.",
    )
    assert event.sub_event_type.value == "Attack"
    assert event.actor2 is not None and event.actor2.inter == 7


def test_a_crowd_that_beats_and_burns_stays_a_crowd(coder: Any) -> None:
    events = _events(coder, "Angry residents beat a suspected thief and set fire to his shop in Sabha.")
    assert [e.sub_event_type.value for e in events] == ["Mob violence"]


def test_a_pronoun_retypes_a_deed_but_proves_none(nlp: Any) -> None:
    from polemos.knowledge.lexicon import load_lexicon
    from polemos.stages.triggers import candidate_hits

    lexicon = load_lexicon()

    def classes(text: str, trigger: str) -> frozenset[str]:
        [hit] = [h for h in candidate_hits(nlp(text), lexicon, frozenset()) if h.trigger.id == trigger]
        return hit.object_classes

    # a capture verb that takes "him" took a person ...
    assert "person" in classes("He was taken by members of a local tribe.", "territory")
    # ... but "attacked him" needs more than a pronoun to be violence (words of critics, a game)
    assert "person" not in classes("Critics attacked him over the budget.", "attack")
