"""Find date expressions in a sentence and resolve them against the publication date into DatePoints.

Runs after annotate (it needs sentences) and before in-document aggregation (which merges by day).
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from polemos.model import DatePoint, TimePrecision

# Historical context ("In November 2014 it was captured") is older than the news cycle of a report;
# about one month separates the two in practice.
BACKGROUND_DAYS: int = 31

_MONTHS: dict[str, int] = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTH_ABBREVIATIONS: dict[str, int] = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7,
    "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_WEEKDAYS: dict[str, int] = {name.lower(): i for i, name in enumerate(calendar.day_name)}
_NUMBER_WORDS: dict[str, int] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "a couple of": 2, "a few": 3,
    "few": 3, "several": 3,
}  # fmt: skip
_VAGUE_NUMBERS = frozenset({"a few", "few", "several"})
# Phrase -> (days before publication, rule). "last night" and "overnight" name the night that
# ended on the publication morning: its evening, the day before, is when it started.
_DAY_PHRASES: dict[str, tuple[int, str]] = {
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
_Reader = Callable[[re.Match[str], dt.date | None], _Reading | None]


@dataclass(frozen=True)
class _Rule:
    pattern: re.Pattern[str]
    read: _Reader
    # Lower-cased strings one of which a sentence must hold for the pattern to have a chance: a test
    # far cheaper than the regex, which most sentences need for only a few of the rules.
    needs: tuple[str, ...]
    # ... and, if given, one of these too (the month names of a pattern that cannot match without one).
    also: tuple[str, ...] = ()


_DIGITS = tuple("0123456789")
_CENTURIES = ("19", "20")  # every year the patterns read opens so (`_YEAR`)
_MONTH_STEMS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_WEEKDAY_NAMES = tuple(_WEEKDAYS)


def _alternation(words: dict[str, int] | dict[str, tuple[int, str]]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


def _cased(words: dict[str, int]) -> str:
    # Month and weekday names count only capitalised: "the march on the capital", "they may".
    return "|".join(alt for w in sorted(words, key=len, reverse=True) for alt in (w.title(), w.upper()))


def _month(group: str) -> str:
    return (
        rf"(?P<{group}>(?:{_cased(_MONTHS)})\b|(?:{_cased(_MONTH_ABBREVIATIONS)})(?:\.|\b(?!\s+[A-Z][a-z])))"
    )


def _day(group: str) -> str:
    return rf"(?<![\w.,/])(?P<{group}>[0-3]?[0-9])(?:st|nd|rd|th)?\b"


_YEAR = r"(?P<year>(?:19|20)[0-9]{2})\b"
_OPT_YEAR = rf"(?:,?\s+{_YEAR})?"
_WEEKDAY = rf"(?:{_cased(_WEEKDAYS)})\b"
_PREFIX = (
    r"(?:(?P<since>(?i:since))\s+|(?P<around>(?i:on\s+or\s+(?:around|about)))\s+|(?i:on)\s+)?"
    rf"(?:{_WEEKDAY},?\s+)?"
)
_PART = r"(?P<part>(?i:early|mid|late|(?:the\s+)?(?:beginning|start|middle|end)\s+of))[\s-]+"
_LEAD = r"(?:(?P<since>(?i:since))\s+|(?P<lead>(?i:in|during))\s+)?"


def _norm(words: str | None) -> str:
    return " ".join((words or "").lower().split())


def _month_number(name: str) -> int:
    key = name.rstrip(".").lower()
    return _MONTHS.get(key) or _MONTH_ABBREVIATIONS[key]


def _anchored(month: int, day: int, published: dt.date | None) -> dt.date | None:
    """Date in the publication year, or the year before when that would fall after publication."""
    if published is None:
        return None
    date = dt.date(published.year, month, day)
    return date if date <= published else dt.date(published.year - 1, month, day)


def _explicit(name: str) -> _Reader:
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


def _read_range(m: re.Match[str], published: dt.date | None) -> _Reading | None:
    # ACLED splits a multi-day report into one event per day; this stage names the first of them.
    end_month = _month_number(m["month"])
    month = _month_number(m["month_start"]) if m["month_start"] else end_month
    day = int(m["day"])
    if m["year"]:
        year = int(m["year"]) - (1 if month > end_month else 0)
        return dt.date(year, month, day), TimePrecision.DAY, "range-start"
    date = _anchored(month, day, published)
    return (date, TimePrecision.DAY, "range-start") if date else None


def _read_weekday(m: re.Match[str], published: dt.date | None) -> _Reading | None:
    relation = _norm(m["relation"])
    if published is None or relation in _FUTURE:
        return None
    # A Monday report saying "on Monday" means that same day; "last Monday" means a week before.
    back = (published.weekday() - _WEEKDAYS[m["weekday"].lower()]) % 7
    if relation in _STRICTLY_BEFORE:
        return published - dt.timedelta(days=back or 7), TimePrecision.DAY, "last-weekday"
    return published - dt.timedelta(days=back), TimePrecision.DAY, "weekday"


def _read_day_phrase(m: re.Match[str], published: dt.date | None) -> _Reading | None:
    if published is None:
        return None
    back, rule = _DAY_PHRASES[_norm(m["phrase"])]
    return published - dt.timedelta(days=back), TimePrecision.DAY, rule


def _week_midpoint(published: dt.date, weeks_back: int) -> dt.date:
    # ACLED time_precision 2 uses the week's midpoint: Thursday of a Monday-Sunday week.
    return published - dt.timedelta(days=published.weekday() + 7 * weeks_back - 3)


def _months_back(published: dt.date, months: int) -> tuple[int, int]:
    index = published.year * 12 + published.month - 1 - months
    return index // 12, index % 12 + 1


def _read_ago(m: re.Match[str], published: dt.date | None) -> _Reading | None:
    if published is None:
        return None
    words = _norm(m["n"])
    n = int(words) if words.isdigit() else _NUMBER_WORDS[words]
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


def _read_week(m: re.Match[str], published: dt.date | None) -> _Reading | None:
    relation = _norm(m["relation"])
    if published is None or relation in _FUTURE:
        return None
    if relation in {"last", "previous", "the previous"}:
        return _week_midpoint(published, 1), TimePrecision.WEEK, "last-week"
    # "This week" is the part of the current week already reported: three days back, never before Monday.
    date = max(published - dt.timedelta(days=3), published - dt.timedelta(days=published.weekday()))
    return date, TimePrecision.WEEK, "this-week"


def _read_recent_days(m: re.Match[str], published: dt.date | None) -> _Reading | None:
    if published is None:
        return None
    return published - dt.timedelta(days=3), TimePrecision.WEEK, "recent-days"


def _read_past_weeks(m: re.Match[str], published: dt.date | None) -> _Reading | None:
    # ACLED codes "the past two or three weeks" with time_precision 3, at the window's midpoint.
    if published is None:
        return None
    words = _norm(m["n"])
    n = int(words) if words.isdigit() else _NUMBER_WORDS[words]
    return published - dt.timedelta(days=7 * n // 2), TimePrecision.MONTH, "past-weeks"


def _read_weekend(m: re.Match[str], published: dt.date | None) -> _Reading | None:
    if published is None:
        return None
    # "Sometime during the weekend" is ACLED time_precision 2; its Saturday stands for it.
    saturday = published - dt.timedelta(days=(published.weekday() - 5) % 7)
    if _norm(m["relation"]) == "last" and published.weekday() >= 5:
        saturday -= dt.timedelta(days=7)
    return saturday, TimePrecision.WEEK, "last-weekend" if _norm(m["relation"]) == "last" else "weekend"


def _read_month_or_year(m: re.Match[str], published: dt.date | None) -> _Reading | None:
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


def _read_month(m: re.Match[str], published: dt.date | None) -> _Reading | None:
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


def _read_year(m: re.Match[str], published: dt.date | None) -> _Reading | None:
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


_NUMBER = rf"(?P<n>[0-9]{{1,3}}|(?i:{_alternation(_NUMBER_WORDS)}))"
_RULES: tuple[_Rule, ...] = tuple(
    _Rule(re.compile(r"\b" + pattern), read, needs, also[0] if also else ())
    for pattern, read, needs, *also in (
        (
            rf"{_PREFIX}(?P<year>(?:19|20)[0-9]{{2}})-(?P<month_num>[01][0-9])-(?P<day>[0-3][0-9])(?![0-9])",
            _explicit("explicit-iso"),
            _CENTURIES,
            ("-",),
        ),
        (
            rf"{_PREFIX}{_day('day')}(?P<sep>[/.])(?P<month_num>[01]?[0-9])(?P=sep){_YEAR}(?![/]|\.[0-9])",
            _explicit("explicit-slash"),
            _CENTURIES,
            ("/", "."),
        ),
        (
            rf"{_PREFIX}(?:(?i:the)\s+)?{_day('day')}\s+(?:of\s+)?{_month('month')}{_OPT_YEAR}",
            _explicit("explicit-dmy"),
            _DIGITS,
            _MONTH_STEMS,
        ),
        (
            rf"{_PREFIX}{_month('month')}\s+(?:the\s+)?{_day('day')}{_OPT_YEAR}",
            _explicit("explicit-mdy"),
            _DIGITS,
            _MONTH_STEMS,
        ),
        (
            rf"(?i:between|from)\s+(?:the\s+)?{_day('day')}(?:\s+(?:of\s+)?{_month('month_start')})?"
            rf"\s+(?i:and|to|until|till|through)\s+(?:the\s+)?{_day('day2')}\s+(?:of\s+)?{_month('month')}{_OPT_YEAR}",
            _read_range,
            _DIGITS,
            _MONTH_STEMS,
        ),
        (
            rf"{_day('day')}(?:\s+{_month('month_start')})?\s*[-–—]\s*{_day('day2')}\s+{_month('month')}{_OPT_YEAR}",
            _read_range,
            _DIGITS,
            _MONTH_STEMS,
        ),
        (
            rf"(?:(?i:between|from)\s+)?{_month('month')}\s+{_day('day')}(?P<month_start>)"
            rf"(?:\s*[-–—]\s*|\s+(?i:and|to|until|through)\s+){_day('day2')}{_OPT_YEAR}",
            _read_range,
            _DIGITS,
            _MONTH_STEMS,
        ),
        (
            r"(?:(?P<since>(?i:since))\s+)?(?i:(?:earlier|later|early|late)\s+)?"
            r"(?:(?P<relation>(?i:last|this\s+past|past|previous|this\s+coming|this|next|coming))\s+|(?i:on)\s+)?"
            rf"(?i:(?:early|late)\s+)?(?P<weekday>{_WEEKDAY})(?:\s+(?i:night|morning|afternoon|evening))?",
            _read_weekday,
            _WEEKDAY_NAMES,
        ),
        (
            r"(?<!USA\s)(?<!Russia\s)(?i:(?:earlier|later)\s+)?"
            rf"(?P<phrase>(?i:{_alternation(_DAY_PHRASES)}))\b(?:\s+(?i:morning|afternoon|evening|night)\b)?",
            _read_day_phrase,
            ("day", "night", "morning", "afternoon", "evening"),
        ),
        (
            rf"{_NUMBER}\s+(?P<unit>(?i:day|week|month|year))s?\s+(?i:ago)\b(?:\s+(?i:this\s+(?:week|month))\b)?",
            _read_ago,
            ("ago",),
        ),
        (
            r"(?i:(?:earlier|later)\s+)?(?P<relation>(?i:last|this|the\s+past|past|the\s+previous|previous|next))"
            r"\s+(?i:week)\b",
            _read_week,
            ("week",),
        ),
        (
            r"(?i:(?:in|over|during)\s+)?(?i:recent\s+days|(?:the\s+)?(?:past|last)\s+"
            r"(?:few|several|couple\s+of)\s+days)\b",
            _read_recent_days,
            ("days",),
        ),
        (
            r"(?i:(?:in|over|during)\s+)?(?i:the\s+)?(?i:past|last)\s+"
            r"(?P<n>(?i:two|three|few|several|couple\s+of|[23]))(?i:\s+or\s+(?:three|four|[34]))?\s+(?i:weeks)\b",
            _read_past_weeks,
            ("weeks",),
        ),
        (
            r"(?i:(?:over|at|during)\s+)?(?:(?P<relation>(?i:last|this))\s+|(?i:the)\s+)(?i:weekend)\b",
            _read_weekend,
            ("weekend",),
        ),
        (
            r"(?i:(?:earlier|later)\s+)?(?P<relation>(?i:last|this|next|the\s+previous|previous))\s+"
            r"(?P<unit>(?i:month|year))\b",
            _read_month_or_year,
            ("month", "year"),
        ),
        (
            rf"{_LEAD}(?:{_PART})?(?P<relation>(?i:last|this\s+past|this)\s+)?{_month('month')}"
            rf"(?:,?\s+(?:of\s+)?{_YEAR})?",
            _read_month,
            _MONTH_STEMS,
        ),
        (rf"{_LEAD}(?:{_PART})?{_YEAR}", _read_year, _CENTURIES),
    )
)


def _point(m: re.Match[str], rule: _Rule, published: dt.date | None, offset: int) -> DatePoint | None:
    try:
        reading = rule.read(m, published)
    except (ValueError, OverflowError):
        return None  # "31 February", or arithmetic past dt.date.min/max: not a calendar date
    if reading is None:
        return None
    date, precision, name = reading
    # "Since May 2014" names when a continuing state began, never the day of this report's event.
    is_since = bool(m.groupdict().get("since"))
    is_old = published is not None and (published - date).days > BACKGROUND_DAYS
    return DatePoint(
        date=date,
        precision=precision,
        expression=m.group(0),
        start=offset + m.start(),
        end=offset + m.end(),
        rule=f"since-{name}" if is_since else name,
        is_background=is_since or is_old or name == "years-ago",
    )


def find_dates(text: str, published: dt.date | None, *, offset: int = 0) -> list[DatePoint]:
    """Find and resolve every date expression in `text` (one sentence), offsets shifted by `offset`."""
    lower = text.lower()
    if not _ANY_NEED.search(lower):
        return []  # most sentences hold no date word: one scan says so
    present = {word for word in _NEED_WORDS if word in lower}
    # Month names count only capitalised ("the march", "they may"): a stem stands only where it is so.
    present.difference_update(
        [m for m in _MONTH_STEMS if m in present and m.title() not in text and m.upper() not in text]
    )
    rules = [
        rule
        for rule in _RULES
        if not present.isdisjoint(rule.needs) and (not rule.also or not present.isdisjoint(rule.also))
    ]
    matches = [(m, rule) for rule in rules for m in rule.pattern.finditer(text) if m.end() > m.start()]
    # Longest match wins, so "last Friday" is one expression and "next Friday" blocks "Friday":
    # a future or unresolvable expression is omitted whole, never read in part.
    matches.sort(key=lambda pair: (pair[0].start() - pair[0].end(), pair[0].start()))
    starts: list[int] = []  # accepted spans are disjoint, so sorted starts give sorted ends too
    ends: dict[int, int] = {}
    points: list[DatePoint] = []
    for m, rule in matches:
        before = bisect.bisect_left(starts, m.end()) - 1
        if before >= 0 and ends[starts[before]] > m.start():
            continue
        bisect.insort(starts, m.start())
        ends[m.start()] = m.end()
        point = _point(m, rule, published, offset)
        if point is not None:
            points.append(point)
    return sorted(points, key=lambda p: p.start)


_EDGE = " \t\r\n,;:()."
# The words some rule needs, each tested once per sentence however many rules name it.
_NEED_WORDS = frozenset(word for rule in _RULES for word in (*rule.needs, *rule.also))
# A sentence holding none of the rules' first needs holds no date (a rule's `also` never suffices alone).
_ANY_NEED = re.compile(
    "|".join(re.escape(word) for word in sorted({w for r in _RULES for w in r.needs}, key=len, reverse=True))
)


def resolve_date_expression(expression: str, published: dt.date | None) -> DatePoint | None:
    """Resolve one whole expression ("on Monday"); None if it is not a date or its anchor is missing."""
    core = expression.strip(_EDGE)
    lead = len(expression) - len(expression.lstrip(_EDGE))
    points = find_dates(core, published, offset=lead)
    if len(points) == 1 and (points[0].start, points[0].end) == (lead, lead + len(core)):
        return points[0]
    return None
