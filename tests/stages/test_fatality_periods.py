"""Tests for tolls that span more than the event's day: per-day splits and cumulative counts.
All sentences are written for these tests."""

from __future__ import annotations

import pytest

from polemos.stages.fatalities import choose_fatalities, find_fatality_claims
from polemos.stages.fatality_periods import CUMULATIVE


def _figure(text: str) -> int:
    return choose_fatalities(find_fatality_claims(text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Twelve herders were killed over three days of raids.", 4),
        ("Over two days of clashes, 21 fighters were killed.", 11),
        ("Clashes in the hills left 9 dead between 4-6 May.", 3),
        ("Thirteen villagers were killed in the past three days.", 4),
        ("Fourteen soldiers died over 48 hours of fighting.", 7),
        ("Eight civilians were killed in the market on Monday.", 8),
        ("Two days after the raid, 6 bodies were found.", 6),
        ("One man was killed over two days of unrest.", 1),
    ],
)
def test_multi_day_totals_give_one_days_share(text: str, expected: int) -> None:
    assert _figure(text) == expected


def test_a_split_claim_keeps_the_reported_total_visible() -> None:
    (claim,) = find_fatality_claims("Twelve herders were killed over three days of raids.")
    assert claim.count == 4
    assert claim.rule.endswith("split 12/3")
    assert "Twelve herders" in claim.text


@pytest.mark.parametrize(
    "text",
    [
        "Hospital sources say at least 40 soldiers died during June.",
        "Since the start of the offensive 90 fighters have been killed.",
        "At least 200 protesters have been killed since the unrest began.",
        "Some 70 civilians have been killed over the past few months.",
    ],
)
def test_running_totals_are_kept_but_not_coded(text: str) -> None:
    claims = find_fatality_claims(text)
    assert claims and all(c.rule.endswith(CUMULATIVE) for c in claims)
    assert _figure(text) == 0


def test_a_running_total_does_not_hide_the_days_own_dead() -> None:
    text = "Three soldiers were killed on Friday. The army has lost 60 soldiers since the start of the year."
    assert _figure(text) == 3
