"""Tests for the date stage: each expression kind phrase by phrase, non-dates, anchoring, and the seeds."""

from __future__ import annotations

import datetime as dt
import itertools
import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from polemos.model import TimePrecision
from polemos.stages.dates import BACKGROUND_DAYS, find_dates, resolve_date_expression

D = dt.date
DAY, WEEK, MONTH = TimePrecision.DAY, TimePrecision.WEEK, TimePrecision.MONTH
PUB = D(2020, 3, 25)  # a Wednesday
SEEDS = Path(__file__).parents[1] / "fixtures" / "seeds"


def _check(expression: str, published: D | None, date: D, precision: TimePrecision, rule: str) -> None:
    point = resolve_date_expression(expression, published)
    assert point is not None, expression
    assert (point.date, point.precision, point.rule) == (date, precision, rule)
    assert expression[point.start : point.end] == point.expression


@pytest.mark.parametrize(
    ("expression", "date", "rule"),
    [
        ("21 March 2020", D(2020, 3, 21), "explicit-dmy"),
        ("on 21 March, 2020", D(2020, 3, 21), "explicit-dmy"),
        ("March 21, 2020", D(2020, 3, 21), "explicit-mdy"),
        ("Sept. 5, 2019", D(2019, 9, 5), "explicit-mdy"),
        ("24 MARCH 2020", D(2020, 3, 24), "explicit-dmy"),
        ("on Monday, 23 March 2020", D(2020, 3, 23), "explicit-dmy"),
        ("2020-03-21", D(2020, 3, 21), "explicit-iso"),
        ("21/03/2020", D(2020, 3, 21), "explicit-slash"),
        ("04/03/2020", D(2020, 3, 4), "explicit-slash"),  # day first, as in ACLED's sources
        ("21.03.2020", D(2020, 3, 21), "explicit-slash"),
        ("on 2 March", D(2020, 3, 2), "day-month"),
        ("1 January", D(2020, 1, 1), "day-month"),
        ("21st of March", D(2020, 3, 21), "day-month"),
        ("on the 3rd of March", D(2020, 3, 3), "day-month"),
        ("Mar 3", D(2020, 3, 3), "day-month"),
        ("on May 2", D(2019, 5, 2), "day-month"),  # 2 May 2020 is after publication: the year before
        ("on 26 March", D(2019, 3, 26), "day-month"),
        ("On or around 5 March", D(2020, 3, 5), "on-or-around"),
        ("on or about 5 March 2019", D(2019, 3, 5), "on-or-around"),
    ],
)
def test_explicit_dates_resolve_to_the_day(expression: str, date: D, rule: str) -> None:
    _check(expression, PUB, date, DAY, rule)


@pytest.mark.parametrize(
    ("expression", "date"),
    [
        ("between 1 and 3 March 2020", D(2020, 3, 1)),
        ("Between the 1st and the 3rd of March", D(2020, 3, 1)),
        ("1-3 March", D(2020, 3, 1)),
        ("1–3 March 2020", D(2020, 3, 1)),
        ("from 1 to 3 March", D(2020, 3, 1)),
        ("March 1-3, 2020", D(2020, 3, 1)),
        ("between 28 December and 2 January 2020", D(2019, 12, 28)),
        ("between 28 December and 2 January", D(2019, 12, 28)),
    ],
)
def test_ranges_resolve_to_their_first_day(expression: str, date: D) -> None:
    _check(expression, PUB, date, DAY, "range-start")


