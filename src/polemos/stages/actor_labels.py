"""Read the generic labels of a document for the actor scan (actors stage): "the army", "Afghan police",
"French aircraft", a country acting as a party, the names of a country's own forces, and pronouns that may
stand for an actor ("its fighters", "they"). polemos.stages.actor_scan finds the knowledge base's names
first; the labels are read around them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from polemos.knowledge.actors import ActorKB
from polemos.knowledge.countries import Countries, Country
from polemos.knowledge.phrases import fold

# What makes a name or country a modifier, not a participant: "UN-backed", "Turkish-backed".
MODIFIER_OF = re.compile(r"-(?:backed|supported|brokered|based|sponsored|funded|run)\b")
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
# Irregular past tenses, which a head label may open its clause with as it does a verb in -ed ("police
# shot dead a suspect", "soldiers beat a trader"): the word before them is the doer, not a modifier
_IRREGULAR_PAST = frozenset(
    ["shot", "beat", "struck", "caught", "threw", "fought", "took", "hit", "broke", "overran", "tore",
     "burnt", "shut", "found", "stole", "drove", "ran", "swept", "stood", "beaten"]
)  # fmt: skip
# Acts a head label opens its clause with in the present tense of ACLED's notes and headlines ("Police
# shoot and kill a civilian", "Police assault and arrest a journalist"): after "a" or "an" they are rather
# nouns ("a police raid")
_PRESENT_ACTS = frozenset(
    ["shoot", "shoots", "kill", "kills", "beat", "beats", "arrest", "arrests", "assault", "assaults",
     "attack", "attacks", "disperse", "disperses", "detain", "detains", "torture", "tortures", "abduct",
     "abducts", "raid", "raids", "storm", "storms", "fire", "fires", "open", "opens", "clash", "clashes",
     "whip", "whips", "harass", "harasses", "rape", "rapes", "burn", "burns", "demolish", "demolishes",
     "carry", "carries", "conduct", "conducts", "launch", "launches", "round", "rounds"]
)  # fmt: skip
# Adverbs that stand between a head label and its verb ("Somaliland police reportedly shoot")
_HEDGES = frozenset(
    ["reportedly", "allegedly", "subsequently", "immediately", "later", "then", "forcibly", "violently",
     "brutally", "repeatedly", "eventually", "finally", "recently", "previously", "quickly", "again"]
)  # fmt: skip
_BARE_NEEDS_THE = frozenset({"government", "administration", "authorities"})


@dataclass(frozen=True)
class Label:
    """A generic label ("the army", "militants", "Afghan police", "its fighters") to be resolved."""

    start: int
    end: int
    text: str
    kind: str  # a label kind of actors.yaml, "external" for a bare country name, or "pronoun"
    head: str  # the label word(s) or pronoun
    country: Country | None = None  # a demonym or country name in the label ("Turkish drones")


def extend_head(text: str, end: int, heads: frozenset[str]) -> int:
    """Extend a name over an armed noun after it: "LNA units", "Haftar's forces", "Haftar-led forces"."""
    m = _AFTER_NAME.match(text, end)
    if not m:
        return end
    words = m.group(1).split()
    if fold(words[0]) in heads:
        return m.start(1) + len(words[0])
    if (
        len(words) > 1
        and words[0].islower()
        and words[0] not in _CLAUSE_WORDS
        and not _past_verb(words[0])
        and fold(words[1]) in heads
    ):
        return m.end(1)
    return end


# Participles that modify the armed noun after a name ("Haftar aligned forces", "IS linked militants")
_MODIFIER_PARTICIPLES = frozenset(
    ["backed", "linked", "aligned", "affiliated", "allied", "armed", "based", "led", "supported", "sponsored",
     "trained", "funded", "associated", "inspired", "controlled", "dominated", "equipped", "organised",
     "organized", "disguised", "embedded", "attached"]
)  # fmt: skip


def _past_verb(word: str) -> bool:
    """Whether the word between a name and an armed noun is rather the verb of a clause ("rebels repulsed
    loyalists", "rebels fought soldiers"): then the noun is the deed's object, not the name's head."""
    return word in _IRREGULAR_PAST or (word.endswith("ed") and word not in _MODIFIER_PARTICIPLES)


class LabelReader:
    """The labels of one text, read around the names already found there."""

    def __init__(self, text: str, kb: ActorKB, heads: frozenset[str]) -> None:
        self.text, self.kb = text, kb
        self._heads = heads  # the armed nouns a name or pronoun takes as its head ("its fighters")
        self._pronoun_memo: list[tuple[int, int, str, tuple[int, int] | None]] | None = None

    def read(self, countries: Countries, taken: list[tuple[int, int]]) -> list[Label]:
        """Return the labels of the text outside `taken` (the names found), in text order."""
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
                and not MODIFIER_OF.match(self.text, cm.end)
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
            start = self._with_article(m.start)
            end = extend_head(self.text, m.end, self._heads)  # "KDF soldiers"
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
        if nxt is None or nxt.group(1) in _IRREGULAR_PAST:
            return False
        if nxt.group(1) in _PRESENT_ACTS and not re.search(r"\ban?\s+$", before):
            return False
        if nxt.group(1) in _HEDGES:
            return False  # "police reportedly shoot": a hedge opens the head's clause
        return nxt.group(1) not in _CLAUSE_WORDS and not nxt.group(1).endswith("ed")

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


def _overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(start < e and s < end for s, e in spans)
