"""Apply a sentence's context to resolved toponyms: ACLED's precision rules ("near X", "X district",
provinces, regions), qualifiers ("Dawlat Abad district, Balkh") and offsets ("15 km east of Derna");
city quarters are read in `place_quarters`, "the town" and "the capital" in `place_anaphora`. Part of
the `resolve places` stage; `places.py` finds the toponyms.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace

from polemos.knowledge.gazetteer import Gazetteer, GazetteerEntry
from polemos.model import GeoPrecision, Place

__all__ = [
    "DIRECTION",
    "DISTRICT_COUNTRIES",
    "NEAR_BEFORE",
    "RESPELT",
    "Mention",
    "antecedent",
    "apply_context",
    "apply_offsets",
    "apply_province_frame",
    "apply_qualifiers",
    "city_of",
    "distinct",
    "regions",
    "to_place",
]

_DIRECTIONS = {
    d: 45.0 * i
    for i, d in enumerate(
        ("north", "northeast", "east", "southeast", "south", "southwest", "west", "northwest")
    )
}
DIRECTION = r"(?:north|south)(?:[- ]?(?:east|west))?|east|west"
_TOWN_WORD = r"(?:city|town|village|capital|port|settlement|oasis|area)"
_OFFSET = re.compile(
    rf"(?P<num>\d+(?:\.\d+)?)\s*(?:-\s*)?(?P<unit>km|kms|kilomet(?:er|re)s?|mi|miles?)\b\s*(?:\([^)]*\)\s*)?"
    rf"(?:to\s+the\s+)?(?P<dir>{DIRECTION})(?:ern)?\s+of\s+(?P<anchor>the\s+(?:\w+\s+){{0,2}}?{_TOWN_WORD}\b(?:\s+of\s+)?)?",
    re.IGNORECASE,
)
NEAR_BEFORE = re.compile(
    rf"\b(?:near|nearby|outside|around|outskirts\s+of|vicinity\s+of|close\s+to|area\s+of|edge\s+of|"
    rf"environs\s+of|suburbs?\s+of|surroundings\s+of|countryside\s+of|(?:to\s+the\s+)?(?:{DIRECTION})(?:ern)?\s+of|"
    rf"(?:{DIRECTION})(?:ern)?\s+(?:side|part|edge|outskirts)\s+of)\s+"
    rf"(?:the\s+(?:\w+\s+){{0,2}}?{_TOWN_WORD}\s+(?:of\s+)?)?$",
    re.IGNORECASE,
)
_NEAR_AFTER = re.compile(r"^\s+(?:area|areas|outskirts|region|surroundings|vicinity|countryside|environs)\b")
# The words `NEAR_BEFORE` and `_PROVINCE_BEFORE` end in, as case-blind: before most toponyms is another
# word ("in", "and"), told by this test of the last ten characters (len("settlement")), not those searches.
_LAST_WORD = re.compile(rf"(?:near|nearby|outside|around|of|to|{_TOWN_WORD[3:-1]})\Z", re.IGNORECASE)
_REGION = re.compile(
    rf"\b(?P<dir>(?i:{DIRECTION}|central|centre|center))(?i:ern)?(?:\s+(?:part|region)\s+of|\s+of)?\s+"
    rf"(?P<country>the\s+country\b|[A-Z]\w+(?:\s+[A-Z]\w+)?)"
)
# Every word `_REGION` can open on holds one of these (lower-cased).
_COMPASS_WORDS = ("north", "south", "east", "west", "cent")
# A town this big keeps its name even where a sentence's province says otherwise ("Kabul ... , Logar").
_BIG_TOWN = 100_000
# Countries whose first-level areas are named after their capitals, where a town of that name exists
# (Algeria's wilayas, Tunisia's and Egypt's governorates, Mali's, Niger's and Senegal's regions, Burundi's
# provinces, Syria's governorates, Kenya's counties); elsewhere (Nigeria's Ondo State, Oyo State) a
# namesake town need not be the capital.
_CAPITAL_NAMESAKES = frozenset({"BI", "DZ", "EG", "KE", "ML", "NE", "SN", "SY", "TN"})
# Where reports' "X district" is an admin2 unit coded at its main town; elsewhere a city quarter.
DISTRICT_COUNTRIES = frozenset({"AF"})
# Nigeria's local government areas, as reports write them ("Bassa Local Government Area of Plateau State").
_LGA = r"(?:[Ll]ocal\s+[Gg]overnment(?:\s+[Aa]reas?)?|LGAs?)"
# Between a place and the province that qualifies it: "Dawlat Abad district center, Balkh".
# Reports put a toponym's other name in brackets before its kind: "Khash (Delaram) district".
_ALIAS = r"(?:\s*\([^()]{1,40}\))?"
# "district center", "district administration center": the seat, named after the district.
_CENTRE = r"(?:\s+(?:administration|administrative|admin))?(?:\s+cent(?:er|re))?"
# A province in brackets after a town qualifies it the same way: "Moanda (Haut-Ogooue)".
_QUALIFIER = re.compile(
    rf"{_ALIAS}(?:\s+(?:district{_CENTRE}|city|town|village|{_LGA}))?\s*(?:,|\s+of|\s+in)\s+(?:the\s+)?"
    r"|\s*\(\s*"
)
# Between an area and a town it frames: "the North Sinai city of Rafah", "Borno State's town of Gwoza".
_FRAMED_TOWN = re.compile(
    r"(?:\s+(?i:state|province|region|governorate|county))?(?:['’]s)?"
    r"\s+(?:[a-z-]+\s+){0,2}?(?:city|town|village|port|oasis|capital|settlement|locality)\s+of\s+"
)
# First-level areas as reports name them ("Helmand Province", "Borno State", "the governorate of Sinai").
_PROVINCE_AFTER = re.compile(rf"^{_ALIAS}\s+(?:province|state|governorate|region)\b", re.IGNORECASE)
_PROVINCE_BEFORE = re.compile(r"\b(?:province|state|governorate)\s+of\s+$", re.IGNORECASE)
_DISTRICT_AFTER = re.compile(rf"^{_ALIAS}\s+(?:district|local\s+government(?:\s+area)?|lga)\b", re.IGNORECASE)
_OF_DISTRICT = re.compile(rf"\bdistricts?{_CENTRE}\s*(?:,|\s+of|\s+in)\s+$")
_CITY_AFTER = re.compile(r"(?i)^\s+city\b")
_DIGIT = re.compile(r"\d")  # `_OFFSET` opens with a number


RESPELT = "respelling of"  # how the reason of a mention read by its skeleton (gazetteer_loose) opens


@dataclass
class Mention:
    """A resolved toponym before it becomes a Place (local offsets)."""

    start: int
    end: int
    entry: GazetteerEntry
    others: list[GazetteerEntry]
    reason: str
    precision: GeoPrecision | None = None
    name: str | None = None
    admin2: str | None = None


def distinct(others: list[GazetteerEntry], best: GazetteerEntry) -> list[GazetteerEntry]:
    seen = {(best.name, best.feature_code, round(best.latitude, 1), round(best.longitude, 1))}
    out = []
    for e in others:
        key = (e.name, e.feature_code, round(e.latitude, 1), round(e.longitude, 1))
        if key not in seen:
            seen.add(key)
            out.append(e)
    return out


def regions(text: str, gazetteer: Gazetteer, focus: str | None) -> list[Mention]:
    """ "eastern Libya", "the south-west of the country": the region's main city, geo_precision 3."""
    lower = text.lower()
    if not any(word in lower for word in _COMPASS_WORDS):
        return []  # most sentences name no compass point: a scan for the words is cheaper than the pattern
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
        found.append(Mention(m.start("dir"), end, entry, [], reason, GeoPrecision.REGION))
    return found


