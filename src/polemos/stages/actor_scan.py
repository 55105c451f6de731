"""Find every actor-like span of a document (names, countries, generic labels, pronouns) for the actors stage.

The first half of actor resolution: it chooses among knowledge-base entries by year, country and context
and records how a label is syntactically attached to a name ("militias loyal to Haftar"); deciding which
actor a generic label means is left to polemos.stages.actors, with the framing of polemos.stages.framing.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections import Counter
from dataclasses import dataclass

from polemos.knowledge.actors import ActorEntry, ActorKB, AliasMatch
from polemos.knowledge.countries import Countries, Country
from polemos.knowledge.phrases import fold, tokens
from polemos.stages.actor_coordination import paired_groups

_SENTENCE_END = re.compile(
    r"(?<=[.!?])[\"'”’)]*\s+(?=[\"'“‘(<]?[A-Z0-9<])|(?<=[a-z0-9][.!?])(?=[A-Z][a-z])|\n\s*"
)
# Links that attach a label to the name after it: "forces, led by Haftar", "militias loyal to Haftar", and
# the owner of what a label names: "aircraft (thought to) belong(ing) to Misratan forces", "jets flown by".
_LINK_AFTER = re.compile(
    r"\s*,?\s*(?:(?:which|who|that)\s+(?:is|are)\s+)?(?:(?:led|commanded|headed|controlled|run|directed|loyal"
    r"|affiliated|allied|aligned|under|of)(?:\s+(?:by|to|with))?(?:\s+the\s+command\s+of)?"
    r"|(?:(?:thought|believed|said|reported|understood|suspected|alleged)\s+to\s+)?belong(?:s|ing)?\s+to"
    r"|(?:owned|operated|flown)\s+by)\s+",
    re.IGNORECASE,
)
_POSSESSIVE = re.compile(r"['’]s(?:\s+[a-z][\w-]*){0,2}\s+")  # "Haftar's (own) militia"
_HYPHEN_LINK = re.compile(r"-(?:led|aligned|allied|affiliated|loyal|controlled)(?:\s+[a-z][\w-]*)?\s+")
_WHOSE = re.compile(r"\s*,\s*whose\s+")
_APPOSITION = re.compile(r"(?:\s+[a-z][\w-]*){0,2}\s*,\s*(?:the\s+)?")  # "militia coalition, the DMSC"
_SPEECH = re.compile(r"\s*(?:\([A-Z]+\)\s*)?(?:said|says|told|reported|claimed|announced|stated|added)\b")
_MODIFIER_OF = re.compile(r"-(?:backed|supported|brokered|based|sponsored|funded|run)\b")
_PRONOUN = re.compile(r"\b(they|them|their|its|his|it)\b", re.IGNORECASE)
_SAID_IT = re.compile(r"(?:said|says|claimed|announced|stated|added|declared)\s+(?:that\s+)?$")
_COUNTRY_GAP = re.compile(r"(?:['’]s)?(?:\s+[a-z][\w-]*){0,2}\s+")  # "Libya's internationally recognised"
# Between a demonym and an aircraft word a model name may stand too: "British Tornado jets"
_AIRCRAFT_GAP = re.compile(r"(?:\s+(?:[a-z][\w-]*|[A-Z][A-Za-z]*(?:-?\d+\w*)?)){0,2}\s+")
# An aircraft model right after a demonym ("Canadian CF-18s", "Turkish F-16s", "Russian Su-24s"): that
# state's air power, as "Canadian jets" would be
_AIRCRAFT_MODEL = re.compile(r"\s+[A-Z][A-Za-z]{0,2}-?\d{1,4}[A-Za-z]{0,3}\b")
_NEXT_CAPITAL = re.compile(r" [A-Z]")
# A country named as a place, not as a party: "near the border with Tunisia", "defected to Britain",
# "fled from Chad", "the Libya/Tunisia border crossing", "Algeria's border" (not "from" or "through" alone:
# "weapons from Egypt", "funded through Qatar" name a backer)
_PLACE_BEFORE = re.compile(
    r"(?:\b(?:in|into|across|near|toward|towards|inside|outside|within|throughout|border\s+with|"
    r"borders\s+with|frontier\s+with|out\s+of|(?:fled|flee|flees|fleeing|defected|defects|escaped|returned|"
    r"travell?ed|moved|deported|headed|went|came|arrived|ambassador|envoy)\s+(?:back\s+)?(?:to|from))"
    r"\s+(?:the\s+)?|[/-])$",
    re.IGNORECASE,
)
_PLACE_AFTER = re.compile(
    r"(?:['’]s)?(?:\s*[/-]\s*[A-Z][\w-]*)?\s+(?:border|borders|frontier)\b", re.IGNORECASE
)
_ARTICLE = re.compile(r"\b(?:[Tt]he|[Aa]n?)\s$")
_NEXT_WORD = re.compile(r"\s+([a-z]+)")
_NEXT_TWO_WORDS = re.compile(r"\s+([a-z]+)(?:\s+([a-z]+))?")
_AFTER_NAME = re.compile(r"(?:['’]s|-(?:led|aligned|allied|affiliated|loyal))?\s+([A-Za-z]+(?:\s+[a-z]+)?)")
_JOINED = re.compile(r"[-/]\w")
_DETERMINED = re.compile(r"(?:\bthe|\bits|\btheir|\bour|['’]s)\s+$")
# One-word state labels that also work as modifiers, and the words after which they are still the head:
# a head is followed by a verb or a function word, a modifier by the noun it modifies.
_ATTRIBUTIVE = frozenset({"military", "army", "government", "police", "security", "regime", "state"})
_CLAUSE_WORDS = frozenset(
    ["said", "says", "say", "told", "has", "have", "had", "is", "are", "was", "were", "will", "would",
     "could", "can", "may", "might", "and", "or", "but", "in", "on", "at", "to", "from", "with", "for", "by",
     "also", "later", "then", "who", "which", "that", "as", "after", "before", "since", "during", "near",
     "into", "against"]
)  # fmt: skip
_BARE_NEEDS_THE = frozenset({"government", "administration", "authorities"})


@dataclass(frozen=True)
class Named:
    """A knowledge-base name in the document, with the entry chosen for it and how the choice was made."""

    start: int
    end: int
    core_start: int  # the alias itself, without "pro-" or a following "forces"
    core_end: int
    text: str
    entry: ActorEntry
    how: str  # alias | abbreviation | leader
    key: str
    rule: str
    confidence: float
    anti: bool = False  # "anti-Haftar forces": the opponents of the entry


@dataclass(frozen=True)
class Label:
    """A generic label ("the army", "militants", "Afghan police", "its fighters") to be resolved."""

    start: int
    end: int
    text: str
    kind: str  # a label kind of actors.yaml, "external" for a bare country name, or "pronoun"
    head: str  # the label word(s) or pronoun
    country: Country | None = None  # a demonym or country name in the label ("Turkish drones")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Return (start, end) of each sentence: a light splitter for documents read before parsing."""
    spans, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        if m.start() > start:
            spans.append((start, m.start()))
        start = m.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


