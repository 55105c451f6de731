"""Find the toponyms in a sentence and resolve each to an ACLED-style Place (coordinates, admin1/2,
geo_precision, evidence span): the `resolve places` stage, reading only the text and a Gazetteer.

Rules, in ACLED's terms (see ../shared/ACLED-CODING.md, "Spatial precision"):
- a named town is geo_precision 1; "near/outside/around X", "X area" and "15 km east of X" are 2, coded
  to X (an offset also moves the point by distance and bearing); a city quarter is 1, named "City - Quarter";
- an Afghan "X district" is coded to its main town (same name) at 2; a province ("X province", or a
  bare province name) to its capital at 3; "eastern Libya" to the region's main city at 3 (curated
  regions in places.yaml; other countries fall back to the country at its capital); a bare country is
  returned at 3 with feature "A" so the caller can drop it, as ACLED rarely codes country-level events.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace

from polemos.knowledge.gazetteer import Gazetteer, GazetteerEntry, is_trusted_match, normalise_name
from polemos.model import GeoPrecision, Place

__all__ = ["country_focus", "find_places"]


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_WORD = re.compile(r"\w+")
_MAX_TOKENS = 6  # "Markaz-e Woluswali-ye Achin": names with articles and izafe run long
_CONNECTORS = _words("al el of e i ye bin ibn wa ul ad as ash at az an ar de la du")
_LEAD_ARTICLES = frozenset(("al", "el"))
# Lower-case words a facility name may end in ("al Watiya air base"), longest first.
_FACILITIES = tuple(
    f.replace("_", " ")
    for f in sorted(
        _words(
            "air_force_base air_base airbase airport air_field airfield oil_terminal terminal port "
            "military_base base oil_field oilfield border_crossing"
        ),
        key=len,
        reverse=True,
    )
)
# A capitalised run holding one of these is an organisation, not a place ("Derna Mujahideen Shura Council").
_ORG_WORDS = _words(
    """
    Council Army Forces Force Operation Brigade Brigades Battalion Militia Party Front Movement
    Revolutionaries Government Commission Committee Ministry Agency Authority Corporation Company Bank
    University Centre Center Guard Guards Police Shura Mujahideen Mujahidin Mujahaddin Mujahadeen Media
    News Office Mission Parliament Congress Representatives Assembly Administration Airlines Airways Club
    Group Network Union Alliance Coalition Court Hospital School Institute Foundation Organization
    Organisation Unit Units Division Regiment Corps Command Service Services Directorate Department
    Embassy Consulate Nations Crescent Cross Protection Rescue Revolution Battalions Kataib
    """
)
# Lower-case words after a name that make it an attribute of an actor ("the Tobruk government").
_ACTOR_AFTER = _words(
    """
    council army forces force operation government militia militias brigade brigades fighters troops
    authorities administration parliament based backed led allied aligned controlled loyalists loyalist
    officials official authority commander commanders spokesman
    """
)
# A run ending in one of these names a street or building ("Tripoli Street" is in Misrata).
_STRUCTURES = _words(
    "Road Street Avenue Square Bridge Highway Boulevard Lane Mosque Church Stadium Market Hotel Station "
    "Prison Marathon Rights Watch Tower Palace Hall"
)
# Phrases that hold a country or a direction but name no place ACLED codes.
_NOT_PLACES = ("islamic state", "south america", "north america", "latin america", "central america",
               "middle east", "far east")  # fmt: skip
_TITLES = _words(
    """
    President Prime Minister General Gen Colonel Col Field Marshal Marshall Commander Major Captain
    Lieutenant King Prince Mr Mrs Ms Dr Brigadier Admiral Sergeant Spokesman Emir
    Mullah Maj Lt Capt Sgt Judge Senator Governor Mayor Secretary
    """
)
_PERSON_BEFORE = _words(
    "commander leader spokesman officer minister president general chief head envoy ambassador warlord "
    "strongman marshal marshall colonel mr"
)
# Given names that open a person's name: only a whole-run gazetteer hit may start with one.
_GIVEN_NAMES = _words(
    """
    mohammed muhammad mohamed mohammad ahmed ahmad omar umar abdul abdel abdullah abdallah khalid khaled
    salah saleh mustafa mahmoud hassan hussein ibrahim ismail youssef yusuf fayez fathi aguila ashraf osama
    hamid hamed tarek tariq walid jamal fawzi nuri muammar khalifa
    """
)
# Capitalised words that are people, organisations or plain English, yet also name some small place.
_COMMON = _words(
    """
    the a an this that these those it its he she they we our their his her there here in on at by for
    from with after before during since as but and or if when while meanwhile however also last next
    earlier later most many some all both several other another such no not one two three four five six
    seven eight nine ten first second third read more breaking update photo video police army military
    media union victory peace hope liberty independence progress mission unity dignity dawn storm rage
    volcano path shield justice freedom security fighting clashes troops forces government capital city
    town village north south east west northern southern eastern western central upper lower greater new
    old coast republic state national islamic democratic popular supreme high special elite royal arab
    african american commission ministry medical christmas eid ramadan god allah january february march
    april may june july august september october november december monday tuesday wednesday thursday
    friday saturday sunday haftar hifter hiftar sarraj serraj gaddafi qaddafi kadhafi erdogan putin trump
    biden obama macron sisi ghani karzai taliban qaida qaeda daesh isis isil shabaab haram burkan facebook
    twitter reuters afp lna gna dmsc un eu au nato road street avenue square bridge forest park river lake
    mountain hill hills valley beach station market mosque church hospital school camp highway marathon
    human rights secretary watch district province region county you your i me my us them what who which
    where why how share click follow subscribe sign email print comment related advertisement
    """
)
_DIRECTIONS = {
    d: 45.0 * i
    for i, d in enumerate(
        ("north", "northeast", "east", "southeast", "south", "southwest", "west", "northwest")
    )
}
_DIR = r"(?:north|south)(?:[- ]?(?:east|west))?|east|west"
_TOWN_WORD = r"(?:city|town|village|capital|port|settlement|oasis|area)"
_OFFSET = re.compile(
    rf"(?P<num>\d+(?:\.\d+)?)\s*(?:-\s*)?(?P<unit>km|kms|kilomet(?:er|re)s?|mi|miles?)\b\s*(?:\([^)]*\)\s*)?"
    rf"(?:to\s+the\s+)?(?P<dir>{_DIR})(?:ern)?\s+of\s+(?P<anchor>the\s+(?:\w+\s+){{0,2}}?{_TOWN_WORD}\b(?:\s+of\s+)?)?",
    re.IGNORECASE,
)
_NEAR_BEFORE = re.compile(
    rf"\b(?:near|nearby|outside|around|outskirts\s+of|vicinity\s+of|close\s+to|area\s+of|edge\s+of|"
    rf"environs\s+of|suburbs?\s+of|surroundings\s+of|countryside\s+of|(?:to\s+the\s+)?(?:{_DIR})(?:ern)?\s+of|"
    rf"(?:{_DIR})(?:ern)?\s+(?:side|part|edge|outskirts)\s+of)\s+"
    rf"(?:the\s+(?:\w+\s+){{0,2}}?{_TOWN_WORD}\s+(?:of\s+)?)?$",
    re.IGNORECASE,
)
_NEAR_AFTER = re.compile(r"^\s+(?:area|areas|outskirts|region|surroundings|vicinity|countryside|environs)\b")
_REGION = re.compile(
    rf"\b(?P<dir>(?i:{_DIR}|central|centre|center))(?i:ern)?(?:\s+(?:part|region)\s+of|\s+of)?\s+"
    rf"(?P<country>the\s+country\b|[A-Z]\w+(?:\s+[A-Z]\w+)?)"
)
_ANAPHORA = re.compile(
    r"\b[Tt]he\s+(?:[A-Za-z]+\s+){0,2}?(?:town|city|village|settlement|capital|oasis)\b(?!\s+of\b)"
)
# Where reports' "X district" is an admin2 unit coded at its main town; elsewhere a city quarter.
_DISTRICT_COUNTRIES = frozenset({"AF"})
# Between a place and the province that qualifies it: "Dawlat Abad district center, Balkh".
_QUALIFIER = re.compile(
    r"(?:\s+(?:district(?:\s+cent(?:er|re))?|city|town))?\s*(?:,|\s+of|\s+in)\s+(?:the\s+)?"
)
_QUARTER_BEFORE = re.compile(r"\b(?:district|neighbou?rhood|quarter|suburb)\s+of\s+$", re.IGNORECASE)
_QUARTER_AFTER = re.compile(
    r"\s+(?:district|neighbou?rhood|quarter|suburb)\s+(?:of|in)\s+(?:the\s+)?", re.IGNORECASE
)


@dataclass(frozen=True, slots=True)
class _Token:
    text: str
    start: int
    end: int

    @property
    def lower(self) -> str:
        return self.text.lower()

    @property
    def is_cap(self) -> bool:
        return self.text[0].isupper()


@dataclass
class _Mention:
    """A resolved toponym before it becomes a Place (local offsets)."""

    start: int
    end: int
    entry: GazetteerEntry
    others: list[GazetteerEntry]
    reason: str
    precision: GeoPrecision | None = None
    name: str | None = None
    admin2: str | None = None


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
    tokens = [_Token(m.group(), m.start(), m.end()) for m in _WORD.finditer(text)]
    mentions = _regions(text, gazetteer, focus)
    taken = [(m.start, m.end) for m in mentions]
    unresolved: list[tuple[int, int]] = []
    for i, j in _runs(text, tokens):
        if any(s < tokens[j - 1].end and tokens[i].start < e for s, e in taken):
            continue
        found = _resolve_run(text, tokens, i, j, gazetteer, focus)
        if not found:
            unresolved.append((tokens[i].start, tokens[j - 1].end))
        mentions.extend(found)
    mentions = _apply_qualifiers(text, mentions)
    mentions = [_apply_context(text, m) for m in mentions]
    mentions.sort(key=lambda m: m.start)
    mentions = _apply_quarters(text, mentions, unresolved)
    places = [_to_place(m, offset) for m in mentions]
    places = _apply_offsets(text, places, unresolved, previous, offset)
    if _ANAPHORA.search(text):
        places += _anaphora(text, places, previous, _capital(gazetteer, focus), offset)
    return sorted(places, key=lambda p: p.start)


def country_focus(text: str, gazetteer: Gazetteer) -> str | None:
    """ISO2 code of the country a document is mostly about (country names, demonyms like 'Libyan'/'Afghan',
    and unambiguous toponyms), or None."""
    votes: dict[str, float] = {}
    first_seen: dict[str, int] = {}
    tokens = [_Token(m.group(), m.start(), m.end()) for m in _WORD.finditer(text)]
    for i, j in _runs(text, tokens):
        run = text[tokens[i].start : tokens[j - 1].end]
        demonym = gazetteer.country(run) if j - i == 1 and not run.isupper() else None
        for mention in _resolve_run(text, tokens, i, j, gazetteer, None):
            trusted = [e for e in [mention.entry, *mention.others] if is_trusted_match(run, e)]
            unanimous = len({e.country_code for e in trusted}) == 1
            weight = 1.0 if mention.entry.feature_code == "PCLI" or unanimous else 0.5
            votes[mention.entry.country_code] = votes.get(mention.entry.country_code, 0.0) + weight
            first_seen.setdefault(mention.entry.country_code, mention.start)
        if demonym is not None and not gazetteer.lookup(run):
            votes[demonym.country_code] = votes.get(demonym.country_code, 0.0) + 1.0
            first_seen.setdefault(demonym.country_code, tokens[i].start)
    if not votes:
        return None
    best = max(votes, key=lambda code: (votes[code], -first_seen[code]))
    # One ambiguous toponym (half a vote) still decides a short report such as an ACLED note; the
    # resolver picks the same most-populous reading without a focus anyway.
    return best if votes[best] >= 0.5 else None


# --- finding -------------------------------------------------------------------------------------


def _joinable(text: str, tokens: list[_Token], k: int) -> bool:
    gap = text[tokens[k].end : tokens[k + 1].start]
    if gap in (" ", "-"):
        return True
    # "Bu'ayrat" joins; "Libya's" does not.
    return gap in ("'", "’") and tokens[k + 1].lower != "s"


def _runs(text: str, tokens: list[_Token]) -> list[tuple[int, int]]:
    """Maximal capitalised word sequences, with inner connectors ("Qasr Abu Haid", "al Watiya")."""
    runs, i, n = [], 0, len(tokens)
    while i < n:
        t = tokens[i]
        leads = (
            t.lower in _LEAD_ARTICLES and i + 1 < n and _joinable(text, tokens, i) and tokens[i + 1].is_cap
        )
        if not (t.is_cap or leads) or t.text[0].isdigit():
            i += 1
            continue
        j = i + 1
        while j < n and _joinable(text, tokens, j - 1):
            if (tokens[j].is_cap and not tokens[j].text[0].isdigit()) or (
                tokens[j].lower in _CONNECTORS
                and j + 1 < n
                and _joinable(text, tokens, j)
                and tokens[j + 1].is_cap
            ):
                j += 1
            else:
                break
        runs.append((i, j))
        i = j
    return runs


def _is_actor_run(text: str, tokens: list[_Token], i: int, j: int) -> bool:
    words = [t.text for t in tokens[i:j]]
    if any(w in _ORG_WORDS for w in words):
        return True
    if words[0] in _TITLES or words[-1] in _STRUCTURES:
        return True
    if any(phrase in normalise_name(" ".join(words)) for phrase in _NOT_PLACES):
        return True
    if i > 0:
        before = tokens[i - 1]
        gap = text[before.end : tokens[i].start]
        if (before.lower in ("pro", "anti") and gap == "-") or (
            before.lower in _PERSON_BEFORE and gap == " "
        ):
            return True
    if j < len(tokens):
        gap = text[tokens[j - 1].end : tokens[j].start]
        if gap in (" ", "-") and tokens[j].lower in _ACTOR_AFTER and not tokens[j].is_cap:
            return True
    return False


def _resolve_run(
    text: str, tokens: list[_Token], i: int, j: int, gazetteer: Gazetteer, focus: str | None
) -> list[_Mention]:
    """Greedy longest-match of gazetteer names inside one capitalised run."""
    if _is_actor_run(text, tokens, i, j):
        return []
    person = tokens[i].lower in _GIVEN_NAMES  # then only the whole run may be a place
    found, k = [], i
    while k < j:
        for m in range(min(j, k + _MAX_TOKENS), k, -1):
            if (person and (k, m) != (i, j)) or tokens[m - 1].lower in _CONNECTORS:
                continue
            if tokens[k].lower in _CONNECTORS and tokens[k].lower not in _LEAD_ARTICLES:
                continue
            span = [t.lower for t in tokens[k:m] if t.lower not in _CONNECTORS]
            if not span or all(w in _COMMON for w in span):
                continue
            mention = _facility(text, tokens, k, m, gazetteer, focus) if m == j else None
            mention = mention or _resolve_span(
                text, tokens[k].start, tokens[m - 1].end, gazetteer, focus, part=(k, m) != (i, j)
            )
            if mention:
                found.append(mention)
                k = m
                break
        else:
            # "Andrew Elliott", "Hayat Tahrir al-Sham": after an unknown capitalised word, the rest of
            # the run is a name, not a place; a sentence may open with a verb ("Capturing Derna").
            word = tokens[k].lower
            opens_sentence = k == 0 and word.endswith(("ing", "ed", "ly"))
            if tokens[k].is_cap and word not in _COMMON and word not in _CONNECTORS and not opens_sentence:
                person = True
            k += 1
    return found


def _facility(
    text: str, tokens: list[_Token], k: int, m: int, gazetteer: Gazetteer, focus: str | None
) -> _Mention | None:
    """Try the run followed by a lower-case facility word: "al Watiya air base", "Jufra airbase"."""
    rest = text[tokens[m - 1].end : tokens[m - 1].end + 20].lower()
    for facility in _FACILITIES:
        if re.match(rf"\s{re.escape(facility)}\b", rest):
            end = tokens[m - 1].end + 1 + len(facility)
            mention = _resolve_span(text, tokens[k].start, end, gazetteer, focus, facility_only=True)
            if mention:
                return mention
    return None


def _rank(entry: GazetteerEntry) -> int:
    if entry.feature_class == "P" or (entry.geonames_id is None and entry.feature_class in "SHTVR"):
        return 0
    return 2 if entry.feature_class in "AL" else 1


def _resolve_span(
    text: str,
    start: int,
    end: int,
    gazetteer: Gazetteer,
    focus: str | None,
    *,
    facility_only: bool = False,
    part: bool = False,
) -> _Mention | None:
    """Resolve one span; `part`: it is only part of a capitalised run ("Khwaja" of "Khwaja Hijran")."""
    name = text[start:end]
    hits = gazetteer.lookup(name)
    if facility_only:
        hits = [e for e in hits if e.feature_class == "S"]
    if name.replace("-", "").isupper():  # acronyms: only a country alias ("UAE") is a place
        hits = [e for e in hits if e.feature_code == "PCLI"]
    # A loose alternate name is accepted in the focus country, and only for a whole run.
    ok = [e for e in hits if is_trusted_match(name, e) or (not part and e.country_code == focus)]
    if not ok:
        return None

    def order(e: GazetteerEntry) -> tuple[bool, bool, bool, int, int]:
        # Focus first; then an exact country name beats small towns sharing it ("Egypt", Ohio).
        out_of_focus = focus is not None and e.country_code != focus
        return (
            out_of_focus,
            e.feature_code != "PCLI",
            not is_trusted_match(name, e),
            _rank(e),
            -e.population,
        )

    ok.sort(key=order)
    best, reason = ok[0], []
    # A report focused on Mexico that names "Madrid" means Spain's capital, not a Mexican village
    # (capitals only: an Afghan "Haidarabad" is not India's Hyderabad).
    famous = [e for e in ok if e.feature_class == "P" and e.population >= max(500_000, 50 * best.population)]
    if focus and best.country_code == focus and famous and is_trusted_match(name, famous[0]):
        capital = gazetteer.country(famous[0].country_code)
        if capital is not None and capital.seat == famous[0].name:
            best = famous[0]
            reason.append("a capital dwarfs its namesake in the focus country")
    others = _distinct([e for e in ok if e is not best], best)
    # Names collide with foreign places ("Most", CZ; "Marwa" for Maroua, CM): a focused report names
    # only big foreign cities, by their own name ("Haidarabad" is not Pakistan's Hyderabad).
    foreign = focus and best.country_code != focus and best.feature_code != "PCLI"
    if foreign and best.population < (250_000 if " " not in name.strip() else 50_000):
        return None
    if foreign and best.geonames_id is not None and normalise_name(name) != normalise_name(best.name):
        return None
    if focus and best.country_code == focus and any(e.country_code != focus for e in others):
        reason.append(f"country focus {focus}")
    if not is_trusted_match(name, best):
        reason.append(f"alternate name, same country as focus {focus}")
    if best.geonames_id is None:
        reason.append("curated" if best.feature_class != "A" else "admin area")
    elif others:
        reason.append(f"population {best.population:,}")
    reason.append(f"{len(others)} runner-up(s)" if others else "only candidate")
    return _Mention(start, end, best, others, "; ".join(reason))


def _distinct(others: list[GazetteerEntry], best: GazetteerEntry) -> list[GazetteerEntry]:
    seen = {(best.name, best.feature_code, round(best.latitude, 1), round(best.longitude, 1))}
    out = []
    for e in others:
        key = (e.name, e.feature_code, round(e.latitude, 1), round(e.longitude, 1))
        if key not in seen:
            seen.add(key)
            out.append(e)
    return out


# --- context: precision, qualifiers, offsets -----------------------------------------------------


def _regions(text: str, gazetteer: Gazetteer, focus: str | None) -> list[_Mention]:
    """ "eastern Libya", "the south-west of the country": the region's main city, geo_precision 3."""
    found = []
    for m in _REGION.finditer(text):
        said, end = m.group("country"), m.end()
        if said.startswith("the"):
            country = gazetteer.country(focus) if focus else None
        elif any(e.feature_code == "PCLI" for e in gazetteer.lookup(text[m.start("dir") : m.end()])):
            continue  # "South Sudan", "East Timor": a country's own name
        else:  # "eastern Libya", or "eastern Libya Haftar ..." read as far as the country goes
            country = next((e for e in gazetteer.lookup(said) if e.feature_code == "PCLI"), None)
            first = said.split()[0]
            if country is None and first != said:
                country = next((e for e in gazetteer.lookup(first) if e.feature_code == "PCLI"), None)
                end = m.start("country") + len(first)
        if country is None:
            continue
        compass = re.sub(r"[- ]", "", m.group("dir").lower())
        parts = (
            ["central"] if compass in ("central", "centre", "center") else [compass, compass[5:], compass[:5]]
        )
        region = None
        for part in filter(None, parts):  # "southwest", then "west", then "south"
            label = "Central" if part == "central" else part.capitalize() + "ern"
            region = next(
                (e for e in gazetteer.lookup(f"{label} {country.name}") if e.feature_code == "RGN"), None
            )
            if region:
                break
        if region is None and m.group("dir")[0].isupper():
            continue  # "Northern Ireland", "South America": a proper name, not a part of a country
        entry = region or country
        reason = f"region {m.group(0).strip()!r}: " + (
            f"coded at {entry.seat}" if region else "no curated region"
        )
        found.append(_Mention(m.start("dir"), end, entry, [], reason, GeoPrecision.REGION))
    return found


