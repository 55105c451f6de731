"""Scale fixtures: a real local Dask cluster (a scheduler and two worker processes) and a dev-notes sample."""

from __future__ import annotations

import csv
import datetime as dt
import json
import random
from collections.abc import Iterator
from pathlib import Path

import pytest

SHARED_DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data"
DEV_NOTES = ("afghanistan-2020-03.csv", "libya-2017-h1.csv")
NOTES_PER_FILE = 40


@pytest.fixture(scope="module")
def dask_scheduler() -> Iterator[str]:
    """Start a scheduler and two single-threaded worker processes; yield the scheduler's address."""
    from distributed import LocalCluster

    with LocalCluster(
        n_workers=2,
        processes=True,
        threads_per_worker=1,
        dashboard_address=None,
        scheduler_kwargs={"dashboard_address": ":0"},  # not 8787: another cluster may hold it
    ) as cluster:
        yield cluster.scheduler_address


def _event_day(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value.strip()[:10])
    except ValueError:
        return dt.datetime.strptime(value.strip(), "%d %B %Y").date()  # "21 March 2020"


@pytest.fixture(scope="module")
def dev_notes(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Write a fixed sample of the ACLED dev notes as a JSONL batch, as the evaluation reads them.

    id = event_id_cnty, text = notes, published = the day after event_date. The sample lives in a temp
    dir only: ACLED rows must never be committed.
    """
    folder = SHARED_DATA / "acled"
    if not all((folder / name).exists() for name in DEV_NOTES):
        pytest.skip(f"ACLED dev notes not found in {folder}")
    out = tmp_path_factory.mktemp("notes") / "dev-notes.jsonl"
    with out.open("w", encoding="utf-8") as fh:
        for name in DEV_NOTES:
            with (folder / name).open(newline="", encoding="utf-8", errors="replace") as f:
                rows = [{k.lower(): v for k, v in r.items()} for r in csv.DictReader(f)]
            for r in random.Random(7).sample(rows, NOTES_PER_FILE):
                published = _event_day(r["event_date"]) + dt.timedelta(days=1)
                doc = {"id": r["event_id_cnty"], "text": r["notes"], "published": published.isoformat()}
                fh.write(json.dumps(doc, ensure_ascii=False) + "\n")
    return out
