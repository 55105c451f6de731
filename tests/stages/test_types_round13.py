"""Event typing, round 13: a state of emergency decreed is a strategic development of its own day, while
one merely in force is none; prisoners pardoned are one too; people chanting are demonstrating; a
grenade found and made safe is disrupted weapons use; guards and gendarmes put a beating into armed
conflict; one officer seized with no fight told is an abduction (a captive is unarmed), while several
armed men taken together, or taken in a fight, is a battle; a crew named by its weapon fires nothing.

Sentences are our own; each case names the general phenomenon it stands for.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest


@pytest.mark.parametrize(
    "text",
    [
        # the decree is the news; the attacks it follows are its background
        "Velmoria on Monday extended by two months a state of emergency in force since May following a "
        "series of militant attacks on soldiers and civilians.",
        "The president declared a state of emergency in Kusa province on Sunday after two bombings.",
        "A three-month state of emergency was declared in Kusa on Monday.",
    ],
)
def test_a_state_of_emergency_decreed_is_a_strategic_development(
    sub_event_types: Callable[[str], list[str]], text: str
) -> None:
    assert sub_event_types(text) == ["Other"]


def test_a_state_of_emergency_in_force_is_no_event_and_hides_none(
    sub_event_types: Callable[[str], list[str]],
) -> None:
    types = sub_event_types(
        "Gunmen killed two farmers in Kusa on Monday, where a state of emergency has been in force since May."
    )
    assert types == ["Attack"]


def test_prisoners_pardoned_are_a_strategic_development(sub_event_types: Callable[[str], list[str]]) -> None:
    assert sub_event_types("The king pardoned 477 prisoners in Velmora on Monday.") == ["Other"]


def test_a_pardon_of_no_prisoner_is_no_event(sub_event_types: Callable[[str], list[str]]) -> None:
    assert sub_event_types("The referee pardoned the striker's late tackle in Kusa on Sunday.") == []


@pytest.mark.parametrize(
    "text",
    [
        "Members of a rights group sang and chanted outside the high court in Tarsek on Friday.",
        'During a hearing at the court in Tarsek on Monday, activists in the courtroom chanted "Free them".',
    ],
)
def test_people_chanting_are_demonstrating(sub_event_types: Callable[[str], list[str]], text: str) -> None:
    assert sub_event_types(text) == ["Peaceful protest"]


def test_a_grenade_found_and_defused_is_disrupted_weapons_use(
    sub_event_types: Callable[[str], list[str]],
) -> None:
    types = sub_event_types("A grenade was found near the school in Kusa on Monday and defused by police.")
    assert types == ["Disrupted weapons use"]


def test_a_grenade_that_wounded_people_went_off(sub_event_types: Callable[[str], list[str]]) -> None:
    types = sub_event_types("A hand grenade was hurled at a bar in Kusa on Monday, wounding four people.")
    assert types == ["Grenade"]


def test_guards_beating_a_woman_are_violence_against_civilians(
    sub_event_types: Callable[[str], list[str]],
) -> None:
    types = sub_event_types(
        "Guards of the vice president allegedly beat a woman in Tarsek on Monday, "
        "accusing her of bad driving."
    )
    assert types == ["Attack"]


def test_one_officer_seized_with_no_fight_is_an_abduction(
    sub_event_types: Callable[[str], list[str]],
) -> None:
    types = sub_event_types(
        "Colonel Amar Tessi, the commander of the 12th Infantry Brigade, was abducted on Monday by seven "
        "gunmen on the road near Kusa."
    )
    assert types == ["Abduction/forced disappearance"]


@pytest.mark.parametrize(
    "text",
    [
        # several armed men taken together were overpowered
        "Six police officers were taken hostage by a militia in Kusa on Monday.",
        # a fight told beside the capture
        "Militants attacked an army post near Kusa on Monday, killing two soldiers "
        "and abducting three others.",
    ],
)
def test_armed_men_taken_together_or_in_a_fight_is_a_battle(
    sub_event_types: Callable[[str], list[str]], text: str
) -> None:
    assert sub_event_types(text) == ["Armed clash"]


def test_a_crew_named_by_its_weapon_is_no_shelling(sub_event_types: Callable[[str], list[str]]) -> None:
    types = sub_event_types(
        "Security forces engaged the mortar team in Velmora on Monday, "
        "confiscating their vehicle and killing two."
    )
    assert "Shelling/artillery/missile attack" not in types


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an armed post attacked and burnt: the attack on armed men outranks the destruction
        ("Rebels attacked and torched an army base in Kusa on Monday.", "Armed clash"),
        ("A police checkpoint was attacked and set on fire in Kusa by unidentified gunmen on Monday.",
         "Armed clash"),
        # a village attacked and looted by armed men: violence against civilians outranks the looting
        ("Militants attacked and looted the village of Kusa on Monday.", "Attack"),
    ],
)  # fmt: skip
def test_violence_coordinated_with_a_development_is_the_event(
    sub_event_types: Callable[[str], list[str]], text: str, expected: str
) -> None:
    assert sub_event_types(text) == [expected]


def test_a_development_told_alone_stays_one(sub_event_types: Callable[[str], list[str]]) -> None:
    types = sub_event_types("Militants looted the village of Kusa on Monday.")
    assert types == ["Looting/property destruction"]


@pytest.mark.parametrize(
    "text",
    [
        "Troops intercepted a group of rebel fighters near Kusa on Monday.",
        "Soldiers dismantled a militant position near Kusa on Monday.",
    ],
)
def test_armed_men_intercepted_met_a_force(sub_event_types: Callable[[str], list[str]], text: str) -> None:
    assert sub_event_types(text) == ["Armed clash"]


def test_a_bomb_intercepted_is_disrupted_weapons_use(sub_event_types: Callable[[str], list[str]]) -> None:
    types = sub_event_types("Security forces intercepted a car bomb at a checkpoint in Kusa on Monday.")
    assert types == ["Disrupted weapons use"]


def test_an_armed_man_seized_and_beheaded_is_coded_as_his_killing(
    sub_event_types: Callable[[str], list[str]],
) -> None:
    types = sub_event_types("A policeman was abducted and later beheaded by militants in Kusa on Monday.")
    assert "Armed clash" in types


def test_an_armed_man_killed_and_mutilated_is_a_fight(sub_event_types: Callable[[str], list[str]]) -> None:
    # the brutal verb is violence against civilians; the killing of a police officer beside it outranks it
    types = sub_event_types("Militiamen killed and dismembered a police captain in Kusa on Monday.")
    assert types == ["Armed clash"]


def test_a_crowd_attacking_the_police_in_its_march_is_no_battle(
    sub_event_types: Callable[[str], list[str]],
) -> None:
    types = sub_event_types("Protesters marched and attacked the police in Kusa on Monday.")
    assert "Armed clash" not in types
