"""A report's toponyms as votes for its country: each toponym votes for every country it may be in, its
main reading most (doc_country weighs these votes against the report's own actors and hints).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable

from polemos.knowledge.countries import load_countries
from polemos.knowledge.gazetteer import Gazetteer, GazetteerEntry, is_trusted_match
from polemos.stages.place_facilities import facility_namesake, is_big
from polemos.stages.places import ToponymRun, toponym_runs

__all__ = ["FOREIGNERS", "TOWN", "is_big", "names_foreigners", "toponym_votes"]

_NAMESAKE = 0.6  # a reading other than the most populous one counts this much of its weight
# A country's name counts as a big city; a demonym as a town, as it often names a foreign party ("Egyptian
# warplanes struck Derna"); a plural demonym ("Kenyans") names the country's people, usually the subject
_COUNTRY = 1.5
_NATIONAL = 1.0
_PEOPLE = 1.25
_BIG = 0.5
# A demonym or country that tells the nationality of foreigners, migrants or victims ("Somali nationals",
# "Zimbabwean truckers", "foreign nationals from Malawi") says who they are, not where it happens: such
# people are named mostly where they are abroad. It counts less than any place the report names as its
# main reading (a village of no recorded population weighs 0.9), so the place decides; alone, it tells no
# country at all (doc_country: the report's doers are then of its run's country, or of none).
FOREIGNERS = 0.4
# People a report names by their nationality where they are foreigners: workers, journalists, tourists
# abroad ("Chinese workers stormed", "two American photo journalists"); at home a report names them by
# their trade alone. "national" alone only where no noun follows ("a Swedish national was shot", not "the
# Afghan national army").
_FOREIGNER_NOUNS = (
    r"(?:nationals|national(?=\s*[,.;:)]|\s+(?:is|was|were|are|has|had|who|in|at|from|and|on|by|while|"
    r"working|living|named|identified))|migrants|immigrants|emigrants|refugees|asylum[- ]seekers|traders|"
    r"shop[- ]?owners|shopkeepers|truckers|truck[- ]drivers|foreigners|expatriates|expats|workers?|"
    r"labou?rers|engineers|contractors|journalists?|reporters|photographers|citizens?|tourists?|"
    r"travel(?:l)?ers|missionaries|"
    # A state's embassy, consulate or envoys are named where they serve, abroad ("the Qatar embassy in
    # Mogadishu", "Italian diplomats", "the embassy of Israel"): that state's name or demonym tells whose
    # they are, as a nationality does.
    r"(?i:embass(?:y|ies)|consulates?|consuls?|ambassadors?|diplomats?|(?<=diplomatic )missions?))\b"
)
# the demonym's noun, after at most one word ("Ethiopian illegal migrants", "Somali shop owners")
_FOREIGNERS_AFTER = re.compile(r"\s+(?:[a-z-]+\s+)?" + _FOREIGNER_NOUNS)
# a country after such a noun and "from" ("foreign nationals from Malawi", "migrants from the Sudan")
_FOREIGNERS_FROM = re.compile(
    _FOREIGNER_NOUNS + r"\s+(?:who\s+(?:are|were)\s+)?from\s+(?:the\s+)?\Z"
    r"|\b(?:embassy|consulate|ambassador)\s+of\s+(?:the\s+)?\Z",
    re.IGNORECASE,
)
# A country that ends an institution's name ("University of Zambia workers", "Bank of Ghana employees"):
# the people after it are the institution's, of no nationality it tells.
_IN_NAME = re.compile(r"\b[A-Z][\w'-]*\s+of\s+(?:the\s+)?\Z")
# A demonym that names one person ("an American was kidnapped", "a British reported injured") is a
# foreigner's nationality too: at home a report names him by his trade or as "a man".
_ONE_OF = re.compile(r"\b[Aa]n?\s+\Z")
_ONE_OF_RUN = re.compile(r"[Aa]n?\s+\S")  # a run that opens a sentence takes its article in: "An American"
_AS_NOUN = re.compile(
    r"\s*[,.;)]|\s+(?:is|was|were|are|has|had|who|and|reported|said|died|on|in|at|from|near|during)\b"
)
# A country reached by a journey ("two pilots defected and flew to Malta", "refugees fled to Uganda",
# "deported to Niger") is where someone went, not where the report's events happen: it counts as a
# foreigners' nationality does. Not "into", which sets what follows there ("troops crossed into Somalia").
_DESTINATION = re.compile(
    r"\b(?:fl(?:y|ies|ying|ew|own|ee|ees|ed|eeing)|escap(?:e|es|ed|ing)|deport(?:s|ed|ing)?|"
    r"repatriat(?:e|es|ed|ing)|extradit(?:e|es|ed|ing)|evacuat(?:e|es|ed|ing)|return(?:s|ed|ing)?|"
    r"(?:e|im)?migrat(?:e|es|ed|ing)|sail(?:s|ed|ing)?|travel(?:s|led|ed|ling|ing)?|head(?:s|ed|ing)|"
    r"smuggl(?:e|es|ed|ing)|defect(?:s|ed|ing)?)"
    r"(?:\s+(?:back|away|safely|abroad|over))?\s+to\s+(?:the\s+)?\Z",
    re.IGNORECASE,
)
# Capitalised words that open a sentence before a demonym and are no part of it ("Two Libyan pilots",
# "Several Somali traders"): the run the places stage reads is the demonym after them. Not "The": "The
# Danish government said" names a foreign party as often as "the Danish embassy" does.
_QUANTIFIERS = frozenset(
    {"two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "twenty",
     "several", "many", "some", "few", "dozens", "hundreds", "thousands", "scores", "numerous", "most",
     "all", "both"}
)  # fmt: skip
TOWN = 1.0  # the weight of a town of 100,000, a city or an admin area (see _weight)
# What sets a toponym as where something happens ("in Zuwara"), not as a word that opens a sentence or
# a name ("Early AM", "Southwest Police"): only such places may outvote a demonym.
_LOCATIVE = re.compile(r"\b(?:[Ii]n|at|near|outside|around|inside|into)\s+(?:the\s+)?\Z")
# The same with a kind of place between ("in the border town of Mora", "in the Douentza area of Mopti",
# "near the village of X"): the place after the "of" is where it happens, or holds it.
_LOCATIVE_OF = re.compile(
    r"\b(?:[Ii]n|at|near|outside|around|inside|into)\s+(?:the\s+)?(?:[\w'-]+\s+){0,2}"
    r"(?:areas?|towns?|villages?|city|district|region|province|state|county|locality|outskirts|suburbs?|"
    r"neighbou?rhoods?|vicinity)\s+of\s+(?:the\s+)?\Z"
)
# A name that GeoNames places in this many countries or more ("Berlin", "Richmond", "Medina") was reused
# by settlers and emigrants, and so is likely reused where the gazetteer holds no such place too (a South
# African Berlin, a Mogadishu Medina): its GeoNames readings count half, so a toponym of one country's own
# beside it ("Mdantsane township near Berlin") outweighs even the biggest of them.
_REUSED = 5
# The kind of area a run may end in after its name ("Plateau State", "Helmand Province").
_KINDS = frozenset({"state", "province", "region", "county", "district", "governorate"})


def _weight(entry: GazetteerEntry) -> float:
    """A reading's weight: 1.0 for a town of 100,000, less for a village; a city, an admin area, a capital
    or an admin seat adds half, as reports name such places for themselves."""
    # curated and small GeoNames places often carry no population: count them as a town of 10,000
    size = min(math.log10(entry.population) / 5, 1.2) if entry.population > 0 else 0.8
    return 0.5 + 0.5 * size + (_BIG if is_big(entry) else 0.0)


def toponym_votes(
    text: str,
    gazetteer: Gazetteer,
    places: dict[str, float] | None = None,
    lying_in: dict[str, set[str]] | None = None,
    *,
    runs: Iterable[ToponymRun] | None = None,
    foreign: dict[str, float] | None = None,
) -> tuple[dict[str, float], dict[str, int]]:
    """Votes per country (ISO2) from the toponyms, country names and demonyms of `text`, and where each
    country was first named. `places`, if given, gets the votes of the places named as where something
    happens ("in Sirte"; no country names or demonyms), and `lying_in` every country a toponym other than a
    country's name may lie in, with the names of those toponyms. `runs`: the text's toponym runs, if read
    already. `foreign`, if given, gets the votes of the foreigners' nationalities (`FOREIGNERS`)."""
    votes: dict[str, float] = {}
    first: dict[str, int] = {}
    # A toponym named again is the same place: its country is voted for once ("Pick n Pay ... Pick n
    # Pay's CEO" must not outvote "Cape Town" as an Indian village named twice).
    voted: set[tuple[str, str]] = set()

    def vote(code: str, weight: float, at: int, name: str | None = None, away: bool = False) -> None:
        if name is not None:
            if (name, code) in voted:
                return
            voted.add((name, code))
        votes[code] = votes.get(code, 0.0) + weight
        first.setdefault(code, at)
        if foreign is not None and away:
            foreign[code] = foreign.get(code, 0.0) + weight

    countries = load_countries()
    for found in toponym_runs(text, gazetteer) if runs is None else runs:
        run = found.text
        said_run, said_at = _without_quantifier(run, found.start)  # a demonym's run: "Two Libyan" -> "Libyan"
        demonym = gazetteer.country(said_run) if not said_run.isupper() else None
        ends = _road_ends(text, found)
        opener = found.words == 1 and _opens_sentence(text, found.start)
        for mention in found.mentions:
            if mention.entry.feature_code == "PCLI":
                away = names_foreigners(text, mention.start, mention.end) or _destination(text, mention.start)
                own = FOREIGNERS if away else _COUNTRY
                vote(mention.entry.country_code, own, mention.start, away=away)
                continue
            if lying_in is not None:  # namesakes with no population too: where a place may lie
                name = _held_name(text, run, mention.start, mention.end, ends)
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
            said = said if run.endswith(f" of {said}") or said in ends else run
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
                if len(best) >= _REUSED and e.geonames_id is not None:
                    weight *= 0.5  # a name settlers and emigrants reused (`_REUSED`)
                if opener and not is_big(e):
                    weight *= 0.5  # a capitalised word that opens a sentence (`_opens_sentence`)
                if facility_namesake(run, mention.end < found.start + len(run), e):
                    continue  # a small place a clinic or school is named after tells no country
                vote(code, weight, mention.start, said.lower())
                if places is not None and fit == 1.0 and _is_setting(text, mention.start):
                    places[code] = places.get(code, 0.0) + weight
        if demonym is not None and not gazetteer.lookup(said_run):
            people = (c := countries.get(demonym.country_code)) is not None and c.is_plural_demonym(said_run)
            weight = _PEOPLE if people else _NATIONAL
            away = names_foreigners(text, said_at, said_at + len(said_run))
            vote(demonym.country_code, FOREIGNERS if away else weight, said_at, away=away)
        elif found.words > 1 and not found.mentions:
            # "Libyan National Army", "South African Broadcasting Corporation": a demonym, of one word or
            # two, opening a name that is no place
            named = _opening_demonym(run.split(), gazetteer)
            if named is not None:
                vote(named, _NATIONAL, found.start)
    return votes, first


