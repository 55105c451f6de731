"""Situation reports: the stored events of a period (and country) summarised as one self-contained file.

It sits at the serve end of the pipeline beside the exports and the dashboard, and reads through the Store
only. The HTML report is inline CSS and SVG with a Content-Security-Policy of `default-src 'none'`: it
makes no request and runs no script wherever it is opened, so document text in it stays inert. The
Markdown report carries the same tables without the pictures.

The figures are counted in report_summary; report_markdown and report_html write the two formats.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from polemos.model import Event
from polemos.records import country_iso3
from polemos.report_html import html_report
from polemos.report_markdown import markdown_report
from polemos.report_summary import Summary, summarize
from polemos.storage.base import EventFilter, Store

__all__ = ["select_events", "write_report"]


def select_events(
    store: Store, *, date_from: dt.date | None, date_to: dt.date | None, country: str | None
) -> list[Event]:
    """Return the stored events of the period, in one country (name or ISO3 code) when given."""
    events = store.events(EventFilter(date_from=date_from, date_to=date_to))
    if not country:
        return events
    wanted = country.strip().casefold()
    return [
        e
        for e in events
        if e.place is not None
        and wanted in (e.place.country.casefold(), country_iso3(e.place.country).casefold())
    ]


def write_report(
    store: Store,
    *,
    date_from: dt.date | None,
    date_to: dt.date | None,
    country: str | None,
    path: Path | str,
) -> Summary:
    """Write the situation report of the period to `path`: HTML for .html/.htm, Markdown for .md."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".html", ".htm", ".md", ".markdown"):
        raise ValueError(f"{path}: a report is .html or .md, not {suffix or 'extensionless'}")
    events = select_events(store, date_from=date_from, date_to=date_to, country=country)
    summary = summarize(events)
    scope = _scope(date_from, date_to, country)
    text = (
        markdown_report(scope, summary, events)
        if suffix in (".md", ".markdown")
        else html_report(scope, summary, events)
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return summary


def _scope(date_from: dt.date | None, date_to: dt.date | None, country: str | None) -> str:
    period = (
        f"{date_from.isoformat() if date_from else 'start'} to {date_to.isoformat() if date_to else 'end'}"
    )
    return f"{country or 'All countries'}, {period}"
