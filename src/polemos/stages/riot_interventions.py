"""Force used on a crowd that itself turned violent, told as part of its riot (aggregate stage).

"Two men were shot dead when protesters engaged with police. Demonstrators blocked the road with stones
and burnt tyres as police fought them": the crowd's violence makes the day's gathering a riot (ACLED's
Violent demonstration), and the police's force against that crowd, with its dead, is the same
interaction of the same sides at that place and day, so ACLED's aggregation rule makes it one Riots
event rather than a Riots event beside a Protests one. A peaceful protest told beside a riot is left as
it is (ACLED codes the two both ways), as are force used another day or elsewhere. Harm told with no doer
after a force met a crowd is that force's (`_name_crowd_force`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from polemos.model import Actor, EventMention, Evidence
from polemos.stages.event_groups import EventGroup, same_place
from polemos.stages.incident_tolls import told_as_another_incident
from polemos.stages.retold_doers import fallback_doer
from polemos.taxonomy import EventType, SubEventType

# Protests met with force: the force is the crowd's interaction with the state.
_FORCE_ON_CROWDS = frozenset(
    {SubEventType.PROTEST_WITH_INTERVENTION, SubEventType.EXCESSIVE_FORCE_AGAINST_PROTESTERS}
)


def _force_on_crowd(g: EventGroup) -> bool:
    return all(m.sub_event_type in _FORCE_ON_CROWDS and not told_as_another_incident(m) for m in g.mentions)


def _riot(g: EventGroup) -> bool:
    return g.first.event_type is EventType.RIOTS and any(
        m.sub_event_type is SubEventType.VIOLENT_DEMONSTRATION for m in g.mentions
    )


def _same_day_place(a: EventGroup, b: EventGroup) -> bool:
    da, db = a.first.date, b.first.date
    day = da is None or db is None or da.date == db.date
    return day and same_place(a.place, b.place)


# Who intervenes on a crowd: state forces, or foreign/other forces (inter 1, 8).
_FORCES = frozenset({1, 8})


def _as_riot(m: EventMention) -> EventMention:
    """The force as part of the riot: typed as it; its crowd, read as protesters, is the rioters, and
    only forces that intervened stand as its other side (a crowd's cause, "the arrest of two fishermen",
    read as civilians, is none)."""
    forces = m.actor2 if m.actor2 is not None and m.actor2.inter in _FORCES else None
    sub = SubEventType.VIOLENT_DEMONSTRATION
    rule = "+folded-into-riot"
    evidence = tuple(
        dataclasses.replace(e, value=sub.value, rule=e.rule + rule) if e.field == "event_type" else e
        for e in m.evidence
    )
    return dataclasses.replace(m, sub_event_type=sub, actor1=None, actor2=forces, evidence=evidence)


def fold_riot_interventions(groups: Sequence[EventGroup]) -> list[EventGroup]:
    """Each use of force on a crowd joins the riot told at its day and place, when there is exactly one;
    a violence against civilians told with no doer after the force is named that force's
    (`_name_crowd_force`: a new group for it; force and riot groups are kept as they are)."""
    out = [_name_crowd_force(g, groups) for g in groups]
    for force in [g for g in groups if _force_on_crowd(g)]:
        riots = [g for g in out if _riot(g) and _same_day_place(g, force)]
        if len(riots) != 1:
            continue
        riots[0].mentions.extend(_as_riot(m) for m in force.mentions)
        out.remove(force)
    return out


def _unnamed_doer(m: EventMention) -> bool:
    """Whether the mention's actor 1 is none, or the unidentified group given for want of a named doer."""
    if m.actor1 is None:
        return True
    return m.actor1.name.startswith("Unidentified Armed Group") and fallback_doer(m)


def _name_crowd_force(g: EventGroup, groups: Sequence[EventGroup]) -> EventGroup:
    """ "Supporters gathered at the airport but were dispersed by the police, who fired tear gas. Two people
    were injured": the harm told with no doer, that day and place, after a state force dispersed or fired
    on a crowd, is that force's (ACLED: its violence against the crowd's people, "severe law-enforcement
    overreach"), not an unidentified group's. Only where exactly one force met a crowd before it, and the
    harm is not told as another incident."""
    if g.first.event_type is not EventType.VIOLENCE_AGAINST_CIVILIANS or not all(
        _unnamed_doer(m) and not told_as_another_incident(m) for m in g.mentions
    ):
        return g
    forces = {
        f.actor2
        for f in groups
        if f is not g
        and _force_on_crowd(f)
        and f.actor2 is not None
        and f.actor2.inter == 1
        and f.first.sentence.start <= g.first.sentence.start
        and _same_day_place(f, g)
    }
    if len(forces) != 1:
        return g
    force = forces.pop()
    assert force is not None
    return EventGroup([_done_by(m, force) for m in g.mentions])


def _done_by(m: EventMention, force: Actor) -> EventMention:
    evidence = tuple(
        dataclasses.replace(e, value=force.name, rule=e.rule + "+crowd-force") if e.field == "actor1" else e
        for e in m.evidence
    )
    if not any(e.field == "actor1" for e in evidence):
        s = m.sentence
        evidence += (
            Evidence(
                "actor1", force.name, m.document_id, s.text, s.start, s.start, "", "actor:crowd-force", 0.4
            ),
        )
    return dataclasses.replace(m, actor1=force, evidence=evidence)
