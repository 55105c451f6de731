"""The rules of cross-source corroboration: when two reports' events are one event, when two reports are
copies of one, and how a group of events becomes one corroborated event (merge across sources, after store).

Pure functions over model records; polemos.corroboration applies them to the store.

Same event (ACLED's aggregation rule, read across reports): same event type; dates at most a day apart and
of the same precision (a "last month" or "last week" date names no day, and ACLED codes each day of
fighting as its own event, so a vague date never joins a dated one; a date that only comes from the
report's context may join a dated one a day away); the same place (same name, within 5 km, or within 20 km
when either is "near" precision); compatible actors (equal, or one side unnamed or an "Unidentified ..."
placeholder, in either order except for violence against civilians, whose target is always actor 2). An
undated or unplaced event only joins a copy of its own report. Two reports whose word 5-shingles have
Jaccard >= 0.8 are copies (wire copies, light rewrites): MinHash (datasketch) finds the candidates, the
exact Jaccard confirms them.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import re
import statistics
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from polemos.model import Actor, DatePoint, Event, FatalityClaim, Place, Source
from polemos.stages.event_groups import NEAR_KM, SAME_KM, distance_km
from polemos.taxonomy import EventType

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

__all__ = [
    "DAY_TOLERANCE",
    "NEAR_DUPLICATE_JACCARD",
    "Check",
    "Comparison",
    "CorroboratedEvent",
    "FatalityRange",
    "Member",
    "band_keys",
    "build_corroborated",
    "compare",
    "estimate_jaccard",
    "jaccard",
    "minhash_signature",
    "shingles",
    "signature_from_hex",
    "signature_method",
    "signature_to_hex",
]

DAY_TOLERANCE = 1  # days: reports of one incident disagree by a day (overnight fighting, "yesterday")
NEAR_DUPLICATE_JACCARD = 0.8
# LSH only proposes candidates, the exact Jaccard decides. Banded at 0.8 itself, LSH misses about a third
# of pairs at 0.84 (25 bands of 5 rows at 0.5 find a 0.8 pair with probability 0.99995).
LSH_THRESHOLD = 0.5
SHINGLE_WORDS = 5
NUM_PERM = 128
MINHASH_SEED = 1
_WORD = re.compile(r"\w+")
_CONTEXT_RULES = ("inherited", "published")  # dates read from the report's context, not its own words


# --- near-duplicate reports --------------------------------------------------------------------------------


def shingles(text: str, size: int = SHINGLE_WORDS) -> frozenset[str]:
    """Return the word `size`-shingles of a text (case-folded); a shorter text is one shingle."""
    words = _WORD.findall(text.casefold())
    if len(words) < size:
        return frozenset({" ".join(words)}) if words else frozenset()
    return frozenset(" ".join(words[i : i + size]) for i in range(len(words) - size + 1))


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    """Return the Jaccard similarity of two shingle sets (0 when both are empty)."""
    union = len(a | b)
    return len(a & b) / union if union else 0.0


@functools.cache
def signature_method() -> str:
    """Name the signature scheme, so signatures made another way are recomputed, never compared."""
    from importlib.metadata import version

    return f"datasketch-{version('datasketch')}-minhash{NUM_PERM}-seed{MINHASH_SEED}-w{SHINGLE_WORDS}"


def minhash_signature(items: Iterable[str]) -> npt.NDArray[np.uint64]:
    """Return the MinHash signature of a shingle set."""
    import numpy as np
    from datasketch import MinHash  # type: ignore[import-untyped]  # ships no type information

    m = MinHash(num_perm=NUM_PERM, seed=MINHASH_SEED)
    m.update_batch([s.encode("utf-8") for s in sorted(items)])
    return np.asarray(m.hashvalues, dtype=np.uint64)


@functools.cache
def _lsh_shape() -> tuple[int, int]:
    from datasketch import MinHashLSH

    # datasketch picks the bands (b) and rows (r) that minimise false positives and negatives at the
    # threshold; the bands are then kept in SQL rather than in its in-memory index.
    lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
    return int(lsh.b), int(lsh.r)


def band_keys(signature: npt.NDArray[np.uint64]) -> list[tuple[int, str]]:
    """Return the LSH (band, key) pairs of a signature: documents sharing one are candidates."""
    b, r = _lsh_shape()
    return [(i, hashlib.sha1(signature[i * r : (i + 1) * r].tobytes()).hexdigest()[:16]) for i in range(b)]


def signature_to_hex(signature: npt.NDArray[np.uint64]) -> str:
    return signature.astype("<u8").tobytes().hex()


def signature_from_hex(text: str) -> npt.NDArray[np.uint64]:
    import numpy as np

    return np.frombuffer(bytes.fromhex(text), dtype="<u8").astype(np.uint64)


def estimate_jaccard(a: npt.NDArray[np.uint64], b: npt.NDArray[np.uint64]) -> float:
    """Return the MinHash estimate of two documents' Jaccard similarity."""
    if a.shape != b.shape:
        return 0.0
    return float((a == b).mean())


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


