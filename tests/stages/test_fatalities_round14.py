"""Death tolls read since round 14 of issue #3, from a fresh sample of reports: killings whose manner comes
before the victim ("stoned to death a woman"), a victim named after the noun ("assassinated
businesswoman ..."), an age written with spaces, when the victims died told between them and the verb,
two persons killed "both" or after a first act, a victim's body found, a headline's "found dead", and
deaths a protest says it came after (its cause, not its toll). All sentences are written for these tests."""

from __future__ import annotations

import pytest

from polemos.stages.fatalities import choose_fatalities, find_fatality_claims


def _toll(text: str) -> int:
    return choose_fatalities(find_fatality_claims(text))


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("A mob stoned to death a man they accused of theft near the market.", 1),
        ("Villagers hacked to death three suspected cattle thieves on Sunday.", 3),
        ("The crowd beat to death a young pickpocket at the bus station.", 1),
    ],
)
def test_manner_to_death_before_the_victim(text: str, count: int) -> None:
    assert _toll(text) == count


def test_manner_to_death_in_the_passive_is_unchanged() -> None:
    assert _toll("A herder was burnt to death the following day.") == 1
    assert _toll("A herder was stoned to death by the mob.") == 1


@pytest.mark.parametrize(
    "text",
    [
        "Two gunmen with pistols assassinated businessman Ali Warsame in the market.",
        "Gunmen assassinated suspected informer outside of Kismayo.",
        "Soldiers shot dead a 17 year old boy in Kanda.",
        "Raiders killed a young shepherd end March near the river.",
    ],
)
def test_single_victim_objects(text: str) -> None:
    assert _toll(text) == 1


def test_a_person_named_after_a_title_is_one_victim() -> None:
    assert _toll("Gunmen killed the Governor Musa Ibrahim at his home.") == 1


@pytest.mark.parametrize(
    "text",
    [
        "Three policemen on the night of 12/09 were killed by gunmen in Tora.",
        "Three policemen on Sunday were killed by gunmen in Tora.",
        "Three policemen on 12 September were shot dead in Tora.",
    ],
)
def test_when_between_victims_and_verb(text: str) -> None:
    assert _toll(text) == 3


@pytest.mark.parametrize(
    "text",
    [
        "The headmaster and the treasurer of Kalo Primary School were both killed.",
        "A farmer and his son were abducted and later beheaded by the militia.",
    ],
)
def test_two_persons_killed_together(text: str) -> None:
    assert _toll(text) == 2


@pytest.mark.parametrize(
    "text",
    [
        "A trader was abducted by armed men. His body was found two days later near the river.",
        "A schoolgirl went missing. Her mutilated body was discovered in a field.",
    ],
)
def test_a_victims_body_found(text: str) -> None:
    assert _toll(text) == 1


def test_a_body_found_after_a_killing_is_the_same_dead() -> None:
    assert _toll("A driver was abducted and killed. His body was found in a ditch.") == 1


def test_headline_found_dead() -> None:
    assert _toll("Aid worker found dead after being strangled in a guesthouse in Gao") == 1


@pytest.mark.parametrize(
    "text",
    [
        "Traders in Beni protested after a money changer was killed by unknown gunmen.",
        "Youths blocked the main road, demanding justice after two boda riders were found dead.",
        "Students took to the streets of the town after a classmate was shot dead by a guard.",
    ],
)
def test_deaths_a_protest_came_after_are_its_cause(text: str) -> None:
    assert _toll(text) == 0


def test_deaths_told_after_a_protest_are_its_own() -> None:
    assert _toll("Protesters clashed with police in Kano and two demonstrators were shot dead.") == 2
    assert _toll("Soldiers raided the camp after two soldiers were killed.") == 2


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("Three fighters from the Hawadle sub-clan were killed while two were wounded.", 3),
        ("A district officer and his driver are killed by gunmen near Beni.", 2),
        ("One person has been reported as killed when guards opened fire.", 1),
        ("A farmer's body was found in his field, hacked with machetes.", 1),
        ("A lorry ran over a pedestrian during the riot, killing him instantly.", 1),
    ],
)
def test_more_phrasings_of_few_dead(text: str, count: int) -> None:
    assert _toll(text) == count


def test_a_subject_that_acted_before_killing_is_no_victim() -> None:
    # "attacked and lynched" with an object is active: the mob is not one dead, the four are.
    assert _toll("A vigilante mob attacked and lynched four suspected thieves near the market.") == 4
    assert _toll("Two traders abducted and killed by gunmen near Gao.") == 2


def test_victims_from_an_indefinite_unit() -> None:
    assert _toll("3 soldiers from a border patrol killed and 2 wounded in a mine blast.") == 3
