"""Find date expressions in a sentence and resolve them against the publication date into DatePoints.

Runs after annotate (it needs sentences) and before in-document aggregation (which merges by day).
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass

from polemos.model import DatePoint
from polemos.stages.date_readers import (
    DAY_PHRASES,
    MONTH_ABBREVIATIONS,
    MONTHS,
    NUMBER_WORDS,
    WEEKDAYS,
    Reader,
    explicit,
    read_ago,
    read_day_phrase,
    read_month,
    read_month_or_year,
    read_past_weeks,
    read_range,
    read_recent_days,
    read_week,
    read_weekday,
    read_weekend,
    read_year,
)

# Historical context ("In November 2014 it was captured") is older than the news cycle of a report;
# about one month separates the two in practice.
BACKGROUND_DAYS: int = 31


@dataclass(frozen=True)
class _Rule:
    pattern: re.Pattern[str]
    read: Reader
    # Lower-cased strings one of which a sentence must hold for the pattern to have a chance: a test
    # far cheaper than the regex, which most sentences need for only a few of the rules.
    needs: tuple[str, ...]
    # ... and, if given, one of these too (the month names of a pattern that cannot match without one).
    also: tuple[str, ...] = ()


_DIGITS = tuple("0123456789")
_CENTURIES = ("19", "20")  # every year the patterns read opens so (`_YEAR`)
_MONTH_STEMS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_WEEKDAY_NAMES = tuple(WEEKDAYS)


def _alternation(words: dict[str, int] | dict[str, tuple[int, str]]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


def _cased(words: dict[str, int]) -> str:
    # Month and weekday names count only capitalised: "the march on the capital", "they may".
    return "|".join(alt for w in sorted(words, key=len, reverse=True) for alt in (w.title(), w.upper()))


def _month(group: str) -> str:
    return rf"(?P<{group}>(?:{_cased(MONTHS)})\b|(?:{_cased(MONTH_ABBREVIATIONS)})(?:\.|\b(?!\s+[A-Z][a-z])))"


def _day(group: str) -> str:
    return rf"(?<![\w.,/])(?P<{group}>[0-3]?[0-9])(?:st|nd|rd|th)?\b"


_YEAR = r"(?P<year>(?:19|20)[0-9]{2})\b"
_OPT_YEAR = rf"(?:,?\s+{_YEAR})?"
_WEEKDAY = rf"(?:{_cased(WEEKDAYS)})\b"
_PREFIX = (
    r"(?:(?P<since>(?i:since))\s+|(?P<around>(?i:on\s+or\s+(?:around|about)))\s+|(?i:on)\s+)?"
    rf"(?:{_WEEKDAY},?\s+)?"
)
_PART = r"(?P<part>(?i:early|mid|late|(?:the\s+)?(?:beginning|start|middle|end)\s+of))[\s-]+"
_LEAD = r"(?:(?P<since>(?i:since))\s+|(?P<lead>(?i:in|during))\s+)?"


# What a match may open with, as a lookahead after the rules' opening `\b`: a regex tries its optional
# prefixes and every alternative at each word boundary, ends of words included; a position whose first
# character opens none of them fails on one character test instead (the same matches, in half the time).
# Tested case-insensitively, as some alternatives are: a superset of what the cased ones open with.
def _opens(*words: str) -> str:
    return "(?=(?i:[" + "".join(sorted({w[0] for w in words})) + "]))"


_ANY_WORD = r"(?=\w)"  # every rule's match opens with a letter or a digit
_DIGIT_WORDS = tuple("0123456789")
# The words `_PREFIX` may open with ("since", "on", a weekday), and `_LEAD` with `_PART` ("since", "in",
# "during"; "early", "mid", "late", "the", "beginning", "start", "middle", "end").
_PREFIX_WORDS = ("since", "on", *WEEKDAYS)
_LEAD_PART_WORDS = (
    "since",
    "in",
    "during",
    "early",
    "mid",
    "late",
    "the",
    "beginning",
    "start",
    "middle",
    "end",
)
_MONTH_WORDS = (*MONTHS, *MONTH_ABBREVIATIONS)

_NUMBER = rf"(?P<n>[0-9]{{1,3}}|(?i:{_alternation(NUMBER_WORDS)}))"
_RULES: tuple[_Rule, ...] = tuple(
    _Rule(re.compile(r"\b" + pattern), read, needs, also[0] if also else ())
    for pattern, read, needs, *also in (
        (
            _opens(*_PREFIX_WORDS, *_CENTURIES)
            + rf"{_PREFIX}(?P<year>(?:19|20)[0-9]{{2}})-(?P<month_num>[01][0-9])"
            r"-(?P<day>[0-3][0-9])(?![0-9])",
            explicit("explicit-iso"),
            _CENTURIES,
            ("-",),
        ),
        (
            _opens(*_PREFIX_WORDS, *_DIGIT_WORDS)
            + rf"{_PREFIX}{_day('day')}(?P<sep>[/.])(?P<month_num>[01]?[0-9])(?P=sep){_YEAR}(?![/]|\.[0-9])",
            explicit("explicit-slash"),
            _CENTURIES,
            ("/", "."),
        ),
        (
            _opens(*_PREFIX_WORDS, "the", *_DIGIT_WORDS)
            + rf"{_PREFIX}(?:(?i:the)\s+)?{_day('day')}\s+(?:of\s+)?{_month('month')}{_OPT_YEAR}",
            explicit("explicit-dmy"),
            _DIGITS,
            _MONTH_STEMS,
        ),
        (
            _opens(*_PREFIX_WORDS, *_MONTH_WORDS)
            + rf"{_PREFIX}{_month('month')}\s+(?:the\s+)?{_day('day')}{_OPT_YEAR}",
            explicit("explicit-mdy"),
            _DIGITS,
            _MONTH_STEMS,
        ),
        (
            _opens("between", "from")
            + rf"(?i:between|from)\s+(?:the\s+)?{_day('day')}(?:\s+(?:of\s+)?{_month('month_start')})?"
            rf"\s+(?i:and|to|until|till|through)\s+(?:the\s+)?{_day('day2')}\s+(?:of\s+)?{_month('month')}{_OPT_YEAR}",
            read_range,
            _DIGITS,
            _MONTH_STEMS,
        ),
        (
            _opens(*_DIGIT_WORDS) + rf"{_day('day')}(?:\s+{_month('month_start')})?\s*[-–—]\s*"
            rf"{_day('day2')}\s+{_month('month')}{_OPT_YEAR}",
            read_range,
            _DIGITS,
            _MONTH_STEMS,
        ),
        (
            _opens("between", "from", *_MONTH_WORDS)
            + rf"(?:(?i:between|from)\s+)?{_month('month')}\s+{_day('day')}(?P<month_start>)"
            rf"(?:\s*[-–—]\s*|\s+(?i:and|to|until|through)\s+){_day('day2')}{_OPT_YEAR}",
            read_range,
            _DIGITS,
            _MONTH_STEMS,
        ),
        (
            _ANY_WORD + r"(?:(?P<since>(?i:since))\s+)?(?i:(?:earlier|later|early|late)\s+)?"
            r"(?:(?P<relation>(?i:last|this\s+past|past|previous|this\s+coming|this|next|coming))\s+|(?i:on)\s+)?"
            rf"(?i:(?:early|late)\s+)?(?P<weekday>{_WEEKDAY})(?:\s+(?i:night|morning|afternoon|evening))?",
            read_weekday,
            _WEEKDAY_NAMES,
        ),
        (
            _ANY_WORD + r"(?<!USA\s)(?<!Russia\s)(?i:(?:earlier|later)\s+)?"
            rf"(?P<phrase>(?i:{_alternation(DAY_PHRASES)}))\b(?:\s+(?i:morning|afternoon|evening|night)\b)?",
            read_day_phrase,
            ("day", "night", "morning", "afternoon", "evening"),
        ),
        (
            _ANY_WORD + rf"{_NUMBER}\s+(?P<unit>(?i:day|week|month|year))s?\s+(?i:ago)\b"
            r"(?:\s+(?i:this\s+(?:week|month))\b)?",
            read_ago,
            ("ago",),
        ),
        (
            _ANY_WORD + r"(?i:(?:earlier|later)\s+)?"
            r"(?P<relation>(?i:last|this|the\s+past|past|the\s+previous|previous|next))\s+(?i:week)\b",
            read_week,
            ("week",),
        ),
        (
            _ANY_WORD + r"(?i:(?:in|over|during)\s+)?(?i:recent\s+days|(?:the\s+)?(?:past|last)\s+"
            r"(?:few|several|couple\s+of)\s+days)\b",
            read_recent_days,
            ("days",),
        ),
        (
            _ANY_WORD + r"(?i:(?:in|over|during)\s+)?(?i:the\s+)?(?i:past|last)\s+"
            r"(?P<n>(?i:two|three|few|several|couple\s+of|[23]))(?i:\s+or\s+(?:three|four|[34]))?\s+(?i:weeks)\b",
            read_past_weeks,
            ("weeks",),
        ),
        (
            _ANY_WORD
            + r"(?i:(?:over|at|during)\s+)?(?:(?P<relation>(?i:last|this))\s+|(?i:the)\s+)(?i:weekend)\b",
            read_weekend,
            ("weekend",),
        ),
        (
            _ANY_WORD
            + r"(?i:(?:earlier|later)\s+)?(?P<relation>(?i:last|this|next|the\s+previous|previous))\s+"
            r"(?P<unit>(?i:month|year))\b",
            read_month_or_year,
            ("month", "year"),
        ),
        (
            _opens(*_LEAD_PART_WORDS, "last", "this", *_MONTH_WORDS)
            + rf"{_LEAD}(?:{_PART})?(?P<relation>(?i:last|this\s+past|this)\s+)?{_month('month')}"
            rf"(?:,?\s+(?:of\s+)?{_YEAR})?",
            read_month,
            _MONTH_STEMS,
        ),
        (_opens(*_LEAD_PART_WORDS, *_CENTURIES) + rf"{_LEAD}(?:{_PART})?{_YEAR}", read_year, _CENTURIES),
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
