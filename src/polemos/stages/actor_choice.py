"""Choose actor 1 and actor 2 of an event mention from the roles its trigger's parse gives, ACLED's
conventions for unnamed sides, and the narrative around the sentence (extract stage).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence

from polemos.model import Actor, Document, Evidence, Place
from polemos.stages.aggregate import same_place, unnamed_actor1
from polemos.stages.annotate import Sentence
from polemos.stages.arguments import ActorMentionLike, Roles
from polemos.stages.mention_context import (
    INHERIT_WINDOW,
    VIOLENT,
    DocumentActorsLike,
    NarrativeContext,
    evidence_at,
)
from polemos.taxonomy import EventType, SubEventType

# What follows a party named as a bomb's casualty: "soldiers (of the LNA) were killed", "reported dead".
_CASUALTY_AFTER = re.compile(
    r"[^.;:]{0,60}?\b(?:(?:was|were|been|are|is|reportedly|reported|later)\s+){1,2}"
    r"(?:\w+\s+)?(?:killed|wounded|injured|hurt|dead)\b"
)
# Observers and mediators report on fighting; they are never a party to it.
_NON_COMBATANT = re.compile(
    r"\bUnited Nations\b|^UN\b|^UN[A-Z]+:|Red Cross|Human Rights Watch|Amnesty|Crisis Group"
)


def first_mention(
    ms: Sequence[ActorMentionLike], *, exclude: Actor | None = None, civilian: bool = False
) -> ActorMentionLike | None:
    for m in ms:
        if (m.category == "civilian") == civilian and m.actor != exclude:
            return m
    return None


def parties(ms: Sequence[ActorMentionLike]) -> list[ActorMentionLike]:
    """Mentions that can be a side of an armed interaction (not observers, mediators or bystanders)."""
    return [m for m in ms if m.category != "civilian" and not _NON_COMBATANT.search(m.actor.name)]


def choose_actors(
    doc: Document,
    sent: Sentence,
    sub: SubEventType,
    roles: Roles,
    actors: DocumentActorsLike,
    ctx: NarrativeContext,
    position: int,
    place: Place | None,
    sentence_mentions: Sequence[ActorMentionLike] = (),
) -> tuple[Actor | None, Actor | None, list[Evidence]]:
    etype = sub.event_type
    ev: list[Evidence] = []
    m1: ActorMentionLike | None
    m2: ActorMentionLike | None
    agents, patients, others = list(roles.agents), list(roles.patients), list(roles.others)
    victim_known = False
    if etype in VIOLENT or etype is EventType.VIOLENCE_AGAINST_CIVILIANS:
        agents, others = parties(agents), parties(others)
    if etype is EventType.VIOLENCE_AGAINST_CIVILIANS:
        m1 = first_mention(agents) or first_mention(others)
        # An armed party the sentence names but the parse did not tie to the verb is still the likelier
        # perpetrator than "unidentified gunmen".
        named = [m for m in sentence_mentions if m not in patients and m.category in ("state", "armed")]
        m1 = m1 or first_mention(parties(named))
        m2 = first_mention(patients, civilian=True) or first_mention(roles.others, civilian=True)
        m1 = m1 or actors.resolve_phrase("unidentified gunmen", position)
        m2 = m2 or actors.resolve_phrase("civilians", position)
    elif etype in (EventType.PROTESTS, EventType.RIOTS):
        crowd = "rioters" if etype is EventType.RIOTS else "protesters"
        m1 = next((m for m in (*agents, *others) if m.category in ("protester", "rioter")), None)
        m1 = m1 or actors.resolve_phrase(crowd, position)
        m2 = first_mention(patients) or first_mention([m for m in others if m.category in ("state", "armed")])
    else:
        if etype in VIOLENT:
            patients = parties(patients)
        m1 = first_mention(agents) or first_mention([m for m in others if m not in patients])
        if m1 is None and etype is not EventType.STRATEGIC_DEVELOPMENTS:
            # No agent in the trigger's clause: an armed party named elsewhere in the sentence acted.
            m1 = first_mention(parties([m for m in sentence_mentions if m not in patients]))
        m2 = first_mention(patients, exclude=m1.actor if m1 else None)
        if m2 is None and etype in VIOLENT:
            m2 = first_mention(others, exclude=m1.actor if m1 else None)
        if sub is SubEventType.AIR_DRONE_STRIKE and m1 is not None and m2 is None and m1 not in agents:
            m1, m2 = _air_target(m1, actors, position)
        if sub is SubEventType.REMOTE_EXPLOSIVE and m1 is not None and m2 is None and m1 not in agents:
            m1, m2 = _mine_victim(m1, sent, actors, position)
            # the casualty stays actor 2 whichever camp leads the conflict's battles
            victim_known = m2 is not None
        if m1 is not None and m2 is None and "rival" in m1.text.lower():
            m2 = m1  # "fighting between rival tribal groups": both sides share the generic name
    a1 = _crowd_of(etype, m1.actor) if m1 else None
    a2 = m2.actor if m2 else None
    for fld, m, a in (("actor1", m1, a1), ("actor2", m2, a2)):
        if m is not None and a is not None and m.start >= 0:
            ev.append(evidence_at(doc, sent, fld, a.name, m.start, m.end, f"actor:{m.rule}", m.confidence))
    if etype is EventType.BATTLES and (a1 is None or a2 is None):
        a1, a2 = _fill_from_context(doc, sent, a1, a2, ctx, ev, place)
        if (a1 is None) != (a2 is None):
            # One side named, and its camp fights only one other in this war: that camp's forces.
            known = a1 or a2
            assert known is not None
            foe = actors.sole_opponent(known)
            if foe is not None:
                fld = "actor2" if a2 is None else "actor1"
                a1, a2 = (a1, foe) if a2 is None else (foe, a2)
                ev.append(
                    evidence_at(doc, sent, fld, foe.name, sent.start, sent.start, "camp:sole-opponent", 0.4)
                )
    if a1 is None and etype in VIOLENT:
        # ACLED's convention for an unnamed perpetrator of violence.
        unknown = actors.resolve_phrase("unidentified armed group", position)
        if unknown is not None:
            a1 = unknown.actor
            # a mine's or bomb's named casualty stays its target (as in _mine_victim); a foreign force
            # named beside an unnamed side is rather the one that struck ("bombed by NATO")
            victim_known = sub is SubEventType.REMOTE_EXPLOSIVE and a2 is not None and a2.inter != 8
            ev.append(
                evidence_at(
                    doc, sent, "actor1", a1.name, sent.start, sent.start, "actor:unnamed-perpetrator", 0.3
                )
            )
    if (
        etype in VIOLENT
        and a1 is not None
        and a2 is not None
        and 7 not in (a1.inter, a2.inter)
        and not victim_known
        and _swap_sides(a1, a2, etype, bool(agents), actors)
    ):
        a1, a2 = a2, a1
        ev = [
            dataclasses.replace(e, field={"actor1": "actor2", "actor2": "actor1"}.get(e.field, e.field))
            for e in ev
        ]
    return a1, a2, ev


def _mine_victim(
    m1: ActorMentionLike, sent: Sentence, actors: DocumentActorsLike, position: int
) -> tuple[ActorMentionLike | None, ActorMentionLike | None]:
    """A mine or bomb whose only named party is said to have been killed or wounded by it ("two soldiers
    were killed in a landmine explosion"): that party is the target, and whoever planted it, unnamed, is
    actor 1 (an unidentified armed group, or the period's default perpetrator)."""
    if not _CASUALTY_AFTER.match(sent.text, max(0, m1.end - sent.start)):
        return m1, None
    planter = actors.resolve_phrase("unidentified armed group", position)
    if planter is None or planter.actor == m1.actor:
        return m1, None
    return planter, m1


def _crowd_of(etype: EventType, actor: Actor) -> Actor:
    """ACLED names a crowd by what it did, not by the report's word for it: "protesters" who storm a
    building are a riot's rioters, a peaceful "mob" a protest's protesters."""
    if etype not in (EventType.PROTESTS, EventType.RIOTS) or actor.inter not in (5, 6) or not actor.country:
        return actor
    return unnamed_actor1(etype, actor.country) or actor


def _air_target(
    m1: ActorMentionLike, actors: DocumentActorsLike, position: int
) -> tuple[ActorMentionLike, ActorMentionLike | None]:
    """An air strike whose only named party is a militia or rebel group not said to strike ("air raids on
    the BDB's positions"): armed groups of that kind rarely fly, so the group is the target and the
    striker is whoever flies there (the period's air power, resolved as an unnamed perpetrator)."""
    if m1.actor.inter not in (2, 3, 4):
        return m1, None
    flyer = actors.resolve_phrase("unidentified armed group", position)
    if flyer is None or flyer.actor.inter not in (1, 8):
        return m1, None
    return flyer, m1


def _swap_sides(a1: Actor, a2: Actor, etype: EventType, agent: bool, actors: DocumentActorsLike) -> bool:
    """Return whether the two armed sides of a battle or a strike go the other way round.

    Actor order carries no meaning in ACLED's codebook, so each conflict's desk keeps its own habit: where
    the knowledge base names a camp that leads its conflict's battles, that camp goes first whoever
    attacked, except before a foreign force (whose strikes ACLED lists under the foreign force first) and
    a rival government's forces (peers: the one acting goes first); a leading state camp also goes first
    in the strikes between it and non-state groups (a rebel's rocket on an army base as much as the army's
    shelling). Elsewhere the order found stands, but for a battle with no stated initiator, where state
    forces (the lower inter code) go first."""
    lead1, lead2 = actors.leads_battles(a1), actors.leads_battles(a2)
    lead, other = (a1, a2) if lead1 else (a2, a1)
    if lead1 != lead2 and not (lead.inter == 1 and other.inter == 1):
        if other.inter == 8:
            return lead1
        if etype is EventType.BATTLES or (lead.inter == 1 and other.inter in (2, 3, 4)):
            return lead2
        return False
    return etype is EventType.BATTLES and not agent and a2.inter < a1.inter


def _fill_from_context(
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
