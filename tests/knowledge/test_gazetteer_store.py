"""Tests for the SQLite gazetteer: look-ups as the in-memory index answers them, search, pickling, the
GeoNames dump importer and the `polemos gazetteer` commands. Small hand-made gazetteers, no full build."""

from __future__ import annotations

import json
import pickle
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from polemos.errors import KnowledgeError
from polemos.gazetteer_commands import gazetteer_app
from polemos.knowledge.gazetteer import GazetteerEntry, IndexedGazetteer, load_gazetteer, normalise_name
from polemos.knowledge.gazetteer_import import import_geonames
from polemos.knowledge.gazetteer_store import SqliteGazetteer, open_gazetteer, write_sqlite


def _entry(name: str, cc: str = "LY", *, gid: int | None = 1, pop: int = 0, **kw: object) -> GazetteerEntry:
    fields: dict[str, object] = {"admin1": None, "admin2": None, "latitude": 30.0, "longitude": 15.0}
    fields |= {"feature_class": "P", "feature_code": "PPL", "alternate_names": ()} | kw
    return GazetteerEntry(gid, name, cc, {"LY": "Libya", "LB": "Lebanon"}.get(cc, cc), population=pop,
                          **fields)  # type: ignore[arg-type]  # fmt: skip


@pytest.fixture
def small(tmp_path: Path) -> Path:
    index = IndexedGazetteer(
        [
            _entry("Tripoli", pop=1_000_000, gid=10, admin1="Tripoli"),
            _entry("Tripoli", "LB", pop=200_000, gid=11, latitude=34.4, longitude=35.8),
            _entry("Buerat", gid=None, alternate_names=("Buerat al-Hsun",)),
            _entry("Lashkar Gah", "AF", gid=12, pop=40_000),
            _entry(
                "Tripoli", gid=None, admin1="Tripoli", feature_class="A", feature_code="ADM1", seat="Tripoli"
            ),
        ]
    )
    index.add(_entry("Tarhuna", pop=52_420, gid=13), {"tarhuna", normalise_name("El-Buerat")})
    libya = _entry("Libya", gid=2, pop=6_000_000, feature_class="A", feature_code="PCLI", seat="Tripoli")
    index.add_country(libya, ("LBY", "Libyan"))
    meta = {"admin1": json.dumps({"LY.77": "Tripoli"})}
    return write_sqlite(tmp_path / "g.sqlite", index, meta)


def test_sqlite_lookup_answers_as_the_in_memory_index(small: Path) -> None:
    gaz = SqliteGazetteer(small)
    assert [(e.name, e.country_code) for e in gaz.lookup("Tripoli")][:2] == [
        ("Tripoli", "LY"),
        ("Tripoli", "LB"),
    ]
    assert [e.name for e in gaz.lookup("Buerat")] == ["Buerat", "Tarhuna"]  # curated before loose alternate
    assert gaz.lookup("Buerat al-Hsun")[0].alternate_names == ("Buerat al-Hsun",)
    assert gaz.lookup("Nowhere") == []


@pytest.mark.parametrize("said", ["Lashkargah", "Lashkar-Gah", "lashkar gah"])
def test_sqlite_lookup_tries_the_name_without_spaces(small: Path, said: str) -> None:
    assert [e.name for e in SqliteGazetteer(small).lookup(said)] == ["Lashkar Gah"]


def test_indexed_lookup_tries_the_name_without_spaces_too() -> None:
    gaz = IndexedGazetteer([_entry("Lashkar Gah", "AF")])
    assert [e.name for e in gaz.lookup("Lashkargah")] == ["Lashkar Gah"]
    assert gaz.lookup("Lashkar") == []  # only the whole name, not a part of it


def test_sqlite_country_and_admin1_tables(small: Path) -> None:
    gaz = SqliteGazetteer(small)
    libya = gaz.country("LY")
    assert libya is not None and libya.name == "Libya"
    assert gaz.country("LBY") == gaz.country("Libyan") == libya
    assert gaz.country("In") is None and gaz.lookup("Libyan") == []
    assert [e.name for e in gaz.admin1_entries("ly")] == ["Tripoli"]


def test_sqlite_search_finds_names_by_trigram(small: Path) -> None:
    assert [e.country_code for e in SqliteGazetteer(small).search("ripol")] == ["LY", "LB", "LY"]


def test_sqlite_gazetteer_pickles_by_path(small: Path) -> None:
    gaz = pickle.loads(pickle.dumps(SqliteGazetteer(small)))
    assert gaz.lookup("Tripoli")[0].geonames_id == 10


def test_open_gazetteer_rejects_a_file_that_is_no_gazetteer(tmp_path: Path) -> None:
    other = tmp_path / "other.sqlite"
    sqlite3.connect(other).execute("CREATE TABLE x (y)").connection.close()
    with pytest.raises(KnowledgeError):
        open_gazetteer(other)


