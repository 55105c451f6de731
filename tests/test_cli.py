"""The command line, end to end on the seeds: run, ingest (idempotent, bad input), events, export."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from polemos.cli import app

SEEDS = Path(__file__).parent / "fixtures" / "seeds"
EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "articles.jsonl"
ACLED_COLUMNS = [
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
]

runner = CliRunner()


@pytest.fixture(scope="module")
def seed_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("cli") / "seeds.db"
    for name, published in (
        ("000_aea3f91c47e42a8b.txt", "2018-06-04"),
        ("001_7408a9ead5e549ea.txt", "2018-05-08"),
    ):
        res = runner.invoke(app, ["ingest", str(SEEDS / name), "--published", published, "--db", str(db)])
        assert res.exit_code == 0, res.output
    res = runner.invoke(app, ["ingest", str(SEEDS / "002_37df46fae67b9620.txt"), "--db", str(db)])
    assert res.exit_code == 0, res.output
    return db


def test_cli_help_lists_commands() -> None:
    res = runner.invoke(app, ["--help"])
    assert res.exit_code == 0
    for command in ("ingest", "events", "export", "run"):
        assert command in res.output


def test_cli_run_writes_all_outputs(tmp_path: Path) -> None:
    res = runner.invoke(app, ["run", str(EXAMPLES), "-o", str(tmp_path)])
    assert res.exit_code == 0, res.output
    for name in ("polemos.db", "events.jsonl", "events.csv", "events.geojson"):
        assert (tmp_path / name).exists(), name
    records = [json.loads(x) for x in (tmp_path / "events.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(records) >= 10
    assert {r["sources"][0]["document_id"] for r in records} == {
        "000_aea3f91c47e42a8b",
        "001_7408a9ead5e549ea",
        "002_37df46fae67b9620",
    }
    with (tmp_path / "events.csv").open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        assert reader.fieldnames == ACLED_COLUMNS
        rows = list(reader)
    assert len(rows) == len(records)
    geo = json.loads((tmp_path / "events.geojson").read_text(encoding="utf-8"))
    assert geo["type"] == "FeatureCollection"
    assert all(f["geometry"]["type"] == "Point" for f in geo["features"])


def test_cli_reingest_stores_nothing_new(seed_db: Path) -> None:
    before = runner.invoke(app, ["export", "--db", str(seed_db)]).output
    res = runner.invoke(app, ["ingest", str(SEEDS / "000_aea3f91c47e42a8b.txt"), "--published", "2018-06-04",
                              "--db", str(seed_db)])  # fmt: skip
    assert res.exit_code == 0, res.output
    assert "0 new" in res.output and "1 unchanged" in res.output
    assert runner.invoke(app, ["export", "--db", str(seed_db)]).output == before


def test_cli_bad_input_is_named_and_keeps_the_store(seed_db: Path, tmp_path: Path) -> None:
    before = runner.invoke(app, ["export", "--db", str(seed_db)]).output
    bad = tmp_path / "broken.txt"
    bad.write_bytes(b"\x00\x01\x02\xff" * 100)
    res = runner.invoke(app, ["ingest", str(bad), "--db", str(seed_db)])
    assert res.exit_code == 3
    assert "broken.txt" in res.output
    assert runner.invoke(app, ["export", "--db", str(seed_db)]).output == before


def test_cli_events_filters_by_type(seed_db: Path) -> None:
    res = runner.invoke(app, ["events", "--db", str(seed_db), "--type", "Battles"])
    assert res.exit_code == 0, res.output
    assert "Battles" in res.output
    assert "Strategic developments /" not in res.output


@pytest.mark.parametrize("fmt", ["jsonl", "acled-csv", "geojson"])
def test_cli_export_formats(seed_db: Path, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"events.{fmt}"
    res = runner.invoke(app, ["export", "--db", str(seed_db), "--format", fmt, "-o", str(out)])
    assert res.exit_code == 0, res.output
    assert out.stat().st_size > 100


def test_cli_export_unknown_format_is_refused(seed_db: Path) -> None:
    res = runner.invoke(app, ["export", "--db", str(seed_db), "--format", "xls"])
    assert res.exit_code != 0
    assert "xls" in res.output


def test_cli_bad_published_date_is_refused(tmp_path: Path) -> None:
    res = runner.invoke(app, ["ingest", str(SEEDS / "000_aea3f91c47e42a8b.txt"), "--published", "last week",
                              "--db", str(tmp_path / "x.db")])  # fmt: skip
    assert res.exit_code == 2
    assert "YYYY-MM-DD" in res.output
