"""Decide the country a document is about, for the places and actors stages.

A short report (an ACLED note, a wire item) often names no country: its country shows in the actors,
parties and forces it names (document_country) and in its toponyms, many of which have
namesakes abroad ("Tur", "Berlin", "Auckland Park"). Each toponym votes for every country it may be in, its
main reading most, so the country that holds the most of a report's toponyms wins over one big namesake.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass

from polemos.geodesy import distance_km
from polemos.knowledge.actors import ActorKB, AliasMatch
from polemos.knowledge.countries import Countries, Country, load_countries
from polemos.knowledge.gazetteer import Gazetteer, GazetteerEntry, is_trusted_match
from polemos.stages.places import KeptRuns, ToponymRun, toponym_runs

__all__ = ["document_country", "document_focus", "infer_country", "own_country_votes", "toponym_votes"]

_NAMESAKE = 0.6  # a reading other than the most populous one counts this much of its weight
# A country's name counts as a big city; a demonym as a town, as it often names a foreign party ("Egyptian
# warplanes struck Derna"); a plural demonym ("Kenyans") names the country's people, usually the subject
_COUNTRY = 1.5
_NATIONAL = 1.0
_PEOPLE = 1.25
_BIG = 0.5
_TOWN = 1.0  # the weight of a town of 100,000, a city or an admin area (see _weight)
# What sets a toponym as where something happens ("in Zuwara"), not as a word that opens a sentence or
# a name ("Early AM", "Southwest Police"): only such places may outvote a demonym.
_LOCATIVE = re.compile(r"\b(?:[Ii]n|at|near|outside|around|inside|into)\s+(?:the\s+)?\Z")
_SEATS = frozenset({"PPLC", "PPLA"})
# The kind of area a run may end in after its name ("Plateau State", "Helmand Province").
_KINDS = frozenset({"state", "province", "region", "county", "district", "governorate"})


def document_focus(text: str, gazetteer: Gazetteer, kb: ActorKB, year: int | None) -> str | None:
    """ISO2 code of the document's country: its own actors and institutions if one country leads (its
    forces alone only where no toponym of some size lies elsewhere, its armed groups alone only where no
    place the report sets something in lies near it, abroad), else the toponyms' vote with those
    actors' votes and the hints' (its peoples, admin-unit words) added, else None."""
    found = _own_votes(text, kb, load_countries(), year)
    own = _own_lead(found)
    if own is not None and own in found.home and own not in found.roving:
        return own
    runs = KeptRuns(toponym_runs(text, gazetteer))
    if own is not None and _may_lie_in(runs, own):
        return own  # what `_abroad` finds, told by the first toponym that may lie there
    places: dict[str, float] = {}
    lying_in: dict[str, set[str]] = {}
    votes, first = toponym_votes(text, gazetteer, places, lying_in, runs=runs)
    if own is not None and own in found.roving:
        return _raided(own, votes, places, lying_in, _near_home(runs, gazetteer, own))
    if own is not None:
        return _abroad(own, votes, lying_in)
    for code, n in [*own_country_votes(text, kb, load_countries(), year).items(), *_hints(found, places)]:
        votes[code] = votes.get(code, 0.0) + n
        first.setdefault(code, len(text))
    if not votes:
        return None
    best = max(votes, key=lambda c: (votes[c], -first[c]))
    # The one country that holds more of the report's toponyms than any other, two at least, is where
    # it happens, though a namesake's main reading weighs more ("Bassa ... Plateau State": Nigeria's,
    # though Benin has a Plateau province and Italy a Bassa).
    held = {c: len(names) for c, names in lying_in.items()}
    most = max(held.values(), default=0)
    holders = [c for c, n in held.items() if n == most]
    if most >= 2 and len(holders) == 1 and held.get(best, 0) < most:
        best = holders[0]
    return _placed(best, places, lying_in)


def _hints(found: _OwnVotes, places: dict[str, float]) -> list[tuple[str, float]]:
    """The hints' votes, unless the report sets what happens in places ("in", "near") none of which may lie
    in a hinted country: a people named there is where the raiders or refugees come from ("Murle raiders
    attacked a village in Gambella")."""
    if places and not set(places) & set(found.hints):
        return []
    return list(found.hints.items())


def _may_lie_in(runs: Iterable[ToponymRun], code: str) -> bool:
    """Whether a toponym of the report (a town or an area, not a country's name) may lie in `code`: read
    run by run, stopping at the first, as most reports that name a force name a place of its own."""
    for found in runs:
        for mention in found.mentions:
            if mention.entry.feature_code != "PCLI" and any(
                e.country_code == code for e in (mention.entry, *mention.others)
            ):
                return True
    return False


def _abroad(code: str, votes: dict[str, float], lying_in: dict[str, set[str]]) -> str:
    """Where a report that names only one country's forces happens: forces fight abroad too, so where none
    of its toponyms (towns, areas; not country names or demonyms, which often name a victim's nationality)
    may lie in their country, the country that holds the toponyms and leads their vote ("RAF Tornados
    struck the Tajura area" is a Libyan report)."""
    if code in lying_in:
        return code
    held = max(lying_in, key=lambda c: votes.get(c, 0.0), default=code)
    # a village's namesake abroad is too weak a sign against the forces' own country
    return held if votes.get(held, 0.0) >= _TOWN else code


def _raided(
    code: str,
    votes: dict[str, float],
    places: dict[str, float],
    lying_in: dict[str, set[str]],
    near: frozenset[str],
) -> str:
    """Where a report that names only one country's armed groups happens: as `_abroad`, but only a place
    near their home that the report sets something in ("attacked a village in Mandera") moves it abroad:
    armed groups raid across their borders, so a namesake far away ("in Kaya" for a South Sudanese
    rebels' raid) or named in passing ("fighters from Madina") is rather a place of their own country
    the gazetteer lacks."""
    if code in lying_in:
        return code
    reached = [c for c in lying_in if c in places and c in near]
    return max(reached, key=lambda c: votes.get(c, 0.0), default=code)


def _near_home(runs: Iterable[ToponymRun], gazetteer: Gazetteer, code: str) -> frozenset[str]:
    """The countries other than `code` where a toponym of the report may lie within a raid's reach of
    `code` (near one of its provinces' seats)."""
    seats = [(e.latitude, e.longitude) for e in gazetteer.admin1_entries(code)]
    near: set[str] = set()
    for found in runs:
        for mention in found.mentions:
            for e in (mention.entry, *mention.others):
                if e.country_code in near or e.country_code == code or e.feature_code == "PCLI":
                    continue
                if any(distance_km(e.latitude, e.longitude, lat, lon) <= _RAID_KM for lat, lon in seats):
                    near.add(e.country_code)
    return frozenset(near)


def _placed(code: str, places: dict[str, float], lying_in: dict[str, set[str]]) -> str:
    """A country that none of the report's toponyms may lie in (towns, provinces; not its name or its
    demonym) is not where it happens when a place it happens "in", "at" or "near" lies elsewhere: "a
    Turkish tanker was seized in Zuwara" is a Libyan report."""
    if not places or code in lying_in:
        return code
    return max(places, key=lambda c: places[c])


# A state's forces, named by their own entry ("RAF", "Gaddafi forces"), as ACLED names them.
_FORCES = ("Military Forces of", "Police Forces of")
_ARMED_GROUPS = frozenset({2, 3, 4})  # rebels, political and identity militias
# How far from one of its provinces' seats an armed group's raid abroad may lie (Somalia's al-Shabaab in
# Kenya's coastal counties, Boko Haram in Cameroon's Far North)
_RAID_KM = 600.0
# A foreign mission, named after the country it serves ("AMISOM: African Union Mission in Somalia").
_MISSION = " Mission in "


@dataclass(frozen=True)
class _OwnVotes:
    """A report's own-country votes, and the countries voted for by more than their forces' names."""

    votes: dict[str, int]
    home: frozenset[str]
    # home countries named only by their armed groups, which raid and bomb across borders ("al-Shabaab"
    # in a Kenyan county): where none of the report's toponyms may lie there, a place near it may (`_raided`)
    roving: frozenset[str]
    hints: dict[str, float]  # from the hints of state_names.yaml: peoples, admin-unit words, currencies


# The last document's votes: the focus, the document's own country and the actors stage each ask for
# them, for the same text, one after the other.
_last_votes: tuple[tuple[str, ActorKB, Countries, int | None], _OwnVotes] | None = None


def own_country_votes(text: str, kb: ActorKB, countries: Countries, year: int | None) -> dict[str, int]:
    """Votes for the country of a report from what belongs to one country: its domestic actors and
    leaders (2 each), its parties and national bodies (2) and its forces' own names (1: armies also
    fight abroad)."""
    return dict(_own_votes(text, kb, countries, year).votes)  # a copy: callers add their own votes to it


def _own_votes(text: str, kb: ActorKB, countries: Countries, year: int | None) -> _OwnVotes:
    global _last_votes
    last = _last_votes  # one read: another thread may replace it meanwhile
    if last is not None:
        (l_text, l_kb, l_countries, l_year), found = last
        if l_text == text and l_kb is kb and l_countries is countries and l_year == year:
            return found
    found = _count_own_votes(text, kb, countries, year)
    _last_votes = ((text, kb, countries, year), found)
    return found


def _count_own_votes(text: str, kb: ActorKB, countries: Countries, year: int | None) -> _OwnVotes:
    votes: dict[str, int] = {}
    home: set[str] = set()
    settled: set[str] = set()  # home countries named by more than their armed groups

    def vote(code: str, force: bool, armed: bool = False) -> None:
        votes[code] = votes.get(code, 0) + (1 if force else 2)
        if not force:
            home.add(code)
        if not armed:
            settled.add(code)

    taken: list[tuple[int, int]] = []
    peoples: list[str] = []
    for am in kb.scan(text):
        if am.how == "alias" and am.key[:1].islower() and not any(e.is_valid(year) for e in am.candidates):
            continue  # a descriptive alias outside its years describes someone else
        e = am.candidates[0]
        taken.append((am.start, am.end))
        if e.country and e.inter == 4 and len({c.country for c in am.candidates}) > 1:
            # a people of several countries ("Fulani herdsmen") hints at the first it fights in, as a town
            # does, but a force or place of another of them outweighs it
            peoples.append(e.country)
            continue
        if not e.country or (e.inter == 8 and _MISSION not in e.name):
            continue  # a foreign party's country is where it comes from, not where it acts
        # a state's leader speaks for it at home; its forces' names ("RAF") go where they fight, and a
        # mission may be named far from the country it serves ("NATO strikes" in a NATO capital's report)
        force = e.inter == 8 or (e.inter == 1 and am.how != "leader" and e.name.startswith(_FORCES))
        # a description ("rebel", "local police") fits any country's war: it may settle a report that names
        # no place, but a toponym lying elsewhere outweighs it, as it does a force's name
        vote(e.country, force or _descriptive(am), e.inter in _ARMED_GROUPS)
    for m in countries.state_index.find(text):
        if any(s < m.end and m.start < e for s, e in taken):
            continue  # "SPLA" inside an actor's name
        c, how = m.values[0]
        vote(c.iso2, how != "cue")
    # A people or an admin-unit word of one country ("Oromo", "woreda") is named abroad too (refugees, a
    # raid across a border): it votes beside the toponyms, as a town does, not as the report's own actors.
    hints: dict[str, float] = {}
    for code in dict.fromkeys(peoples):
        hints[code] = hints.get(code, 0.0) + _TOWN
    for hint in countries.hint_index.find(text):
        if not any(s < hint.end and hint.start < e for s, e in taken):
            code = hint.values[0].iso2
            hints[code] = hints.get(code, 0.0) + _TOWN
    return _OwnVotes(votes, frozenset(home), frozenset(home - settled), hints)


def infer_country(text: str, kb: ActorKB, countries: Countries, year: int | None) -> Country | None:
    """Guess the conflict country from country words and the countries of the actors named (the actors
    stage's own guess, for a report the pipeline gives no country)."""
    votes = own_country_votes(text, kb, countries, year)
    for m in countries.index.find(text):
        votes[m.values[0][0].iso2] = votes.get(m.values[0][0].iso2, 0) + 1
    best = max(votes, key=lambda k: votes[k], default=None)
    return countries.get(best) if best else None


def _descriptive(am: AliasMatch) -> bool:
    """Whether a match is a descriptive alias, all in lower case ("rebel forces", "local police"), not a
    name ("anti-Gaddafi forces", "Libya Dawn")."""
    return am.how == "alias" and am.key.islower()


def document_country(text: str, kb: ActorKB, year: int | None) -> str | None:
    """ISO2 code of the country a report's own actors, forces and institutions place it in, if one leads.

    For the pipeline's country focus, before the toponyms: named domestic actors, parties and national
    forces tell the country more reliably than place names, which often have namesakes abroad (Sidra,
    Barcelona). Country names and demonyms are left to the toponym vote: they often name a foreign party
    ("Egyptian warplanes struck Derna").
    """
    return _own_lead(_own_votes(text, kb, load_countries(), year))


def _own_lead(found: _OwnVotes) -> str | None:
    ranked = sorted(found.votes.items(), key=lambda kv: -kv[1])
    if not ranked or (len(ranked) > 1 and ranked[0][1] == ranked[1][1]):
        return None
    return ranked[0][0]


def _weight(entry: GazetteerEntry) -> float:
    """A reading's weight: 1.0 for a town of 100,000, less for a village; a city, an admin area, a capital
    or an admin seat adds half, as reports name such places for themselves."""
    # curated and small GeoNames places often carry no population: count them as a town of 10,000
    size = min(math.log10(entry.population) / 5, 1.2) if entry.population > 0 else 0.8
    big = entry.population >= 100_000 or entry.feature_class == "A" or entry.feature_code in _SEATS
    return 0.5 + 0.5 * size + (_BIG if big else 0.0)


def toponym_votes(
    text: str,
    gazetteer: Gazetteer,
    places: dict[str, float] | None = None,
    lying_in: dict[str, set[str]] | None = None,
    *,
    runs: Iterable[ToponymRun] | None = None,
) -> tuple[dict[str, float], dict[str, int]]:
    """Votes per country (ISO2) from the toponyms, country names and demonyms of `text`, and where each
    country was first named. `places`, if given, gets the votes of the places named as where something
    happens ("in Sirte"; no country names or demonyms), and `lying_in` every country a toponym other than a
    country's name may lie in, with the names of those toponyms. `runs`: the text's toponym runs, if read
    already."""
    votes: dict[str, float] = {}
    first: dict[str, int] = {}
    # A toponym named again is the same place: its country is voted for once ("Pick n Pay ... Pick n
    # Pay's CEO" must not outvote "Cape Town" as an Indian village named twice).
    voted: set[tuple[str, str]] = set()

    def vote(code: str, weight: float, at: int, name: str | None = None) -> None:
        if name is not None:
            if (name, code) in voted:
                return
            voted.add((name, code))
        votes[code] = votes.get(code, 0.0) + weight
        first.setdefault(code, at)

    countries = load_countries()
    for found in toponym_runs(text, gazetteer) if runs is None else runs:
        run = found.text
        demonym = gazetteer.country(run) if not run.isupper() else None
        for mention in found.mentions:
            if mention.entry.feature_code == "PCLI":
                vote(mention.entry.country_code, _COUNTRY, mention.start)
                continue
            if lying_in is not None:  # namesakes with no population too: where a place may lie
                name = _held_name(text, run, mention.start, mention.end)
                for e in (mention.entry, *mention.others):
                    names = lying_in.setdefault(e.country_code, set())
                    if name:
                        names.add(name)
            readings = [e for e in (mention.entry, *mention.others) if not _unpeopled(e)]
            if not readings:
                continue
            # A run's words fit a reading, or the name after an "of" that ends it ("Wadajir District of
            # Mogadishu"); a name inside a longer one only loosely ("Dar Al-Ifta", "Hai Kosti").
            said = text[mention.start : mention.end]
            said = said if run.endswith(f" of {said}") else run
            best: dict[str, GazetteerEntry] = {readings[0].country_code: readings[0]}
            for e in readings[1:]:
                held = best.get(e.country_code)
                if is_trusted_match(said, e) and (held is None or e.population > held.population):
                    best[e.country_code] = e
            main = readings[0].country_code  # the resolver's reading (curated entries, feature ranks)
            for code, e in best.items():
                # a reading the name only loosely fits ("Dar Al-Ifta" -> Ifta) counts half
                fit = 1.0 if is_trusted_match(said, e) else 0.5
                weight = fit * _weight(e) * (1.0 if code == main else _NAMESAKE)
                vote(code, weight, mention.start, said.lower())
                if places is not None and fit == 1.0 and _is_setting(text, mention.start):
                    places[code] = places.get(code, 0.0) + weight
        if demonym is not None and not gazetteer.lookup(run):
            people = (c := countries.get(demonym.country_code)) is not None and c.is_plural_demonym(run)
            vote(demonym.country_code, _PEOPLE if people else _NATIONAL, found.start)
        elif found.words > 1 and not found.mentions:
            # "Libyan National Army", "Malian Armed Forces": a demonym opening a name that is no place
            head = run.split()[0]
            named = gazetteer.country(head) if not head.isupper() else None
            if named is not None and named.feature_code == "PCLI" and not gazetteer.lookup(head):
                vote(named.country_code, _NATIONAL, found.start)
    return votes, first


def _held_name(text: str, run: str, start: int, end: int) -> str | None:
    """The name a toponym counts as, for the countries that hold several of a report's toponyms: a whole
    run, the name after an "of" that ends it, or one before its kind ("Plateau State"); not a part of a
    longer name ("Hay" of "Hay Dollar") nor a word that opens a sentence ("Early morning NATO raids"),
    which match namesakes too easily."""
    said = text[start:end]
    kind = run[len(said) :].strip().lower() if run.startswith(said) else None
    if said != run and not run.endswith(f" of {said}") and kind not in _KINDS:
        return None
    before = text[max(0, start - 3) : start].rstrip()
    if not before or before[-1] in '.!?:;\n"':
        return None
    return said.lower()


def _is_setting(text: str, start: int) -> bool:
    """Whether the words before `start` name a place as where something happens ("in", "near")."""
    return _LOCATIVE.search(text, max(0, start - 30), start) is not None


def _unpeopled(entry: GazetteerEntry) -> bool:
    """A GeoNames place with no recorded population: often a stray or abandoned namesake (a Chinese
    "Beida" beside Libya's Al Bayda), too doubtful to vote; curated entries carry none and do vote."""
    return entry.geonames_id is not None and entry.population == 0 and entry.feature_class == "P"
