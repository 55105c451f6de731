"""The `polemos watch` command: argument handling and one library call (polemos.watch).

polemos watch SOURCES.toml [--every 15m] [--once] [--db FILE]

cli.py registers it (`app.command("watch")(watch_cmd)`); it defines its own options so that this module
never imports cli.py. Logs go to stderr; a rule's `stdout = true` alerts go to stdout, one JSON a line.
"""

from __future__ import annotations

import logging
import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, Annotated

import typer

from polemos.cli_options import EXIT_ERROR, EXIT_OK, EXIT_SOME_REJECTED, ActorsOption, DbOption, err
from polemos.config import Settings
from polemos.errors import PolemosError

if TYPE_CHECKING:  # imported when the command runs: polemos.watch_config pulls in the HTTP client
    from polemos.watch_config import SourcesConfig

__all__ = ["watch_cmd"]


def watch_cmd(
    sources: Annotated[
        Path,
        typer.Argument(
            metavar="SOURCES.toml", help="Feeds and URL lists to poll, fetch policy, alert rules."
        ),
    ],
    every: Annotated[
        str | None,
        typer.Option("--every", help="Poll interval: 30s, 15m, 1h, 1h30m. Default: [watch] every, else 15m."),
    ] = None,
    once: Annotated[bool, typer.Option("--once", help="Poll once, then exit.")] = False,
    db: DbOption = None,
    actors: ActorsOption = None,
) -> None:
    """Poll RSS/Atom feeds and URL lists, code each new article, store it, and send alerts on matching events.

    State (feed validators, every URL seen, the alert outbox) is kept in the store, so a restarted watcher
    fetches nothing it saved and loses nothing it had not. Ctrl-C or SIGTERM stops it between two pages.
    With --once, exit code 3 when a source or page failed.
    """
    from polemos.watch_config import SourcesConfig, parse_duration

    interval: float | None = None
    if every is not None:
        try:
            interval = parse_duration(every)
        except ValueError as e:
            raise typer.BadParameter(str(e), param_hint="--every") from None
    settings = Settings.from_env(db=db, actor_files=tuple(actors or ()))
    try:
        config = SourcesConfig.load(sources)
        with _stderr_log() as log:
            code = _run(config, settings, interval, once, log)
    except PolemosError as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(EXIT_ERROR) from exc
    raise typer.Exit(code)


def _run(
    config: SourcesConfig, settings: Settings, interval: float | None, once: bool, log: logging.Logger
) -> int:
    from polemos.pipeline import load_coder
    from polemos.storage import open_store
    from polemos.watch import poll_once, watch

    store = open_store(settings.db)
    try:
        with err.status("loading the spaCy pipeline, actor knowledge and gazetteer"):
            coder = load_coder(settings)
        if once:
            report = poll_once(config, store, coder, log)
            log.info("%s", report.summary())
            return EXIT_SOME_REJECTED if report.rejected or report.feed_errors else EXIT_OK
        stop = threading.Event()
        with _stop_on_sigterm(stop):
            try:
                watch(config, store, coder, interval or config.every_s, stop, log)
            except KeyboardInterrupt:
                log.info("interrupted; the next run resumes where this one stopped")
        return EXIT_OK
    finally:
        store.close()


@contextmanager
def _stderr_log() -> Iterator[logging.Logger]:
    """Log the watcher's INFO lines to stderr for the command's duration (nothing is set up at import)."""
    log = logging.getLogger("polemos.watch")
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s", "%Y-%m-%dT%H:%M:%S"))
    level = log.level
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    try:
        yield log
    finally:
        log.removeHandler(handler)
        log.setLevel(level)


@contextmanager
def _stop_on_sigterm(stop: threading.Event) -> Iterator[None]:
    """Turn SIGTERM into a clean stop after the page being processed (main thread only)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def handle(signum: int, frame: FrameType | None) -> None:
        stop.set()

    previous = signal.signal(signal.SIGTERM, handle)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)
