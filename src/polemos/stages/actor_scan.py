"""Find every actor-like span of a document (names, countries, generic labels, pronouns) for the actors stage.

The first half of actor resolution: it chooses among knowledge-base entries by year, country and context
and records how a label is syntactically attached to a name ("militias loyal to Haftar"); the labels
themselves are read by polemos.stages.actor_labels. Deciding which actor a generic label means is left to
polemos.stages.actors, with the framing of polemos.stages.framing.
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
from polemos.stages.actor_labels import MODIFIER_OF, LabelReader, extend_head
from polemos.stages.actor_selfnamed import self_named_actors
from polemos.stages.actor_units import unlisted_units

_SENTENCE_END = re.compile(
    r"(?<=[.!?])[\"'”’)]*\s+(?=[\"'“‘(<]?[A-Z0-9<])|(?<=[a-z0-9][.!?])(?=[A-Z][a-z])|\n\s*"
)
# Links that attach a label to the name after it: "forces, led by Haftar", "militias loyal to Haftar" (or
# "linked to", "tied to" it: "executed by fighters linked to the LNA" are the LNA's, not its enemy's),
# "fighters from a Tebu militia" (a place after "from" is no name: "fighters from Misrata" stay unnamed), and
# the owner of what a label names: "aircraft (thought to) belong(ing) to Misratan forces", "jets flown by".
_LINK_AFTER = re.compile(
    r"\s*,?\s*(?:(?:which|who|that)\s+(?:is|are)\s+)?(?:(?:led|commanded|headed|controlled|run|directed|loyal"
    r"|affiliated|allied|aligned|under|of|from)(?:\s+(?:by|to|with))?(?:\s+the\s+command\s+of)?"
    r"|(?:(?:thought|believed|said|reported|understood|suspected|alleged)\s+to\s+)?belong(?:s|ing)?\s+to"
    r"|(?:linked|tied)\s+(?:to|with)|(?:owned|operated|flown)\s+by)\s+",
    re.IGNORECASE,
)
# A name's own head and a further leading link after it: "(pro-GNC) factions led by", "forces loyal to"
_LED_ON = re.compile(
    r"(?:\s+[a-z][\w-]*){0,2}?\s+(?:(?:led|commanded|headed|directed)\s+by|loyal\s+to)\s+(?:the\s+)?",
    re.IGNORECASE,
)
_POSSESSIVE = re.compile(r"['’]s(?:\s+[a-z][\w-]*){0,2}\s+")  # "Haftar's (own) militia"
_HYPHEN_LINK = re.compile(r"-(?:led|aligned|allied|affiliated|loyal|controlled)(?:\s+[a-z][\w-]*)?\s+")
_WHOSE = re.compile(r"\s*,\s*whose\s+")
_APPOSITION = re.compile(r"(?:\s+[a-z][\w-]*){0,2}\s*,\s*(?:the\s+)?")  # "militia coalition, the DMSC"
_SPEECH = re.compile(r"\s*(?:\([A-Z]+\)\s*)?(?:said|says|told|reported|claimed|announced|stated|added)\b")


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
        self._areas = Counter(name for m in kb.area_index.find(text) for name in m.values)
        # a group's self-given name overrides an alias that only begins it ("Islamic Emirate of Barqa")
        matches, self_named = self_named_actors(text, kb.scan(text), country.iso2 if country else None)
        self.named = [n for m in matches if (n := self._choose(m, text)) is not None]
        self.named += [_self_named(text, *found) for found in self_named]
        self.named = [*self.named, *self._paired(text)]
        self.named = [*self.named, *self._units(text, countries)]
        self.named = _owners_dropped(sorted(self.named, key=lambda n: n.start), text)
        self._named_starts = [n.core_start for n in self.named]
        taken = [(n.start, n.end) for n in self.named]
        self.labels = LabelReader(text, kb, self._heads).read(countries, taken)

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
        if MODIFIER_OF.match(text, m.end):  # "UN-backed", "Turkish-backed": a modifier, not a participant
            return None
        pool = [e for e in m.candidates if e.is_valid(self.year)]
        if m.key[:1].islower():  # descriptive alias: only in the entry's own country and years
            pool = [e for e in pool if e.country is None or iso2 is None or e.country == iso2]
            if not pool:
                return None
        confidence = {"alias": 0.95, "abbreviation": 0.9}.get(m.how, 0.85)
        note = ""
        if not pool and m.how == "leader" and self._before_all(m.candidates):
            # a leader's name before his group's years is the man before he led it: Haftar in 2011-2012
            # was a rebel and then the new army's commander, not yet the LNA's (after them, "loyal to
            # Gaddafi" still names the fallen regime's men)
            return None
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
        end = extend_head(self.text, end, self._heads)
        rule = f"{m.how}:{'anti-' if anti else ''}{m.key}{note}"
        return Named(start, end, m.start, m.end, text[start:end], entry, m.how, m.key, rule, confidence, anti)

    def _units(self, text: str, countries: Countries) -> list[Named]:
        """Armed units the report names that the knowledge base lacks ("the Arouba Brigade")."""
        taken = [(n.start, n.end) for n in self.named]
        iso2 = self.country.iso2 if self.country else None
        return [
            Named(s, e, s, e, text[s:e], entry, "alias", entry.name, f"alias:{entry.name} (unit named)", 0.8)
            for s, e, entry in unlisted_units(text, taken, iso2, lambda w: countries.get(w) is not None)
        ]

    def _before_all(self, entries: tuple[ActorEntry, ...] | list[ActorEntry]) -> bool:
        """Whether the report's year comes before every entry's first year."""
        year = self.year
        return year is not None and all(e.start_year is not None and year < e.start_year for e in entries)

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

    def _led_on(self, n: Named, limit: int) -> Named:
        """The name a chain of leading links ends at: "militiamen led by pro-GNC factions led by Fakhr
        Libya" are Fakhr Libya's, whom the factions follow; `n` where no such link follows it."""
        for _ in range(3):  # a chain of a few links at most
            lead = _LED_ON.match(self.text, n.end)
            nxt = self._fillers_then_name(lead.end(), limit) if lead is not None else None
            if nxt is None:
                return n
            n = nxt
        return n

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
            return self._led_on(t, s_end), link.group().strip(" ,")
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


