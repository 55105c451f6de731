"""Find the toponyms in a sentence and resolve each to an ACLED-style Place (coordinates, admin1/2,
geo_precision, evidence span): the `resolve places` stage, reading only the text and a Gazetteer.

Rules, in ACLED's terms (see ../shared/ACLED-CODING.md, "Spatial precision"):
- a named town is geo_precision 1; "near/outside/around X", "X area" and "15 km east of X" are 2, coded
  to X (an offset also moves the point by distance and bearing); a city quarter is 1, named "City - Quarter";
- an Afghan "X district" is coded to its main town (same name) at 2; a province ("X province", or a
  bare province name) to its capital at 3; "eastern Libya" to the region's main city at 3 (curated
  regions in places.yaml; other countries fall back to the country at its capital); a bare country is
  returned at 3 with feature "A" so the caller can drop it, as ACLED rarely codes country-level events;
- "the Juba-Bor road" is coded near Juba at 2 (`place_routes`); "Bani Walid University" at Bani Walid.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import NamedTuple

from polemos.knowledge.gazetteer import Gazetteer, normalise_name
from polemos.model import Place
from polemos.stages.place_anaphora import ANAPHORA, ANAPHORA_WORDS, anaphora
from polemos.stages.place_context import (
    Mention,
    apply_context,
    apply_offsets,
    apply_province_frame,
    apply_qualifiers,
    regions,
    to_place,
)
from polemos.stages.place_facilities import without_facility_namesakes
from polemos.stages.place_quarters import apply_quarters
from polemos.stages.place_respell import RESPELT, drop_stray_respellings
from polemos.stages.place_routes import apply_routes
from polemos.stages.place_spans import resolve_span
from polemos.stages.place_words import place_words, takes_object

__all__ = ["KeptRuns", "ToponymRun", "find_places", "toponym_runs"]

_WORD = re.compile(r"\w+")
# Words after a name that say what kind of place it is ("Kunduz City", "Borno State", "Wau Payam").
_PLACE_KINDS = frozenset(
    {"city", "town", "village", "district", "province", "state", "region", "county", "governorate", "area"}
    | {"municipality", "commune", "prefecture", "locality", "zone", "ward", "payam", "chiefdom", "township"}
    | {"cercle", "woreda", "kebele", "division", "territory"}
)
# Prepositions that set the word after them as where something happens ("in Wa", "at Wa").
_LOCATIVES = frozenset({"in", "at", "near", "outside", "around"})
_MAX_TOKENS = 6  # "Markaz-e Woluswali-ye Achin": names with articles and izafe run long


class _Token(NamedTuple):  # a tuple: built for every word of every sentence, so it must be cheap
    text: str
    start: int
    end: int
    lower: str  # read many times per token by the run and actor tests: folded once
    is_cap: bool


_new_tuple = tuple.__new__  # skips the NamedTuple's Python-level __new__: one call less per word


def _tokens(text: str) -> list[_Token]:
    out: list[_Token] = []
    for m in _WORD.finditer(text):
        word = m.group()
        start, end = m.span()
        out.append(_new_tuple(_Token, (word, start, end, word.lower(), word[0].isupper())))
    return out


def find_places(
    text: str,
    gazetteer: Gazetteer,
    *,
    offset: int = 0,
    country_focus: str | None = None,
    previous: Place | None = None,
) -> list[Place]:
    """Every place mentioned in `text` (one sentence), resolved to polemos.model.Place with start/end
    (offsets in the DOCUMENT: offset + local), geo_precision, admin1/admin2, geonames_id, reason,
    candidates (runner-ups)."""
    focus = country_focus.upper() if country_focus else None
    tokens = _tokens(text)
    mentions = regions(text, gazetteer, focus)
    taken = [(m.start, m.end) for m in mentions]
    unresolved: list[tuple[int, int]] = []
    respelt = False
    for i, j in _runs(text, tokens):
        if any(s < tokens[j - 1].end and tokens[i].start < e for s, e in taken):
            continue
        found = _resolve_run(text, tokens, i, j, gazetteer, focus)
        found = without_facility_namesakes(text, tokens[i].start, tokens[j - 1].end, found, focus)
        respelt = respelt or any(m.reason.startswith(RESPELT) for m in found)
        if not found:
            unresolved.append((tokens[i].start, tokens[j - 1].end))
        mentions.extend(found)
    if respelt:
        kept = drop_stray_respellings(text, mentions)
        unresolved += [(m.start, m.end) for m in mentions if m not in kept]
        mentions = kept
    mentions = apply_qualifiers(text, mentions)
    mentions = [apply_context(text, m) for m in mentions]
    mentions = apply_province_frame(mentions)
    mentions.sort(key=lambda m: m.start)
    mentions = apply_routes(text, mentions)
    mentions = apply_quarters(text, mentions, unresolved)
    places = [to_place(m, offset) for m in mentions]
    places = apply_offsets(text, places, unresolved, previous, offset)
    if any(word in text for word in ANAPHORA_WORDS) and ANAPHORA.search(text):
        places += anaphora(text, places, previous, gazetteer, focus, offset)
    return sorted(places, key=lambda p: p.start)


@dataclass(frozen=True)
class ToponymRun:
    """A run of capitalised words that may name a place, with every reading the gazetteer gives it."""

    text: str
    start: int
    words: int
    mentions: tuple[Mention, ...]


def toponym_runs(text: str, gazetteer: Gazetteer) -> Iterator[ToponymRun]:
    """Each candidate toponym run of `text` and its readings (admin context applied: "Borno State" is the
    state, not a German Borna), with no country focus: what the country votes count."""
    tokens = _tokens(text)
    for i, j in _runs(text, tokens):
        mentions = tuple(apply_context(text, m) for m in _resolve_run(text, tokens, i, j, gazetteer, None))
        yield ToponymRun(text[tokens[i].start : tokens[j - 1].end], tokens[i].start, j - i, mentions)


class KeptRuns:
    """A text's toponym runs, read as far as asked and kept: doc_country's `document_focus` may read them
    three times (whether a toponym may lie in a country, stopping at the first; every run's vote; raids'
    reach), and resolving a run against the gazetteer is most of what that costs. Kept for one call: a
    generator must not be shared between threads."""

    def __init__(self, source: Iterator[ToponymRun]) -> None:
        self._source = source
        self._read: list[ToponymRun] = []
        self._done = False

    def __iter__(self) -> Iterator[ToponymRun]:
        i = 0
        while True:
            if i < len(self._read):
                yield self._read[i]
                i += 1
            elif self._done:
                return
            else:
                run = next(self._source, None)
                if run is None:
                    self._done = True
                else:
                    self._read.append(run)


# --- finding -------------------------------------------------------------------------------------


def _joinable(text: str, tokens: list[_Token], k: int) -> bool:
    gap = text[tokens[k].end : tokens[k + 1].start]
    if gap in (" ", "-"):
        return True
    # "Bu'ayrat" joins; "Libya's" does not.
    return gap in ("'", "’") and tokens[k + 1].lower != "s"


def _runs(text: str, tokens: list[_Token]) -> list[tuple[int, int]]:
    """Maximal capitalised word sequences, with inner connectors ("Qasr Abu Haid", "al Watiya")."""
    words = place_words()
    runs, i, n = [], 0, len(tokens)
    while i < n:
        t = tokens[i]
        leads = (
            t.lower in words.lead_articles
            and i + 1 < n
            and _joinable(text, tokens, i)
            and tokens[i + 1].is_cap
        )
        if not (t.is_cap or leads) or t.text[0].isdigit():
            i += 1
            continue
        kind = _admin_kind(tokens, i)
        if kind:  # "Local Government Area" names the kind of the place before it, not a place
            i += kind
            continue
        j = i + 1
        while j < n and _joinable(text, tokens, j - 1):
            if _admin_kind(tokens, j):  # "Bassa Local Government Area of Plateau State": Bassa, Plateau
                break
            if (tokens[j].is_cap and not tokens[j].text[0].isdigit()) or (
                tokens[j].lower in words.connectors
                and j + 1 < n
                and _joinable(text, tokens, j)
                and tokens[j + 1].is_cap
                and (tokens[j].lower not in words.hyphened_connectors or text[tokens[j].end] == "-")
            ):
                j += 1
            else:
                break
        runs.append((i, j))
        i = j
    return runs


def _admin_kind(tokens: list[_Token], k: int) -> int:
    """How many words from `k` name a kind of admin area that holds an organisation word: "Local
    Government Area" (Nigeria's LGAs) is no government body; 0 where none starts at `k`."""
    if tokens[k].text != "Local" or k + 1 >= len(tokens) or tokens[k + 1].text != "Government":
        return 0
    return 3 if k + 2 < len(tokens) and tokens[k + 2].text in ("Area", "Areas") else 2


