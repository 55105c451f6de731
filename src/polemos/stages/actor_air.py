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
from polemos.model import Actor
from polemos.stages.actor_labels import Label
from polemos.stages.actor_naming import ActorMention, period_actor
from polemos.stages.actor_owners import MILITARY_AIRCRAFT, aircraft_owner, ascribed_state
from polemos.stages.actor_scan import Named, Scan

__all__ = ["air_power", "campaign_target", "war_party"]


class _Resolving(Protocol):
    """What the document's resolver offers: actors from entries, mentions, and state labels read."""

    def actor(self, entry: ActorEntry) -> Actor: ...

    def mention(
        self, item: Named | Label, actor: Actor, rule: str, conf: float, generic: bool
    ) -> ActorMention: ...

    def state(self, label: Label) -> ActorMention | None: ...


def air_power(scan: Scan, resolver: _Resolving, position: int) -> ActorMention | None:
    """Resolve the unnamed perpetrator of an air strike: only states (and a few foreign forces) fly, so
    "airstrikes hit X" is resolved as "warplanes" would be, not as an unidentified armed group; but
    aircraft the report gives an owner ("aircraft thought to belong to Misratan forces", "an LNA MiG-21
    plane") are the owner's, whoever flies there most, and strikes the report ascribes to a state
    ("airstrikes (presumably Egyptian)") that state's. A sentence that only goes on about the aircraft
    of the sentence before ("A MiG crashed. It had been launching a strike ...") reads that sentence's."""
    s_start, s_end = scan.sentence(position)
    labels = _aerial_labels(scan, s_start, s_end)
    i = scan.sentence_index(position)
    if not labels and i > 0 and _IT_GOES_ON.match(scan.text, s_start):
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
    found = resolver.state(labels[0])
    return None if found is None else dataclasses.replace(found, rule=f"aerial:{found.rule}")


# A sentence whose subject is "it", going on about what the sentence before told of ("It had been ...")
_IT_GOES_ON = re.compile(r"[\"'“‘(]?It\s")


def _aerial_labels(scan: Scan, s_start: int, s_end: int) -> list[Label]:
    """The aircraft and air strikes a sentence names, as labels of a state's forces."""
    sentence = scan.text[s_start:s_end]
    # "anti-aircraft guns" fight on the ground
    hits = [h for h in scan.kb.aerial_index.find(sentence) if not sentence[: h.start].endswith("anti-")]
    spans = [(h.start, h.end) for h in hits]
    models = MILITARY_AIRCRAFT.finditer(sentence)
    spans += [m.span() for m in models if not any(s < m.end() and m.start() < e for s, e in spans)]
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