@pytest.mark.parametrize(
    ("expression", "date", "rule"),
    [
        ("on Monday", D(2020, 3, 23), "weekday"),
        ("Monday", D(2020, 3, 23), "weekday"),
        ("THURSDAY", D(2020, 3, 19), "weekday"),
        ("on Wednesday", D(2020, 3, 25), "weekday"),  # the publication day itself
        ("earlier on Saturday", D(2020, 3, 21), "weekday"),
        ("on Friday night", D(2020, 3, 20), "weekday"),
        ("late on Tuesday", D(2020, 3, 24), "weekday"),
        ("early Sunday", D(2020, 3, 22), "weekday"),
        ("last Friday", D(2020, 3, 20), "last-weekday"),
        ("last Wednesday", D(2020, 3, 18), "last-weekday"),  # strictly before publication
        ("this past Tuesday", D(2020, 3, 24), "last-weekday"),
    ],
)
def test_weekdays_resolve_on_or_before_publication(expression: str, date: D, rule: str) -> None:
    _check(expression, PUB, date, DAY, rule)


@pytest.mark.parametrize(
    ("expression", "date", "rule"),
    [
        ("today", D(2020, 3, 25), "today"),
        ("earlier today", D(2020, 3, 25), "today"),
        ("this morning", D(2020, 3, 25), "today"),
        ("tonight", D(2020, 3, 25), "today"),
        ("yesterday", D(2020, 3, 24), "yesterday"),
        ("Yesterday afternoon", D(2020, 3, 24), "yesterday"),
        ("last night", D(2020, 3, 24), "last-night"),
        ("overnight", D(2020, 3, 24), "last-night"),
        ("the day before", D(2020, 3, 24), "day-before"),
        ("the previous day", D(2020, 3, 24), "day-before"),
        ("the day before yesterday", D(2020, 3, 23), "days-ago"),
        ("two days ago", D(2020, 3, 23), "days-ago"),
        ("three days ago", D(2020, 3, 22), "days-ago"),
        ("10 days ago", D(2020, 3, 15), "days-ago"),
    ],
)
def test_relative_days_resolve_to_the_day(expression: str, date: D, rule: str) -> None:
    _check(expression, PUB, date, DAY, rule)


@pytest.mark.parametrize(
    ("expression", "published", "date", "precision", "rule"),
    [
        # Monday-Sunday weeks; ACLED's midpoint of the previous one is its Thursday.
        ("last week", PUB, D(2020, 3, 19), WEEK, "last-week"),
        ("the previous week", PUB, D(2020, 3, 19), WEEK, "last-week"),
        ("last week", D(2018, 6, 4), D(2018, 5, 31), WEEK, "last-week"),
        ("this week", PUB, D(2020, 3, 23), WEEK, "this-week"),  # three days back, but not before Monday
        ("earlier this week", PUB, D(2020, 3, 23), WEEK, "this-week"),
        ("this week", D(2020, 6, 7), D(2020, 6, 4), WEEK, "this-week"),
        ("this week", D(2018, 6, 4), D(2018, 6, 4), WEEK, "this-week"),
        ("in recent days", PUB, D(2020, 3, 22), WEEK, "recent-days"),
        ("past few days", PUB, D(2020, 3, 22), WEEK, "recent-days"),
        ("over the past few days", PUB, D(2020, 3, 22), WEEK, "recent-days"),
        ("a few days ago", PUB, D(2020, 3, 22), WEEK, "days-ago"),
        ("two weeks ago", PUB, D(2020, 3, 12), WEEK, "weeks-ago"),
        ("over the weekend", PUB, D(2020, 3, 21), WEEK, "weekend"),
        ("last weekend", PUB, D(2020, 3, 21), WEEK, "last-weekend"),
        ("this weekend", D(2020, 6, 7), D(2020, 6, 6), WEEK, "weekend"),
        ("last weekend", D(2020, 6, 7), D(2020, 5, 30), WEEK, "last-weekend"),
        ("the past two weeks", PUB, D(2020, 3, 18), MONTH, "past-weeks"),
        ("in the past two or three weeks", PUB, D(2020, 3, 18), MONTH, "past-weeks"),
    ],
)
def test_week_expressions_use_acled_midpoints(
    expression: str, published: D, date: D, precision: TimePrecision, rule: str
) -> None:
    _check(expression, published, date, precision, rule)


