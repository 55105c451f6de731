"""Build the alliance graph from stored relation statements: dated, evidenced edges, as JSON or GraphML.

The "derive" step after storage: repeated statements of one relation merge into one edge; a later
contradicting statement closes an earlier edge (a new holder of a place ends the old holder's control,
fighting ends an alliance and the reverse), so `edges_at(edges, day)` is the graph as it stood that day.
Readers: `polemos graph`, `polemos actors` (polemos.relations_commands).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable, Collection, Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TextIO
from xml.etree import ElementTree as ET

from polemos.knowledge.countries import load_countries
from polemos.model import Evidence, Place, Relation, RelationKind

__all__ = [
    "ALLIANCE_KINDS",
    "ActorSummary",
    "Edge",
    "build_graph",
    "country_of",
    "edge_to_json",
    "edges_at",
    "summarise_actors",
    "write_graphml",
    "write_json",
]

# The alliance graph links actors and places; `leads` links a person to a group, so it is shown on
# request (`--kind leads`) and in the actors table rather than by default.
ALLIANCE_KINDS: frozenset[RelationKind] = frozenset(k for k in RelationKind if k is not RelationKind.LEADS)
SYMMETRIC: frozenset[RelationKind] = frozenset({RelationKind.ALLIED_WITH, RelationKind.FIGHTS})
_PAIRED = frozenset({RelationKind.ALLIED_WITH, RelationKind.SUPPORTS, RelationKind.FIGHTS})
_STATE_FORCES = re.compile(r"^Military Forces of (?P<state>[^()]+?)(?: \(\d{4}-(?:\d{4})?\))?$")
_GRAPHML = "http://graphml.graphdrawing.org/xmlns"


@dataclass(frozen=True)
class Edge:
    """One edge: a relation holding over [start, end] (None: open), with every statement of it."""

    source: str
    target: str
    relation: RelationKind
    start: dt.date | None
    end: dt.date | None
    statements: tuple[Relation, ...]
    target_place: Place | None = None

    @property
    def evidence(self) -> tuple[Evidence, ...]:
        return tuple(r.evidence for r in self.statements if r.evidence is not None)

    @property
    def documents(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(r.document_id for r in self.statements))

    @property
    def confidence(self) -> float:
        return max(r.confidence for r in self.statements)


@dataclass
class _Builder:
    first: Relation
    statements: list[Relation] = field(default_factory=list)
    end: dt.date | None = None

    def edge(self) -> Edge:
        r = self.first
        source, target = r.source, r.target
        if r.kind in SYMMETRIC:  # "A fights B" is "B fights A": one direction, by name
            source, target = sorted((source, target))
        start = min((s.start for s in self.statements if s.start is not None), default=None)
        ends = [s.end for s in self.statements]
        end = self.end
        if end is None and ends and all(e is not None for e in ends):
            end = max(e for e in ends if e is not None)
        return Edge(source, target, r.kind, start, end, tuple(self.statements), r.target_place)


def _day(r: Relation) -> dt.date:
    return r.start or dt.date.min


def _timeline(
    statements: Sequence[Relation],
    state: Callable[[Relation], Hashable],
    contradicts: Callable[[Relation, Relation], bool],
) -> list[Edge]:
    """Walk one group's statements in date order: repeats merge, a later contradiction closes an edge."""
    ordered = sorted(
        statements, key=lambda r: (_day(r), r.document_id, r.evidence.start if r.evidence else 0)
    )
    open_: dict[Hashable, _Builder] = {}
    closed: list[_Builder] = []
    for r in ordered:
        key = state(r)
        if key in open_:
            open_[key].statements.append(r)
            continue
        for other in list(open_):
            b = open_[other]
            if r.start is not None and _day(b.first) < r.start and contradicts(b.first, r):
                b.end = r.start - dt.timedelta(days=1)
                closed.append(open_.pop(other))
        open_[key] = _Builder(r, [r])
    return [b.edge() for b in (*closed, *open_.values())]


def _place_key(r: Relation) -> Hashable:
    p = r.target_place
    return (round(p.latitude, 2), round(p.longitude, 2)) if p is not None else r.target


def _pair_state(r: Relation) -> Hashable:
    if r.kind in SYMMETRIC:
        return (r.kind, *sorted((r.source, r.target)))
    return (r.kind, r.source, r.target)


def _enmity_changes(a: Relation, b: Relation) -> bool:
    return (a.kind is RelationKind.FIGHTS) != (b.kind is RelationKind.FIGHTS)


