"""The rules of cross-source corroboration: when two reports' events are one event, when two reports are
copies of one (merge across sources, after store); how a group becomes one event is
`polemos.corroboration_groups`.

Pure functions over model records; polemos.corroboration applies them to the store.

Same event (ACLED's aggregation rule, read across reports): same event type; dates at most a day apart and
of the same precision (a "last month" or "last week" date names no day, and ACLED codes each day of
fighting as its own event, so a vague date never joins a dated one; a date that only comes from the
report's context may join a dated one a day away, but, as for reports a day apart, only when the same toll
or both sides named alike tie them, and a report dated by its publication never joins a later day); the
same place (same name, within 5 km, or within 20 km when either is "near" precision); compatible actors
(equal, or one side unnamed or an "Unidentified ..." placeholder, in either order except for violence
against civilians, whose target is always actor 2). An undated or unplaced event only joins a copy of its
own report.

Two reports of one day, place and sides are not yet one incident: a town sees a clash and its capture, or
a roadside bomb and a shelling, on one day, and a store that ingests one report per event (ACLED's notes, a
wire's running file) would fold them together, the highest sub-type and the merged toll taking both. What
a newsroom checks before calling two stories one incident is that they tell the same act: so the
sub-event types must agree (ACLED aggregates by sub-type too; a different sub-type is a different act),
unless the same toll ties two readings of one act ("clashes" and "the army took the town", both with six
dead); and the one-day tolerance is for days counted from a report's publication ("on Friday",
"yesterday", overnight fighting), so two reports that each write a different calendar day ("on 20 March",
"on 21 March") tell two days of fighting unless the same toll ties them. Two outlets telling one battle
still merge: one act, one day in the words of each, even with different tolls (the lowest is kept). Copies
of one report always agree.

Two reports whose word 5-shingles have Jaccard >= 0.8 are copies (wire copies, light rewrites): MinHash
(datasketch) finds the candidates, the exact Jaccard confirms them.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from polemos.model import Actor, DatePoint, Event, Place
from polemos.stages.event_groups import NEAR_KM, SAME_KM, distance_km
from polemos.taxonomy import EventType

__all__ = [
    "DAY_TOLERANCE",
    "Check",
    "Comparison",
    "base_name",
    "compare",
    "is_context",
    "is_placeholder",
]

DAY_TOLERANCE = 1  # days: reports of one incident disagree by a day (overnight fighting, "yesterday")
_CONTEXT_RULES = ("inherited", "published")  # dates read from the report's context, not its own words


# --- same event? -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Check:
    """One field compared: both values, whether they agree, why, and what it adds to the match score."""

    field: str
    ok: bool
    event: str
    other: str
    why: str
    score: float = 0.0

    def to_json(self) -> dict[str, object]:
        return {
            "field": self.field, "ok": self.ok, "event": self.event, "other": self.other, "why": self.why,
            "score": round(self.score, 3),
        }  # fmt: skip


@dataclass(frozen=True)
class Comparison:
    """An event compared with another (a group member): every field check, and the verdict."""

    event_id: str
    other_id: str
    checks: tuple[Check, ...]

    @property
    def ok(self) -> bool:
        return all(c.ok for c in self.checks)

    @property
    def score(self) -> float:
        return sum(c.score for c in self.checks)

    @property
    def failed(self) -> tuple[str, ...]:
        return tuple(c.field for c in self.checks if not c.ok)

    def to_json(self) -> dict[str, object]:
        return {
            "event": self.event_id, "other": self.other_id, "ok": self.ok, "score": round(self.score, 3),
            "checks": [c.to_json() for c in self.checks],
        }  # fmt: skip


def is_context(d: DatePoint) -> bool:
    return d.rule.startswith(_CONTEXT_RULES)


def _date_text(d: DatePoint | None) -> str:
    if d is None:
        return "undated"
    kind = {1: "day", 2: "week", 3: "month"}[int(d.precision)]
    return f"{d.date.isoformat()} ({kind}{', from context' if is_context(d) else ''})"


def _check_dates(a: DatePoint | None, b: DatePoint | None, same_report: bool) -> Check:
    ta, tb = _date_text(a), _date_text(b)
    if a is None or b is None:
        if a is None and b is None and same_report:
            return Check("date", True, ta, tb, "both undated, in copies of one report", 0.5)
        return Check("date", False, ta, tb, "an undated event only joins a copy of its own report")
    for dated, other in ((a, b), (b, a)):
        if dated.rule.startswith("published") and other.date > dated.date:
            # A report dated by its publication tells an event of that day or before, never a later one.
            return Check(
                "date", False, ta, tb, "later than the publication of the report that gives no day of its own"
            )
    days = abs((a.date - b.date).days)
    if days > DAY_TOLERANCE:
        return Check("date", False, ta, tb, f"{days} days apart (at most {DAY_TOLERANCE})")
    score = 1.0 - 0.4 * days
    if a.precision == b.precision:
        return Check("date", True, ta, tb, f"{days} day(s) apart, same precision", score)
    vague = a if a.precision > b.precision else b
    if is_context(vague):
        return Check(
            "date", True, ta, tb, f"{days} day(s) apart; the vaguer date is only the report's", score - 0.2
        )
    return Check(
        "date", False, ta, tb, "a week or month date names no day (ACLED codes each day as its own event)"
    )


def base_name(p: Place) -> str:
    return p.name.split(" - ")[0].casefold()


def _check_places(a: Place | None, b: Place | None, same_report: bool) -> Check:
    ta = f"{a.name} (precision {int(a.geo_precision)})" if a else "no place"
    tb = f"{b.name} (precision {int(b.geo_precision)})" if b else "no place"
    if a is None or b is None:
        if a is None and b is None and same_report:
            return Check("place", True, ta, tb, "neither names a place, in copies of one report", 0.3)
        return Check("place", False, ta, tb, "an unplaced event only joins a copy of its own report")
    km = distance_km(a, b)
    if min(a.geo_precision, b.geo_precision) >= 3 and not same_report:
        # "in Ghazni province" twice tells the province, not one place: two reports coded only to a region
        # are different incidents as often as not, and merging them would take the lowest toll of both.
        return Check("place", False, ta, tb, "both only name a region: no evidence of one place")
    if base_name(a) == base_name(b):
        return Check("place", True, ta, tb, f"same place name ({km:.1f} km)", 0.5)
    if km <= SAME_KM:
        return Check("place", True, ta, tb, f"{km:.1f} km apart (<= {SAME_KM:g} km)", 0.4)
    loose = max(a.geo_precision, b.geo_precision) >= 2
    if loose and km <= NEAR_KM:
        return Check("place", True, ta, tb, f"{km:.1f} km apart, one is 'near' (<= {NEAR_KM:g} km)", 0.2)
    limit = NEAR_KM if loose else SAME_KM
    return Check("place", False, ta, tb, f"{km:.1f} km apart (more than {limit:g} km)")


def is_placeholder(a: Actor) -> bool:
    """Whether the actor is a report's unnamed side ("Unidentified Armed Group (Libya)")."""
    return a.name.startswith("Unidentified ")


