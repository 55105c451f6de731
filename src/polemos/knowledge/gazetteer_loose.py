"""A loose look-up for toponyms the exact index misses because they are transliterated another way.

Arabic (and Pashto, Somali, ...) names reach English through many spellings: Gasr/Qasr/Kasr,
Ben/Bin/Bani, Nufliya/Nawfaliyah, Tawergha/Tawurgha, Agheila/Ageila/Aqila. They differ mostly in
vowels, glides, the letter chosen for qaf and ghayn, an "h" marking a digraph and doubled consonants,
so `loose_key` keeps only the consonant skeleton with those folded. A skeleton is coarse: the places
stage asks for it only when the exact name finds nothing, and only among the document's own country's
places (`loose_lookup`), where a skeleton rarely names two places; the closest spelling wins. A report
that nothing else places asks among every country's places (`loose_lookup_anywhere`), more strictly
(stages/place_respelt_country.py).
"""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Iterable
from typing import Protocol, cast, runtime_checkable

from polemos.knowledge.gazetteer import GazetteerEntry, normalise_name

__all__ = [
    "AnyRespelling",
    "Respelling",
    "closest",
    "is_respellable",
    "loose_key",
    "loose_lookup",
    "loose_lookup_anywhere",
]

_DIGRAPH_H = re.compile(r"(?<=[bcdgkpst])h|h$")  # gh, kh, dh, th, sh; a final "h" ("Sabhah")
_GLUED_ARTICLE = re.compile(r"^[aeu]l(?=[^aeiouy\s]\w{3})")
_GLIDES = re.compile(r"[aeiouwy]")  # vowels and the glides transliterations add or drop (ou/u, iya/ia)
_DOUBLE = re.compile(r"(.)\1+")
# qaf and ghayn as q/g/k/gh; "c" only appears in French-style names ("Cyrenaique")
_LETTERS = str.maketrans({"q": "k", "g": "k", "c": "k", "v": "w", "p": "b"})
_MIN_SKELETON = 3  # "Zawiya" -> "z": a skeleton of one or two letters names too many places
_MIN_LIKENESS = 0.7  # of the normalised spellings: "Sabri"/"Sabiri" 0.91, "Nufliya"/"Nawfaliya" 0.75;
# "Shibna" (a Benghazi quarter) is not "Sabhian" (Sabha) at 0.62


@functools.lru_cache(maxsize=1 << 14)
def loose_key(name: str) -> str:
    """The consonant skeleton of a name: no articles, spaces, vowels or glides; q/g/k and doubles folded."""
    key = normalise_name(name)
    # An article glued to a one-word name: "Elkufra", "Alkhums" (not "Alexandria": a vowel follows)
    key = _GLUED_ARTICLE.sub("", key).replace(" ", "")
    key = _DIGRAPH_H.sub("", key).translate(_LETTERS)
    # A final "i"/"y" is a nisba or a plural, no spelling variant: "Sabri" is not "Sabra", "Khadrawi"
    # (a militia) not "Khadra".
    nisba = "i" if key.endswith(("i", "y")) else ""
    return _DOUBLE.sub(r"\1", _GLIDES.sub("", key)) + nisba


@runtime_checkable
class Respelling(Protocol):
    """A gazetteer that can find one country's places by the loose key of a name."""

    def respellings(self, name: str, country_code: str) -> list[GazetteerEntry]:
        """Places of `country_code` (ISO2) whose name is a respelling of `name`, closest first."""
        ...


@runtime_checkable
class AnyRespelling(Protocol):
    """A gazetteer that can find every country's places by the loose key of a name."""

    def respellings_anywhere(self, name: str, likeness_floor: float) -> list[GazetteerEntry]:
        """Places of any country whose name is a respelling of `name` at least `likeness_floor` alike,
        closest first."""
        ...


def closest(
    name: str, pairs: Iterable[tuple[str, GazetteerEntry]], likeness_floor: float = _MIN_LIKENESS
) -> list[GazetteerEntry]:
    """The entries of (normalised key, entry) pairs sharing `name`'s skeleton whose spelling is like
    enough (`likeness_floor`), closest spelling first, then most populous (an entry once, at its closest
    name)."""
    key = normalise_name(name)
    best: dict[int, tuple[float, GazetteerEntry]] = {}
    for other, entry in pairs:
        matcher = difflib.SequenceMatcher(None, key, other)
        # the two cheap upper bounds of ratio() first: most pairs fail them, and ratio() costs far more
        if matcher.real_quick_ratio() < likeness_floor or matcher.quick_ratio() < likeness_floor:
            continue
        likeness = matcher.ratio()
        if likeness >= likeness_floor and likeness > best.get(id(entry), (0.0, entry))[0]:
            best[id(entry)] = (likeness, entry)
    ranked = sorted(best.values(), key=lambda le: (-round(le[0], 2), -le[1].population))
    return [entry for _, entry in ranked]


def is_respellable(key: str, entry: GazetteerEntry) -> bool:
    """Whether a (loose key, entry) pair belongs in a loose index: no country (those are found by
    their names), no skeleton too short to tell places apart."""
    return entry.feature_code != "PCLI" and len(key) >= _MIN_SKELETON


def loose_lookup(gazetteer: object, name: str, country_code: str) -> list[GazetteerEntry]:
    """Places of `country_code` whose name is a respelling of `name` (see `loose_key`); [] when the
    gazetteer keeps no loose keys."""
    if not _respells(type(gazetteer)) or len(loose_key(name)) < _MIN_SKELETON:
        return []
    return cast(Respelling, gazetteer).respellings(name, country_code)


def loose_lookup_anywhere(gazetteer: object, name: str, likeness_floor: float) -> list[GazetteerEntry]:
    """Places of any country whose name is a respelling of `name` (see `loose_key`) at least
    `likeness_floor` alike; [] when the gazetteer keeps no loose keys."""
    if not callable(getattr(type(gazetteer), "respellings_anywhere", None)):
        return []
    if len(loose_key(name)) < _MIN_SKELETON:
        return []
    return cast(AnyRespelling, gazetteer).respellings_anywhere(name, likeness_floor)


_RESPELLS: dict[type, bool] = {}


def _respells(kind: type) -> bool:
    """Whether gazetteers of this class are Respelling ones: asked per class, once (an isinstance test
    against a runtime-checkable protocol walks the protocol's members on every call)."""
    found = _RESPELLS.get(kind)
    if found is None:
        found = _RESPELLS[kind] = callable(getattr(kind, "respellings", None))
    return found
