"""Death tolls read since round 15 of issue #3, from a fresh sample of reports: lives an event took
("claims 30 lives"), a group hurt after an aside between commas, dead named "alongside" a victim, a death
mourned at a funeral march, a bomber named beside the toll, and the communities of the people, no list of
places. All sentences are written for these tests."""

from __future__ import annotations

import pytest

from polemos.stages.fatalities import choose_fatalities, find_fatality_claims
from polemos.stages.fatality_periods import listed_places


def _toll(text: str) -> int:
    return choose_fatalities(find_fatality_claims(text))


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("A clash between herders and farmers in Kalemba claims 30 lives.", 30),
        ("The fighting claimed at least 12 lives on Sunday.", 12),
        ("The raid cost five lives in the market of Tarsek.", 5),
        ("The violence took two more lives in Kusa.", 2),
        # An outcome only feared or possible is no toll.
        ("Officials said the blast could have claimed 40 lives.", 0),
        # A past the sentence gives as background: the roads the truckers protest over.
        ("Truckers went on strike over the state of the port roads, having claimed several lives.", 0),
    ],
)
def test_lives_taken(text: str, count: int) -> None:
    assert _toll(text) == count


@pytest.mark.parametrize(
    ("text", "count"),
    [
        # The group after "and" was hurt, told after an aside between commas.
        ("A guard was killed and two traders, trying to help him, were injured.", 1),
        # A victim named alongside others counted with a number.
        ("The village chief was killed alongside 4 other people in the raid.", 5),
        ("A teacher was shot dead along side with two other villagers.", 3),
    ],
)
def test_groups_after_a_single_victim(text: str, count: int) -> None:
    assert _toll(text) == count


def test_a_death_mourned_at_a_funeral_march_is_no_toll() -> None:
    assert _toll("Hundreds attended the funeral march for the killed student in Kusa.") == 0
    assert _toll("Mourners joined the funeral procession of two guards killed last week.") == 0


def test_a_bomber_named_beside_the_toll_is_counted() -> None:
    assert _toll("Two people were killed in the blast apart from the suicide bomber.") == 3


def test_the_communities_of_the_people_are_no_list_of_places() -> None:
    text = (
        "Gunmen of the Alpha clan clashed with members of the Kessa and Dalmuri communities, leaving 4 dead."
    )
    assert listed_places(text) == 1
    assert listed_places("Four herders were killed in the Kessa and Dalmuri communities.") == 2
