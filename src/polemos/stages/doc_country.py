"""Decide the country a document is about, for the places and actors stages.

A short report (an ACLED note, a wire item) often names no country: its country shows in the actors,
parties and forces it names (document_country) and in its toponyms, many of which have
namesakes abroad ("Tur", "Berlin", "Auckland Park"). Each toponym votes for every country it may be in, its
main reading most, so the country that holds the most of a report's toponyms wins over one big namesake.
"""

from __future__ import annotations

import math

from polemos.knowledge.actors import ActorKB
from polemos.knowledge.countries import Countries, load_countries
from polemos.knowledge.gazetteer import Gazetteer, GazetteerEntry, is_trusted_match
from polemos.stages.places import toponym_runs

__all__ = ["document_country", "document_focus", "own_country_votes", "toponym_votes"]

_NAMESAKE = 0.6  # a reading other than the most populous one counts this much of its weight
# A country's name counts as a big city; a demonym as a town, as it often names a foreign party ("Egyptian
# warplanes struck Derna"); a plural demonym ("Kenyans") names the country's people, usually the subject
_COUNTRY = 1.5
_NATIONAL = 1.0
_PEOPLE = 1.25
_BIG = 0.5
_SEATS = frozenset({"PPLC", "PPLA"})


def document_focus(text: str, gazetteer: Gazetteer, kb: ActorKB, year: int | None) -> str | None:
    """ISO2 code of the document's country: its own actors and institutions if one country leads, else the
    toponyms' vote with those actors' votes added, else None."""
    own = document_country(text, kb, year)
    if own is not None:
        return own
    votes, first = toponym_votes(text, gazetteer)
    for code, n in own_country_votes(text, kb, load_countries(), year).items():
        votes[code] = votes.get(code, 0.0) + n
        first.setdefault(code, len(text))
    if not votes:
        return None
    return max(votes, key=lambda c: (votes[c], -first[c]))


# The last document's votes: the focus, the document's own country and the actors stage each ask for
# them, for the same text, one after the other.
_last_votes: tuple[tuple[str, ActorKB, Countries, int | None], dict[str, int]] | None = None


def own_country_votes(text: str, kb: ActorKB, countries: Countries, year: int | None) -> dict[str, int]:
    """Votes for the country of a report from what belongs to one country: its domestic actors (2 each),
    its parties and national bodies (2) and its forces' own names (1: armies also fight abroad)."""
    global _last_votes
    last = _last_votes  # one read: another thread may replace it meanwhile
    if last is not None:
        (l_text, l_kb, l_countries, l_year), votes = last
        if l_text == text and l_kb is kb and l_countries is countries and l_year == year:
            return dict(votes)  # a copy: callers add their own votes to it
    votes = _count_own_votes(text, kb, countries, year)
    _last_votes = ((text, kb, countries, year), votes)
    return dict(votes)


def _count_own_votes(text: str, kb: ActorKB, countries: Countries, year: int | None) -> dict[str, int]:
    votes: dict[str, int] = {}
    taken: list[tuple[int, int]] = []
    for am in kb.scan(text):
        if am.how == "alias" and am.key[:1].islower() and not any(e.is_valid(year) for e in am.candidates):
            continue  # a descriptive alias outside its years describes someone else
        e = am.candidates[0]
        taken.append((am.start, am.end))
        if e.country and e.inter != 8:
            votes[e.country] = votes.get(e.country, 0) + 2
    for m in countries.state_index.find(text):
        if any(s < m.end and m.start < e for s, e in taken):
            continue  # "SPLA" inside an actor's name
        c, how = m.values[0]
        votes[c.iso2] = votes.get(c.iso2, 0) + (2 if how == "cue" else 1)
    return votes


def document_country(text: str, kb: ActorKB, year: int | None) -> str | None:
    """ISO2 code of the country a report's own actors, forces and institutions place it in, if one leads.

    For the pipeline's country focus, before the toponyms: named domestic actors, parties and national
    forces tell the country more reliably than place names, which often have namesakes abroad (Sidra,
    Barcelona). Country names and demonyms are left to the toponym vote: they often name a foreign party
    ("Egyptian warplanes struck Derna").
    """
    votes = own_country_votes(text, kb, load_countries(), year)
    ranked = sorted(votes.items(), key=lambda kv: -kv[1])
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


def toponym_votes(text: str, gazetteer: Gazetteer) -> tuple[dict[str, float], dict[str, int]]:
    """Votes per country (ISO2) from the toponyms, country names and demonyms of `text`, and where each
    country was first named."""
    votes: dict[str, float] = {}
    first: dict[str, int] = {}

    def vote(code: str, weight: float, at: int) -> None:
        votes[code] = votes.get(code, 0.0) + weight
        first.setdefault(code, at)

    countries = load_countries()
    for found in toponym_runs(text, gazetteer):
        run = found.text
        demonym = gazetteer.country(run) if not run.isupper() else None
        for mention in found.mentions:
            if mention.entry.feature_code == "PCLI":
                vote(mention.entry.country_code, _COUNTRY, mention.start)
                continue
            readings = [e for e in (mention.entry, *mention.others) if not _unpeopled(e)]
            if not readings:
                continue
            best: dict[str, GazetteerEntry] = {readings[0].country_code: readings[0]}
            for e in readings[1:]:
                held = best.get(e.country_code)
                if is_trusted_match(run, e) and (held is None or e.population > held.population):
                    best[e.country_code] = e
            main = readings[0].country_code  # the resolver's reading (curated entries, feature ranks)
            for code, e in best.items():
                # a reading the name only loosely fits ("Dar Al-Ifta" -> Ifta) counts half
                fit = 1.0 if is_trusted_match(run, e) else 0.5
                vote(code, fit * _weight(e) * (1.0 if code == main else _NAMESAKE), mention.start)
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


def _unpeopled(entry: GazetteerEntry) -> bool:
    """A GeoNames place with no recorded population: often a stray or abandoned namesake (a Chinese
    "Beida" beside Libya's Al Bayda), too doubtful to vote; curated entries carry none and do vote."""
    return entry.geonames_id is not None and entry.population == 0 and entry.feature_class == "P"