def build_graph(
    relations: Iterable[Relation], *, kinds: Collection[RelationKind] | None = None
) -> list[Edge]:
    """Merge relation statements into dated edges, closing those a later statement contradicts."""
    wanted = ALLIANCE_KINDS if kinds is None else frozenset(kinds)
    groups: dict[tuple[str, Hashable], list[Relation]] = {}
    for r in relations:
        if r.kind not in wanted:
            continue
        if r.kind is RelationKind.CONTROLS:
            key: tuple[str, Hashable] = ("place", _place_key(r))
        elif r.kind in _PAIRED:
            key = ("pair", frozenset((r.source, r.target)))
        else:
            key = ("other", (r.kind, r.source, r.target))
        groups.setdefault(key, []).append(r)
    edges: list[Edge] = []
    for key, statements in groups.items():
        if key[0] == "place":
            edges += _timeline(statements, lambda r: r.source, lambda a, b: True)
        elif key[0] == "pair":
            edges += _timeline(statements, _pair_state, _enmity_changes)
        else:
            edges += _timeline(statements, _pair_state, lambda a, b: False)
    return sorted(edges, key=lambda e: (e.relation.value, e.source, e.target, e.start or dt.date.min))


def edges_at(edges: Iterable[Edge], at: dt.date) -> list[Edge]:
    """Return the edges whose [start, end] holds `at` (an open start or end holds any day)."""
    return [e for e in edges if (e.start is None or e.start <= at) and (e.end is None or at <= e.end)]


def country_of(actor: str) -> str | None:
    """Return the country whose national armed forces `actor` names ("Military Forces of Turkey" -> "Turkey").

    Factions and units ("Military Forces of Libya (2014-) Haftar Faction") name no country: they are
    parties inside one, not the state itself.
    """
    m = _STATE_FORCES.match(actor)
    if m is None:
        return None
    countries = load_countries()
    state = m.group("state")
    found = countries.get(state) or countries.get(state.removeprefix("the "))
    return found.name if found is not None else None


# ---------------------------------------------------------------------------------------- output
def _place_object(p: Place) -> dict[str, object]:
    return {
        "name": p.name,
        "latitude": p.latitude,
        "longitude": p.longitude,
        "country": p.country,
        "admin1": p.admin1,
        "geo_precision": int(p.geo_precision),
    }


def _evidence_object(r: Relation) -> dict[str, object]:
    ev = r.evidence
    out: dict[str, object] = {
        "document_id": r.document_id,
        "date": r.start.isoformat() if r.start else None,
        "confidence": r.confidence,
    }
    if ev is not None:
        out.update(text=ev.text, sentence=ev.sentence, start=ev.start, end=ev.end, rule=ev.rule)
    return out


def edge_to_json(edge: Edge) -> dict[str, object]:
    """Return an edge as its JSON object: canonical names, the states' countries, dates and evidence."""
    return {
        "source": edge.source,
        "target": edge.target,
        "relation": edge.relation.value,
        "start": edge.start.isoformat() if edge.start else None,
        "end": edge.end.isoformat() if edge.end else None,
        # ACLED names a state's forces "Military Forces of Turkey"; a reader asking "who backs the GNA?"
        # wants "Turkey": both are given, and the name stays canonical.
        "source_country": country_of(edge.source),
        "target_country": None if edge.target_place else country_of(edge.target),
        "target_place": _place_object(edge.target_place) if edge.target_place else None,
        "confidence": edge.confidence,
        "documents": list(edge.documents),
        "evidence": [_evidence_object(r) for r in edge.statements],
    }


def write_json(edges: Iterable[Edge], out: TextIO) -> int:
    """Write the edges as one JSON list; return how many."""
    items = [edge_to_json(e) for e in edges]
    json.dump(items, out, ensure_ascii=False, indent=2)
    out.write("\n")
    return len(items)


_NODE_KEYS = (("kind", "string"), ("name", "string"), ("country", "string"))
_PLACE_KEYS = (("latitude", "double"), ("longitude", "double"))
_EDGE_KEYS = (
    ("relation", "string"),
    ("start", "string"),
    ("end", "string"),
    ("confidence", "double"),
    ("documents", "string"),
    ("evidence", "string"),
)


def _data(parent: ET.Element, key: str, value: object) -> None:
    if value is not None:
        ET.SubElement(parent, f"{{{_GRAPHML}}}data", key=key).text = str(value)


