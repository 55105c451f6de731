"""The `polemos rejections` and `polemos history` commands: argument handling, one store read each.

polemos rejections [--json]                every rejected input: file, line, reason, when it was last seen
polemos history [DOCUMENT_ID] [--json]     the events changed documents superseded, as they were stored

cli.py registers these functions (`app.command("rejections")(rejections_cmd)`); they define their own
options so that this module never imports cli.py.
"""

from __future__ import annotations

import json
import sys
from typing import Annotated, Protocol, runtime_checkable

import typer
from rich.markup import escape
from rich.table import Table

from polemos.cli_options import DbOption, JsonOption, out
from polemos.cli_options import fail as _fail
from polemos.config import Settings
from polemos.errors import PolemosError, StoreError
from polemos.model import Rejection
from polemos.storage.history import HistoryEntry, RejectionEntry

__all__ = ["HistoryStore", "RejectionLog", "history_cmd", "rejections_cmd"]


@runtime_checkable
class RejectionLog(Protocol):
    """A store that keeps when each rejection happened (SqliteStore, PostgresStore)."""

    def rejection_log(self) -> list[RejectionEntry]:
        """Return every recorded rejection with the time it was last seen, oldest first."""
        ...


@runtime_checkable
class HistoryStore(Protocol):
    """A store that keeps the events changed documents superseded (SqliteStore, PostgresStore)."""

    def history(self, document_id: str | None = None) -> list[HistoryEntry]:
        """Return the superseded events (of one document, when given), oldest replacement first."""
        ...


def _where(r: Rejection) -> str:
    return f"{r.path}:{r.line}" if r.line is not None else r.path


def rejections_cmd(db: DbOption = None, as_json: JsonOption = False) -> None:
    """List every input a run rejected: the file (and JSONL line), the reason, and when it was last seen."""
    from polemos.storage import open_store

    settings = Settings.from_env(db=db)
    try:
        store = open_store(settings.db)
        try:
            entries: list[tuple[Rejection, str | None]]
            if isinstance(store, RejectionLog):
                entries = [(e.rejection, e.at.isoformat()) for e in store.rejection_log()]
            else:
                entries = [(r, None) for r in store.rejections()]
        finally:
            store.close()
    except PolemosError as exc:
        raise _fail(exc) from exc
    if as_json:
        rows = [{"path": r.path, "line": r.line, "reason": r.reason, "at": at} for r, at in entries]
        json.dump(rows, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return
    table = Table(title=f"{len(entries)} rejected input(s)")
    table.add_column("when (UTC)", overflow="fold")
    table.add_column("file[:line]", overflow="fold")  # a path is shown whole, never cut short
    table.add_column("reason", overflow="fold")
    for r, at in entries:
        table.add_row((at or "").removesuffix("+00:00"), escape(_where(r)), escape(r.reason))
    out.print(table)


def history_cmd(
    document_id: Annotated[
        str | None, typer.Argument(help="Only this document's superseded events (default: all).")
    ] = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """List the events that re-coding a changed document superseded, as they were stored, oldest first."""
    from polemos.storage import open_store

    settings = Settings.from_env(db=db)
    try:
        store = open_store(settings.db)
        try:
            if not isinstance(store, HistoryStore):
                raise StoreError(f"the store at {settings.db} keeps no event history")
            entries = store.history(document_id)
            events = [e.event() for e in entries]
        finally:
            store.close()
    except PolemosError as exc:
        raise _fail(exc) from exc
    if as_json:
        rows = [
            {
                "document_id": h.document_id,
                "version": h.version,
                "event_id": h.event_id,
                "superseded_at": h.superseded_at.isoformat(),
                "reason": h.reason,
                "content_hash": h.content_hash,
                "superseded_by": h.superseded_by,
                "record": json.loads(h.record),
            }
            for h in entries
        ]
        json.dump(rows, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return
    title = f"{len(entries)} superseded event(s)" + (f" of {document_id}" if document_id else "")
    table = Table(title=escape(title))
    table.add_column("superseded (UTC)", overflow="fold")
    for name in ("document", "event"):
        table.add_column(name, overflow="fold")
    for name in ("type", "location", "reason"):
        table.add_column(name)
    for h, e in zip(entries, events, strict=True):
        day = e.date.date.isoformat() if e.date else "undated"
        table.add_row(
            h.superseded_at.isoformat().removesuffix("+00:00"),
            f"{escape(h.document_id)} (v{h.version})",
            f"{escape(h.event_id)}\n{day}",
            e.sub_event_type.value,
            escape(e.place.name if e.place else ""),
            h.reason,
        )
    out.print(table)
