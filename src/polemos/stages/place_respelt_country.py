"""The country of a report that names nothing the gazetteer knows exactly, from its toponyms' respellings.

A short report often names one town and nothing else that tells its country ("Residents of Medjez El
Beb protested", "People rallied in Shashamene"), and names it in a spelling the gazetteer lacks (Medjez
el Bab, Shashamane). The places stage reads such a name by its consonant skeleton (`gazetteer_loose`)
only among the focus country's places, so with no focus the report got no country at all. Read among
every country's places, a skeleton names many places, so a respelling decides only when it is close
(`_LIKENESS`) and names a town of some size (villages share skeletons far more often), and where every
respelling of the report's unknown names, the looser ones too, lies in that one country. Only a report
that nothing else places asks (doc_country): a name that opens a sentence, a title or a body's name is
no toponym to respell.
"""

from __future__ import annotations

from collections.abc import Iterable

from polemos.knowledge.gazetteer import Gazetteer, GazetteerEntry, normalise_name
from polemos.knowledge.gazetteer_loose import loose_lookup_anywhere
from polemos.stages.place_words import place_words
from polemos.stages.places import ToponymRun

__all__ = ["respelt_country"]

# Closer than the focus-country look-up's 0.7 (`_LOOSE`): among all countries a skeleton has many
# namesakes ("Teborsouk"/"Tebursuk" 0.88, "Zongho"/"Zongo" 0.91); one of them decides only where no
# other country holds a looser one ("Zongho": Zango in Nigeria and Angola at 0.73).
_LIKENESS = 0.85
_LOOSE = 0.7
_TOWN = 10_000  # the least population of a respelt place that may tell a report's country
_MIN_NAME = 5  # as the places stage's respelling (`place_respell.may_respell`)


def respelt_country(text: str, runs: Iterable[ToponymRun], gazetteer: Gazetteer) -> str | None:
    """ISO2 code of the one country where every respelling of the report's unknown names lies, if one of
    them is close (see the module's doc)."""
    found: set[str] = set()
    for run in runs:
        if run.mentions:
            continue
        for at, name in _names(run.text):
            if _opens_sentence(text, run.start + at):
                continue  # "Persons with disabilities protested": a capital that opens a sentence
            if any(_sized(e) for e in loose_lookup_anywhere(gazetteer, name, _LIKENESS)):
                # every looser respelling counts too: one abroad makes the name a namesake's
                found |= {e.country_code for e in loose_lookup_anywhere(gazetteer, name, _LOOSE)}
    return next(iter(found)) if len(found) == 1 else None


def _opens_sentence(text: str, start: int) -> bool:
    """Whether the word at `start` opens the text, a sentence or a quotation."""
    before = text[:start].rstrip()
    return not before or before[-1] in ".!?:;\"'\n"


def _sized(entry: GazetteerEntry) -> bool:
    """A town of `_TOWN` people or an admin area, not a country's name."""
    return entry.feature_code != "PCLI" and (entry.population >= _TOWN or entry.feature_class == "A")


def _names(run: str) -> list[tuple[int, str]]:
    """The names a run of capitalised words may be, with their offsets in it: the name after its last "of"
    ("Residents of Medjez El Beb"), else the run without the common words that open it ("In Shashamene");
    none for an acronym, a title ("President"), an organisation, a short word or common words only."""
    words = place_words()
    said = run.split()
    if "of" in said:
        said = said[len(said) - said[::-1].index("of") :]
    while said and said[0].lower() in words.common:
        said = said[1:]
    name = " ".join(said)
    if len(name) < _MIN_NAME or name.isupper() or all(w.lower() in words.common for w in said):
        return []
    if normalise_name(said[0]).title() in words.titles or any(w in words.organisation_words for w in said):
        return []  # a person's title, a body ("Enugu Electricity Distribution Company")
    return [(len(run) - len(name), name)]
