"""The pictures of the HTML situation report as inline SVG: events by type, bars by week, and the map.

Everything is drawn here, with the packaged basemap, so the report makes no request when opened.
"""

from __future__ import annotations

import functools
import html
import json
import math
from collections import Counter, defaultdict
from collections.abc import Sequence
from importlib import resources

from polemos.model import Event
from polemos.report_summary import TYPE_COLOURS, Tally, Week

__all__ = ["country_outlines", "escape", "fatality_svg", "map_svg", "type_svg", "week_svg"]

Box = tuple[float, float, float, float]  # x0, y0, x1, y1 of a label on the map


def escape(text: object) -> str:
    """Escape text for HTML and SVG, quotes included."""
    return html.escape(str(text), quote=True)


def type_svg(by_type: Sequence[Tally]) -> str:
    """Draw events and fatalities by type as horizontal bars."""
    if not by_type:
        return '<p class="muted">No events.</p>'
    peak = max(t.events for t in by_type)
    rows = []
    for i, t in enumerate(by_type):
        y, w = 10 + i * 30, 420 * t.events / peak
        rows.append(
            f'<text x="250" y="{y + 15}" text-anchor="end">{escape(t.name)}</text>'
            f'<rect x="260" y="{y}" width="{w:.1f}" height="20" fill="{TYPE_COLOURS.get(t.name, "#999")}">'
            f"<title>{escape(t.name)}: {t.events} events, {t.fatalities} fatalities</title></rect>"
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


def week_svg(weeks: Sequence[Week]) -> str:
    """Draw events by week as bars stacked by type."""
    stacks = [[(TYPE_COLOURS[t], w.by_type[t]) for t in TYPE_COLOURS if w.by_type.get(t)] for w in weeks]
    return _bars_svg(weeks, stacks, "events")


def fatality_svg(weeks: Sequence[Week]) -> str:
    """Draw fatalities by week as bars."""
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


def map_svg(events: Sequence[Event]) -> str:
    """Draw the located events as circles on the basemap, the busiest places labelled."""
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
            f"<title>{escape(name)}: {len(evs)} events, {dead} fatalities</title></circle>"
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
                f'<text x="{at:.1f}" y="{y + 4:.1f}" font-size="13" text-anchor="{anchor}">'
                f"{escape(name)}</text>"
            )
    return ""
