"""The other side of a fight or a shelling whose own clause names none (extract stage).

A group named by whom it opposes: "members of an anti-Gaddafi tribal militia take a desert town". The
report names the enemy in the group's own name: a battle that names no other side was fought against
that enemy's forces, as a coder reading "anti-X" would code it.

A shelling told as part of a fight the sentence tells: "rebels repulsed loyalists ... and chased them to
the town's outskirts, shelling the town from nearby hills". The shelling's object is a place, and the side
it was fired at is the armed party the sentence names fighting the one that fired.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from polemos.stages.arguments import ActorMentionLike
from polemos.stages.mention_context import DocumentActorsLike
from polemos.taxonomy import Inter

__all__ = ["opposed_forces", "struck_foe"]

# the armed sides: state forces, rebels, political and identity militias
_FORCES = frozenset({Inter.STATE_FORCES, Inter.REBEL_GROUP, Inter.POLITICAL_MILITIA})
_ARMED = _FORCES | {Inter.IDENTITY_MILITIA}

# The rule of a mention read from an "anti-X" name (stages/actor_scan.py Named.rule, then the resolver's
# reading): "leader:anti-Gaddafi->communal", "alias:anti-Haftar->unidentified"
_ANTI_RULE = re.compile(r"^(?:alias|leader|abbreviation):anti-(?P<key>[^>(]+?)(?:\s*\(.*)?(?:->.*)?$")


def opposed_forces(
    side: ActorMentionLike, actors: DocumentActorsLike, position: int
) -> ActorMentionLike | None:
    """The forces of the X that `side` was named as opposing ("anti-X"), or None where `side` is no such
    mention or X's forces are `side`'s own actor."""
    found = _ANTI_RULE.match(side.rule)
    if found is None:
        return None
    foe = actors.resolve_phrase(f"{found.group('key').strip()} forces", position)
    if foe is None or foe.actor == side.actor or foe.actor.inter not in _FORCES:
        return None
    return foe


def struck_foe(striker: ActorMentionLike, ms: Sequence[ActorMentionLike]) -> ActorMentionLike | None:
    """The first armed party of the sentence's mentions `ms` other than `striker`'s own actor: the side a
    shelling or strike that names no target was fired at. None where there is no such party, or where it
    is a foreign force (named beside a strike it is rather a striker, "backed by NATO strikes"), and not
    an unnamed group: a generic word is as often the striker's own ("RAF Tornado fighters")."""
    for m in ms:
        if m.actor.name.startswith("Unidentified"):
            continue
        armed = m.category in ("state", "armed") and m.actor.inter in _ARMED
        if armed and m.actor != striker.actor and m.actor.country in (None, striker.actor.country):
            return m
    return None
