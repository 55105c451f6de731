"""Read an event's unnamed side by where it happened (the "resolve actors" stage, asked by the extract
stage once the event's place is known): in a city or region whose war one group fought, the "militants"
a report names no further, or the unnamed perpetrator of an attack, are that group where the knowledge
base's `defaults` say so (Benghazi's militants from 2014 to 2017 were its Revolutionaries Shura Council).
So too two sides named above what the place decides: "the army" the report leaves to no camp, where rival
governments each hold part of the country, is the forces of the one that holds the place; an organisation
named above its regional branches ("Daesh" in Libya) is the branch whose province holds the place.
"""

from __future__ import annotations

import dataclasses

from polemos.knowledge.actor_defaults import PLACED_CLASSES, place_names
from polemos.knowledge.actors import ActorKB
from polemos.knowledge.countries import load_countries
from polemos.knowledge.phrases import fold
from polemos.model import Actor, Place
from polemos.stages.actor_naming import ActorMention, named_for_period
from polemos.stages.arguments import ActorMentionLike

__all__ = ["at_place"]

_UNIDENTIFIED = "Unidentified Armed Group"
# The rule of a state label ("the army", "security forces", "the coastguards") whose camp only the
# country's default chose: the report showed no camp (see Resolver.camp_army)
_ARMY_DEFAULT = "default:army "
# The rule of an unnamed perpetrator the country's `unnamed` default chose (see actor_air.war_party)
_WAR_PARTY = "default:unnamed "


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
    if m.rule.startswith(_ARMY_DEFAULT):
        return _army_at(kb, m, place, when)
    if (branch := _branch_at(kb, m, place, when[0])) is not None:
        return branch
    # the country's unnamed perpetrator (actor_air.war_party) is no side of a battle that names neither:
    # the war's `fighting` reading tells its sides, where there is one
    war_party = label_class == "fighting" and m.rule.startswith(_WAR_PARTY)
    if not m.actor.name.startswith(_UNIDENTIFIED) and not war_party:
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


def _army_at(
    kb: ActorKB, m: ActorMention, place: Place, when: tuple[int | None, int | None, int | None]
) -> ActorMentionLike:
    """`m`, a state label the country's default gave to one camp, read at the event's `place`: where
    rival governments each hold part of the country, the state's forces at a place the knowledge base
    gives to the other government are that government's (a coast guard firing on smugglers off a town
    the unity government holds is its force, not its rival's army), else `m` itself."""
    year, month, day = when
    country = load_countries().get(place.country)
    iso2 = country.iso2 if country is not None else None
    names = place_names(place.name, place.admin1, place.admin2)
    entry = kb.default_reading(iso2, year, "army", month, day, names)
    country_wide = kb.default_reading(iso2, year, "army", month, day)
    if entry is None or country_wide is None or entry.name == country_wide.name:
        return m  # the place is no other government's: the country's reading stands
    actor = Actor(entry.name, entry.inter, entry.country)
    rule = f"default:army at {place.name} ({m.rule})"
    placed = dataclasses.replace(m, actor=actor, rule=rule)
    return named_for_period(kb, placed, year, month, day)


def _branch_at(kb: ActorKB, m: ActorMention, place: Place, year: int | None) -> ActorMention | None:
    """`m`, an organisation the report left at the level of its regional branches' parent ("Daesh" in a
    Libyan report whose words name no province), read as the branch whose territory holds the event's
    `place` (Sabratha: the Islamic State's Tripoli province), as ACLED codes a province's attacks; None
    where the organisation has no such branches or none holds the place."""
    names = {fold(n) for n in place_names(place.name, place.admin1, place.admin2)}
    held = [
        c
        for c in kb.children(m.actor.name)
        if c.areas and c.is_valid(year) and names & {fold(a) for a in c.areas}
    ]
    if len(held) != 1:
        return None  # none, or a place two branches claim: the report's own words stand
    branch = held[0]
    actor = Actor(branch.name, branch.inter, branch.country)
    return dataclasses.replace(m, actor=actor, rule=f"{m.rule} -> {branch.name} at {place.name}")
