"""The fatalities stage's word lists, read once from the packaged `knowledge/data/fatalities.yaml`, and the
tests of a head noun against its person nouns."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml

__all__ = ["FatalityWords", "fatality_words", "is_person", "is_person_head", "is_plural_person"]


@dataclass(frozen=True)
class FatalityWords:
    """Vague counts, non-person heads, person nouns, party outlets and words that set an event apart
    (see the YAML file's comments)."""

    vague_counts: Mapping[str, int]
    non_victims: frozenset[str]
    person_nouns: frozenset[str]
    party_outlets: Mapping[str, str]
    separate_event: frozenset[str]


def _words(value: object) -> frozenset[str]:
    return frozenset(str(value or "").lower().split())


@cache
def fatality_words() -> FatalityWords:
    """Load the packaged word lists; a broken file is a packaging bug, so it fails loudly at import."""
    ref = resources.files("polemos.knowledge").joinpath("data/fatalities.yaml")
    data = yaml.safe_load(ref.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise ValueError("fatalities.yaml: expected a mapping at the top level")
    vague = {str(k).lower(): int(v) for k, v in dict(data["vague_counts"]).items()}
    outlets = {str(k).lower(): str(v) for k, v in dict(data["party_outlets"]).items()}
    return FatalityWords(
        vague,
        _words(data["non_victims"]),
        _words(data["person_nouns"]),
        outlets,
        _words(data["separate_event"]),
    )


def is_person_head(word: str) -> bool:
    """Whether a (singularised) head noun names people: 'man', 'fighter', 'policeman'."""
    return is_person(word) or is_plural_person(word)


def is_person(word: str) -> bool:
    """Whether a word names one person: a listed noun, a "-man"/"-woman" compound or an age."""
    nouns = fatality_words().person_nouns
    # "a 70-year-old": an age stands for the person.
    return word in nouns or (word.endswith(("man", "woman")) and len(word) > 5) or word.endswith("-year-old")


def is_plural_person(word: str) -> bool:
    """Whether a word names people in the plural: a listed noun with "s", or a "-men" compound."""
    nouns = fatality_words().person_nouns
    return (word.endswith("s") and word[:-1] in nouns) or (word.endswith("men") and len(word) > 5)
