"""The HTML situation report: one self-contained page of inline CSS and SVG that makes no request.

Its Content-Security-Policy is `default-src 'none'`, so it runs no script wherever it is opened and the
document text in it stays inert.
"""

from __future__ import annotations

from collections.abc import Sequence

from polemos.model import Event
from polemos.report_summary import TYPE_COLOURS, Summary, actors_line, generated_line, notable_events
from polemos.report_svg import escape as _e
from polemos.report_svg import fatality_svg, map_svg, type_svg, week_svg

__all__ = ["html_report"]


_CSS = """
body{font:15px/1.45 system-ui,sans-serif;margin:0 auto;max-width:960px;padding:1.5em;color:#222}
h1{margin-bottom:.2em}h2{border-bottom:1px solid #ccc;padding-bottom:.2em;margin-top:1.6em}
.figures{display:flex;gap:1em;flex-wrap:wrap}
.figures div{background:#f3f4f6;padding:.6em 1em;border-radius:6px}
.figures b{display:block;font-size:1.6em}table{border-collapse:collapse;width:100%}
td,th{border-bottom:1px solid #e3e3e3;padding:.3em .5em;text-align:left}td.n{text-align:right}
svg{max-width:100%;height:auto;display:block}.legend span{margin-right:1em;white-space:nowrap}
.legend i{display:inline-block;width:.8em;height:.8em;margin-right:.3em}
.event{border-left:4px solid #999;padding:.2em .8em;margin:1em 0}.event h3{margin:.2em 0;font-size:1.05em}
.sources{font-size:.9em;color:#444}.muted{color:#666}
"""
_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"


def html_report(scope: str, s: Summary, events: Sequence[Event]) -> str:
    """Return the HTML report of the events under the title `scope`."""
    figures = "".join(
        f"<div><b>{_e(v)}</b>{_e(k)}</div>"
        for k, v in (
            ("events", s.events),
            ("fatalities", s.fatalities),
            ("documents", s.documents),
            ("first event", s.first or "–"),
            ("last event", s.last or "–"),
        )
    )
    legend = "".join(f'<span><i style="background:{c}"></i>{_e(t)}</span>' for t, c in TYPE_COLOURS.items())
    actors = "".join(
        f'<tr><td>{_e(a.name)}</td><td class="n">{a.events}</td><td class="n">{a.fatalities}</td></tr>'
        for a in s.top_actors
    )
    parts = [
        f'<!doctype html><html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>Situation report: {_e(scope)}</title><style>{_CSS}</style></head><body>",
        f'<h1>Situation report</h1><p class="muted">{_e(scope)}. {_e(generated_line(s))}</p>',
        f'<section class="figures" id="figures">{figures}</section>',
        f'<h2>Map</h2><section id="map">{map_svg(events)}</section>',
        f'<h2>Events by type</h2><section id="by-type">{type_svg(s.by_type)}</section>',
        f'<h2>Events by week</h2><p class="legend">{legend}</p>'
        f'<section id="by-week">{week_svg(s.by_week)}</section>',
        f'<h2>Fatalities by week</h2><section id="fatalities">{fatality_svg(s.by_week)}</section>',
        "<h2>Top actors</h2><table><tr><th>actor</th><th>events</th><th>fatalities</th></tr>"
        f"{actors}</table>",
        f'<h2>Notable events</h2><section id="notable">{_notable_html(events)}</section>',
        "</body></html>",
    ]
    return "\n".join(parts)


def _notable_html(events: Sequence[Event]) -> str:
    items = []
    for e in notable_events(events):
        day = e.date.date.isoformat() if e.date else "undated"
        where = e.place.name if e.place else "location unknown"
        colour = TYPE_COLOURS.get(e.event_type.value, "#999")
        sources = "".join(
            f"<li>{_source_label(src.outlet, src.url, src.document_id)}"
            f"{_e(' (' + src.published.isoformat() + ')') if src.published else ''}: "
            f"“{_e(src.sentence)}”</li>"
            for src in e.sources
        )
        items.append(
            f'<div class="event" style="border-color:{colour}"><h3>{_e(day)}: {_e(e.sub_event_type.value)}'
            f" in {_e(where)} ({e.fatalities} fatalities)</h3><p>{_e(actors_line(e))}. {_e(e.notes)}</p>"
            f'<ul class="sources">{sources}</ul></div>'
        )
    return "".join(items) or '<p class="muted">No events in this period.</p>'


def _source_label(outlet: str | None, url: str | None, document_id: str) -> str:
    label = _e(outlet or url or document_id)
    # Only web addresses become links; a javascript: or data: URL in a document's metadata stays text.
    if url and url.lower().startswith(("http://", "https://")):
        return f'<a href="{_e(url)}" rel="noreferrer noopener">{label}</a>'
    return label
