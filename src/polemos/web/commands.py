"""The `polemos serve` and `polemos report` commands: argument handling and one library call each.

cli.py registers them on the main app; FastAPI and uvicorn are imported only when `serve` runs, so the
rest of the command line starts without them.
"""

from __future__ import annotations

import ipaddress
from pathlib import Path
from typing import Annotated

import typer

from polemos.cli_options import EXIT_ERROR, DbOption, err
from polemos.cli_options import parse_date as _date
from polemos.config import Settings
from polemos.errors import PolemosError

REPORT_SUFFIXES = (".html", ".htm", ".md", ".markdown")


def _existing_db(db: str) -> str:
    """Return `db` if it names an existing database; a reader must not create an empty one by accident."""
    path = db.removeprefix("sqlite:///")
    if "://" not in path and not Path(path).is_file():
        err.print(f"[red]error:[/red] no database at {path}; code some reports first with `polemos ingest`")
        raise typer.Exit(EXIT_ERROR)
    return db


def serve_cmd(
    db: DbOption = None,
    host: Annotated[
        str, typer.Option(help="Address to listen on. The default serves this machine only.")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="TCP port.")] = 8000,
    online_tiles: Annotated[
        bool,
        typer.Option(
            "--online-tiles/--offline-map",
            help="Draw the map on OpenStreetMap tiles (needs internet) instead of the packaged outlines.",
        ),
    ] = False,
) -> None:
    """Serve the dashboard (map, timeline, filters, events with their evidence) and its JSON API.

    Read-only: only GET is answered. The API is described at /openapi.json. Ctrl-C stops the server.
    """
    import uvicorn

    from polemos.web.app import create_app

    settings = Settings.from_env(db=db)
    try:
        app = create_app(_existing_db(settings.db), online_tiles=online_tiles)
    except PolemosError as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(EXIT_ERROR) from exc
    if not _is_loopback(host):
        err.print(
            f"[yellow]note:[/yellow] listening on {host}: every document in {settings.db} is readable there"
        )
    shown = f"[{host}]" if ":" in host else host
    err.print(f"serving {settings.db} read-only at http://{shown}:{port}/ (API: /openapi.json)")
    # 16 KiB of headers is plenty for GET requests; uvicorn refuses bigger ones before the app sees them.
    uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False,
                h11_max_incomplete_event_size=16 * 1024)  # fmt: skip


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def report_cmd(
    date_from: Annotated[str, typer.Option("--from", help="First event date (YYYY-MM-DD).")],
    date_to: Annotated[str, typer.Option("--to", help="Last event date (YYYY-MM-DD).")],
    output: Annotated[
        Path, typer.Option("-o", "--output", help="report.html (self-contained) or report.md.")
    ] = Path("report.html"),
    country: Annotated[
        str | None, typer.Option(help='Only events in this country, e.g. "Libya" or "LBY".')
    ] = None,
    db: DbOption = None,
) -> None:
    """Write a situation report: map, events by type and week, top actors, fatalities, notable events.

    The HTML report is one file with inline charts and map; it loads nothing from the network.
    """
    from polemos.report import write_report
    from polemos.storage import open_store

    start, end = _date(date_from, "--from"), _date(date_to, "--to")
    if start and end and start > end:
        raise typer.BadParameter(f"--from {start} is after --to {end}", param_hint="--from")
    if output.suffix.lower() not in REPORT_SUFFIXES:
        raise typer.BadParameter(
            f"{output.name}: write the report to a .html or .md file", param_hint="--output"
        )
    settings = Settings.from_env(db=db)
    try:
        store = open_store(_existing_db(settings.db))
        try:
            summary = write_report(store, date_from=start, date_to=end, country=country, path=output)
        finally:
            store.close()
    except PolemosError as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(EXIT_ERROR) from exc
    err.print(f"wrote the report of {summary.events} event(s), {summary.fatalities} fatalities, to {output}")
