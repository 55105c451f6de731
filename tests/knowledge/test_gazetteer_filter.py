"""Tests for the gazetteer's name filter: it never hides a name the database holds (built or imported),
it turns most other names away, and look-ups answer exactly as they do without it."""

from __future__ import annotations

import random
import sqlite3
import string
from pathlib import Path

import pytest

from polemos.knowledge.gazetteer import GazetteerEntry, IndexedGazetteer
from polemos.knowledge.gazetteer_filter import (
    NameFilter,
    compact_item,
    key_item,
    loose_item,
    read_filter,
)
from polemos.knowledge.gazetteer_import import import_geonames
from polemos.knowledge.gazetteer_store import SqliteGazetteer, write_sqlite


def _words(n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choices(string.ascii_lowercase + " '-", k=rng.randint(3, 20))) for _ in range(n)]


def test_filter_holds_every_item_added_and_turns_most_others_away() -> None:
    added = _words(5000, seed=1)
    name_filter = NameFilter.build(added, count=len(added))
    assert all(name_filter.may_hold(w) for w in added)
    others = [w for w in _words(5000, seed=2) if w not in set(added)]
    false_maybe = sum(name_filter.may_hold(w) for w in others) / len(others)
    assert false_maybe < 0.03


def _entry(name: str, cc: str, gid: int, alternates: tuple[str, ...] = ()) -> GazetteerEntry:
    return GazetteerEntry(gid, name, cc, cc, None, None, 30.0, 15.0, 1000, "P", "PPL", alternates)


@pytest.fixture
def gazetteer(tmp_path: Path) -> Path:
    index = IndexedGazetteer(
        [
            _entry("Tarhuna", "LY", 1, ("Tarhunah",)),
            _entry("Lashkar Gah", "AF", 2),
            _entry("Ajdabiya", "LY", 3),
            _entry("Tripoli", "LB", 4),
        ]
    )
    return write_sqlite(tmp_path / "g.sqlite", index)


def _all_items(path: Path) -> list[str]:
    with sqlite3.connect(path) as db:
        rows = db.execute(
            "SELECT n.key, n.compact, n.loose, p.country_code FROM names n JOIN places p ON p.id = n.place"
        ).fetchall()
    items = [key_item(k) for k, _, _, _ in rows] + [loose_item(lo, cc) for _, _, lo, cc in rows]
    return items + [compact_item(c) for k, c, _, _ in rows if " " in k]


def test_every_name_of_a_built_gazetteer_passes_its_filter(gazetteer: Path) -> None:
    with sqlite3.connect(gazetteer) as db:
        name_filter = read_filter(db)
    assert name_filter is not None
    assert all(name_filter.may_hold(item) for item in _all_items(gazetteer))


SAID = ["Tarhuna", "Tarhunah", "Tarhouna", "Lashkargah", "lashkar gah", "Ajdabia", "Tripoli", "The Taliban",
        "Monday", "Interior Ministry", "Nowhere"]  # fmt: skip


def test_lookups_answer_as_without_the_filter(gazetteer: Path) -> None:
    filtered, unfiltered = SqliteGazetteer(gazetteer), SqliteGazetteer(gazetteer)
    assert filtered._filter is not None
    unfiltered._filter = None
    for name in SAID:
        assert filtered.lookup(name) == unfiltered.lookup(name), name
        for cc in ("LY", "AF", "LB"):
            assert filtered.respellings(name, cc) == unfiltered.respellings(name, cc), (name, cc)
    assert [e.name for e in filtered.respellings("Tarhouna", "LY")] == ["Tarhuna"]  # a respelling passes


def test_a_gazetteer_built_before_filters_is_queried_as_before(gazetteer: Path) -> None:
    with sqlite3.connect(gazetteer) as db:
        db.execute("DROP TABLE name_filter")
    gaz = SqliteGazetteer(gazetteer)
    assert gaz._filter is None
    assert [e.name for e in gaz.lookup("Lashkargah")] == ["Lashkar Gah"]


def test_an_import_rewrites_the_filter_with_the_new_names(gazetteer: Path, tmp_path: Path) -> None:
    cols = ["900001", "Qasr Zulu", "Qasr Zulu", "Ksar Zulu", "32.5", "13.5", "P", "PPL", "LY", "", "77", "",
            "", "", "700", "", "50", "Africa/Tripoli", "2020-01-01"]  # fmt: skip
    dump = tmp_path / "LY.txt"
    dump.write_text("\t".join(cols) + "\n", encoding="utf-8")
    assert import_geonames(gazetteer, dump).added == 1
    assert all(read_filter(sqlite3.connect(gazetteer)).may_hold(i) for i in _all_items(gazetteer))  # type: ignore[union-attr]
    assert [e.name for e in SqliteGazetteer(gazetteer).lookup("Ksar Zulu")] == ["Qasr Zulu"]
