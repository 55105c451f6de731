"""Extract dated, evidenced relations between actors, and between actors and places, from a document.

Runs after the actors stage (polemos.stages.actors: resolved mentions read through the document's framing)
and beside places and dates: a cue of knowledge/data/relations.yaml ("backed by", "liberated") ties the
actor mention or place before it to the one(s) after it when only filler words stand between; negation and
modality cancel a statement. The spaCy parse, where a sentence has one, finds a subject the words missed.
Relations feed storage and the alliance graph (polemos.graph). The cue file is loaded by relation_cues,
a sentence's ends and clauses are held by relation_sentence, found by relation_ends (actors) and
relation_places (places); this module turns each cue and its ends into a Relation.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from polemos.knowledge.actors import ActorKB
from polemos.knowledge.countries import load_countries, state_forces_name
from polemos.knowledge.gazetteer import Gazetteer
from polemos.knowledge.phrases import fold
from polemos.model import DatePoint, Document, Evidence, Place, Relation, RelationKind
from polemos.stages.actors import DocumentActors
from polemos.stages.annotate import Sentence
from polemos.stages.dates import find_dates
from polemos.stages.places import find_places
from polemos.stages.relation_cues import RelationCues, load_relation_cues
from polemos.stages.relation_ends import EndFinder
from polemos.stages.relation_places import relation_places
from polemos.stages.relation_sentence import Cue, End, RelationSentence, is_eligible

__all__ = ["extract_relations"]

_HEDGE_FACTOR = 0.75
_BETWEEN_AND = re.compile(r"\s+and\s+(?:the\s+)?")
_TITLE_BEFORE = re.compile(r"(?:['’]s)?\s+")
_PERSON_AFTER = re.compile(
    r"\s+((?:[A-Z][\w'’.-]*)(?:\s+(?:(?:al|el|bin|ibn|abu|de)[-\s])?[A-Z][\w'’.-]*){0,3})"
)
_PREFIX = re.compile(r"(?<![A-Za-z])(?:(?:The|A|An)\s+)?([A-Z][\w'’.]*(?:\s+[A-Z][\w'’.]*){0,3})$")
_LEADER_RULE = re.compile(r"^leader:(?:anti-)?(?P<key>.+?)(?:\s+\(.*|\s+->.*)?$")


@dataclass(frozen=True)
class _Found:
    relation: Relation
    change: bool


class _Extractor(EndFinder):
    """Turn the cue matches of a document's sentences into relations with their evidence."""

    def __init__(
        self,
        document: Document,
        actors: DocumentActors,
        cues: RelationCues,
        kb: ActorKB | None,
        gazetteer: Gazetteer,
        focus: str | None,
    ) -> None:
        super().__init__(cues)
        self.doc, self.text, self.actors, self.kb = document, document.text, actors, kb
        self.gazetteer, self.focus = gazetteer, focus
        self.titles = kb.titles if kb is not None else frozenset()
        self.countries = load_countries()

    # ------------------------------------------------------------------ building relations
    def person(self, end: End) -> str:
        """Return the person a leader mention names ("Field Marshall Haftar" -> "Khalifa Haftar")."""
        m = end.mention
        found = _LEADER_RULE.match(m.rule) if m is not None else None
        if m is None or found is None:
            return end.name
        words = [w for w in found.group("key").split() if fold(w) not in self.titles]
        entry = self.kb.entry(m.actor.name) if self.kb is not None and len(words) == 1 else None
        for alias in entry.leaders if entry is not None else ():
            full = [w for w in alias.split() if fold(w) not in self.titles]
            if len(full) >= 2 and fold(full[-1]) == fold(words[0]):
                return " ".join(full)  # the first listed leader of that name is the entry's leader
        return " ".join(words) or found.group("key")

    def date(self, st: RelationSentence, cue: Cue) -> dt.date | None:
        if st.dates:
            nearest = min(st.dates, key=lambda d: min(abs(d.start - cue.start), abs(d.end - cue.end)))
            return nearest.date
        return self.doc.published

    def relation(
        self, st: RelationSentence, cue: Cue, source: End, target: End, window: str, note: str = ""
    ) -> _Found | None:
        kind = cue.pattern.kind
        name = self.person(source) if kind is RelationKind.LEADS else source.name
        if name == target.name:
            return None
        hedge = _HEDGE_FACTOR if self.hedged(window) else 1.0
        confidence = round(cue.pattern.confidence * min(source.confidence, target.confidence) * hedge, 3)
        start, end = min(source.start, target.start, cue.start), max(source.end, target.end, cue.end)
        evidence = Evidence(
            field="relation",
            value=f"{kind.value}: {name} -> {target.name}",
            document_id=self.doc.id,
            sentence=st.s.text,
            start=start,
            end=end,
            text=self.text[start:end],
            rule=(
                f"{cue.pattern.shape}:'{cue.text}'{note}; source '{source.text}' {source.rule}; "
                f"target '{target.text}' {target.rule}"
            ),
            confidence=confidence,
        )
        relation = Relation(
            source=name,
            target=target.name,
            kind=kind,
            document_id=self.doc.id,
            start=self.date(st, cue),
            evidence=evidence,
            confidence=confidence,
            target_place=target.place,
        )
        return _Found(relation, cue.pattern.change)

    def prefix_actor(self, st: RelationSentence, cue: Cue) -> End | None:
        """Resolve the name before a modifier's hyphen ("Turkish-backed", "Haftar-led")."""
        m = _PREFIX.search(self.text, st.s.start, cue.start)
        if m is None:
            return None
        word, start = m.group(1), m.start(1)
        if fold(word) in self.cues.recognition:
            return None
        country = self.countries.get(word)
        if country is not None and country.iso2 != self.focus:
            name = state_forces_name(country.iso2, self.actors.year)
            return End(start, cue.start, word, name, f"country:{word}", 0.8)
        inside = [e for e in st.actors if e.start <= start < e.end]
        if inside:
            return inside[0]
        mention = self.actors.resolve_phrase(word, start)
        if mention is None or not is_eligible(mention):
            return None
        return End(
            start, cue.start, word, mention.actor.name, mention.rule, mention.confidence, mention=mention
        )

    def from_cue(self, st: RelationSentence, cue: Cue) -> list[_Found]:
        kind, shape = cue.pattern.kind, cue.pattern.shape
        places = st.places if kind is RelationKind.CONTROLS else st.actors
        pairs: list[tuple[End, End, str]] = []
        note = ""
        if shape in ("active", "passive"):
            first_ends = st.actors if shape == "active" else places
            found = self.before(st, cue, first_ends)
            if found is None:
                found, note = self.parsed_before(st, cue, first_ends), " (subject by parse)"
            if found is None:
                return []
            first, window = found
            if self.blocked(window):
                return []
            others = self.after(st, cue, places if shape == "active" else st.actors, many=True)
            pairs = [(first, o, window) if shape == "active" else (o, first, window) for o in others]
        elif shape == "between":
            window = self.text[max(st.s.start, cue.start - 40) : cue.start]
            found_a = self.after(st, cue, places, many=False)
            if not found_a or self.blocked(" ".join(window.split()[-3:])):
                return []
            a = found_a[0]
            b = next((e for e in places if e.start >= a.end), None)
            if b is not None and _BETWEEN_AND.fullmatch(self.text[a.end : b.start]):
                pairs = [(a, b, window)]
        elif shape == "title":
            group = next((e for e in reversed(st.actors) if e.end <= cue.start), None)
            if group is None or not _TITLE_BEFORE.fullmatch(self.text[group.end : cue.start]):
                return []
            leader = next((e for e in st.actors if e.start >= cue.end), None)
            if leader is not None and self.text[cue.end : leader.start].isspace():
                pairs = [(leader, group, "")]
            elif (m := _PERSON_AFTER.match(self.text, cue.end, st.s.end)) is not None:
                name = " ".join(w for w in m.group(1).split() if fold(w) not in self.titles) or m.group(1)
                pairs = [(End(m.start(1), m.end(1), m.group(1), name, "person", 0.7), group, "")]
        elif shape == "modifier":
            source = self.prefix_actor(st, cue)
            if source is None:
                return []
            # "Haftar-led forces" is one mention holding the cue; "GNA-controlled town of Zawiya" is not
            inside = next((e for e in places if e.start < cue.start and cue.end <= e.end), None)
            target = inside or next(iter(self.after(st, cue, places, many=False)), None)
            if target is not None:
                pairs = [(source, target, "")]
        return [f for a, b, w in pairs if (f := self.relation(st, cue, a, b, w, note)) is not None]

    def cues_in(self, st: RelationSentence) -> list[Cue]:
        """Return the cue matches of a sentence: longest first where two overlap, none inside a name."""
        found: list[Cue] = []
        for p in self.cues.patterns:
            for m in p.regex.finditer(st.s.text):
                found.append(Cue(st.s.start + m.start(), st.s.start + m.end(), m.group(), p))
        found.sort(key=lambda c: (c.start, -(c.end - c.start)))
        names = [(m.start, m.end) for m in st.all_mentions] + [(p.start, p.end) for p in st.places]
        out: list[Cue] = []
        for c in found:
            if out and c.start < out[-1].end:
                continue
            if c.pattern.shape != "modifier" and any(a <= c.start and c.end <= b for a, b in names):
                continue
            out.append(c)
        return out


