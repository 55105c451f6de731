"""Death tolls that cover more than the event's day or place: multi-day totals, totals for a list of
places, and cumulative counts.

ACLED codes one event per day and place, so a total "over three days" is split evenly per day (the
odd remainder to the first days), a total for "Alpha, Beta and Gamma villages" likewise per place, and
a running count ("44 soldiers died during June", "since the offensive began") belongs to no single
event. All stay visible as claims: a split claim carries its day's (place's) share as `count` and the
total in its rule ("...|split 13/3", "...|split 6/3 places"); a cumulative one is marked
"...|cumulative" and is left out of the event's figure.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import replace

from polemos.model import DatePoint, FatalityClaim
from polemos.stages.fatality_numbers import parse_number

__all__ = [
    "CUMULATIVE",
    "adjust_for_period",
    "listed_places",
    "range_days",
    "split_multi_day",
    "spread_over_days",
    "spread_over_places",
    "told_days",
]

CUMULATIVE = "|cumulative"

_MONTHS = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?"
)
_COUNT = r"(?:two|three|four|five|six|seven|[2-7])"
# "over two days", "in the past three days", "during 2 consecutive days", "over 48 hours".
_DAYS = re.compile(
    rf"\b(?:over|in|during|across|within|for)\s+(?:the\s+(?:past|last)\s+)?(?P<days>{_COUNT})\s+"
    r"(?:consecutive\s+|successive\s+)?days\b|\bover\s+(?:the\s+(?:past|last)\s+)?(?P<hours>48|72)\s+hours\b"
    rf"|\b(?P<adj>{_COUNT})[- ]day(?:[- ]long)?\s+(?:[a-z]+\s+){{0,2}}?"
    r"(?:clash|fight|battle|offensive|operation|attack|raid|siege|conflict|violence|hostilit|war\b|unrest)"
    # "after five days of clashes", "Two days of fighting in Fedis": the fighting's own length.
    rf"|\b(?P<of>{_COUNT})\s+days\s+of\s+(?:[a-z]+\s+)?(?:clash|fight|battle|violence|hostilit|unrest)",
    re.I,
)
# "over 23-24 June", "between 19-20 June", "on 3 and 4 March": a span of calendar days.
_DATE_SPAN = re.compile(
    rf"\b(?:over|between|from|on)\s+(?P<a>[0-9]{{1,2}})(?:st|nd|rd|th)?\s*(?:-|–|and|to)\s*"
    rf"(?P<b>[0-9]{{1,2}})(?:st|nd|rd|th)?\s+{_MONTHS}"
    # "between Feb.9-10", "from 08/10-11/10" (day/month, same month)
    rf"|\b(?:over|between|from|on)\s+{_MONTHS}\s*(?P<a2>[0-9]{{1,2}})\s*(?:-|–)\s*(?P<b2>[0-9]{{1,2}})\b"
    r"|\b(?:over|between|from)\s+(?P<a3>[0-9]{1,2})/(?P<m>[0-9]{1,2})\s*(?:-|–|to)\s*(?P<b3>[0-9]{1,2})/(?P=m)\b",
    re.I,
)
_RUNNING = re.compile(
    r"\b(?:since\s+(?:the\s+(?:start|beginning|outbreak)|(?:early|late|mid-?)?\s*"
    + _MONTHS
    + r"|last\s+(?:week|month|year)"
    r")|so\s+far\s+this\s+(?:year|month)|during\s+(?:the\s+month\s+of\s+)?" + _MONTHS + r"(?!\s+[0-9])"
    # "over 200 killed in the past week": a week's count is no one day's toll either.
    r"|(?:over|in|during)\s+the\s+(?:past|last)\s+(?:few\s+|several\s+|[a-z]+\s+)?(?:weeks?|months?|years?)\b"
    r"|since\s+(?:the\s+)?[a-z]+\s+(?:began|started|erupted|broke\s+out)"
    r"|in\s+total\s+since|total\s+number\s+of\s+(?:deaths|fatalities)\s+(?:since|in|during))",
    re.I,
)
_CLAUSE_END = re.compile(r"[.;!?](?=\s|$)")  # "Feb.9-10" is no sentence end


def adjust_for_period(claim: FatalityClaim, text: str) -> FatalityClaim:
    """`claim` (offsets into `text`) split per day or marked cumulative by a period phrase near it."""
    after = text[claim.end : claim.end + 80]
    after = after[: m.start()] if (m := _CLAUSE_END.search(after)) else after
    before = text[max(0, claim.start - 60) : claim.start]
    before = before[ends[-1].end() :] if (ends := list(_CLAUSE_END.finditer(before))) else before
    # The claim's own words too: "the number of deaths since the war began reached 400".
    window = f"{before} {text[claim.start : claim.end]} {after}"
    if _RUNNING.search(window):
        return replace(claim, rule=claim.rule + CUMULATIVE)
    days = _days(window)
    if days > 1 and claim.count >= days:
        share = _day_share(claim.count, days)
        return replace(claim, count=share, rule=f"{claim.rule}|split {claim.count}/{days}")
    return claim


# The days of a date range the dates stage read ("24-26 June", "June 19-20", "between 3 and 5 March").
_RANGE_DAYS = re.compile(
    r"\b(?P<a>[0-9]{1,2})(?:st|nd|rd|th)?\s*(?:-|–|—|and|to|until|till|through)\s*(?:the\s+)?"
    r"(?P<b>[0-9]{1,2})(?:st|nd|rd|th)?\b",
    re.I,
)


def range_days(date: DatePoint | None) -> int:
    """How many days the event's date covers: more than 1 only for a range of days of one month."""
    if date is None or not date.rule.endswith("range-start"):
        return 1
    if (m := _RANGE_DAYS.search(date.expression)) is None:
        return 1
    first, last = int(m["a"]), int(m["b"])
    return last - first + 1 if 0 < last - first < 7 else 1