def apply_qualifiers(text: str, mentions: list[Mention]) -> list[Mention]:
    """ "Dawlat Abad district, Balkh": keep the Dawlat Abad in Balkh, and drop Balkh as a mention."""
    mentions.sort(key=lambda m: m.start)
    out: list[Mention] = []
    skip = -1
    for n, m in enumerate(mentions):
        if n == skip:
            continue
        nxt = mentions[n + 1] if n + 1 < len(mentions) else None
        between = text[m.end : nxt.start] if nxt else ""
        if nxt and _FRAMED_TOWN.fullmatch(between):
            continue  # "the North Sinai city of Rafah": the area only says where the town lies
        if nxt and _QUALIFIER.fullmatch(between):
            areas = {e.admin1 for e in (nxt.entry, *nxt.others) if e.feature_code == "ADM1"}
            pool = [e for e in (m.entry, *m.others) if e.admin1 in areas]
            # "Muqur district, Badghis", but the only Muqur is in Ghazni; "Mungwa, Gitega" respelt as
            # Muyinga: keep the province
            misread = "district" in between or m.reason.startswith(RESPELT)
            if areas and not pool and misread and m.entry.feature_class != "A":
                continue
            # "Highfields, Harare": no Highfields in Zimbabwe, so the foreign namesake is wrong (a big
            # city stays: "Paris, Brussels" lists two countries' capitals).
            countries = {e.country_code for e in (nxt.entry, *nxt.others) if e.feature_code != "PCLI"}
            foreign = not any(e.country_code in countries for e in (m.entry, *m.others))
            if ("," in between or "(" in between) and countries and foreign and m.entry.population < 500_000:
                continue
            if pool:
                m = replace(
                    m,
                    entry=pool[0],
                    others=distinct([e for e in (m.entry, *m.others) if e is not pool[0]], pool[0]),
                )
                m.reason += f"; qualified by {pool[0].admin1}"
                if pool[0].feature_code == "PPLX" and nxt.entry.feature_class == "P":
                    m.name = f"{nxt.entry.name} - {pool[0].name}"  # a quarter as ACLED names it
                skip = n + 1
        out.append(m)
    return out


