"""The actor knowledge base: ACLED-style actor names, aliases, camps and framing cues, loaded from YAML.

Packaged data is `knowledge/data/actors.yaml` (its layout is documented at its top); users add files of
the same layout. The actors stage (polemos.stages.actors) matches documents against it and resolves
generic labels with its word lists, sides and templates.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from importlib import resources
from pathlib import Path

from polemos.knowledge.actor_defaults import DefaultReading, DefaultTable
from polemos.knowledge.actor_merge import MergedFiles, merge
from polemos.knowledge.actor_records import ActorEntry, AliasMatch, Side
from polemos.knowledge.actor_schema import FramingLexeme, RawFile, Template, parse_file, read_file, read_yaml
from polemos.knowledge.phrases import PhraseIndex, fold, tokens
from polemos.knowledge.self_names import self_names

__all__ = ["ActorEntry", "ActorKB", "AliasMatch", "FramingLexeme", "Side", "Template", "load_actor_kb"]

# The main file (templates, labels, sides) first; the regional files add entries.
_PACKAGED = ("actors.yaml", "actors_africa.yaml", "actors_missions.yaml")


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
        # an alias that only begins a name the group gives itself ("Islamic Emirate" of "... of Barqa")
        named = self_names(text)
        for m in self._index.find(text):
            if any(n.holds_inside(m.start, m.end) for n in named):
                continue
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
            return self.forces_for(foes[0].id, year) or self._fighters_for(foes[0].id, year)
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

    def _fighters_for(self, side_id: str, year: int | None) -> ActorEntry | None:
        """Return the armed force of a camp that has no state's forces in `year` (see Side.fighters)."""
        side = self.sides.get(side_id)
        entries = (self._by_name.get(name) for name in (side.fighters if side else ()))
        return next((e for e in entries if e is not None and e.is_valid(year)), None)


@functools.cache
def _packaged() -> tuple[RawFile, ...]:
    out = []
    for name in _PACKAGED:
        ref = resources.files("polemos.knowledge").joinpath(f"data/{name}")
        out.append(parse_file(read_yaml(ref.read_text(encoding="utf-8"), name), name))
    return tuple(out)


def _kb(m: MergedFiles) -> ActorKB:
    return ActorKB(m.entries, m.sides, m.labels, m.framing, m.titles, m.templates, m.defaults)


@functools.cache
def _packaged_kb() -> ActorKB:
    return _kb(merge(_packaged()))


def load_actor_kb(extra_files: Sequence[Path] = ()) -> ActorKB:
    """Return the packaged actor knowledge base extended by user files (cached when there are none)."""
    if not extra_files:
        return _packaged_kb()
    return _kb(merge([*_packaged(), *(read_file(Path(p)) for p in extra_files)]))