def _slot(x: Actor | None, y: Actor | None) -> float | None:
    """Score one actor slot: None when the two actors differ."""
    if x is None or y is None:
        return 0.0
    if x.name == y.name:
        return 0.15
    if is_placeholder(x) or is_placeholder(y):
        return 0.05  # "Unidentified Armed Group": a report that could not name the actor, not another one
    return None


def _pair_text(a1: Actor | None, a2: Actor | None) -> str:
    return f"{a1.name if a1 else '-'} / {a2.name if a2 else '-'}"


def _check_actors(a: Event, b: Event) -> Check:
    ta, tb = _pair_text(a.actor1, a.actor2), _pair_text(b.actor1, b.actor2)
    straight = (_slot(a.actor1, b.actor1), _slot(a.actor2, b.actor2))
    options = [("same order", straight)]
    if a.event_type is not EventType.VIOLENCE_AGAINST_CIVILIANS:
        options.append(("either order", (_slot(a.actor1, b.actor2), _slot(a.actor2, b.actor1))))
    scored = [(why, x + y) for why, (x, y) in options if x is not None and y is not None]
    if not scored:
        why = "different actors"
        if a.event_type is EventType.VIOLENCE_AGAINST_CIVILIANS:
            why += " (violence against civilians: the target is always actor 2)"
        return Check("actors", False, ta, tb, why)
    why, score = max(scored, key=lambda s: s[1])
    return Check(
        "actors", True, ta, tb, f"compatible ({why}; unnamed or unidentified sides match any)", score
    )