@functools.lru_cache(maxsize=32)
def folded_label(kb: ActorKB, name: str) -> frozenset[str]:
    """A word list of the knowledge base's labels, folded as the scan folds text: once per list, not once
    per document."""
    return frozenset(fold(w) for w in kb.labels.get(name, ()))


class Scan:
    """Every actor-like span of one document, in text order, with sentence lookup and attachment tests."""

    def __init__(
        self,
        text: str,
        kb: ActorKB,
        countries: Countries,
        country: Country | None,
        year: int | None,
        month: int | None = None,
        day: int | None = None,
    ):
        self.text, self.kb, self.country, self.year = text, kb, country, year
        # only pick between two regimes or names of one year (some changed mid-month)
        self.month, self.day = month, day
        self.sentences = split_sentences(text)
        self._sentence_starts = [s for s, _ in self.sentences]
        self._heads = folded_label(kb, "armed_heads")
        self._pronoun_memo: list[tuple[int, int, str, tuple[int, int] | None]] | None = None
        self._areas = Counter(name for m in kb.area_index.find(text) for name in m.values)
        matches = kb.scan(text)
        self.named = [n for m in matches if (n := self._choose(m, text)) is not None]
        self.named = sorted([*self.named, *self._paired(text)], key=lambda n: n.start)
        self._named_starts = [n.core_start for n in self.named]
        self.labels = self._labels(countries)

    def sentence(self, pos: int) -> tuple[int, int]:
        """Return the sentence span holding character `pos`."""
        i = max(0, bisect.bisect_right(self._sentence_starts, pos) - 1)
        return self.sentences[i] if self.sentences else (0, len(self.text))

    def sentence_index(self, pos: int) -> int:
        """Return the index of the sentence holding `pos`."""
        return max(0, bisect.bisect_right(self._sentence_starts, pos) - 1)

    def in_quote(self, pos: int) -> bool:
        """Return whether `pos` lies inside quotation marks of its sentence (someone else's voice)."""
        s, _ = self.sentence(pos)
        before = self.text[s:pos]
        return before.count("“") > before.count("”") or before.count('"') % 2 == 1

    # ------------------------------------------------------------------ choosing entries for names
    def _choose(self, m: AliasMatch, text: str) -> Named | None:
        iso2 = self.country.iso2 if self.country else None
        if _MODIFIER_OF.match(text, m.end):  # "UN-backed", "Turkish-backed": a modifier, not a participant
            return None
        pool = [e for e in m.candidates if e.is_valid(self.year)]
        if m.key[:1].islower():  # descriptive alias: only in the entry's own country and years
            pool = [e for e in pool if e.country is None or iso2 is None or e.country == iso2]
            if not pool:
                return None
        confidence = {"alias": 0.95, "abbreviation": 0.9}.get(m.how, 0.85)
        note = ""
        if not pool:
            pool, confidence, note = list(m.candidates), confidence * 0.6, " (outside its years)"
        if iso2 is not None:
            # An entry of another country ("NATO's Libya mission" in an Afghan report) is never meant.
            pool = [e for e in pool if e.country == iso2] or [e for e in pool if e.country is None] or pool
        if len(pool) > 1:
            pool, confidence = self._by_context(pool), confidence * 0.85
        entry = pool[0]
        local = [c for c in self.kb.children(entry.name) if c.country == iso2 and c.is_valid(self.year)]
        # the branch named "<entry> (<country>)", else the entry's only branch in the country ("Islamic State"
        # in an Egyptian report: its Sinai province, "State of Sinai")
        branch = next((c for c in local if c.name.startswith(entry.name + " (")), None)
        if branch is None and len(local) == 1:
            branch = local[0]
        if entry.country is None and branch is not None and branch.is_valid(self.year):
            entry, note = branch, note + f" -> branch in {branch.country}"
        if (region := self._regional_branch(entry)) is not None:
            entry, note = region, note + f" -> {region.name} by its areas"
        start, end, anti = m.start, m.end, False
        prefix = text[max(0, start - 5) : start].lower()
        if prefix.endswith(("pro-", "pro ")):
            start -= 4
        elif prefix.endswith("anti-"):
            start, anti = start - 5, True
        end = self._extend_head(end)
        rule = f"{m.how}:{'anti-' if anti else ''}{m.key}{note}"
        return Named(start, end, m.start, m.end, text[start:end], entry, m.how, m.key, rule, confidence, anti)

    def _paired(self, text: str) -> list[Named]:
        """Identity groups paired by "and" with a militia named after them ("Tebu and Awlad Sulaiman
        fighters"), which the knowledge base's "<group> <noun>" phrases miss."""
        if not any(n.entry.inter == 4 and n.how == "alias" for n in self.named):
            return []
        found = [(n.start, n.end, n.entry, n.key, n.confidence) for n in self.named if n.how == "alias"]
        return [
            Named(s, e, s, e, text[s:e], entry, "alias", key, rule, round(conf, 3))
            for s, e, entry, key, rule, conf in paired_groups(text, found, self.kb)
        ]

    def _regional_branch(self, entry: ActorEntry) -> ActorEntry | None:
        """Return the regional branch of `entry` whose territory the document names most ("Islamic State"
        in a report on Sirte: its Tripoli province), or None when it names none."""
        scored = [
            (self._areas[c.name], c)
            for c in self.kb.children(entry.name)
            if c.areas and c.is_valid(self.year)
        ]
        best = max(scored, key=lambda x: x[0], default=None)
        return best[1] if best is not None and best[0] > 0 else None

    def _by_context(self, pool: list[ActorEntry]) -> list[ActorEntry]:
        """Order same-alias candidates by how often their own distinctive words occur in the document."""
        words = {e.name: {fold(t.group()) for p in (e.name, *e.aliases) for t in tokens(p)} for e in pool}
        shared = set.intersection(*words.values())
        doc = [fold(t.group()) for t in tokens(self.text)]
        score = {e.name: sum(1 for w in doc if w in words[e.name] - shared) for e in pool}
        # Ties go to the entry valid for the shortest period: in its years, a mission or regime name is
        # what the words meant ("NATO" in 2011 Libya reports: Operation Unified Protector).
        return sorted(pool, key=lambda e: (-score[e.name], _span_years(e)))

    def _extend_head(self, end: int) -> int:
        """Extend a name over an armed noun after it: "LNA units", "Haftar's forces", "Haftar-led forces"."""
        m = _AFTER_NAME.match(self.text, end)
        if not m:
            return end
        words = m.group(1).split()
        if fold(words[0]) in self._heads:
            return m.start(1) + len(words[0])
        if (
            len(words) > 1
            and words[0].islower()
            and words[0] not in _CLAUSE_WORDS
            and fold(words[1]) in self._heads
        ):
            return m.end(1)
        return end

    # ------------------------------------------------------------------ labels, countries, pronouns
    def _labels(self, countries: Countries) -> list[Label]:
        taken = [(n.start, n.end) for n in self.named]
        # "its fighters", "their forces": the pronoun decides, not the generic word after it
        out: list[Label] = [p for p in self._pronouns(taken) if p.end > p.start + len(p.head)]
        taken += [(p.start, p.end) for p in out]
        forces = self._force_names(countries, taken)
        out += forces
        taken += [(f.start, f.end) for f in forces]
        found = self.kb.label_index.find(self.text)
        aerial = self.kb.aerial_index.find(self.text)
        used: set[int] = set()
        for cm in countries.index.find(self.text):
            if _overlaps(cm.start, cm.end, taken):
                continue
            c, how = cm.values[0]
            nxt = next((m for m in found if m.start >= cm.end), None)
            air = next((m for m in aerial if m.start >= cm.end), None)
            if nxt and nxt.values[0] != "coref" and self._country_gap(cm.end, nxt.start):
                start = self._with_article(cm.start)
                out.append(Label(start, nxt.end, self.text[start : nxt.end], nxt.values[0], nxt.text, c))
                used.add(nxt.start)
                taken.append((cm.start, nxt.end))
            elif air and _AIRCRAFT_GAP.fullmatch(self.text, cm.end, air.start):
                # "French aircraft", "British Apache helicopters": a state's air power, like "French troops"
                start = self._with_article(cm.start)
                out.append(Label(start, air.end, self.text[start : air.end], "state", air.text, c))
                used.update(m.start for m in found if cm.start <= m.start < air.end)
                taken.append((cm.start, air.end))
            elif how == "demonym" and (model := _AIRCRAFT_MODEL.match(self.text, cm.end)) is not None:
                start = self._with_article(cm.start)
                text = self.text[start : model.end()]
                out.append(Label(start, model.end(), text, "state", model.group().strip(), c))
                taken.append((cm.start, model.end()))
            elif how == "demonym" and c.is_plural_demonym(cm.text):
                out.append(Label(cm.start, cm.end, cm.text, "civilian", cm.text, c))
            elif (
                how != "demonym"
                and not _MODIFIER_OF.match(self.text, cm.end)
                and not self._as_place(cm.start, cm.end)
            ):
                out.append(Label(cm.start, cm.end, cm.text, "external", cm.text, c))
        for m in found:
            if m.start in used or _overlaps(m.start, m.end, taken):
                continue
            kind = m.values[0]
            before = self.text[max(0, m.start - 5) : m.start].lower()
            if kind.startswith("state") and before.endswith("anti-"):
                kind = "hostile_armed"
            elif fold(m.text) in _BARE_NEEDS_THE and not before.endswith("the "):
                continue
            if m.text.split()[-1][:1].isupper() and _NEXT_CAPITAL.match(self.text, m.end):
                continue  # "The Military Media Centre": part of a name
            if kind in ("state_claim", "state", "police") and self._attributive(m.start, m.end):
                continue
            start = self._with_article(m.start)
            out.append(Label(start, m.end, self.text[start : m.end], kind, m.text))
        bare = self._pronouns(taken + [(x.start, x.end) for x in out])
        out.extend(p for p in bare if p.end == p.start + len(p.head))
        return sorted(out, key=lambda x: x.start)

    def _country_gap(self, end: int, label_start: int) -> bool:
        """Whether a country name and a label after it are one phrase ("Libya's internationally recognised
        government", "Afghan special forces"), not a clause: "Egypt bombed militant camps"."""
        if not _COUNTRY_GAP.fullmatch(self.text, end, label_start):
            return False
        gap = self.text[end:label_start]
        if gap.startswith(("'", "’")):
            return True
        return not any(w.endswith("ed") or w in _CLAUSE_WORDS for w in gap.split())

    def _as_place(self, start: int, end: int) -> bool:
        """Whether a country's name stands for where something is or goes, not for its state acting."""
        before = self.text[max(0, start - 24) : start]
        return bool(_PLACE_BEFORE.search(before) or _PLACE_AFTER.match(self.text, end))

    def _force_names(self, countries: Countries, taken: list[tuple[int, int]]) -> list[Label]:
        """Labels for the names of a country's own forces ("FARDC", "Kenya Defence Forces").

        A name joined by a hyphen or slash to what follows is part of a longer one ("SPLA-IO", the armed
        opposition to the SPLA), which the knowledge base or nothing names.
        """
        out: list[Label] = []
        for m in countries.state_index.find(self.text):
            c, how = m.values[0]
            if how == "cue" or _overlaps(m.start, m.end, taken) or _JOINED.match(self.text, m.end):
                continue
            start, end = self._with_article(m.start), self._extend_head(m.end)  # "KDF soldiers"
            out.append(Label(start, end, self.text[start:end], "police" if how == "police" else "state",
                             m.text, c))  # fmt: skip
        return out

    def _with_article(self, start: int) -> int:
        """Return where a label starts once a directly preceding article is included ("the army")."""
        m = _ARTICLE.search(self.text, max(0, start - 4), start)
        return m.start() if m else start

    def _attributive(self, start: int, end: int) -> bool:
        """Return whether a one-word state label modifies a noun: "a military operation", "police station"."""
        word = fold(self.text[start:end])
        if word not in _ATTRIBUTIVE:
            return False
        before = self.text[max(0, start - 12) : start].lower()
        if _DETERMINED.search(before):
            return False
        nxt = _NEXT_WORD.match(self.text, end)
        return nxt is not None and nxt.group(1) not in _CLAUSE_WORDS and not nxt.group(1).endswith("ed")

    def _pronouns(self, taken: list[tuple[int, int]]) -> list[Label]:
        out: list[Label] = []
        for start, head_end, word, next_word in self._pronoun_spans():
            if word in ("its", "their") and next_word and _overlaps(*next_word, taken):
                continue  # "its residents": the label itself decides
            if not _overlaps(start, head_end, taken):
                out.append(Label(start, head_end, self.text[start:head_end], "pronoun", word))
        return out

    def _pronoun_spans(self) -> list[tuple[int, int, str, tuple[int, int] | None]]:
        """(start, end with its head noun, the pronoun, the next word's span) of each pronoun that may
        stand for an actor: read once per text, as the labels are sought twice."""
        if self._pronoun_memo is not None:
            return self._pronoun_memo
        found: list[tuple[int, int, str, tuple[int, int] | None]] = []
        for m in _PRONOUN.finditer(self.text):
            word = m.group(1).lower()
            nxt = _NEXT_TWO_WORDS.match(self.text, m.end())
            head_end = m.end()
            if nxt and fold(nxt.group(1)) in self._heads:
                head_end = nxt.end(1)
            elif nxt and nxt.group(2) and fold(nxt.group(2)) in self._heads:
                head_end = nxt.end(2)
            if word == "his" and head_end == m.end():
                continue
            if word == "it" and not _SAID_IT.search(self.text, max(0, m.start() - 30), m.start()):
                continue
            found.append((m.start(), head_end, word, nxt.span(1) if nxt else None))
        self._pronoun_memo = found
        return found

    # ------------------------------------------------------------------ attachment of labels to names
    def named_at(self, pos: int) -> Named | None:
        """Return the name whose alias starts at `pos`, or None."""
        i = bisect.bisect_left(self._named_starts, pos)
        return self.named[i] if i < len(self.named) and self.named[i].core_start == pos else None

    def named_before(self, pos: int) -> Named | None:
        """Return the last name ending at or before `pos`."""
        best = None
        for n in self.named:
            if n.start >= pos:
                break
            best = n
        return best

    def _fillers_then_name(self, pos: int, limit: int) -> Named | None:
        """Return the name after `pos` when only titles, articles and possessives stand between."""
        i = bisect.bisect_left(self._named_starts, pos)
        if i >= len(self.named) or self.named[i].start >= limit:
            return None
        target = self.named[i]
        gap = self.text[pos : target.start]
        if any(fold(t.group()) not in self.kb.titles for t in tokens(gap)) or len(gap) > 60:
            return None
        return target if not re.search(r"[.;:!?]", gap) else None

    def attachment(self, start: int, end: int) -> tuple[Named, str] | None:
        """Return the name a label or cue at [start, end) is attached to, with the link that attaches it."""
        s_start, s_end = self.sentence(start)
        for n in self.named:
            if n.start <= start and end <= n.end:
                return n, "in-name"
        if (t := self._fillers_then_name(end, s_end)) is not None:
            return t, "before-name"
        link = _LINK_AFTER.match(self.text, end)
        if link and (t := self._fillers_then_name(link.end(), s_end)) is not None:
            return t, link.group().strip(" ,")
        ap = _APPOSITION.match(self.text, end)
        t = self.named_at(ap.end()) if ap and "," in ap.group() else None
        if t is not None and not _SPEECH.match(self.text, t.end):
            return t, "apposition"
        prev = self.named_before(start)
        if prev is not None and prev.start >= s_start:
            gap = self.text[prev.core_end : start]
            for pattern, how in ((_POSSESSIVE, "possessive"), (_HYPHEN_LINK, "led"), (_WHOSE, "whose")):
                if pattern.fullmatch(gap):
                    return prev, how
        return None


def _overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(start < e and s < end for s, e in spans)


def _span_years(e: ActorEntry) -> int:
    """Return how many years an entry is valid for (open ends count as a century)."""
    start, end = e.start_year or 1900, e.end_year or 2100
    return end - start
