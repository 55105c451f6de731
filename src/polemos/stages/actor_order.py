"""Which of an event's two armed sides is actor 1 (extract stage): ACLED's codebook gives actor order no
meaning outside violence against civilians, so the order follows each conflict desk's habits and, where
none is known, ACLED's general ones.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from polemos.model import Actor, Place
from polemos.stages.actor_parties import peace_force
from polemos.stages.annotate import Sentence
from polemos.stages.arguments import ActorMentionLike
from polemos.stages.mention_context import DocumentActorsLike
from polemos.taxonomy import EventType

__all__ = ["attacked_side", "placed_foe", "swap_sides", "under_attack"]

# A side told as attacked by someone the sentence leaves unnamed ("policemen came under attack", "a soldier
# was shot dead by a sniper"): the unnamed attacker is a side of its own, not one of a fight's two named sides
_UNDER_ATTACK = re.compile(
    r"\b(?:came|come|comes|coming)\s+under\b|\bunder\s+attack\b"
    r"|\b(?:was|were|been|being)\s+(?:\w+\s+)?(?:attacked|ambushed|targeted|shot|killed|raided|stormed|fired\s+(?:on|upon))\b",
    re.IGNORECASE,
)


def under_attack(text: str) -> bool:
    """Whether a sentence tells a side as attacked by someone it leaves unnamed."""
    return _UNDER_ATTACK.search(text) is not None


def attacked_side(
    m: ActorMentionLike, sent: Sentence, mentions: Sequence[ActorMentionLike]
) -> tuple[ActorMentionLike | None, ActorMentionLike | None]:
    """A battle whose only named side is a state force the clause does not make its doer, in a sentence
    that tells of an attack on it by someone unnamed ("a policeman was injured when the station was
    raided"): that force is the side attacked (actor 2), and actor 1 is left to the unnamed attacker.
    `mentions` are the sentence's: where the force is first named there."""
    if m.category != "state":
        return m, None
    # the side attacked is the passive clause's subject, told before its verb ("one attacker was shot
    # dead, and a police officer found dead" tells no attack on the police)
    first = min((x.start for x in mentions if x.actor == m.actor), default=m.start)
    if _UNDER_ATTACK.search(sent.text, max(0, min(first, m.start) - sent.start)) is None:
        return m, None
    return None, m


def placed_foe(
    unknown: ActorMentionLike, named: Actor, place: Place | None, actors: DocumentActorsLike
) -> ActorMentionLike | None:
    """The unnamed side of a battle that names only `named`: the group that fought the war of the event's
    place (the knowledge base's `fighting` default there), where `named` is that group's only enemy
    ("three LNA soldiers were killed in clashes in Benghazi's Sabri" in 2017: its shura council), else
    None."""
    fought = actors.at_place(unknown, place, "fighting")
    if fought is unknown:
        return None
    foe = actors.sole_opponent(fought.actor)
    return fought if foe is not None and foe.name == named.name else None


def swap_sides(
    a1: Actor,
    a2: Actor,
    etype: EventType,
    agent: bool,
    actors: DocumentActorsLike,
    attacked: bool = False,
    initiator: Actor | None = None,
) -> bool:
    """Return whether the two armed sides of a battle or a strike go the other way round.

    Actor order carries no meaning in ACLED's codebook, so each conflict's desk keeps its own habit: where
    the knowledge base names a camp that leads its conflict's battles, that camp goes first whoever
    attacked, except before a foreign force (whose strikes ACLED lists under the foreign force first) and
    a rival government's forces (peers: the one acting goes first); a leading state camp also goes first
    in the strikes between it and non-state groups (a rebel's rocket on an army base as much as the army's
    shelling). But a battle the report tells as the other camp's operation ("operations by Afghan forces
    killed eight Taliban", "killed in an attack by X": its `initiator`) lists that camp first: the habit
    stands for fights told from no one's initiative, or from the leading camp's. Elsewhere the order found
    stands, but state forces go first in a battle of no initiator (after an unnamed attacker of theirs,
    and never behind a foreign force that is not a peacekeeper). A camp the desk lists second (a new
    state's forces after the war that made it) goes after whoever it fights, in battles and strikes."""
    trail1, trail2 = actors.trails_battles(a1), actors.trails_battles(a2)
    if trail1 != trail2 and etype in (EventType.BATTLES, EventType.EXPLOSIONS):
        return trail1
    lead1, lead2 = actors.leads_battles(a1), actors.leads_battles(a2)
    lead, other = (a1, a2) if lead1 else (a2, a1)
    if lead1 != lead2 and not (lead.inter == 1 and other.inter == 1):
        if other.inter == 8:
            return lead1
        if etype is EventType.BATTLES and initiator is not None and initiator.name == other.name:
            return lead1  # the other camp's operation: its forces first
        if etype is EventType.BATTLES or (lead.inter == 1 and other.inter in (2, 3, 4)):
            return lead2
        return False
    if not actors.knows_camps() and a2.inter in (1, 8) and a1.inter in (2, 3, 4) and not peace_force(a2):
        # no desk habit known here: ACLED's general one lists state (and foreign) forces before the named
        # armed groups they fight, whoever attacked (not peacekeepers: the group attacking them goes first);
        # an unidentified attacker stays first (one named, or implied by the state's forces coming under
        # attack), but an unidentified side of a fight naming no attacker ("clashes between...") goes after
        return not (
            a1.name.startswith("Unidentified") and (agent or attacked or etype is not EventType.BATTLES)
        )
    if etype is not EventType.BATTLES or agent or a2.inter >= a1.inter:
        return False
    if a1.inter == 8 and not peace_force(a1):
        return False  # a foreign force keeps its place before a local group: ACLED lists it first
    # a battle of no initiator lists the state's forces first, but not after the unnamed attacker of a side
    # told as attacked ("a police commander was killed when gunmen attacked his car"), as where no desk
    # habit is known
    return not (attacked and a1.name.startswith("Unidentified"))
