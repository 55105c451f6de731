"""The actor knowledge base: ACLED-style actor names, aliases, camps and framing cues, loaded from YAML.

Packaged data is `knowledge/data/actors.yaml` (its layout is documented at its top); users add files of
the same layout. The actors stage (polemos.stages.actors) matches documents against it and resolves
generic labels with its word lists, sides and templates.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from polemos.knowledge.actor_defaults import DefaultReading, DefaultTable, check_defaults
from polemos.knowledge.actor_periods import Period, PeriodName, day_at, fail
from polemos.knowledge.actor_schema import (
    TEMPLATE_KINDS,
    FramingLexeme,
    IdentityGroup,
    RawEntry,
    RawFile,
    RawSide,
    Template,
    parse_file,
    read_file,
    read_yaml,
)
from polemos.knowledge.countries import load_countries
from polemos.knowledge.phrases import PhraseIndex, fold, tokens

__all__ = ["ActorEntry", "ActorKB", "AliasMatch", "FramingLexeme", "Side", "Template", "load_actor_kb"]

# The main file (templates, labels, sides) first; the regional files add entries.
_PACKAGED = ("actors.yaml", "actors_africa.yaml")


@dataclass(frozen=True)
class ActorEntry:
    """One actor of the knowledge base, with the words that name it and the camp it fights for."""

    name: str
    inter: int
    country: str | None
    start_year: int | None
    end_year: int | None
    aliases: tuple[str, ...]
    abbreviations: tuple[str, ...]
    leaders: tuple[str, ...]
    parent: str | None
    side: str | None
    framing_cues: tuple[str, ...]
    areas: tuple[str, ...] = ()  # places of a regional branch's territory ("Sirte" for IS's Tripoli province)
    period_names: tuple[PeriodName, ...] = ()  # (start, end, name) ACLED used
    # A mission contingent only where a report names the mission: its country's army also fights there
    # under its own command, so "Kenyan troops" alone are the state's, not AMISOM's
    named_only: bool = False

    def name_in(self, year: int | None, month: int | None = None, day: int | None = None) -> str:
        """Return the name ACLED gives the actor's events of `year`/`month`/`day` (an unknown month read
        as mid-year, an unknown day as mid-month; its canonical name by default)."""
        if year is None:
            return self.name
        at = day_at(year, month, day)
        for start, end, name in self.period_names:
            if (start is None or start <= at) and (end is None or at <= end):
                return name
        return self.name

    def is_valid(self, year: int | None) -> bool:
        """Return whether the actor existed in `year` (always, when the year is unknown)."""
        if year is None:
            return True
        return (self.start_year is None or self.start_year <= year) and (
            self.end_year is None or year <= self.end_year
        )


@dataclass(frozen=True)
class Side:
    """A camp of a conflict ("lna", "gna"), the camps it fights and the forces it calls its army."""

    id: str
    country: str | None
    start_year: int | None
    end_year: int | None
    description: str
    opposes: frozenset[str]
    forces: tuple[str, ...]
    # ACLED's desk for the conflict lists this camp first in its battles (see `sides` in actors.yaml)
    leads_battles: bool = False
    # Where given, the days in which it leads: a war whose initiative changed hands within a year
    lead_periods: tuple[Period, ...] = ()

    def is_valid(self, year: int | None) -> bool:
        """Return whether the camp fought in `year` (always, when the year is unknown)."""
        return year is None or (self.start_year or 0) <= year <= (self.end_year or 9999)

    def leads_in(self, year: int | None, month: int | None = None, day: int | None = None) -> bool:
        """Return whether ACLED lists this camp first in its battles of `year`/`month`/`day` (an unknown
        month is read as mid-year, an unknown day as mid-month; an unknown year as any time the camp
        leads)."""
        if not self.leads_battles or not self.lead_periods or year is None:
            return self.leads_battles
        at = day_at(year, month, day)
        return any(start <= at <= end for start, end in self.lead_periods)


@dataclass(frozen=True)
class AliasMatch:
    """A knowledge-base phrase found in text: span, every entry it may name, and how it named them."""

    start: int
    end: int
    text: str
    candidates: tuple[ActorEntry, ...]
    how: str  # "alias" | "abbreviation" | "leader"
    key: str  # the phrase as the knowledge base writes it


class ActorKB:
    """Actor entries with a phrase index over their aliases, abbreviations and leaders, plus the word lists,
    camps, framing cues and templates the actors stage resolves generic labels with."""

    def __init__(
        self,
        entries: Sequence[ActorEntry],
        sides: Sequence[Side],
        labels: Mapping[str, tuple[str, ...]],
        framing: Sequence[FramingLexeme],
        titles: Sequence[str],
        templates: Mapping[str, Template],
        defaults: Sequence[DefaultReading] = (),
    ) -> None:
        self.entries = tuple(entries)
        self.sides = {s.id: s for s in sides}
        self.labels = dict(labels)
        self.framing = tuple(framing)
        self.titles = frozenset(fold(t.group()) for title in titles for t in tokens(title))
        self.templates = dict(templates)
        self.defaults = DefaultTable(defaults)
        self._by_name = {e.name: e for e in self.entries}
        # An actor written under an earlier name ("Military Forces of Libya (2014-)" for the Haftar Faction
        # before ACLED named it so) still belongs to its entry's camp.
        self._by_period_name: dict[str, list[ActorEntry]] = {}
        self._camps: dict[tuple[str, int | None, int | None, int | None], Side | None] = {}
        for e in self.entries:
            for _, _, old in e.period_names:
                self._by_period_name.setdefault(old, []).append(e)
        self._children: dict[str, list[ActorEntry]] = {}
        self._index: PhraseIndex[tuple[ActorEntry, str, str]] = PhraseIndex()
        # The document's country and its actor mentions both scan the same text: keep the last scan.
        self._last_scan: tuple[str, tuple[AliasMatch, ...]] = ("", ())
        self.cue_targets: dict[str, tuple[ActorEntry, ...]] = {}
        for e in self.entries:
            if e.parent:
                self._children.setdefault(e.parent, []).append(e)
            for how, phrases in (("alias", e.aliases), ("leader", e.leaders)):
                for p in phrases:
                    self._index.add(p, (e, how, p))
            for p in e.leaders:
                if not p.endswith("s"):
                    # a possessive whose apostrophe a feed stripped: "Gaddafis forces", "Haftars men"
                    self._index.add(p + "s", (e, "leader", p))
            for p in e.abbreviations:
                self._index.add(p, (e, "abbreviation", p), case_sensitive=True)
            for cue in e.framing_cues:
                self.cue_targets[fold(cue)] = (*self.cue_targets.get(fold(cue), ()), e)
        self.label_index: PhraseIndex[str] = PhraseIndex()
        for kind in ("state_claim", "state", "police", "hostile_extremist", "hostile_armed", "unidentified"):
            for p in self.labels.get(kind, ()):
                self.label_index.add(p, kind)
        for kind in ("civilian", "protester", "rioter", "communal", "vigilante", "coref"):
            for p in self.labels.get(kind, ()):
                self.label_index.add(p, kind)
        self.framing_index: PhraseIndex[FramingLexeme] = PhraseIndex()
        for lex in self.framing:
            self.framing_index.add(lex.cue, lex)
        self.area_index: PhraseIndex[str] = PhraseIndex()
        for e in self.entries:
            for area in e.areas:
                self.area_index.add(area, e.name)
        self.aerial_index: PhraseIndex[str] = PhraseIndex()
        for p in self.labels.get("aerial", ()):
            self.aerial_index.add(p, "aerial")

    def entry(self, name: str) -> ActorEntry | None:
        """Return the entry with this canonical name, or None."""
        return self._by_name.get(name)

    def children(self, name: str) -> tuple[ActorEntry, ...]:
        """Return the units and branches whose parent is `name`."""
        return tuple(self._children.get(name, ()))

    def scan(self, text: str) -> list[AliasMatch]:
        """Return every knowledge-base phrase in `text` with all the entries it may name."""
        last_text, last = self._last_scan  # one read: another thread may replace it meanwhile
        if text and text == last_text:
            return list(last)
        out: list[AliasMatch] = []
        for m in self._index.find(text):
            entries = tuple(dict.fromkeys(v[0] for v in m.values))
            _, how, key = m.values[0]
            out.append(AliasMatch(m.start, m.end, m.text, entries, how, key))
        self._last_scan = (text, tuple(out))
        return out

    def match(self, text: str, *, year: int | None = None) -> list[tuple[int, int, ActorEntry]]:
        """Return alias, abbreviation and leader matches in `text`: longest first, non-overlapping, in text
        order; where a phrase names several entries, the first valid in `year` wins. A descriptive alias
        ("opposition forces": Libya's rebels in 2011) is left out outside its entries' years, where it
        describes someone else."""
        out: list[tuple[int, int, ActorEntry]] = []
        for m in self.scan(text):
            valid = [e for e in m.candidates if e.is_valid(year)]
            if not valid and m.how == "alias" and m.key[:1].islower():
                continue
            out.append((m.start, m.end, (valid or list(m.candidates))[0]))
        return out

    def default_reading(
        self,
        country: str | None,
        year: int | None,
        label_class: str,
        month: int | None = None,
        day: int | None = None,
        places: Sequence[str] = (),
    ) -> ActorEntry | None:
        """Return the actor an unqualified label of `label_class` ("army", "air", "militants") means in
        `country` and `year` (`month`, `day`) when the report shows no camp, or None when the knowledge base
        gives no default. `places` names the event's place and the regions it lies in: a default limited
        to a city or region holds only there (and, being the more specific, before the country's)."""
        d = self.defaults.reading(country, year, label_class, month, day, places)
        entry = self._by_name.get(d.actor) if d is not None else None
        return entry if entry is not None and entry.is_valid(year) else None

    def side(self, side_id: str | None) -> Side | None:
        """Return the camp with this id, or None."""
        return self.sides.get(side_id) if side_id else None

    def camp_of(
        self, name: str, year: int | None, month: int | None = None, day: int | None = None
    ) -> Side | None:
        """Return the camp of the actor written `name` in `year`/`month`/`day` (a canonical or period
        name), or None. An entry that ACLED wrote under this name at that time comes first: in October
        2011 the rebels' forces were written as the state's "Military Forces of Libya (1969-2011)"."""
        key = (name, year, month, day)
        if key in self._camps:  # asked for every battle's pair of sides: the knowledge base never changes
            return self._camps[key]
        entry = self._by_name.get(name)
        written = [e for e in self._by_period_name.get(name, ()) if e.name_in(year, month, day) == name]
        if entry is None or entry.side is None or entry.name_in(year, month, day) != name:
            entry = next((e for e in written if e.side), entry)
        side = self.sides.get(entry.side) if entry is not None and entry.side else None
        found = side if side is not None and side.is_valid(year) else None
        if len(self._camps) > 10_000:
            self._camps.clear()
        self._camps[key] = found
        return found

    def sole_opponent(
        self, name: str, country: str, year: int | None, month: int | None = None, day: int | None = None
    ) -> ActorEntry | None:
        """Return the forces of the one camp that the camp of actor `name` fights in `country` and `year`,
        or None where it fights several camps, or one without forces. A camp of armed groups that fights
        one army and other groups (Benghazi's shura councils: Haftar's forces, and the Islamic State) is
        fighting the army where a report leaves its opponent unnamed: armed groups name their raids on
        each other, an army's operations go unnamed."""
        side = self.camp_of(name, year, month, day)
        foes = [s for s in self.camps(country, year) if side is not None and self.opposes(side.id, s.id)]
        if len(foes) == 1:
            return self.forces_for(foes[0].id, year)
        if side is None or self.forces_for(side.id, year) is not None:
            return None
        armies = [f for f in (self.forces_for(s.id, year) for s in foes) if f is not None]
        return armies[0] if len(armies) == 1 else None

    def opposes(self, a: str | None, b: str | None) -> bool:
        """Return whether camps `a` and `b` fight each other (read both ways)."""
        if not a or not b or a == b:
            return False
        sa, sb = self.sides.get(a), self.sides.get(b)
        return bool((sa and b in sa.opposes) or (sb and a in sb.opposes))

    def camps(self, country: str | None, year: int | None) -> tuple[Side, ...]:
        """Return the camps active in `country` (or transnational) in `year`."""
        return tuple(
            s
            for s in self.sides.values()
            if (s.country is None or country is None or s.country == country) and s.is_valid(year)
        )

    def forces_for(self, side_id: str, year: int | None) -> ActorEntry | None:
        """Return the entry a camp calls "the army" in `year`, or None when it has none."""
        side = self.sides.get(side_id)
        for name in side.forces if side else ():
            entry = self._by_name.get(name)
            if entry is not None and entry.is_valid(year):
                return entry
        return None


def _merge(files: Sequence[RawFile]) -> ActorKB:
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
    for g in groups:
        for iso2 in g.countries:
            row = countries.get(iso2)
            if row is None or row.iso2 != iso2:
                raise fail(files[0].path, f"identity group {g.name!r}", f"{iso2!r} is not an ISO2 code")
            template = templates[g.template]
            phrases = [f"{a} {h}" for a in g.aliases for h in heads] + [f"armed {a}" for a in g.aliases]
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
        for force in s.forces:
            if force not in merged:
                raise fail(s.path, f"side {s.id!r}", f"`forces` names unknown actor {force!r}")
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
        )
        for s in sides.values()
    ]
    return ActorKB(
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


@functools.cache
def _packaged() -> tuple[RawFile, ...]:
    out = []
    for name in _PACKAGED:
        ref = resources.files("polemos.knowledge").joinpath(f"data/{name}")
        out.append(parse_file(read_yaml(ref.read_text(encoding="utf-8"), name), name))
    return tuple(out)


@functools.cache
def _packaged_kb() -> ActorKB:
    return _merge(_packaged())


def load_actor_kb(extra_files: Sequence[Path] = ()) -> ActorKB:
    """Return the packaged actor knowledge base extended by user files (cached when there are none)."""
    if not extra_files:
        return _packaged_kb()
    return _merge([*_packaged(), *(read_file(Path(p)) for p in extra_files)])