def _opens_sentence(text: str, start: int) -> bool:
    """Whether the word at `start` opens a sentence, where any word is capitalised: a single such word that
    names only a village ("Irate residents set the house ablaze": an Ivorian Irate) is as likely a word
    of English, so it counts half; a city or an admin area so named keeps its weight ("Kismayo: ...")."""
    before = text[max(0, start - 3) : start].rstrip()
    return not before or before[-1] in '.!?:;\n"'


def _destination(text: str, start: int) -> bool:
    """Whether the country name at `start` is where a journey went (`_DESTINATION`)."""
    return _DESTINATION.search(text, max(0, start - 40), start) is not None


def _without_quantifier(run: str, start: int) -> tuple[str, int]:
    """A run of two words or more less a capitalised numeral or quantifier that opens it ("Two Libyan" ->
    "Libyan"), with where the rest starts; other runs as they are."""
    head, _, rest = run.partition(" ")
    if rest and head.lower() in _QUANTIFIERS:
        return rest, start + len(head) + 1
    return run, start


def names_foreigners(text: str, start: int, end: int) -> bool:
    """Whether the country name or demonym at `start`..`end` tells the nationality of foreigners, migrants
    or victims (`FOREIGNERS`): "Somali nationals", "Ethiopian illegal migrants", "traders from Niger"."""
    return (
        (
            _FOREIGNERS_AFTER.match(text, end) is not None
            and _IN_NAME.search(text, max(0, start - 40), start) is None
        )
        or _FOREIGNERS_FROM.search(text, max(0, start - 60), start) is not None
        or (
            (_ONE_OF.search(text, max(0, start - 6), start) or _ONE_OF_RUN.match(text, start, end))
            is not None
            and _AS_NOUN.match(text, end) is not None
        )
    )


