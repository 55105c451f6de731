"""Tests for tolls that span more than the event's day: per-day splits and cumulative counts.
All sentences are written for these tests."""

from __future__ import annotations

import datetime as dt

import pytest

from polemos.model import DatePoint, TimePrecision
from polemos.stages.fatalities import choose_fatalities, find_fatality_claims
from polemos.stages.fatality_periods import CUMULATIVE, range_days, spread_over_days


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


def _dated(expression: str, rule: str = "range-start") -> DatePoint:
    return DatePoint(dt.date(2016, 6, 24), TimePrecision.DAY, expression=expression, rule=rule)


@pytest.mark.parametrize(
    ("date", "days"),
    [
        (_dated("24-26 June"), 3),
        (_dated("June 19-20"), 2),
        (_dated("between 3 and 5 March"), 3),
        (_dated("inherited", "inherited:range-start"), 1),  # no span in its words: nothing to split by
        (_dated("24 June", "day-month"), 1),
        (_dated("1-20 June"), 1),  # a span of weeks is a period, not days to split a toll over
        (None, 1),
    ],
)
def test_range_days_counts_the_days_of_a_short_range(date: DatePoint | None, days: int) -> None:
    assert range_days(date) == days


def test_a_toll_is_spread_over_the_days_of_its_events_range() -> None:
    (claim,) = find_fatality_claims("Some 21 people were killed in the clashes.")
    spread = spread_over_days(claim, 3)
    assert spread.count == 7 and spread.rule.endswith("split 21/3")
    # a claim already split by its own sentence, a running total, or too few dead stay as they are
    (split,) = find_fatality_claims("Twelve herders were killed over three days of raids.")
    assert spread_over_days(split, 2) == split
    (running,) = find_fatality_claims("Some 70 civilians have been killed over the past few months.")
    assert spread_over_days(running, 3) == running
    (one,) = find_fatality_claims("One soldier was killed in the fighting.")
    assert spread_over_days(one, 2) == one
