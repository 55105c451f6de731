"""Tests for victim phrases and vague counts the fatality stage reads (round 3): numbers a report cannot
give, quoted vague words, names with quoted nicknames or acronyms, modifiers between victims and verb,
partitions of a toll, and pronouns that point back at victims already counted."""

from __future__ import annotations

import pytest

from polemos.stages.fatalities import choose_fatalities, find_fatality_claims, parse_number


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("an unknown number", 10),
        ("An unspecified number", 10),
        ("a number", 10),
        ("an undisclosed number", 10),
    ],
)
def test_parse_number_reads_numbers_a_report_cannot_give_as_a_number(text: str, expected: int) -> None:
    assert parse_number(text) == expected


@pytest.mark.parametrize(
    ("sentence", "counts", "victims"),
    [
        # A figure the report says it does not know is ACLED's vague "a number", not one victim.
        ("An unknown number of rebels died when their truck was hit.", [10], ["rebels"]),
        (
            "Two guards killed at dawn and an unspecified number of raiders killed later.",
            [2, 10],
            ["guards", "raiders"],
        ),
        ("The shelling killed an unknown number of herders and their goats.", [10], ["herders"]),
        # Reports quote vague words they do not vouch for.
        ('Troops drove the gang out of the hills, killing "several" of its members.', [10], None),
        # A nickname in quotes inside brackets stays part of the victims' name.
        ("Witnesses saw two Red Hill (“Hill Wolves”) Battalion men being killed.", [2], None),
        # Modifiers between the victims and the verb: allegiance, two places of origin, an acronym.
        ("Four guards serving with the Coastal Brigade are reported to have been killed.", [4], ["guards"]),
        ("Three traders from the Sandy Market from Port Ilo were killed at the bridge.", [3], ["traders"]),
        ("At least 12 recruits from the Iron Wall (IW) training camp were killed.", [12], ["recruits"]),
    ],
)
def test_find_fatality_claims_reads_more_victim_phrases(
    sentence: str, counts: list[int], victims: list[str | None] | None
) -> None:
    claims = find_fatality_claims(sentence)
    assert [c.count for c in claims] == counts
    if victims is not None:
        assert [c.victims for c in claims] == victims


@pytest.mark.parametrize(
    "sentence",
    [
        # A part of a toll told elsewhere is no toll of its own.
        "Only two of the dead were known to be local men.",
        "Three of the dead were children.",
        # A death that is the subject of a meeting is background to the event, not among its dead.
        "Elders travelled to the capital to discuss the alleged killing of 40 villagers.",
    ],
)
def test_find_fatality_claims_skips_partitions_and_background_deaths(sentence: str) -> None:
    assert find_fatality_claims(sentence) == []


def test_a_partitive_after_an_active_verb_still_counts() -> None:
    assert [c.count for c in find_fatality_claims("Raiders killed 4 of the guards at the gate.")] == [4]


def test_a_pronoun_victim_competes_with_the_total_instead_of_adding_to_it() -> None:
    text = "Gangs fought in the market, leaving a number of them dead. Estimates range from five to 12 dead."
    claims = find_fatality_claims(text)
    assert [c.count for c in claims] == [10, 5]
    assert choose_fatalities(claims) == 5


def test_the_unknown_number_of_one_side_is_added_to_the_other_sides_dead() -> None:
    claims = find_fatality_claims(
        "Two guards killed at dawn and an unspecified number of raiders killed later."
    )
    assert choose_fatalities(claims) == 12


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Raiders killed a shepherd and his brother on the road.", 2),
        ("The strike killed 3 fighters and their young commander.", 4),
        ("Gunmen killed a driver and another passenger at the bridge.", 2),
        # The one more person must be a person, and dead.
        ("Bandits killed a herder and his camels.", 1),
        ("Gunmen killed a trader and his wife was injured.", 1),
    ],
)
def test_a_last_victim_without_a_number_is_one_more_death(sentence: str, expected: int) -> None:
    assert choose_fatalities(find_fatality_claims(sentence)) == expected


def test_a_killing_named_as_the_cause_through_two_nouns_is_background() -> None:
    sentence = "Students marched in the town following the shooting and killing of two classmates by police."
    assert find_fatality_claims(sentence) == []
