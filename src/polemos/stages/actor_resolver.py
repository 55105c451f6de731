"""Resolve one actor mention of a document (a name, a generic label, a pronoun) to an ACLED actor, reading
ambiguous labels through the report's framing (the "resolve actors" stage; see polemos.stages.actors).
"""

from __future__ import annotations

import dataclasses
import re

from polemos.knowledge.actors import ActorEntry
from polemos.knowledge.countries import Country, load_countries, state_forces_name
from polemos.knowledge.phrases import fold, tokens
from polemos.model import Actor
from polemos.stages.actor_governments import (
    forces_label,
    government_forces,
    phrase_head,
    recognised_camp,
    with_forces,
)
from polemos.stages.actor_identities import holder_of, identified_later
from polemos.stages.actor_labels import Label
from polemos.stages.actor_naming import ActorMention, mission_contingent
from polemos.stages.actor_scan import Named, Scan, folded_label
from polemos.stages.doc_country import foreigners_country
from polemos.stages.framing import Framing, salience

__all__ = ["CATEGORY", "Resolver"]

CATEGORY = {
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
# Words that make an "anti-X" group an identity militia: "an anti-Gaddafi tribal militia"
_IDENTITY_WORD = re.compile(
    r"\b(?:tribal|tribe|tribes|tribesmen|ethnic|clan|clans|communal)\b", re.IGNORECASE
)
# Identity militias named in a report of no known country are still known to be identity militias (inter
# 4), unlike "Unidentified Armed Group", which a later stage gives every unnamed perpetrator anyway.
_TYPED_WITHOUT_COUNTRY = frozenset({"vigilante", "communal"})
# "Government troops" name a camp by its government, which the army default says nothing about.
_GOVERNMENT_WORDS = frozenset({"government", "governments", "authorities", "administration", "regime"})
_PRONOUN_WINDOW = 2  # sentences back a pronoun may reach
# A label that a verb of fighting governs ("clashed with some armed groups", "fought against gunmen")
_FOUGHT_WITH = re.compile(
    r"\b(?:clash(?:ed|es|ing)?|fought|fight(?:s|ing)?|battl(?:ed|es|ing)|engag(?:ed|es|ing))\s+"
    r"(?:with|against)\s+(?:\w+\s+){0,2}$",
    re.IGNORECASE,
)


class Resolver:
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
        self._foreigners: tuple[Country | None] | None = None  # `foreigners`, once read

    def foreigners(self) -> Country | None:
        """The one nationality the report gives the foreigners it names, if any (doc_country); read once,
        on first need (few reports have victims of no stated nationality)."""
        if self._foreigners is None:
            self._foreigners = (foreigners_country(self.scan.text, load_countries()),)
        return self._foreigners[0]

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
            item.start, item.end, item.text, actor, rule, round(conf, 3), generic, CATEGORY[actor.inter]
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
        found = self._resolve_label(item)
        if found is not None and found.actor.name.startswith("Unidentified Armed Group"):
            # a later sentence may say who the unnamed doer was ("The gunmen were members of X")
            told = identified_later(self.scan, item.start, item.head)
            if told is not None:
                entry, words = told
                return self.mention(item, self.actor(entry), f"identified-later:{words}", 0.6, True)
            # a deed to people held ("those detained were tortured") by a doer the report leaves unnamed
            # (no label written there) is their holders' (actor_identities)
            if self.scan.text[item.start : item.end] == item.text:
                return found
            before = [(m.start, m.end, m.category) for m in self.history if m.start < item.start]
            held = holder_of(self.scan, item.start, before)
            if held is not None:
                holder = [m for m in self.history if m.start < item.start][held]
                return self.from_antecedent(item, holder, f"holder:{holder.text}")
        return found

    def _resolve_label(self, item: Label) -> ActorMention | None:
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
        if item.kind == "communal" and item.head.lower().startswith("local") and self.attach:
            # "the local militia led by Ghneiwa": the named group its link names, as for "the militia"
            found = self.scan.attachment(item.start, item.end)
            if found and found[1] not in ("in-name", "before-name") and not found[0].anti:
                n, how = found
                return self.mention(item, self.actor(n.entry), f"attached:{how} {n.key}", 0.85, True)
        country = item.country
        if country is None and item.kind == "civilian":
            # victims of no stated nationality are the foreigners the report names by theirs, if any
            # ("three Somali nationals were killed ... the victims"): ACLED keeps it, even abroad
            country = self.foreigners()
        actor = self.template(_TEMPLATE_OF[item.kind], country)
        if actor is None and item.kind in _TYPED_WITHOUT_COUNTRY:
            t = self.kb.templates[_TEMPLATE_OF[item.kind]]
            actor = Actor(t.name.replace(" ({country})", ""), t.inter, None)
        return None if actor is None else self.mention(item, actor, f"{item.kind}:{item.head}", 0.8, True)

    def named(self, n: Named) -> ActorMention:
        if not n.anti:
            owned = government_forces(self.kb, n.entry)
            if owned is not None and with_forces(self.scan.text, n.start, n.end):
                rule = f"{n.rule}->its forces"
                return self.mention(n, self.actor(owned), rule, n.confidence, False)
            return self.mention(n, self.actor(n.entry), n.rule, n.confidence, False)
        if _IDENTITY_WORD.search(n.text) and (communal := self.template(_TEMPLATE_OF["communal"], None)):
            # "an anti-Gaddafi tribal militia": an identity militia, whichever side it took
            return self.mention(n, communal, f"{n.rule}->communal", 0.6, True)
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
            # "Forces loyal to the Presidency Council": the government's armed forces
            forces = government_forces(self.kb, n.entry) if forces_label(label.text) else None
            return self.mention(label, self.actor(forces or n.entry), f"apposition:{how} {n.key}", 0.9, True)
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
        camps = [e for s in self.state_camps if (e := self.kb.forces_for(s, self.year)) is not None]
        if (regarded := recognised_camp(label.text, camps)) is not None:
            return self.mention(label, self.actor(regarded), "state:camp regarded so", 0.75, True)
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
        if _FOUGHT_WITH.search(self.scan.text, s_start, label.start):
            # whom a side fought is not who the sentence says fought ("the BDB clashed with armed groups",
            # "they fought against gunmen"): a label for its foe names no one else here (a verb of harm is
            # no such sign: "Taliban fighters were killed, 3 militants wounded" names them twice)
            doers = {m.actor.name for m in self.history if s_start <= m.start < label.start}
            kept = [n for n in pool if n.entry.name not in doers]
            if len(kept) < len(pool) and not any(s_start <= n.start < s_end for n in kept):
                return None
            pool = kept
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
            _ORGS if word in ("its", "it", "the coalition", "the alliance") else frozenset(CATEGORY.values())
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
        last = pool[-1]
        if len(pool) > 1 and phrase_head(self.scan.text, pool[-2].end, last.start):
            last = pool[-2]  # "the X force of the government ... its members": the force's
        return self.from_antecedent(label, last, f"coref:{word}->{last.text}")

    def hostile_between(self, start: int, end: int) -> bool:
        """Return whether a hostile verb governs the pronoun at `end` ("targeting their hideouts")."""
        near = list(tokens(self.scan.text[start:end]))[-3:]
        return any(fold(t.group()) in self.hostile_verbs for t in near)

    def from_antecedent(self, label: Label, m: ActorMention, rule: str) -> ActorMention:
        conf = round(m.confidence * 0.8, 3)
        return ActorMention(label.start, label.end, label.text, m.actor, rule, conf, True, m.category)
