"""Suicide bombers counted among their attack's dead (ACLED: "the bomber is counted in fatalities"), the
victims a self-killing bomber takes with him, and a range written "between 16 - 28"."""

from __future__ import annotations

import pytest

from polemos.model import FatalityClaim
from polemos.stages.fatalities import choose_fatalities, find_fatality_claims
from polemos.stages.fatality_bombers import implied_bombers


def _figure(*sentences: str) -> int:
    claims: list[FatalityClaim] = []
    offset = 0
    for sentence in sentences:  # one sentence at a time, as the pipeline reads them
        claims += find_fatality_claims(sentence, offset=offset)
        offset += len(sentence) + 1
    return choose_fatalities(claims)


@pytest.mark.parametrize(
    ("sentences", "expected"),
    [
        # The report's toll leaves the bomber out; ACLED adds him.
        (("A suicide bomber killed three traders at the cattle market in Kusa on Monday.",), 4),
        (("Two female suicide bombers attacked a mosque in Tarsek, killing 11 worshippers.",), 13),
        (("A pair of Boko Haram suicide bombers struck the bus park in Lameri.",), 2),
        (("A lone suicide bomber detonated his vest at the gate of the base.",), 1),
        # The bombers named in one sentence, their victims in the next.
        (("Three suspected suicide bombers targeted a checkpoint near Dalmuri.", "Nine people died."), 12),
        # Told twice, by a number and by "blew himself up", the bomber is counted once.
        (("A suicide bomber blew himself up at a checkpoint in Kusa, killing two soldiers.",), 3),
        (("Two suicide bombers struck the market gate, killing only themselves.",), 2),
    ],
)
def test_the_bombers_are_counted_on_top_of_their_victims(sentences: tuple[str, ...], expected: int) -> None:
    assert _figure(*sentences) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # The toll says it holds the bomber: nothing to add.
        ("A suicide bomber struck the market in Kusa, killing six people including the bomber.", 6),
        ("A suicide bomber killed seven people, including himself, at the bus station.", 7),
        # Bombers caught alive, or who never set off their charge, are no dead.
        ("Police arrested a suicide bomber at the gate of the market in Kusa.", 0),
        ("A female suicide bomber was apprehended before she reached the mosque.", 0),
        ("Two suicide bombers failed to detonate their vests and fled into the bush.", 0),
        # "one of the suicide bombers" counts no group of bombers.
        ("Police said one of the suicide bombers had trained in Lameri.", 0),
        # A plural with no number gives no figure.
        ("Suicide bombers have been used by the group since 2014.", 0),
    ],
)
def test_no_bomber_when_the_toll_holds_him_or_he_lived(sentence: str, expected: int) -> None:
    assert _figure(sentence) == expected


def test_the_implied_claim_is_the_bombers_number() -> None:
    [claim] = implied_bombers("Three female suicide bombers entered the camp in Dalmuri.")
    assert (claim.count, claim.victims, claim.text) == (3, "bombers", "Three female suicide bombers")


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # The bomber's victims after "himself" / "themselves" are dead too.
        ("The bomber killed himself and two civilians at the market in Kusa.", 3),
        ("The attacker detonated his vest, killing himself and a policeman.", 2),
        ("Two suicide bombers kill themselves and four villagers near Lameri.", 6),
        # "killed himself and ..." is active: the bomber is no passive subject counted on his own.
        ("A bomber killed himself and three guards at the gate.", 4),
    ],
)
def test_the_victims_a_bomber_takes_with_him(sentence: str, expected: int) -> None:
    assert _figure(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Gunmen attacked the camp at Lameri, killing between 16 - 28 and wounding 40.", 16),
        ("The shelling killed between 9-12 people in the market.", 9),
    ],
)
def test_a_range_opened_by_between_and_a_dash_keeps_its_low_end(sentence: str, expected: int) -> None:
    assert _figure(sentence) == expected


def test_the_attacker_of_a_suicide_bombing_is_its_bomber() -> None:
    first = "Two blasts hit the police station in Kusa, carried out by one suicide bomber."
    second = "The explosion killed the attacker and wounded six others."
    claims = find_fatality_claims(first) + find_fatality_claims(second, offset=len(first) + 1)
    assert choose_fatalities(claims) == 1
    # With no bomber told, a dead attacker is a death like any other.
    assert _figure("Gunmen stormed the base in Kusa; soldiers killed one attacker.") == 1
