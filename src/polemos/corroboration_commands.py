"""The `polemos explain`, `polemos control` and `polemos split` commands: argument handling, one library call.

polemos explain EVENT_ID                 a corroborated event: sources, evidence per field, merge decisions
polemos control [--place P] [--at DATE]  who held (and contested) which place when, with evidence;
                                         --format table | json | geojson, -o FILE
polemos split EVENT_ID [--undo]          move an event out of its corroborated event (or undo that)

cli.py registers these functions (`app.command("explain")(explain_cmd)`); they define their own options
so that this module never imports cli.py.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Protocol, runtime_checkable

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from polemos.cli_options import DbOption, err, out
from polemos.cli_options import fail as _fail
from polemos.cli_options import parse_date as _date
from polemos.config import Settings
from polemos.errors import PolemosError, StoreError
from polemos.model import Event, Relation

if TYPE_CHECKING:
    from polemos.control import ControlInterval
    from polemos.corroboration_decisions import Explanation
    from polemos.corroboration_groups import CorroboratedEvent
    from polemos.storage.base import EventFilter

__all__ = ["CorroborationStore", "control_cmd", "events_for_export", "explain_cmd", "split_cmd"]

EXIT_NOT_FOUND = 2

FORMATS = ("table", "json", "geojson")


@runtime_checkable
class CorroborationStore(Protocol):
    """What these commands read from a Store (the corroboration methods join the Store protocol)."""

    def corroborated(self, flt: EventFilter = ...) -> list[CorroboratedEvent]:
        """Return one corroborated event (with its fatality range and members) per group, newest first."""
        ...

    def corroborated_events(self, flt: EventFilter = ...) -> list[Event]:
        """Return one event per group of reports of it, newest first."""
        ...

    def explain(self, event_id: str) -> Explanation | None:
        """Explain a corroborated event (or the one a member event belongs to); None when unknown."""
        ...

    def split_event(self, event_id: str) -> str:
        """Move an event out of its corroborated event; return its own group."""
        ...

    def unsplit_event(self, event_id: str) -> str:
        """Undo a split; return the group the event goes to."""
        ...

    def relations(self, at: dt.date | None = None) -> list[Relation]:
        """Return relation statements, oldest first."""
        ...

    def close(self) -> None:
        """Release the database connection."""
        ...


def _open(db: str) -> CorroborationStore:
    from polemos.storage import open_store

    store = open_store(db)
    if not isinstance(store, CorroborationStore):
        store.close()
        raise StoreError(
            f"the store at {db} cannot corroborate events; this polemos does not corroborate yet"
        )
    return store


def events_for_export(
    store: object, flt: EventFilter, *, per_document: bool = False
) -> tuple[list[Event], dict[str, dict[str, object]]]:
    """Return the events `polemos export`/`run` write, and the extra record fields of each (by event id).

    By default one corroborated event per group of reports (extras: `fatality_range`, `corroboration`);
    with `per_document`, or from a store that does not corroborate, the events as each report coded them.
    """
    from polemos.corroboration_results import corroboration_fields
    from polemos.storage.base import Store

    if not per_document and isinstance(store, CorroborationStore):
        found = store.corroborated(flt)
        return [c.event for c in found], {c.event.event_id: corroboration_fields(c) for c in found}
    assert isinstance(store, Store)
    return store.events(flt), {}


# --- explain -----------------------------------------------------------------------------------------------


def _checks(reasons: Mapping[str, object]) -> str:
    """One line per compared field from a decision's reasons."""
    comparisons = []
    matched = reasons.get("matched")
    if isinstance(matched, Mapping):
        comparisons.append(matched)
    nearest = reasons.get("nearest")
    if isinstance(nearest, Sequence) and nearest and isinstance(nearest[0], Mapping):
        comparisons.append(nearest[0])
    lines = []
    for comp in comparisons:
        checks = comp.get("checks")
        if not isinstance(checks, Sequence):
            continue
        lines.append(f"vs {comp.get('other')}:")
        for c in checks:
            if isinstance(c, Mapping):
                mark = "ok" if c.get("ok") else "NO"
                lines.append(f"  {mark} {c.get('field')}: {c.get('why')}")
    return "\n".join(lines)


def _row(table: Table, *cells: str) -> None:
    table.add_row(*(escape(c) for c in cells))  # report text may hold [brackets]: not markup


def _print_explanation(x: Explanation) -> None:
    c = x.corroborated
    e = c.event
    fr = c.fatality_range
    out.print(f"[bold]{e.event_id}[/bold]  {e.event_type.value} / {e.sub_event_type.value}")
    out.print(
        f"date {e.date.date.isoformat() if e.date else '?'}   place {e.place.name if e.place else '?'}   "
        f"actors {e.actor1.name if e.actor1 else '-'} / {e.actor2.name if e.actor2 else '-'}",
        markup=False,
    )
    out.print(
        f"fatalities {fr.chosen} (low {fr.low}, best {fr.best}, high {fr.high}: {fr.rule});"
        f" {len(c.documents)} report(s), {c.independent_sources} independent source(s)",
        markup=False,
    )
    sources = Table(
        "document", "outlet", "published", "event", "date", "place", "fat.", "sentence", title="sources"
    )
    for m in c.members:
        me = m.event
        first = me.sources[0] if me.sources else None
        copy = "" if m.source == m.document_id else f" (copy of {m.source})"
        _row(
            sources, m.document_id + copy, first.outlet or "" if first else "",
            first.published.isoformat() if first and first.published else "", me.event_id,
            me.date.date.isoformat() if me.date else "?", me.place.name if me.place else "",
            str(me.fatalities), " ".join(s.sentence for s in me.sources),
        )  # fmt: skip
    out.print(sources)
    for p in x.duplicates:
        out.print(
            f"near-duplicate: {p.document_id} ~ {p.duplicate_of}"
            f" (Jaccard {p.jaccard:.2f}, MinHash estimate {p.estimate:.2f})"
        )
    evidence = Table("field", "value", "words", "document", "rule", title="evidence per field")
    for name, items in x.evidence_by_field().items():
        for ev in items:
            _row(evidence, name, ev.value, ev.text, ev.document_id, ev.rule)
    out.print(evidence)
    decisions = Table("#", "at", "event", "decision", "group", "why", title="merge decisions")
    for d in x.decisions:
        why = str(d.reasons.get("why", ""))
        detail = _checks(d.reasons)
        _row(
            decisions,
            str(d.id),
            d.at,
            d.event_id,
            d.decision,
            d.group_id,
            why + ("\n" + detail if detail else ""),
        )
    out.print(decisions)


