"""Force used on a crowd that itself turned violent, told as part of its riot (aggregate stage).

"Two men were shot dead when protesters engaged with police. Demonstrators blocked the road with stones
and burnt tyres as police fought them": the crowd's violence makes the day's gathering a riot (ACLED's
Violent demonstration), and the police's force against that crowd, with its dead, is the same
interaction of the same sides at that place and day, so ACLED's aggregation rule makes it one Riots
event rather than a Riots event beside a Protests one. A peaceful protest told beside a riot is left as
it is (ACLED codes the two both ways), as are force used another day or elsewhere.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from polemos.model import EventMention
from polemos.stages.event_groups import EventGroup, same_place
from polemos.stages.incident_tolls import told_as_another_incident
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
    """Each use of force on a crowd joins the riot told at its day and place, when there is exactly one."""
    out = list(groups)
    for force in [g for g in groups if _force_on_crowd(g)]:
        riots = [g for g in out if _riot(g) and _same_day_place(g, force)]
        if len(riots) != 1:
            continue
        riots[0].mentions.extend(_as_riot(m) for m in force.mentions)
        out.remove(force)
    return out
