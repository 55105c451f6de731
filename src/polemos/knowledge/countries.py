"""Load the country table (ACLED spellings, ISO codes, demonyms, regime periods) and name state forces.

Used by the actors stage to turn "the army", "Afghan police" or "Turkey" into ACLED's state-force names,
and by any stage that needs a country from a name, an ISO code or a demonym.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Literal

import yaml

from polemos.errors import KnowledgeError
from polemos.knowledge.phrases import PhraseIndex, fold

ForceKind = Literal["military", "police"]
_KINDS: frozenset[str] = frozenset({"military", "police"})
_FILE = "countries.yaml"
_FIELDS = frozenset({"name", "iso2", "iso3", "state_name", "demonyms", "aliases", "regimes"})
_REGIME_FIELDS = frozenset({"start", "end", "label", "kinds"})
_REGIME_FILE = "regimes.yaml"
_NAMES_FILE = "state_names.yaml"
_NAME_LISTS = frozenset({"military", "police", "cues", "hints"})
# With only a year known, the regime standing at mid-year names the year's events.
_MID_YEAR = 7


@dataclass(frozen=True)
class Regime:
    """A period ACLED names a country's state forces by, e.g. Libya 2014- or Nigeria 2015-2023."""

    start: int
    end: int | None
    label: str | None = None
    kinds: frozenset[str] = _KINDS
    start_month: int | None = None  # None: the year is all regimes.yaml/countries.yaml knows
    end_month: int | None = None

    def covers(self, year: int, month: int | None = None) -> bool:
        """Return whether the regime stood in `year` (in `month` of it, when given).

        A period known to the month stands from its first month up to, not including, its last one (the
        successor took office during it); a period known by years only covers the whole of both years.
        """
        if self.start_month is None and (self.end is None or self.end_month is None):
            return self.start <= year and (self.end is None or year <= self.end)
        at = (year, month or _MID_YEAR)
        if at < (self.start, self.start_month or 1):
            return False
        return self.end is None or at < (self.end, self.end_month or 13)

    def years(self, as_of: int | None) -> str:
        """Return the years as written in the name by an export made in `as_of` (None: today)."""
        if self.label:
            return self.label
        if self.end is None or (as_of is not None and as_of <= self.end):
            return f"{self.start}-"
        return f"{self.start}-{self.end}"


@dataclass(frozen=True)
class Country:
    """One country as ACLED names it, with the words a report may use for it and its people."""

    name: str
    iso2: str
    iso3: str
    state_name: str
    demonyms: tuple[str, ...]
    aliases: tuple[str, ...]
    regimes: tuple[Regime, ...] = ()
    # From state_names.yaml: names of its own forces, and names that place a report in it (parties, bodies)
    military_names: tuple[str, ...] = ()
    police_names: tuple[str, ...] = ()
    cues: tuple[str, ...] = ()
    # Words tied to it that reports from abroad use too (its peoples, admin-unit words, currency)
    hints: tuple[str, ...] = ()

    def regime(
        self, year: int | None, kind: ForceKind = "military", month: int | None = None
    ) -> Regime | None:
        """Return the regime of `kind` standing in `year`/`month` (the latest when `year` is None)."""
        usable = [r for r in self.regimes if kind in r.kinds]
        if year is None:
            return usable[-1] if usable else None
        return next((r for r in usable if r.covers(year, month)), None)

    def is_plural_demonym(self, word: str) -> bool:
        """Return whether `word` names the people in the plural ("Libyans", not "Libyan")."""
        folded = {fold(d) for d in self.demonyms}
        return fold(word) in folded and fold(word).endswith("s") and fold(word)[:-1] in folded


class Countries:
    """The country table, looked up by name, ISO code, alias or demonym."""

    def __init__(self, countries: Sequence[Country]) -> None:
        self._all = tuple(countries)
        self._by_key: dict[str, Country] = {}
        self._index: PhraseIndex[tuple[Country, str]] = PhraseIndex()
        self._state_index: PhraseIndex[tuple[Country, str]] = PhraseIndex()
        self._hint_index: PhraseIndex[Country] = PhraseIndex()
        for c in self._all:
            for key in (c.iso2, c.iso3):
                self._by_key.setdefault(key.upper(), c)
            for phrase, how in [(c.name, "name"), *((a, "alias") for a in c.aliases)]:
                self._by_key.setdefault(fold(phrase), c)
                self._index.add(phrase, (c, how), case_sensitive=_is_capitals(phrase))
            for d in c.demonyms:
                self._by_key.setdefault(fold(d), c)
                self._index.add(d, (c, "demonym"))
            for names, how in [(c.military_names, "military"), (c.police_names, "police"), (c.cues, "cue")]:
                for phrase in names:
                    self._state_index.add(phrase, (c, how), case_sensitive=_is_capitals(phrase))
            for phrase in c.hints:
                self._hint_index.add(phrase, c, case_sensitive=_is_capitals(phrase))

    def __iter__(self) -> Iterator[Country]:
        return iter(self._all)

    def __len__(self) -> int:
        return len(self._all)

    def get(self, key: str) -> Country | None:
        """Return the country named, coded (ISO2/ISO3), aliased or demonymed by `key`, or None."""
        key = key.strip()
        if key.upper() in self._by_key and len(key) in (2, 3) and key.isupper():
            return self._by_key[key.upper()]
        return self._by_key.get(fold(key)) or self._by_key.get(fold(key.removeprefix("the ")))

    @property
    def index(self) -> PhraseIndex[tuple[Country, str]]:
        """Phrase index of every name, alias and demonym; values are (country, "name"|"alias"|"demonym")."""
        return self._index

    @property
    def state_index(self) -> PhraseIndex[tuple[Country, str]]:
        """Phrase index of state_names.yaml; values are (country, "military"|"police"|"cue")."""
        return self._state_index

    @property
    def hint_index(self) -> PhraseIndex[Country]:
        """Phrase index of the hints of state_names.yaml (peoples, admin-unit words), apart from
        `state_index`, whose names the actors stage labels as forces."""
        return self._hint_index


