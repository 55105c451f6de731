"""Read and check actor knowledge files (packaged `actors.yaml` and user files) into typed records.

The loader in polemos.knowledge.actor_merge merges what this module returns and checks cross-references;
every error names the file, the entry and the field.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from polemos.errors import KnowledgeError
from polemos.knowledge.actor_defaults import DefaultReading, parse_defaults
from polemos.knowledge.actor_periods import (
    Period,
    PeriodName,
    fail,
    lead_periods,
    period_names,
    years,
)

ENTRY_FIELDS = frozenset(
    {
        "name",
        "inter",
        "country",
        "years",
        "aliases",
        "abbreviations",
        "leaders",
        "parent",
        "side",
        "framing_cues",
        "areas",
        "named",
        "named_only",
    }
)
LIST_FIELDS = ("aliases", "abbreviations", "leaders", "framing_cues", "areas")
SIDE_FIELDS = frozenset(
    {
        "id",
        "country",
        "years",
        "description",
        "opposes",
        "forces",
        "fighters",
        "leads_battles",
        "trails_battles",
    }
)
LABEL_KINDS = (
    "state_claim",
    "state",
    "police",
    "hostile_extremist",
    "hostile_armed",
    "unidentified",
    "civilian",
    "protester",
    "rioter",
    "communal",
    "vigilante",
    "coref",
    "armed_heads",
    "identity_heads",
    "identity_from_heads",
    "hostile_verbs",
    "aerial",
)
FRAMING_KINDS = ("pejorative", "honorific", "enemy", "own_voice")
TEMPLATE_KINDS = (
    "unidentified_armed_group",
    "unidentified_communal_militia",
    "civilians",
    "protesters",
    "rioters",
    "vigilante_militia",
    "ethnic_militia",
    "communal_militia",
    "clan_militia",
)
IDENTITY_KINDS = {"ethnic": "ethnic_militia", "communal": "communal_militia", "clan": "clan_militia"}
# libyaml's loader when present: the packaged files load several times faster
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_TOP = frozenset(
    {"sides", "labels", "framing", "titles", "templates", "identity_groups", "actors", "defaults"}
)


@dataclass(frozen=True)
class FramingLexeme:
    """A framing cue word with its kind (pejorative, honorific, enemy, own_voice) and weight."""

    cue: str
    kind: str
    weight: float
    state_only: bool = False


@dataclass(frozen=True)
class Template:
    """A generic actor name for any country, e.g. "Civilians ({country})", with its inter code."""

    name: str
    inter: int
    by_country: Mapping[str, str] = field(default_factory=dict)

    def render(self, country_name: str, iso2: str | None = None, group: str = "") -> str:
        """Return the actor name for a country (and group, for identity militias)."""
        pattern = self.by_country.get(iso2 or "", self.name)
        return pattern.format(country=country_name, group=group)


@dataclass(frozen=True)
class IdentityGroup:
    """An ethnic, communal or clan group; ACLED codes its armed men "<name> <Kind> Militia (<Country>)"."""

    name: str
    template: str
    aliases: tuple[str, ...]
    countries: tuple[str, ...]
    units: tuple[str, ...] = ()  # named brigades ACLED codes as the group's militia ("Third Force")


@dataclass
class RawEntry:
    """One actor entry as a file gives it; `given` lists the fields the file set (for merging)."""

    name: str
    path: str
    given: frozenset[str] = frozenset()
    inter: int | None = None
    country: str | None = None
    years: tuple[int | None, int | None] = (None, None)
    parent: str | None = None
    side: str | None = None
    aliases: list[str] = field(default_factory=list)
    abbreviations: list[str] = field(default_factory=list)
    leaders: list[str] = field(default_factory=list)
    framing_cues: list[str] = field(default_factory=list)
    areas: list[str] = field(default_factory=list)
    named: list[PeriodName] = field(default_factory=list)
    named_only: bool = False

    def extend(self, other: RawEntry) -> None:
        """Add another file's lists to this entry; scalar fields the other file gives replace these."""
        for key in LIST_FIELDS:
            getattr(self, key).extend(getattr(other, key))
        self.named = [*other.named, *self.named]
        for key in ("inter", "country", "years", "parent", "side", "named_only"):
            if key in other.given:
                setattr(self, key, getattr(other, key))


@dataclass(frozen=True)
class RawSide:
    """One camp as a file gives it."""

    id: str
    path: str
    country: str | None
    years: tuple[int | None, int | None]
    description: str
    opposes: tuple[str, ...]
    forces: tuple[str, ...]
    leads_battles: bool = False
    lead_periods: tuple[Period, ...] = ()  # where given, it leads only within these months
    fighters: tuple[str, ...] = ()  # a stateless camp's armed men (its rebels), never "the army"
    trails_battles: bool = False
    trail_periods: tuple[Period, ...] = ()  # where given, it goes second only within these days