def write_graphml(edges: Iterable[Edge], out: TextIO) -> int:
    """Write the edges as GraphML (actors, people and places as nodes); return the number of edges."""
    ET.register_namespace("", _GRAPHML)
    root = ET.Element(f"{{{_GRAPHML}}}graphml")
    for name, kind in _NODE_KEYS + _PLACE_KEYS:
        ET.SubElement(
            root, f"{{{_GRAPHML}}}key", {"id": name, "for": "node", "attr.name": name, "attr.type": kind}
        )
    for name, kind in _EDGE_KEYS:
        ET.SubElement(
            root, f"{{{_GRAPHML}}}key", {"id": name, "for": "edge", "attr.name": name, "attr.type": kind}
        )
    graph = ET.SubElement(root, f"{{{_GRAPHML}}}graph", id="polemos", edgedefault="directed")
    ids: dict[tuple[str, str], str] = {}

    def node(kind: str, name: str, place: Place | None = None) -> str:
        if (kind, name) not in ids:
            ids[(kind, name)] = f"n{len(ids)}"
            el = ET.SubElement(graph, f"{{{_GRAPHML}}}node", id=ids[(kind, name)])
            _data(el, "kind", kind)
            _data(el, "name", name)
            _data(el, "country", place.country if place else country_of(name))
            if place is not None:
                _data(el, "latitude", place.latitude)
                _data(el, "longitude", place.longitude)
        return ids[(kind, name)]

    n = 0
    for e in edges:
        source = node("person" if e.relation is RelationKind.LEADS else "actor", e.source)
        target = node("place", e.target, e.target_place) if e.target_place else node("actor", e.target)
        attrs = {"id": f"e{n}", "source": source, "target": target}
        if e.relation in SYMMETRIC:
            attrs["directed"] = "false"
        el = ET.SubElement(graph, f"{{{_GRAPHML}}}edge", attrs)
        _data(el, "relation", e.relation.value)
        _data(el, "start", e.start.isoformat() if e.start else None)
        _data(el, "end", e.end.isoformat() if e.end else None)
        _data(el, "confidence", e.confidence)
        _data(el, "documents", ";".join(e.documents))
        _data(el, "evidence", " | ".join(ev.text for ev in e.evidence))
        n += 1
    ET.indent(root)
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write(ET.tostring(root, encoding="unicode"))
    out.write("\n")
    return n


# ---------------------------------------------------------------------------------------- actors table
@dataclass(frozen=True)
class ActorSummary:
    """One actor with its event count and what the relations say of it: leaders, backers, allies, places."""

    name: str
    inter: int | None
    events: int
    leaders: tuple[str, ...] = ()
    backed_by: tuple[str, ...] = ()
    backs: tuple[str, ...] = ()
    allies: tuple[str, ...] = ()
    fights: tuple[str, ...] = ()
    linked_to: tuple[str, ...] = ()
    holds: tuple[str, ...] = ()


def _short(name: str) -> str:
    return country_of(name) or name


def summarise_actors(
    actors: Sequence[tuple[str, int | None, int]], relations: Iterable[Relation]
) -> list[ActorSummary]:
    """Return one summary per actor (stored ones, then those only relations name), most active first."""
    rows: dict[str, dict[str, list[str]]] = {}
    known = {name: (inter, n) for name, inter, n in actors}

    def add(actor: str, column: str, value: str) -> None:
        cells = rows.setdefault(actor, {}).setdefault(column, [])
        if value not in cells:
            cells.append(value)

    for r in relations:
        if r.kind is RelationKind.LEADS:
            add(r.target, "leaders", r.source)
        elif r.kind is RelationKind.SUPPORTS:
            add(r.target, "backed_by", _short(r.source))
            add(r.source, "backs", _short(r.target))
        elif r.kind in SYMMETRIC:
            column = "allies" if r.kind is RelationKind.ALLIED_WITH else "fights"
            add(r.source, column, _short(r.target))
            add(r.target, column, _short(r.source))
        elif r.kind is RelationKind.LINKED_TO:
            add(r.source, "linked_to", _short(r.target))
        else:
            add(r.source, "holds", r.target)
    names = [*known, *(n for n in rows if n not in known)]
    out = []
    for name in names:
        inter, events = known.get(name, (None, 0))
        cells = rows.get(name, {})
        out.append(ActorSummary(name, inter, events, **{k: tuple(v) for k, v in cells.items()}))
    return sorted(out, key=lambda a: (-a.events, a.name))
