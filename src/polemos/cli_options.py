"""What every `polemos` command module shares: consoles, exit codes, the common options, and how a date
argument or an error is turned into what the user sees."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from polemos.errors import PolemosError

err = Console(stderr=True)
out = Console()

# Exit codes scripts can rely on.
EXIT_OK = 0
EXIT_ERROR = 1  # polemos could not do the job (bad settings, unreadable store, ...)
EXIT_SOME_REJECTED = 3  # the run finished, but some inputs were rejected (listed on stderr)

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        help="SQLite file (or sqlite:///path) or postgresql://user@host:port/dbname."
        " Default: $POLEMOS_DB or ./polemos.db",
    ),
]
ActorsOption = Annotated[
    list[Path] | None,
    typer.Option("--actors", help="Extra actor knowledge file(s), same layout as actors.yaml."),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Write JSON to stdout instead of a table.")]


def parse_date(value: str | None, name: str) -> dt.date | None:
    """Read a YYYY-MM-DD option value, or fail as a usage error naming the option."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date; use YYYY-MM-DD", param_hint=name) from None


def fail(exc: PolemosError) -> typer.Exit:
    """Print a polemos error (its text is not markup) and return the exit to raise."""
    err.print(f"[red]error:[/red] {escape(str(exc))}")
    return typer.Exit(EXIT_ERROR)
