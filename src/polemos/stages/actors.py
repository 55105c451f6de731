"""Resolve every actor mention of a document to an ACLED actor, reading ambiguous labels through the framing.

The "resolve actors" stage: DocumentActors.build scans a document once (polemos.stages.actor_scan), scores
which camp it speaks for (polemos.stages.framing) and resolves names, generic labels ("the army",
"militants", "residents") and pronouns in text order; the extractor then asks for the mentions of a sentence
or resolves a phrase it found by parse.
"""

from __future__ import annotations

import dataclasses

from polemos.knowledge.actors import ActorEntry, ActorKB
from polemos.knowledge.countries import Country, load_countries, state_forces_name
from polemos.knowledge.phrases import fold, tokens
from polemos.model import Actor, Place
from polemos.stages.actor_air import air_power, campaign_target, war_party
from polemos.stages.actor_labels import Label
from polemos.stages.actor_naming import (
    ActorMention,
    mission_contingent,
    named_for_period,
    period_actor,
    to_named_unit,
)
from polemos.stages.actor_places import at_place
from polemos.stages.actor_scan import Named, Scan, folded_label
from polemos.stages.arguments import ActorMentionLike
from polemos.stages.doc_country import infer_country
from polemos.stages.framing import Framing, FramingCue, salience, score_framing

__all__ = ["ActorMention", "DocumentActors", "Framing", "FramingCue"]

_CATEGORY = {
    1: "state",
    2: "armed",
    3: "armed",
    4: "armed",
    5: "rioter",
    6: "protester",
    7: "civilian",
    8: "external",
}
_ORGS = frozenset({"state", "armed", "external"})
_TEMPLATE_OF = {
    "unidentified": "unidentified_armed_group",
    "civilian": "civilians",
    "protester": "protesters",
    "rioter": "rioters",
    "communal": "unidentified_communal_militia",
    "vigilante": "vigilante_militia",
}
# Identity militias named in a report of no known country are still known to be identity militias (inter
# 4), unlike "Unidentified Armed Group", which a later stage gives every unnamed perpetrator anyway.
_TYPED_WITHOUT_COUNTRY = frozenset({"vigilante", "communal"})
# "Government troops" name a camp by its government, which the army default says nothing about.
_GOVERNMENT_WORDS = frozenset({"government", "governments", "authorities", "administration", "regime"})
_PRONOUN_WINDOW = 2  # sentences back a pronoun may reach


