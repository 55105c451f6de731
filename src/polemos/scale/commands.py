"""The `polemos batch` command: code a corpus on a Dask cluster; registered on the CLI app by cli.py.

Argument handling only, as in the other command modules: one call to `scale.batch.run_batch`, then the
same summary and exit codes as `polemos ingest`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from polemos.cli_options import EXIT_OK, EXIT_SOME_REJECTED, ActorsOption, DbOption, err, fail, parse_date
from polemos.config import Settings
from polemos.errors import PolemosError


def batch_cmd(
    paths: Annotated[
        list[Path], typer.Argument(help=".txt, .html/.htm, .jsonl files or directories (recursive).")
    ],
    db: DbOption = None,
    scheduler: Annotated[
        str | None,
        typer.Option(
            help="Address of a running Dask scheduler (tcp://host:8786). Default: start a local cluster."
        ),
    ] = None,
    workers: Annotated[
        int, typer.Option(min=1, help="Worker processes of the local cluster (ignored with --scheduler).")
    ] = 2,
    partition_size: Annotated[int, typer.Option(min=1, help="Documents per task sent to a worker.")] = 50,
    published: Annotated[
        str | None, typer.Option(help="Publication date (YYYY-MM-DD) for documents that carry none.")
    ] = None,
    outlet: Annotated[str | None, typer.Option(help="Outlet name for documents that carry none.")] = None,
    url: Annotated[str | None, typer.Option(help="URL for documents that carry none.")] = None,
    actors: ActorsOption = None,
) -> None:
    """Code a corpus on a Dask cluster and store the events: `ingest`, with the coding spread over workers.

    Each worker process loads the pipeline once; events are stored from here, one transaction per
    document, so the store ends up as `polemos ingest` would leave it. Exit code 3 when some inputs were
    rejected.
    """
    from polemos.scale.batch import run_batch  # loads the pipeline: not at import, `--help` stays fast

    settings = Settings.from_env(db=db, actor_files=tuple(actors or ()))
    try:
        with err.status(f"coding on {scheduler or f'a local cluster of {workers} worker(s)'}"):
            report = run_batch(
                paths,
                settings.db,
                settings=settings,
                scheduler=scheduler,
                n_workers=workers,
                partition_size=partition_size,
                published=parse_date(published, "--published"),
                outlet=outlet,
                url=url,
            )
    except PolemosError as exc:
        raise fail(exc) from exc
    err.print(
        f"{report.documents} document(s): {report.new} new, {report.changed} changed,"
        f" {report.unchanged} unchanged; {report.events} event(s) coded in {report.partitions}"
        f" partition(s) on {report.workers} worker(s); {len(report.rejected)} rejected. Store: {settings.db}"
    )
    for r in report.rejected:
        where = f"{r.path}:{r.line}" if r.line is not None else r.path
        err.print(f"[yellow]rejected[/yellow] {where}: {r.reason}")
    raise typer.Exit(EXIT_SOME_REJECTED if report.rejected else EXIT_OK)
