"""Party militias (extract stage): a political party's members, youths or cadres who beat, burn or kill are
ACLED's political militia of that party (inter 3), named as the party ("ZANU-PF youths assaulted an
opposition activist": actor 1 is ZANU-PF), not an unidentified armed group.

The codebook counts the armed supporters of political parties among political militias. Only the doers
are named so: a party's members who are attacked stay civilians, and a party's crowd in a protest or riot
stays the protesters or rioters (the party is then an associated actor, which polemos does not code).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml

from polemos.model import Actor
from polemos.stages.actor_vigilantes import is_unnamed_doer
from polemos.taxonomy import EventType, SubEventType

# The words for a party's following that may do violence in its name
_FOLLOWERS = (
    r"(?:supporters?|youths?|youth\s+wing|youth\s+league|cadres?|activists?|members?|militants?|militias?"
    r"|militiamen|thugs|loyalists|sympathi[sz]ers|agents)"
)
# Between the party and its followers: "ZANU-PF youths", "the ruling PF party's cadres", "PF-aligned thugs"
_JOIN = r"(?:\s+party)?(?:'s)?(?:[\s-]+(?:aligned|affiliated|allied))?\s+"
# What may stand between the doers and their act: "who reportedly", "allegedly", "had"
_ADVERBS = r"(?:\s+(?:who|had|have|\w+ly|then|also|later|on\s+\w+))*"
# Who the doers included, between them and their act: "PF cadres including a local councillor attacked"
_INCLUDING = r"(?:\s*,?\s+(?i:including|among\s+them)(?:\s+[\w'’.-]+){1,5}?\s*,?)?"
# Acts of violence told in the active voice right after the doers ("UPND cadres beat residents")
_ACTS = (
    r"(?:attack|assault|beat|kill|murder|stab|stone|burn|torch|raid|destroy|abduct|kidnap|injur|harass"
    r"|whip|shoot|shot|hack|hit|chase|disrupt|loot|vandali[sz]|set|storm|threaten|intimidat|torture|rap)\w*"
)


@dataclass(frozen=True)
class _Party:
    name: str
    country: str
    pattern: re.Pattern[str]  # the party's names, as doers of the sentence's violence


@cache
def _parties() -> tuple[_Party, ...]:
    ref = resources.files("polemos.knowledge").joinpath("data/parties.yaml")
    raw = yaml.safe_load(ref.read_text(encoding="utf-8"))
    return tuple(
        _party(str(p["name"]), str(p["country"]), [str(n) for n in p["names"]]) for p in raw["parties"]
    )


def _party(name: str, country: str, names: list[str]) -> _Party:
    # short abbreviations keep their case: "PF" or "ANC", never a word written in lower case
    alts = "|".join(
        re.escape(n) if len(n) <= 4 else f"(?i:{re.escape(n)})" for n in sorted(names, key=len)[::-1]
    )
    name_re = rf"(?<![\w-])(?:{alts})(?![\w])"
    followers = rf"{name_re}{_JOIN}(?i:(?:[a-z]+\s+){{0,2}}?{_FOLLOWERS})\b"
    # the doers: agents of a passive ("assaulted by ZANU-PF supporters") or subjects of an act ("UPND
    # cadres beat residents"), not the victims ("attacked MDC-T supporters")
    doers = rf"(?i:\bby\s+(?:suspected\s+|alleged\s+|the\s+|some\s+|a\s+group\s+of\s+|an?\s+)*){followers}"
    subjects = rf"{followers}{_INCLUDING}(?i:{_ADVERBS}\s+{_ACTS})"
    return _Party(name, country, re.compile(f"{doers}|{subjects}"))


# The events whose doers a party's following may be: violence against civilians, and destruction of property
# outside other violence ("party militants burned down an official's house")
_SUBTYPES = frozenset({SubEventType.LOOTING})


def party_militia(etype: EventType, sub: SubEventType, a1: Actor | None, sentence: str) -> Actor | None:
    """The party whose following the sentence names as the doers of its attack, where actor 1 so far says
    nothing of who they were, else None. A party of another country than actor 1's is a namesake."""
    if not (etype is EventType.VIOLENCE_AGAINST_CIVILIANS or sub in _SUBTYPES) or not is_unnamed_doer(a1):
        return None
    country = a1.country if a1 is not None else None
    found = [(m.start(), p) for p in _parties() if (m := p.pattern.search(sentence))]
    found = [(at, p) for at, p in found if country is None or p.country == country]
    if not found:
        return None
    party = min(found, key=lambda f: f[0])[1]
    return Actor(party.name, 3, party.country)
