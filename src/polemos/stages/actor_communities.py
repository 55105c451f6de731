"""Unnamed communities at war (extract stage): fighting or killing that a report ties to a feud between
villages, clans or tribes, to a land dispute or to cattle raiding is done by ACLED's "Unidentified
Communal Militia (<Country>)" (an identity militia, inter 4; Somalia's clans: "Unidentified Clan
Militia"), not by an "Unidentified Armed Group" (a political militia, inter 3).

The codebook sorts armed groups by what they are organised around, not by what they did: men of a
community who fight a neighbouring one, or raid its cattle, are an identity militia whatever word the
report uses for them ("gunmen", "armed men", "raiders").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from polemos.knowledge.actors import load_actor_kb
from polemos.knowledge.countries import load_countries
from polemos.model import Actor
from polemos.taxonomy import EventType

# What ties violence to a community's feud: "communal clashes", "inter-clan fighting", "clashes between
# two villages", "a boundary dispute", "cattle raiders", "herders and farmers clashed".
_COMMUNAL = re.compile(
    r"\b(?:inter-?communal|communal\s+(?:clash|clashes|violence|fighting|conflict|dispute|feud|feuds)"
    r"|inter-?clan|intra-?clan|clan[- ](?:fighting|clash|clashes|violence|feud|feuds|revenge|retaliation"
    r"|militia|militias|conflict|dispute|based|rivalry|rivalries)|inter-?tribal|tribal\s+(?:clash|clashes|fighting"
    r"|violence|feud|feuds|conflict|rivalry|rivalries|vendetta)|inter-?ethnic|ethnic\s+(?:clash|clashes|violence)"
    r"|between\s+(?:the\s+)?(?:two\s+)?(?:rival\s+)?(?:neighbou?ring\s+)?(?:communities|villages|clans|tribes"
    r"|sub-?clans)"
    r"|(?:cattle|livestock)\s+(?:raid|raids|raiders|raiding|rustlers|rustling)"
    r"|(?:herders|herdsmen|pastoralists)\s+and\s+(?:local\s+)?farmers|farmers\s+and\s+(?:herders|herdsmen"
    r"|pastoralists)"
    # herders who bear arms or attack: a herding community's men, armed against its rivals' farms and herds
    r"|armed\s+(?:herders?|herdsm[ae]n|pastoralists?|nomads?)"
    # two named communities set against each other: "clashes between the Ogbe and Aladja communities"
    r"|between\s+(?:the\s+)?(?-i:[A-Z][\w'’-]*(?:[ /-][A-Z][\w'’-]*)?)\s+and\s+(?:the\s+)?"
    r"(?-i:[A-Z][\w'’-]*(?:[ /-][A-Z][\w'’-]*)?)"
    r"\s+(?:communities|villages|clans|sub-?clans|tribes|ethnic\s+groups)"
    r"|communit(?:y|ies)\s+militias?"
    # a feud of families: "fighting between the militias of the rival Khadrawi and Ahneish families",
    # "a family feud", "feuding families"; families alone are as often victims ("families fled")
    r"|(?:rival|feuding|warring)\s+(?:(?-i:[A-Z][\w'’-]*)\s+and\s+(?:the\s+)?(?-i:[A-Z][\w'’-]*)\s+)?families"
    r"|family\s+(?:feud|feuds|vendetta|militia|militias)|(?:militias|fighters|gunmen)\s+of\s+(?:the\s+)?(?:two\s+)?"
    r"(?:rival\s+)?(?-i:[A-Z][\w'’-]*)\s+and\s+(?:the\s+)?(?-i:[A-Z][\w'’-]*)\s+families"
    r"|(?:herders|herdsmen|pastoralists|nomads)\s+(?:attacked|killed|shot|raided|abducted|beat|stormed"
    r"|opened\s+fire))\b",
    re.IGNORECASE,
)
# A dispute over land sets communities fighting each other, but is as often a family's quarrel: it makes
# a feud of a battle only ("clashes over a boundary dispute"), not of an attack on a household.
_DISPUTE = re.compile(r"\b(?:land|boundary|grazing|farmland|pasture)\s+disputes?\b", re.IGNORECASE)
_TEMPLATE = "Unidentified Communal Militia"
_UNNAMED = ("Unidentified Armed Group", "Unidentified Communal Militia", "Unidentified Clan Militia",
            "Unidentified Tribal Militia")  # fmt: skip
_SIDES = (EventType.BATTLES, EventType.VIOLENCE_AGAINST_CIVILIANS)


def _unnamed(actor: Actor | None) -> bool:
    """Whether a side has no name yet: none, an unidentified armed group, or an unidentified communal
    (clan, tribal) militia, which the community a sentence names may still name."""
    return actor is None or actor.name.startswith(_UNNAMED)


def communal_feud(etype: EventType, a1: Actor | None, document: str) -> bool:
    """Whether a battle or an attack whose doers go unnamed is a communal feud's, by the report's words."""
    if etype not in _SIDES or not _unnamed(a1):
        return False
    if etype is EventType.BATTLES and _DISPUTE.search(document):
        return True
    return _COMMUNAL.search(document) is not None


def communal_sides(
    etype: EventType,
    found: Actor | None,
    a2: Actor | None,
    country: str | None,
    names: Sequence[str] = (),
    families: frozenset[str] = frozenset(),
) -> tuple[Actor, Actor | None]:
    """Actor 1 and 2 of a communal feud: the militia of the community the sentence names first (`names`,
    see community_names), else the country's unidentified communal militia (`found`, resolved for the
    report's country; one with no country, whose type is still known, where the report names none); in a
    battle also the other side where it is unnamed too ("clashes between two villages"), the second
    community named if any. `families` are the names the report gives as families' (see family_names)."""
    militia = found if found is not None and found.inter == 4 else Actor(_TEMPLATE, 4, country)
    named = [m for n in names if (m := _community_militia(n, militia.country, n in families)) is not None]
    first = named[0] if named else militia
    if etype is EventType.BATTLES and _unnamed(a2):
        return first, named[1] if len(named) > 1 else militia
    return first, a2


