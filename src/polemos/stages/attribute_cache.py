"""The spaCy model's rule-based components (attribute ruler, lemmatizer), memoized per word and tag.

In the small English model these two components cost about as much as the tagger and parser together:
they are Python loops and a token Matcher run over every token. Yet what they give a token (its
universal POS, morphology and lemma) depends only on the token's text, its tag and its dependency label,
except where a pattern spans several tokens. `RuleAttributes` runs the real components on a document the
first time one of its (word, tag, label) keys is seen and remembers what they gave each token; a
document made only of known keys gets the remembered values, which are the values the components would
have set. Documents holding a word of a multi-token pattern ("gon na", "let 's") always go through the
real components, and a pipeline whose rules this cannot bound is run as it is.
"""

from __future__ import annotations

from typing import Any

# Token-pattern keys whose value is a function of (text, tag, dependency label); no OP quantifiers.
_LOCAL_KEYS = frozenset({"ORTH", "TEXT", "LOWER", "NORM", "TAG", "DEP", "IS_SPACE"})
# Components memoized here, in the order the model runs them (after the tagger and parser).
COMPONENTS = ("attribute_ruler", "lemmatizer")
# Keys remembered at most; the memo starts afresh beyond (a long-running worker must not grow forever).
MEMO_LIMIT = 300_000


class RuleAttributes:
    """Apply the attribute ruler and the lemmatizer to parsed Docs, remembering their output per key."""

    def __init__(self, nlp: Any) -> None:
        from spacy.attrs import DEP, LEMMA, LOWER, MORPH, ORTH, POS, TAG

        self._key_attrs = [ORTH, TAG, DEP, LOWER]
        self._set_attrs = [POS, MORPH, LEMMA]
        self._components = [nlp.get_pipe(n) for n in COMPONENTS if n in nlp.pipe_names]
        ruler_ok, context_words = _ruler_bounds(nlp)
        # The pipeline order must be tagger/parser first, then these: what they read is then final.
        names = list(nlp.pipe_names)
        tail = [n for n in names if n in COMPONENTS]
        self.enabled = ruler_ok and bool(tail) and names[-len(tail) :] == tail
        self.disabled = tuple(tail) if self.enabled else ()
        self._context = frozenset(nlp.vocab.strings.add(w) for w in context_words)
        # (orth, tag, dep) -> (pos, morph, lemma) as the components left a token with that key.
        self._memo: dict[tuple[int, int, int], tuple[int, int, int]] = {}

    def __call__(self, doc: Any) -> Any:
        """Set POS, morphology and lemma on a Doc the tagger and parser have processed."""
        import numpy

        rows = doc.to_array(self._key_attrs).tolist()
        if not rows or any(r[3] in self._context for r in rows):
            return self._run(doc)
        memo = self._memo
        keys = [(r[0], r[1], r[2]) for r in rows]
        if not all(k in memo for k in keys):
            if len(memo) > MEMO_LIMIT:
                memo.clear()
            self._run(doc)
            after = doc.to_array([*self._key_attrs[:3], *self._set_attrs]).tolist()
            for key, row in zip(keys, after, strict=True):
                if tuple(row[:3]) == key:  # the rules changed no tag or label: the key stays valid
                    memo[key] = (row[3], row[4], row[5])
            return doc
        values = numpy.array([memo[k] for k in keys], dtype="uint64").reshape(len(keys), 3)
        doc.from_array(self._set_attrs, values)
        return doc

    def _run(self, doc: Any) -> Any:
        for component in self._components:
            doc = component(doc)
        return doc


def _ruler_bounds(nlp: Any) -> tuple[bool, set[str]]:
    """(can the ruler be memoized per token, the words of its multi-token patterns).

    A multi-token pattern is recognised by one of its words named by text; one with no word so named
    (or a pattern reading any other token attribute) makes the ruler unboundable.
    """
    if "attribute_ruler" not in nlp.pipe_names:
        return True, set()
    words: set[str] = set()
    for pattern in nlp.get_pipe("attribute_ruler").patterns:
        for spec in pattern.get("patterns", []):
            if not isinstance(spec, list):
                return False, set()  # a Doc-pattern (phrase) rule: not bounded here
            if any(not _LOCAL_KEYS.issuperset(tok) for tok in spec):
                return False, set()
            if len(spec) > 1:
                named = [_named(tok) for tok in spec]
                if not any(named):
                    return False, set()
                words.update(next(n for n in named if n))
    return True, words


def _named(spec: dict[str, Any]) -> list[str]:
    """Lower-cased words a token pattern names by ORTH, TEXT or LOWER (exactly or with IN)."""
    out: list[str] = []
    for attr in ("ORTH", "TEXT", "LOWER"):
        value = spec.get(attr)
        if isinstance(value, str):
            out.append(value.lower())
        elif isinstance(value, dict) and isinstance(value.get("IN"), list) and len(value) == 1:
            out.extend(str(v).lower() for v in value["IN"])
    return out
