"""The spaCy model's rule-based components (attribute ruler, lemmatizer), memoized per word and tag.

In the small English model these two components cost about as much as the tagger and parser together:
they are Python loops and a token Matcher run over every token. Yet what they give a token (its
universal POS, morphology and lemma) depends only on the token's text, its tag and its dependency label,
except where a pattern spans several tokens. `RuleAttributes` remembers, per (word, tag, label) key, what
the real components give a token with that key: keys not seen yet are learnt together, as tokens of one
made-up Doc run through the real components (a one-token pattern sees the same token attributes there
as in its sentence). A Doc in which a multi-token pattern ("gon na", "let 's", "there was") matches goes
through the real components as it is, and a pipeline whose rules this cannot bound is run as it is.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

# Token-pattern keys whose value is a function of (text, tag, dependency label); no OP quantifiers.
_LOCAL_KEYS = frozenset({"ORTH", "TEXT", "LOWER", "NORM", "TAG", "DEP", "IS_SPACE"})
# Components memoized here, in the order the model runs them (after the tagger and parser).
COMPONENTS = ("attribute_ruler", "lemmatizer")
# Keys remembered at most; the memo starts afresh beyond (a long-running worker must not grow forever).
MEMO_LIMIT = 300_000
# Unseen keys learnt per made-up Doc.
LEARN_CHUNK = 5_000

Key = tuple[int, int, int]  # (orth, tag, dep) as spaCy's string hashes


class RuleAttributes:
    """Apply the attribute ruler and the lemmatizer to parsed Docs, remembering their output per key."""

    def __init__(self, nlp: Any) -> None:
        from spacy.attrs import DEP, LEMMA, LOWER, MORPH, ORTH, POS, TAG

        self._vocab = nlp.vocab
        self._key_attrs = [ORTH, TAG, DEP, LOWER]
        self._set_attrs = [POS, MORPH, LEMMA]
        self._after_attrs = [ORTH, TAG, DEP, POS, MORPH, LEMMA]
        self._components = [nlp.get_pipe(n) for n in COMPONENTS if n in nlp.pipe_names]
        ruler_ok, context_words, pairs = _ruler_bounds(nlp)
        # The pipeline order must be tagger/parser first, then these: what they read is then final.
        names = list(nlp.pipe_names)
        tail = [n for n in names if n in COMPONENTS]
        self.enabled = ruler_ok and bool(tail) and names[-len(tail) :] == tail
        self.disabled = tuple(tail) if self.enabled else ()
        self._context = frozenset(nlp.vocab.strings.add(w) for w in context_words)
        # Each word a multi-token pattern names (as the hash of its lower-cased form, the LOWER column
        # `apply` reads) -> (the pattern, the position that names it).
        self._pairs_by_lower: dict[int, list[tuple[list[dict[str, Any]], int]]] = {}
        for spec in pairs:
            for at, tok_spec in enumerate(spec):
                for word in _named(tok_spec):
                    key = nlp.vocab.strings.add(word)
                    self._pairs_by_lower.setdefault(key, []).append((spec, at))
        # Labels no pattern names behave alike: one stands for them all in the key (fewer keys to learn).
        named_deps = _named_labels(nlp)
        strings = nlp.vocab.strings
        self._named_deps = frozenset(strings.add(d) for d in named_deps) if named_deps is not None else None
        self._other_dep = strings.add(_OTHER_LABEL)
        # The ruler's one-token patterns, matched per token in Python when learning (spaCy's Matcher tries
        # every pattern at every token: most of the cost of learning a key).
        self._single = SingleTokenRules.of(nlp) if self.enabled else None
        # key -> (pos, morph, lemma) as the components leave a token with that key; None where they
        # change its tag or label (a Doc holding such a token goes through the real components).
        self._memo: dict[Key, tuple[int, int, int] | None] = {}

    def __call__(self, doc: Any) -> Any:
        """Set POS, morphology and lemma on a Doc the tagger and parser have processed."""
        return self.apply([doc])[0]

    def apply(self, docs: Sequence[Any]) -> list[Any]:
        """Set POS, morphology and lemma on Docs the tagger and parser have processed."""
        import numpy

        annotated = self.annotations(docs)
        for doc, values in annotated:
            if values:
                doc.from_array(self._set_attrs, numpy.array(values, dtype="uint64").reshape(len(values), 3))
        return [doc for doc, _ in annotated]

    def annotations(self, docs: Sequence[Any]) -> list[tuple[Any, list[tuple[int, int, int]] | None]]:
        """Each Doc the tagger and parser have processed, with the (POS, morphology, lemma) hashes the
        components give its tokens; None where the Doc went through the real components instead (it then
        holds them itself). The Docs are not written to otherwise: a reader that only needs the values
        spares the write and the read back."""
        memo = self._memo
        if len(memo) > MEMO_LIMIT:
            memo.clear()
        keyed: list[tuple[Any, list[Key] | None]] = []
        context, named, other = self._context, self._named_deps, self._other_dep
        for doc in docs:
            rows = doc.to_array(self._key_attrs).tolist()
            if not context.isdisjoint([r[3] for r in rows]) and self._pair_matches(doc, rows):
                keyed.append((doc, None))
            elif named is None:
                keyed.append((doc, [(r[0], r[1], r[2]) for r in rows]))
            else:  # labels no pattern names share one key: this runs for every parsed token
                keyed.append((doc, [(r[0], r[1], r[2] if r[2] in named else other) for r in rows]))
        unseen = sorted({k for _, keys in keyed if keys for k in keys if k not in memo})
        for i in range(0, len(unseen), LEARN_CHUNK):
            self._learn(unseen[i : i + LEARN_CHUNK])
        out: list[tuple[Any, list[tuple[int, int, int]] | None]] = []
        for doc, keys in keyed:
            values = [memo[k] for k in keys] if keys is not None else None
            if values is None or any(v is None for v in values):
                out.append((self._run(doc), None))
            else:
                out.append((doc, values))  # type: ignore[arg-type]  # no None among them
        return out

    def _pair_matches(self, doc: Any, rows: list[list[int]]) -> bool:
        """Could a multi-token pattern match this Doc? Checked only where one of its named words stands."""
        for i, row in enumerate(rows):
            for spec, at in self._pairs_by_lower.get(row[3], ()):
                start = i - at
                fits = start >= 0 and start + len(spec) <= len(doc)
                if fits and all(_token_may_match(s, doc[start + k]) for k, s in enumerate(spec)):
                    return True
        return False

    def _learn(self, keys: Sequence[Key]) -> None:
        """Run the components over one Doc made of a token per key; remember what each token got."""
        from spacy.tokens import Doc

        strings = self._vocab.strings
        words = [strings[k[0]] for k in keys]
        doc = Doc(
            self._vocab,
            words=words,
            spaces=[True] * len(words),
            tags=[strings[k[1]] for k in keys],
            deps=[strings[k[2]] for k in keys],
            heads=list(range(len(words))),  # each token its own head: no token reads another
        )
        if self._single is not None:
            # The tokens stand side by side only in this made-up Doc: one-token patterns alone apply.
            self._single.apply(doc)
            for component in self._components[1:]:
                doc = component(doc)
        else:
            doc = self._run(doc)
        for key, row in zip(keys, doc.to_array(self._after_attrs).tolist(), strict=True):
            # A rule that changed the tag or label leaves a key that no longer names the token.
            self._memo[key] = (row[3], row[4], row[5]) if tuple(row[:3]) == key else None

    def _run(self, doc: Any) -> Any:
        for component in self._components:
            doc = component(doc)
        return doc


Spec = dict[str, Any]


class SingleTokenRules:
    """The attribute ruler's one-token patterns, matched token by token as its Matcher matches them.

    `apply` sets on a Doc what the ruler sets there when none of its multi-token patterns matches: the
    same matches (pattern number, token), deduplicated and sorted as `AttributeRuler.match` sorts them,
    handed to the ruler's own `set_annotations`. Patterns are found per token through the word or tag
    they name, so a token is checked against a few patterns, not all of them.
    """

    def __init__(self, ruler: Any, patterns: list[tuple[int, Spec]]) -> None:
        self._ruler = ruler
        self._keys = {i: ruler.vocab.strings.add(str(i)) for i, _ in patterns}
        self._by: dict[tuple[str, Any], list[tuple[int, Spec]]] = {}
        self._rest: list[tuple[int, Spec]] = []
        for i, spec in patterns:
            keys = _index_keys(spec)
            for key in keys:
                self._by.setdefault(key, []).append((i, spec))
            if not keys:
                self._rest.append((i, spec))

    @classmethod
    def of(cls, nlp: Any) -> SingleTokenRules | None:
        """The pipeline's one-token rules; None where a pattern uses what this does not match exactly."""
        if "attribute_ruler" not in nlp.pipe_names:
            return None
        ruler = nlp.get_pipe("attribute_ruler")
        if nlp.pipe_names[nlp.pipe_names.index("attribute_ruler") :][:2] != list(COMPONENTS):
            return None
        patterns: list[tuple[int, Spec]] = []
        for i, pattern in enumerate(ruler.patterns):
            for spec in pattern.get("patterns", []):
                if not isinstance(spec, list) or not all(_exact(tok) for tok in spec):
                    return None
                if len(spec) == 1:
                    patterns.append((i, {str(k).upper(): v for k, v in spec[0].items()}))
        return cls(ruler, patterns)

    def matches(self, doc: Any) -> list[tuple[int, int, int, int]]:
        """(pattern number, its match key, start, end) of every one-token match, as the ruler sorts them."""
        from spacy.attrs import DEP, IS_SPACE, LOWER, NORM, ORTH, TAG

        strings = doc.vocab.strings
        out: list[tuple[int, int, int, int]] = []
        rows = doc.to_array([ORTH, LOWER, NORM, TAG, DEP, IS_SPACE]).tolist() if len(doc) else []
        for i, (orth, lower, norm, tag, dep, space) in enumerate(rows):
            text = strings[orth]
            have = {"ORTH": text, "TEXT": text, "LOWER": strings[lower], "NORM": strings[norm],
                    "TAG": strings[tag], "DEP": strings[dep], "IS_SPACE": bool(space)}  # fmt: skip
            found: set[int] = set()
            for named in ((a, have[a]) for a in _LOOKED_UP):
                found.update(n for n, spec in self._by.get(named, ()) if _meets(spec, have))
            found.update(n for n, spec in self._rest if _meets(spec, have))
            out.extend((n, self._keys[n], i, i + 1) for n in found)
        out.sort()
        return out

    def apply(self, doc: Any) -> None:
        self._ruler.set_annotations(doc, self.matches(doc))