def told_days(sentence: str) -> int:
    """How many days a sentence says its fighting lasted ("Two days of clashes in Fedis", "forces clashed
    over two days"): a toll the next sentence gives for that fighting is the total of those days."""
    return _days(sentence) if "day" in sentence or "hours" in sentence else 1


def spread_over_days(claim: FatalityClaim, days: int) -> FatalityClaim:
    """`claim` split per day when its event's date covers `days` days ("Fighting over 24-26 June. Some 21
    people were killed." -> 7): a toll told in another sentence than the range is as much a total of
    those days as one told beside it. Claims already split, or cumulative, stay as they are."""
    if days < 2 or claim.count < days or "|split" in claim.rule or claim.rule.endswith(CUMULATIVE):
        return claim
    share = _day_share(claim.count, days)
    return replace(claim, count=share, rule=f"{claim.rule}|split {claim.count}/{days}")


def _days(window: str) -> int:
    if m := _DAYS.search(window):
        if m.group("hours"):
            return int(m.group("hours")) // 24
        return parse_number(m.group("days") or m.group("adj") or m.group("of")) or 1
    if m := _DATE_SPAN.search(window):
        first, last = (
            int(x)
            for x in next(g for g in (m.group("a", "b"), m.group("a2", "b2"), m.group("a3", "b3")) if g[0])
        )
        if 0 < last - first < 7:
            return last - first + 1
    return 1


def _day_share(total: int, days: int) -> int:
    """The share most of the days get (the first day's when it is a tie): 13 over 3 -> 4, 13 over 2 -> 7."""
    shares = Counter(split_multi_day(total, days))
    return max(shares, key=lambda s: (shares[s], s))


def split_multi_day(total: int, days: int) -> list[int]:
    """Split a multi-day total evenly across days, the remainder going to the first days (ACLED rule).

    '12 over 3 days' -> [4, 4, 4]; 10 over 3 -> [4, 3, 3]; 11 over 3 -> [4, 4, 3].
    """
    if days < 1 or total < 0:
        raise ValueError(f"split_multi_day needs total >= 0 and days >= 1, got total={total}, days={days}")
    base, remainder = divmod(total, days)
    return [base + 1] * remainder + [base] * (days - remainder)


