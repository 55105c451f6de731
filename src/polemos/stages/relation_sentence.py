"""One sentence as the relations stage sees it: its actor and place ends, clause bounds and masked spans."""

from __future__ import annotations

import re
from dataclasses import dataclass

from polemos.model import DatePoint, Place
from polemos.stages.actors import ActorMention
from polemos.stages.annotate import Sentence
from polemos.stages.relation_cues import CuePattern

__all__ = ["Cue", "End", "RelationSentence", "is_eligible", "is_masked"]

# An end of a relation must be an organised actor named or resolved with some certainty: a generic label
# guessed as "the most salient opponent" is a reading of the document, not a statement of the sentence.
_MIN_END_CONFIDENCE = 0.5
_ORGANISED = frozenset({"state", "armed", "external"})
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


@dataclass(frozen=True)
class End:
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
class Cue:
    """A cue pattern matched in a sentence, with its span in Document.text."""

    start: int
    end: int
    text: str
    pattern: CuePattern


class RelationSentence:
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
            End(m.start, m.end, m.text, m.actor.name, m.rule, m.confidence, mention=m)
            for m in mentions
            if is_eligible(m)
        ]
        self.all_mentions = mentions
        self.places = [
            End(p.start, p.end, text[p.start : p.end], p.name, p.reason, 1.0, place=p) for p in places
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
            if is_masked(a, masks):
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


def is_masked(pos: int, masks: list[tuple[int, int]]) -> bool:
    """Return whether `pos` falls inside one of the masked spans."""
    return any(a <= pos < b for a, b in masks)


def is_eligible(m: ActorMention) -> bool:
    """Return whether an actor mention may stand at an end of a relation."""
    return (
        m.category in _ORGANISED
        and m.confidence >= _MIN_END_CONFIDENCE
        and "(most salient)" not in m.rule
        and not m.actor.name.startswith("Unidentified")
    )