def _apply_qualifiers(text: str, mentions: list[_Mention]) -> list[_Mention]:
    """ "Dawlat Abad district, Balkh": keep the Dawlat Abad in Balkh, and drop Balkh as a mention."""
    mentions.sort(key=lambda m: m.start)
    out: list[_Mention] = []
    skip = -1
    for n, m in enumerate(mentions):
        if n == skip:
            continue
        nxt = mentions[n + 1] if n + 1 < len(mentions) else None
        between = text[m.end : nxt.start] if nxt else ""
        if nxt and _QUALIFIER.fullmatch(between):
            areas = {e.admin1 for e in (nxt.entry, *nxt.others) if e.feature_code == "ADM1"}
            pool = [e for e in (m.entry, *m.others) if e.admin1 in areas]
            if areas and not pool and "district" in between and m.entry.feature_class != "A":
                continue  # "Muqur district, Badghis", but the only Muqur is in Ghazni: keep the province
            if pool:
                m = replace(
                    m,
                    entry=pool[0],
                    others=_distinct([e for e in (m.entry, *m.others) if e is not pool[0]], pool[0]),
                )
                m.reason += f"; qualified by {pool[0].admin1}"
                skip = n + 1
        out.append(m)
    return out


def _apply_context(text: str, m: _Mention) -> _Mention:
    before, after = text[max(0, m.start - 80) : m.start], text[m.end : m.end + 30]
    pool = [m.entry, *m.others]
    province = re.match(r"^\s+province\b", after) or re.search(r"\bprovince\s+of\s+$", before, re.IGNORECASE)
    # "in Sholgara district, Balkh": Balkh is the province, whether or not Sholgara was found.
    of_district = re.search(r"\bdistricts?(?:\s+cent(?:er|re))?\s*(?:,|\s+of|\s+in)\s+$", before)
    if province or of_district:
        area = next((e for e in pool if e.feature_code == "ADM1"), None)
        if area and (province or area.country_code in _DISTRICT_COUNTRIES):
            return _Mention(m.start, m.end, area, [e for e in pool if e is not area], m.reason + "; province")
    if re.match(r"^\s+district\b", after):
        town = next((e for e in pool if e.feature_class == "P"), None)
        if town and town.country_code in _DISTRICT_COUNTRIES:
            m = replace(m, entry=town, admin2=town.name, precision=GeoPrecision.NEAR)
            m.reason += "; district: coded at its main town"
            return m
    town = next((e for e in pool if e.feature_class == "P"), None)
    if re.match(r"^\s+city\b", after) and town and m.entry is not town:  # "Kunduz city", not the province
        m = replace(m, entry=town, others=[e for e in pool if e is not town])
    if m.precision is None and (_NEAR_BEFORE.search(before) or _NEAR_AFTER.match(after)):
        m = replace(m, precision=GeoPrecision.NEAR)
        m.reason += "; near/area"
    return m


