"""Extract dated, evidenced relations between actors, and between actors and places, from a document.

Runs after the actors stage (polemos.stages.actors: resolved mentions read through the document's framing)
and beside places and dates: a cue of knowledge/data/relations.yaml ("backed by", "liberated") ties the
actor mention or place before it to the one(s) after it when only filler words stand between; negation and
modality cancel a statement. The spaCy parse, where a sentence has one, finds a subject the words missed.
Relations feed storage and the alliance graph (polemos.graph).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from polemos.errors import KnowledgeError
from polemos.knowledge.actors import ActorKB
from polemos.knowledge.countries import load_countries, state_forces_name
from polemos.knowledge.gazetteer import Gazetteer
from polemos.knowledge.phrases import fold
from polemos.model import DatePoint, Document, Evidence, GeoPrecision, Place, Relation, RelationKind
from polemos.stages.actors import ActorMention, DocumentActors
from polemos.stages.annotate import Sentence
from polemos.stages.dates import find_dates
from polemos.stages.places import find_places

__all__ = ["CuePattern", "RelationCues", "extract_relations", "load_relation_cues"]

SHAPES = ("active", "passive", "between", "modifier", "title")
_LISTS = ("subject_fillers", "object_stops", "negation", "modality", "to_after", "hedges", "recognition")
_TOP = frozenset({"cues", *_LISTS})
_CUE_FIELDS = frozenset({"kind", "shape", "patterns", "confidence", "change"})
_PACKAGED = "relations.yaml"

# An end of a relation must be an organised actor named or resolved with some certainty: a generic label
# guessed as "the most salient opponent" is a reading of the document, not a statement of the sentence.
_MIN_END_CONFIDENCE = 0.5
_ORGANISED = frozenset({"state", "armed", "external"})
_HEDGE_FACTOR = 0.75
_MAX_SUBJECT_WORDS = 8
_MAX_OBJECT_WORDS = 5
_WORD = re.compile(r"[^\W\d_]+")
_GAP_PUNCTUATION = frozenset(" \t\n,()–—-\"'’“”")
_BREAK = re.compile(
    r"[;:]|,\s*(?:while|whereas|but|and|or|as|although|though|which|who|that|where|when|after|before|since)\b"
    r"|\b(?:while|whereas|but|although|though|because|after|before)\b",
    re.IGNORECASE,
)
_OBJECT_BREAK = re.compile(
    r"[;:.]|,\s*(?:while|whereas|but|although|though|which|who|where|when|after|before|since)\b"
    r"|\b(?:while|whereas|but|although|though|because)\b",
    re.IGNORECASE,
)
_RELATIVE = re.compile(r",\s*(?:which|who|that)\b", re.IGNORECASE)
_PARENTHETICAL = re.compile(
    r",\s*(?:whose|which|who|where|believed|said|thought|reportedly|allegedly)\b[^,;.]*,|\([^()]*\)",
    re.IGNORECASE,
)
_COORDINATION = re.compile(r"(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or|as well as|along with)\s+)(?:the\s+)?")
_BETWEEN_AND = re.compile(r"\s+and\s+(?:the\s+)?")
_TITLE_BEFORE = re.compile(r"(?:['’]s)?\s+")
_PERSON_AFTER = re.compile(
    r"\s+((?:[A-Z][\w'’.-]*)(?:\s+(?:(?:al|el|bin|ibn|abu|de)[-\s])?[A-Z][\w'’.-]*){0,3})"
)
_PREFIX = re.compile(r"(?<![A-Za-z])(?:(?:The|A|An)\s+)?([A-Z][\w'’.]*(?:\s+[A-Z][\w'’.]*){0,3})$")
_LEADER_RULE = re.compile(r"^leader:(?:anti-)?(?P<key>.+?)(?:\s+\(.*|\s+->.*)?$")
_DIRECTION = re.compile(
    r"\bthe\s+(north-?east|north-?west|south-?east|south-?west|north|south|east|west|centre|center)\b"
    r"(?!\s+(?:of|bank|coast|side)\b)",
    re.IGNORECASE,
)
_REGION_WORD = {"centre": "Central", "center": "Central"}


# ---------------------------------------------------------------------------------------- cue loading
@dataclass(frozen=True)
class CuePattern:
    """One cue phrase: the relation it states, where its two ends stand, and how surely it states it."""

    kind: RelationKind
    shape: str
    pattern: str  # as written in the file
    regex: re.Pattern[str]
    confidence: float
    change: bool = False  # a change of hands ("liberated"): it overrides a standing holder in its sentence


@dataclass(frozen=True)
class RelationCues:
    """The cue patterns and the word lists that decide what may stand between a cue and its ends."""

    patterns: tuple[CuePattern, ...]
    subject_fillers: frozenset[str]
    object_stops: frozenset[str]
    negation: tuple[tuple[str, ...], ...]  # folded word sequences
    modality: tuple[tuple[str, ...], ...]
    to_after: frozenset[str]
    hedges: frozenset[str]
    recognition: frozenset[str]  # folded


def _fail(path: str, where: str, msg: str) -> KnowledgeError:
    return KnowledgeError(
        f"{path}: {where}: {msg}. Fix it (the layout is described at the top of relations.yaml)."
    )


def _spaced(pattern: str) -> str:
    return pattern.replace(" ", r"\s+")


def _compile(pattern: str, shape: str, path: str, where: str) -> re.Pattern[str]:
    body = pattern.strip()
    if shape == "modifier":
        if not body.startswith("-"):
            raise _fail(path, where, f"modifier pattern {pattern!r} must start with a hyphen ('-backed')")
        source = r"(?<=\w)-" + _spaced(body[1:]) + r"(?![\w-])"
    else:
        source = r"(?<![\w-])" + _spaced(body) + r"(?![\w-])"
    try:
        return re.compile(source, re.IGNORECASE)
    except re.error as exc:
        raise _fail(path, where, f"pattern {pattern!r} is not a valid regular expression ({exc})") from exc


def _words(raw: object, path: str, name: str) -> list[str]:
    if not isinstance(raw, list) or not all(isinstance(w, str) and w.strip() for w in raw):
        raise _fail(path, name, "expected a list of words or phrases")
    return [w.strip() for w in raw]


def _parse(data: object, path: str) -> tuple[list[CuePattern], dict[str, list[str]]]:
    if data is None:
        return [], {}
    if not isinstance(data, Mapping):
        raise KnowledgeError(f"{path}: expected a mapping with sections such as `cues`")
    unknown = set(data) - _TOP
    if unknown:
        raise _fail(path, "top level", f"unknown section(s) {sorted(map(str, unknown))}; use {sorted(_TOP)}")
    cues: list[CuePattern] = []
    raw_cues = data.get("cues", [])
    if not isinstance(raw_cues, list):
        raise _fail(path, "cues", "expected a list of cue groups")
    kinds = {k.value for k in RelationKind}
    for i, group in enumerate(raw_cues):
        where = f"cues[{i}]"
        if not isinstance(group, Mapping):
            raise _fail(path, where, "expected a mapping with kind, shape, patterns, confidence")
        extra = set(group) - _CUE_FIELDS
        if extra:
            raise _fail(path, where, f"unknown field(s) {sorted(map(str, extra))}; use {sorted(_CUE_FIELDS)}")
        kind, shape, confidence = group.get("kind"), group.get("shape"), group.get("confidence", 0.8)
        if kind not in kinds:
            raise _fail(path, where, f"`kind` {kind!r} is not one of {sorted(kinds)}")
        if shape not in SHAPES:
            raise _fail(path, where, f"`shape` {shape!r} is not one of {list(SHAPES)}")
        if isinstance(confidence, bool) or not isinstance(confidence, int | float) or not 0 < confidence <= 1:
            raise _fail(path, where, f"`confidence` {confidence!r} must be a number in (0, 1]")
        change = group.get("change", False)
        if not isinstance(change, bool):
            raise _fail(path, where, "`change` must be true or false")
        for p in _words(group.get("patterns"), path, f"{where}.patterns"):
            regex = _compile(p, str(shape), path, f"{where}.patterns")
            cues.append(CuePattern(RelationKind(kind), str(shape), p, regex, float(confidence), change))
    lists = {name: _words(data[name], path, name) for name in _LISTS if name in data}
    return cues, lists


def _read(text: str, path: str) -> tuple[list[CuePattern], dict[str, list[str]]]:
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise KnowledgeError(f"{path}: not valid YAML: {exc}") from exc
    return _parse(data, path)


def _phrases(words: Iterable[str]) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(_WORD.findall(fold(w).replace("n't", " not"))) for w in words)


def _merge(parts: Sequence[tuple[list[CuePattern], dict[str, list[str]]]]) -> RelationCues:
    cues = [c for p, _ in parts for c in p]
    lists: dict[str, list[str]] = {name: [] for name in _LISTS}
    for _, found in parts:
        for name, words in found.items():
            lists[name].extend(words)
    return RelationCues(
        patterns=tuple(cues),
        subject_fillers=frozenset(fold(w) for w in lists["subject_fillers"]),
        object_stops=frozenset(fold(w) for w in lists["object_stops"]),
        negation=_phrases(lists["negation"]),
        modality=_phrases(lists["modality"]),
        to_after=frozenset(fold(w) for w in lists["to_after"]),
        hedges=frozenset(fold(w) for w in lists["hedges"]),
        recognition=frozenset(fold(w) for w in lists["recognition"]),
    )


@functools.cache
def _packaged() -> tuple[list[CuePattern], dict[str, list[str]]]:
    ref = resources.files("polemos.knowledge").joinpath(f"data/{_PACKAGED}")
    return _read(ref.read_text(encoding="utf-8"), _PACKAGED)


@functools.cache
def _packaged_cues() -> RelationCues:
    return _merge([_packaged()])


def load_relation_cues(extra_files: Sequence[Path] = ()) -> RelationCues:
    """Return the packaged relation cues extended by user files (cached when there are none)."""
    if not extra_files:
        return _packaged_cues()
    parts = [_packaged()]
    for path in extra_files:
        try:
            text = Path(path).read_text(encoding="utf-8")
        except OSError as exc:
            raise KnowledgeError(f"{path}: cannot read relation cue file: {exc.strerror}") from exc
        parts.append(_read(text, str(path)))
    return _merge(parts)


# ---------------------------------------------------------------------------------------- extraction
@dataclass(frozen=True)
class _End:
    """One end of a relation: a resolved actor mention or a place, with its span in Document.text."""

    start: int
    end: int
    text: str
    name: str
    rule: str
    confidence: float
    mention: ActorMention | None = None
    place: Place | None = None


@dataclass(frozen=True)
class _Cue:
    start: int
    end: int
    text: str
    pattern: CuePattern


@dataclass(frozen=True)
class _Found:
    relation: Relation
    change: bool


class _Sentence:
    """One sentence with its actor ends, place ends, dates and masked (parenthetical) spans."""

    def __init__(
        self,
        s: Sentence,
        text: str,
        mentions: list[ActorMention],
        places: list[Place],
        dates: list[DatePoint],
    ) -> None:
        self.s, self.text, self.dates = s, text, dates
        self.actors = [
            _End(m.start, m.end, m.text, m.actor.name, m.rule, m.confidence, mention=m)
            for m in mentions
            if _eligible(m)
        ]
        self.all_mentions = mentions
        self.places = [
            _End(p.start, p.end, text[p.start : p.end], p.name, p.reason, 1.0, place=p) for p in places
        ]
        self.date_spans = [(d.start, d.end) for d in dates if 0 <= d.start < d.end]
        self.parentheticals = [
            (m.start() + s.start, m.end() + s.start) for m in _PARENTHETICAL.finditer(s.text)
        ]

    def masks(self, around: int) -> list[tuple[int, int]]:
        """Return spans to ignore: dates, and parentheticals that do not hold position `around`."""
        return self.date_spans + [(a, b) for a, b in self.parentheticals if not a <= around < b]

    def clause_start(self, pos: int, masks: list[tuple[int, int]]) -> tuple[int, int | None]:
        """Return where the clause holding `pos` starts, and the comma of a relative clause opening it."""
        start, relative = self.s.start, None
        for m in _BREAK.finditer(self.s.text, 0, pos - self.s.start):
            a = m.start() + self.s.start
            if _masked(a, masks):
                continue
            start = m.end() + self.s.start
            relative = a if _RELATIVE.fullmatch(m.group()) else None
        return start, relative

    def clause_end(self, pos: int) -> int:
        m = _OBJECT_BREAK.search(self.s.text, pos - self.s.start)
        return m.start() + self.s.start if m else self.s.end

    def unmasked(self, a: int, b: int, masks: list[tuple[int, int]]) -> str:
        chars = list(self.text[a:b])
        for x, y in masks:
            for i in range(max(x, a), min(y, b)):
                chars[i - a] = " "
        return "".join(chars)


def _masked(pos: int, masks: list[tuple[int, int]]) -> bool:
    return any(a <= pos < b for a, b in masks)


def _eligible(m: ActorMention) -> bool:
    return (
        m.category in _ORGANISED
        and m.confidence >= _MIN_END_CONFIDENCE
        and "(most salient)" not in m.rule
        and not m.actor.name.startswith("Unidentified")
    )


class _Extractor:
    def __init__(
        self,
        document: Document,
        actors: DocumentActors,
        cues: RelationCues,
        kb: ActorKB | None,
        gazetteer: Gazetteer,
        focus: str | None,
    ) -> None:
        self.doc, self.text, self.actors, self.cues, self.kb = document, document.text, actors, cues, kb
        self.gazetteer, self.focus = gazetteer, focus
        self.titles = kb.titles if kb is not None else frozenset()
        self.countries = load_countries()

    # ------------------------------------------------------------------ words between a cue and its ends
    def gap_words(self, gap: str) -> list[str] | None:
        """Return the folded words of a gap, or None when it holds punctuation other than commas/dashes."""
        rest = _WORD.sub("", gap.replace("n't", "").replace("n’t", ""))
        if any(c not in _GAP_PUNCTUATION for c in rest):
            return None
        return _WORD.findall(fold(gap).replace("n't", " not").replace("n’t", " not"))

    def subject_gap(self, gap: str) -> bool:
        words = self.gap_words(gap)
        if words is None or len(words) > _MAX_SUBJECT_WORDS:
            return False
        c = self.cues
        allowed = c.subject_fillers | c.hedges | c.to_after | {"to", "not"}
        allowed |= {w for phrase in (*c.negation, *c.modality) for w in phrase}
        return all(w in allowed or w.endswith("ly") for w in words)

    def object_gap(self, gap: str) -> bool:
        if "," in gap:
            return False
        words = self.gap_words(gap)
        if words is None or len(words) > _MAX_OBJECT_WORDS:
            return False
        if any(w[:1].isupper() for w in _WORD.findall(gap)):
            return False
        return not any(w in self.cues.object_stops for w in words)

    def blocked(self, window: str) -> bool:
        """Return whether negation or modality in `window` (the words before a cue) cancel the statement."""
        words = _WORD.findall(fold(window).replace("n't", " not").replace("n’t", " not"))
        for phrase in (*self.cues.negation, *self.cues.modality):
            n = len(phrase)
            if n and any(tuple(words[i : i + n]) == phrase for i in range(len(words) - n + 1)):
                return True
        return any(
            w == "to" and (i == 0 or words[i - 1] not in self.cues.to_after) for i, w in enumerate(words)
        )

    def hedged(self, window: str) -> bool:
        return any(w in self.cues.hedges for w in _WORD.findall(fold(window)))

    # ------------------------------------------------------------------ finding the ends
    def before(self, st: _Sentence, cue: _Cue, ends: list[_End]) -> tuple[_End, str] | None:
        """Return the end standing before the cue in its clause (its subject) and the words between."""
        masks = st.masks(cue.start)
        start, relative = st.clause_start(cue.start, masks)
        pool = [e for e in ends if start <= e.start and e.end <= cue.start and not _masked(e.start, masks)]
        if pool:
            e = max(pool, key=lambda x: x.end)
            gap = st.unmasked(e.end, cue.start, masks)
            return (e, gap) if self.subject_gap(gap) else None
        if relative is not None:  # ", which supports Haftar": the antecedent stands right before the comma
            pool = [e for e in ends if e.end <= relative and not _masked(e.start, masks)]
            if pool:
                e = max(pool, key=lambda x: x.end)
                between = st.unmasked(e.end, relative, masks)
                if not between.strip(" )'’\""):
                    return e, st.unmasked(relative, cue.start, masks)
        return None

    def parsed_before(self, st: _Sentence, cue: _Cue, ends: list[_End]) -> tuple[_End, str] | None:
        """Return the subject of the cue's verb by the spaCy parse (when the sentence has one)."""
        doc: Any = st.s.doc
        if doc is None:
            return None
        base = st.s.start
        tok = next((t for t in doc if base + t.idx >= cue.start), None)
        if tok is None:
            return None
        head = tok
        for _ in range(3):
            if head.pos_ in ("VERB", "AUX") or head.head is head:
                break
            head = head.head
        subj = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is None and head.dep_ in ("relcl", "acl"):
            subj = head.head
        if subj is None:
            return None
        left, right = base + subj.left_edge.idx, base + subj.right_edge.idx + len(subj.right_edge.text)
        at = base + subj.idx
        inside = [e for e in ends if left <= e.start and e.end <= right and e.end <= cue.start]
        found = next((e for e in inside if e.start <= at < e.end), inside[0] if inside else None)
        if found is None:
            return None
        return found, st.unmasked(found.end, cue.start, st.masks(cue.start))

    def after(self, st: _Sentence, cue: _Cue, ends: list[_End], *, many: bool) -> list[_End]:
        """Return the end(s) after the cue: its object, and the rest of a coordinated list."""
        masks = st.masks(cue.end)
        limit = st.clause_end(cue.end)
        pool = sorted(
            (e for e in ends if cue.end <= e.start < limit and not _masked(e.start, masks)),
            key=lambda e: e.start,
        )
        if not pool or not self.object_gap(st.unmasked(cue.end, pool[0].start, masks)):
            return []
        out = [pool[0]]
        for e in pool[1:] if many else []:
            if e.start < out[-1].end:
                continue
            if not _COORDINATION.fullmatch(st.unmasked(out[-1].end, e.start, masks)):
                break
            out.append(e)
        return out

    def places(self, s: Sentence, found: Sequence[Place]) -> list[Place]:
        """Return the sentence's places a relation may hold: no countries, regions under their own name."""
        out: list[Place] = []
        for p in found:
            if p.feature == "A" and p.name == p.country:
                continue  # a whole country is not a place ACLED codes control of
            if p.geo_precision == GeoPrecision.REGION and p.feature == "L":
                region = next(
                    (e for e in self.gazetteer.lookup(self.text[p.start : p.end]) if e.feature_code == "RGN"),
                    None,
                )
                if region is not None:
                    p = replace(p, name=region.name)
            out.append(p)
        return out + self.directions(s, out)

    def directions(self, s: Sentence, known: list[Place]) -> list[Place]:
        """Resolve "the east" of the focus country to its curated region ("Eastern Libya")."""
        country = self.gazetteer.country(self.focus) if self.focus else None
        if country is None:
            return []
        out: list[Place] = []
        for m in _DIRECTION.finditer(s.text):
            start, end = s.start + m.start(), s.start + m.end()
            if any(p.start < end and start < p.end for p in known):
                continue
            word = m.group(1).lower().replace("-", "")
            adjective = _REGION_WORD.get(word, word.capitalize() + "ern")
            region = next(
                (e for e in self.gazetteer.lookup(f"{adjective} {country.name}") if e.feature_code == "RGN"),
                None,
            )
            if region is not None:
                out.append(
                    Place(
                        name=region.name,
                        latitude=round(region.latitude, 4),
                        longitude=round(region.longitude, 4),
                        country=region.country,
                        admin1=region.admin1,
                        geo_precision=GeoPrecision.REGION,
                        feature=region.feature_class,
                        reason=f"{m.group(0)!r} of {country.name}: region {region.name}",
                        start=start,
                        end=end,
                    )
                )
        return out

    # ------------------------------------------------------------------ building relations
    def person(self, end: _End) -> str:
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

    def date(self, st: _Sentence, cue: _Cue) -> dt.date | None:
        if st.dates:
            nearest = min(st.dates, key=lambda d: min(abs(d.start - cue.start), abs(d.end - cue.end)))
            return nearest.date
        return self.doc.published

    def relation(
        self, st: _Sentence, cue: _Cue, source: _End, target: _End, window: str, note: str = ""
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

    def prefix_actor(self, st: _Sentence, cue: _Cue) -> _End | None:
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
            return _End(start, cue.start, word, name, f"country:{word}", 0.8)
        inside = [e for e in st.actors if e.start <= start < e.end]
        if inside:
            return inside[0]
        mention = self.actors.resolve_phrase(word, start)
        if mention is None or not _eligible(mention):
            return None
        return _End(
            start, cue.start, word, mention.actor.name, mention.rule, mention.confidence, mention=mention
        )

    def from_cue(self, st: _Sentence, cue: _Cue) -> list[_Found]:
        kind, shape = cue.pattern.kind, cue.pattern.shape
        places = st.places if kind is RelationKind.CONTROLS else st.actors
        pairs: list[tuple[_End, _End, str]] = []
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
                pairs = [(_End(m.start(1), m.end(1), m.group(1), name, "person", 0.7), group, "")]
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

    def cues_in(self, st: _Sentence) -> list[_Cue]:
        """Return the cue matches of a sentence: longest first where two overlap, none inside a name."""
        found: list[_Cue] = []
        for p in self.cues.patterns:
            for m in p.regex.finditer(st.s.text):
                found.append(_Cue(st.s.start + m.start(), st.s.start + m.end(), m.group(), p))
        found.sort(key=lambda c: (c.start, -(c.end - c.start)))
        names = [(m.start, m.end) for m in st.all_mentions] + [(p.start, p.end) for p in st.places]
        out: list[_Cue] = []
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
        st = _Sentence(
            s,
            document.text,
            actors.mentions_in(s.start, s.end),
            extractor.places(s, found_places),
            found_dates,
        )
        found = [f for cue in extractor.cues_in(st) for f in extractor.from_cue(st, cue)]
        out.extend(_resolve_changes(found))
    return out
