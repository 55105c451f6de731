"""The `polemos` command line: argument handling and one library call per command.

polemos ingest PATH...        read, code and store news reports
polemos events                list stored events (filters: dates, type, actor, place)
polemos export --format F     write events as JSONL, ACLED CSV or GeoJSON
polemos run PATH... -o DIR    ingest into DIR/polemos.db and write all three exports there
polemos evaluate --gold FILE  code gold data and score it
polemos actors | graph | framing   actors, their alliance graph, and each outlet's framing
polemos explain ID | control | split   corroborated events, control timeline, undo a merge
polemos watch SOURCES.toml    poll feeds and URL lists, code new articles, send alerts
polemos batch PATH... --db X  code a corpus on a Dask cluster (local by default) into the store
polemos gazetteer build | import FILE | lookup NAME   the SQLite gazetteer and GeoNames dump imports
polemos rejections | history  rejected inputs with their reasons; events superseded by changed documents
polemos serve                 the web dashboard and its read-only JSON API
polemos report                a self-contained situation report (HTML or Markdown)
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from polemos.cli_options import EXIT_OK, EXIT_SOME_REJECTED, ActorsOption, DbOption, err, out
from polemos.cli_options import fail as _fail
from polemos.cli_options import parse_date as _date
from polemos.config import Settings
from polemos.errors import PolemosError

app = typer.Typer(
    help="Code news reports on armed conflict into an ACLED-style event dataset, with evidence per field.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _do_ingest(
    paths: list[Path], settings: Settings, published: dt.date | None, outlet: str | None, url: str | None
) -> int:
    from polemos.pipeline import ingest, load_coder
    from polemos.sources import read_documents
    from polemos.storage import open_store

    store = open_store(settings.db)
    try:
        with err.status("loading the spaCy pipeline, actor knowledge and gazetteer"):
            coder = load_coder(settings)
        # Counting means reading every input once more: only worth it when a bar is shown.
        total = (
            sum(1 for _ in read_documents(paths, published=published, outlet=outlet, url=url))
            if err.is_terminal
            else None
        )
        with Progress(
            TextColumn("[bold]coding"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), console=err,
            disable=not err.is_terminal,
        ) as bar:  # fmt: skip
            task = bar.add_task("docs", total=total)
            report = ingest(
                paths, store, coder, published=published, outlet=outlet, url=url,
                progress=lambda _id: bar.advance(task),
            )  # fmt: skip
    finally:
        store.close()
    err.print(
        f"{report.documents} document(s): {report.new} new, {report.changed} changed,"
        f" {report.unchanged} unchanged; {report.events} event(s) coded; {len(report.rejected)} rejected."
        f" Store: {settings.db}"
    )
    for r in report.rejected:
        where = f"{r.path}:{r.line}" if r.line is not None else r.path
        err.print(f"[yellow]rejected[/yellow] {where}: {r.reason}")
    return EXIT_SOME_REJECTED if report.rejected else EXIT_OK


@app.command("ingest")
def ingest_cmd(
    paths: Annotated[
        list[Path], typer.Argument(help=".txt, .html/.htm, .jsonl files or directories (recursive).")
    ],
    db: DbOption = None,
    published: Annotated[
        str | None, typer.Option(help="Publication date (YYYY-MM-DD) for documents that carry none.")
    ] = None,
    outlet: Annotated[str | None, typer.Option(help="Outlet name for documents that carry none.")] = None,
    url: Annotated[str | None, typer.Option(help="URL for documents that carry none.")] = None,
    actors: ActorsOption = None,
) -> None:
    """Read news reports, code their events and store them. Re-ingesting a document stores nothing new.

    Relative dates ("on Monday", "last week") are resolved against the publication date: give --published
    for files that lack one, or those dates stay unresolved. Exit code 3 when some inputs were rejected.
    """
    settings = Settings.from_env(db=db, actor_files=tuple(actors or ()))
    try:
        code = _do_ingest(paths, settings, _date(published, "--published"), outlet, url)
    except PolemosError as exc:
        raise _fail(exc) from exc
    raise typer.Exit(code)


def _filter(
    date_from: str | None, date_to: str | None, event_type: str | None, actor: str | None, place: str | None
) -> object:
    from polemos.storage.base import EventFilter

    return EventFilter(
        date_from=_date(date_from, "--from"), date_to=_date(date_to, "--to"), event_type=event_type,
        actor=actor, place=place,
    )  # fmt: skip


@app.command("events")
def events_cmd(
    db: DbOption = None,
    date_from: Annotated[str | None, typer.Option("--from", help="First event date (YYYY-MM-DD).")] = None,
    date_to: Annotated[str | None, typer.Option("--to", help="Last event date (YYYY-MM-DD).")] = None,
    event_type: Annotated[
        str | None, typer.Option("--type", help='ACLED event type, e.g. "Battles".')
    ] = None,
    actor: Annotated[
        str | None, typer.Option(help="Substring of an actor name (actor1, actor2, associated).")
    ] = None,
    place: Annotated[
        str | None, typer.Option(help="Substring of location, admin1/admin2 or country.")
    ] = None,
) -> None:
    """List stored events as a table, newest first."""
    from polemos.storage import open_store

    settings = Settings.from_env(db=db)
    try:
        store = open_store(settings.db)
        events = store.events(_filter(date_from, date_to, event_type, actor, place))  # type: ignore[arg-type]
        store.close()
    except PolemosError as exc:
        raise _fail(exc) from exc
    table = Table(
        "date",
        "type / sub-type",
        "actor 1",
        "actor 2",
        "location",
        "fat.",
        "flags",
        title=f"{len(events)} events",
    )
    for e in events:
        table.add_row(
            e.date.date.isoformat() if e.date else "?",
            f"{e.event_type.value} / {e.sub_event_type.value}",
            e.actor1.name if e.actor1 else "",
            e.actor2.name if e.actor2 else "",
            e.place.name if e.place else "",
            str(e.fatalities),
            ", ".join(e.flags),
        )
    out.print(table)


@app.command("export")
def export_cmd(
    fmt: Annotated[str, typer.Option("--format", "-f", help="jsonl | acled-csv | geojson")] = "jsonl",
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="Output file (default: stdout).")
    ] = None,
    db: DbOption = None,
    date_from: Annotated[str | None, typer.Option("--from", help="First event date (YYYY-MM-DD).")] = None,
    date_to: Annotated[str | None, typer.Option("--to", help="Last event date (YYYY-MM-DD).")] = None,
    event_type: Annotated[
        str | None, typer.Option("--type", help='ACLED event type, e.g. "Battles".')
    ] = None,
    actor: Annotated[str | None, typer.Option(help="Substring of an actor name.")] = None,
    place: Annotated[str | None, typer.Option(help="Substring of a place name.")] = None,
    per_document: Annotated[
        bool, typer.Option("--per-document", help="One event per report as coded, not merged across sources.")
    ] = False,
) -> None:
    """Export stored events: JSONL (ACLED columns + sources + evidence), an ACLED-layout CSV, or GeoJSON.

    Reports of one incident from several sources are exported as one event with all its sources (see
    `polemos explain`); --per-document exports each report's own events instead.
    """
    from polemos.corroboration_commands import events_for_export
    from polemos.export import FORMATS, write_events
    from polemos.storage import open_store

    if fmt not in FORMATS:
        raise typer.BadParameter(
            f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}", param_hint="--format"
        )
    settings = Settings.from_env(db=db)
    try:
        store = open_store(settings.db)
        events, extras = events_for_export(
            store,
            _filter(date_from, date_to, event_type, actor, place),  # type: ignore[arg-type]
            per_document=per_document,
        )
        store.close()
    except PolemosError as exc:
        raise _fail(exc) from exc
    if output is None:
        write_events(events, fmt, sys.stdout, extras=extras)
        return
    output.parent.mkdir(parents=True, exist_ok=True)
    with output.open("w", encoding="utf-8", newline="") as fh:
        n = write_events(events, fmt, fh, extras=extras)
    err.print(f"wrote {n} event(s) to {output}")


@app.command("run")
def run_cmd(
    paths: Annotated[list[Path], typer.Argument(help="Files or directories to code.")],
    outdir: Annotated[Path, typer.Option("-o", "--out", help="Output folder.")] = Path("out"),
    published: Annotated[
        str | None, typer.Option(help="Publication date for documents that carry none.")
    ] = None,
    actors: ActorsOption = None,
) -> None:
    """The main job: ingest into OUTDIR/polemos.db, then write events.jsonl, .csv and .geojson there."""
    from polemos.corroboration_commands import events_for_export
    from polemos.export import write_events
    from polemos.storage import open_store
    from polemos.storage.base import EventFilter

    outdir.mkdir(parents=True, exist_ok=True)
    settings = Settings.from_env(db=str(outdir / "polemos.db"), actor_files=tuple(actors or ()))
    try:
        code = _do_ingest(paths, settings, _date(published, "--published"), None, None)
        store = open_store(settings.db)
        events, extras = events_for_export(store, EventFilter())
        store.close()
    except PolemosError as exc:
        raise _fail(exc) from exc
    for name, fmt in (("events.jsonl", "jsonl"), ("events.csv", "acled-csv"), ("events.geojson", "geojson")):
        with (outdir / name).open("w", encoding="utf-8", newline="") as fh:
            write_events(events, fmt, fh, extras=extras)
    out.print(f"[bold]{len(events)} events[/bold] coded. Outputs:")
    for name in ("polemos.db", "events.jsonl", "events.csv", "events.geojson"):
        out.print(f"  {outdir / name}")
    raise typer.Exit(code)


@app.command("evaluate")
def evaluate_cmd(
    gold: Annotated[
        Path, typer.Option("--gold", help="ACLED export (.csv, old or new layout) or gold JSONL.")
    ],
    outdir: Annotated[
        Path | None,
        typer.Option(
            "--out",
            help="Folder for summary.json, errors.jsonl (each note with a field wrong, the fields under "
            "`wrong`), confusion.csv, system.jsonl.",
        ),
    ] = None,
    sample: Annotated[int | None, typer.Option(help="Score a random sample of N notes (seeded).")] = None,
    seed: Annotated[
        int,
        typer.Option(
            help="Seed of the sample: the accuracy gate's is 7; another draws notes not studied before."
        ),
    ] = 7,
    actors: ActorsOption = None,
) -> None:
    """Code gold data and score it: P/R/F1, per-field accuracy, sub-type confusions, every error for review.

    ACLED notes are coded one per document, published the day after the event, and go through a
    throwaway store as `polemos ingest` and `export` would take them (reports of one event merged across
    notes): the independent scorer's protocol. Gold JSONL documents are read from the gold file's folder
    with dates from a manifest.jsonl beside it, and scored one by one. Nothing is kept.
    """
    from polemos.evaluation import evaluate, write_report
    from polemos.gold import load_gold
    from polemos.pipeline import load_coder
    from polemos.storage import SqliteStore

    settings = Settings.from_env(actor_files=tuple(actors or ()))
    try:
        gold_set = load_gold(gold, sample=sample, seed=seed)
        with err.status("loading the spaCy pipeline, actor knowledge and gazetteer"):
            coder = load_coder(settings)
        with Progress(
            TextColumn("[bold]coding"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), console=err,
            disable=not err.is_terminal,
        ) as bar:  # fmt: skip
            task = bar.add_task("docs", total=len(gold_set.documents))
            store = SqliteStore(":memory:")  # throwaway: nothing to keep, nothing to wait on the disk for
            try:
                report = evaluate(gold_set, coder.code, progress=lambda: bar.advance(task), store=store)
            finally:
                store.close()
    except PolemosError as exc:
        raise _fail(exc) from exc
    title = f"{gold} ({report.kind}, {report.documents} documents)"
    table = Table("field", "hits", "total", "accuracy", title=title)
    for name, (hits, total) in report.fields.items():
        table.add_row(name, str(hits), str(total), f"{hits / total:.2f}" if total else "-")
    out.print(table)
    out.print(
        f"precision {report.precision:.2f}  recall {report.recall:.2f}  F1 {report.f1:.2f}"
        f"  (tp {report.tp} fp {report.fp} fn {report.fn})"
    )
    confusions = [(k, n) for k, n in report.confusion.most_common() if k[0] != k[1]][:15]
    if confusions:
        ctable = Table("gold sub-event type", "coded as", "n", title="most frequent sub-type confusions")
        for (g, s), n in confusions:
            ctable.add_row(g, s, str(n))
        out.print(ctable)
    if outdir is not None:
        for path in write_report(report, outdir):
            err.print(f"wrote {path}")


# Commands that live beside the features they drive; importing them loads no web framework.
from polemos.corroboration_commands import control_cmd, explain_cmd, split_cmd  # noqa: E402
from polemos.gazetteer_commands import gazetteer_app  # noqa: E402
from polemos.relations_commands import actors_cmd, framing_cmd, graph_cmd  # noqa: E402
from polemos.reliability_commands import history_cmd, rejections_cmd  # noqa: E402
from polemos.scale.commands import batch_cmd  # noqa: E402
from polemos.watch_commands import watch_cmd  # noqa: E402
from polemos.web.commands import report_cmd, serve_cmd  # noqa: E402

app.command("explain")(explain_cmd)
app.command("control")(control_cmd)
app.command("split")(split_cmd)
app.command("actors")(actors_cmd)
app.command("graph")(graph_cmd)
app.command("framing")(framing_cmd)
app.command("serve")(serve_cmd)
app.command("report")(report_cmd)
app.command("watch")(watch_cmd)
app.command("rejections")(rejections_cmd)
app.command("history")(history_cmd)
app.command("batch")(batch_cmd)
app.add_typer(gazetteer_app, name="gazetteer")
