"""A parsed sentence's tokens and their words, read once per sentence and shared by the stages.

Iterating a spaCy Doc makes a new Token object for every token each time, and every `lemma_` or `lower_`
read looks a string up in the vocabulary. The extract stage reads each token of a trigger sentence a
dozen times over (trigger spans, context words, claimants, victims, roles), so those reads were a large
part of polemos's own CPU time. `view(doc)` makes the tokens and their lower-cased forms and lemmas once
and keeps them on the Doc (`Doc.user_data`), for as long as the Doc lives.

A view is made only from a Doc the whole pipeline has run over: the tokens' attributes are final then.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

_KEY = "polemos.token_view"
# Lower-cased strings by their hash, shared by all Docs of the vocabulary (words repeat across texts).
_LOWERED: dict[int, str] = {}
_LOWERED_LIMIT = 200_000


@dataclass(frozen=True)
class TokenView:
    """The tokens of a sentence Doc, with each one's lower-cased form and lower-cased lemma."""

    tokens: tuple[Any, ...]
    lowers: tuple[str, ...]
    lemmas: tuple[str, ...]


def view(doc: Any) -> TokenView:
    """The sentence Doc's token view, made on first use and kept on the Doc."""
    found: TokenView | None = doc.user_data.get(_KEY)
    if found is None:
        from spacy.attrs import LEMMA, LOWER

        rows = doc.to_array([LOWER, LEMMA]).tolist() if len(doc) else []
        strings = doc.vocab.strings
        found = TokenView(
            tokens=tuple(doc),
            lowers=tuple(strings[low] for low, _ in rows),
            lemmas=tuple(_lowered(strings, lemma) for _, lemma in rows),
        )
        doc.user_data[_KEY] = found
    return found


def _lowered(strings: Any, key: int) -> str:
    text = _LOWERED.get(key)
    if text is None:
        if len(_LOWERED) > _LOWERED_LIMIT:  # a long-running worker must not grow forever
            _LOWERED.clear()
        text = _LOWERED[key] = strings[key].lower()
    return text
