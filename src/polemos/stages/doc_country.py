"""Decide the country a document is about, for the places and actors stages.

A short report (an ACLED note, a wire item) often names no country: its country shows in the actors,
parties and forces it names (document_country) and in its toponyms, many of which have
namesakes abroad ("Tur", "Berlin", "Auckland Park"). Each toponym votes for every country it may be in, its
main reading most (place_votes), so the country that holds the most of a report's toponyms wins over one
big namesake.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from polemos.geodesy import distance_km
from polemos.knowledge.actors import ActorKB, AliasMatch
from polemos.knowledge.countries import Countries, Country, load_countries
from polemos.knowledge.gazetteer import Gazetteer
from polemos.stages.place_respelt_country import respelt_country
from polemos.stages.place_votes import TOWN, is_big, names_foreigners, toponym_votes
from polemos.stages.places import KeptRuns, ToponymRun, toponym_runs
from polemos.stages.strike_country import flies, striker_demonyms, tells_strike

__all__ = [
    "document_country",
    "document_focus",
    "foreigners_country",
    "infer_country",
    "own_country_votes",
    "toponym_votes",
]


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
    foreign: dict[str, float] = {}
    votes, first = toponym_votes(text, gazetteer, places, lying_in, runs=runs, foreign=foreign)
    if own is not None and own in found.roving:
        return _raided(own, votes, places, lying_in, _near_home(runs, gazetteer, own))
    strikers = _strikers(text, found)
    if own is not None:
        where = _abroad(own, votes, lying_in)
        if where != own or own not in strikers:
            return where
        # a force that strikes from the air or the sea, named with no place of its own country: the struck
        # side's country, if the report tells one, else none (strike_country)
        struck = {c: n for c, n in votes.items() if c not in strikers and n > foreign.get(c, 0.0) + 1e-9}
        return max(struck, key=lambda c: (struck[c], -first[c])) if struck else None
    hints = _hints(found, places, runs, gazetteer)
    for code, n in [*own_country_votes(text, kb, load_countries(), year).items(), *hints.items()]:
        votes[code] = votes.get(code, 0.0) + n
        first.setdefault(code, len(text))
    # The nationality of foreigners ("a Swedish national", "Chinese workers") names where they come from:
    # such people are named where they are abroad, so it weighs with a place, but alone tells no country.
    votes = {c: n for c, n in votes.items() if n > foreign.get(c, 0.0) + 1e-9}
    # as a striking force's own nationality ("French jets struck ...", strike_country), unless a toponym of
    # the report may lie there
    votes = {c: n for c, n in votes.items() if c not in strikers or c in lying_in}
    if not votes:
        # nothing known by its exact name: a town respelt ("Shashamene" for Shashamane) may tell it
        return respelt_country(text, runs, gazetteer)
    best = max(votes, key=lambda c: (votes[c], -first[c]))
    if best in hints and best not in lying_in:
        return best  # a hint kept against the places abroad: they are namesakes (`_hints`)
    # The one country that holds more of the report's toponyms than any other, two at least, is where
    # it happens, though a namesake's main reading weighs more ("Bassa ... Plateau State": Nigeria's,
    # though Benin has a Plateau province and Italy a Bassa).
    held = {c: len(names) for c, names in lying_in.items()}
    most = max(held.values(), default=0)
    holders = [c for c, n in held.items() if n == most]
    if most >= 2 and len(holders) == 1 and held.get(best, 0) < most:
        best = holders[0]
    return _placed(best, places, lying_in)


def _strikers(text: str, found: _OwnVotes) -> frozenset[str]:
    """The countries of the forces that fly a report's strikes, named by an air arm's or a navy's name
    ("RAF", "LNA jets") or by a demonym on the striking force ("British submarines"), but for those the
    report names at home (a party, a domestic group: "Nigerian jets bombed Boko Haram")."""
    if not tells_strike(text):
        return frozenset()
    return frozenset((found.air_arms | striker_demonyms(text, load_countries())) - found.home)


def _hints(
    found: _OwnVotes, places: dict[str, float], runs: Iterable[ToponymRun], gazetteer: Gazetteer
) -> dict[str, float]:
    """The hints' votes, unless the report sets what happens in places ("in", "near") none of which may lie
    in a hinted country, and one of those may be where its raiders or refugees went: a place near it
    ("Murle raiders attacked a village in Gambella") or a city abroad ("Oromo refugees in Nairobi"). A
    village far away ("Oromo farmers beaten in Tur", a Romanian village) is rather a namesake of a place
    of the hinted country the gazetteer lacks, as few African villages have a population on record."""
    if not places or set(places) & set(found.hints):
        return dict(found.hints)
    runs = list(runs)
    big = _big_places(runs, places)
    return {
        code: n
        for code, n in found.hints.items()
        if not (big or set(places) & _near_home(runs, gazetteer, code))
    }


def _big_places(runs: Iterable[ToponymRun], places: dict[str, float]) -> frozenset[str]:
    """The countries of `places` where a toponym of the report may be a city of 100,000, an admin area or a
    seat: places a report names for themselves, where a namesake is less likely."""
    return frozenset(
        e.country_code
        for found in runs
        for mention in found.mentions
        for e in (mention.entry, *mention.others)
        if e.country_code in places and e.feature_code != "PCLI" and is_big(e)
    )


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
    return held if votes.get(held, 0.0) >= TOWN else code


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
    the gazetteer lacks. Two toponyms that both may lie in one country near home move it there too, set
    there or not ("a bus was ambushed on the Garissa-Mombasa road")."""
    if code in lying_in:
        return code
    reached = [c for c in lying_in if c in near and (c in places or len(lying_in[c]) >= 2)]
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
_ARMY = "Military Forces of"
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
    # countries voted for by the names of their air arms and navies ("RAF", "LNA jets": strike_country.flies)
    air_arms: frozenset[str] = frozenset()


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
    air_arms: set[str] = set()

    def vote(code: str, force: bool, armed: bool = False, flying: bool = False) -> None:
        votes[code] = votes.get(code, 0) + (1 if force else 2)
        if flying:
            air_arms.add(code)
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
        if e.inter == 8 and len({c.country for c in am.candidates if c.is_valid(year) and c.country}) > 1:
            continue  # "peacekeepers" describe the mission of whichever country the report is from
        # a state's leader speaks for it at home; its forces' names ("RAF") go where they fight, and a
        # mission may be named far from the country it serves ("NATO strikes" in a NATO capital's report)
        force = e.inter == 8 or (e.inter == 1 and am.how != "leader" and e.name.startswith(_FORCES))
        # a description ("rebel", "local police") fits any country's war: it may settle a report that names
        # no place, but a toponym lying elsewhere outweighs it, as it does a force's name
        flying = e.inter == 1 and e.name.startswith(_ARMY) and flies(text, am.start, am.end)
        vote(e.country, force or _descriptive(am), e.inter in _ARMED_GROUPS, flying and force)
    for m in countries.state_index.find(text):
        if any(s < m.end and m.start < e for s, e in taken):
            continue  # "SPLA" inside an actor's name
        c, how = m.values[0]
        vote(c.iso2, how != "cue", flying=how == "military" and flies(text, m.start, m.end))
    # A people or an admin-unit word of one country ("Oromo", "woreda") is named abroad too (refugees, a
    # raid across a border): it votes beside the toponyms, as a town does, not as the report's own actors.
    hints: dict[str, float] = {}
    for code in dict.fromkeys(peoples):
        hints[code] = hints.get(code, 0.0) + TOWN
    for hint in countries.hint_index.find(text):
        if not any(s < hint.end and hint.start < e for s, e in taken):
            code = hint.values[0].iso2
            hints[code] = hints.get(code, 0.0) + TOWN
    return _OwnVotes(votes, frozenset(home), frozenset(home - settled), hints, frozenset(air_arms))


def infer_country(text: str, kb: ActorKB, countries: Countries, year: int | None) -> Country | None:
    """Guess the conflict country from country words and the countries of the actors named (the actors
    stage's own guess, for a report the pipeline gives no country)."""
    votes = own_country_votes(text, kb, countries, year)
    for m in countries.index.find(text):
        if not names_foreigners(text, m.start, m.end):  # their nationality, not where it happens
            votes[m.values[0][0].iso2] = votes.get(m.values[0][0].iso2, 0) + 1
    best = max(votes, key=lambda k: votes[k], default=None)
    return countries.get(best) if best else None


def foreigners_country(text: str, countries: Countries) -> Country | None:
    """The country of the foreigners a report names by their nationality ("three Somali nationals", "an
    Egyptian worker", "migrants from Niger"), if they are of one country: victims so named keep it
    ("Civilians (Somalia)" in a Libyan report), though it is not where the report happens."""
    found = {
        m.values[0][0].iso2: m.values[0][0]
        for m in countries.index.find(text)
        if names_foreigners(text, m.start, m.end)
    }
    return next(iter(found.values())) if len(found) == 1 else None


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