def _opening_demonym(words: list[str], gazetteer: Gazetteer) -> str | None:
    """ISO2 code of the country whose demonym opens a name of several words, the longest first ("South
    African ..." is South Africa's, not a Cameroonian "South" province), if that demonym is no toponym."""
    for n in (2, 1):
        head = " ".join(words[:n])
        if len(words) <= n or head.isupper():
            continue
        named = gazetteer.country(head)
        if named is not None and named.feature_code == "PCLI" and not gazetteer.lookup(head):
            return named.country_code
    return None


def _road_ends(text: str, found: ToponymRun) -> frozenset[str]:
    """The two places a hyphened run joins, where both are known ("the Gulu-Kitgum road", "the
    Garissa-Mombasa route"): each is named in full, not as a part of a longer name."""
    parts = found.text.split("-")
    said = {text[m.start : m.end] for m in found.mentions}
    if len(parts) != 2 or not all(p[:1].isupper() for p in parts) or not said >= set(parts):
        return frozenset()
    return frozenset(parts)


def _held_name(text: str, run: str, start: int, end: int, ends: frozenset[str] = frozenset()) -> str | None:
    """The name a toponym counts as, for the countries that hold several of a report's toponyms: a whole
    run, the name after an "of" that ends it, one before its kind ("Plateau State") or an end of a hyphened
    road (`_road_ends`); not a part of a longer name ("Hay" of "Hay Dollar") nor a word that opens a
    sentence ("Early morning NATO raids"), which match namesakes too easily."""
    said = text[start:end]
    kind = run[len(said) :].strip().lower() if run.startswith(said) else None
    if said != run and not run.endswith(f" of {said}") and kind not in _KINDS and said not in ends:
        return None
    before = text[max(0, start - 3) : start].rstrip()
    if not before or before[-1] in '.!?:;\n"':
        return None
    return said.lower()


def _is_setting(text: str, start: int) -> bool:
    """Whether the words before `start` name a place as where something happens ("in", "near", "in the
    town of")."""
    return (
        _LOCATIVE.search(text, max(0, start - 30), start) is not None
        or _LOCATIVE_OF.search(text, max(0, start - 80), start) is not None
    )


def _unpeopled(entry: GazetteerEntry) -> bool:
    """A GeoNames place with no recorded population: often a stray or abandoned namesake (a Chinese
    "Beida" beside Libya's Al Bayda), too doubtful to vote; curated entries carry none and do vote."""
    return entry.geonames_id is not None and entry.population == 0 and entry.feature_class == "P"
