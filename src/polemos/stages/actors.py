"""Resolve every actor mention of a document to an ACLED actor, reading ambiguous labels through the framing.

The "resolve actors" stage: DocumentActors.build scans a document once (polemos.stages.actor_scan), scores
which camp it speaks for (polemos.stages.framing) and resolves names, generic labels ("the army",
"militants", "residents") and pronouns in text order; the extractor then asks for the mentions of a sentence
or resolves a phrase it found by parse.
"""

from __future__ import annotations

import dataclasses

from polemos.knowledge.actors import ActorKB
from polemos.knowledge.countries import load_countries
from polemos.model import Actor, Place
from polemos.stages.actor_air import air_power, campaign_target, war_party
from polemos.stages.actor_clandestine import clandestine
from polemos.stages.actor_labels import Label
from polemos.stages.actor_naming import (
    ActorMention,
    named_for_period,
    named_in_period,
    period_actor,
    to_named_unit,
)
from polemos.stages.actor_places import at_place
from polemos.stages.actor_resolver import CATEGORY, Resolver
from polemos.stages.actor_scan import Named, Scan
from polemos.stages.arguments import ActorMentionLike
from polemos.stages.doc_country import infer_country
from polemos.stages.framing import Framing, FramingCue, score_framing

__all__ = ["ActorMention", "DocumentActors", "Framing", "FramingCue"]


class DocumentActors:
    """The actors of one document: its framing and every resolved actor mention, in text order."""

    def __init__(self, scan: Scan, framing: Framing, mentions: list[ActorMention]) -> None:
        self.text = scan.text
        self.country = scan.country
        self.year = scan.year
        self.framing = framing
        self.mentions = tuple(mentions)
        self._scan = scan

    @classmethod
    def build(
        cls,
        text: str,
        kb: ActorKB,
        *,
        country: str | None,
        year: int | None,
        month: int | None = None,
        day: int | None = None,
    ) -> DocumentActors:
        """Scan a whole document once: its framing, named actors, generic labels and pronouns.

        `month` and `day` (of the report's date) only decide between two regimes of one year in state-force
        names and between the names an actor had within a year (the day: Libya's 2011 names changed when
        the UN seated the NTC on 16 September, and after Gaddafi's death on 20 October).
        """
        countries = load_countries()
        found = countries.get(country) if country else infer_country(text, kb, countries, year)
        scan = Scan(text, kb, countries, found, year, month, day)
        framing = score_framing(scan)
        resolver = Resolver(scan, framing)
        items: list[Named | Label] = sorted([*scan.named, *scan.labels], key=lambda x: (x.start, -x.end))
        for item in items:
            m = resolver.resolve(item)
            if m is not None:
                resolver.history.append(m)
        named = to_named_unit(kb, resolver.history)
        mentions = named_in_period(kb, named, year, month, day, text)
        return cls(scan, framing, mentions)

    def leads_battles(self, actor: Actor) -> bool:
        """Return whether the actor's camp is the one ACLED lists first in the battles of this conflict."""
        month, day = self._scan.month, self._scan.day
        side = self._scan.kb.camp_of(actor.name, self.year, month, day)
        return side is not None and side.leads_in(self.year, month, day)

    def trails_battles(self, actor: Actor) -> bool:
        """Return whether the actor's camp is one ACLED lists second in the battles of this conflict."""
        month, day = self._scan.month, self._scan.day
        side = self._scan.kb.camp_of(actor.name, self.year, month, day)
        return side is not None and side.trails_in(self.year, month, day)

    def knows_camps(self) -> bool:
        """Return whether the knowledge base knows the camps of this document's conflict (and so the
        habits of order its country desk keeps), for the country and year of the report."""
        iso2 = self.country.iso2 if self.country else None
        return bool(iso2) and any(s.country == iso2 for s in self._scan.kb.camps(iso2, self.year))

    def sole_opponent(self, actor: Actor) -> Actor | None:
        """Return the forces of the only camp the actor's camp fights here and now ("rebel forces took the
        town" in 2011: from Gaddafi's forces), or None where it fights several or none."""
        iso2 = self.country.iso2 if self.country else None
        month, day = self._scan.month, self._scan.day
        entry = self._scan.kb.sole_opponent(actor.name, iso2, self.year, month, day) if iso2 else None
        if entry is None:
            return None
        own = Actor(entry.name, entry.inter, entry.country)
        return period_actor(self._scan.kb, own, entry.name_in(self.year, month, day))

    def struck_by(self, striker: Actor) -> Actor | None:
        """The side a strike that names no target hit: the period's air campaign's target, where `striker`
        flew it (see actor_air.campaign_target); and where `striker` is the country's own state forces in
        a war of two camps, the only camp they fight ("Gaddafi forces shelled Misrata" in 2011: the
        rebels who held it), as a battle naming one side is filled (sole_opponent)."""
        hit = campaign_target(self._scan, striker)
        iso2 = self.country.iso2 if self.country else None
        if hit is None and striker.inter == 1 and iso2 is not None and striker.country == iso2:
            hit = self.sole_opponent(striker)
        return hit

    def at_place(self, m: ActorMentionLike, place: Place | None, label_class: str) -> ActorMentionLike:
        """Read an unidentified side by the event's place: see polemos.stages.actor_places."""
        when = (self.year, self._scan.month, self._scan.day)
        return at_place(self._scan.kb, m, place, label_class, when)

    def mentions_in(self, start: int, end: int) -> list[ActorMention]:
        """Return the resolved mentions whose span lies inside text[start:end] (offsets into the document)."""
        return [m for m in self.mentions if start <= m.start and m.end <= end]

    def resolve_phrase(self, phrase: str, position: int) -> ActorMention | None:
        """Resolve a phrase found at a document position (an argument the extractor found by parse)."""
        end = position + len(phrase)
        if self.text[position:end] == phrase:
            inside = [m for m in self.mentions if position <= m.start and m.end <= end]
            inside = inside or [m for m in self.mentions if m.start < end and position < m.end]
            if inside:
                return max(inside, key=lambda m: (m.end - m.start, m.start))
        month, day = self._scan.month, self._scan.day
        sub = Scan(phrase, self._scan.kb, load_countries(), self.country, self.year, month, day)
        resolver = Resolver(self._scan, self.framing, attach=False)
        resolver.history = [m for m in self.mentions if m.start < position]
        best: ActorMention | None = None
        items: list[Named | Label] = sorted([*sub.named, *sub.labels], key=lambda x: x.start)
        for item in items:
            shifted: Named | Label = dataclasses.replace(
                item, start=item.start + position, end=item.end + position
            )
            m = resolver.resolve(shifted)
            if m is not None and (best is None or m.end - m.start >= best.end - best.start):
                best = m
        if best is not None and best.rule.startswith("unidentified:"):
            # a deed done in hiding (a planted bomb, an assassin) is no war party's by default
            s_start, s_end = self._scan.sentence(position)
            hidden = clandestine(self.text[s_start:s_end])
            war = None if hidden else war_party(self._scan, best, CATEGORY)
            best = air_power(self._scan, resolver, position) or war or best
        return (
            None if best is None else named_for_period(self._scan.kb, best, self.year, month, day, self.text)
        )
