"""Run the coder on gold data and report how close it comes: precision/recall/F1, per-field accuracy, a
confusion matrix of sub-event types, and every error with its text and evidence (`polemos evaluate`).
"""

from __future__ import annotations

import csv
import json
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from polemos.batch_country import BatchCountry
from polemos.export import newest_first
from polemos.gold import GoldSet
from polemos.model import Document, Event
from polemos.records import event_to_record
from polemos.scoring import Score, best_event, norm, note_checks, prf, score_document, score_notes
from polemos.storage.base import EventFilter, Store

GOLD_FIELDS = (
    "event_type", "sub_event_type", "actor1", "actor2", "inter1", "inter2", "fatalities", "date", "location",
    "lat", "lon", "geo_precision",
)  # fmt: skip
NOTES_FIELDS = (
    "event_type", "sub_event_type", "actor1", "actor2", "inter1", "inter2", "location<=25km", "date+-1d",
    "fatalities", "actor1 any order", "inter1 any order",
)  # fmt: skip


@dataclass
class EvaluationReport:
    """Figures of one evaluation run, and the material to review its errors."""

    kind: str  # "notes" (ACLED CSV) or "events" (polemos gold JSONL)
    tp: int = 0
    fp: int = 0
    fn: int = 0
    fields: dict[str, tuple[int, int]] = field(default_factory=dict)  # name -> (hits, total)
    confusion: Counter[tuple[str, str]] = field(default_factory=Counter)  # (gold, system) sub-event type
    errors: list[dict[str, object]] = field(default_factory=list)
    system: list[dict[str, object]] = field(default_factory=list)
    documents: int = 0

    @property
    def precision(self) -> float:
        return prf(self.tp, self.fp, self.fn)[0]

    @property
    def recall(self) -> float:
        return prf(self.tp, self.fp, self.fn)[1]

    @property
    def f1(self) -> float:
        return prf(self.tp, self.fp, self.fn)[2]

    def accuracy(self, name: str) -> float:
        hits, total = self.fields.get(name, (0, 0))
        return hits / total if total else 0.0


class Code(Protocol):
    """How evaluate codes a document (`Coder.code`): `country` is the run's prevailing country, for a
    document whose text tells none (polemos.batch_country)."""

    def __call__(self, document: Document, *, country: str | None = None) -> list[Event]: ...


def evaluate(
    gold: GoldSet,
    code: Code,
    progress: Callable[[], None] | None = None,
    *,
    store: Store | None = None,
) -> EvaluationReport:
    """Code every gold document and score the result.

    With a `store` (an empty one: polemos evaluate passes a throwaway SQLite file), ACLED notes are saved
    and corroborated there as `polemos ingest` saves documents, and scored as `polemos export` gives them
    back: reports of one event merged across notes, as the independent scorer's protocol sees them. Gold
    JSONL documents are always scored one by one (their protocol ingests each report alone).
    """
    if store is not None and gold.kind == "notes":
        by_doc = _stored(gold, code, store, progress)
    else:
        by_doc = {}
        for doc in gold.documents:
            # The order the store would serve them in: greedy matching breaks ties by position.
            by_doc[doc.id] = [event_to_record(e) for e in newest_first(code(doc))]
            if progress:
                progress()
    report = EvaluationReport(gold.kind, documents=len(gold.documents))
    # each event once, though a merged one is listed under each of its reports
    report.system = list({id(r): r for recs in by_doc.values() for r in recs}.values())
    if gold.kind == "notes":
        _score_notes(gold, by_doc, report)
    else:
        _score_events(gold, by_doc, report)
    return report