def _is_context(d: DatePoint) -> bool:
    return d.rule.startswith(_CONTEXT_RULES)


def _date_text(d: DatePoint | None) -> str:
    if d is None:
        return "undated"
    kind = {1: "day", 2: "week", 3: "month"}[int(d.precision)]
    return f"{d.date.isoformat()} ({kind}{', from context' if _is_context(d) else ''})"


def _check_dates(a: DatePoint | None, b: DatePoint | None, same_report: bool) -> Check:
    ta, tb = _date_text(a), _date_text(b)
    if a is None or b is None:
        if a is None and b is None and same_report:
            return Check("date", True, ta, tb, "both undated, in copies of one report", 0.5)
        return Check("date", False, ta, tb, "an undated event only joins a copy of its own report")
    days = abs((a.date - b.date).days)
    if days > DAY_TOLERANCE:
        return Check("date", False, ta, tb, f"{days} days apart (at most {DAY_TOLERANCE})")
    score = 1.0 - 0.4 * days
    if a.precision == b.precision:
        return Check("date", True, ta, tb, f"{days} day(s) apart, same precision", score)
    vague = a if a.precision > b.precision else b
    if _is_context(vague):
        return Check(
            "date", True, ta, tb, f"{days} day(s) apart; the vaguer date is only the report's", score - 0.2
        )
    return Check(
        "date", False, ta, tb, "a week or month date names no day (ACLED codes each day as its own event)"
    )


def _base_name(p: Place) -> str:
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
    if _base_name(a) == _base_name(b):
        return Check("place", True, ta, tb, f"same place name ({km:.1f} km)", 0.5)
    if km <= SAME_KM:
        return Check("place", True, ta, tb, f"{km:.1f} km apart (<= {SAME_KM:g} km)", 0.4)
    loose = max(a.geo_precision, b.geo_precision) >= 2
    if loose and km <= NEAR_KM:
        return Check("place", True, ta, tb, f"{km:.1f} km apart, one is 'near' (<= {NEAR_KM:g} km)", 0.2)
    limit = NEAR_KM if loose else SAME_KM
    return Check("place", False, ta, tb, f"{km:.1f} km apart (more than {limit:g} km)")


def _is_placeholder(a: Actor) -> bool:
    return a.name.startswith("Unidentified ")


def _slot(x: Actor | None, y: Actor | None) -> float | None:
    """Score one actor slot: None when the two actors differ."""
    if x is None or y is None:
        return 0.0
    if x.name == y.name:
        return 0.15
    if _is_placeholder(x) or _is_placeholder(y):
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
    checks = [
        Check(
            "event_type",
            event.event_type is other.event_type,
            event.sub_event_type.value,
            other.sub_event_type.value,
            "same event type" if event.event_type is other.event_type else "different event types",
            0.2 if event.sub_event_type is other.sub_event_type else 0.0,
        ),
        _check_dates(event.date, other.date, copies),
        _check_places(event.place, other.place, copies),
        _check_actors(event, other),
    ]
    if same_report is not None:
        checks.append(Check("report", True, "", "", f"copies of one report (Jaccard {same_report:.2f})", 1.0))
    elif checks[1].ok and _days_apart(event, other) and not _tied(event, other):
        checks[1] = replace(
            checks[1],
            ok=False,
            why="a day apart, with nothing but the type, place and unnamed sides to tie them (ACLED codes "
            "each day as its own event)",
            score=0.0,
        )
    return Comparison(event.event_id, other.event_id, tuple(checks))


# Actor types that name a kind of people, not a party: rioters, protesters, civilians.
_CROWDS = frozenset({5, 6, 7})


