"""Read one span of a sentence as a place: the gazetteer's entries for its text, ordered by the
document's country focus, trust and kind, with the guards against foreign namesakes and respellings.
A reading depends only on the span's text, so readings are memoized across sentences and documents.
"""

from __future__ import annotations

import re

from polemos.knowledge.gazetteer import Gazetteer, GazetteerEntry, is_trusted_match, normalise_name
from polemos.knowledge.gazetteer_loose import loose_lookup
from polemos.stages.place_context import Mention, distinct
from polemos.stages.place_respell import RESPELT, may_respell

__all__ = ["resolve_span"]

# The shortest alternate name read without a country focus: shorter ones collide too easily.
_LONE_MIN = 5
# The smallest town a loose alternate name is kept for as a runner-up (see `_doubtful`).
_DOUBTFUL_MIN = 20_000
_UPPER = re.compile(r"[A-Z].*[A-Z]")  # two capitals in one word: an acronym ("FAMa", "ABs")


def _rank(entry: GazetteerEntry) -> int:
    if entry.feature_class == "P" or (entry.geonames_id is None and entry.feature_class in "SHTVRL"):
        return 0
    return 2 if entry.feature_class in "AL" else 1


# The same names recur across the sentences and documents of a run ("Kabul", "Tripoli", "Taliban"): a
# span's reading depends only on its own text, the gazetteer, the focus and the flags, so it is memoized.
# Keyed by the gazetteer object and its `revision` (a test double gains entries after use); bounded like
# knowledge/phrases.py's caches, by clearing when full.
_SpanKey = tuple[Gazetteer, int, str, str | None, bool, bool, bool]
_Reading = tuple[GazetteerEntry, tuple[GazetteerEntry, ...], str] | None
_READINGS: dict[_SpanKey, _Reading] = {}
_MAX_READINGS = 1 << 16


def resolve_span(
    text: str,
    start: int,
    end: int,
    gazetteer: Gazetteer,
    focus: str | None,
    *,
    facility_only: bool = False,
    part: bool = False,
    loose: bool = False,
) -> Mention | None:
    """Resolve one span; `part`: it is only part of a capitalised run ("Khwaja" of "Khwaja Hijran");
    `loose`: a whole run no exact name was found in, that may be a respelling of a focus-country place."""
    name = text[start:end]
    key = (gazetteer, getattr(gazetteer, "revision", 0), name, focus, facility_only, part, loose)
    try:
        reading = _READINGS[key]
    except KeyError:
        reading = _read_name(name, gazetteer, focus, facility_only=facility_only, part=part, loose=loose)
        if len(_READINGS) >= _MAX_READINGS:
            _READINGS.clear()
        _READINGS[key] = reading
    except TypeError:  # an unhashable gazetteer (a test double): nothing to key a memo by
        reading = _read_name(name, gazetteer, focus, facility_only=facility_only, part=part, loose=loose)
    if reading is None:
        return None
    # A fresh Mention each time: the context rules amend a mention's fields in place.
    best, others, reason = reading
    return Mention(start, end, best, list(others), reason)


def _doubtful(
    name: str, hits: list[GazetteerEntry], ok: list[GazetteerEntry], focus: str | None, part: bool
) -> list[GazetteerEntry]:
    """Towns a whole run's loose alternate name may stand for, kept as runner-ups where no focus decides
    them: never the reading, but where the report may lie ("Ethiopian police ... in Ambo": Ethiopia's
    Ambo is a GeoNames alternate name, Peru's a main one), and what a province named after it may pick."""
    if focus is not None or part:
        return []
    return [e for e in hits if e not in ok and e.feature_class == "P" and e.population >= _DOUBTFUL_MIN]


def _read_name(
    name: str, gazetteer: Gazetteer, focus: str | None, *, facility_only: bool, part: bool, loose: bool
) -> _Reading:
    hits = gazetteer.lookup(name)
    if facility_only:
        hits = [e for e in hits if e.feature_class == "S"]
    # Acronyms, also in mixed case ("FAMa", "ABs", "IDPs"): only a country alias ("UAE") is a place.
    if name.replace("-", "").isupper() or (" " not in name and len(name) <= 6 and _UPPER.search(name)):
        hits = [e for e in hits if e.feature_code == "PCLI"]
    # A demonym names people, not a place ("Malian magistrates" is no Malyan).
    if gazetteer.country(name) is not None and not any(e.feature_code == "PCLI" for e in hits):
        return None
    respelt = loose and focus is not None and may_respell(name, hits, focus)
    if respelt and focus:
        hits = loose_lookup(gazetteer, name, focus) or hits
        respelt = bool(hits) and hits[0].country_code == focus
    # A loose alternate name is accepted in the focus country, and only for a whole run; in a report
    # with no country yet, where all its readings lie in one country ("Zalingei", listed for Zalinjay).
    lone = focus is None and not part and len(name) >= _LONE_MIN and len({e.country_code for e in hits}) == 1
    ok = [e for e in hits if is_trusted_match(name, e) or (not part and (e.country_code == focus or lone))]
    if not ok:
        return None

    def order(e: GazetteerEntry) -> tuple[bool, bool, bool, int, int]:
        # Focus first; then an exact country name beats small towns sharing it ("Egypt", Ohio).
        out_of_focus = focus is not None and e.country_code != focus
        return (
            out_of_focus,
            e.feature_code != "PCLI",
            not is_trusted_match(name, e),
            _rank(e),
            -e.population,
        )

    ok.sort(key=order)
    best, reason = ok[0], []
    # A report focused on Mexico that names "Madrid" means Spain's capital, not a Mexican village
    # (capitals only: an Afghan "Haidarabad" is not India's Hyderabad).
    famous = [e for e in ok if e.feature_class == "P" and e.population >= max(500_000, 50 * best.population)]
    if focus and best.country_code == focus and famous and is_trusted_match(name, famous[0]):
        capital = gazetteer.country(famous[0].country_code)
        if capital is not None and capital.seat == famous[0].name:
            best = famous[0]
            reason.append("a capital dwarfs its namesake in the focus country")
    others = distinct([e for e in ok if e is not best] + _doubtful(name, hits, ok, focus, part), best)
    # Names collide with foreign places ("Most", CZ; "Marwa" for Maroua, CM): a focused report names
    # only big foreign cities, by their own name ("Haidarabad" is not Pakistan's Hyderabad).
    foreign = focus and best.country_code != focus and best.feature_code != "PCLI"
    if foreign and best.population < (250_000 if " " not in name.strip() else 50_000):
        return None
    if foreign and best.geonames_id is not None and normalise_name(name) != normalise_name(best.name):
        return None
    if focus and best.country_code == focus and any(e.country_code != focus for e in others):
        reason.append(f"country focus {focus}")
    if respelt:
        reason.insert(0, f"{RESPELT} {best.name} in focus country {focus}")
    elif not is_trusted_match(name, best):
        reason.append(
            f"alternate name, same country as focus {focus}" if focus else "alternate name, one country"
        )
    if best.geonames_id is None:
        reason.append("curated" if best.feature_class != "A" else "admin area")
    elif others:
        reason.append(f"population {best.population:,}")
    reason.append(f"{len(others)} runner-up(s)" if others else "only candidate")
    return best, tuple(others), "; ".join(reason)