def apply_province_frame(mentions: list[Mention]) -> list[Mention]:
    """ "in the Shaykhabad area of Saydabad district, Logar": a small place named before the province
    that frames the sentence lies in that province. Take its namesake there, or drop it when there is
    none: an alternate name or a small namesake elsewhere in the country is a misreading."""
    # The province itself, or a place already qualified by it ("Saydabad district, Wardak").
    frames = [
        m
        for m in mentions
        if (m.entry.feature_code == "ADM1" and m.reason.endswith("province")) or "; qualified by " in m.reason
    ]
    if not frames:
        return mentions
    out: list[Mention] = []
    for m in mentions:
        frame = min((f for f in frames if f.start > m.start), key=lambda f: f.start, default=None)
        if frame is None or m.entry.feature_class == "A" or m.entry.country_code != frame.entry.country_code:
            out.append(m)
            continue
        area = frame.entry.admin1
        if m.entry.admin1 != area:
            inside = [e for e in m.others if e.admin1 == area and e.country_code == m.entry.country_code]
            if inside:
                others = distinct([e for e in (m.entry, *m.others) if e is not inside[0]], inside[0])
                m = replace(m, entry=inside[0], others=others)
                m.reason += f"; in the province named, {area}"
            elif m.entry.population < _BIG_TOWN:
                continue
        out.append(m)
    return out


def apply_context(text: str, m: Mention) -> Mention:
    """Apply the words around a toponym: "X province/state", "X district", "X city", "near X"."""
    before, after = text[max(0, m.start - 80) : m.start], text[m.end : m.end + 70]
    pool = [m.entry, *m.others]
    # Where either pattern matches, `before` ends in a `_LAST_WORD` and white space (`$` too follows it).
    last_word = _LAST_WORD.search(tail := before.rstrip(), max(0, len(tail) - 10)) is not None
    province = _PROVINCE_AFTER.match(after) or (last_word and _PROVINCE_BEFORE.search(before))
    # "in Sholgara district, Balkh": Balkh is the province, whether or not Sholgara was found.
    of_district = "district" in before and _OF_DISTRICT.search(before)
    if province or of_district:
        area = next((e for e in pool if e.feature_code == "ADM1"), None)
        if area and (province or area.country_code in DISTRICT_COUNTRIES):
            seated = _seat_by_name(area, pool)
            reason = (
                m.reason + "; province" + (f", coded at its namesake town {seated.seat}" if seated else "")
            )
            return Mention(m.start, m.end, seated or area, [e for e in pool if e is not area], reason)
    if _DISTRICT_AFTER.match(after):
        # A district from a GeoNames dump (ADM2) is coded at its centre; else, where reports' districts
        # are named after their main town, at that town.
        district = next((e for e in pool if e.feature_code == "ADM2"), None)
        town = district or next((e for e in pool if e.feature_class == "P"), None)
        if town and (district or town.country_code in DISTRICT_COUNTRIES):
            m = replace(m, entry=town, admin2=town.admin2 or town.name, precision=GeoPrecision.NEAR)
            m.reason += "; district: coded at its " + ("centre" if district else "main town")
            return m
    town = next((e for e in pool if e.feature_class == "P"), None)
    if _CITY_AFTER.match(after) and town and m.entry is not town:  # "Kunduz city", not the province
        m = replace(m, entry=town, others=[e for e in pool if e is not town])
    # "near Somalia border", "the Libya area": a country named so is no local place (ACLED codes such an
    # event at the border town or area it names, else at country level).
    near = m.entry.feature_code != "PCLI" and (
        (last_word and NEAR_BEFORE.search(before)) or _NEAR_AFTER.match(after)
    )
    if m.precision is None and near:
        m = replace(m, precision=GeoPrecision.NEAR)
        m.reason += "; near/area"
    return m


