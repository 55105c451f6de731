"""A parsed sentence as plain Python objects, made once from spaCy's Doc and read by every later stage.

Reading a spaCy Doc from Python is slow where it is read often: iterating it, `doc[i]`, `.head` and
`.children` make a new Token object each time, every `lemma_`, `dep_` or `lower_` looks a string up in
the vocabulary, and `.children` scans the token's whole subtree. The extract, fatality and relation
stages read each token of a trigger sentence a dozen times over, so those reads were a large part of
polemos's own CPU time. `ParsedSentence.from_doc` reads the Doc once, through `Doc.to_array`, into
tokens that keep their words, tags and tree links as plain attributes.

`ParsedToken` offers the part of spaCy's Token interface the stages use, with spaCy's meaning (the
same order of `children` and `subtree`, the same `conjuncts`, a root its own head); `ParsedSentence`
the part of Doc's. A test compares both with spaCy's on parsed sentences.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence
from typing import Any

_KEY = "polemos.parsed_sentence"
# Strings by their hash, shared by all sentences (words, tags and labels repeat across texts).
_STRINGS: dict[int, str] = {}
_STRINGS_LIMIT = 200_000


class ParsedToken:
    """One token of a ParsedSentence: its words, tags and links as attributes (see spaCy's Token)."""

    __slots__ = (
        "_children",
        "_contiguous",
        "_head",
        "_left",
        "_right",
        "dep_",
        "doc",
        "ent_type_",
        "i",
        "idx",
        "is_space",
        "lemma_",
        "like_num",
        "lower_",
        "norm_",
        "pos_",
        "tag_",
        "text",
        "whitespace_",
    )  # fmt: skip

    doc: ParsedSentence
    i: int
    idx: int
    text: str
    whitespace_: str
    lower_: str
    lemma_: str
    norm_: str
    pos_: str
    tag_: str
    dep_: str
    ent_type_: str
    like_num: bool
    is_space: bool
    _head: int
    _children: tuple[ParsedToken, ...]
    _left: int
    _right: int
    _contiguous: bool  # the subtree is every token from _left to _right, no arc crossing inside it

    @property
    def head(self) -> ParsedToken:
        return self.doc.tokens[self._head]

    @property
    def children(self) -> tuple[ParsedToken, ...]:
        return self._children

    @property
    def lefts(self) -> Iterator[ParsedToken]:
        return (c for c in self._children if c.i < self.i)

    @property
    def rights(self) -> Iterator[ParsedToken]:
        return (c for c in self._children if c.i > self.i)

    @property
    def subtree(self) -> Iterator[ParsedToken]:
        """The token and its descendants, in spaCy's order (left subtrees, the token, right subtrees)."""
        if self._contiguous:  # then that order is the order of the sentence
            return iter(self.doc.tokens[self._left : self._right + 1])
        return self._walk()

    def _walk(self) -> Iterator[ParsedToken]:
        for c in self._children:
            if c.i < self.i:
                yield from c.subtree
        yield self
        for c in self._children:
            if c.i > self.i:
                yield from c.subtree

    @property
    def left_edge(self) -> ParsedToken:
        return self.doc.tokens[self._left]

    @property
    def right_edge(self) -> ParsedToken:
        return self.doc.tokens[self._right]

    @property
    def conjuncts(self) -> tuple[ParsedToken, ...]:
        """Tokens coordinated with this one, as spaCy's Token.conjuncts gives them."""
        start = self
        while start.i != start._head and start.dep_ == "conj":
            start = start.head
        queue = [start]
        out: list[ParsedToken] = []
        for word in queue:
            if word.i != self.i:
                out.append(word)
            queue.extend(c for c in word.rights if c.dep_ == "conj")
        return tuple(out)

    def __len__(self) -> int:
        return len(self.text)

    def __str__(self) -> str:
        return self.text

    def __repr__(self) -> str:
        return self.text


class ParsedSentence:
    """A parsed sentence: its tokens (ParsedToken), their lower-cased forms and lemmas, and user data."""

    __slots__ = ("lemmas", "lowers", "text", "tokens", "user_data")

    def __init__(self, text: str, tokens: tuple[ParsedToken, ...]) -> None:
        self.text = text
        self.tokens = tokens
        self.lowers = tuple(t.lower_ for t in tokens)
        self.lemmas = tuple(t.lemma_.lower() for t in tokens)
        self.user_data: dict[str, Any] = {}

    def __len__(self) -> int:
        return len(self.tokens)

    def __iter__(self) -> Iterator[ParsedToken]:
        return iter(self.tokens)

    def __getitem__(self, key: int | slice) -> Any:
        return self.tokens[key]  # a slice gives a tuple of tokens where spaCy gives a Span

    @classmethod
    def from_doc(cls, doc: Any, rule_values: Sequence[tuple[int, int, int]] | None = None) -> ParsedSentence:
        """Read a Doc the whole pipeline has run over (its attributes are final then); or one the rule
        components have not run over, with what they give each token (`rule_values`: the hashes of its
        POS, morphology and lemma, from `RuleAttributes.annotations`)."""
        from spacy.attrs import (
            DEP,
            ENT_TYPE,
            HEAD,
            IDX,
            IS_SPACE,
            LEMMA,
            LIKE_NUM,
            LOWER,
            NORM,
            ORTH,
            POS,
            SPACY,
            TAG,
        )

        n = len(doc)
        if not n:
            return cls(doc.text, ())
        rows = doc.to_array(
            [ORTH, LOWER, LEMMA, NORM, POS, TAG, DEP, ENT_TYPE, IDX, LIKE_NUM, IS_SPACE, SPACY]
        )
        heads = doc.to_array(HEAD).astype("int64").tolist()
        rows = rows.tolist()
        if rule_values is not None:
            for row, (pos, _morph, lemma) in zip(rows, rule_values, strict=True):
                row[2], row[4] = lemma, pos
        known = _STRINGS
        if len(known) > _STRINGS_LIMIT:  # a long-running worker must not grow forever
            known.clear()
        strings = doc.vocab.strings
        for key in set(itertools.chain.from_iterable(row[:8] for row in rows)).difference(known):
            known[key] = strings[key]
        tokens: list[ParsedToken] = []
        kids: list[list[ParsedToken]] = [[] for _ in range(n)]
        for i, (orth, lower, lemma, norm, pos, tag, dep, ent, idx, like_num, is_space, space) in enumerate(
            rows
        ):
            tok = ParsedToken()
            tok.i = i
            tok.idx = idx
            tok.text = known[orth]
            tok.whitespace_ = " " if space else ""
            tok.lower_ = known[lower]
            tok.lemma_ = known[lemma]
            tok.norm_ = known[norm]
            tok.pos_ = known[pos]
            tok.tag_ = known[tag]
            tok.dep_ = known[dep]
            tok.ent_type_ = known[ent]
            tok.like_num = like_num == 1
            tok.is_space = is_space == 1
            tok._head = i + heads[i]
            tokens.append(tok)
        for tok in tokens:
            if tok._head != tok.i:
                kids[tok._head].append(tok)
        for tok, children in zip(tokens, kids, strict=True):
            tok._children = tuple(children)
        for tok in tokens:
            if tok._head == tok.i:
                _set_edges(tok)
        # Doc.text would make a spaCy Token per token again: the words and their spaces spell it.
        sentence = cls("".join([t.text + t.whitespace_ for t in tokens]), tuple(tokens))
        for tok in tokens:
            tok.doc = sentence
        return sentence


def _set_edges(tok: ParsedToken) -> int:
    """Set the subtree's first and last index on `tok` and every token under it; return its size."""
    left = right = tok.i
    size = 1
    nested = True
    for c in tok._children:
        size += _set_edges(c)
        left, right = min(left, c._left), max(right, c._right)
        nested = nested and c._contiguous
    tok._left, tok._right = left, right
    # spaCy's order of a subtree is the sentence's order only where no arc crosses anywhere inside it
    tok._contiguous = nested and size == right - left + 1
    return size


def view(doc: Any) -> ParsedSentence:
    """The sentence as a ParsedSentence: itself if it is one, else read from the spaCy Doc once and kept
    on it (stages called with a spaCy Doc, as some tests call them, read the same tokens)."""
    if isinstance(doc, ParsedSentence):
        return doc
    found: ParsedSentence | None = doc.user_data.get(_KEY)
    if found is None:
        found = doc.user_data[_KEY] = ParsedSentence.from_doc(doc)
    return found