@pytest.mark.parametrize(
    ("expression", "published", "date", "rule"),
    [
        ("last month", PUB, D(2020, 2, 15), "last-month"),
        ("Last month", D(2020, 1, 10), D(2019, 12, 15), "last-month"),
        ("this month", PUB, D(2020, 3, 15), "this-month"),
        ("earlier this month", D(2020, 3, 10), D(2020, 3, 10), "this-month"),  # never after publication
        ("in March", PUB, D(2020, 3, 15), "month-no-year"),
        ("in March", D(2020, 3, 10), D(2020, 3, 10), "month-no-year"),
        ("in May", PUB, D(2019, 5, 15), "month-no-year"),
        ("this May", PUB, D(2019, 5, 15), "month-no-year"),
        ("In November 2014", PUB, D(2014, 11, 15), "month-year"),
        ("November 2014", PUB, D(2014, 11, 15), "month-year"),
        ("Sept. 2016", PUB, D(2016, 9, 15), "month-year"),
        ("last July", PUB, D(2019, 7, 15), "last-named-month"),
        ("last February", PUB, D(2020, 2, 15), "last-named-month"),
        ("last March", PUB, D(2019, 3, 15), "last-named-month"),  # strictly before the publication month
        ("early May 2018", PUB, D(2018, 5, 1), "month-start"),
        ("in mid-May 2018", PUB, D(2018, 5, 15), "mid-month"),
        ("late May 2018", PUB, D(2018, 5, 31), "month-end"),
        ("beginning of June 2018", PUB, D(2018, 6, 1), "month-start"),
        ("the end of June 2018", PUB, D(2018, 6, 30), "month-end"),
        ("the end of February", PUB, D(2020, 2, 29), "month-end"),
        ("two months ago", PUB, D(2020, 1, 15), "months-ago"),
        ("mid-2015", PUB, D(2015, 7, 1), "mid-year"),
        ("in early 2015", PUB, D(2015, 1, 1), "year-start"),
        ("in 2015", PUB, D(2015, 7, 1), "year-only"),
        ("last year", PUB, D(2019, 7, 1), "last-year"),
        ("this year", PUB, PUB, "this-year"),
        ("four years ago", PUB, D(2016, 3, 25), "years-ago"),
        ("four years ago this week", PUB, D(2016, 3, 25), "years-ago"),
        ("two years ago", D(2020, 2, 29), D(2018, 2, 28), "years-ago"),
    ],
)
def test_month_and_year_expressions_have_month_precision(
    expression: str, published: D, date: D, rule: str
) -> None:
    _check(expression, published, date, MONTH, rule)


@pytest.mark.parametrize(
    ("expression", "date", "rule"),
    [
        ("since mid-2015", D(2015, 7, 1), "since-mid-year"),
        ("since May 2014", D(2014, 5, 15), "since-month-year"),
        ("Since April 2019", D(2019, 4, 15), "since-month-year"),
        ("since 2011", D(2011, 7, 1), "since-year-only"),
        ("since 1 March 2020", D(2020, 3, 1), "since-explicit-dmy"),
        ("since Monday", D(2020, 3, 23), "since-weekday"),
    ],
)
def test_since_names_a_background_start_point(expression: str, date: D, rule: str) -> None:
    point = resolve_date_expression(expression, PUB)
    assert point is not None
    assert (point.date, point.rule, point.is_background) == (date, rule, True)


@pytest.mark.parametrize(
    ("expression", "is_background"),
    [
        ("on Monday", False),
        ("last week", False),
        ("on 23 February 2020", False),  # exactly BACKGROUND_DAYS before publication
        ("on 22 February 2020", True),
        ("In November 2014", True),
        ("last July", True),
        ("four years ago", True),
        ("on 1 April 2020", False),  # after publication: announced, not background
    ],
)
def test_background_is_more_than_background_days_before_publication(
    expression: str, is_background: bool
) -> None:
    assert BACKGROUND_DAYS == 31
    point = resolve_date_expression(expression, PUB)
    assert point is not None
    assert point.is_background is is_background