def _is_actor_run(text: str, tokens: list[_Token], i: int, j: int) -> bool:
    words = place_words()
    said = [t.text for t in tokens[i:j]]
    bodies = [w for w in said if w in words.organisation_words]
    # "Bani Walid University", "University of Khartoum": a building in that town, where its students
    # protest; "Sirte University Council" is a body.
    if not words.institutions.issuperset(bodies):
        return True
    if said[0] in words.titles or said[-1] in words.structures:
        return True
    key = normalise_name(" ".join(said))
    if words.not_place.search(key):
        return True
    if i > 0:
        before = tokens[i - 1]
        gap = text[before.end : tokens[i].start]
        if (before.lower in ("pro", "anti") and gap == "-") or (
            before.lower in words.person_before and gap == " "
        ):
            return True
    if j + 1 < len(tokens) and tokens[j].lower == "s" and text[tokens[j - 1].end : tokens[j].start] in "'’":
        # "Misrata's Third Force", "Sirte's Gumhouria Bank": a possessive naming an actor or body
        after = tokens[j + 1 : j + 4]
        if any(t.text in words.organisation_words or t.lower in words.actor_after for t in after):
            return True
    if j < len(tokens):
        gap = text[tokens[j - 1].end : tokens[j].start]
        if gap in (" ", "-") and tokens[j].lower in words.actor_after and not tokens[j].is_cap:
            following = tokens[j + 1].lower if j + 1 < len(tokens) else None
            return not (gap == " " and takes_object(tokens[j].lower, following))
    return False


