"""The fatalities stage's word lists, read once from the packaged `knowledge/data/fatalities.yaml`."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml

__all__ = ["FatalityWords", "fatality_words"]


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