class _Resolver:
    def __init__(self, scan: Scan, framing: Framing, *, attach: bool = True) -> None:
        self.scan, self.kb, self.framing, self.attach = scan, scan.kb, framing, attach
        self.country = scan.country
        self.iso2 = scan.country.iso2 if scan.country else None
        self.year, self.month = scan.year, scan.month
        self.salience = salience(scan)
        self.history: list[ActorMention] = []
        camps = self.kb.camps(self.iso2, self.year) if self.iso2 else ()
        self.state_camps = [s.id for s in camps if s.country and self.kb.forces_for(s.id, self.year)]
        self.hostile_verbs = folded_label(self.kb, "hostile_verbs")

    # ------------------------------------------------------------------ actors from entries and templates
    def actor(self, entry: ActorEntry) -> Actor:
        abroad = entry.inter == 1 and self.iso2 is not None and entry.country not in (None, self.iso2)
        return Actor(entry.name, 8 if abroad else entry.inter, entry.country)

    def template(self, kind: str, country: Country | None) -> Actor | None:
        country = country or self.country
        if country is None:
            return None
        t = self.kb.templates[kind]
        return Actor(t.render(country.name, country.iso2), t.inter, country.iso2)

    def foreign_forces(self, country: Country, text: str = "") -> Actor:
        contingent = mission_contingent(self.kb, country, self.iso2, self.year, text)
        if contingent is not None:
            return self.actor(contingent)
        name = state_forces_name(country.iso2, self.year, month=self.month)
        entry = self.kb.entry(name)
        return (
            Actor(name, 8, country.iso2) if entry is None else dataclasses.replace(self.actor(entry), inter=8)
        )

    def mention(
        self, item: Named | Label, actor: Actor, rule: str, conf: float, generic: bool
    ) -> ActorMention:
        return ActorMention(
            item.start, item.end, item.text, actor, rule, round(conf, 3), generic, _CATEGORY[actor.inter]
        )

    def default_reading(self, label_class: str) -> ActorEntry | None:
        """The knowledge base's default for a label class in this report's country, on its day."""
        return self.kb.default_reading(self.iso2, self.year, label_class, self.month, self.scan.day)

    def side_of(self, m: ActorMention) -> str | None:
        entry = self.kb.entry(m.actor.name)
        return entry.side if entry else None

    # ------------------------------------------------------------------ dispatch
    def resolve(self, item: Named | Label) -> ActorMention | None:
        if isinstance(item, Named):
            return self.named(item)
        if item.kind == "pronoun" or item.kind == "coref":
            return self.coref(item)
        if item.kind == "external":
            if self.iso2 is None or item.country is None or item.country.iso2 == self.iso2:
                return None
            return self.mention(
                item, self.foreign_forces(item.country, item.text), f"country:{item.text}", 0.5, False
            )
        if item.kind in ("state_claim", "state", "police"):
            return self.state(item)
        if item.kind.startswith("hostile"):
            return self.hostile(item)
        actor = self.template(_TEMPLATE_OF[item.kind], item.country)
        if actor is None and item.kind in _TYPED_WITHOUT_COUNTRY:
            t = self.kb.templates[_TEMPLATE_OF[item.kind]]
            actor = Actor(t.name.replace(" ({country})", ""), t.inter, None)
        return None if actor is None else self.mention(item, actor, f"{item.kind}:{item.head}", 0.8, True)

    def named(self, n: Named) -> ActorMention:
        if not n.anti:
            return self.mention(n, self.actor(n.entry), n.rule, n.confidence, False)
        opp = [self.kb.forces_for(s, self.year) for s in self.state_camps if self.kb.opposes(s, n.entry.side)]
        forces = [e for e in opp if e is not None]
        if len(forces) == 1:
            return self.mention(n, self.actor(forces[0]), f"{n.rule}->opposing camp", 0.7, True)
        uag = self.template("unidentified_armed_group", None)
        return self.mention(n, uag or self.actor(n.entry), f"{n.rule}->unidentified", 0.4, True)

    # ------------------------------------------------------------------ state labels
    def state(self, label: Label) -> ActorMention | None:
        if label.country is not None and self.iso2 and label.country.iso2 != self.iso2:
            return self.mention(
                label, self.foreign_forces(label.country, label.text), f"external:{label.text}", 0.8, True
            )
        found = self.scan.attachment(label.start, label.end) if self.attach else None
        if found and found[1] not in ("in-name", "before-name"):
            n, how = found
            return self.mention(label, self.actor(n.entry), f"apposition:{how} {n.key}", 0.9, True)
        country = label.country or self.country
        if country is None:
            recent = next((m for m in reversed(self.history) if m.category == "state"), None)
            if recent is not None:
                return self.mention(label, recent.actor, "state:recent", 0.5, True)
            # a report that names no country still says its forces are the state's: the type is known
            kind = "Police Forces" if label.kind == "police" else "Military Forces"
            return self.mention(label, Actor(kind, 1, None), "state:no country", 0.3, True)
        if label.kind == "police":
            name = state_forces_name(country.iso2, self.year, "police", month=self.month)
            return self.mention(label, Actor(name, 1, country.iso2), "state:police", 0.75, True)
        if not self.state_camps:
            name = state_forces_name(country.iso2, self.year, month=self.month)
            return self.mention(
                label, Actor(name, 1, country.iso2), f"state:regime {country.name}", 0.8, True
            )
        return self.camp_army(label)

    def camp_army(self, label: Label) -> ActorMention:
        """Resolve "the army" where camps compete for the state: the framing side's forces, else context."""
        side = self.framing.side
        if side in self.state_camps and (entry := self.kb.forces_for(side, self.year)) is not None:
            cue = self.framing.top_cue(side)
            return self.mention(
                label, self.actor(entry), f"framing:{side} via '{cue.text if cue else ''}'", 0.8, True
            )
        air = bool(self.kb.aerial_index.find(label.text))
        if air and (entry := self.default_reading("air")) is not None:
            return self.mention(label, self.actor(entry), f"default:air {self.iso2} {self.year}", 0.6, True)
        forces = {e.name: s for s in self.state_camps if (e := self.kb.forces_for(s, self.year))}
        recent = next(
            (m for m in reversed(self.history) if m.actor.name in forces and not m.is_generic), None
        )
        if recent is not None:
            return self.mention(label, recent.actor, f"state:recent-named {recent.text}", 0.6, True)
        named = [name for name in forces if name in self.salience]
        if len(named) == 1:
            entry = self.kb.entry(named[0])
            assert entry is not None
            return self.mention(label, self.actor(entry), "state:only-camp-named", 0.55, True)
        government = any(fold(t.group()) in _GOVERNMENT_WORDS for t in tokens(label.text))
        if not government and (entry := self.default_reading("army")) is not None:
            return self.mention(label, self.actor(entry), f"default:army {self.iso2} {self.year}", 0.5, True)
        assert self.country is not None
        name = state_forces_name(self.country.iso2, self.year, month=self.month)
        return self.mention(
            label, Actor(name, 1, self.country.iso2), "state:generic (no framing side)", 0.4, True
        )

    # ------------------------------------------------------------------ hostile labels
    def hostile(self, label: Label) -> ActorMention | None:
        found = self.scan.attachment(label.start, label.end) if self.attach else None
        if found and found[1] not in ("in-name", "before-name"):
            n, how = found
            return self.mention(label, self.actor(n.entry), f"attached:{how} {n.key}", 0.85, True)
        if label.country is not None and self.iso2 and label.country.iso2 != self.iso2:
            uag = self.template("unidentified_armed_group", label.country)
            return (
                None if uag is None else self.mention(label, uag, f"generic:{label.head}->foreign", 0.5, True)
            )
        target = self.opponent(label)
        if target is not None:
            n, where = target
            ref = self.framing.side or "state"
            conf = 0.75 if where == "same sentence" else 0.65
            rule = f"generic:{label.head}->opponent of {ref} ({where})"
            return self.mention(label, self.actor(n.entry), rule, conf, True)
        uag = self.template("unidentified_armed_group", None)
        return (
            None
            if uag is None
            else self.mention(label, uag, f"generic:{label.head}->unidentified", 0.5, True)
        )

    def opponent(self, label: Label) -> tuple[Named, str] | None:
        """Return the named actor a hostile label most likely means, and where it was found."""
        ref = self.framing.side

        def is_opponent(e: ActorEntry) -> bool:
            if e.inter == 8 or (e.inter == 1 and e.country not in (None, self.iso2)):
                return False
            if ref is not None:
                return self.kb.opposes(ref, e.side) or (e.side is None and e.inter in (2, 3))
            return e.inter in (2, 3) and e.country in (None, self.iso2)

        pool = [n for n in self.scan.named if not n.anti and is_opponent(n.entry)]
        if label.kind == "hostile_extremist":
            pool = [n for n in pool if n.entry.inter in (2, 3)] or pool
        if not pool:
            return None
        s_start, s_end = self.scan.sentence(label.start)
        local = [n for n in pool if s_start <= n.start < s_end]
        if local:
            before = [n for n in local if n.start < label.start]
            return (before[-1] if before else local[0]), "same sentence"
        first_seen = {n.entry.name: i for i, n in reversed(list(enumerate(pool)))}
        best = max(pool, key=lambda n: (self.salience.get(n.entry.name, 0.0), -first_seen[n.entry.name]))
        return best, "most salient"

    # ------------------------------------------------------------------ coreference
    def coref(self, label: Label) -> ActorMention | None:
        word = label.head.lower()
        allowed = (
            _ORGS if word in ("its", "it", "the coalition", "the alliance") else frozenset(_CATEGORY.values())
        )
        if label.kind == "coref" and word not in ("the coalition", "the alliance"):
            allowed = frozenset({"armed"})
        here = self.scan.sentence_index(label.start)
        pool = [
            m for m in self.history
            if m.category in allowed and here - self.scan.sentence_index(m.start) <= _PRONOUN_WINDOW
        ]  # fmt: skip
        if word == "his":
            pool = [m for m in pool if m.rule.startswith("leader:")]
        if not pool:
            return None
        s_start, _ = self.scan.sentence(label.start)
        same = [m for m in pool if m.start >= s_start]
        if same and word in ("their", "its", "them") and self.hostile_between(same[-1].end, label.start):
            doer = same[-1]
            opp = [
                m
                for m in pool
                if m.start < doer.start and self.kb.opposes(self.side_of(doer), self.side_of(m))
            ]
            if opp:
                return self.from_antecedent(label, opp[-1], f"coref:{word}->opponent of {doer.text}")
            return None
        if word == "they" and not self.scan.text[s_start : label.start].strip(" \"“'‘"):
            prev = [m for m in pool if m.start < s_start and m.category in _ORGS]
            if prev:
                first_sentence = self.scan.sentence_index(prev[-1].start)
                subject = next(m for m in prev if self.scan.sentence_index(m.start) == first_sentence)
                return self.from_antecedent(label, subject, f"coref:{word}->subject {subject.text}")
        return self.from_antecedent(label, pool[-1], f"coref:{word}->{pool[-1].text}")

    def hostile_between(self, start: int, end: int) -> bool:
        """Return whether a hostile verb governs the pronoun at `end` ("targeting their hideouts")."""
        near = list(tokens(self.scan.text[start:end]))[-3:]
        return any(fold(t.group()) in self.hostile_verbs for t in near)

    def from_antecedent(self, label: Label, m: ActorMention, rule: str) -> ActorMention:
        conf = round(m.confidence * 0.8, 3)
        return ActorMention(label.start, label.end, label.text, m.actor, rule, conf, True, m.category)


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
        resolver = _Resolver(scan, framing)
        items: list[Named | Label] = sorted([*scan.named, *scan.labels], key=lambda x: (x.start, -x.end))
        for item in items:
            m = resolver.resolve(item)
            if m is not None:
                resolver.history.append(m)
        named = to_named_unit(kb, resolver.history)
        mentions = [named_for_period(kb, m, year, month, day) for m in named]
        return cls(scan, framing, mentions)

    def leads_battles(self, actor: Actor) -> bool:
        """Return whether the actor's camp is the one ACLED lists first in the battles of this conflict."""
        month, day = self._scan.month, self._scan.day
        side = self._scan.kb.camp_of(actor.name, self.year, month, day)
        return side is not None and side.leads_in(self.year, month, day)

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
        """The side the period's air campaign struck, where `striker` is it: see actor_air.campaign_target."""
        return campaign_target(self._scan, striker)

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
        resolver = _Resolver(self._scan, self.framing, attach=False)
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
            best = air_power(self._scan, resolver, position) or war_party(self._scan, best, _CATEGORY) or best
        return None if best is None else named_for_period(self._scan.kb, best, self.year, month, day)