# Pattern keys a one-token pattern is looked up by, when it names one exactly (in this order).
_INDEXED = ("LOWER", "ORTH", "TEXT", "NORM", "TAG", "DEP")
_LOOKED_UP = (*_INDEXED, "IS_SPACE")


def _index_keys(spec: Spec) -> list[tuple[str, Any]]:
    """The (attribute, value) pairs a token must have one of for the pattern to match it: the first value
    it names exactly, else each value of its first IN list, else IS_SPACE: true; [] when none (then
    the pattern is tried on every token)."""
    for attr in _INDEXED:
        if isinstance(spec.get(attr), str):
            return [(attr, spec[attr])]
    for attr in _INDEXED:
        want = spec.get(attr)
        listed = want.get("IN") if isinstance(want, dict) else None
        if isinstance(listed, list) and all(isinstance(v, str) for v in listed):
            return [(attr, v) for v in dict.fromkeys(listed)]
    return [("IS_SPACE", True)] if spec.get("IS_SPACE") is True else []


def _exact(spec: Spec) -> bool:
    """Can `_meets` match this token pattern exactly? Local keys, plain values, IN, NOT_IN and REGEX."""
    for attr, want in spec.items():
        if str(attr).upper() not in _LOCAL_KEYS:
            return False
        if isinstance(want, dict) and not (set(want) <= {"IN", "NOT_IN", "REGEX"}):
            return False
        if not isinstance(want, (str, bool, dict)):
            return False
    return True


