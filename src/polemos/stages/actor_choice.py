"""Choose actor 1 and actor 2 of an event mention from the roles its trigger's parse gives, ACLED's
conventions for unnamed sides, and the narrative around the sentence (extract stage).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from polemos.model import Actor, Document, Evidence, Place
from polemos.stages.actor_clandestine import clandestine
from polemos.stages.actor_communities import communal_feud, communal_sides, community_names, family_names
from polemos.stages.actor_context_sides import fill_from_context, strike_from_context
from polemos.stages.actor_crowd_forces import crowd_police
from polemos.stages.actor_foes import opposed_forces, struck_foe
from polemos.stages.actor_initiative import initiator
from polemos.stages.actor_motives import ground_holders, in_charge_or_motive, own_men_punished
from polemos.stages.actor_order import attacked_side, placed_foe, swap_sides, under_attack
from polemos.stages.actor_parties import (
    attributed_doer,
    finders_of_dead,
    first_mention,
    not_claimants,
    not_institutions,
    parties,
    source_of_fire,
)
from polemos.stages.actor_sites import campaign_hit, owner_struck, site_owner, striker_not_target
from polemos.stages.actor_targets import air_target, casualties_hit, mine_victim, planter_first, state_site
from polemos.stages.actor_unknown import told_unknown
from polemos.stages.actor_vigilantes import crowd_justice, vigilantes
from polemos.stages.aggregate import unnamed_actor1
from polemos.stages.annotate import Sentence
from polemos.stages.arguments import ActorMentionLike, Roles
from polemos.stages.mention_context import (
    VIOLENT,
    DocumentActorsLike,
    NarrativeContext,
    evidence_at,
)
from polemos.stages.party_militias import party_militia
from polemos.taxonomy import EventType, SubEventType

# Explosives whose casualties a report may name before (or without) whoever set them off
_PLANTED = frozenset({SubEventType.REMOTE_EXPLOSIVE, SubEventType.SUICIDE_BOMB, SubEventType.GRENADE})


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
    site_hit = False  # the side hit is named as the owner of the site a blast or strike hit
    if etype in VIOLENT or etype is EventType.VIOLENCE_AGAINST_CIVILIANS:
        agents, others = parties(agents), parties(others)
    # who only reports the event is never its party ("Gaddafi forces blamed NATO for the bombing")
    sentence_mentions = not_claimants(sentence_mentions, sent)
    # nor who a charge or a motive names, nor a place's holder in a strategic development (actor_motives)
    aside = in_charge_or_motive([*sentence_mentions, *agents, *patients, *others], sent, position)
    aside += ground_holders([*sentence_mentions, *agents, *patients, *others], sent, etype)
    if aside:
        agents, patients, others = ([m for m in ms if m not in aside] for ms in (agents, patients, others))
        sentence_mentions = [m for m in sentence_mentions if m not in aside]
        # and a side left unnamed is not filled with them from the report's main actors either
        still = {m.actor for m in (*sentence_mentions, *agents, *patients, *others)}
        gone = {m.actor for m in aside} - still
        ctx = dataclasses.replace(ctx, main_actors=tuple(a for a in ctx.main_actors if a not in gone))
    if etype is EventType.VIOLENCE_AGAINST_CIVILIANS:
        finders = finders_of_dead(sentence_mentions, sent)
        agents = [m for m in agents if m not in finders]
        others = [m for m in others if m not in finders]
        sentence_mentions = [m for m in sentence_mentions if m not in finders]
        m1 = first_mention(agents) or first_mention(others)
        # An armed party the sentence names but the parse did not tie to the verb is still the likelier
        # perpetrator than "unidentified gunmen".
        named = [m for m in sentence_mentions if m not in patients and m.category in ("state", "armed")]
        m1 = m1 or first_mention(parties(named))
        m2 = first_mention(patients, civilian=True) or first_mention(roles.others, civilian=True)
        if own_men_punished(sent) and (m1 is None or m1.category != "state"):
            m1 = actors.resolve_phrase("the army", position)  # soldiers executed for refusing orders
        m1 = m1 or actors.resolve_phrase("unidentified gunmen", position)
        m2 = m2 or actors.resolve_phrase("civilians", position)
    elif etype in (EventType.PROTESTS, EventType.RIOTS):
        crowd = "rioters" if etype is EventType.RIOTS else "protesters"
        m1 = next((m for m in (*agents, *others) if m.category in _CROWD), None)
        m1 = m1 or actors.resolve_phrase(crowd, position)
        m2 = _crowd_counterpart(sub, m1, roles, sentence_mentions)
    else:
        if etype in VIOLENT:
            patients = parties(patients)
        m1 = first_mention(agents) or first_mention([m for m in others if m not in patients])
        if m1 is None and (etype is not EventType.STRATEGIC_DEVELOPMENTS or sub is SubEventType.ARRESTS):
            # No agent in the trigger's clause: an armed party named elsewhere in the sentence acted (an
            # arrest too: only a force arrests, "soldiers raided homes, detaining ten men")
            m1 = first_mention(parties([m for m in sentence_mentions if m not in patients]))
        m2 = first_mention(patients, exclude=m1.actor if m1 else None)
        if m2 is None and etype in VIOLENT:
            m2 = first_mention(others, exclude=m1.actor if m1 else None)
        if etype is EventType.BATTLES and m2 is None and m1 is not None and m1 not in agents:
            m1, m2 = attacked_side(m1, sent, sentence_mentions)
        if etype is EventType.EXPLOSIONS:
            m1, m2 = owner_struck(m1, m2, parties(sentence_mentions), sent)  # "blasts near Qaddafi's home"
            site_hit = m2 is not None and site_owner(m2, sent)
        if sub is SubEventType.AIR_DRONE_STRIKE and m1 is not None and m2 is None and m1 not in agents:
            m1, m2 = air_target(m1, actors, position)
        if m1 is not None and m2 is None and m1 not in agents and etype in VIOLENT:
            m1, m2 = mine_victim(m1, sent, actors, position, sub in _PLANTED)
            # the casualty stays actor 2 whichever camp leads the conflict's battles
            victim_known = m2 is not None
        if m1 is not None and m2 is None and "rival" in m1.text.lower():
            m2 = m1  # "fighting between rival tribal groups": both sides share the generic name
        if sub in _PLANTED:
            m1, m2 = planter_first(m1, m2, sentence_mentions, sent)
        if etype is EventType.EXPLOSIONS and m2 is None:
            m2 = casualties_hit(roles, sentence_mentions, sent, m1.actor if m1 else None)
        if etype is EventType.EXPLOSIONS and m1 is not None and m2 is None:
            m2 = struck_foe(m1, parties(sentence_mentions))  # "..., shelling the town": the foe told
        if etype in VIOLENT and m2 is None:
            m2 = state_site(sent, actors, m1.actor if m1 else None)
        if m1 is not None and m2 is None and _communities_fight(m1, etype):
            m2 = m1
    if etype in VIOLENT or etype is EventType.VIOLENCE_AGAINST_CIVILIANS:
        m1, m2 = source_of_fire(m1, m2, parties(sentence_mentions), sent)
        # "militants" the report ties to no one: the group that fought the war where the event took place
        m1 = actors.at_place(m1, place, "militants") if m1 is not None else None
        m2 = actors.at_place(m2, place, "militants") if m2 is not None else None
    a1 = _crowd_of(etype, m1.actor) if m1 else None
    a2 = crowd_police(etype, m2, m2.actor if m2 else None)
    for fld, m, a in (("actor1", m1, a1), ("actor2", m2, a2)):
        if m is not None and a is not None and m.start >= 0:
            ev.append(evidence_at(doc, sent, fld, a.name, m.start, m.end, f"actor:{m.rule}", m.confidence))
    if crowd_justice(etype, a1, sent.text, doc.text, list(sentence_mentions)):
        a1, a2 = _vigilante_pair(doc, sent, a2, actors, position, ev)
    party = party_militia(etype, sub, a1, sent.text)
    if party is not None:
        a1 = party
        ev[:] = [e for e in ev if e.field != "actor1"]
        ev.append(
            evidence_at(doc, sent, "actor1", a1.name, sent.start, sent.start, "actor:party-militia", 0.5)
        )
    if etype is EventType.BATTLES and m1 is not None and a1 is not None and a2 is None:
        enemy = opposed_forces(m1, actors, position)  # "an anti-X militia took the town": X's forces
        if enemy is not None:
            a2 = enemy.actor
            ev.append(evidence_at(doc, sent, "actor2", a2.name, m1.start, m1.end, "actor:opposed", 0.5))
    if etype is EventType.BATTLES and (a1 is None or a2 is None):
        a1, a2 = fill_from_context(doc, sent, a1, a2, ctx, ev, place)
        if (a1 is None) != (a2 is None) and not clandestine(sent.text):
            # One side named, and its camp fights only one other in this war: that camp's forces (not the
            # doer of a deed done in hiding, "a commander was assassinated": see actor_clandestine).
            known = a1 or a2
            assert known is not None
            foe = actors.sole_opponent(known)
            if foe is not None:
                fld = "actor2" if a2 is None else "actor1"
                a1, a2 = (a1, foe) if a2 is None else (foe, a2)
                ev.append(
                    evidence_at(doc, sent, fld, foe.name, sent.start, sent.start, "camp:sole-opponent", 0.4)
                )
    told = attributed_doer(doc.text, actors, a1) if etype in VIOLENT else None
    told = actors.at_place(told, place, "militants") if told is not None else None  # "militants claim it"
    if told is not None and told.actor != a2:
        a1 = told.actor  # "the explosions are said to be the work of X", told in another sentence
        ev[:] = [e for e in ev if e.field != "actor1"]
        ev.append(evidence_at(doc, sent, "actor1", a1.name, told.start, told.end, "actor:attributed", 0.5))
    struck = a2 is None or a2.inter == 7 or a2 in ctx.main_actors
    if a1 is None and etype is EventType.EXPLOSIONS and struck:
        a1, a2 = strike_from_context(doc, sent, sub, a2, ctx, ev)
    if communal_feud(etype, a1, doc.text):
        a1, a2 = _communal_pair(doc, sent, etype, a2, actors, position, ev)
    if a1 is None and etype in VIOLENT:
        # ACLED's convention for an unnamed perpetrator of violence.
        unknown = actors.resolve_phrase("unidentified armed group", position)
        # where one group fought a place's war, it is the unnamed side there (see actor_places)
        fight = etype is EventType.BATTLES and a2 is None
        # but the doer of a deed done in hiding, or one the report calls unknown, is no place's war party
        hidden = clandestine(sent.text) or told_unknown(sent.text)
        label_class = "fighting" if fight else "unnamed"
        placed = unknown if hidden or unknown is None else actors.at_place(unknown, place, label_class)
        if etype is EventType.BATTLES and a2 is not None and unknown is not None and not hidden:
            # a battle naming one side, fought where one group fought that side's war: that group
            placed = placed_foe(unknown, a2, place, actors) or placed
        if placed is not None and site_hit:
            placed = striker_not_target(placed, a2, actors, position)
        if placed is not None:
            a1 = placed.actor
            # a mine's or bomb's named casualty stays its target (as in mine_victim); a foreign force
            # named beside an unnamed side is rather the one that struck ("bombed by NATO")
            victim_known = sub in _PLANTED and a2 is not None and a2.inter != 8
            rule = "actor:unnamed-perpetrator" if placed is unknown else f"actor:{placed.rule}"
            ev.append(evidence_at(doc, sent, "actor1", a1.name, sent.start, sent.start, rule, 0.3))
            if fight and placed is not unknown and (foe := actors.sole_opponent(a1)) is not None:
                # a battle that names neither side, fought where that group's only enemy fought it
                a2 = foe
                ev.append(evidence_at(doc, sent, "actor2", foe.name, sent.start, sent.start, rule, 0.3))
    if etype is EventType.EXPLOSIONS and (hit := campaign_hit(a1, a2, sentence_mentions, actors)) is not None:
        a2 = hit  # an air campaign's strike on targets left unnamed ("NATO strikes hit two tanks")
        ev[:] = [e for e in ev if e.field != "actor2"]
        ev.append(evidence_at(doc, sent, "actor2", a2.name, sent.start, sent.start, "default:struck", 0.4))
    if (
        etype in VIOLENT
        and a1 is not None
        and a2 is not None
        and 7 not in (a1.inter, a2.inter)
        and not victim_known
        and swap_sides(
            a1,
            a2,
            etype,
            bool(agents),
            actors,
            under_attack(sent.text),
            _initiator(doc, etype, a1, a2, actors),
        )
    ):
        a1, a2 = a2, a1
        ev = [
            dataclasses.replace(e, field={"actor1": "actor2", "actor2": "actor1"}.get(e.field, e.field))
            for e in ev
        ]
    return a1, a2, ev


def _initiator(
    doc: Document, etype: EventType, a1: Actor, a2: Actor, actors: DocumentActorsLike
) -> Actor | None:
    """The side of a battle the report names as the agent of its operation ("a raid by X"), if one."""
    if etype is not EventType.BATTLES:
        return None
    return initiator(a1, a2, doc.text, actors.mentions_in(0, len(doc.text)))


_CROWD = ("protester", "rioter")
# Sub-types whose very name says a force dealt with the crowd: the force named in the sentence is that side
_MET_BY_FORCE = frozenset(
    {SubEventType.PROTEST_WITH_INTERVENTION, SubEventType.EXCESSIVE_FORCE_AGAINST_PROTESTERS}
)


def _crowd_counterpart(
    sub: SubEventType,
    crowd: ActorMentionLike | None,
    roles: Roles,
    sentence_mentions: Sequence[ActorMentionLike],
) -> ActorMentionLike | None:
    """The other side of a protest or riot (ACLED: the crowd is actor 1, whoever it met actor 2), never
    the crowd itself: what the crowd acted on ("rioters attacked police"); where the sub-type says a force
    met the crowd, the state force that acted ("police dispersed protesters", "troops fired on
    demonstrators"), else the one the sentence names ("riot police fired tear gas to disperse students");
    else an armed party the trigger names otherwise. None for a peaceful protest, which met no one; a
    government named as an institution is what the crowd addressed, no side; an armed group that acts in
    a protest is its crowd ("militia members marched")."""
    if sub is SubEventType.PEACEFUL_PROTEST:
        return None  # ACLED's peaceful protest met no one: no intervention, no other side
    own = crowd.actor if crowd is not None else None
    met = sub in _MET_BY_FORCE or sub.event_type is EventType.RIOTS
    force = [m for m in not_institutions(roles.agents) if m.category == "state"] if met else []
    others = [m for m in not_institutions(roles.others) if m.category in ("state", "armed")]
    # another crowd word is the same crowd told again ("clashes between police and protesters"), never
    # its counterpart: ACLED all but never lists protesters as a crowd's actor 2
    patients = [m for m in not_institutions(roles.patients) if m.category not in _CROWD]
    m2 = first_mention(patients, exclude=own) or first_mention(force)
    m2 = m2 or first_mention(others, exclude=own)
    if m2 is None and sub in _MET_BY_FORCE:
        m2 = first_mention([m for m in not_institutions(sentence_mentions) if m.category == "state"])
    return m2


def _communities_fight(m: ActorMentionLike, etype: EventType) -> bool:
    """Whether unnamed communities named in the plural fought each other, with no other side named
    ("clashes between tribes", "two ethnic groups exchanged fire"): one generic name is both sides."""
    return etype is EventType.BATTLES and m.rule.startswith("communal:") and m.text.lower().endswith("s")


def _crowd_of(etype: EventType, actor: Actor) -> Actor:
    """ACLED names a crowd by what it did, not by the report's word for it: "protesters" who storm a
    building are a riot's rioters, a peaceful "mob" a protest's protesters."""
    if etype not in (EventType.PROTESTS, EventType.RIOTS) or actor.inter not in (5, 6) or not actor.country:
        return actor
    return unnamed_actor1(etype, actor.country) or actor


def _vigilante_pair(
    doc: Document,
    sent: Sentence,
    a2: Actor | None,
    actors: DocumentActorsLike,
    position: int,
    ev: list[Evidence],
) -> tuple[Actor, Actor | None]:
    """A crowd that punished a suspect is the country's vigilante militia; whom it punished, civilians."""
    found = actors.resolve_phrase("vigilantes", position)
    if a2 is None:
        victims = actors.resolve_phrase("civilians", position)
        a2 = victims.actor if victims is not None else None
    a1 = vigilantes(found.actor if found is not None else None, a2.country if a2 is not None else None)
    ev[:] = [e for e in ev if e.field != "actor1"]
    ev.append(evidence_at(doc, sent, "actor1", a1.name, sent.start, sent.start, "actor:crowd-justice", 0.5))
    return a1, a2


def _communal_pair(
    doc: Document,
    sent: Sentence,
    etype: EventType,
    a2: Actor | None,
    actors: DocumentActorsLike,
    position: int,
    ev: list[Evidence],
) -> tuple[Actor, Actor | None]:
    """The unnamed sides of a communal feud are the country's unidentified communal militia."""
    found = actors.resolve_phrase("communal militias", position)
    country = a2.country if a2 is not None and a2.inter != 8 else None
    names = community_names(sent.text, _peoples(sent, actors))
    families = family_names(sent.text)
    a1, new2 = communal_sides(etype, found.actor if found is not None else None, a2, country, names, families)
    changed = ("actor1", "actor2") if new2 != a2 else ("actor1",)
    ev[:] = [e for e in ev if e.field not in changed]
    for fld in changed:
        ev.append(evidence_at(doc, sent, fld, a1.name, sent.start, sent.start, "actor:communal-feud", 0.45))
    return a1, new2


def _peoples(sent: Sentence, actors: DocumentActorsLike) -> frozenset[str]:
    """The mentions of a sentence that name a people the knowledge base knows ("Fulani herdsmen"), whose
    words name no community of a place."""
    return frozenset(
        m.text.lower()
        for m in actors.mentions_in(sent.start, sent.end)
        if m.actor.inter == 4 and not m.actor.name.startswith("Unidentified")
    )