def _resolve_changes(found: list[_Found]) -> list[Relation]:
    """Within a sentence, a change of hands beats a standing holder of the same place ("liberated Tarhuna
    - the last stronghold of Haftar": Haftar held it until then)."""
    changed = {(f.relation.target, f.relation.source) for f in found if f.change}
    places = {t for t, _ in changed}
    return [
        f.relation
        for f in found
        if f.change
        or f.relation.kind is not RelationKind.CONTROLS
        or f.relation.target not in places
        or (f.relation.target, f.relation.source) in changed
    ]


def extract_relations(
    document: Document,
    sentences: Sequence[Sentence],
    actors: DocumentActors,
    gazetteer: Gazetteer,
    focus: str | None,
    *,
    kb: ActorKB | None = None,
    places: Sequence[Sequence[Place]] | None = None,
    dates: Sequence[Sequence[DatePoint]] | None = None,
    cues: RelationCues | None = None,
) -> list[Relation]:
    """Return every relation statement of a document, in text order (the graph merges repeated ones).

    `places` and `dates`, when given, are the per-sentence results the pipeline already has (aligned with
    `sentences`); otherwise they are found here as the pipeline finds them. `kb` names the person behind a
    leader mention ("Haftar" -> "Khalifa Haftar").
    """
    extractor = _Extractor(document, actors, cues or load_relation_cues(), kb, gazetteer, focus)
    out: list[Relation] = []
    previous: Place | None = None
    for i, s in enumerate(sentences):
        if places is not None:
            found_places = list(places[i])
        else:
            found_places = find_places(
                s.text, gazetteer, offset=s.start, country_focus=focus, previous=previous
            )
            local = [p for p in found_places if p.geo_precision < 3 or p.feature != "A"]
            previous = local[-1] if local else previous
        found_dates = (
            list(dates[i]) if dates is not None else find_dates(s.text, document.published, offset=s.start)
        )
        st = RelationSentence(
            s,
            document.text,
            actors.mentions_in(s.start, s.end),
            relation_places(s, found_places, document.text, gazetteer, focus),
            found_dates,
        )
        found = [f for cue in extractor.cues_in(st) for f in extractor.from_cue(st, cue)]
        out.extend(_resolve_changes(found))
    return out
