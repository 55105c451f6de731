"""Read an event's unnamed side by where it happened (the "resolve actors" stage, asked by the extract
stage once the event's place is known): in a city or region whose war one group fought, the "militants"
a report names no further, or the unnamed perpetrator of an attack, are that group where the knowledge
base's `defaults` say so (Benghazi's militants from 2014 to 2017 were its Revolutionaries Shura Council).
"""

from __future__ import annotations

import dataclasses

from polemos.knowledge.actor_defaults import PLACED_CLASSES, place_names
from polemos.knowledge.actors import ActorKB
from polemos.knowledge.countries import load_countries
from polemos.model import Actor, Place
from polemos.stages.actor_naming import ActorMention, named_for_period
from polemos.stages.arguments import ActorMentionLike

__all__ = ["at_place"]

_UNIDENTIFIED = "Unidentified Armed Group"


def at_place(
    kb: ActorKB,
    m: ActorMentionLike,
    place: Place | None,
    label_class: str,
    when: tuple[int | None, int | None, int | None],
) -> ActorMentionLike:
    """Return `m` read at the event's `place` on `when` (year, month, day) for `label_class`: the
    place's default actor where `m` is an unidentified armed group of that class (for "militants", its
    words a militants label: "unidentified gunmen" stay unidentified), else `m` itself."""
    if place is None or label_class not in PLACED_CLASSES or not isinstance(m, ActorMention):
        return m
    if not m.actor.name.startswith(_UNIDENTIFIED):
        return m
    if label_class == "militants" and not _militant_words(kb, m.text):
        return m
    year, month, day = when
    names = place_names(place.name, place.admin1, place.admin2)
    country = load_countries().get(place.country)  # a place's country is written by name or ISO2 code
    iso2 = country.iso2 if country is not None else None
    entry = kb.default_reading(iso2, year, label_class, month, day, names)
    if entry is None:
        return m
    actor = Actor(entry.name, entry.inter, entry.country)
    rule = f"default:{label_class} at {place.name} ({m.rule})"
    placed = dataclasses.replace(m, actor=actor, rule=rule, confidence=round(m.confidence * 0.9, 3))
    return named_for_period(kb, placed, year, month, day)


def _militant_words(kb: ActorKB, text: str) -> bool:
    """Whether the words of a mention are a hostile label for a non-state group ("militants", "Islamist
    fighters"), not a neutral or explicitly unidentified one ("unknown gunmen")."""
    found = kb.label_index.find(text)
    return any("hostile_extremist" in f.values for f in found) and not any(
        "unidentified" in f.values for f in found
    )
