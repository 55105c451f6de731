"""Situation reports: the stored events of a period (and country) summarised as one self-contained file.

It sits at the serve end of the pipeline beside the exports and the dashboard, and reads through the Store
only. The HTML report is inline CSS and SVG with a Content-Security-Policy of `default-src 'none'`: it
makes no request and runs no script wherever it is opened, so document text in it stays inert. The
Markdown report carries the same tables without the pictures.
"""

from __future__ import annotations

import datetime as dt
import functools
import html
import json
import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from polemos.model import Event
from polemos.records import country_iso3
from polemos.storage.base import EventFilter, Store
from polemos.taxonomy import EventType

# One colour per ACLED event type; the dashboard's app.js uses the same palette.
TYPE_COLOURS = {
    EventType.BATTLES.value: "#d62728",
    EventType.PROTESTS.value: "#2ca02c",
    EventType.RIOTS.value: "#ff7f0e",
    EventType.EXPLOSIONS.value: "#9467bd",
    EventType.VIOLENCE_AGAINST_CIVILIANS.value: "#8c564b",
    EventType.STRATEGIC_DEVELOPMENTS.value: "#1f77b4",
}
Box = tuple[float, float, float, float]  # x0, y0, x1, y1 of a label on the map
TOP = 10  # rows in the top-actor, location and notable-event lists


@dataclass(frozen=True)
class Tally:
    """Events and fatalities counted under one name (an event type, an actor, a location)."""

    name: str
    events: int
    fatalities: int


@dataclass(frozen=True)
class Week:
    """One week (starting Monday): events by type and fatalities."""

    start: dt.date
    by_type: dict[str, int]
    fatalities: int

    @property
    def events(self) -> int:
        return sum(self.by_type.values())


@dataclass(frozen=True)
class Summary:
    """The figures a report and the dashboard's /api/stats show for a set of events."""

    events: int
    fatalities: int
    documents: int
    first: dt.date | None
    last: dt.date | None
    undated: int
    unmapped: int
    by_type: list[Tally] = field(default_factory=list)
    by_week: list[Week] = field(default_factory=list)
    top_actors: list[Tally] = field(default_factory=list)
    top_locations: list[Tally] = field(default_factory=list)


def week_start(day: dt.date) -> dt.date:
    """Return the Monday of the ISO week `day` falls in."""
    return day - dt.timedelta(days=day.weekday())


def summarize(events: Sequence[Event], *, top: int = TOP) -> Summary:
    """Count events and fatalities by type, week, actor and location."""
    dated = [e for e in events if e.date is not None]
    days = sorted(e.date.date for e in dated if e.date is not None)
    by_type: dict[str, list[int]] = {t.value: [0, 0] for t in EventType}
    actors: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    places: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for e in events:
        _add(by_type[e.event_type.value], e.fatalities)
        # An actor fighting itself (two communal militias) is one event for that actor, not two.
        for name in {a.name for a in (e.actor1, e.actor2) if a is not None}:
            _add(actors[name], e.fatalities)
        if e.place is not None:
            _add(places[e.place.name], e.fatalities)
    return Summary(
        events=len(events),
        fatalities=sum(e.fatalities for e in events),
        documents=len({s.document_id for e in events for s in e.sources}),
        first=days[0] if days else None,
        last=days[-1] if days else None,
        undated=len(events) - len(dated),
        unmapped=sum(1 for e in events if e.place is None),
        by_type=[Tally(name, n, f) for name, (n, f) in by_type.items() if n],
        by_week=_weeks(dated),
        top_actors=_top(actors, top),
        top_locations=_top(places, top),
    )


def _add(counts: list[int], fatalities: int) -> None:
    counts[0] += 1
    counts[1] += fatalities


def _top(counts: dict[str, list[int]], n: int) -> list[Tally]:
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1][0], -kv[1][1], kv[0]))
    return [Tally(name, events, fatalities) for name, (events, fatalities) in ranked[:n]]