def _is_capitals(phrase: str) -> bool:
    letters = [c for c in phrase if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _fail(where: str, msg: str) -> KnowledgeError:
    return KnowledgeError(f"{_FILE}: {where}: {msg}. Fix the entry (see the layout at the top of {_FILE}).")


def _str_list(raw: object, where: str, field: str) -> tuple[str, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list) or not all(isinstance(x, str) and x.strip() for x in raw):
        raise _fail(where, f"`{field}` must be a list of non-empty strings")
    return tuple(x.strip() for x in raw)


def _year(raw: object, where: str, field: str, *, optional: bool) -> int | None:
    if raw is None and optional:
        return None
    if not isinstance(raw, int) or isinstance(raw, bool) or not 1800 <= raw <= 2200:
        raise _fail(where, f"`{field}` must be a year" + (" or null" if optional else ""))
    return raw


def _year_month(raw: object, where: str, field: str, *, optional: bool) -> tuple[int | None, int | None]:
    """Read a year (2015) or a year and month ("2015-05") of a regime's start or end."""
    if isinstance(raw, str):
        year, sep, month = raw.partition("-")
        if sep and year.isdigit() and month.isdigit() and 1 <= int(month) <= 12:
            return _year(int(year), where, field, optional=False), int(month)
        raise _fail(where, f'`{field}` must be a year or "YYYY-MM"')
    return _year(raw, where, field, optional=optional), None


def _regime(raw: object, where: str) -> Regime:
    if not isinstance(raw, Mapping):
        raise _fail(where, "each regime must be a mapping with `start` and `end`")
    unknown = set(raw) - _REGIME_FIELDS
    if unknown:
        raise _fail(where, f"unknown regime field(s) {sorted(unknown)}")
    start, start_month = _year_month(raw.get("start"), where, "start", optional=False)
    end, end_month = _year_month(raw.get("end"), where, "end", optional=True)
    assert start is not None
    if end is not None and (end, end_month or 12) < (start, start_month or 1):
        raise _fail(where, f"regime ends ({end}) before it starts ({start})")
    label = raw.get("label")
    if label is not None and not isinstance(label, str):
        raise _fail(where, "`label` must be text such as '2014-'")
    kinds = frozenset(_str_list(raw.get("kinds"), where, "kinds")) or _KINDS
    if not kinds <= _KINDS:
        raise _fail(where, f"`kinds` may hold only {sorted(_KINDS)}")
    return Regime(start, end, label, kinds, start_month, end_month)


def parse_regimes(data: object) -> dict[str, tuple[Regime, ...]]:
    """Check the regime table's content and return each country's periods, oldest first."""
    table = data.get("regimes") if isinstance(data, Mapping) else None
    if not isinstance(table, Mapping):
        raise KnowledgeError(f"{_REGIME_FILE}: expected a mapping with a `regimes` mapping")
    out: dict[str, tuple[Regime, ...]] = {}
    for country, rows in table.items():
        where = f"{_REGIME_FILE}: country {country!r}"
        if not isinstance(country, str) or not isinstance(rows, list) or not rows:
            raise KnowledgeError(f"{where}: expected a country name and a non-empty list of periods")
        out[country] = tuple(_regime(r, where) for r in rows)
    return out


def with_regimes(countries: Sequence[Country], regimes: Mapping[str, tuple[Regime, ...]]) -> list[Country]:
    """Give each country the regime-table periods listed for it (they replace those of countries.yaml)."""
    names = {c.name for c in countries}
    unknown = sorted(set(regimes) - names)
    if unknown:
        raise KnowledgeError(f"{_REGIME_FILE}: not a country of {_FILE}: {unknown}")
    return [dataclasses.replace(c, regimes=regimes[c.name]) if c.name in regimes else c for c in countries]


def parse_countries(data: object) -> list[Country]:
    """Check the country table's content and return its countries."""
    rows = data.get("countries") if isinstance(data, Mapping) else None
    if not isinstance(rows, list):
        raise KnowledgeError(f"{_FILE}: expected a mapping with a `countries` list")
    out: list[Country] = []
    for i, row in enumerate(rows):
        where = f"countries[{i}]"
        if not isinstance(row, Mapping):
            raise _fail(where, "each country must be a mapping")
        where = f"country {row.get('name')!r}"
        unknown = set(row) - _FIELDS
        if unknown:
            raise _fail(where, f"unknown field(s) {sorted(unknown)}")
        name, iso2, iso3 = row.get("name"), row.get("iso2"), row.get("iso3")
        if not isinstance(name, str) or not name.strip():
            raise _fail(where, "`name` is required")
        if not (isinstance(iso2, str) and len(iso2) == 2 and iso2.isupper()):
            raise _fail(where, "`iso2` must be two capital letters")
        if not (isinstance(iso3, str) and len(iso3) == 3 and iso3.isupper()):
            raise _fail(where, "`iso3` must be three capital letters")
        state_name = row.get("state_name", name)
        if not isinstance(state_name, str):
            raise _fail(where, "`state_name` must be text")
        regimes_raw = row.get("regimes") or []
        if not isinstance(regimes_raw, list):
            raise _fail(where, "`regimes` must be a list")
        out.append(
            Country(
                name=name.strip(),
                iso2=iso2,
                iso3=iso3,
                state_name=state_name,
                demonyms=_str_list(row.get("demonyms"), where, "demonyms"),
                aliases=_str_list(row.get("aliases"), where, "aliases"),
                regimes=tuple(_regime(r, where) for r in regimes_raw),
            )
        )
    return out


def parse_state_names(data: object) -> dict[str, dict[str, tuple[str, ...]]]:
    """Check the state-names table's content and return each country's lists."""
    table = data.get("state_names") if isinstance(data, Mapping) else None
    if not isinstance(table, Mapping):
        raise KnowledgeError(f"{_NAMES_FILE}: expected a mapping with a `state_names` mapping")
    out: dict[str, dict[str, tuple[str, ...]]] = {}
    for country, lists in table.items():
        where = f"country {country!r}"
        if not isinstance(country, str) or not isinstance(lists, Mapping):
            raise KnowledgeError(f"{_NAMES_FILE}: {where}: expected a country name and a mapping")
        unknown = set(lists) - _NAME_LISTS
        if unknown:
            raise KnowledgeError(f"{_NAMES_FILE}: {where}: unknown list(s) {sorted(unknown)}")
        out[country] = {k: _str_list(v, where, k) for k, v in lists.items()}
    return out


def with_state_names(
    countries: Sequence[Country], names: Mapping[str, Mapping[str, tuple[str, ...]]]
) -> list[Country]:
    """Give each country the force names and cues state_names.yaml lists for it."""
    unknown = sorted(set(names) - {c.name for c in countries})
    if unknown:
        raise KnowledgeError(f"{_NAMES_FILE}: not a country of {_FILE}: {unknown}")
    return [
        dataclasses.replace(
            c,
            military_names=names[c.name].get("military", ()),
            police_names=names[c.name].get("police", ()),
            cues=names[c.name].get("cues", ()),
            hints=names[c.name].get("hints", ()),
        )
        if c.name in names
        else c
        for c in countries
    ]


def _read(name: str) -> object:
    ref = resources.files("polemos.knowledge").joinpath(f"data/{name}")
    try:
        return yaml.load(
            ref.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        )
    except yaml.YAMLError as exc:
        raise KnowledgeError(f"{name}: not valid YAML: {exc}") from exc


@functools.cache
def load_countries() -> Countries:
    """Return the packaged country table with its regimes and state names (read and checked once)."""
    countries = with_regimes(parse_countries(_read(_FILE)), parse_regimes(_read(_REGIME_FILE)))
    return Countries(with_state_names(countries, parse_state_names(_read(_NAMES_FILE))))


def state_forces_name(
    country: str,
    year: int | None,
    kind: ForceKind = "military",
    *,
    as_of: int | None = None,
    month: int | None = None,
) -> str:
    """Return ACLED's name for a country's military or police forces in `year`.

    `country` may be a name, an ISO code, an alias or a demonym. The regime years are written as ACLED
    wrote them in an export made in `as_of` (default: the event's own year), so a 2020 Afghan event reads
    "Military Forces of Afghanistan (2014-)" and the same event exported in 2024 "(2014-2021)". Unknown
    countries and countries without known regimes get no years. `month` picks between two regimes of one
    year (without it, the one standing at mid-year).
    """
    prefix = "Military Forces of" if kind == "military" else "Police Forces of"
    found = load_countries().get(country)
    if found is None:
        return f"{prefix} {country.strip()}"
    regime = found.regime(year, kind, month)
    if regime is None:
        return f"{prefix} {found.state_name}"
    return f"{prefix} {found.state_name} ({regime.years(as_of if as_of is not None else year)})"
