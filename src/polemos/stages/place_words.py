"""Load the word lists the places stage tells toponyms from other capitalised words with
(`knowledge/data/place_words.yaml`): connectors, facility words, organisation and person cues."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, fields
from importlib import resources

import yaml

from polemos.errors import KnowledgeError

__all__ = ["PlaceWords", "place_words", "takes_object"]


@dataclass(frozen=True, slots=True)
class PlaceWords:
    """The cue words of `place_words.yaml`, one set per list (facilities longest first)."""

    connectors: frozenset[str]
    hyphened_connectors: frozenset[str]  # also English words: they join only when a hyphen follows
    lead_articles: frozenset[str]
    facilities: tuple[str, ...]  # longest first, so "air base" is tried before "base"
    facility_after: re.Pattern[str]  # a space and one of `facilities`, compiled once
    organisation_words: frozenset[str]
    institutions: frozenset[str]
    actor_after: frozenset[str]
    structures: frozenset[str]
    not_places: tuple[str, ...]
    not_place: re.Pattern[str]  # any of `not_places`, found in a name by one search (a run's test)
    titles: frozenset[str]
    person_before: frozenset[str]
    given_names: frozenset[str]
    common: frozenset[str]
    generic_heads: frozenset[str]  # "ain", "bir", "wadi": heads of longer names, no place alone


_KEYS = tuple(f.name for f in fields(PlaceWords) if f.name not in ("facility_after", "not_place"))


@functools.cache
def place_words() -> PlaceWords:
    """Read the packaged word lists (once per process)."""
    path = resources.files("polemos.knowledge") / "data" / "place_words.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or set(data) != set(_KEYS):
        raise KnowledgeError(f"{path}: needs exactly the lists {', '.join(_KEYS)}")
    lists = {k: [w.replace("_", " ") for w in str(data[k]).split()] for k in _KEYS}
    facilities = tuple(sorted(lists["facilities"], key=len, reverse=True))
    return PlaceWords(
        connectors=frozenset(lists["connectors"]),
        hyphened_connectors=frozenset(lists["hyphened_connectors"]),
        lead_articles=frozenset(lists["lead_articles"]),
        facilities=facilities,
        facility_after=re.compile(rf"\s(?:{'|'.join(re.escape(f) for f in facilities)})\b"),
        organisation_words=frozenset(lists["organisation_words"]),
        institutions=frozenset(lists["institutions"]),
        actor_after=frozenset(lists["actor_after"]),
        structures=frozenset(lists["structures"]),
        not_places=tuple(lists["not_places"]),
        # "(?!)" matches nothing, as no phrase is in any name where the list is empty
        not_place=re.compile("|".join(re.escape(p) for p in lists["not_places"]) or "(?!)"),
        titles=frozenset(lists["titles"]),
        person_before=frozenset(lists["person_before"]),
        given_names=frozenset(lists["given_names"]),
        common=frozenset(lists["common"]),
        generic_heads=frozenset(lists["generic_heads"]),
    )


# Participles among the actor-after words that also act as verbs: "a strike in Metlaoui led to", "a march in
# Tamale led by a union", "militias in Zintan allied to the army".
_PARTICIPLES = frozenset({"aligned", "allied", "backed", "based", "controlled", "led"})
_VERB_OBJECTS = frozenset({"to", "by", "with"})


def takes_object(word: str, following: str | None) -> bool:
    """Whether `word` (lower case), followed by `following`, is a participle that takes an object ("led to",
    "backed by"): the verb of its clause, then, not an attribute of the name before it ("Misrata led
    forces"), which stays a place."""
    return word in _PARTICIPLES and following in _VERB_OBJECTS