def _days_apart(a: Event, b: Event) -> bool:
    return a.date is not None and b.date is not None and a.date.date != b.date.date


def _tied(a: Event, b: Event) -> bool:
    """Whether two reports' events a day apart share a detail that makes them one incident told with a
    day's disagreement: the same death toll, or both sides named alike as parties (not an unidentified
    group, not civilians or protesters; in either order but for violence against civilians, as
    `_check_actors` reads them). Unidentified gunmen shooting a man in one town on two consecutive days
    are two events."""
    if a.fatalities == b.fatalities > 0:
        return True
    sides = (a.actor1, a.actor2, b.actor1, b.actor2)
    if any(x is None or _is_placeholder(x) or x.inter in _CROWDS for x in sides):
        return False
    ours, theirs = _pair_text(a.actor1, a.actor2), _pair_text(b.actor1, b.actor2)
    swapped = _pair_text(b.actor2, b.actor1)
    return ours == theirs or (a.event_type is not EventType.VIOLENCE_AGAINST_CIVILIANS and ours == swapped)


# --- one group, one event ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Member:
    """A member event of a group, with its document and its independent source (copies share one)."""

    event: Event
    document_id: str
    source: str  # the first document of its copy cluster: copies of one report count once


@dataclass(frozen=True)
class FatalityRange:
    """The event's fatality figure and the spread of what its independent sources report."""

    chosen: int  # ACLED's figure: the lowest, unless two independent sources agree on one
    low: int  # min, median and max of the per-source figures (0 when no source reports deaths)
    best: int
    high: int
    per_source: tuple[tuple[str, int], ...]  # (independent source: its first document, its figure)
    rule: str

    def to_json(self) -> dict[str, object]:
        return {
            "chosen": self.chosen, "low": self.low, "best": self.best, "high": self.high, "rule": self.rule,
            "per_source": [{"document_id": d, "fatalities": n} for d, n in self.per_source],
        }  # fmt: skip


@dataclass(frozen=True)
class CorroboratedEvent:
    """A group's corroborated event, its fatality range and its members."""

    event: Event
    fatality_range: FatalityRange
    members: tuple[Member, ...]

    @property
    def documents(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(m.document_id for m in self.members))

    @property
    def independent_sources(self) -> int:
        return len({m.source for m in self.members})


def choose_fatality_range(members: Sequence[Member]) -> FatalityRange:
    """Choose the event's figure under ACLED's rules from each independent source's own figure.

    A source's figure is its event's (already the lowest of its competing claims); copies of one report
    count once (their lowest). Across sources the lowest figure is recorded "until a corroborated one
    appears": a figure that two independent sources report wins over lower, single-source ones. Sources
    that mention no deaths are not claims of zero and do not compete.
    """
    figures: dict[str, int] = {}
    for m in members:
        if m.event.fatality_claims or m.event.fatalities:
            figures[m.source] = min(figures.get(m.source, m.event.fatalities), m.event.fatalities)
    if not figures:
        return FatalityRange(0, 0, 0, 0, (), "no source reports deaths")
    values = sorted(figures.values())
    corroborated = sorted({v for v in values if values.count(v) >= 2})
    if len(figures) == 1:
        chosen, rule = values[0], "one source reports deaths"
    elif corroborated:
        chosen, rule = (
            corroborated[0],
            f"{corroborated[0]} is reported by {values.count(corroborated[0])} sources",
        )
    else:
        chosen, rule = values[0], f"lowest of {len(values)} conflicting figures"
    return FatalityRange(
        chosen, values[0], int(statistics.median_low(values)), values[-1], tuple(figures.items()), rule
    )


def _date_key(d: DatePoint, votes: Mapping[dt.date, int]) -> tuple[int, bool, int, int]:
    return (int(d.precision), _is_context(d), -votes.get(d.date, 0), d.date.toordinal())


def _aligned(
    pair: tuple[Actor | None, Actor | None], other: tuple[Actor | None, Actor | None], fixed: bool
) -> tuple[Actor | None, Actor | None]:
    """`other` in `pair`'s order (when order is free): the orientation where named actors agree."""
    if fixed:
        return other
    straight = sum(1 for x, y in zip(pair, other, strict=True) if x and y and x.name == y.name)
    crossed = sum(1 for x, y in zip(pair, other[::-1], strict=True) if x and y and x.name == y.name)
    return (other[1], other[0]) if crossed > straight else other


