"""The country a text's toponyms alone point to: country names, demonyms and the places they name, each
ambiguous name read as its namesake in a country the clear names point to.

The coder decides a report's country with its actors as well (stages/doc_country.py); this toponym-only
focus serves callers that have no actor knowledge base, and tests of the places stage.
"""

from __future__ import annotations

from polemos.knowledge.gazetteer import Gazetteer, is_trusted_match
from polemos.stages.place_context import Mention
from polemos.stages.place_votes import FOREIGNERS, names_foreigners
from polemos.stages.places import toponym_runs

__all__ = ["country_focus"]


def country_focus(text: str, gazetteer: Gazetteer) -> str | None:
    """ISO2 code of the country a document is mostly about (country names, demonyms like 'Libyan'/'Afghan',
    and unambiguous toponyms), or None."""
    votes: dict[str, float] = {}
    first_seen: dict[str, int] = {}
    ambiguous: list[tuple[Mention, set[str]]] = []

    def vote(code: str, weight: float, at: int) -> None:
        votes[code] = votes.get(code, 0.0) + weight
        first_seen.setdefault(code, at)

    for run in toponym_runs(text, gazetteer):
        demonym = gazetteer.country(run.text) if run.words == 1 and not run.text.isupper() else None
        for mention in run.mentions:
            trusted = [e for e in [mention.entry, *mention.others] if is_trusted_match(run.text, e)]
            countries = {e.country_code for e in trusted}
            # A namesake five times bigger than any other is what an unqualified name means ("Tripoli").
            dwarfs = all(
                mention.entry.population >= 5 * e.population
                for e in trusted
                if e.country_code != mention.entry.country_code
            )
            if mention.entry.feature_code == "PCLI" or len(countries) == 1 or (trusted and dwarfs):
                # A city reports name for itself outweighs a small namesake ("Highfields, Harare").
                vote(
                    mention.entry.country_code,
                    1.5 if mention.entry.population >= 100_000 else 1.0,
                    mention.start,
                )
            else:
                ambiguous.append((mention, countries))
        if demonym is not None and not gazetteer.lookup(run.text):
            # "Somali nationals" in a township: their nationality counts less than an ambiguous place
            foreign = names_foreigners(text, run.start, run.start + len(run.text))
            vote(demonym.country_code, FOREIGNERS if foreign else 1.0, run.start)
    # An ambiguous name reads as the namesake in a country the clear names point to ("Tur ... El
    # Fasher": Sudan's Tur); else as its most populous namesake, at half a vote.
    settled = set(votes)
    for mention, countries in ambiguous:
        agreeing = sorted(countries & settled, key=lambda c: -votes[c])
        vote(agreeing[0] if agreeing else mention.entry.country_code, 0.5, mention.start)
    if not votes:
        return None
    best = max(votes, key=lambda code: (votes[code], -first_seen[code]))
    # One ambiguous toponym (half a vote) still decides a short report such as an ACLED note; the
    # resolver picks the same most-populous reading without a focus anyway; so does a victims' demonym alone.
    return best if votes[best] >= min(0.5, FOREIGNERS) else None
