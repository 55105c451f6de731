"""Accuracy gate on ACLED dev notes: each file (the large one as a fixed sample), coded note by note, must
stay above the floors pinned in accuracy_floors.json ("acled_dev").

The ACLED exports are licensed for internal evaluation only, so they are never in this repository: the
gate reads them from ../shared/data/acled beside the checkout (or POLEMOS_ACLED_DIR) and skips cleanly
when they are absent. The notes go through a store and its corroboration, as ingest takes them. A sample
is drawn with a fixed seed so that its figure moves only when the coder does; `polemos evaluate --gold
FILE [--sample N]` prints the same figures.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from polemos.evaluation import EvaluationReport, evaluate
from polemos.gold import load_gold
from polemos.storage import SqliteStore

FLOORS: dict[str, Any] = json.loads(
    (Path(__file__).parent / "accuracy_floors.json").read_text(encoding="utf-8")
)["acled_dev"]
SHARED_ACLED = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "acled"
ACLED_DIR = Path(os.environ.get("POLEMOS_ACLED_DIR", SHARED_ACLED))
FILES = sorted(k for k in FLOORS if not k.startswith("_"))


def _figures(report: EvaluationReport) -> dict[str, float]:
    """The scorer's headline (event type over all notes) and the per-field accuracies over detected notes."""
    hits, notes = report.fields["event_type"][0], report.fields["notes detected"][1]
    figures = {"event_type_over_all_notes": hits / notes if notes else 0.0}
    figures.update({name: report.accuracy(name) for name in report.fields})
    return figures


@pytest.fixture(scope="module")
def reports(coder: Any) -> dict[str, dict[str, float]]:
    done: dict[str, dict[str, float]] = {}
    for name in FILES:
        path = ACLED_DIR / name
        if path.exists():
            gold = load_gold(path, sample=FLOORS["_samples"].get(name), seed=FLOORS["_seed"])
            # through a store, as `polemos evaluate` and the independent scorer's protocol take the notes
            store = SqliteStore(":memory:")
            try:
                done[name] = _figures(evaluate(gold, coder.code, store=store))
            finally:
                store.close()
    return done


@pytest.mark.parametrize("name", FILES)
def test_accuracy_acled_dev_notes_above_floors(name: str, reports: dict[str, dict[str, float]]) -> None:
    if name not in reports:
        pytest.skip(f"{ACLED_DIR / name} is not beside this checkout (ACLED data is never committed)")
    got = reports[name]
    below = {
        field: f"{got.get(field, 0.0):.3f} < {floor}"
        for field, floor in FLOORS[name].items()
        if got.get(field, 0.0) < floor
    }
    assert not below, f"{name}: {below} (all figures: {got})"
