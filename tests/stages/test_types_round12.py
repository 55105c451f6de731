"""Event typing, round 12: petrol bombs and Molotovs are a crowd's weapons, no explosive device; what a
report says there was none of ("no damage") tells nothing; property damaged (the verb, not the noun of a
grievance) and missiles hurled make a protest a riot; a deed told after a threat, in the past with its
own subject, happened; strangling is a killing; lawyers' and lecturers' strikes are labour strikes;
"road blocks" in two words are barriers; and a bomb or a grenade set off on soldiers with gunfire beside
it is part of a fight.

Sentences are our own; each case names the general phenomenon it stands for.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

EXPLOSIONS = {"Remote explosive/landmine/IED", "Grenade", "Suicide bomb"}


@pytest.mark.parametrize(
    "text",
    [
        # the incendiary told with a crowd's protest in the same sentence
        "The library at Velmora college was petrol bombed on Monday during protests by students.",
        "Striking miners hurled petrol bombs at a mine office in Kusa on Tuesday.",
        "Demonstrators threw Molotov cocktails at the town hall of Tarsek on Friday.",
    ],
)
def test_petrol_bombs_of_a_crowd_are_a_violent_demonstration(
    sub_event_types: Callable[[str], list[str]], text: str
) -> None:
    types = sub_event_types(text)
    assert "Violent demonstration" in types
    assert not EXPLOSIONS & set(types)


def test_petrol_bombs_of_armed_men_are_no_explosion(sub_event_types: Callable[[str], list[str]]) -> None:
    types = sub_event_types("Gunmen firebombed the house of a councillor in Velmora on Friday.")
    assert not EXPLOSIONS & set(types)


def test_a_car_bomb_is_still_an_explosion(sub_event_types: Callable[[str], list[str]]) -> None:
    types = sub_event_types("A car bomb exploded near the market in Velmora on Friday, killing four people.")
    assert "Remote explosive/landmine/IED" in types


def test_damage_told_after_a_protest_makes_a_riot(sub_event_types: Callable[[str], list[str]]) -> None:
    types = sub_event_types(
        "Residents marched in Kusa on Monday over water cuts. Several shops were damaged."
    )
    assert types == ["Violent demonstration"]


def test_damage_during_protests_makes_a_riot(sub_event_types: Callable[[str], list[str]]) -> None:
    types = sub_event_types("Several buses were damaged during protests in Tarsek on Wednesday.")
    assert "Violent demonstration" in types


@pytest.mark.parametrize(
    "text",
    [
        "Residents marched in Kusa on Monday over water cuts. No damage was reported.",
        "Residents marched in Kusa on Monday over water cuts. There was no damage to property.",
        # damage as a grievance or a charge is no crowd's destruction
        "Farmers protested in Tarsek on Monday to demand compensation for damage to their crops.",
        "Miners protested outside the court in Velmora after they were charged with malicious damage.",
    ],
)
def test_damage_denied_or_claimed_makes_no_riot(
    sub_event_types: Callable[[str], list[str]], text: str
) -> None:
    assert sub_event_types(text) == ["Peaceful protest"]


def test_missiles_hurled_after_a_protest_make_a_riot(sub_event_types: Callable[[str], list[str]]) -> None:
    types = sub_event_types(
        "Traders protested in Velmora on Monday against new market fees. Some of them hurled bottles at "
        "council vehicles."
    )
    assert "Violent demonstration" in types
    assert "Peaceful protest" not in types


def test_a_deed_told_after_a_threat_happened(sub_event_types: Callable[[str], list[str]]) -> None:
    # the parser hangs the shooting under "threatened"; told in the past with its own subject, it happened
    types = sub_event_types(
        "Armed men entered a clinic in Velmora and threatened the patients: when a nurse tried to leave, "
        "the men opened fire, killing her."
    )
    assert "Attack" in types


@pytest.mark.parametrize(
    "text",
    [
        "The rebels threatened they would attack the town of Kusa.",
        "The militia vowed that its fighters will capture the airport of Tarsek.",
    ],
)
def test_a_threat_or_a_vow_is_still_no_event(sub_event_types: Callable[[str], list[str]], text: str) -> None:
    assert sub_event_types(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "A shopkeeper was strangled and dumped in a ditch in Kusa on Sunday.",
        "Unknown men strangled a farmer in his field near Tarsek on Friday.",
    ],
)
def test_strangling_is_a_killing(sub_event_types: Callable[[str], list[str]], text: str) -> None:
    assert "Attack" in sub_event_types(text)


@pytest.mark.parametrize(
    "text",
    [
        "A strike was held by lawyers on Tuesday in all the courts of Velmora.",
        "A strike disrupted lectures at the polytechnic in Tarsek on Monday.",
    ],
)
def test_strikes_of_the_bar_and_the_campus_are_protests(
    sub_event_types: Callable[[str], list[str]], text: str
) -> None:
    types = sub_event_types(text)
    assert "Peaceful protest" in types
    assert "Air/drone strike" not in types


def test_road_blocks_in_two_words_are_barriers(sub_event_types: Callable[[str], list[str]]) -> None:
    types = sub_event_types(
        "Residents of Kusa set up road blocks on the main highway on Monday after a child was hit by a truck."
    )
    assert "Violent demonstration" in types


@pytest.mark.parametrize(
    "text",
    [
        "Militants hit a police truck with an IED and then opened fire on it, killing two policemen outside "
        "Velmora on Monday.",
        "Gunmen threw a grenade at an army checkpoint in Kusa and opened fire, wounding a soldier.",
    ],
)
def test_a_bomb_set_off_on_soldiers_with_gunfire_is_a_fight(
    sub_event_types: Callable[[str], list[str]], text: str
) -> None:
    types = sub_event_types(text)
    assert "Armed clash" in types
    assert not EXPLOSIONS & set(types)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # no gunfire told: the bomb is the event
        ("A roadside bomb killed two soldiers near Tarsek on Monday.", "Remote explosive/landmine/IED"),
        # gunfire on civilians: no fight, the grenade stays
        (
            "Militants threw a grenade at a bus and opened fire, killing three passengers in Kusa on Monday.",
            "Grenade",
        ),
    ],
)
def test_explosions_without_a_fight_stay_explosions(
    sub_event_types: Callable[[str], list[str]], text: str, expected: str
) -> None:
    assert expected in sub_event_types(text)


def test_denied_word_reads_the_parse(nlp: Any) -> None:
    from polemos.stages.modality import denied_word

    doc = nlp("No damage was reported and the looting was not confirmed, but smoke rose over the market.")
    denied = {t.lower_ for t in doc if denied_word(t)}
    assert "damage" in denied
    assert "looting" in denied
    assert "smoke" not in denied
    assert "market" not in denied
