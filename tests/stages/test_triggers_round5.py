"""Event typing, round 5: ambushes of and fire on civilian traffic, prisoners fighting their guards, air
support in a ground fight, fist fights at a protest, abductions at home, and achievements told with
"able to".

Sentences are our own; each case names the general phenomenon it stands for.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # travellers and their vehicles ambushed or fired on are civilians, a convoy of soldiers is not
        ("Bandits ambushed a group of travellers near the river crossing on Monday.", "Attack"),
        ("Gunmen ambushed a minibus on the road to the market town on Tuesday, killing two.", "Attack"),
        ("Gunmen opened fire on a convoy of motorists near the forest on Monday, killing 20.", "Attack"),
        (
            "Militants ambushed an army convoy near the border on Tuesday, killing four soldiers.",
            "Armed clash",
        ),
        ("Gunmen opened fire on a military convoy near the border on Monday.", "Armed clash"),
        # prisoners fighting their guards riot; a prison is no battlefield between armed groups
        (
            "At least 30 inmates were injured during a clash with guards at the central prison on Monday.",
            "Mob violence",
        ),
        (
            "Violence erupted at the prison on Monday, leaving a guard and two inmates injured.",
            "Mob violence",
        ),
        # air support backs a ground fight: the fight is the event
        (
            "Backed by air support, government troops were able to recapture the town on Sunday.",
            "Government regains territory",
        ),
        # fist fights and petrol bombs make a protest a riot
        (
            "Lawmakers protesting the new rules started fist fights in the chamber on Tuesday.",
            "Violent demonstration",
        ),
        (
            "Students protesting fees threw petrol bombs at the campus gates on Monday.",
            "Violent demonstration",
        ),
        # an officer seized from his home is a civilian victim; soldiers seized by the enemy are in a battle
        (
            "Gunmen kidnapped a police colonel from his house in the capital on Monday.",
            "Abduction/forced disappearance",
        ),
        # stun grenades are crowd control, not ACLED's Grenade: police dispersing a crowd with them intervene
        (
            "Police fired stun grenades to disperse the crowd of protesters in the town on Monday.",
            "Protest with intervention",
        ),
        # looting told as a spree is looting
        ("Angry residents went on a looting spree in the township on Monday.", "Mob violence"),
        # party factions fighting with no armed group named riot; factions of a militia fight a battle
        (
            "Two factions of the ruling party clashed at a party meeting in the town on Sunday.",
            "Violent demonstration",
        ),
        ("Warring factions of the militia clashed in the south of the city on Friday.", "Armed clash"),
        # an achievement told with "able to" happened (a crewed jet shot down: a fight with its crew)
        (
            "Rebel forces were able to shoot down a government jet over the city on Friday.",
            "Armed clash",
        ),
    ],
)
def test_triggers_round5_sub_event_type(
    sub_event_types: Callable[[str], list[str]], text: str, expected: str
) -> None:
    assert expected in sub_event_types(text)


@pytest.mark.parametrize(
    "text",
    [
        # an ability never used, or still to come
        "The rebels were not able to retake the town despite weeks of trying.",
        "The commander said his men will be able to retake the airport within days.",
    ],
)
def test_triggers_round5_no_event(sub_event_types: Callable[[str], list[str]], text: str) -> None:
    assert sub_event_types(text) == []
