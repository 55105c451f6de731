"""The Markdown situation report: the HTML report's tables and notable events, without the pictures."""

from __future__ import annotations

import html
import math
from collections.abc import Iterable, Sequence

from polemos.model import Event
from polemos.report_summary import Summary, actors_line, generated_line, notable_events

__all__ = ["markdown_report"]


def _md(text: object) -> str:
    """Escape text for Markdown: HTML stays inert, table cells and emphasis stay intact."""
    escaped = html.escape(" ".join(str(text).split()), quote=False)
    for ch in "\\`*_[]|#":
        escaped = escaped.replace(ch, "\\" + ch)
    return escaped


def _md_table(head: Sequence[str], rows: Iterable[Sequence[object]]) -> list[str]:
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(_md(c) for c in row) + " |" for row in rows]
    return [*lines, ""]


def markdown_report(scope: str, s: Summary, events: Sequence[Event]) -> str:
    """Return the Markdown report of the events under the title `scope`."""
    out = [f"# Situation report: {_md(scope)}", "", _md(generated_line(s)), ""]
    out += ["## Key figures", ""]
    out += _md_table(
        ["events", "fatalities", "documents", "first", "last"],
        [[s.events, s.fatalities, s.documents, s.first or "", s.last or ""]],
    )
    out += ["## Events by type", ""]
    out += _md_table(["type", "events", "fatalities"], [[t.name, t.events, t.fatalities] for t in s.by_type])
    out += ["## Events by week", ""]
    peak = max((w.events for w in s.by_week), default=0) or 1
    rows = [[w.start, w.events, w.fatalities, "█" * math.ceil(20 * w.events / peak)] for w in s.by_week]
    out += _md_table(["week of", "events", "fatalities", ""], [r for r in rows if r[1]])
    out += ["## Top actors", ""]
    out += _md_table(
        ["actor", "events", "fatalities"], [[a.name, a.events, a.fatalities] for a in s.top_actors]
    )
    out += ["## Locations", ""]
    out += _md_table(
        ["location", "events", "fatalities"], [[p.name, p.events, p.fatalities] for p in s.top_locations]
    )
    out += ["## Notable events", ""]
    for e in notable_events(events):
        day = e.date.date.isoformat() if e.date else "undated"
        where = e.place.name if e.place else "location unknown"
        out += [f"### {day}: {_md(e.sub_event_type.value)} in {_md(where)} ({e.fatalities} fatalities)", ""]
        out += [f"{_md(actors_line(e))}. {_md(e.notes)}", "", "Sources:", ""]
        for src in e.sources:
            who = src.outlet or src.url or src.document_id
            when = f" ({src.published.isoformat()})" if src.published else ""
            out.append(f"- {_md(who)}{when}: “{_md(src.sentence)}”")
        out.append("")
    return "\n".join(out)
