"""Sides of an event mention that its own sentence leaves unnamed, taken from the narrative around it: the
previous event's sides or the report's main armed actors (extract stage).
"""

from __future__ import annotations

from polemos.model import Actor, Document, Evidence, Place
from polemos.stages.annotate import Sentence
from polemos.stages.event_groups import same_place
from polemos.stages.mention_context import INHERIT_WINDOW, NarrativeContext, evidence_at
from polemos.taxonomy import EventType, SubEventType

__all__ = ["fill_from_context", "strike_from_context"]


def fill_from_context(
    doc: Document,
    sent: Sentence,
    a1: Actor | None,
    a2: Actor | None,
    ctx: NarrativeContext,
    ev: list[Evidence],
    place: Place | None,
) -> tuple[Actor | None, Actor | None]:
    """A battle whose sentence leaves a side unnamed takes it from the narrative around it."""
    prev = ctx.last_mention
    if (
        prev is not None
        and sent.index - ctx.last_mention_sentence <= INHERIT_WINDOW
        and prev.event_type is EventType.BATTLES
        and same_place(prev.place, place)
        and {a1, a2} - {None} <= {prev.actor1, prev.actor2}
    ):
        rule = "context:previous-event"
        if a1 is None and a2 is None:
            a1, a2 = prev.actor1, prev.actor2
        elif a1 is None:
            a1 = prev.actor1 if prev.actor1 != a2 or prev.actor1 == prev.actor2 else prev.actor2
        elif a2 is None:
            a2 = prev.actor2 if prev.actor2 != a1 or prev.actor1 == prev.actor2 else prev.actor1
    else:
        rule = "context:document-main-actor"
        for main in ctx.main_actors:
            if a1 is None and main != a2:
                a1 = main
            elif a2 is None and main != a1:
                a2 = main
    for fld, actor in (("actor1", a1), ("actor2", a2)):
        if actor is not None and not any(e.field == fld for e in ev):
            ev.append(evidence_at(doc, sent, fld, actor.name, sent.start, sent.start, rule, 0.4))
    return a1, a2


def strike_from_context(
    doc: Document,
    sent: Sentence,
    sub: SubEventType,
    a2: Actor | None,
    ctx: NarrativeContext,
    ev: list[Evidence],
) -> tuple[Actor | None, Actor | None]:
    """A shelling or bombing whose sentence names no one who fired or planted it, in a report on named
    armed sides: who did it is told elsewhere in the report ("civilians were killed in shelling" after "LNA
    forces advanced ... BRSC fighters were killed"; "killed by a landmine" in a report on the Islamic
    State). Shelling goes to the report's main armed sides, as a battle's unnamed side does; a mine, bomb
    or grenade only to a non-state group, and only where no state force besides the target is among those
    sides (armies seldom plant them); an air strike is left to whoever flies there (the unnamed-perpetrator
    default)."""
    sides = [a for a in ctx.main_actors if a != a2]
    if sub in (SubEventType.REMOTE_EXPLOSIVE, SubEventType.SUICIDE_BOMB, SubEventType.GRENADE):
        sides = sides if all(a.inter in (2, 3, 4) for a in sides) else []
    elif sub is not SubEventType.SHELLING:
        sides = []
    if not sides:
        return None, a2
    a1 = sides[0]
    ev.append(evidence_at(doc, sent, "actor1", a1.name, sent.start, sent.start, "context:strike-sides", 0.35))
    if (a2 is None or a2.inter == 7) and len(sides) > 1:
        # civilians killed in the shelling of a battle are its toll: its sides are ACLED's actors
        a2 = sides[1]
        ev[:] = [e for e in ev if e.field != "actor2"]
        ev.append(
            evidence_at(doc, sent, "actor2", a2.name, sent.start, sent.start, "context:strike-sides", 0.35)
        )
    return a1, a2