# A list of named places the event took place in: "in Lwibo and Lukweti areas", "the villages of Alpha,
# Beta and Gamma", "cleared Kesso and Mara of rebels". ACLED codes one event per location and splits a
# toll told for all of them between those events, as it does a toll told over several days. "Between X
# and Y" is a road or a front, one place; lists of people ("Hema and Lendu villagers") follow no
# preposition of place.
_PLACE_NAME = r"(?-i:[A-Z][\w'’-]+)(?:\s+(?-i:[A-Z][\w'’-]+|(?:al|el|ad|as|ash|ar|an)-[\w'’-]+)){0,2}"
_PLACE_NOUN = (
    r"(?:villages?|towns?|communit(?:y|ies)|areas?|localit(?:y|ies)|settlements?|districts?|neighbou?rhoods?"
    r"|count(?:y|ies)|LGAs?|provinces?|regions?|axis|axes|roads?"
    # "at Alpha and Beta refugee camps": camps, named by whom they hold.
    r"|(?:(?:refugee|IDP|displacement|military|army)\s+)?camps?)"
)
_PLACE_LIST = re.compile(
    rf"(?:(?<![\w'’-])(?:in|at|of|across|around|along|cleared|clear|clears|captured|took\s+over|overran)\s+"
    rf"(?:the\s+)?(?:{_PLACE_NOUN}\s+of\s+)?"
    # "invaded two communities - Alpha and Beta"
    rf"|(?<![\w'’-])(?:two|three|four|five|six|[2-6])\s+{_PLACE_NOUN}\s*[-–—:]\s*)"
    rf"(?P<list>{_PLACE_NAME}(?:\s*,\s*{_PLACE_NAME})*\s*,?\s+(?:and|&)\s+{_PLACE_NAME})"
    rf"(?=\s+{_PLACE_NOUN}\b|\s*[-–—,.;]|\s+(?:of|on|in|near|north|south|east|west|between)\b)",
)
_LIST_ITEM = re.compile(r"\s*,\s*(?:and\s+|&\s+)?|\s+(?:and|&)\s+")
# Names that follow a place preposition but are no places: sides and months ("in June and July").
_NOT_PLACE = re.compile(rf"^(?:{_MONTHS}|Muslims?|Christians?|Government|Police|Army|Military)$")


# "members of the Alpha and Beta communities": the list names the people's communities, not where the event
# took place ("youths of the Alpha and Beta communities" may tell both, and stays a list).
_PEOPLE_OF = re.compile(r"\b(?:members?|sections?|clans?|sub-clans?)\s+$", re.I)


def listed_places(text: str) -> int:
    """How many named places the sentence lists as the event's (1 when it lists none)."""
    # A list needs its "and" or "&": most sentences have neither, and the pattern is slow to rule out
    # (it tries its prepositions at every word). The same sentence is asked about once per claim and event.
    if "and" not in text and "&" not in text:
        return 1
    return _listed_places(text)


@functools.lru_cache(maxsize=4096)
def _listed_places(text: str) -> int:
    m = _PLACE_LIST.search(text)
    if m is None or _PEOPLE_OF.search(text, 0, m.start()):
        return 1
    names = [n for n in _LIST_ITEM.split(m["list"]) if n]
    if any(_NOT_PLACE.match(n) for n in names):
        return 1
    return len(dict.fromkeys(names)) if 1 < len(names) <= 6 else 1


def spread_over_places(claim: FatalityClaim, places: int) -> FatalityClaim:
    """`claim` split between the events of `places` locations its sentence lists ("six militants were
    killed in Alpha, Beta and Gamma" -> 2): the first location's share, which gets the remainder ("five
    over four areas" -> 2). Claims already split, cumulative, or with fewer dead than places stay."""
    if places < 2 or claim.count < places or "|split" in claim.rule or claim.rule.endswith(CUMULATIVE):
        return claim
    share = split_multi_day(claim.count, places)[0]
    return replace(claim, count=share, rule=f"{claim.rule}|split {claim.count}/{places} places")