@dataclass
class RawFile:
    """One knowledge file's checked content, before merging."""

    path: str
    entries: list[RawEntry] = field(default_factory=list)
    sides: list[RawSide] = field(default_factory=list)
    labels: dict[str, list[str]] = field(default_factory=dict)
    framing: list[FramingLexeme] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)
    templates: dict[str, Template] = field(default_factory=dict)
    identity_groups: list[IdentityGroup] = field(default_factory=list)
    defaults: list[DefaultReading] = field(default_factory=list)


def read_yaml(text: str, path: str) -> Mapping[str, object]:
    """Parse a knowledge file's YAML into its top-level mapping."""
    try:
        data = yaml.load(text, Loader=_LOADER)
    except yaml.YAMLError as exc:
        raise KnowledgeError(f"{path}: not valid YAML: {exc}") from exc
    if data is None:
        return {}
    if not isinstance(data, Mapping):
        raise KnowledgeError(f"{path}: expected a mapping with sections such as `actors` and `sides`")
    unknown = set(data) - _TOP
    if unknown:
        raise fail(path, "top level", f"unknown section(s) {sorted(map(str, unknown))}; use {sorted(_TOP)}")
    return data


def str_list(raw: object, path: str, where: str, name: str) -> list[str]:
    """Return a list of non-empty strings, or raise naming the field."""
    if raw is None:
        return []
    if not isinstance(raw, list) or not all(isinstance(x, str | int) and str(x).strip() for x in raw):
        raise fail(path, where, f"`{name}` must be a list of non-empty strings")
    return [str(x).strip() for x in raw]


def _entry(raw: object, path: str, i: int) -> RawEntry:
    if not isinstance(raw, Mapping) or not isinstance(raw.get("name"), str) or not str(raw["name"]).strip():
        raise fail(path, f"actors[{i}]", "each actor needs a `name`")
    where = f"actor {raw['name']!r}"
    unknown = set(raw) - ENTRY_FIELDS
    if unknown:
        raise fail(path, where, f"unknown field(s) {sorted(map(str, unknown))}; use {sorted(ENTRY_FIELDS)}")
    out = RawEntry(str(raw["name"]).strip(), path, frozenset(map(str, raw)))
    if "inter" in raw:
        inter = raw["inter"]
        if not isinstance(inter, int) or isinstance(inter, bool) or not 1 <= inter <= 8:
            raise fail(path, where, f"`inter` must be an ACLED inter code 1-8, not {inter!r}")
        out.inter = inter
    for key in ("country", "parent", "side"):
        value = raw.get(key)
        if value is not None and (not isinstance(value, str) or not value.strip()):
            raise fail(path, where, f"`{key}` must be text or null")
        setattr(out, key, value.strip() if isinstance(value, str) else None)
    out.years = years(raw.get("years"), path, where)
    for key in LIST_FIELDS:
        setattr(out, key, str_list(raw.get(key), path, where, key))
    out.named = period_names(raw.get("named"), path, where)
    named_only = raw.get("named_only", False)
    if not isinstance(named_only, bool):
        raise fail(path, where, f"`named_only` must be true or false, not {named_only!r}")
    out.named_only = named_only
    return out


def _side(raw: object, path: str, i: int) -> RawSide:
    if not isinstance(raw, Mapping) or not isinstance(raw.get("id"), str):
        raise fail(path, f"sides[{i}]", "each side needs an `id`")
    where = f"side {raw['id']!r}"
    unknown = set(raw) - SIDE_FIELDS
    if unknown:
        raise fail(path, where, f"unknown field(s) {sorted(map(str, unknown))}")
    country = raw.get("country")
    if country is not None and not isinstance(country, str):
        raise fail(path, where, "`country` must be an ISO2 code or null")
    leads, periods = lead_periods(raw.get("leads_battles", False), path, where)
    trails, trail_spans = lead_periods(raw.get("trails_battles", False), path, where, "trails_battles")
    return RawSide(
        id=raw["id"],
        path=path,
        country=country,
        years=years(raw.get("years"), path, where),
        description=str(raw.get("description") or ""),
        opposes=tuple(str_list(raw.get("opposes"), path, where, "opposes")),
        forces=tuple(str_list(raw.get("forces"), path, where, "forces")),
        leads_battles=leads,
        lead_periods=periods,
        fighters=tuple(str_list(raw.get("fighters"), path, where, "fighters")),
        trails_battles=trails,
        trail_periods=trail_spans,
    )