def _community_militia(name: str, iso2: str | None, family: bool = False) -> Actor | None:
    """ "<Place> Communal Militia (<Country>)" (a clan's where the country's feuds are between clans, as
    the knowledge base's unnamed template for the country says, or where the report names a `family`: its
    men are a clan militia in any country), or None for a report of no country."""
    country = load_countries().get(iso2) if iso2 else None
    if country is None:
        return None
    if (people := _known_people(name, country.iso2)) is not None:
        return people
    templates = load_actor_kb().templates
    unnamed = templates["unidentified_communal_militia"]
    clans = family or "Clan" in unnamed.by_country.get(country.iso2, "")
    kind = "clan_militia" if clans else "communal_militia"
    t = templates[kind]
    return Actor(t.render(country.name, country.iso2, name), t.inter, country.iso2)


def _known_people(name: str, iso2: str) -> Actor | None:
    """The militia the knowledge base's identity groups name for a people of the country ("clashes between
    Malinke and Abbey communities": the Malinke are a people, "Malinke Ethnic Militia"), or None for a
    community it does not know, whose militia is then named after it as a town's or clan's."""
    phrase = f"armed {name}"  # every identity group of the knowledge base answers to "armed <alias>"
    for match in load_actor_kb().scan(phrase):
        if match.start != 0 or match.end != len(phrase):
            continue
        found = [e for e in match.candidates if e.country == iso2 and e.inter == 4]
        if found:
            return Actor(found[0].name, found[0].inter, iso2)
    return None


# A community named as a side: "clashes between the Kamalu and Ntambwe communities", "militias from
# Wanikade town", "Aladja militia", "youths of Oke village". ACLED names its militia after it.
_NAME = r"([A-Z][\w'’]+(?:[ -][A-Z][\w'’]+)?)"
_SIDE_NOUNS = r"(?:communities|community|villages|village|people|residents|youths|youth|clans|tribes|towns)"
_PAIR = re.compile(
    rf"\bbetween\s+(?:the\s+)?{_NAME}(?:\s+{_SIDE_NOUNS})?\s+and\s+(?:the\s+)?{_NAME}(?:\s+{_SIDE_NOUNS})?\b"
    rf"|\b(?i:residents|villagers|people|youths?|villages|communities|towns)\s+of\s+{_NAME}\s+and\s+{_NAME}\b"
)
_FROM = re.compile(
    rf"\b(?i:militias?|militiamen|youths?|attackers|gunmen|raiders|armed\s+men)\s+(?:from|of)\s+(?:the\s+)?"
    rf"{_NAME}(?:\s+(?:town|village|community|county|state|area))?\b"
)
# Families as the sides: "the militias of the rival Khadrawi and Ahneish families", "the Ahneish family
# militia"; one family named alone before "family" is as often the victims' ("the Ahmed family's home")
_FAMILIES = re.compile(
    rf"\b{_NAME}\s+and\s+(?:the\s+)?{_NAME}\s+famil(?:y|ies)\b"
    rf"|\b{_NAME}\s+family\s+(?:militia|militias|militiamen|fighters|gunmen)\b"
)
_BEFORE_NOUN = re.compile(
    rf"{_NAME}\s+(?:community|communities|villagers|youths?|militia|militias|militiamen|land\s+guards)\b"
)
# Capitalised words that open a noun phrase and name no community
_NOT_NAMES = frozenset(
    ["the", "a", "an", "two", "both", "local", "rival", "armed", "suspected", "unknown", "unidentified",
     "several", "some", "many", "other", "neighbouring", "neighboring", "nearby", "host", "clan", "tribal",
     "ethnic", "communal", "government", "state", "police", "army", "military", "security", "pro",
     "militia", "militias", "youths", "youth", "residents", "villagers", "community", "communities",
     "angry", "irate", "hundreds", "dozens"]
)  # fmt: skip


def community_names(sentence: str, taken: frozenset[str] = frozenset()) -> list[str]:
    """The communities a sentence names as the sides of a feud, first side first: a pair ("between X and
    Y"), else the first community named before its noun ("Aladja militia"), else the first militia or
    youths from a place ("militias from Wanikade town"). `taken` holds the mentions of peoples the
    knowledge base knows, whose words are no community's."""
    for pattern in (_FAMILIES, _PAIR, _BEFORE_NOUN, _FROM):
        names: list[str] = []
        for m in pattern.finditer(sentence):
            found = [g for g in m.groups() if g]
            names += found
            if pattern not in (_PAIR, _FAMILIES):
                break  # one side named so: a second such name is as often its victims ("X community")
        good = [
            n
            for n in names
            if n.split()[0].lower() not in _NOT_NAMES and not any(n.lower() in t for t in taken)
        ]
        if good and len(good) == len(names):
            return list(dict.fromkeys(good))
    return []


def family_names(sentence: str) -> frozenset[str]:
    """The communities a sentence names as families ("the Khadrawi and Ahneish families", "the Ahneish
    family militia"): their men are clan militias in any country."""
    return frozenset(g for m in _FAMILIES.finditer(sentence) for g in m.groups() if g)