@pytest.mark.parametrize(
    "text",
    [
        "We have given instructions to avoid civilians.",
        "The army is now targeting their hideouts.",
        "Forces may withdraw, officials said.",
        "May God protect them, he said.",
        "The march on the capital was stopped.",
        "They launched a military operation, Path of Victory, to capture Sirte.",
        "More than 1,000 killed in the violence.",
        "Hills around Fattaih, 15 kilometres east of the town.",
        "On the second day of its offensive.",
        "Call +218 91 234 5678 or 021-555-0199 for details.",
        "Turmoil followed the 2011 overthrow of Gaddafi.",  # a bare year names an event: no date
        "Gaddafi fell in a 2011 armed revolt.",
        "The 75-year-old commander vowed to fight.",
        "USA Today reported the strike.",
        "Jan Egeland said aid was blocked.",
        "It has encircled the town for the past three years.",
        "Elections are due next Friday.",  # future: omitted whole, not read as a past Friday
        "Talks resume next week and next month.",
        "ISIS was pushed out the next June.",
        "Prices rose in recent years.",
        "A Marib official spoke on Sat.",
        "Prayers were held in Mar Elias church.",
    ],
)
def test_find_dates_ignores_non_dates(text: str) -> None:
    assert find_dates(text, PUB) == []


@pytest.mark.parametrize(
    ("expression", "date"),
    [
        ("21 March 2020", D(2020, 3, 21)),
        ("2020-03-21", D(2020, 3, 21)),
        ("In November 2014", D(2014, 11, 15)),
        ("since mid-2015", D(2015, 7, 1)),
        ("in 2015", D(2015, 7, 1)),
    ],
)
def test_without_publication_date_years_still_resolve(expression: str, date: D) -> None:
    point = resolve_date_expression(expression, None)
    assert point is not None
    assert point.date == date


@pytest.mark.parametrize(
    "expression",
    ["on Monday", "last Friday", "yesterday", "last week", "in recent days", "in March", "1 January",
     "1-3 March", "last month", "four years ago"],
)  # fmt: skip
def test_without_publication_date_anchored_expressions_are_omitted(expression: str) -> None:
    assert resolve_date_expression(expression, None) is None
    assert find_dates(f"Fighting resumed {expression}.", None) == []


def test_find_dates_orders_by_position_and_shifts_offsets() -> None:
    text = "Clashes on Friday, 20 March 2020 were followed by airstrikes on Sunday."
    points = find_dates(text, PUB, offset=100)
    assert [p.expression for p in points] == ["on Friday, 20 March 2020", "on Sunday"]
    assert [p.date for p in points] == [D(2020, 3, 20), D(2020, 3, 22)]
    assert all(text[p.start - 100 : p.end - 100] == p.expression for p in points)


@pytest.mark.parametrize(
    ("text", "expression"),
    [
        ("It fell last Friday.", "last Friday"),
        ("A campaign begun four years ago this week.", "four years ago this week"),
        ("Fighting between 1 and 3 March 2020 killed 12.", "between 1 and 3 March 2020"),
        ("Besieged since mid-2015.", "since mid-2015"),
        ("It was captured in November 2014.", "in November 2014"),
    ],
)
def test_find_dates_longest_match_wins(text: str, expression: str) -> None:
    assert [p.expression for p in find_dates(text, PUB)] == [expression]


@pytest.mark.parametrize(
    "expression", ["the attack on Monday", "on Monday and Tuesday", "not a date", "", "31 February 2020"]
)
def test_resolve_date_expression_needs_exactly_one_whole_date(expression: str) -> None:
    assert resolve_date_expression(expression, PUB) is None


def test_resolve_date_expression_ignores_edge_punctuation() -> None:
    point = resolve_date_expression(" (last week), ", PUB)
    assert point is not None
    assert (point.expression, point.start, point.end) == ("last week", 2, 11)