def _resolve_run(
    text: str, tokens: list[_Token], i: int, j: int, gazetteer: Gazetteer, focus: str | None
) -> list[Mention]:
    """Greedy longest-match of gazetteer names inside one capitalised run."""
    words = place_words()
    i = _after_title(tokens, i, j, words.titles)
    if _is_actor_run(text, tokens, i, j):
        return []
    lone = _lone_name(tokens, i, j, words.connectors - words.lead_articles)
    person = tokens[i].lower in words.given_names  # then only the whole run may be a place
    # "Ain Kechra", "Abu Salim": a word that heads many names ("spring", "father of") opens one here; if no
    # name starting with it is known, the run is an unknown name, not "Ain" (the UAE's Al Ain) + "Kechra".
    headed = (
        tokens[i].lower in words.generic_heads
        and i + 1 < j
        and tokens[i + 1].is_cap
        and tokens[i + 1].lower not in words.connectors | words.common
    )
    found: list[tuple[int, int, Mention]] = []
    k = i
    while k < j:
        if headed and k > i and not found:
            break  # nothing known starts with the head: the whole run is one unknown name
        for m in range(min(j, k + _MAX_TOKENS), k, -1):
            if (person and (k, m) != (i, j)) or (tokens[m - 1].lower in words.connectors and not lone):
                continue
            if headed and (k, m) == (i, i + 1):
                continue  # the head alone
            # A connector opens no name ("of Sirte"), except a capitalised one that opens the run:
            # "Bin Jawwad", "Az Zawiyah", "Ad Dafniyah" are names in their own right.
            if (
                tokens[k].lower in words.connectors
                and tokens[k].lower not in words.lead_articles
                and not (k == i and m - k > 1 and tokens[k].is_cap)
                and not lone
            ):
                continue
            span = [t.lower for t in tokens[k:m] if t.lower not in words.connectors or lone]
            if not span or all(w in words.common for w in span):
                continue
            mention = _facility(text, tokens, k, m, gazetteer, focus) if m == j else None
            # The name after an "of" that ends the run stands alone ("Killi of Obe": Obe, as a whole run).
            whole = (k, m) == (i, j) or (m == j and k > i and tokens[k - 1].lower == "of")
            mention = mention or resolve_span(
                text, tokens[k].start, tokens[m - 1].end, gazetteer, focus, part=not whole
            )
            if mention:
                found.append((k, m, mention))
                k = m
                break
        else:
            # "Andrew Elliott", "Hayat Tahrir al-Sham": after an unknown capitalised word, the rest of
            # the run is a name, not a place; a sentence may open with a verb ("Capturing Derna").
            word = tokens[k].lower
            opens_sentence = k == 0 and word.endswith(("ing", "ed", "ly"))
            # A code ("PD8 of Kabul city": police district 8) is no part of a person's name.
            code = tokens[k].text.isupper() or any(c.isdigit() for c in tokens[k].text)
            # "Rehman Jan Killi of Obe district": an unknown village of a known district, not a person.
            part_of = any(t.lower == "of" for t in tokens[k + 1 : j])
            if (
                tokens[k].is_cap
                and not code
                and not part_of
                and word not in words.common
                and word not in words.connectors
                and not opens_sentence
            ):
                person = True
            k += 1
    if not found and focus is not None and not all(t.lower in words.common for t in tokens[i:j]):
        # Last resort, never over an exact name: the whole run respelt ("Gasr Ben Ghasir"); never a run
        # of common words ("March" of a date is no Afghan "Marcha")
        respelt = resolve_span(text, tokens[i].start, tokens[j - 1].end, gazetteer, focus, loose=True)
        return [respelt] if respelt else []
    starts = {k for k, _, _ in found}
    return [x for _, m, x in found if not _truncated(text, tokens, j, m, x, starts, focus)]


