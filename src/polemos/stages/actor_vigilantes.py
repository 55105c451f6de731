"""Crowd justice (extract stage): a crowd, residents or vigilantes that beat, burn or kill someone they
suspect of a crime or of witchcraft act as ACLED's "Vigilante Militia (<Country>)", an identity militia
(inter 4), not as rioters, civilians or an unidentified armed group.

ACLED's codebook counts vigilante mobs among identity militias: "mob justice" is their violence against a
civilian, whatever word the report has for the crowd ("residents", "an angry crowd", "community members").
"""

from __future__ import annotations

import re

from polemos.model import Actor
from polemos.stages.arguments import ActorMentionLike
from polemos.taxonomy import EventType

# Words that say a crowd took justice into its own hands, wherever they stand in the report (not the word
# "vigilantes", whom the actors stage names itself, and who are as often the victims of gunmen).
_JUSTICE = re.compile(
    r"\b(?:(?:mob|jungle|instant|street|popular|crowd)[ -]justice|lynch(?:ed|es|ing)?)\b",
    re.IGNORECASE,
)
# The victim named as a suspect: "a suspected thief", "accused of witchcraft", "for allegedly stealing a
# laptop", "caught stealing", "discovered to have been stealing a goat", "found stealing". Singular nouns
# only: "suspected kidnappers" are rather the perpetrators.
_SUSPECT = re.compile(
    r"\b(?:suspected|suspect|alleged|allegedly|accused|accusing|accusation|caught|apparently|discovered"
    r"|found)\b"
    r"[^.;]{0,50}?\b(?:thief|steal|stealing|stole|robber|robbing|robbery|witch|witchcraft|sorcery|wizard"
    r"|criminal|rapist|raping|rape|burglar|burglary|theft|murderer|cattle\s+rustler|gang)\b",
    re.IGNORECASE,
)
_TEMPLATE = "Vigilante Militia"


def is_unnamed_doer(actor: Actor | None) -> bool:
    """Whether actor 1 so far says nothing of who the doers were: none, a crowd or its people (rioters,
    protesters, civilians), or an unidentified armed group."""
    return actor is None or actor.inter in (5, 6, 7) or actor.name.startswith("Unidentified Armed Group")


def crowd_justice(
    etype: EventType, a1: Actor | None, sentence: str, document: str, mentions: list[ActorMentionLike]
) -> bool:
    """Whether an attack or mob violence is a crowd punishing a suspect: the report speaks of mob justice
    or lynching, or names its victim as a suspected thief, robber or witch, and no armed party or force is
    named in the sentence."""
    if etype not in (EventType.VIOLENCE_AGAINST_CIVILIANS, EventType.RIOTS) or not is_unnamed_doer(a1):
        return False
    armed = ("state", "external", "armed")
    if any(m.category in armed and not m.actor.name.startswith(_TEMPLATE) for m in mentions):
        return False
    return bool(_JUSTICE.search(document) or _SUSPECT.search(sentence))


def vigilantes(found: Actor | None, country: str | None) -> Actor:
    """The vigilante militia the resolver found for the report's country, else one with no country, whose
    type is still known."""
    return found if found is not None and found.inter == 4 else Actor(_TEMPLATE, 4, country)
