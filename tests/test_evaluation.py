"""`polemos evaluate`: gold loading (ACLED old/new layouts, gold JSONL), figures, review files, and
agreement with the independent scorer."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from polemos.cli import app
from polemos.evaluation import evaluate, write_report
from polemos.gold import load_gold
from polemos.storage import SqliteStore

SEEDS = Path(__file__).parent / "fixtures" / "seeds"
SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SCORER = SHARED / "tools" / "score_events.py"

# Invented notes in ACLED's two layouts (never ACLED rows: their licence forbids copying them here).
OLD_LAYOUT = [
    ["event_id_cnty", "event_date", "event_type", "actor1", "inter1", "actor2", "inter2", "latitude",
     "longitude", "geo_precision", "notes", "fatalities"],
    ["T1", "2017-03-02", "Battle-No change of territory", "Military Forces of Libya (2014-) Haftar Faction",
     "1", "Unidentified Armed Group (Libya)", "3", "32.1167", "20.0667", "1",
     "On 2 March, LNA troops clashed with gunmen in Benghazi. Two soldiers were killed.", "2"],
    ["T2", "2017-03-03", "Riots/Protests", "Protesters (Libya)", "6", "", "", "32.8925", "13.18", "1",
     "On 3 March, hundreds of protesters rallied in Tripoli demanding an end to power cuts.", "0"],
]  # fmt: skip
NEW_LAYOUT = [
    ["event_id_cnty", "event_date", "event_type", "sub_event_type", "actor1", "inter1", "actor2", "inter2",
     "latitude", "longitude", "geo_precision", "notes", "fatalities"],
    ["N1", "10 March 2020", "Explosions/Remote violence", "Remote explosive/landmine/IED",
     "Unidentified Armed Group (Afghanistan)", "3", "Civilians (Afghanistan)", "7", "34.5167", "69.1833", "1",
     "On 10 March 2020, a roadside bomb killed 3 civilians in Kabul city.", "3"],
]  # fmt: skip


def _write_csv(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)
    return path


def test_gold_reads_old_layout_with_taxonomy_mapping(tmp_path: Path) -> None:
    gold = load_gold(_write_csv(tmp_path / "old.csv", OLD_LAYOUT))
    assert gold.kind == "notes"
    assert [(r["event_type"], r["sub_event_type"]) for r in gold.rows] == [
        ("Battles", "Armed clash"),
        ("Protests", None),
    ]
    assert [d.published.isoformat() for d in gold.documents if d.published] == ["2017-03-03", "2017-03-04"]


def test_evaluate_scores_notes_and_writes_review_files(coder: Any, tmp_path: Path) -> None:
    gold = load_gold(_write_csv(tmp_path / "new.csv", NEW_LAYOUT))
    report = evaluate(gold, coder.code)
    assert report.tp == 1 and report.fn == 0
    assert report.accuracy("sub_event_type") == 1.0
    assert report.accuracy("fatalities") == 1.0
    paths = write_report(report, tmp_path / "out")
    assert json.loads(paths[0].read_text(encoding="utf-8"))["tp"] == 1
    assert all(p.exists() for p in paths)


def test_errors_name_every_wrong_field_of_a_note(coder: Any, tmp_path: Path) -> None:
    # The type is right but the gold's toll and actor differ: the note is still an error to review,
    # listed with exactly the fields that are wrong.
    wrong = [*NEW_LAYOUT[1]]
    wrong[NEW_LAYOUT[0].index("fatalities")] = "5"
    wrong[NEW_LAYOUT[0].index("actor1")] = "Taliban"
    gold = load_gold(_write_csv(tmp_path / "wrong.csv", [NEW_LAYOUT[0], wrong]))
    report = evaluate(gold, coder.code)
    assert report.tp == 1 and len(report.errors) == 1
    wrong_fields = report.errors[0]["wrong"]
    assert isinstance(wrong_fields, list) and {"fatalities", "actor1"} <= set(wrong_fields)
    assert "event_type" not in wrong_fields and "date+-1d" not in wrong_fields
    right = evaluate(load_gold(_write_csv(tmp_path / "right.csv", NEW_LAYOUT)), coder.code)
    assert all({"fatalities", "actor1"}.isdisjoint(e["wrong"]) for e in right.errors)  # type: ignore[arg-type]


def test_evaluate_through_a_store_scores_a_merged_event_for_each_of_its_notes(
    coder: Any, tmp_path: Path
) -> None:
    # Two notes telling one bombing (as two outlets would): ingest merges them into one event, and each
    # note is scored against it, as the independent scorer sees what `polemos export` gives.
    second = ["N2", *NEW_LAYOUT[1][1:]]
    text = "A roadside bomb killed 3 civilians in Kabul city on 10 March 2020."
    second[NEW_LAYOUT[0].index("notes")] = text
    gold = load_gold(_write_csv(tmp_path / "two.csv", [*NEW_LAYOUT, second]))
    alone = evaluate(gold, coder.code)
    store = SqliteStore(tmp_path / "notes.sqlite")
    try:
        stored = evaluate(gold, coder.code, store=store)
    finally:
        store.close()
    assert len(alone.system) == 2 and len(stored.system) == 1
    assert stored.tp == alone.tp == 2 and stored.fp == 0
    sources = stored.system[0]["sources"]
    assert isinstance(sources, list) and {s["document_id"] for s in sources} == {"N1", "N2"}


def test_evaluate_cli_on_seed_gold(tmp_path: Path) -> None:
    res = CliRunner().invoke(
        app, ["evaluate", "--gold", str(SEEDS / "gold-events.jsonl"), "--out", str(tmp_path)]
    )
    assert res.exit_code == 0, res.output
    summary = json.loads((tmp_path / "summary.json").read_text(encoding="utf-8"))
    assert summary["f1"] >= 0.8
    assert "precision" in res.output


def test_evaluate_missing_gold_is_a_clear_error(tmp_path: Path) -> None:
    res = CliRunner().invoke(app, ["evaluate", "--gold", str(tmp_path / "nope.csv")])
    assert res.exit_code == 1
    assert "nope.csv" in res.output and "no such gold file" in res.output


@pytest.mark.acled
@pytest.mark.skipif(
    not (SHARED / "data" / "acled").exists() or not SCORER.exists(), reason="../shared absent"
)
def test_evaluate_agrees_with_independent_scorer_on_acled_notes(coder: Any, tmp_path: Path) -> None:
    gold = load_gold(SHARED / "data" / "acled" / "libya-2017-h1.csv", sample=60)
    report = evaluate(gold, coder.code)
    write_report(report, tmp_path)
    sample_ids = {str(r["id"]) for r in gold.rows}
    with (SHARED / "data" / "acled" / "libya-2017-h1.csv").open(encoding="utf-8", errors="replace") as fh:
        rows = list(csv.DictReader(fh))
    with (tmp_path / "gold.csv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0].keys()))
        w.writeheader()
        w.writerows(r for r in rows if r["event_id_cnty"] in sample_ids)
    res = subprocess.run(
        [sys.executable, str(SCORER), "notes", str(tmp_path / "gold.csv"), str(tmp_path / "system.jsonl")],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    theirs = {
        line.split()[0]: line.split()[1] for line in res.stdout.splitlines() if "/" in line and "=" in line
    }
    for name in (
        "event_type",
        "sub_event_type",
        "fatalities",
        "actor1",
        "inter1",
        "location<=25km",
        "date+-1d",
    ):
        if name in theirs:
            hits, total = report.fields[name]
            assert f"{hits}/{total}" == theirs[name], name


def test_evaluate_cli_draws_the_sample_its_seed_names(tmp_path: Path) -> None:
    # hand-made notes in ACLED's layout (never ACLED rows): a sample of 3 of 10, by two seeds
    gold = tmp_path / "notes.csv"
    with gold.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["event_id_cnty", "event_date", "event_type", "sub_event_type", "actor1", "notes"])
        for i in range(10):
            note = f"Teachers marched in Nairobi on day {i} over pay."
            w.writerow([f"N{i}", f"2017-03-{i + 1:02d}", "Protests", "Peaceful protest", "Protesters", note])
    picked = []
    for seed in ("7", "31"):
        out = tmp_path / f"eval-{seed}"
        res = CliRunner().invoke(
            app, ["evaluate", "--gold", str(gold), "--sample", "3", "--seed", seed, "--out", str(out)]
        )
        assert res.exit_code == 0, res.output
        ids = {json.loads(x)["source"] for x in (out / "system.jsonl").read_text().splitlines()}
        assert len(ids) == 3
        picked.append(ids)
    assert picked[0] != picked[1]