def _self_named(text: str, start: int, end: int, core_start: int, core_end: int, entry: ActorEntry) -> Named:
    """A group named by the name it gives itself (see actor_selfnamed)."""
    rule = f"alias:{entry.name} (self-named)"
    return Named(start, end, core_start, core_end, text[start:end], entry, "alias", entry.name, rule, 0.8)


_OWNER = re.compile(r"['’]s\s+(?:own\s+|newly\s+formed\s+|new\s+)?")


# A named unit: its name ends in the word of a formation ("Omar Mukhtar Brigade", "Tariq Battalion")
_UNIT_NAME = re.compile(r"\b(?:Brigade|Battalion|Regiment|Division)s?$", re.IGNORECASE)


def _owners_dropped(named: list[Named], text: str) -> list[Named]:
    """Drop a leader named only as the owner of an organisation named right after ("Khalifa Ghwell's
    Libya National Guard", "Tajouri's Tripoli Revolutionaries Brigade"): the organisation is the actor,
    whatever camp the leader heads otherwise. An identity militia after him stays his ("Burki's Misratan
    militia": his own brigade, men of his town). So too a parent force named only as the owner of one of
    its named units ("the LNA's Tariq Brigade"): ACLED codes the named unit alone, not parent and unit as
    two sides."""
    out = []
    for i, n in enumerate(named):
        after = named[i + 1] if i + 1 < len(named) else None
        owner = _OWNER.match(text, n.core_end)
        if (
            owner is not None
            and after is not None
            and after.start == owner.end()
            and after.how != "leader"
            and after.entry.inter != 4
            and (n.how == "leader" or _parent_of_unit(n, after))
        ):
            continue
        out.append(n)
    return out


def _parent_of_unit(parent: Named, unit: Named) -> bool:
    """Whether `parent` (an armed organisation or militia, not a leader) owns `unit`, a named brigade or
    battalion of another entry: "<parent>'s <unit>" names one side, the unit."""
    return (
        parent.entry.inter in (1, 2, 3, 4)
        and unit.entry.inter in (1, 2, 3)
        and unit.entry.name != parent.entry.name
        and _UNIT_NAME.search(_text_of(unit)) is not None
    )


def _text_of(n: Named) -> str:
    """The words of a name as the report wrote them, without trailing punctuation."""
    return n.text.strip(" ,.;:")


def _span_years(e: ActorEntry) -> int:
    """Return how many years an entry is valid for (open ends count as a century)."""
    start, end = e.start_year or 1900, e.end_year or 2100
    return end - start
