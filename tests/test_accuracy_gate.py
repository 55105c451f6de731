"""Accuracy gate: the seeds, each coded alone with its publication date, must stay above pinned floors.

Floors live in accuracy_floors.json (one place, like trafilatura's eval baseline). The matching protocol
is the independent scorer's (shared/tools/score_events.py); when that scorer is present beside the
checkout, the gate also checks that both give the same F1.
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from polemos.export import newest_first, write_events
from polemos.model import Document
from polemos.records import event_to_record
from polemos.scoring import Score, score_document
from polemos.sources import read_documents

FLOORS = json.loads((Path(__file__).parent / "accuracy_floors.json").read_text(encoding="utf-8"))
SEEDS = Path(__file__).parent / "fixtures" / "seeds"
SCORER = Path(__file__).resolve().parents[1].parent / "shared" / "tools" / "score_events.py"


def _code_seeds(coder: Any, manifest: list[dict[str, Any]], outdir: Path) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {}
    for m in manifest:
        docs = [
            d
            for d in read_documents([SEEDS / m["file"]], published=dt.date.fromisoformat(m["published"]))
            if isinstance(d, Document)
        ]
        events = newest_first(e for d in docs for e in coder.code(d))
        stem = Path(m["file"]).stem
        with (outdir / f"{stem}.jsonl").open("w", encoding="utf-8") as fh:
            write_events(events, "jsonl", fh)
        out[m["file"]] = [event_to_record(e) for e in events]
    return out


@pytest.fixture(scope="module")
def seed_run(
    coder: Any, seed_manifest: list[dict[str, Any]], tmp_path_factory: pytest.TempPathFactory
) -> tuple[Score, Path]:
    outdir = tmp_path_factory.mktemp("seed-exports")
    gold = [
        json.loads(x)
        for x in (SEEDS / "gold-events.jsonl").read_text(encoding="utf-8").splitlines()
        if x.strip()
    ]
    coded = _code_seeds(coder, seed_manifest, outdir)
    score = Score()
    for doc in sorted({g["doc"] for g in gold}):
        score_document([g for g in gold if g["doc"] == doc], coded.get(doc, []), score, doc[:3])
    return score, outdir


def test_accuracy_seeds_event_f1_above_floor(seed_run: tuple[Score, Path]) -> None:
    score, _ = seed_run
    assert score.f1 >= FLOORS["seeds"]["event_f1"], "\n".join(score.errors)


def test_accuracy_seeds_actor1_right_on_matched_events(seed_run: tuple[Score, Path]) -> None:
    score, _ = seed_run
    assert score.accuracy("actor1") >= FLOORS["seeds"]["actor1"], "\n".join(score.errors)


def test_accuracy_seeds_actor2_right_on_matched_events(seed_run: tuple[Score, Path]) -> None:
    score, _ = seed_run
    assert score.accuracy("actor2") >= FLOORS["seeds"]["actor2"], "\n".join(score.errors)


@pytest.mark.skipif(
    not SCORER.exists(), reason="the independent scorer (../shared/tools) is not beside this checkout"
)
def test_accuracy_agrees_with_independent_scorer(seed_run: tuple[Score, Path]) -> None:
    score, outdir = seed_run
    res = subprocess.run(
        [sys.executable, str(SCORER), "seeds", str(SEEDS / "gold-events.jsonl"), str(outdir)],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    figure = res.stdout.strip().splitlines()[-1]
    assert figure.startswith(f"figure: seeds event F1 {score.f1:.2f} "), res.stdout
