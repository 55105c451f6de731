"""Parts of the actor file's schema shared by its sections: the error a bad field raises and the periods
(years, or "YYYY-MM" / "YYYY-MM-DD" where a change fell within a year) that validity, names and battle
lead hold for."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from polemos.errors import KnowledgeError

# (year, month, day): a bound of a period. A change of name can fall mid-month (Libya's NTC was seated at
# the UN on 16 September 2011), so bounds are days; a bound written as a month or a year covers all of it.
Day = tuple[int, int, int]
# (start, end), both ends included: a span a camp's habits held.
Period = tuple[Day, Day]
# (start, end, name): the name ACLED wrote for an actor's events from one day to another
PeriodName = tuple[Day | None, Day | None, str]


def fail(path: str, where: str, msg: str) -> KnowledgeError:
    """Return the error for a bad field, naming the file, the entry and what to do."""
    return KnowledgeError(
        f"{path}: {where}: {msg}. Fix it (the layout is described at the top of actors.yaml)."
    )


def is_year(y: object) -> bool:
    return isinstance(y, int) and not isinstance(y, bool) and 1800 <= y <= 2200


def years(raw: object, path: str, where: str) -> tuple[int | None, int | None]:
    """Return (start, end) from `[start, end]` (either may be null)."""
    if raw is None:
        return None, None
    if not isinstance(raw, list) or len(raw) != 2 or not all(y is None or is_year(y) for y in raw):
        raise fail(path, where, "`years` must be [start, end] with years or null")
    start, end = raw
    if start is not None and end is not None and end < start:
        raise fail(path, where, f"`years` ends ({end}) before it starts ({start})")
    return start, end


def period_names(raw: object, path: str, where: str) -> list[PeriodName]:
    """Read `named`: [{years: [start, end], name: ...}], the names an actor had in earlier periods; a bound
    is a year, "YYYY-MM" or "YYYY-MM-DD" (a name that changed within a year) or null."""
    out: list[PeriodName] = []
    items = raw if isinstance(raw, list) else [] if raw is None else [raw]
    for item in items:
        if not isinstance(item, Mapping) or not isinstance(item.get("name"), str) or not item["name"].strip():
            raise fail(path, where, "each `named` item needs `years` and `name`")
        span = item.get("years")
        pair = span if isinstance(span, list) and len(span) == 2 else [0, 0]
        start = None if pair[0] is None else day_of(pair[0], end=False)
        stop = None if pair[1] is None else day_of(pair[1], end=True)
        if (pair[0] is not None and start is None) or (pair[1] is not None and stop is None):
            raise fail(path, where, '`named` `years` must be [start, end], each a year, "YYYY-MM", '
                       '"YYYY-MM-DD" or null')  # fmt: skip
        if start is not None and stop is not None and stop < start:
            raise fail(path, where, f"`named` `years` ends ({pair[1]}) before it starts ({pair[0]})")
        out.append((start, stop, item["name"].strip()))
    return out


def day_of(raw: object, *, end: bool) -> Day | None:
    """Read 2011, "2011-03" (their first or, for an end, last day) or "2011-03-16" as (year, month, day);
    None if none of these. YAML reads an unquoted 2011-03-16 as a date: that is taken too."""
    if isinstance(raw, int) and is_year(raw):
        return (raw, 12, 31) if end else (raw, 1, 1)
    if isinstance(raw, dt.date) and is_year(raw.year):
        return raw.year, raw.month, raw.day
    parts = str(raw).split("-") if isinstance(raw, str) else []
    if len(parts) == 2 and parts[0].isdigit() and is_year(int(parts[0])) and parts[1] in _MONTHS:
        return int(parts[0]), int(parts[1]), 31 if end else 1
    if len(parts) == 3 and all(p.isdigit() for p in parts) and is_year(int(parts[0])):
        try:
            d = dt.date(int(parts[0]), int(parts[1]), int(parts[2]))
        except ValueError:
            return None
        return d.year, d.month, d.day
    return None


def day_at(year: int, month: int | None = None, day: int | None = None) -> Day:
    """Return the day a report of `year`/`month`/`day` is read at: an unknown month as mid-year, an
    unknown day as mid-month."""
    if month is None:
        return year, 7, 1
    return year, month, day or 15


_MONTHS = frozenset(f"{m:02d}" for m in range(1, 13))


def lead_periods(
    raw: object, path: str, where: str, field: str = "leads_battles"
) -> tuple[bool, tuple[Period, ...]]:
    """Read `leads_battles` (or `trails_battles`, named by `field`): true, false, or the [start, end] spans
    ("2011-03", "2011-03-16") in which the habit holds."""
    if isinstance(raw, bool):
        return raw, ()
    periods: list[Period] = []
    for item in raw if isinstance(raw, list) and raw else [None]:
        pair = item if isinstance(item, list) and len(item) == 2 else [None, None]
        start, stop = day_of(pair[0], end=False), day_of(pair[1], end=True)
        if start is None or stop is None or stop < start:
            raise fail(path, where, f"`{field}` must be true, false or a list of [start, end] spans "
                       '(each a year, "YYYY-MM" or "YYYY-MM-DD", the start first)')  # fmt: skip
        periods.append((start, stop))
    return True, tuple(periods)
