"""Who a killing harmed, not the armed words in the phrases around them: a place, a time or an occasion
told with "in", "at" or "on" after a verb of harm is no victim ("in a suspected militant attack", "at an
army checkpoint"); people named by their tie to someone ("employees of an aid group", "supporters of the
army") are civilians, whoever they are tied to; the subject of "is reported to have been killed" is the
victim; a headline's doer read over its verb ("Fulanis attack the villages") is the attacker, not a
second armed side.

Sentences are our own; each case names the general phenomenon it stands for.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from polemos.stages.victims import victim_class


@pytest.mark.parametrize(
    "text",
    [
        # the occasion of the killing names an armed word, the victims are not armed
        "Gunmen killed three female employees of a charity in Kusa on Monday in a suspected jihadist attack.",
        # the place of the killing is a post of the armed forces
        "A businessman was murdered at an army checkpoint in Tarsek on Monday.",
        # people tied to an armed side by an "of" phrase are its supporters, not its fighters
        "Militiamen killed four young supporters of the army near Kusa on Monday.",
    ],
)
def test_an_armed_word_beside_the_victims_does_not_arm_them(
    sub_event_types: Callable[[str], list[str]], text: str
) -> None:
    assert sub_event_types(text) == ["Attack"]


@pytest.mark.parametrize(
    "text",
    [
        "Militants killed two members of the army in Kusa on Monday.",
        "Soldiers killed five militants in an attack on their camp in Tarsek on Monday.",
        "Militants killed two security officials in Kusa on Monday.",
    ],
)
def test_armed_victims_still_make_a_fight(sub_event_types: Callable[[str], list[str]], text: str) -> None:
    assert sub_event_types(text) == ["Armed clash"]


def test_the_victim_of_a_passive_told_through_a_verb_of_saying_is_its_subject(
    sub_event_types: Callable[[str], list[str]],
) -> None:
    # "is reported to have been wounded": the harmed one is the subject of "reported", and the market
    # named with "in" is only where
    text = "A gendarme is reported to have been wounded in a market in Kusa on Monday."
    assert sub_event_types(text) == ["Armed clash"]


def test_people_tied_to_an_employer_or_a_cause_are_civilians(nlp: Any) -> None:
    doc = nlp("two employees and three supporters")
    assert victim_class([doc[1], doc[4]], []) == "civilian"


@pytest.mark.parametrize(
    "text",
    [
        "Fulanis attack several villages in the last two weeks, including Kusa and Tarsek in Dimbo district.",
        "Fulanis attack the villages of Kusa and Tarsek in Dimbo local government on Monday, killing 12.",
    ],
)
def test_a_headline_doer_read_over_its_verb_is_the_attacker_not_a_second_side(
    sub_event_types: Callable[[str], list[str]], text: str
) -> None:
    # "Fulanis attack ...": the name is read over the present-tense verb and hung from it as a modifier;
    # it is who attacked, not an armed party met, so an attack on villages stays one on civilians
    assert sub_event_types(text) == ["Attack"]


def test_a_headline_attack_on_an_armed_post_stays_a_fight(
    sub_event_types: Callable[[str], list[str]],
) -> None:
    assert sub_event_types("Rebels attack an army base in Kusa on Monday.") == ["Armed clash"]