def compare(event: Event, other: Event, *, same_report: float | None = None) -> Comparison:
    """Compare an event with another report's event; `same_report` is the two reports' Jaccard when they
    are copies of one."""
    copies = same_report is not None
    same_type = event.event_type is other.event_type
    type_check = Check(
        "event_type",
        same_type,
        event.event_type.value,
        other.event_type.value,
        "same event type" if same_type else "different event types",
    )
    date_check = _check_dates(event.date, other.date, copies)
    stated_apart = _days_apart(event, other) and _stated(event, other)
    if same_report is None and date_check.ok and stated_apart and not _same_toll(event, other):
        date_check = replace(
            date_check,
            ok=False,
            why="each report names its calendar day and the days differ, with no shared toll to tie "
            "them (two days of fighting: ACLED codes each day as its own event)",
            score=0.0,
        )
    checks = [
        type_check,
        date_check,
        _check_places(event.place, other.place, copies),
        _check_actors(event, other),
    ]
    if same_type:
        checks.append(_check_sub_types(event, other, copies))
    if same_report is not None:
        checks.append(Check("report", True, "", "", f"copies of one report (Jaccard {same_report:.2f})", 1.0))
    elif (
        date_check.ok
        and (_days_apart(event, other) or _context_dated(event, other))
        and not _tied(event, other)
    ):
        checks[1] = replace(
            date_check,
            ok=False,
            why="a day apart (or dated only by a report's context), with nothing but the type, place and "
            "unnamed sides to tie them (ACLED codes each day as its own event)",
            score=0.0,
        )
    return Comparison(event.event_id, other.event_id, tuple(checks))


def _check_sub_types(a: Event, b: Event, same_report: bool) -> Check:
    """Same event type: the sub-types must agree, unless the reports are copies or tell the same toll.

    ACLED aggregates by day, place, actor pair and sub-event type, so an armed clash and a territory gain,
    or a shelling and a roadside bomb, of one day in one town between the same sides are two events: a
    different sub-type is a different act. Two outlets may read one act differently (one tells the
    fighting, the other that the town fell); the same toll then ties them, as it ties reports a day apart.
    """
    ta, tb = a.sub_event_type.value, b.sub_event_type.value
    if a.sub_event_type is b.sub_event_type:
        return Check("sub_event_type", True, ta, tb, "same sub-event type", 0.2)
    if same_report:
        return Check("sub_event_type", True, ta, tb, "different sub-event types, in copies of one report")
    if _same_toll(a, b):
        return Check("sub_event_type", True, ta, tb, "different sub-event types, tied by the same toll")
    return Check(
        "sub_event_type",
        False,
        ta,
        tb,
        "different sub-event types (ACLED codes each as its own event) and no shared toll to tie them",
    )


# Actor types that name a kind of people, not a party: rioters, protesters, civilians.
_CROWDS = frozenset({5, 6, 7})


def _days_apart(a: Event, b: Event) -> bool:
    return a.date is not None and b.date is not None and a.date.date != b.date.date


def _context_dated(a: Event, b: Event) -> bool:
    """Whether either event's day comes only from its report's context (the publication date, an earlier
    sentence's): the report does not say the day, which may be the one before, so a match on it is no
    better evidence than a day apart. Merged on it alone, two incidents would share one toll: the lower
    of two, or one report's dead given to the other's incident."""
    return any(e.date is not None and is_context(e.date) for e in (a, b))


def _tied(a: Event, b: Event) -> bool:
    """Whether two reports' events a day apart share a detail that makes them one incident told with a
    day's disagreement: the same death toll, or both sides named alike as parties (not an unidentified
    group, not civilians or protesters; in either order but for violence against civilians, as
    `_check_actors` reads them). Unidentified gunmen shooting a man in one town on two consecutive days
    are two events."""
    if _same_toll(a, b):
        return True
    sides = (a.actor1, a.actor2, b.actor1, b.actor2)
    if any(x is None or is_placeholder(x) or x.inter in _CROWDS for x in sides):
        return False
    ours, theirs = _pair_text(a.actor1, a.actor2), _pair_text(b.actor1, b.actor2)
    swapped = _pair_text(b.actor2, b.actor1)
    return ours == theirs or (a.event_type is not EventType.VIOLENCE_AGAINST_CIVILIANS and ours == swapped)


# Date rules that read a calendar day the report itself writes ("on 20 March", "2020-03-20"), as opposed to
# a day counted from its publication ("on Friday", "yesterday") or taken from its context.
_STATED_RULES = frozenset({"explicit-iso", "explicit-slash", "explicit-dmy", "explicit-mdy", "day-month"})


def _same_toll(a: Event, b: Event) -> bool:
    return a.fatalities == b.fatalities > 0


def _stated(a: Event, b: Event) -> bool:
    """Whether both events' days are calendar dates their reports write out. The day's tolerance is for
    days counted from a report's publication, which a late or overnight report puts a day off; two
    reports that write different calendar days tell two days."""
    return all(e.date is not None and e.date.rule in _STATED_RULES for e in (a, b))
