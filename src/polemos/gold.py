"""Read gold data for evaluation: ACLED CSV exports (old and new layouts) and polemos gold JSONL, each
with the documents the coder must read to be scored against it.

ACLED notes become documents the way the project's evaluation protocol says: id = event_id_cnty,
text = notes, published = the day after event_date.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from polemos.errors import InputError
from polemos.model import Document, Rejection
from polemos.scoring import acled_gold
from polemos.sources import read_documents


@dataclass(frozen=True)
class GoldSet:
    """Gold rows plus the documents to code; `kind` is "notes" (ACLED CSV) or "events" (our JSONL)."""

    kind: str
    rows: list[dict[str, object]]
    documents: list[Document]
    rejected: list[Rejection]


def load_gold(path: Path, *, sample: int | None = None, seed: int = 7) -> GoldSet:
    """Load an ACLED CSV or a polemos gold JSONL, with its documents."""
    if not path.exists():
        raise InputError(str(path), "no such gold file")
    if path.suffix.lower() == ".csv":
        return _acled(path, sample, seed)
    if path.suffix.lower() == ".jsonl":
        return _events_jsonl(path)
    raise InputError(str(path), "gold must be an ACLED export (.csv) or polemos gold events (.jsonl)")


def _acled(path: Path, sample: int | None, seed: int) -> GoldSet:
    rows = acled_gold(path)
    if not rows or "text" not in rows[0]:
        raise InputError(str(path), "not an ACLED export with a notes column")
    if sample is not None and sample < len(rows):
        rows = random.Random(seed).sample(rows, sample)
    docs = []
    for r in rows:
        day = r["date"]
        published = day + dt.timedelta(days=1) if isinstance(day, dt.date) else None
        docs.append(Document(id=str(r["id"]), text=str(r["text"] or ""), published=published, path=str(path)))
    return GoldSet("notes", rows, [d for d in docs if d.text.strip()], [])


def _events_jsonl(path: Path) -> GoldSet:
    rows: list[dict[str, object]] = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(str(path), f"not JSON: {exc.msg}", line=n) from None
        if not isinstance(row, dict) or "doc" not in row or "event_type" not in row:
            raise InputError(str(path), "a gold event needs at least `doc` and `event_type`", line=n)
        rows.append(row)
    manifest = _manifest(path.parent / "manifest.jsonl")
    documents: list[Document] = []
    rejected: list[Rejection] = []
    for name in sorted({str(r["doc"]) for r in rows}):
        published = manifest.get(name)
        for item in read_documents([path.parent / name], published=published):
            if isinstance(item, Rejection):
                rejected.append(item)
            else:
                documents.append(item)
    return GoldSet("events", rows, documents, rejected)


def _manifest(path: Path) -> Mapping[str, dt.date]:
    """Publication dates per file from a manifest.jsonl beside the gold (as the seeds have)."""
    if not path.exists():
        return {}
    out: dict[str, dt.date] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            m = json.loads(line)
            if m.get("file") and m.get("published"):
                out[str(m["file"])] = dt.date.fromisoformat(str(m["published"]))
    return out
