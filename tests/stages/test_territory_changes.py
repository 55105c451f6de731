"""Territory changing hands: control still fought for is a clash, armed men fleeing a place in a fight lose
it to the other side, state forces losing a place lose it to their enemy, unnamed urban ground (blocks,
streets) taken by a verb that only takes ground, the doer of a participle clause deciding who took a
place, and gains told with any adjective of size.

Sentences are our own; each case names the general phenomenon it stands for.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

GOVERNMENT = "Government regains territory"
NON_STATE = "Non-state actor overtakes territory"
TERRITORY = {GOVERNMENT, NON_STATE, "Non-violent transfer of territory"}


@pytest.mark.parametrize(
    "text",
    [
        "Two rival militias fought for control of the port of Kismayo on Tuesday.",
        "Rebels are locked in a fierce battle with the army for control of the town of Baidoa.",
        "Twelve people were killed over two days of fighting for control of Beledweyne.",
    ],
)
def test_control_fought_for_is_a_clash(sub_event_types: Callable[[str], list[str]], text: str) -> None:
    # control in dispute has not changed hands: ACLED codes the fight, and the change only once won
    types = sub_event_types(text)
    assert "Armed clash" in types
    assert not TERRITORY & set(types)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # state forces fleeing a place in a fight lost it to the armed group they fought
        ("Soldiers fled the town of Baidoa after heavy fighting with al-Shabaab fighters.", NON_STATE),
        # insurgents abandoning a place under an assault lost it to the government
        ("Al-Shabaab militants abandoned the town of Baidoa under a heavy army assault.", GOVERNMENT),
    ],
)
def test_armed_men_fleeing_a_place_in_a_fight_lose_it(
    sub_event_types: Callable[[str], list[str]], text: str, expected: str
) -> None:
    assert expected in sub_event_types(text)


def test_civilians_fleeing_fighting_take_no_ground(sub_event_types: Callable[[str], list[str]]) -> None:
    types = sub_event_types("Hundreds of residents fled the town of Baidoa after fighting with al-Shabaab.")
    assert not TERRITORY & set(types)


def test_state_forces_losing_a_place_lose_it_to_their_enemy(
    sub_event_types: Callable[[str], list[str]],
) -> None:
    # no fight told either way: enemies in a war do not hand each other towns
    assert sub_event_types("Government troops lost control of the town of Baidoa.") == [NON_STATE]


def test_a_place_ceded_peacefully_is_still_a_transfer(sub_event_types: Callable[[str], list[str]]) -> None:
    assert sub_event_types("Government troops peacefully lost control of the town of Baidoa.") == [
        "Non-violent transfer of territory"
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Two more apartment blocks were overrun by the army in Raqqa.",
        "Two more apartment blocks were overrun by the army in Marawi.",
    ],
)
def test_unnamed_urban_ground_is_taken_as_a_town_is(
    sub_event_types: Callable[[str], list[str]], text: str
) -> None:
    assert GOVERNMENT in sub_event_types(text)


def test_a_participle_clause_is_done_by_its_clause_s_subject(
    sub_event_types: Callable[[str], list[str]],
) -> None:
    # "seizing" has no subject of its own: the militants who attacked took the district centre
    types = sub_event_types(
        "Militants attacked army posts in Kunduz, seizing the district centre after heavy fighting."
    )
    assert NON_STATE in types
    assert GOVERNMENT not in types


@pytest.mark.parametrize(
    "text",
    [
        "Government troops made considerable gains against the rebels in the district.",
        "Government troops made substantial advances against the insurgents near the border.",
    ],
)
def test_gains_of_any_size_are_ground_taken(sub_event_types: Callable[[str], list[str]], text: str) -> None:
    assert GOVERNMENT in sub_event_types(text)