def _seat_by_name(area: GazetteerEntry, pool: list[GazetteerEntry]) -> GazetteerEntry | None:
    """A province named after a town inside it is coded at that town, its capital ("the province of Ain
    Defla", "Tipaza province"), where the gazetteer's seat (the area's biggest town) is another; None
    where the seat is that town already, no town inside it has its name, or the country's areas are not
    named after their capitals (Nigeria's Ondo State is governed from Akure)."""
    if area.country_code not in _CAPITAL_NAMESAKES:
        return None
    town = next(
        (
            e
            for e in pool
            if e.feature_class == "P" and e.country_code == area.country_code and e.admin1 == area.admin1
        ),
        None,
    )
    if town is None or area.seat == town.name:
        return None
    return replace(area, latitude=town.latitude, longitude=town.longitude, seat=town.name)


def to_place(m: Mention, offset: int) -> Place:
    """Write a mention as a Place; an admin area is coded at its seat, a country at its capital."""
    e = m.entry
    # A province's coded point is its capital, a town: feature "P". "A" at precision 3 stays reserved
    # for a whole country, which callers drop (ACLED rarely codes country-level events).
    feature = "P" if e.feature_code == "ADM1" and e.seat else e.feature_class
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
        feature=feature,
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


def apply_offsets(
    text: str,
    places: list[Place],
    unresolved: list[tuple[int, int]],
    previous: Place | None,
    offset: int,
) -> list[Place]:
    """ "15 kilometres east of Derna": the point moves, named after Derna, geo_precision 2."""
    out = list(places)
    if _DIGIT.search(text) is None:
        return out  # no number, no offset: one scan instead of the pattern's
    for m in _OFFSET.finditer(text):
        lead = text[: m.start()].rstrip()
        if lead.endswith(",") and any(p.end - offset == len(lead) - 1 for p in out):
            continue  # "hills around Fattaih, 15 kilometres east of the town": Fattaih is known; keep it
        anchor = m.group("anchor") or ""
        anaphoric = bool(anchor) and not anchor.rstrip().endswith("of")
        if anaphoric:  # "east of the town": the town named before
            base = antecedent(out, m.start() + offset, previous)
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
            name=city_of(base),
            latitude=round(lat, 4),
            longitude=round(lon, 4),
            geo_precision=GeoPrecision.NEAR,
            reason=why,
            start=offset + span[0],
            end=offset + span[1],
        )
        out = [p for p in out if anaphoric or p is not base] + [moved]
    return out


def city_of(place: Place) -> str:
    return place.name.split(" - ")[0]  # a quarter's city: "Derna - Eastern Coast" -> "Derna"


def antecedent(places: list[Place], before: int, previous: Place | None) -> Place | None:
    """What "the town" points back to: a town named plainly earlier in the sentence, else `previous`,
    else any place named earlier ("outside Derna ... the town")."""
    named = [p for p in places if p.end <= before and p.feature in "PS"]
    towns = [p for p in named if p.geo_precision == GeoPrecision.TOWN]
    if towns:
        return max(towns, key=lambda p: p.end)
    return previous or (max(named, key=lambda p: p.end) if named else None)
