"""Death tolls read since round 12 of issue #3: a count vouched for by a participle before its victims
("Six reported rebels dead"), "shot him dead", a policeman or soldier attacked at home told as the
attack on a civilian victim that holds his death, not as a battle, and attackers who "also attacked"
another target killing in an event of its own. All sentences are written for these tests."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from polemos.stages.fatalities import find_fatality_claims


@pytest.mark.parametrize(
    ("text", "count", "victims"),
    [
        ("Six reported rebels dead after the raid on Kolo.", 6, "rebels"),
        ("Troops swept the hills; two confirmed insurgents were killed.", 2, "insurgents"),
        ("Three reported Red Hand fighters killed near the ford.", 3, "Red Hand fighters"),
        # no victims named: the participle is the verb's, as before
        ("Eight reported dead in the attack on the market.", 8, None),
        ("Officials said 12 confirmed dead after the shelling.", 12, None),
    ],
)
def test_a_participle_before_the_victims_vouches_for_the_count(
    text: str, count: int, victims: str | None
) -> None:
    [claim] = find_fatality_claims(text)
    assert (claim.count, claim.victims) == (count, victims)


def test_a_vouching_participle_is_no_victim_of_a_killer() -> None:
    [claim] = find_fatality_claims("The army killed two reported gunmen at the checkpoint.")
    assert (claim.count, claim.victims) == (2, "gunmen")


def _coded(coder: Any, text: str) -> list[tuple[str, int]]:
    import datetime as dt

    from polemos.model import Document

    doc = Document(id="t", text=text, published=dt.date(2020, 3, 10))
    return [(e.sub_event_type.value, e.fatalities) for e in coder.code(doc)]


def test_a_policeman_attacked_at_home_is_an_attack_on_a_civilian_victim(coder: Any) -> None:
    text = (
        "On Monday, a police corporal was killed east of Dimbo after gunmen stormed his home "
        "and opened fire on him."
    )
    assert _coded(coder, text) == [("Attack", 1)]


def test_an_army_post_stormed_is_still_a_battle(sub_event_types: Callable[[str], list[str]]) -> None:
    assert sub_event_types("Militants stormed an army post near Dimbo on Sunday, killing two soldiers.") == [
        "Armed clash"
    ]


def test_a_toll_vouched_for_by_a_participle_is_split_between_the_places_cleared(coder: Any) -> None:
    text = "Army units cleared Kolo and Dara of rebels on Monday. Six reported rebels dead."
    assert _coded(coder, text) == [("Government regains territory", 3)]


@pytest.mark.parametrize(
    "text",
    [
        "Militiamen stopped the bus and shot him dead.",
        "A gunman followed the teacher home and shot her dead.",
    ],
)
def test_shot_dead_with_a_pronoun_is_one_death(text: str) -> None:
    [claim] = find_fatality_claims(text)
    assert claim.count == 1


def test_attackers_who_also_attacked_another_target_kill_in_an_event_of_its_own(coder: Any) -> None:
    text = (
        "Gunmen attacked a police post in Tamarsa on Friday, killing two officers. "
        "The gunmen also attacked the house of the village head and shot him dead."
    )
    assert _coded(coder, text) == [("Armed clash", 2), ("Attack", 1)]


def test_more_dead_also_killed_in_the_attack_stay_its_own(coder: Any) -> None:
    text = "Gunmen attacked a police post in Tamarsa on Friday. Two officers were also killed in the attack."
    assert _coded(coder, text) == [("Armed clash", 2)]
