"""Find the two ends of a relation cue: the actor or place before it and after it, and the words between.

Only filler words may stand between a cue and its ends; negation or modality in the words before a cue
cancel its statement, and a hedge lowers its confidence.
"""

from __future__ import annotations

import re
from typing import Any

from polemos.knowledge.phrases import fold
from polemos.stages.relation_cues import WORD, RelationCues
from polemos.stages.relation_sentence import Cue, End, RelationSentence, is_masked

__all__ = ["EndFinder"]

_MAX_SUBJECT_WORDS = 8
_MAX_OBJECT_WORDS = 5
_GAP_PUNCTUATION = frozenset(" \t\n,()–—-\"'’“”")
_COORDINATION = re.compile(r"(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or|as well as|along with)\s+)(?:the\s+)?")


class EndFinder:
    """The rules that tie a cue to the ends before and after it, by the words of the cue file."""

    def __init__(self, cues: RelationCues) -> None:
        self.cues = cues

    # ------------------------------------------------------------------ words between a cue and its ends
    def gap_words(self, gap: str) -> list[str] | None:
        """Return the folded words of a gap, or None when it holds punctuation other than commas/dashes."""
        rest = WORD.sub("", gap.replace("n't", "").replace("n’t", ""))
        if any(c not in _GAP_PUNCTUATION for c in rest):
            return None
        return WORD.findall(fold(gap).replace("n't", " not").replace("n’t", " not"))

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
        if any(w[:1].isupper() for w in WORD.findall(gap)):
            return False
        return not any(w in self.cues.object_stops for w in words)

    def blocked(self, window: str) -> bool:
        """Return whether negation or modality in `window` (the words before a cue) cancel the statement."""
        words = WORD.findall(fold(window).replace("n't", " not").replace("n’t", " not"))
        for phrase in (*self.cues.negation, *self.cues.modality):
            n = len(phrase)
            if n and any(tuple(words[i : i + n]) == phrase for i in range(len(words) - n + 1)):
                return True
        return any(
            w == "to" and (i == 0 or words[i - 1] not in self.cues.to_after) for i, w in enumerate(words)
        )

    def hedged(self, window: str) -> bool:
        return any(w in self.cues.hedges for w in WORD.findall(fold(window)))

    # ------------------------------------------------------------------ finding the ends
    def before(self, st: RelationSentence, cue: Cue, ends: list[End]) -> tuple[End, str] | None:
        """Return the end standing before the cue in its clause (its subject) and the words between."""
        masks = st.masks(cue.start)
        start, relative = st.clause_start(cue.start, masks)
        pool = [e for e in ends if start <= e.start and e.end <= cue.start and not is_masked(e.start, masks)]
        if pool:
            e = max(pool, key=lambda x: x.end)
            gap = st.unmasked(e.end, cue.start, masks)
            return (e, gap) if self.subject_gap(gap) else None
        if relative is not None:  # ", which supports Haftar": the antecedent stands right before the comma
            pool = [e for e in ends if e.end <= relative and not is_masked(e.start, masks)]
            if pool:
                e = max(pool, key=lambda x: x.end)
                between = st.unmasked(e.end, relative, masks)
                if not between.strip(" )'’\""):
                    return e, st.unmasked(relative, cue.start, masks)
        return None

    def parsed_before(self, st: RelationSentence, cue: Cue, ends: list[End]) -> tuple[End, str] | None:
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

    def after(self, st: RelationSentence, cue: Cue, ends: list[End], *, many: bool) -> list[End]:
        """Return the end(s) after the cue: its object, and the rest of a coordinated list."""
        masks = st.masks(cue.end)
        limit = st.clause_end(cue.end)
        pool = sorted(
            (e for e in ends if cue.end <= e.start < limit and not is_masked(e.start, masks)),
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
