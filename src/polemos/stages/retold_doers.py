"""An incident told first without its doer and then again with it ("A councillor was kidnapped in Sabha.
He was abducted by members of the Awlad Sulaiman tribe"): one incident, one event, whose doer is the one
the second telling names (aggregate stage). The first telling's "Unidentified Armed Group" only stood for
the doer the sentence did not name. A side the report itself calls unidentified ("Unknown gunmen attacked
the camp ... a separate attack by the militia on the village") is a side of its own: no later name is its.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence

from polemos.model import Actor, EventMention
from polemos.stages.event_groups import EventGroup, same_place
from polemos.taxonomy import Inter

# An actor 1 the actors stage gave no name: the initiator left empty, or the unidentified group it falls
# back to when the sentence names no doer, read from its own phrase at the trigger (evidence text without
# "unidentified"/"unknown" is the trigger's own words, not "unknown attackers" the report names as such).
_FALLBACK_RULE = "actor:unidentified:unidentified gunmen"
_UNNAMED_RULES = ("actor:unnamed-perpetrator", "actor:unnamed-initiator")


def _placeholder(a: Actor) -> bool:
    return a.name.startswith("Unidentified ")


def fallback_doer(m: EventMention) -> bool:
    """Whether the mention's unidentified doer was given for want of a named one (not the report's)."""
    said = [e for e in m.evidence if e.field == "actor1"]
    return bool(said) and all(
        e.rule in _UNNAMED_RULES
        or (e.rule == _FALLBACK_RULE and not any(w in e.text.lower() for w in ("unidentified", "unknown")))
        for e in said
    )


def names_the_doer(told: EventMention, named: Actor | None) -> bool:
    """Whether `named`, the doer another telling of the incident names, is who `told` left unnamed."""
    doer = told.actor1
    if doer is None or named is None or not _placeholder(doer) or _placeholder(named):
        return False
    return named.inter != Inter.CIVILIANS and fallback_doer(told)


def _with_doer(m: EventMention, doer: Actor) -> EventMention:
    """The telling with the doer named elsewhere; its placeholder's evidence goes with the placeholder."""
    if m.actor1 is None or m.actor1 == doer:
        return m
    old = m.actor1.name
    evidence = tuple(e for e in m.evidence if not (e.field == "actor1" and e.value == old))
    return dataclasses.replace(m, actor1=doer, evidence=evidence)


def _same_victims(g: EventGroup, m: EventMention) -> bool:
    return m.actor2 is None or g.actor2 is None or m.actor2 == g.actor2


def names_its_doer(g: EventGroup, m: EventMention) -> bool:
    """Whether `m` names the doer every telling of the group left unnamed."""
    doers = [x for x in g.mentions if x.actor1 is not None]
    if m.actor1 is None or any(x.actor2 == m.actor1 for x in g.mentions):
        return False  # the side the event was done to, told in the other order, is not its doer
    return bool(doers) and all(names_the_doer(x, m.actor1) for x in doers)


def give_doer(g: EventGroup, m: EventMention) -> None:
    """Add `m`, which names the doer, to the group: the earlier tellings take its doer."""
    if m.actor1 is not None:
        g.mentions[:] = [_with_doer(x, m.actor1) for x in g.mentions]
    g.mentions.append(m)


def join_retelling(
    groups: Sequence[EventGroup], m: EventMention, dates_ok: Callable[[EventGroup, EventMention], bool]
) -> bool:
    """Add `m` to the event it tells again with its doer named, or without it, and give the doer to every
    telling; False when it tells no such event. Of several, the latest told."""
    for g in reversed(groups):
        if (
            g.first.event_type is not m.event_type
            or not dates_ok(g, m)
            or not same_place(g.place, m.place)
            or not _same_victims(g, m)
        ):
            continue
        if names_its_doer(g, m):
            give_doer(g, m)
            return True
        named = g.actor1
        if named is not None and names_the_doer(m, named):
            g.mentions.append(_with_doer(m, named))  # told named, now again unnamed
            return True
    return False