def explain_cmd(
    event_id: Annotated[str, typer.Argument(help="A corroborated event's id, or any member event's id.")],
    fmt: Annotated[str, typer.Option("--format", "-f", help="text | json")] = "text",
    db: DbOption = None,
) -> None:
    """Show a corroborated event: its sources, the evidence for each field, why its reports were merged."""
    from polemos.corroboration_decisions import explanation_to_json

    if fmt not in ("text", "json"):
        raise typer.BadParameter(f"unknown format {fmt!r}; use text or json", param_hint="--format")
    settings = Settings.from_env(db=db)
    try:
        store = _open(settings.db)
        try:
            x = store.explain(event_id)
        finally:
            store.close()
    except PolemosError as exc:
        raise _fail(exc) from exc
    if x is None:
        err.print(f"[red]error:[/red] no event has id {event_id!r}; list them with polemos events")
        raise typer.Exit(EXIT_NOT_FOUND)
    if fmt == "json":
        json.dump(explanation_to_json(x), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return
    _print_explanation(x)


# --- control -----------------------------------------------------------------------------------------------


def _clip(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _table(intervals: Sequence[ControlInterval], title: str) -> Table:
    table = Table(title=title)
    for name in ("place", "status", "actor"):
        table.add_column(name)
    for name in ("from", "to", "last reported"):
        table.add_column(name, no_wrap=True)
    table.add_column("evidence", ratio=1)
    for i in intervals:
        lines = [
            f"[{e.kind} {e.document_id} {e.date.isoformat()}] {_clip(e.sentence or e.text)}"
            for e in i.evidence
        ]
        _row(
            table,
            i.place, i.status.value, i.actor, i.start.isoformat(), i.end.isoformat() if i.end else "",
            i.last_reported.isoformat(), "\n".join(lines),
        )  # fmt: skip
    return table


def control_cmd(
    place: Annotated[
        str | None, typer.Option("--place", help="A place name (any spelling the gazetteer knows).")
    ] = None,
    at: Annotated[str | None, typer.Option("--at", help="Who held what on this day (YYYY-MM-DD).")] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table | json | geojson")] = "table",
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="Output file (default: stdout).")
    ] = None,
    db: DbOption = None,
) -> None:
    """Show the territorial control timeline: who held (and who contested) each place, when, with evidence.

    Built from "X controls Y" statements and territory-change events; see polemos.control for the rules.
    GeoJSON features are points with `start`/`end` properties (end null: still so).
    """
    from polemos.control import (
        build_control_timeline,
        control_at,
        control_geojson,
        control_of,
        interval_to_json,
    )
    from polemos.knowledge.gazetteer import load_gazetteer

    if fmt not in FORMATS:
        raise typer.BadParameter(f"unknown format {fmt!r}; use {', '.join(FORMATS)}", param_hint="--format")
    day = _date(at, "--at")
    settings = Settings.from_env(db=db)
    try:
        store = _open(settings.db)
        try:
            intervals = build_control_timeline(store.relations(), store.corroborated_events())
        finally:
            store.close()
        if place is not None:
            found = control_of(intervals, place)
            intervals = found or control_of(intervals, place, load_gazetteer(settings.place_files))
    except PolemosError as exc:
        raise _fail(exc) from exc
    if day is not None:
        intervals = control_at(intervals, day)
    title = " ".join(["control", *([f"of {place}"] if place else []), *([f"on {day}"] if day else [])])
    table = _table(intervals, f"{title}: {len(intervals)} interval(s)")
    data: object = (
        control_geojson(intervals) if fmt == "geojson" else [interval_to_json(i) for i in intervals]
    )
    if output is None:
        if fmt == "table":
            out.print(table)
        else:
            json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
            sys.stdout.write("\n")
        return
    output.parent.mkdir(parents=True, exist_ok=True)
    with output.open("w", encoding="utf-8") as fh:
        if fmt == "table":
            Console(file=fh, width=200).print(table)
        else:
            json.dump(data, fh, ensure_ascii=False, indent=2)
            fh.write("\n")
    err.print(f"wrote {len(intervals)} interval(s) to {output}")


# --- split -------------------------------------------------------------------------------------------------


def split_cmd(
    event_id: Annotated[str, typer.Argument(help="The member event to move out (see polemos explain).")],
    undo: Annotated[bool, typer.Option("--undo", help="Undo an earlier split of this event.")] = False,
    db: DbOption = None,
) -> None:
    """Move one report's event out of the corroborated event it was merged into (kept apart from then on)."""
    settings = Settings.from_env(db=db)
    try:
        store = _open(settings.db)
        try:
            group = store.unsplit_event(event_id) if undo else store.split_event(event_id)
        finally:
            store.close()
    except PolemosError as exc:
        raise _fail(exc) from exc
    verb = "rejoined corroboration; now in" if undo else "split off into"
    out.print(f"{event_id} {verb} {group}")
