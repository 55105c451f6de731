"""Match coded events to gold and count hits: our JSONL gold (per-document events with tolerances) and
ACLED notes exports. Follows the matching protocol of the project's independent scorer
(shared/tools/score_events.py) so that both give the same figures on the same inputs.
"""

from __future__ import annotations

import csv
import datetime as dt
import math
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

Record = Mapping[str, object]

# ACLED's pre-2019 event types -> (event type, sub-event type or None), as in ACLED-CODING.md.
OLD_TYPES: dict[str, tuple[str | None, str | None]] = {
    "battle-no change of territory": ("Battles", "Armed clash"),
    "battle-government regains territory": ("Battles", "Government regains territory"),
    "battle-non-state actor overtakes territory": ("Battles", "Non-state actor overtakes territory"),
    "remote violence": ("Explosions/Remote violence", None),
    "violence against civilians": ("Violence against civilians", None),
    "riots/protests": (None, None),  # Protests or Riots, decided by actor 1
    "strategic development": ("Strategic developments", None),
    "headquarters or base established": ("Strategic developments", "Headquarters or base established"),
    "non-violent transfer of territory": ("Strategic developments", "Non-violent transfer of territory"),
}


def norm(value: object) -> str:
    return " ".join(str(value or "").lower().replace("–", "-").split())


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    r = math.radians
    h = (
        math.sin(r(lat2 - lat1) / 2) ** 2
        + math.cos(r(lat1)) * math.cos(r(lat2)) * math.sin(r(lon2 - lon1) / 2) ** 2
    )
    return 12742 * math.asin(math.sqrt(min(1.0, h)))


def parse_date(value: object) -> dt.date | None:
    s = str(value or "").strip()
    if not s:
        return None
    try:
        return dt.date.fromisoformat(s[:10])
    except ValueError:
        for f in ("%d %B %Y", "%d-%B-%Y", "%d/%m/%Y"):
            try:
                return dt.datetime.strptime(s, f).date()
            except ValueError:
                pass
    return None


def _num(x: object) -> float | None:
    try:
        return float(x)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None


@dataclass
class Score:
    """Counts behind the figures: matched/missed/extra events and per-field hits."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    fields: dict[str, list[int]] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    pairs: list[tuple[str, str]] = field(default_factory=list)  # (gold, system) sub-event type of matches

    def hit(self, name: str, ok: bool) -> None:
        cell = self.fields.setdefault(name, [0, 0])
        cell[0] += int(ok)
        cell[1] += 1

    @property
    def precision(self) -> float:
        return prf(self.tp, self.fp, self.fn)[0]

    @property
    def recall(self) -> float:
        return prf(self.tp, self.fp, self.fn)[1]

    @property
    def f1(self) -> float:
        return prf(self.tp, self.fp, self.fn)[2]

    def accuracy(self, name: str) -> float:
        a, b = self.fields.get(name, [0, 0])
        return a / b if b else 0.0


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    """Precision, recall and F1 from match counts (0.0 where undefined)."""
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _strings(value: object) -> list[str]:
    return [str(v) for v in value] if isinstance(value, list) else []


def actor_ok(gold: Record, event: Record, n: int) -> bool | None:
    """Whether the system's actor n matches gold (name, alternates, prefix, or inter code when unnamed)."""
    name = gold.get(f"actor{n}")
    if gold.get(f"inter{n}") is not None and not name:
        return str(event.get(f"inter{n}", "")).strip() == str(gold[f"inter{n}"])
    if not name:
        return None
    ok = {norm(name)} | {norm(a) for a in _strings(gold.get(f"actor{n}_alt"))}
    got = norm(event.get(f"actor{n}"))
    if got in ok:
        return True
    prefix = gold.get(f"actor{n}_prefix")
    return bool(prefix and got.startswith(norm(prefix)))


def score_document(gold: Sequence[Record], events: Sequence[Record], score: Score, doc: str = "") -> None:
    """Match one document's events to its gold (greedy on a candidate score) and add to `score`."""
    cands: list[tuple[int, int, int]] = []
    for gi, g in enumerate(gold):
        for ei, e in enumerate(events):
            if norm(e.get("event_type")) != norm(g["event_type"]):
                continue
            gd, ed = parse_date(g.get("date")), parse_date(e.get("event_date"))
            if gd and (not ed or abs((gd - ed).days) > int(g["date_tolerance_days"])):  # type: ignore[call-overload]
                continue
            if g.get("latitude") is not None:
                la, lo = _num(e.get("latitude")), _num(e.get("longitude"))
                glat, glon = float(g["latitude"]), float(g["longitude"])  # type: ignore[arg-type]
                if la is None or lo is None or km(glat, glon, la, lo) > float(g["distance_tolerance_km"]):  # type: ignore[arg-type]
                    continue
            sc = 1 + (norm(e.get("sub_event_type")) == norm(g["sub_event_type"])) + bool(actor_ok(g, e, 1))
            cands.append((sc + 2 * bool(g["required"]), gi, ei))
    used_g: set[int] = set()
    used_e: set[int] = set()
    for _, gi, ei in sorted(cands, reverse=True):
        if gi in used_g or ei in used_e:
            continue
        used_g.add(gi)
        used_e.add(ei)
        g, e = gold[gi], events[ei]
        if not g["required"]:
            continue
        score.tp += 1
        score.pairs.append((str(g["sub_event_type"]), str(e.get("sub_event_type"))))
        subs = {norm(g["sub_event_type"])} | {norm(s) for s in _strings(g.get("sub_event_type_alt"))}
        score.hit("sub_event_type", norm(e.get("sub_event_type")) in subs)
        score.hit("sub_event_type exact", norm(e.get("sub_event_type")) == norm(g["sub_event_type"]))
        for n in (1, 2):
            ok = actor_ok(g, e, n)
            if ok is not None:
                score.hit(f"actor{n}", ok)
                if not ok:
                    score.errors.append(
                        f"{g['id']}: actor{n} {e.get(f'actor{n}')!r} != {g.get(f'actor{n}')!r}"
                    )
        if g.get("fatalities") is not None:
            fa = _num(e.get("fatalities")) or 0
            score.hit("fatalities", fa == g["fatalities"] or fa in (g.get("fatalities_alt") or []))  # type: ignore[operator]
        score.hit("date exact", parse_date(e.get("event_date")) == parse_date(g.get("date")))
    for gi, g in enumerate(gold):
        if g["required"] and gi not in used_g:
            score.fn += 1
            score.errors.append(
                f"missed {g['id']}: {g['event_type']}/{g['sub_event_type']} {g['date']} {g.get('location')}"
            )
    for ei, e in enumerate(events):
        if ei not in used_e:
            score.fp += 1
            score.errors.append(
                f"extra {doc}: {e.get('event_type')}/{e.get('sub_event_type')} {e.get('event_date')} "
                f"{e.get('location')} | {e.get('actor1')} v {e.get('actor2')}"
            )


