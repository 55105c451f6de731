"""Find known phrases (actor aliases, country names, label words) in text with one token-trie pass.

Shared by the actor knowledge base and the country table; the actors stage calls it once per document per
index. Matching is token by token, case- and accent-insensitive unless a phrase is registered as
case-sensitive (abbreviations: "IS" must not match "is"), leftmost-longest and non-overlapping.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterator
from typing import Generic, TypeVar

T = TypeVar("T")

# Letters and digits; hyphens and apostrophes split tokens so "pro-Haftar" holds "Haftar".
_TOKEN = re.compile(r"[^\W_]+")
# Texts whose matches each index remembers (a document's worth of sentences and its whole text).
RECENT_TEXTS = 256
# What may sit between two tokens of one phrase: a space run, a hyphen, an apostrophe or the dot of "U.S.".
# "Tripoli Revolutionaries' Brigade": a plural possessive's apostrophe, then a space, joins words too.
_GAP = re.compile(r"\s+|[-‐‑–'’.]|['’]\s+|\.\s*|\s*[-–]\s*")


# Every index scans every document: the same few thousand words are folded again and again.
@functools.lru_cache(maxsize=1 << 16)
def fold(word: str) -> str:
    """Return the case- and accent-free form of a word or phrase used for matching."""
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def tokens(text: str) -> Iterator[re.Match[str]]:
    """Yield the word tokens of a text, as regex matches carrying their offsets."""
    return _TOKEN.finditer(text)


# Every index of a document's stages reads the same texts: their tokens are cut and folded once.
@functools.lru_cache(maxsize=RECENT_TEXTS)
def _tokenized(
    text: str,
) -> tuple[tuple[int, ...], tuple[int, ...], tuple[str, ...], tuple[str, ...], dict[str, list[int]]]:
    """(starts, ends, tokens as written, folded tokens, where each folded token stands) of a text."""
    toks = list(tokens(text))
    starts = tuple(t.start() for t in toks)
    ends = tuple(t.end() for t in toks)
    raw = tuple(t.group() for t in toks)
    if text.isascii():  # most texts: folding is lower-casing, done once for the whole text
        lower = text.lower()
        folded = tuple(lower[s:e] for s, e in zip(starts, ends, strict=True))
    else:
        folded = tuple(fold(w) for w in raw)
    where: dict[str, list[int]] = {}
    for i, word in enumerate(folded):
        where.setdefault(word, []).append(i)
    return starts, ends, raw, folded, where


class PhraseMatch(Generic[T]):
    """One phrase found in a text: its span and every value registered under that phrase.

    A plain class, not a dataclass: mypyc (the compiled build) cannot compile a generic dataclass."""

    __slots__ = ("end", "start", "text", "values")

    def __init__(self, start: int, end: int, text: str, values: tuple[T, ...]) -> None:
        self.start = start
        self.end = end
        self.text = text
        self.values = values

    def __eq__(self, other: object) -> bool:
        return isinstance(other, PhraseMatch) and self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        return (
            f"PhraseMatch(start={self.start!r}, end={self.end!r}, text={self.text!r}, values={self.values!r})"
        )

    def _key(self) -> tuple[int, int, str, tuple[T, ...]]:
        return (self.start, self.end, self.text, self.values)


class _Node(Generic[T]):
    __slots__ = ("children", "values")

    def __init__(self) -> None:
        self.children: dict[str, _Node[T]] = {}
        # (value, exact token spelling or None when case-insensitive)
        self.values: list[tuple[T, tuple[str, ...] | None]] = []


class PhraseIndex(Generic[T]):
    """A token trie from phrases to values; build once, then `find` in as many texts as needed."""

    def __init__(self) -> None:
        self._root: _Node[T] = _Node()
        self._size = 0
        # The texts last searched and what was found: the stages of one document ask about the same
        # sentence or document text several times (actor scan, labels, force names, framing).
        self._recent: dict[str, tuple[PhraseMatch[T], ...]] = {}

    def __len__(self) -> int:
        return self._size

    def add(self, phrase: str, value: T, *, case_sensitive: bool = False) -> None:
        """Register `value` under `phrase`; a case-sensitive phrase matches only as written."""
        raw = [m.group() for m in tokens(phrase)]
        if not raw:
            return
        node = self._root
        for tok in raw:
            node = node.children.setdefault(fold(tok), _Node())
        entry = (value, tuple(raw) if case_sensitive else None)
        if entry not in node.values:
            node.values.append(entry)
            self._size += 1
            self._recent.clear()

    def find(self, text: str) -> list[PhraseMatch[T]]:
        """Return the leftmost-longest, non-overlapping matches in `text`, in text order."""
        found = self._recent.get(text)
        if found is None:
            if len(self._recent) >= RECENT_TEXTS:
                self._recent.clear()
            found = self._recent[text] = tuple(self._find(text))
        return list(found)

    def _find(self, text: str) -> list[PhraseMatch[T]]:
        starts, ends, raw, folded, where = _tokenized(text)
        children = self._root.children
        out: list[PhraseMatch[T]] = []
        n = len(folded)
        free = 0  # the first token not inside a match already made
        # Most words start no phrase: only those that do are tried, left to right (the text's words that
        # start one are found by one set intersection; each index searches the same text).
        for i in sorted(k for word in where.keys() & children.keys() for k in where[word]):
            if i < free:
                continue
            best: tuple[int, tuple[T, ...]] | None = None
            node = self._root
            j = i
            while j < n:
                if j > i and not _GAP.fullmatch(text, ends[j - 1], starts[j]):
                    break
                nxt = node.children.get(folded[j])
                if nxt is None:
                    break
                node = nxt
                if node.values:
                    spelled = raw[i : j + 1]
                    vals = tuple(v for v, exact in node.values if exact is None or exact == spelled)
                    if vals:
                        best = (j, vals)
                j += 1
            if best is None:
                continue
            last, vals = best
            start, end = starts[i], ends[last]
            out.append(PhraseMatch(start, end, text[start:end], vals))
            free = last + 1
        return out