def _framing(raw: object, path: str) -> list[FramingLexeme]:
    if raw is None:
        return []
    if not isinstance(raw, Mapping):
        raise fail(path, "framing", f"must map {', '.join(FRAMING_KINDS)} to lists of {{cue, weight}}")
    out: list[FramingLexeme] = []
    for kind, items in raw.items():
        if kind not in FRAMING_KINDS:
            raise fail(path, f"framing.{kind}", f"unknown cue kind; use one of {', '.join(FRAMING_KINDS)}")
        for j, item in enumerate(items or []):
            where = f"framing.{kind}[{j}]"
            if not isinstance(item, Mapping) or not isinstance(item.get("cue"), str):
                raise fail(path, where, "each cue needs `cue` (text) and `weight` (number)")
            weight = item.get("weight", 1.0)
            if not isinstance(weight, int | float) or isinstance(weight, bool) or not 0 < weight <= 5:
                raise fail(path, where, "`weight` must be a number in (0, 5]")
            out.append(
                FramingLexeme(item["cue"], str(kind), float(weight), bool(item.get("state_only", False)))
            )
    return out


def _templates(raw: object, path: str) -> dict[str, Template]:
    if raw is None:
        return {}
    if not isinstance(raw, Mapping):
        raise fail(path, "templates", "must be a mapping")
    out: dict[str, Template] = {}
    for key, spec in raw.items():
        where = f"templates.{key}"
        if key not in TEMPLATE_KINDS:
            raise fail(path, where, f"unknown template; use one of {', '.join(TEMPLATE_KINDS)}")
        if not isinstance(spec, Mapping) or not isinstance(spec.get("name"), str):
            raise fail(path, where, "needs `name` (with {country}) and `inter`")
        inter = spec.get("inter")
        if not isinstance(inter, int) or not 1 <= inter <= 8:
            raise fail(path, where, "`inter` must be 1-8")
        by_country = spec.get("by_country") or {}
        if not isinstance(by_country, Mapping):
            raise fail(path, where, "`by_country` must map ISO2 codes to names")
        if "{country}" not in spec["name"]:
            raise fail(path, where, "`name` must contain {country}")
        out[str(key)] = Template(spec["name"], inter, {str(k): str(v) for k, v in by_country.items()})
    return out


def _identity_groups(raw: object, path: str) -> list[IdentityGroup]:
    out: list[IdentityGroup] = []
    for i, item in enumerate(raw or []) if isinstance(raw, list) else enumerate([raw] if raw else []):
        if not isinstance(item, Mapping) or not isinstance(item.get("name"), str):
            raise fail(
                path, f"identity_groups[{i}]", "each group needs `name`, `kind`, `aliases`, `countries`"
            )
        where = f"identity group {item['name']!r}"
        kind = item.get("kind")
        if kind not in IDENTITY_KINDS:
            raise fail(path, where, f"`kind` must be one of {', '.join(IDENTITY_KINDS)}")
        countries = str_list(item.get("countries"), path, where, "countries")
        if not countries:
            raise fail(path, where, "`countries` must list at least one ISO2 code")
        aliases = str_list(item.get("aliases"), path, where, "aliases") or [item["name"]]
        units = str_list(item.get("units"), path, where, "units")
        out.append(
            IdentityGroup(
                item["name"], IDENTITY_KINDS[str(kind)], tuple(aliases), tuple(countries), tuple(units)
            )
        )
    return out


def parse_file(data: Mapping[str, object], path: str) -> RawFile:
    """Check one knowledge file's sections field by field and return them typed."""
    raw = RawFile(path)
    actors, sides = data.get("actors") or [], data.get("sides") or []
    if not isinstance(actors, list) or not isinstance(sides, list):
        raise fail(path, "top level", "`actors` and `sides` must be lists")
    raw.entries = [_entry(e, path, i) for i, e in enumerate(actors)]
    raw.sides = [_side(s, path, i) for i, s in enumerate(sides)]
    labels = data.get("labels") or {}
    if not isinstance(labels, Mapping):
        raise fail(path, "labels", "must map label kinds to word lists")
    for kind, words in labels.items():
        if kind not in LABEL_KINDS:
            raise fail(path, f"labels.{kind}", f"unknown label kind; use one of {', '.join(LABEL_KINDS)}")
        raw.labels[str(kind)] = str_list(words, path, f"labels.{kind}", str(kind))
    raw.framing = _framing(data.get("framing"), path)
    raw.titles = str_list(data.get("titles"), path, "titles", "titles")
    raw.templates = _templates(data.get("templates"), path)
    raw.identity_groups = _identity_groups(data.get("identity_groups"), path)
    raw.defaults = parse_defaults(data.get("defaults"), path)
    return raw


def read_file(path: Path) -> RawFile:
    """Read and check a user knowledge file."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise KnowledgeError(f"{path}: cannot read actor file: {exc.strerror}") from exc
    return parse_file(read_yaml(text, str(path)), str(path))
