"""A party named as the owner of the site an explosion or strike hit is its target (extract stage):
"blasts hit near Qaddafi's residence", "a Gaddafi-held air base was struck", "the militia leader's
headquarters was shelled" name whose site was hit, never who fired; an unnamed striker is never the
target's own side; and an air campaign's strike whose target goes untold hit the side it flew against.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from polemos.model import Actor
from polemos.stages.actor_parties import parties
from polemos.stages.annotate import Sentence
from polemos.stages.arguments import ActorMentionLike
from polemos.stages.mention_context import DocumentActorsLike

_UNKNOWN = "Unidentified Armed Group"

__all__ = ["campaign_hit", "owner_struck", "site_owner", "striker_not_target"]

# What follows a party named as a site's owner: a possessive or "-held", the site's own name, a few words
# that only describe a site (a closed list, so "Gaddafi forces shelled rebel positions" is no owner), then
# the site itself (no word that is also a verb of attack: "an IED targets a bus")
_SITE_AFTER = re.compile(
    r"(?P<poss>'s|’s|s'|')?"
    r"(?:\s*-\s*|\s+)?(?P<held>(?:held|controlled|occupied|run|owned)\s+)?"
    r"(?:(?-i:[A-Z]|al-)[\w'’-]*\s+){0,3}"  # the site's own name: "Gaddafi's Bab al-Aziziya compound"
    r"(?:(?:military|army|air|naval|ammunition|arms|weapons|command|training|main|residential|fortified"
    r"|defensive|forward|key|last|former|private|family)\s+){0,2}"
    r"(?:compound|compounds|residence|residences|palace|palaces|house|home|headquarters|hq|base|bases"
    r"|site|sites|position|positions|camp|camps|barracks|depot|depots|installation|installations|facility|facilities"
    r"|stronghold|strongholds|hideout|hideouts|garrison|garrisons|bunker|bunkers|airbase|airbases"
    r"|airfield|airport)\b",
    re.IGNORECASE,
)


def site_owner(m: ActorMentionLike, sent: Sentence) -> bool:
    """Whether the mention names whose site something hit: a person ("Qaddafi's compound", "a Gaddafi
    military site", "Ghneiwa's headquarters"), or any party whose site is told as its possession or
    holding ("the militia's base", "a Gaddafi-held air base"). A group's name as a bare modifier ("the
    KDF camp", "an AMISOM base") is left to the desk's habits of order, which often list the force first."""
    after = m.end - sent.start
    found = _SITE_AFTER.match(sent.text, after) if after >= 0 else None
    if found is None:
        return False
    return bool(found.group("poss") or found.group("held")) or m.rule.startswith("leader:")


def owner_struck(
    m1: ActorMentionLike | None,
    m2: ActorMentionLike | None,
    ms: Sequence[ActorMentionLike],
    sent: Sentence,
) -> tuple[ActorMentionLike | None, ActorMentionLike | None]:
    """An explosion or strike whose chosen doer is only named as the owner of a site ("explosions struck
    near Qaddafi's residence"): the owner is the side hit, and the doer is another party the sentence
    names ("after a NATO raid"), or none, left to the unnamed perpetrator's conventions."""
    if m1 is None or not site_owner(m1, sent):
        return m1, m2
    owner = m1
    doer = next(
        (m for m in parties(ms) if m.actor != owner.actor and not site_owner(m, sent)),
        None,
    )
    if m2 is None or (doer is not None and m2.actor == doer.actor):
        m2 = owner
    return doer, m2


def striker_not_target(
    unnamed: ActorMentionLike, target: Actor | None, actors: DocumentActorsLike, position: int
) -> ActorMentionLike:
    """The unnamed perpetrator of a blast or strike, never the side it hit: where the period's default
    for unnamed violence is the target itself (a regime's forces do not bomb their own compound), the
    side that flies there, if another, struck it ("warplanes" as the report's country and day read it)."""
    if target is None or unnamed.actor != target:
        return unnamed
    flyer = actors.resolve_phrase("warplanes", position)
    if flyer is None or flyer.actor == target or flyer.actor.inter not in (1, 8):
        return unnamed
    return flyer


def campaign_hit(
    a1: Actor | None, a2: Actor | None, ms: Sequence[ActorMentionLike], actors: DocumentActorsLike
) -> Actor | None:
    """The side an air campaign's strike hit where the sentence names no target, or only an unidentified
    one ("NATO strikes at enemy positions"), and no civilians: the side the knowledge base says the
    campaign flew against (DocumentActors.struck_by), else None."""
    if a1 is None or (a2 is not None and not a2.name.startswith(_UNKNOWN)):
        return None
    if any(m.category == "civilian" for m in ms):
        return None  # "civilians killed in a NATO strike": its named casualties are its other side
    return actors.struck_by(a1)
