"""Who an air strike's unnamed perpetrator is (the "resolve actors" stage): only states and a few foreign
forces fly, so "airstrikes hit X" reads as "warplanes" would, and aircraft a report gives an owner are the
owner's.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping
from typing import Protocol

from polemos.knowledge.actors import ActorEntry
from polemos.knowledge.countries import Country
from polemos.model import Actor
from polemos.stages.actor_labels import Label
from polemos.stages.actor_naming import ActorMention, period_actor
from polemos.stages.actor_owners import MILITARY_AIRCRAFT, aircraft_owner, ascribed_state
from polemos.stages.actor_scan import Named, Scan
from polemos.stages.actor_unknown import UNKNOWN_CRAFT

__all__ = ["air_power", "campaign_target", "war_party"]


class _Resolving(Protocol):
    """What the document's resolver offers: actors from entries, mentions, and state labels read."""

    def actor(self, entry: ActorEntry) -> Actor: ...

    def mention(
        self, item: Named | Label, actor: Actor, rule: str, conf: float, generic: bool
    ) -> ActorMention: ...

    def state(self, label: Label) -> ActorMention | None: ...

    def template(self, kind: str, country: Country | None) -> Actor | None: ...


def air_power(scan: Scan, resolver: _Resolving, position: int) -> ActorMention | None:
    """Resolve the unnamed perpetrator of an air strike: only states (and a few foreign forces) fly, so
    "airstrikes hit X" is resolved as "warplanes" would be, not as an unidentified armed group; but
    aircraft the report gives an owner ("aircraft thought to belong to Misratan forces", "an LNA MiG-21
    plane") are the owner's, whoever flies there most, and strikes the report ascribes to a state
    ("airstrikes (presumably Egyptian)") that state's; aircraft it calls unknown, or a strike no one
    claimed, an unidentified armed group's. Bombs dropped are an air strike's ("dropped 90
    bombs"). A sentence that only goes on about the aircraft of the sentence before ("A MiG crashed. It
    had been launching a strike ...", "Bombers flew over the port. Ten were killed in the blasts") reads
    that sentence's."""
    s_start, s_end = scan.sentence(position)
    labels = _aerial_labels(scan, s_start, s_end)
    i = scan.sentence_index(position)
    if not labels and i > 0 and _goes_on(scan.text, s_start, s_end):
        labels = _aerial_labels(scan, *scan.sentences[i - 1])
    if not labels:
        return None
    for label in labels:
        owned = scan.attachment(label.start, label.end)
        if owned is not None and owned[1] not in ("in-name", "before-name"):
            n, how = owned
            rule = f"aerial:owner:{how} {n.key}"
            return resolver.mention(label, resolver.actor(n.entry), rule, 0.7, True)
        if (owner := aircraft_owner(scan, label.start)) is not None:
            rule = f"aerial:owner:before {owner.key}"
            return resolver.mention(label, resolver.actor(owner.entry), rule, 0.7, True)
        if (state := ascribed_state(scan.text, label.end)) is not None:
            found = resolver.state(dataclasses.replace(label, country=state))
            if found is not None:
                return dataclasses.replace(found, rule=f"aerial:ascribed:{found.rule}")
    if UNKNOWN_CRAFT.search(scan.text) or _UNCLAIMED.search(scan.text):
        # aircraft the report calls unknown, or a strike it says no one claimed, with no owner or state told:
        # no air power's by default, though only states fly (ACLED's unidentified perpetrator)
        unknown = resolver.template("unidentified_armed_group", None)
        return (
            None
            if unknown is None
            else resolver.mention(labels[0], unknown, "aerial:unidentified", 0.5, True)
        )
    if not scan.kb.aerial_index.find(labels[0].text) and (air := _air_default(scan)) is not None:
        # a craft's model ("F-16s") or bombs dropped: no word a state label's reading takes for an air
        # strike, yet one; the period's air power, as "airstrikes" would read (the camp's army otherwise)
        return resolver.mention(labels[0], resolver.actor(air), f"aerial:default:air {air.name}", 0.6, True)
    found = resolver.state(labels[0])
    return None if found is None else dataclasses.replace(found, rule=f"aerial:{found.rule}")


def _air_default(scan: Scan) -> ActorEntry | None:
    iso2 = scan.country.iso2 if scan.country else None
    return scan.kb.default_reading(iso2, scan.year, "air", scan.month, scan.day)