def test_load_gazetteer_opens_the_file_named_by_the_environment(
    small: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("POLEMOS_GAZETTEER", str(small))
    gaz = load_gazetteer()
    assert isinstance(gaz, SqliteGazetteer) and gaz.path == small


# --- import ---------------------------------------------------------------------------------------


def _dump_row(gid: int, name: str, cls: str, code: str, a1: str, a2: str = "", *, alts: str = "",
              lat: float = 32.0, lon: float = 13.0, pop: int = 0) -> str:  # fmt: skip
    cols = [str(gid), name, name, alts, str(lat), str(lon), cls, code, "LY", "", a1, a2, "", "", str(pop),
            "", "50", "Africa/Tripoli", "2020-01-01"]  # fmt: skip
    return "\t".join(cols)


def _write_dump(path: Path) -> Path:
    rows = [
        _dump_row(900001, "Qasr Zulu", "P", "PPL", "77", alts="Ksar Zulu,ZLU", lat=32.5, lon=13.5, pop=700),
        _dump_row(900002, "Wadi Zulu District", "A", "ADM2", "77", "05", lat=31.0, lon=12.0),
        _dump_row(900003, "Bir Zulu", "P", "PPLA2", "77", "05", lat=31.2, lon=12.4, pop=3000),
        _dump_row(900004, "Sha'biyat Zulu", "A", "ADM1", "90", lat=28.0, lon=20.0),
        _dump_row(900005, "Zulu Town", "P", "PPLA", "90", lat=27.5, lon=21.5, pop=9000),
        _dump_row(900006, "Zulu Airstrip", "S", "AIRF", "90", lat=27.6, lon=21.6),
        _dump_row(900007, "Zulu Hill", "T", "HLL", "90"),
    ]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def test_import_adds_dump_places_with_admin_names_and_seats(small: Path, tmp_path: Path) -> None:
    report = import_geonames(small, _write_dump(tmp_path / "LY.txt"), classes=frozenset("PAS"))
    assert (report.read, report.added, report.skipped) == (7, 6, 1)  # the hill's class was not asked for
    gaz = SqliteGazetteer(small)
    town = gaz.lookup("Ksar Zulu")[0]
    # The admin1 name comes from the curated table (GeoNames code 77).
    assert (town.name, town.admin1, town.geonames_id) == ("Qasr Zulu", "Tripoli", 900001)
    district = gaz.lookup("Wadi Zulu")[0]  # "District" may be left out
    assert district.feature_code == "ADM2" and district.seat == "Bir Zulu"
    assert (district.latitude, district.longitude) == (31.2, 12.4)  # coded at its centre, as ACLED does
    assert gaz.lookup("Bir Zulu")[0].admin2 == "Wadi Zulu District"
    province = next(e for e in gaz.admin1_entries("LY") if e.geonames_id == 900004)
    assert province.seat == "Zulu Town" and province.latitude == 27.5
    assert gaz.lookup("Zulu Airstrip")[0].admin1 == "Shabiyat Zulu"  # ASCII, as ACLED writes
    assert gaz.lookup("ZLU") == []  # an airport code is no toponym


def test_import_twice_adds_nothing(small: Path, tmp_path: Path) -> None:
    dump = _write_dump(tmp_path / "LY.txt")
    import_geonames(small, dump)
    assert import_geonames(small, dump).added == 0


def test_import_reads_the_geonames_csv_layout_with_a_country(small: Path, tmp_path: Path) -> None:
    csv = tmp_path / "ly.csv"
    csv.write_text(
        "geonameid,name,latitude,longitude,population,admin1code,alternatenames\n"
        "900010,Zawiyat Zulu,30.1,19.9,800,77,Zawiya Zulu|Zawiyat az Zulu\n",
        encoding="utf-8",
    )
    with pytest.raises(KnowledgeError, match="country"):
        import_geonames(small, csv)
    assert import_geonames(small, csv, country="LY").added == 1
    found = SqliteGazetteer(small).lookup("Zawiya Zulu")[0]
    assert (found.country, found.admin1, found.population) == ("Libya", "Tripoli", 800)


@pytest.mark.parametrize(
    "body", ["just some text\n", "1\tTown\n", "geonameid,name,latitude,longitude\nx,Town,1,2\n"]
)
def test_import_rejects_files_of_another_layout(small: Path, tmp_path: Path, body: str) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_text(body, encoding="utf-8")
    with pytest.raises(KnowledgeError):
        import_geonames(small, bad, country="LY")


def test_gazetteer_commands_import_then_lookup(small: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    dump = _write_dump(tmp_path / "LY.txt")
    done = runner.invoke(gazetteer_app, ["import", str(dump), "--path", str(small)])
    assert done.exit_code == 0 and "7 places added" in done.output.replace("\n", " ")
    found = runner.invoke(gazetteer_app, ["lookup", "Ksar Zulu", "--path", str(small)])
    assert found.exit_code == 0 and "Qasr Zulu" in found.output
    missing = runner.invoke(gazetteer_app, ["lookup", "Xyzzy", "--path", str(small)])
    assert missing.exit_code == 1
