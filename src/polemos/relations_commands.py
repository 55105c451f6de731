"""The `polemos actors`, `polemos graph` and `polemos framing` commands: argument handling, one library call.

polemos actors                         stored actors with their leaders, backers, allies, enemies, places
polemos graph --format json|graphml    the alliance graph (edges with dates and evidence); --at DATE
polemos framing                        per outlet: the side it leans to, its cue words, its actor labels

cli.py registers these functions (`app.command("graph")(graph_cmd)`); they define their own options so
that this module never imports cli.py.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import Annotated, Protocol, runtime_checkable

import typer
from rich.table import Table

from polemos.cli_options import DbOption, err, out
from polemos.cli_options import fail as _fail
from polemos.cli_options import parse_date as _date
from polemos.config import Settings
from polemos.errors import PolemosError, StoreError
from polemos.model import Document, Relation, RelationKind

__all__ = ["RelationStore", "actors_cmd", "framing_cmd", "graph_cmd"]


@runtime_checkable
class RelationStore(Protocol):
    """What these commands read from a Store (the relation methods join the Store protocol)."""

    def relations(self, at: dt.date | None = None) -> list[Relation]:
        """Return relation statements, oldest first; with `at`, only those made about `at` or before."""
        ...

    def actors(self) -> list[tuple[str, int | None, int]]:
        """Return (name, inter code, number of events) for every actor, most active first."""
        ...

    def documents(self) -> list[Document]:
        """Return every stored document, ordered by id."""
        ...

    def close(self) -> None:
        """Release the database connection."""
        ...


def _open(db: str) -> RelationStore:
    from polemos.storage import open_store

    store = open_store(db)
    if not isinstance(store, RelationStore):
        store.close()
        raise StoreError(f"the store at {db} cannot read relations; this polemos stores no relations yet")
    return store


def _kinds(values: list[str] | None) -> frozenset[RelationKind] | None:
    if not values:
        return None
    if "all" in values:
        return frozenset(RelationKind)
    known = {k.value: k for k in RelationKind}
    bad = [v for v in values if v not in known]
    if bad:
        raise typer.BadParameter(
            f"unknown relation kind(s) {', '.join(bad)}; use {', '.join(known)} or all", param_hint="--kind"
        )
    return frozenset(known[v] for v in values)


def graph_cmd(
    fmt: Annotated[str, typer.Option("--format", "-f", help="json | graphml")] = "json",
    at: Annotated[
        str | None, typer.Option("--at", help="Only edges holding on this day (YYYY-MM-DD).")
    ] = None,
    kind: Annotated[
        list[str] | None,
        typer.Option(
            "--kind",
            help="Relation kind(s) to include (repeatable): supports, allied_with, fights, linked_to, "
            "controls, leads, or all. Default: all but leads (people are not actors).",
        ),
    ] = None,
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="Output file (default: stdout).")
    ] = None,
    db: DbOption = None,
) -> None:
    """Write the alliance graph: one edge per relation and period, with canonical actor names and evidence.

    JSON is a list of {source, target, relation, start, end, evidence, ...}; a later statement that
    contradicts an edge (a new holder of a place, fighting between allies) closes it the day before.
    """
    from polemos.graph import build_graph, edges_at, write_graphml, write_json

    if fmt not in ("json", "graphml"):
        raise typer.BadParameter(f"unknown format {fmt!r}; use json or graphml", param_hint="--format")
    day = _date(at, "--at")
    kinds = _kinds(kind)
    settings = Settings.from_env(db=db)
    try:
        store = _open(settings.db)
        try:
            relations = store.relations(at=day)
        finally:
            store.close()
    except PolemosError as exc:
        raise _fail(exc) from exc
    edges = build_graph(relations, kinds=kinds)
    if day is not None:
        edges = edges_at(edges, day)
    write = write_json if fmt == "json" else write_graphml
    if output is None:
        write(edges, sys.stdout)
        return
    output.parent.mkdir(parents=True, exist_ok=True)
    with output.open("w", encoding="utf-8") as fh:
        n = write(edges, fh)
    err.print(f"wrote {n} edge(s) to {output}")


def _cell(values: tuple[str, ...]) -> str:
    return "; ".join(values)


def actors_cmd(db: DbOption = None) -> None:
    """List actors as a table: type, events, and what relations say of them (leaders, backers, places)."""
    from polemos.graph import summarise_actors

    settings = Settings.from_env(db=db)
    try:
        store = _open(settings.db)
        try:
            summaries = summarise_actors(store.actors(), store.relations())
        finally:
            store.close()
    except PolemosError as exc:
        raise _fail(exc) from exc
    table = Table(
        "actor", "inter", "events", "leaders", "backed by", "backs", "allies", "fights", "linked to", "holds",
        title=f"{len(summaries)} actors",
    )  # fmt: skip
    for a in summaries:
        table.add_row(
            a.name, "" if a.inter is None else str(a.inter), str(a.events), _cell(a.leaders),
            _cell(a.backed_by), _cell(a.backs), _cell(a.allies), _cell(a.fights), _cell(a.linked_to),
            _cell(a.holds),
        )  # fmt: skip
    out.print(table)


def framing_cmd(
    db: DbOption = None,
    by: Annotated[
        str, typer.Option("--by", help="outlet (documents without one: alone) | document")
    ] = "outlet",
    fmt: Annotated[str, typer.Option("--format", "-f", help="table | json")] = "table",
    actors: Annotated[
        list[Path] | None,
        typer.Option("--actors", help="Extra actor knowledge file(s), same layout as actors.yaml."),
    ] = None,
) -> None:
    """Show per outlet (or document) the side it leans to, its cue words and its labels for each actor."""
    from polemos.framing_report import framing_reports, report_to_json
    from polemos.knowledge.actors import load_actor_kb
    from polemos.knowledge.gazetteer import load_gazetteer

    if by not in ("outlet", "document"):
        raise typer.BadParameter(f"unknown grouping {by!r}; use outlet or document", param_hint="--by")
    if fmt not in ("table", "json"):
        raise typer.BadParameter(f"unknown format {fmt!r}; use table or json", param_hint="--format")
    settings = Settings.from_env(db=db, actor_files=tuple(actors or ()))
    try:
        store = _open(settings.db)
        try:
            documents = store.documents()
        finally:
            store.close()
        kb = load_actor_kb(settings.actor_files)
        gazetteer = load_gazetteer(settings.place_files)
    except PolemosError as exc:
        raise _fail(exc) from exc
    reports = framing_reports(documents, kb, gazetteer, by_outlet=by == "outlet")
    if fmt == "json":
        json.dump([report_to_json(r) for r in reports], sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return
    table = Table(
        "outlet / document", "docs", "leans", "cues (side, uses)", "labels per actor", title="framing"
    )
    for r in reports:
        cues = "\n".join(f"{c.text} ({c.side}, {c.count}×)" for c in r.cues[:6])
        labels = "\n".join(
            f"{a.actor}: " + ", ".join(f"{lb.text} ×{lb.count}" for lb in a.labels[:4]) for a in r.actors[:6]
        )
        table.add_row(r.key, str(len(r.documents)), r.side or "neutral", cues, labels)
    out.print(table)