def _apply_quarters(text: str, mentions: list[_Mention], unresolved: list[tuple[int, int]]) -> list[_Mention]:
    """ "the district of Eastern Coast ... of Derna": "Derna - Eastern Coast", geo_precision 1."""
    out = list(mentions)
    for qs, qe in unresolved:
        quarter = text[qs:qe]
        after = _QUARTER_AFTER.match(text, qe)
        if after:  # "Abu Salim district of Tripoli"
            city = next((m for m in out if m.start == after.end() and m.entry.feature_class == "P"), None)
        elif _QUARTER_BEFORE.search(text[max(0, qs - 40) : qs]):  # "the district of Eastern Coast ... Derna"
            city = next((m for m in out if qe <= m.start <= qe + 80 and m.entry.feature_class == "P"), None)
        else:
            continue
        if city is None or city.entry.country_code in _DISTRICT_COUNTRIES:
            continue
        out[out.index(city)] = _Mention(
            qs,
            qe,
            city.entry,
            city.others,
            city.reason + f"; city quarter of {city.entry.name}",
            GeoPrecision.TOWN,
            f"{city.entry.name} - {quarter}",
        )
    return sorted(out, key=lambda m: m.start)


def _to_place(m: _Mention, offset: int) -> Place:
    e = m.entry
    if e.feature_code in ("ADM1", "RGN", "PCLI") and e.seat:  # coded at its capital / main city
        name = e.name if e.feature_code == "PCLI" else e.seat
        precision = GeoPrecision.REGION
    else:
        name = e.name
        precision = GeoPrecision.TOWN if e.feature_class in "PS" else GeoPrecision.NEAR
    lat, lon = e.latitude, e.longitude
    return Place(
        name=m.name or name,
        latitude=round(lat, 4),
        longitude=round(lon, 4),
        country=e.country,
        admin1=e.admin1,
        admin2=m.admin2 or e.admin2,
        geo_precision=m.precision or precision,
        geonames_id=e.geonames_id,
        feature=e.feature_class,
        reason=m.reason,
        candidates=tuple(
            f"{o.name} ({o.country_code}, {o.geonames_id or o.feature_code})" for o in m.others[:5]
        ),
        start=offset + m.start,
        end=offset + m.end,
    )


