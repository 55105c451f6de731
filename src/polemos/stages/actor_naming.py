"""The actor mention record of the actors stage, and the naming rules applied to a document's finished
mentions: the name ACLED used in the report's period, and a force's one named unit."""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from polemos.knowledge.actors import ActorEntry, ActorKB
from polemos.knowledge.countries import Country
from polemos.model import Actor


@dataclass(frozen=True)
class ActorMention:
    """An actor mention resolved to a canonical actor, with the rule that decided it."""

    start: int
    end: int
    text: str
    actor: Actor
    rule: str
    confidence: float
    is_generic: bool
    category: str  # "state" | "armed" | "civilian" | "protester" | "rioter" | "external"


def named_for_period(
    kb: ActorKB, m: ActorMention, year: int | None, month: int | None, day: int | None = None
) -> ActorMention:
    """Write the actor under the name ACLED used for events of `year`/`month`/`day` (names change: the LNA
    was "Military Forces of Libya (2014-)" before ACLED named it the Haftar Faction)."""
    entry = kb.entry(m.actor.name)
    name = entry.name_in(year, month, day) if entry is not None else m.actor.name
    if name == m.actor.name:
        return m
    return dataclasses.replace(m, actor=period_actor(kb, m.actor, name))


def period_actor(kb: ActorKB, actor: Actor, name: str) -> Actor:
    """Return `actor` written under its period name, with the actor type that name has where the knowledge
    base holds it (Gaddafi's forces written "Militia (Pro-Government)" are a militia, inter 3); a force
    acting abroad stays external (8)."""
    written = kb.entry(name)
    inter = written.inter if written is not None and actor.inter != 8 else actor.inter
    return dataclasses.replace(actor, name=name, inter=inter)


def to_named_unit(kb: ActorKB, mentions: list[ActorMention]) -> list[ActorMention]:
    """Give a force's mentions to its unit when the document names exactly one unit of it.

    ACLED codes the most specific actor a report supports: a report on the LNA's Saiqa forces codes the
    Saiqa unit even where a sentence says "the LNA". Only units named "<force> - <unit>" count, not a
    force's political wing or regional branches.
    """
    units: dict[str, set[str]] = {}
    for m in mentions:
        entry = kb.entry(m.actor.name)
        if (
            entry is not None
            and entry.parent
            and not m.is_generic
            and entry.name.startswith(entry.parent + " - ")
        ):
            units.setdefault(entry.parent, set()).add(entry.name)
    only = {parent: next(iter(names)) for parent, names in units.items() if len(names) == 1}
    if not only:
        return mentions
    out = []
    for m in mentions:
        unit = kb.entry(only[m.actor.name]) if m.actor.name in only else None
        if unit is None:
            out.append(m)
            continue
        actor = dataclasses.replace(m.actor, name=unit.name)
        out.append(dataclasses.replace(m, actor=actor, rule=f"{m.rule}->unit named in document"))
    return out


_MISSION = " Mission in "
_AIR = re.compile(r"\bair\s*forces?\b", re.IGNORECASE)


def mission_contingent(
    kb: ActorKB, force: Country, here: str | None, year: int | None, text: str = ""
) -> ActorEntry | None:
    """Return the contingent a country's troops (named `text`) form in a mission serving the report's
    country in `year` ("AMISOM: African Union Mission in Somalia (2007-) (Kenya)": Kenyan troops in
    Somalia), where the knowledge base names one, else None: ACLED codes a contributing country's forces
    by their mission, but its air force, which strikes on its own orders ("Kenyan jets"), by the state, and
    a contingent marked `named_only` (its army also fights there on its own) only through its aliases."""
    if here is None or force.iso2 == here:
        return None
    if _AIR.search(text) or kb.aerial_index.find(text):
        return None
    suffix = f" ({force.name})"
    found = (e for e in kb.entries if e.country == here and e.inter == 8 and e.name.endswith(suffix))
    entry = next((e for e in found if _MISSION in e.name and e.is_valid(year)), None)
    return None if entry is None or entry.named_only else entry
