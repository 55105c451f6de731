"""Death tolls read since round 13 of issue #3: "summarily shot" as an execution, killings named by their
manner as nouns ("the shooting dead of four"), a source that "puts the fatalities at" a figure, manners of
killing listed before one "to death", and words that vouch for a count without naming victims ("four
known deaths"). All sentences are written for these tests."""

from __future__ import annotations

import pytest

from polemos.stages.fatalities import choose_fatalities, find_fatality_claims


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("Two traders accused of theft were summarily shot by the militia at dawn.", 2),
        ("The guards summarily shot three prisoners in the courtyard.", 3),
    ],
)
def test_summarily_shot_is_an_execution(text: str, count: int) -> None:
    [claim] = find_fatality_claims(text)
    assert claim.count == count


def test_shot_alone_is_still_no_death() -> None:
    assert find_fatality_claims("Two traders were shot by the militia at dawn.") == []


def test_a_killing_named_by_its_manner() -> None:
    text = "Troops reported the arrest of two suspects and the shooting dead of four others near Kolo."
    [claim] = find_fatality_claims(text)
    assert claim.count == 4


def test_a_source_puts_the_fatalities_at_a_figure() -> None:
    [claim] = find_fatality_claims("Witnesses at the camp put the fatalities at around 30.")
    assert (claim.count, claim.rule) == (30, "toll:put the fatalities")


def test_manners_listed_before_one_to_death() -> None:
    [claim] = find_fatality_claims("Eleven villagers were shot, stabbed or burned to death in Moro.")
    assert (claim.count, claim.victims) == (11, "villagers")


@pytest.mark.parametrize("word", ["known", "confirmed", "documented"])
def test_a_vouching_word_names_no_victims(word: str) -> None:
    # "four known deaths" and "9 deaths" are rival totals of the same dead, not a group and a total.
    claims = find_fatality_claims(f"One monitor counted four {word} deaths, another counted 9 deaths.")
    assert [(c.count, c.victims) for c in claims] == [(4, None), (9, None)]
    assert choose_fatalities(claims) == 4