def _move(lat: float, lon: float, km: float, bearing: float) -> tuple[float, float]:
    """Great-circle destination from (lat, lon), `km` along `bearing` degrees."""
    d, th = km / 6371.0, math.radians(bearing)
    p1, l1 = math.radians(lat), math.radians(lon)
    p2 = math.asin(math.sin(p1) * math.cos(d) + math.cos(p1) * math.sin(d) * math.cos(th))
    l2 = l1 + math.atan2(math.sin(th) * math.sin(d) * math.cos(p1), math.cos(d) - math.sin(p1) * math.sin(p2))
    return math.degrees(p2), (math.degrees(l2) + 540.0) % 360.0 - 180.0


def _apply_offsets(
    text: str,
    places: list[Place],
    unresolved: list[tuple[int, int]],
    previous: Place | None,
    offset: int,
) -> list[Place]:
    """ "15 kilometres east of Derna": the point moves, named after Derna, geo_precision 2."""
    out = list(places)
    for m in _OFFSET.finditer(text):
        lead = text[: m.start()].rstrip()
        if lead.endswith(",") and any(p.end - offset == len(lead) - 1 for p in out):
            continue  # "hills around Fattaih, 15 kilometres east of the town": Fattaih is known; keep it
        anchor = m.group("anchor") or ""
        anaphoric = bool(anchor) and not anchor.rstrip().endswith("of")
        if anaphoric:  # "east of the town": the town named before
            base = _antecedent(out, m.start() + offset, previous)
            span = (m.start("anchor"), m.start("anchor") + len(anchor.rstrip()))
        else:
            base = next((p for p in out if p.start == m.end() + offset), None)
            span = (base.start - offset, base.end - offset) if base else (0, 0)
        if base is None or base.feature not in "PS":
            continue
        unnamed = next((text[s:e] for s, e in unresolved if lead.endswith(",") and e == len(lead) - 1), None)
        km = float(m.group("num")) * (1.609 if m.group("unit").lower().startswith("mi") else 1.0)
        lat, lon = _move(
            base.latitude, base.longitude, km, _DIRECTIONS[re.sub(r"[- ]", "", m.group("dir").lower())]
        )
        why = f"{m.group(0).strip()} {base.name}: point moved" + (
            f"; {unnamed!r} not in gazetteer" if unnamed else ""
        )
        moved = replace(
            base,
            name=_city(base),
            latitude=round(lat, 4),
            longitude=round(lon, 4),
            geo_precision=GeoPrecision.NEAR,
            reason=why,
            start=offset + span[0],
            end=offset + span[1],
        )
        out = [p for p in out if anaphoric or p is not base] + [moved]
    return out


