"""Read a matched date expression into a date: the readers of `dates`'s rules, and the words they know.

Each reader gets the rule's regex match and the publication date, and returns (date, precision, rule
name), or None where the expression cannot be placed (no publication date, a future reference, a bare
month name). ACLED's conventions for vague expressions are kept here: a week's midpoint, a month's 15th.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable

from polemos.model import TimePrecision

MONTHS: dict[str, int] = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTH_ABBREVIATIONS: dict[str, int] = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7,
    "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
WEEKDAYS: dict[str, int] = {name.lower(): i for i, name in enumerate(calendar.day_name)}
NUMBER_WORDS: dict[str, int] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "a couple of": 2, "a few": 3,
    "few": 3, "several": 3,
}  # fmt: skip
_VAGUE_NUMBERS = frozenset({"a few", "few", "several"})
# Phrase -> (days before publication, rule). "last night" and "overnight" name the night that
# ended on the publication morning: its evening, the day before, is when it started.
DAY_PHRASES: dict[str, tuple[int, str]] = {
    "today": (0, "today"),
    "this morning": (0, "today"),
    "this afternoon": (0, "today"),
    "this evening": (0, "today"),
    "tonight": (0, "today"),
    "yesterday": (1, "yesterday"),
    "last night": (1, "last-night"),
    "overnight": (1, "last-night"),
    "the day before": (1, "day-before"),
    "the previous day": (1, "day-before"),
    "the day before yesterday": (2, "days-ago"),
}
_FUTURE = frozenset({"next", "coming", "this coming"})
_STRICTLY_BEFORE = frozenset({"last", "past", "this past", "previous"})

_Reading = tuple[dt.date, TimePrecision, str]
Reader = Callable[[re.Match[str], dt.date | None], _Reading | None]


def _norm(words: str | None) -> str:
    return " ".join((words or "").lower().split())


def _month_number(name: str) -> int:
    key = name.rstrip(".").lower()
    return MONTHS.get(key) or MONTH_ABBREVIATIONS[key]


def _anchored(month: int, day: int, published: dt.date | None) -> dt.date | None:
    """Date in the publication year, or the year before when that would fall after publication."""
    if published is None:
        return None
    date = dt.date(published.year, month, day)
    return date if date <= published else dt.date(published.year - 1, month, day)


def explicit(name: str) -> Reader:
    def read(m: re.Match[str], published: dt.date | None) -> _Reading | None:
        g = m.groupdict()
        month = int(g["month_num"]) if g.get("month_num") else _month_number(g["month"])
        day = int(g["day"])
        rule = "on-or-around" if g.get("around") else name
        if g.get("year"):
            return dt.date(int(g["year"]), month, day), TimePrecision.DAY, rule
        date = _anchored(month, day, published)
        return (date, TimePrecision.DAY, "day-month" if rule == name else rule) if date else None

    return read


def read_range(m: re.Match[str], published: dt.date | None) -> _Reading | None:
    # ACLED splits a multi-day report into one event per day; this stage names the first of them.
    end_month = _month_number(m["month"])
    month = _month_number(m["month_start"]) if m["month_start"] else end_month
    day = int(m["day"])
    if m["year"]:
        year = int(m["year"]) - (1 if month > end_month else 0)
        return dt.date(year, month, day), TimePrecision.DAY, "range-start"
    date = _anchored(month, day, published)
    return (date, TimePrecision.DAY, "range-start") if date else None


def read_weekday(m: re.Match[str], published: dt.date | None) -> _Reading | None:
    relation = _norm(m["relation"])
    if published is None or relation in _FUTURE:
        return None
    # A Monday report saying "on Monday" means that same day; "last Monday" means a week before.
    back = (published.weekday() - WEEKDAYS[m["weekday"].lower()]) % 7
    if relation in _STRICTLY_BEFORE:
        return published - dt.timedelta(days=back or 7), TimePrecision.DAY, "last-weekday"
    return published - dt.timedelta(days=back), TimePrecision.DAY, "weekday"


def read_day_phrase(m: re.Match[str], published: dt.date | None) -> _Reading | None:
    if published is None:
        return None
    back, rule = DAY_PHRASES[_norm(m["phrase"])]
    return published - dt.timedelta(days=back), TimePrecision.DAY, rule


def _week_midpoint(published: dt.date, weeks_back: int) -> dt.date:
    # ACLED time_precision 2 uses the week's midpoint: Thursday of a Monday-Sunday week.
    return published - dt.timedelta(days=published.weekday() + 7 * weeks_back - 3)


def _months_back(published: dt.date, months: int) -> tuple[int, int]:
    index = published.year * 12 + published.month - 1 - months
    return index // 12, index % 12 + 1


def read_ago(m: re.Match[str], published: dt.date | None) -> _Reading | None:
    if published is None:
        return None
    words = _norm(m["n"])
    n = int(words) if words.isdigit() else NUMBER_WORDS[words]
    vague = words in _VAGUE_NUMBERS
    unit = m["unit"].lower()
    if unit == "day":
        date = published - dt.timedelta(days=n)
        return date, TimePrecision.WEEK if vague else TimePrecision.DAY, "days-ago"
    if unit == "week":
        date = _week_midpoint(published, n)
        return date, TimePrecision.MONTH if vague else TimePrecision.WEEK, "weeks-ago"
    if unit == "month":
        year, month = _months_back(published, n)
        return dt.date(year, month, 15), TimePrecision.MONTH, "months-ago"
    # A year-level reference: ACLED would exclude it, kept with month precision as background.
    year = published.year - n
    day = min(published.day, calendar.monthrange(year, published.month)[1])
    return dt.date(year, published.month, day), TimePrecision.MONTH, "years-ago"


def read_week(m: re.Match[str], published: dt.date | None) -> _Reading | None:
    relation = _norm(m["relation"])
    if published is None or relation in _FUTURE:
        return None
    if relation in {"last", "previous", "the previous"}:
        return _week_midpoint(published, 1), TimePrecision.WEEK, "last-week"
    # "This week" is the part of the current week already reported: three days back, never before Monday.
    date = max(published - dt.timedelta(days=3), published - dt.timedelta(days=published.weekday()))
    return date, TimePrecision.WEEK, "this-week"


def read_recent_days(m: re.Match[str], published: dt.date | None) -> _Reading | None:
    if published is None:
        return None
    return published - dt.timedelta(days=3), TimePrecision.WEEK, "recent-days"


def read_past_weeks(m: re.Match[str], published: dt.date | None) -> _Reading | None:
    # ACLED codes "the past two or three weeks" with time_precision 3, at the window's midpoint.
    if published is None:
        return None
    words = _norm(m["n"])
    n = int(words) if words.isdigit() else NUMBER_WORDS[words]
    return published - dt.timedelta(days=7 * n // 2), TimePrecision.MONTH, "past-weeks"


def read_weekend(m: re.Match[str], published: dt.date | None) -> _Reading | None:
    if published is None:
        return None
    # "Sometime during the weekend" is ACLED time_precision 2; its Saturday stands for it.
    saturday = published - dt.timedelta(days=(published.weekday() - 5) % 7)
    if _norm(m["relation"]) == "last" and published.weekday() >= 5:
        saturday -= dt.timedelta(days=7)
    return saturday, TimePrecision.WEEK, "last-weekend" if _norm(m["relation"]) == "last" else "weekend"


def read_month_or_year(m: re.Match[str], published: dt.date | None) -> _Reading | None:
    relation = _norm(m["relation"])
    if published is None or relation in _FUTURE:
        return None
    last = relation != "this"
    if m["unit"].lower() == "month":
        # ACLED time_precision 3: the month's midpoint, no later than the report itself.
        year, month = _months_back(published, 1 if last else 0)
        date = min(dt.date(year, month, 15), published)
        return date, TimePrecision.MONTH, "last-month" if last else "this-month"
    date = min(dt.date(published.year - (1 if last else 0), 7, 1), published)
    return date, TimePrecision.MONTH, "last-year" if last else "this-year"


def read_month(m: re.Match[str], published: dt.date | None) -> _Reading | None:
    relation, part = _norm(m["relation"]), _norm(m["part"]).removeprefix("the ")
    if not (m["since"] or m["lead"] or part or relation or m["year"]):
        return None  # a bare month name ("May") is too often a name or a verb
    month = _month_number(m["month"])
    if m["year"]:
        year, rule = int(m["year"]), "month-year"
    elif published is None:
        return None
    elif relation in {"last", "this past"}:
        year, rule = published.year - (0 if month < published.month else 1), "last-named-month"
    else:
        year, rule = published.year - (0 if month <= published.month else 1), "month-no-year"
    # ACLED: the month's midpoint, or its first or last day when "beginning" or "end" is stated.
    if part in {"early", "beginning of", "start of"}:
        day, rule = 1, "month-start"
    elif part in {"late", "end of"}:
        day, rule = calendar.monthrange(year, month)[1], "month-end"
    else:
        day, rule = 15, ("mid-month" if part else rule)
    date = dt.date(year, month, day)
    if published is not None and date > published and (year, month) == (published.year, published.month):
        date = published
    return date, TimePrecision.MONTH, rule


def read_year(m: re.Match[str], published: dt.date | None) -> _Reading | None:
    part = _norm(m["part"]).removeprefix("the ")
    if not (m["since"] or m["lead"] or part):
        return None  # "the 2011 overthrow" names an event, not when this report's event happened
    year = int(m["year"])
    if part in {"early", "beginning of", "start of"}:
        date, rule = dt.date(year, 1, 1), "year-start"
    elif part in {"late", "end of"}:
        date, rule = dt.date(year, 12, 31), "year-end"
    else:
        # ACLED excludes year-only dates; kept at mid-year and flagged so aggregation can drop them.
        date, rule = dt.date(year, 7, 1), "mid-year" if part else "year-only"
    if published is not None and date > published and year == published.year:
        date = published
    return date, TimePrecision.MONTH, rule