# A sentence whose subject is "it", going on about what the sentence before told of ("It had been ...")
_IT_GOES_ON = re.compile(r"[\"'“‘(]?It\s")
# A sentence that names the strikes told before as known ("... killed in the blasts", "the raids hit"):
# the deeds of the aircraft the sentence before named ("Six bombers flew over the port. ... were killed as
# a result of the blasts")
_TOLD_BEFORE = re.compile(
    r"\b(?:the|these|those)\s+(?:blasts?|explosions?|strikes?|air\s?strikes?|raids?|air\s?raids?|bombings?"
    r"|bombardments?|bombs|missiles)\b",
    re.IGNORECASE,
)
# A strike the report says no one claimed ("The attack was unclaimed", "no one has claimed the raid");
# aircraft it calls unknown are actor_unknown's UNKNOWN_CRAFT
_UNCLAIMED = re.compile(
    r"\b(?:was|were|went|remains?|is|are)\s+unclaimed\b|\bno\s+(?:one|group)\s+(?:has\s+)?claimed\b"
)
# Bombs dropped fall from aircraft: "has dropped 240 smart bombs over the country"
_DROPPED_BOMBS = re.compile(r"\b(?:air-?)?dropp(?:ed|ing)\s+(?:[\w-]+\s+){0,3}?bombs?\b", re.IGNORECASE)


def _goes_on(text: str, s_start: int, s_end: int) -> bool:
    """Whether the sentence at `s_start`..`s_end` only goes on about the strikes of the sentence before."""
    return (
        _IT_GOES_ON.match(text, s_start) is not None or _TOLD_BEFORE.search(text, s_start, s_end) is not None
    )


def _aerial_labels(scan: Scan, s_start: int, s_end: int) -> list[Label]:
    """The aircraft and air strikes a sentence names, as labels of a state's forces."""
    sentence = scan.text[s_start:s_end]
    # "anti-aircraft guns" fight on the ground
    hits = [h for h in scan.kb.aerial_index.find(sentence) if not sentence[: h.start].endswith("anti-")]
    spans = [(h.start, h.end) for h in hits]
    models = MILITARY_AIRCRAFT.finditer(sentence)
    spans += [m.span() for m in models if not any(s < m.end() and m.start() < e for s, e in spans)]
    dropped = _DROPPED_BOMBS.finditer(sentence)
    spans += [m.span() for m in dropped if not any(s < m.end() and m.start() < e for s, e in spans)]
    return [Label(s_start + s, s_start + e, sentence[s:e], "state", sentence[s:e]) for s, e in sorted(spans)]


def war_party(scan: Scan, unnamed: ActorMention, categories: Mapping[int, str]) -> ActorMention | None:
    """Resolve an unnamed perpetrator by the knowledge base's default for the country and period, where
    one side of a war did nearly all the unattributed violence (Gaddafi's forces in 2011); `categories`
    gives the mention category of each actor type."""
    iso2 = scan.country.iso2 if scan.country else None
    entry = scan.kb.default_reading(iso2, scan.year, "unnamed", scan.month, scan.day)
    if entry is None:
        return None
    actor = Actor(entry.name, entry.inter, entry.country)
    rule = f"default:unnamed {iso2} {scan.year}"
    return dataclasses.replace(
        unnamed, actor=actor, rule=rule, confidence=0.4, category=categories[actor.inter]
    )


def campaign_target(scan: Scan, striker: Actor) -> Actor | None:
    """The side an air campaign struck where the report names no target ("NATO strikes hit two tanks"):
    where the knowledge base says whom the period's air power (its `air` default) flew against (its
    `struck` default: NATO's 2011 campaign, Gaddafi's forces), and `striker` is that air power or a foreign
    state's forces; else None. The states that flew an international campaign struck the same side under
    their own flags: before the alliance took command (the coalition's first strikes) and in their own
    announcements after ("RAF Tornados struck a depot")."""
    iso2 = scan.country.iso2 if scan.country else None
    when = (scan.year, scan.month, scan.day)
    air = scan.kb.default_reading(iso2, scan.year, "air", scan.month, scan.day)
    if air is None:
        return None
    foreign = striker.inter == 8 and striker.country not in (None, iso2)
    if not foreign and striker.name not in (air.name, air.name_in(*when)):
        return None
    entry = scan.kb.default_reading(iso2, scan.year, "struck", scan.month, scan.day)
    if entry is None:
        return None
    return period_actor(scan.kb, Actor(entry.name, entry.inter, entry.country), entry.name_in(*when))
