"""Merge actor files (the packaged ones, then a user's) into the records of the knowledge base, checking
the references between them; polemos.knowledge.actors builds its look-ups from the result.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from polemos.knowledge.actor_defaults import DefaultReading, check_defaults
from polemos.knowledge.actor_periods import fail
from polemos.knowledge.actor_records import ActorEntry, Side
from polemos.knowledge.actor_schema import (
    TEMPLATE_KINDS,
    FramingLexeme,
    IdentityGroup,
    RawEntry,
    RawFile,
    RawSide,
    Template,
)
from polemos.knowledge.countries import load_countries
from polemos.knowledge.phrases import fold


@dataclass(frozen=True)
class MergedFiles:
    """What the actor files hold together, checked: the arguments of polemos.knowledge.actors.ActorKB."""

    entries: list[ActorEntry]
    sides: list[Side]
    labels: dict[str, tuple[str, ...]]
    framing: list[FramingLexeme]
    titles: list[str]
    templates: dict[str, Template]
    defaults: list[DefaultReading]


def merge(files: Sequence[RawFile]) -> MergedFiles:
    """Merge actor files, the packaged ones first, into checked records: a later file extends an entry an
    earlier one defined; every cross-reference (parent, side, country, framing cue, forces) must resolve."""
    countries = load_countries()
    merged: dict[str, RawEntry] = {}
    sides: dict[str, RawSide] = {}
    labels: dict[str, list[str]] = {}
    framing: list[FramingLexeme] = []
    titles: list[str] = []
    templates: dict[str, Template] = {}
    groups: list[IdentityGroup] = []
    defaults: list[DefaultReading] = []
    for f in files:
        for raw in f.entries:
            if raw.name not in merged:
                merged[raw.name] = RawEntry(**{**raw.__dict__, "aliases": list(raw.aliases),
                    "abbreviations": list(raw.abbreviations), "leaders": list(raw.leaders),
                    "framing_cues": list(raw.framing_cues), "areas": list(raw.areas),
                    "named": list(raw.named)})  # fmt: skip
            elif merged[raw.name].path == f.path:
                raise fail(f.path, f"actor {raw.name!r}", "is defined twice in this file")
            else:  # a later file extends the entry
                merged[raw.name].extend(raw)
        sides.update((s.id, s) for s in f.sides)
        for kind, words in f.labels.items():
            labels.setdefault(kind, []).extend(words)
        framing.extend(f.framing)
        titles.extend(f.titles)
        templates.update(f.templates)
        groups.extend(f.identity_groups)
        defaults = [*f.defaults, *defaults]  # a later file's readings are consulted first
    missing = [k for k in TEMPLATE_KINDS if k not in templates]
    if missing:
        raise fail(files[0].path, "templates", f"missing template(s) {missing}")
    cues = {fold(x.cue) for x in framing}
    entries = [_checked(raw, merged, sides, cues) for raw in merged.values()]
    heads = labels.get("identity_heads", [])
    from_heads = labels.get("identity_from_heads", [])
    for g in groups:
        for iso2 in g.countries:
            row = countries.get(iso2)
            if row is None or row.iso2 != iso2:
                raise fail(files[0].path, f"identity group {g.name!r}", f"{iso2!r} is not an ISO2 code")
            template = templates[g.template]
            phrases = [f"{a} {h}" for a in g.aliases for h in heads] + [f"armed {a}" for a in g.aliases]
            phrases += [f"{h} from {a}" for a in g.aliases for h in from_heads]
            phrases += _plurals(g)
            phrases += g.units
            name = template.render(row.name, iso2, g.name)
            entries.append(
                ActorEntry(name, template.inter, iso2, None, None, tuple(phrases), (), (), None, None, ())
            )
    for s in sides.values():
        row = countries.get(s.country) if s.country else None
        if s.country is not None and (row is None or row.iso2 != s.country):
            raise fail(
                s.path, f"side {s.id!r}", f"`country` {s.country!r} is not an ISO2 code in countries.yaml"
            )
        for other in s.opposes:
            if other not in sides:
                raise fail(s.path, f"side {s.id!r}", f"`opposes` names unknown side {other!r}")
        for field, names in (("forces", s.forces), ("fighters", s.fighters)):
            for force in names:
                if force not in merged:
                    raise fail(s.path, f"side {s.id!r}", f"`{field}` names unknown actor {force!r}")
    check_defaults(defaults, merged, lambda code: getattr(countries.get(code), "iso2", None) == code)
    side_objs = [
        Side(
            s.id,
            s.country,
            s.years[0],
            s.years[1],
            s.description,
            frozenset(s.opposes),
            s.forces,
            s.leads_battles,
            s.lead_periods,
            s.fighters,
            s.trails_battles,
            s.trail_periods,
        )
        for s in sides.values()
    ]
    return MergedFiles(
        entries, side_objs, {k: tuple(v) for k, v in labels.items()}, framing, titles, templates, defaults
    )


def _plurals(group: IdentityGroup) -> list[str]:
    """A people named in the plural ("Fulanis attacked", "clashes between Dogons and Fulani") is its armed
    men, as "Fulani militiamen" is: a member is named in the singular, a town's people by its own demonym
    (listed among the aliases where it is one: "Misratans")."""
    if group.template != "ethnic_militia":
        return [a for a in group.aliases if a.endswith("s") and a[:-1] in group.aliases]
    return [a if a.endswith("s") else a + "s" for a in group.aliases if a[:1].isupper()]


def _checked(
    raw: RawEntry, merged: Mapping[str, RawEntry], sides: Mapping[str, RawSide], cues: set[str]
) -> ActorEntry:
    where = f"actor {raw.name!r}"
    if raw.inter is None:
        raise fail(raw.path, where, "`inter` is required for a new actor")
    found = load_countries().get(raw.country) if raw.country is not None else None
    if raw.country is not None and (found is None or found.iso2 != raw.country):
        raise fail(raw.path, where, f"`country` {raw.country!r} is not an ISO2 code in countries.yaml")
    if raw.parent is not None and raw.parent not in merged:
        raise fail(raw.path, where, f"`parent` {raw.parent!r} names no actor")
    if raw.side is not None and raw.side not in sides:
        raise fail(raw.path, where, f"`side` {raw.side!r} names no side in `sides`")
    for cue in raw.framing_cues:
        if fold(cue) not in cues:
            raise fail(
                raw.path, where, f"framing cue {cue!r} is not in `framing`; add it there with a weight"
            )
    return ActorEntry(
        name=raw.name,
        inter=raw.inter,
        country=raw.country,
        start_year=raw.years[0],
        end_year=raw.years[1],
        aliases=tuple(dict.fromkeys(raw.aliases)),
        abbreviations=tuple(dict.fromkeys(raw.abbreviations)),
        leaders=tuple(dict.fromkeys(raw.leaders)),
        parent=raw.parent,
        side=raw.side,
        framing_cues=tuple(dict.fromkeys(raw.framing_cues)),
        areas=tuple(dict.fromkeys(raw.areas)),
        period_names=tuple(raw.named),
        named_only=raw.named_only,
    )