def acled_gold(path: Path) -> list[dict[str, object]]:
    """Read an ACLED export (old or new layout) into gold rows with the old taxonomy mapped to the new."""
    with path.open(newline="", encoding="utf-8", errors="replace") as fh:
        rows = [{k.lower(): v for k, v in r.items()} for r in csv.DictReader(fh)]
    out: list[dict[str, object]] = []
    for r in rows:
        et, st = r.get("event_type"), r.get("sub_event_type")
        if not st:
            et, st = OLD_TYPES.get(norm(et), (et, None))
            if et is None:
                et = "Riots" if norm(r.get("actor1")).startswith("rioters") else "Protests"
        out.append(
            {
                "id": r.get("event_id_cnty"), "text": r.get("notes", ""), "event_type": et,
                "sub_event_type": st, "date": parse_date(r.get("event_date")), "lat": _num(r.get("latitude")),
                "lon": _num(r.get("longitude")), "geo_precision": r.get("geo_precision"),
                "location": r.get("location"), "fatalities": _num(r.get("fatalities")),
                "actor1": r.get("actor1"), "inter1": r.get("inter1"), "actor2": r.get("actor2"),
                "inter2": r.get("inter2"),
            }
        )  # fmt: skip
    return out


def best_event(gold: Mapping[str, object], events: Sequence[Record]) -> Record | None:
    """The system event compared with a note's gold: the one that best matches its type and sub-type."""
    if not events:
        return None
    return max(
        events,
        key=lambda e: (
            norm(e.get("event_type")) == norm(gold["event_type"]),
            norm(e.get("sub_event_type")) == norm(gold["sub_event_type"]),
        ),
    )


def score_notes(
    gold: Sequence[Mapping[str, object]], events_by_doc: Mapping[str, Sequence[Record]]
) -> Counter[str]:
    """Per-note accuracy counts: for each note, the system event that best matches its type is compared.

    Returns a Counter with `<field>` hits and `<field>/n` totals. actor2/inter2 are extra to the
    independent scorer's fields; the others are computed as it computes them.
    """
    c: Counter[str] = Counter()
    for g in gold:
        c["notes/n"] += 1
        best = best_event(g, events_by_doc.get(str(g["id"]), []))
        if best is None:
            continue
        c["notes"] += 1
        for name, ok in note_checks(g, best).items():
            c[f"{name}/n"] += 1
            c[name] += ok
    return c


def note_checks(g: Mapping[str, object], best: Record) -> dict[str, bool]:
    """Each field the gold note codes, and whether `best` has it right (fields the note leaves
    uncoded, such as a place without coordinates, are left out)."""
    checks = {"event_type": norm(best.get("event_type")) == norm(g["event_type"])}
    if g["sub_event_type"]:
        checks["sub_event_type"] = norm(best.get("sub_event_type")) == norm(g["sub_event_type"])
    if g["lat"] is not None and g["geo_precision"] in ("1", "2"):
        la, lo = _num(best.get("latitude")), _num(best.get("longitude"))
        glat, glon = float(g["lat"]), float(g["lon"])  # type: ignore[arg-type]
        checks["location<=25km"] = la is not None and lo is not None and km(glat, glon, la, lo) <= 25
    gdate = g["date"]
    if isinstance(gdate, dt.date):
        d = parse_date(best.get("event_date"))
        checks["date+-1d"] = d is not None and abs((d - gdate).days) <= 1
    if g["fatalities"] is not None:
        checks["fatalities"] = (_num(best.get("fatalities")) or 0) == g["fatalities"]
    for n in (1, 2):
        checks[f"actor{n}"] = norm(best.get(f"actor{n}")) == norm(g[f"actor{n}"])
        got = best.get(f"inter{n}")
        checks[f"inter{n}"] = str("" if got is None else got).strip() == str(g[f"inter{n}"] or "").strip()
    # ACLED's codebook gives the order of a battle's two sides no meaning, so a coder that names both sides
    # right in the other order is right about who fought whom: "actor1 any order" counts actor 1 right or
    # both sides right the other way round (the ordered fields above stay the scorer's)
    for stem in ("actor", "inter"):
        swapped = _pair(best, stem) == _pair(g, stem)
        checks[f"{stem}1 any order"] = checks[f"{stem}1"] or swapped
    return checks


def _pair(record: Mapping[str, object], stem: str) -> list[str]:
    """A record's two sides (`actor` names or `inter` codes) in no order; an empty side is ""."""
    sides = (record.get(f"{stem}{n}") for n in (1, 2))
    return sorted(norm("" if side is None else str(side)) for side in sides)