def _actors(lead: Event, ordered: Sequence[Event]) -> tuple[Actor | None, Actor | None]:
    fixed = lead.event_type is EventType.VIOLENCE_AGAINST_CIVILIANS
    a1, a2 = lead.actor1, lead.actor2
    for e in ordered:
        o1, o2 = _aligned((a1, a2), (e.actor1, e.actor2), fixed)
        names = {a.name for a in (a1, a2) if a}
        if a1 is None and o1 is not None and o1.name not in names:
            a1 = o1
            names.add(o1.name)
        if a2 is None and o2 is not None and o2.name not in names:
            a2 = o2
    return a1, a2


def _unique(items: Iterable[str], exclude: Iterable[str]) -> tuple[str, ...]:
    skip = set(exclude)
    return tuple(x for x in dict.fromkeys(items) if x not in skip)


def _one_per_document(events: Iterable[Event]) -> tuple[Source, ...]:
    """One source per reporting document: its first sentence about the event (the others stay in the
    evidence and notes)."""
    first: dict[str, Source] = {}
    for e in events:
        for s in e.sources:
            if s.document_id not in first or s.start < first[s.document_id].start:
                first[s.document_id] = s
    return tuple(first.values())


def build_corroborated(group_id: str, members: Sequence[Member]) -> CorroboratedEvent:
    """Make a group's corroborated event: highest-ranked type, most precise date and place, the most
    confident report's actors (gaps filled from the others), one source per document, and ACLED's
    fatality figure.

    A group of one event gives that event back with the group's id and one source per document.
    """
    if not members:
        raise ValueError(f"group {group_id} has no members")
    fatality_range = choose_fatality_range(members)
    events = [m.event for m in members]
    sources = _one_per_document(events)
    if len(members) == 1:
        event = replace(events[0], event_id=group_id, sources=sources)
        return CorroboratedEvent(event, fatality_range, tuple(members))
    day_sources: dict[dt.date, set[str]] = {}
    place_sources: dict[str, set[str]] = {}
    for m in members:
        if m.event.date is not None:
            day_sources.setdefault(m.event.date.date, set()).add(m.source)
        if m.event.place is not None:
            place_sources.setdefault(_base_name(m.event.place), set()).add(m.source)
    votes = {k: len(v) for k, v in day_sources.items()}
    # The lead report: the highest-ranked type, the most precise own date, the most confident.
    lead = min(
        events,
        key=lambda e: (
            e.sub_event_type.rank,
            _date_key(e.date, votes) if e.date else (9, True, 0, 0),
            -e.confidence,
            -len(e.notes),
        ),
    )
    dates = [e.date for e in events if e.date is not None]
    date = min(dates, key=lambda d: _date_key(d, votes)) if dates else None
    places = [e.place for e in events if e.place is not None]
    place = (
        min(places, key=lambda p: (p.geo_precision, -len(place_sources[_base_name(p)]))) if places else None
    )
    by_confidence = sorted(events, key=lambda e: -e.confidence)
    actor1, actor2 = _actors(lead, by_confidence)
    claims: list[FatalityClaim] = []
    for e in events:
        claims.extend(c for c in e.fatality_claims if c not in claims)
    names = [a.name for a in (actor1, actor2) if a]
    flags = []
    for flag in dict.fromkeys(f for e in events for f in e.flags):
        if (
            (flag == "no-location" and place is not None)
            or (flag == "date-unresolved" and date is not None)
            or (flag == "date-from-context" and (date is None or not _is_context(date)))
            or (flag == "background" and (date is None or not date.is_background))
        ):
            continue
        flags.append(flag)
    event = Event(
        event_id=group_id,
        sub_event_type=lead.sub_event_type,
        date=date,
        actor1=actor1,
        actor2=actor2,
        place=place,
        fatalities=fatality_range.chosen,
        notes=lead.notes,
        sources=sources,
        assoc_actor_1=_unique((a for e in events for a in e.assoc_actor_1), names),
        assoc_actor_2=_unique((a for e in events for a in e.assoc_actor_2), names),
        fatality_claims=tuple(claims),
        evidence=tuple(ev for e in events for ev in e.evidence),
        confidence=max(e.confidence for e in events),
        flags=tuple(flags),
    )
    return CorroboratedEvent(event, fatality_range, tuple(members))