def _stored(
    gold: GoldSet, code: Code, store: Store, progress: Callable[[], None] | None
) -> dict[str, list[dict[str, object]]]:
    """Save and corroborate every document, then read the events back as the export does; each event is
    listed under every document it cites as a source (a merged event stands for each of its reports).
    Notes that tell no country wait, as `ingest` holds them back, for the run's prevailing country."""
    from polemos.corroboration import Corroborating
    from polemos.corroboration_commands import events_for_export

    def save(doc: Document, events: list[Event]) -> None:
        store.save_document(doc, events, [])
        if isinstance(store, Corroborating):
            store.corroborate([doc.id])
        if progress:
            progress()

    batch = BatchCountry()
    waiting: list[tuple[Document, list[Event]]] = []
    for doc in gold.documents:
        events = code(doc)
        if batch.holds_back(events):
            waiting.append((doc, events))
        else:
            save(doc, events)
    country = batch.prevailing()
    for doc, events in waiting:
        save(doc, code(doc, country=country) if country else events)
    events, _ = events_for_export(store, EventFilter())
    by_doc: dict[str, list[dict[str, object]]] = {}
    for event in events:  # the export's order: greedy matching breaks ties by position
        record = event_to_record(event)
        for doc_id in dict.fromkeys(s.document_id for s in event.sources):
            by_doc.setdefault(doc_id, []).append(record)
    return by_doc


def _score_notes(gold: GoldSet, by_doc: dict[str, list[dict[str, object]]], report: EvaluationReport) -> None:
    """Notes: one gold event per note. tp = notes whose best system event has the gold type; every other
    system event of a note is a false positive; notes without a matching event are false negatives."""
    counts = score_notes(gold.rows, by_doc)
    report.fields = {"notes detected": (counts["notes"], counts["notes/n"])}
    report.fields.update({f: (counts[f], counts[f"{f}/n"]) for f in NOTES_FIELDS if counts[f"{f}/n"]})
    for g in gold.rows:
        events = by_doc.get(str(g["id"]), [])
        best = best_event(g, events)
        ok = best is not None and norm(best.get("event_type")) == norm(g["event_type"])
        report.tp += ok
        report.fn += not ok
        report.fp += len(events) - ok
        if g["sub_event_type"]:
            got = str(best.get("sub_event_type")) if best else "(none)"
            report.confusion[(str(g["sub_event_type"]), got)] += 1
        wrong = ["event"] if best is None else [f for f, right in note_checks(g, best).items() if not right]
        if wrong:
            report.errors.append(
                {
                    "id": g["id"], "wrong": wrong, "text": g["text"],
                    "gold": {k: g.get(k) for k in GOLD_FIELDS},
                    "system": best, "other_system_events": len(events) - (best is not None),
                }
            )  # fmt: skip


def _score_events(
    gold: GoldSet, by_doc: dict[str, list[dict[str, object]]], report: EvaluationReport
) -> None:
    score = Score()
    for doc in sorted({str(g["doc"]) for g in gold.rows}):
        rows = [g for g in gold.rows if g["doc"] == doc]
        score_document(rows, by_doc.get(Path(doc).stem, []), score, doc[:3])
    report.tp, report.fp, report.fn = score.tp, score.fp, score.fn
    report.fields = {k: (a, b) for k, (a, b) in sorted(score.fields.items())}
    report.confusion = Counter(score.pairs)
    report.errors = [{"error": e} for e in score.errors]


def write_report(report: EvaluationReport, outdir: Path) -> list[Path]:
    """Write summary.json, errors.jsonl, confusion.csv and system.jsonl for review."""
    outdir.mkdir(parents=True, exist_ok=True)
    summary = {
        "kind": report.kind, "documents": report.documents, "tp": report.tp, "fp": report.fp, "fn": report.fn,
        "precision": round(report.precision, 4), "recall": round(report.recall, 4), "f1": round(report.f1, 4),
        "fields": {k: {"hits": a, "total": b, "accuracy": round(a / b, 4) if b else None}
                   for k, (a, b) in report.fields.items()},
    }  # fmt: skip
    paths = [outdir / n for n in ("summary.json", "errors.jsonl", "confusion.csv", "system.jsonl")]
    paths[0].write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    _jsonl(paths[1], report.errors)
    with paths[2].open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["gold_sub_event_type", "system_sub_event_type", "count"])
        for (g, s), n in sorted(report.confusion.items(), key=lambda kv: -kv[1]):
            w.writerow([g, s, n])
    _jsonl(paths[3], report.system)
    return paths


def _jsonl(path: Path, rows: Sequence[object]) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for r in rows:
            fh.write(json.dumps(r, ensure_ascii=False, default=str) + "\n")