def _meets(spec: Spec, have: dict[str, Any]) -> bool:
    for attr, want in spec.items():
        value = have[attr]
        if isinstance(want, dict):
            if "IN" in want and value not in want["IN"]:
                return False
            if "NOT_IN" in want and value in want["NOT_IN"]:
                return False
            if "REGEX" in want and not (isinstance(value, str) and re.search(want["REGEX"], value)):
                return False  # as spaCy's regex predicate: a search in the attribute's string
        elif value != want:
            return False
    return True


def index_lemma_sets(nlp: Any) -> None:
    """Hold the rule lemmatizer's word index as sets rather than lists.

    spaCy's `Lemmatizer.rule_lemmatize` asks `form in index` for every candidate form of a new word, and
    the English tables keep each part of speech's index as a list of up to ~60,000 words: a linear scan
    per question. Membership is all it asks of the index, so sets give the same lemmas, much faster.
    """
    if "lemmatizer" not in nlp.pipe_names:
        return
    lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
    if lookups is None or not lookups.has_table("lemma_index"):
        return
    table = lookups.get_table("lemma_index")
    for key, words in list(table.items()):
        if isinstance(words, list):
            table[key] = frozenset(words)


# The label standing for every label no pattern names; it must be one no pattern names either.
_OTHER_LABEL = "dep"