def _weeks(dated: Sequence[Event]) -> list[Week]:
    if not dated:
        return []
    counts: dict[dt.date, Counter[str]] = defaultdict(Counter)
    deaths: Counter[dt.date] = Counter()
    for e in dated:
        assert e.date is not None
        monday = week_start(e.date.date)
        counts[monday][e.event_type.value] += 1
        deaths[monday] += e.fatalities
    # Empty weeks are kept so the chart's time axis is even.
    first, last = min(counts), max(counts)
    weeks = [first + dt.timedelta(weeks=i) for i in range((last - first).days // 7 + 1)]
    return [Week(w, dict(counts.get(w, {})), deaths[w]) for w in weeks]


def notable_events(events: Sequence[Event], n: int = TOP) -> list[Event]:
    """Return the events a reader should see first: deadliest, then best sourced, then newest."""
    newest = sorted(events, key=lambda e: e.date.date if e.date else dt.date.min, reverse=True)
    return sorted(newest, key=lambda e: (-e.fatalities, -len(e.sources)))[:n]


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
        _markdown(scope, summary, events) if suffix in (".md", ".markdown") else _html(scope, summary, events)
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return summary


def _scope(date_from: dt.date | None, date_to: dt.date | None, country: str | None) -> str:
    period = (
        f"{date_from.isoformat() if date_from else 'start'} to {date_to.isoformat() if date_to else 'end'}"
    )
    return f"{country or 'All countries'}, {period}"


def _actors(e: Event) -> str:
    names = " vs ".join(a.name for a in (e.actor1, e.actor2) if a is not None)
    return f"Actors: {names}" if names else "Actors not identified"


# --- Markdown ---------------------------------------------------------------------------------------


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


def _markdown(scope: str, s: Summary, events: Sequence[Event]) -> str:
    out = [f"# Situation report: {_md(scope)}", "", _md(_generated(s)), ""]
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
        out += [f"{_md(_actors(e))}. {_md(e.notes)}", "", "Sources:", ""]
        for src in e.sources:
            who = src.outlet or src.url or src.document_id
            when = f" ({src.published.isoformat()})" if src.published else ""
            out.append(f"- {_md(who)}{when}: “{_md(src.sentence)}”")
        out.append("")
    return "\n".join(out)


def _generated(s: Summary) -> str:
    return (
        f"Coded automatically by polemos from {s.documents} document(s); generated {dt.date.today()}."
        f" {s.undated} event(s) undated, {s.unmapped} without a location."
    )


# --- HTML -------------------------------------------------------------------------------------------

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


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _html(scope: str, s: Summary, events: Sequence[Event]) -> str:
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
        f'<h1>Situation report</h1><p class="muted">{_e(scope)}. {_e(_generated(s))}</p>',
        f'<section class="figures" id="figures">{figures}</section>',
        f'<h2>Map</h2><section id="map">{_map_svg(events)}</section>',
        f'<h2>Events by type</h2><section id="by-type">{_type_svg(s.by_type)}</section>',
        f'<h2>Events by week</h2><p class="legend">{legend}</p>'
        f'<section id="by-week">{_week_svg(s.by_week)}</section>',
        f'<h2>Fatalities by week</h2><section id="fatalities">{_fatality_svg(s.by_week)}</section>',
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
            f" in {_e(where)} ({e.fatalities} fatalities)</h3><p>{_e(_actors(e))}. {_e(e.notes)}</p>"
            f'<ul class="sources">{sources}</ul></div>'
        )
    return "".join(items) or '<p class="muted">No events in this period.</p>'


def _source_label(outlet: str | None, url: str | None, document_id: str) -> str:
    label = _e(outlet or url or document_id)
    # Only web addresses become links; a javascript: or data: URL in a document's metadata stays text.
    if url and url.lower().startswith(("http://", "https://")):
        return f'<a href="{_e(url)}" rel="noreferrer noopener">{label}</a>'
    return label


# --- SVG charts and map -------------------------------------------------------------------------------


def _type_svg(by_type: Sequence[Tally]) -> str:
    if not by_type:
        return '<p class="muted">No events.</p>'
    peak = max(t.events for t in by_type)
    rows = []
    for i, t in enumerate(by_type):
        y, w = 10 + i * 30, 420 * t.events / peak
        rows.append(
            f'<text x="250" y="{y + 15}" text-anchor="end">{_e(t.name)}</text>'
            f'<rect x="260" y="{y}" width="{w:.1f}" height="20" fill="{TYPE_COLOURS.get(t.name, "#999")}">'
            f"<title>{_e(t.name)}: {t.events} events, {t.fatalities} fatalities</title></rect>"
            f'<text x="{266 + w:.1f}" y="{y + 15}">{t.events} ({t.fatalities} killed)</text>'
        )
    height = 20 + 30 * len(by_type)
    return f'<svg viewBox="0 0 800 {height}" font-size="13" role="img">{"".join(rows)}</svg>'


def _bars_svg(weeks: Sequence[Week], stacks: Sequence[Sequence[tuple[str, int]]], unit: str) -> str:
    if not weeks:
        return '<p class="muted">No dated events.</p>'
    peak = max((sum(n for _, n in stack) for stack in stacks), default=0) or 1
    left, width, height = 40, 740, 180
    step = width / len(weeks)
    bars = []
    for i, (week, stack) in enumerate(zip(weeks, stacks, strict=True)):
        y = float(height)
        for colour, n in stack:
            h = height * n / peak
            y -= h
            bars.append(
                f'<rect x="{left + i * step:.1f}" y="{y:.1f}" width="{max(step - 1, 1):.1f}" height="{h:.1f}"'
                f' fill="{colour}"><title>week of {week.start}: {n} {unit}</title></rect>'
            )
    ticks = [
        f'<text x="{left + i * step:.1f}" y="{height + 16}" font-size="11">{w.start}</text>'
        for i, w in enumerate(weeks)
        if i % max(1, len(weeks) // 6) == 0 and i * step < width - 70  # the last label must fit
    ]
    axis = (
        f'<line x1="{left}" y1="{height}" x2="{left + width}" y2="{height}" stroke="#888"/>'
        f'<text x="{left - 6}" y="12" text-anchor="end" font-size="11">{peak}</text>'
    )
    return f'<svg viewBox="0 0 800 {height + 24}" role="img">{axis}{"".join(bars)}{"".join(ticks)}</svg>'


def _week_svg(weeks: Sequence[Week]) -> str:
    stacks = [[(TYPE_COLOURS[t], w.by_type[t]) for t in TYPE_COLOURS if w.by_type.get(t)] for w in weeks]
    return _bars_svg(weeks, stacks, "events")


def _fatality_svg(weeks: Sequence[Week]) -> str:
    return _bars_svg(weeks, [[("#444", w.fatalities)] if w.fatalities else [] for w in weeks], "fatalities")


@functools.cache
def country_outlines() -> list[list[list[tuple[float, float]]]]:
    """Return the packaged basemap as polygons (outer ring first) of (lon, lat) points."""
    text = resources.files("polemos.web").joinpath("data/countries.geojson").read_text(encoding="utf-8")
    polygons: list[list[list[tuple[float, float]]]] = []
    for feature in json.loads(text)["features"]:
        geometry = feature["geometry"]
        coords = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
        polygons += [[[(float(x), float(y)) for x, y in ring] for ring in poly] for poly in coords]
    return polygons


def _map_svg(events: Sequence[Event]) -> str:
    points: dict[tuple[float, float], list[Event]] = defaultdict(list)
    for e in events:
        if e.place is not None:
            points[(e.place.longitude, e.place.latitude)].append(e)
    if not points:
        return '<p class="muted">No located events.</p>'
    lons, lats = [p[0] for p in points], [p[1] for p in points]
    # A quarter of the span as margin for the labels; at least 4 degrees across, so one town shows its region.
    cx, cy = (min(lons) + max(lons)) / 2, (min(lats) + max(lats)) / 2
    k = math.cos(math.radians(max(-70.0, min(70.0, cy))))
    half_w = max((max(lons) - min(lons)) * 0.75, 2.0) * k
    half_h = max((max(lats) - min(lats)) * 0.75, 2.0)
    half_w, half_h = max(half_w, half_h / 0.7), max(half_h, half_w * 0.5)  # aspect between 0.5 and 0.7
    width = 800.0
    scale = width / (2 * half_w)
    height = 2 * half_h * scale
    west, east, south, north = cx - half_w / k, cx + half_w / k, cy - half_h, cy + half_h

    def xy(lon: float, lat: float) -> tuple[float, float]:
        return (lon - west) * k * scale, (north - lat) * scale

    paths = []
    for poly in country_outlines():
        outer = poly[0]
        if (
            max(x for x, _ in outer) < west
            or min(x for x, _ in outer) > east
            or max(y for _, y in outer) < south
            or min(y for _, y in outer) > north
        ):
            continue
        rings = ("L".join("{:.1f},{:.1f}".format(*xy(x, y)) for x, y in ring) for ring in poly)
        paths.append("".join(f"M{ring}Z" for ring in rings))
    land = f'<path d="{" ".join(paths)}" fill="#e8e4d8" stroke="#9a9486" stroke-width="0.8"/>'
    most = max(len(v) for v in points.values())
    marks: list[str] = []
    taken: list[Box] = []  # label boxes drawn so far
    for (lon, lat), evs in sorted(points.items(), key=lambda kv: -len(kv[1])):
        kinds = Counter(e.event_type.value for e in evs)
        colour = TYPE_COLOURS.get(kinds.most_common(1)[0][0], "#999")
        name = " / ".join(dict.fromkeys(e.place.name for e in evs if e.place is not None))
        x, y = xy(lon, lat)
        r = 5 + 10 * math.sqrt(len(evs) / most)
        dead = sum(e.fatalities for e in evs)
        # Labels of points in the right third go to their left, so they stay inside the picture.
        marks.append(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" fill="{colour}" fill-opacity=".75" stroke="#fff">'
            f"<title>{_e(name)}: {len(evs)} events, {dead} fatalities</title></circle>"
        )
        label = _place_label(name, x, y, r, width, taken)
        if label:
            marks.append(label)
    return (
        f'<svg viewBox="0 0 {width:.0f} {height:.0f}" role="img" aria-label="map of events">'
        f'<rect width="100%" height="100%" fill="#cfe3f0"/>{land}{"".join(marks)}</svg>'
    )


def _place_label(name: str, x: float, y: float, r: float, width: float, taken: list[Box]) -> str:
    """Return a label right or left of a point, or "" where both would overprint one already drawn.

    Busiest places are labelled first; an unlabelled point keeps its tooltip. 7 px a character
    approximates 13 px text.
    """
    size = 7 * len(name)
    for left, anchor in ((x + r + 3, "start"), (x - r - 3 - size, "end")):
        box = (left, y - 9, left + size, y + 6)
        inside = box[0] >= 0 and box[2] <= width
        if inside and not any(
            box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3] for b in taken
        ):
            taken.append(box)
            at = left if anchor == "start" else left + size
            return (
                f'<text x="{at:.1f}" y="{y + 4:.1f}" font-size="13" text-anchor="{anchor}">{_e(name)}</text>'
            )
    return ""