def _after_title(tokens: list[_Token], i: int, j: int, titles: frozenset[str]) -> int:
    """Where the place of a run a title opens starts: "the Mayor of Gonder", "the Governor of Kassala"
    name the town or state the office holder serves, where such reports' events happen; `i` where the
    run is no title "of" a place."""
    if tokens[i].text not in titles:
        return i
    of = next((k for k in range(i + 1, j - 1) if tokens[k].lower == "of"), None)
    return i if of is None else of + 1


def _lone_name(tokens: list[_Token], i: int, j: int, connectors: frozenset[str]) -> bool:
    """Whether a run is one capitalised word, spelt like a connector, that a locative preposition sets as
    a place: "marched in Wa" (Ghana's Wa, not the Arabic "and"); never a sentence's opening word."""
    return (
        j == i + 1
        and i > 0
        and len(tokens[i].text) > 1
        and tokens[i].lower in connectors
        and tokens[i - 1].lower in _LOCATIVES
    )


def _truncated(
    text: str, tokens: list[_Token], j: int, end: int, mention: Mention, starts: set[int], focus: str | None
) -> bool:
    """Whether a match is the head of a longer unknown name: "Boko" of "Boko Haram", "Abu" of "Abu
    Sleem", "Sir" of "Sir Lowry's Pass". A big city or a curated place keeps its match ("Tripoli Post"),
    but not a foreign one: "the Qom Qishlaq area" of an Afghan report is a village, not Iran's Qom."""
    words = place_words()
    hyphened = end < j and text[tokens[end - 1].end : tokens[end].start] == "-"
    if hyphened and tokens[end].is_cap and tokens[end].lower not in words.connectors:
        # "the Djibo-Mentao axis", "the Alindao-Kongbo road": two names joined by a hyphen name the way
        # between two towns (a town so named as a whole has matched first); the first is where it is.
        return False
    # "Hay al-Andalus": look past an article (not past "wa", "and": "Narang wa Badil" is two names)
    if end < j - 1 and tokens[end].lower in words.lead_articles:
        end += 1
    if end >= j or end in starts:
        return False
    nxt = tokens[end]
    foreign = focus is not None and mention.entry.country_code != focus
    if not nxt.is_cap or nxt.lower in words.connectors or nxt.text.isupper():
        return False
    if nxt.lower in words.common:
        # A plain word still ends a foreign town's head: "Auckland Park, Johannesburg" is no New Zealand
        # place; a kind of place after it does not ("Kabul City", "Sirte City").
        return (
            foreign
            and mention.entry.geonames_id is not None
            and mention.entry.feature_code != "PCLI"
            and nxt.lower not in _PLACE_KINDS
        )
    if nxt.text in words.institutions:  # "Bani Walid University": the town's, not a longer name
        return False
    return mention.entry.geonames_id is not None and (mention.entry.population < 100_000 or foreign)


def _facility(
    text: str, tokens: list[_Token], k: int, m: int, gazetteer: Gazetteer, focus: str | None
) -> Mention | None:
    """Try the run followed by a lower-case facility word: "al Watiya air base", "Jufra airbase"."""
    words = place_words()
    # No facility word is a word-prefix of another, so at most one matches here.
    found = words.facility_after.match(text[tokens[m - 1].end : tokens[m - 1].end + 20].lower())
    if found is None:
        return None
    end = tokens[m - 1].end + found.end()
    return resolve_span(text, tokens[k].start, end, gazetteer, focus, facility_only=True)