def _city(place: Place) -> str:
    return place.name.split(" - ")[0]  # a quarter's city: "Derna - Eastern Coast" -> "Derna"


def _antecedent(places: list[Place], before: int, previous: Place | None) -> Place | None:
    """What "the town" points back to: a town named plainly earlier in the sentence, else `previous`,
    else any place named earlier ("outside Derna ... the town")."""
    named = [p for p in places if p.end <= before and p.feature in "PS"]
    towns = [p for p in named if p.geo_precision == GeoPrecision.TOWN]
    if towns:
        return max(towns, key=lambda p: p.end)
    return previous or (max(named, key=lambda p: p.end) if named else None)


def _anaphora(
    text: str, places: list[Place], previous: Place | None, capital: Place | None, offset: int
) -> list[Place]:
    """ "fighting in the city": the town named before (see `_antecedent`); "the capital": the focus's."""
    out: list[Place] = []
    for m in _ANAPHORA.finditer(text):
        start, end = m.start() + offset, m.end() + offset
        if any(p.start < end and start < p.end for p in places):
            continue
        if text[m.end() : m.end() + 2].strip()[:1].isupper():  # "the capital Tripoli": the name follows
            continue
        base = capital if m.group(0).endswith("capital") else _antecedent(places, start, previous)
        if base is not None:
            near = _NEAR_BEFORE.search(text[max(0, m.start() - 80) : m.start()])
            out.append(
                replace(
                    base,
                    name=_city(base),
                    start=start,
                    end=end,
                    reason=f"{m.group(0)!r} refers to {_city(base)}",
                    geo_precision=GeoPrecision.NEAR if near else GeoPrecision.TOWN,
                )
            )
    return out


def _capital(gazetteer: Gazetteer, focus: str | None) -> Place | None:
    country = gazetteer.country(focus) if focus else None
    if country is None or not country.seat:
        return None
    town = next(
        (e for e in gazetteer.lookup(country.seat) if e.country_code == focus and e.feature_class == "P"),
        None,
    )
    return _to_place(_Mention(-1, -1, town, [], f"capital of {country.name}"), 0) if town else None