def _named_labels(nlp: Any) -> set[str] | None:
    """Every dependency label the ruler's patterns name (by value, IN or NOT_IN); None when a pattern
    reads labels some other way or names the stand-in label, so that labels must be kept as they are."""
    if "attribute_ruler" not in nlp.pipe_names:
        return set()
    named: set[str] = set()
    for pattern in nlp.get_pipe("attribute_ruler").patterns:
        for spec in pattern.get("patterns", []):
            for tok in spec if isinstance(spec, list) else []:
                want = tok.get("DEP")
                if want is None:
                    continue
                if isinstance(want, str):
                    named.add(want)
                elif isinstance(want, dict) and set(want) <= {"IN", "NOT_IN"}:
                    for values in want.values():
                        named.update(str(v) for v in values)
                else:
                    return None
    return None if _OTHER_LABEL in named else named


def _token_may_match(spec: dict[str, Any], tok: Any) -> bool:
    """Does the token meet a token pattern? True where this cannot tell (the real components then run)."""
    for attr, want in spec.items():
        have = _ATTRS[attr](tok) if attr in _ATTRS else None
        if have is None:
            return True
        if not isinstance(want, dict):
            if have != want:
                return False
            continue
        for op, arg in want.items():
            if op == "IN":
                ok = have in arg
            elif op == "NOT_IN":
                ok = have not in arg
            elif op == "REGEX" and isinstance(have, str):
                ok = re.search(arg, have) is not None
            else:
                return True
            if not ok:
                return False
    return True


# How spaCy's Matcher reads each local pattern key off a token.
_ATTRS: dict[str, Callable[[Any], Any]] = {
    "ORTH": lambda t: t.text,
    "TEXT": lambda t: t.text,
    "LOWER": lambda t: t.lower_,
    "NORM": lambda t: t.norm_,
    "TAG": lambda t: t.tag_,
    "DEP": lambda t: t.dep_,
    "IS_SPACE": lambda t: t.is_space,
}


def _ruler_bounds(nlp: Any) -> tuple[bool, set[str], list[list[dict[str, Any]]]]:
    """(can the ruler be memoized per token, the words of its multi-token patterns, those patterns).

    A multi-token pattern is recognised by one of its words named by text; one with no word so named
    (or a pattern reading any other token attribute) makes the ruler unboundable.
    """
    if "attribute_ruler" not in nlp.pipe_names:
        return True, set(), []
    words: set[str] = set()
    pairs: list[list[dict[str, Any]]] = []
    for pattern in nlp.get_pipe("attribute_ruler").patterns:
        for spec in pattern.get("patterns", []):
            if not isinstance(spec, list):
                return False, set(), []  # a Doc-pattern (phrase) rule: not bounded here
            if any(not _LOCAL_KEYS.issuperset(tok) for tok in spec):
                return False, set(), []
            if len(spec) > 1:
                named = [_named(tok) for tok in spec]
                if not any(named):
                    return False, set(), []
                words.update(next(n for n in named if n))
                pairs.append(spec)
    return True, words, pairs


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
