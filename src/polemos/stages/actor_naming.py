"""The actor mention record of the actors stage, and the naming rules applied to a document's finished
mentions: the name ACLED used in the report's period, and a force's one named unit."""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from polemos.knowledge.actors import ActorEntry, ActorKB
from polemos.knowledge.countries import Country
from polemos.model import Actor
from polemos.stages.aggregate import unnamed_actor1
from polemos.taxonomy import EventType


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


# "former" or "ex-" written right before a mention: its men have left the group ("an ex-rebel group")
_FORMER = re.compile(r"\b(?:former|ex)\s*-?\s*$", re.IGNORECASE)
_FORMER_RULE = "->former members"
# a capitalised word right after the mention: it qualifies the name that follows, no doer of its own
_BEFORE_NAME = re.compile(r"\s+[A-Z]")


def named_for_period(
    kb: ActorKB,
    m: ActorMention,
    year: int | None,
    month: int | None,
    day: int | None = None,
    text: str = "",
) -> ActorMention:
    """Write the actor under the name ACLED used for events of `year`/`month`/`day` (names change: the LNA
    was "Military Forces of Libya (2014-)" before ACLED named it the Haftar Faction); `text` is the
    document the mention's offsets point into.

    Where a non-state group has become the state's forces (rebels whose government was recognised),
    the men a report calls its "former" or "ex-" members are no longer the group, nor so the state: armed
    men of their own, ACLED's unidentified armed group of the country. A group that kept its name
    ("former M23 rebels") has no state name in the period and stays itself."""
    entry = kb.entry(m.actor.name)
    name = entry.name_in(year, month, day) if entry is not None else m.actor.name
    if name == m.actor.name:
        return m
    written = period_actor(kb, m.actor, name)
    if (
        written.inter == 1
        and m.actor.inter in (2, 3)
        and _FORMER.search(text[max(0, m.start - 12) : m.start])
        and not _BEFORE_NAME.match(text, m.end)  # "the former rebel Zintan militia": that militia's past
    ):
        own = unnamed_actor1(EventType.BATTLES, m.actor.country)
        if own is not None:
            return dataclasses.replace(m, actor=own, rule=f"{m.rule}{_FORMER_RULE}", category="armed")
    return dataclasses.replace(m, actor=written)


def named_in_period(
    kb: ActorKB,
    mentions: list[ActorMention],
    year: int | None,
    month: int | None,
    day: int | None,
    text: str,
) -> list[ActorMention]:
    """Write a document's mentions (in text order) under their period names (see named_for_period); a
    pronoun that refers back to a group's former members ("ex-rebels stormed a hotel ... they then
    looted it") is those men too, until the report names the group itself again."""
    out: list[ActorMention] = []
    former: dict[str, Actor] = {}
    for m in mentions:
        named = named_for_period(kb, m, year, month, day, text)
        if named.rule.endswith(_FORMER_RULE):
            former[m.actor.name] = named.actor
        elif m.rule.startswith("coref:") and m.actor.name in former:
            actor = former[m.actor.name]
            named = dataclasses.replace(m, actor=actor, rule=f"{m.rule}{_FORMER_RULE}", category="armed")
        elif not m.rule.startswith("coref:"):
            former.pop(m.actor.name, None)
        out.append(named)
    return out


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