# Seed reports: (file, expression, nth occurrence, gold event id).
SEED_CASES = [
    ("000_aea3f91c47e42a8b.txt", "on Monday", 0, "000-1"),
    ("000_aea3f91c47e42a8b.txt", "Last week", 0, "000-3"),
    ("000_aea3f91c47e42a8b.txt", "Last week", 1, "000-4"),
    ("000_aea3f91c47e42a8b.txt", "Last month", 0, "000-5"),
    ("000_aea3f91c47e42a8b.txt", "since mid-2015", 0, "000-6"),
    ("001_7408a9ead5e549ea.txt", "on Tuesday", 0, "001-1"),
    ("001_7408a9ead5e549ea.txt", "on Monday", 1, "001-5"),
    ("001_7408a9ead5e549ea.txt", "on May 2", 0, "001-6"),
    ("001_7408a9ead5e549ea.txt", "on Sunday", 0, "001-7"),
    ("001_7408a9ead5e549ea.txt", "In November 2014", 0, "001-8"),
    ("001_7408a9ead5e549ea.txt", "in September 2016", 0, "001-10"),
    ("001_7408a9ead5e549ea.txt", "last July", 0, "001-11"),
    ("001_7408a9ead5e549ea.txt", "in February", 0, "001-12"),
    ("002_37df46fae67b9620.txt", "earlier on Saturday", 0, "002-5"),
    ("002_37df46fae67b9620.txt", "On Friday", 0, "002-6"),
    ("002_37df46fae67b9620.txt", "on Thursday", 0, "002-7"),
    ("002_37df46fae67b9620.txt", "In March", 0, "002-9"),
    ("002_37df46fae67b9620.txt", "in recent days", 0, "002-11"),
]


@pytest.mark.parametrize(("file", "expression", "nth", "gold_id"), SEED_CASES)
def test_seed_dates_fall_within_gold_tolerance(file: str, expression: str, nth: int, gold_id: str) -> None:
    published = {
        row["file"]: D.fromisoformat(row["published"])
        for row in map(json.loads, (SEEDS / "manifest.jsonl").read_text().splitlines())
    }[file]
    gold = {
        row["id"]: row for row in map(json.loads, (SEEDS / "gold-events.jsonl").read_text().splitlines())
    }[gold_id]
    points = [p for p in find_dates((SEEDS / file).read_text(), published) if p.expression == expression]
    point = points[nth]
    gap = abs((point.date - D.fromisoformat(gold["date"])).days)
    assert gap <= gold["date_tolerance_days"], (point, gold["date"])
    # The gold marks historical-context events; a dated report of them is always background here too.
    if "background" in gold.get("note", ""):
        assert point.is_background


_FRAGMENTS = st.sampled_from(
    ["on", "Monday", "last", "week", "since", "mid-", "2015", "May", "2", "21", "March", "2020", "-",
     "between", "and", "3", "/", "ago", "four", "years", "this", "in", "the", "day", "before", ",", ".",
     "early", "end of", "Sept.", "recent days", "2020-03-21", "yesterday", "next", "or around", "\n"]
)  # fmt: skip


@given(text=st.text(), published=st.none() | st.dates())
def test_find_dates_never_raises_and_spans_match(text: str, published: D | None) -> None:
    for point in find_dates(text, published):
        assert 0 <= point.start < point.end <= len(text)
        assert text[point.start : point.end] == point.expression


@given(
    words=st.lists(_FRAGMENTS | st.text(max_size=3), max_size=12),
    published=st.none() | st.dates(),
)
def test_find_dates_spans_are_ordered_and_disjoint(words: list[str], published: D | None) -> None:
    text = " ".join(words)
    points = find_dates(text, published)
    for point in points:
        assert text[point.start : point.end] == point.expression
    assert all(a.end <= b.start for a, b in itertools.pairwise(points))
