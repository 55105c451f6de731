"""Merge a document's event mentions into ACLED events: one event per day, place and actor pair, the
highest-ranked type winning (aggregate stage, after extract, before store). An event named again with a
definite article ("The clashes broke out ...") joins the one it names ("the attack" the violent event
just told, whatever its kind), and a death told alone, with no killer named, the event of its type just
told; an event's fatalities are chosen from all its mentions' claims, split per day when its date is a
range of days and per place when it lists several. One incident the report tells as several violent
events of that day and place has its dead counted once, by the highest-ranked; a killing read as a battle
only for its armed victims joins the attack on civilians it is the outcome of (armed_killings.py), and
an arrest by a battle's sides at its day and place is part of that battle (battle_arrests.py), force on
a crowd part of the riot it turned into (riot_interventions.py); an incident told again with its doer
named is one event of that doer (retold_doers.py).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import hashlib
import re
from collections import Counter
from collections.abc import Callable, Sequence

from polemos.knowledge.actors import load_actor_kb
from polemos.knowledge.countries import load_countries, state_forces_name
from polemos.model import (
    Actor,
    Document,
    Event,
    EventMention,
    Evidence,
    FatalityClaim,
    Source,
)
from polemos.stages.armed_killings import fold_armed_killings
from polemos.stages.battle_arrests import fold_battle_arrests
from polemos.stages.event_groups import (
    EventGroup,
    group_date,
    same_place,
    top_mention,
)
from polemos.stages.incident_tolls import (
    death_only_mention,
    incident_evidence,
    pooled_claims,
    told_as_another_incident,
)
from polemos.stages.retold_doers import give_doer, join_retelling, names_its_doer
from polemos.stages.riot_interventions import fold_riot_interventions
from polemos.taxonomy import EventType, Inter, SubEventType

NOTES_MAX = 600


def _pair_ok(g: EventGroup, m: EventMention) -> bool:
    a = (g.actor1, g.actor2)
    b = (m.actor1, m.actor2)

    def ok(x: Actor | None, y: Actor | None) -> bool:
        return x is None or y is None or x == y

    return (ok(a[0], b[0]) and ok(a[1], b[1])) or (ok(a[0], b[1]) and ok(a[1], b[0]))


def _is_inherited(m: EventMention) -> bool:
    return m.date is None or m.date.rule.startswith(("inherited", "published"))


def _dates_ok(g: EventGroup, m: EventMention, *, exact: bool) -> bool:
    gd, md = g.first.date, m.date
    if gd is None or md is None:
        return gd is md
    if gd.date == md.date:
        return True
    return not exact and (_is_inherited(m) or _is_inherited(g.first)) and abs((gd.date - md.date).days) <= 1


# "Clashes erupted in Benghazi. The clashes broke out as ...": an event named again with a definite
# article is the one the report has just told. One modifier may come between when it reads as an
# adjective ("the ensuing fighting", "the heavy clashes"); "the army shelled" is a subject and a verb.
_DEFINITE_BEFORE = re.compile(
    r"(?:^|[^\w'’-])(?:the|these|those|this)\s+"
    r"(?:(?:[a-z]+(?:ing|al|ic|ful|ous|ive|ent|ant|ern|est)|heavy|fresh|new|deadly|fierce|same|first|latest)\s+)?$",
    re.I,
)


def _is_definite(m: EventMention) -> bool:
    """Whether the mention's trigger is a noun told with a definite article: "the clashes"."""
    if m.trigger.text.lower().endswith("ed"):
        return False
    before = m.sentence.text[: max(0, m.trigger.start - m.sentence.start)]
    return bool(_DEFINITE_BEFORE.search(before[-40:]))


def aggregate(
    document: Document,
    mentions: Sequence[EventMention],
    choose_fatalities: Callable[[Sequence[FatalityClaim]], int],
    country: str | None = None,
) -> list[Event]:
    """Group mentions into events under ACLED's aggregation rule and build each event's record."""
    groups: list[EventGroup] = []
    for m in mentions:
        target = None
        for exact in (True, False):
            target = next(
                (
                    g
                    for g in groups
                    if g.first.event_type is m.event_type
                    and _dates_ok(g, m, exact=exact)
                    and same_place(g.place, m.place)
                    and _pair_ok(g, m)
                ),
                None,
            )
            if target:
                break
        if target is None and _is_definite(m):
            # The event it names again, one of its type told that day, whatever place or actors this
            # sentence's parse gave it (ACLED codes one event, with the toll told here).
            # Of several, the one at its place ("took Waddan ... regained Sukna. The clashes first erupted
            # on the outskirts of Waddan"), else the last told.
            told = [g for g in groups if g.first.event_type is m.event_type and _dates_ok(g, m, exact=False)]
            target = next((g for g in told if same_place(g.place, m.place)), told[-1] if told else None)
            if target is None:
                # "launched a drone strike ... Later the strike was in Misratah": the word names the event
                # just told, whose type this sentence, lacking its modifier, could not read.
                target = _named_again(groups, m)
                if target is not None:
                    m = _as_type_of(m, target.first)
                else:
                    target = _incident_named(groups, m)
                    if target is not None and not _battle_around(m, target.first):
                        m = _as_type_of(m, target.first)
        if target is None and death_only_mention(m):
            target = _event_of_the_dead(groups, m)
        if target is None and join_retelling(groups, m, functools.partial(_dates_ok, exact=False)):
            continue
        if target is None:
            groups.append(EventGroup([m]))
        elif names_its_doer(target, m):
            give_doer(target, m)  # "... was kidnapped. The abduction was carried out by ..."
        else:
            target.mentions.append(m)
    groups = fold_riot_interventions(fold_battle_arrests(fold_armed_killings(groups)))
    home = _home_country(mentions, country)
    claims = pooled_claims(groups, document.text)
    return [
        _to_event(document, g, c, incident_evidence(g, c, groups, claims), choose_fatalities, home)
        for g, c in zip(groups, claims, strict=True)
    ]


def _event_of_the_dead(groups: Sequence[EventGroup], m: EventMention) -> EventGroup | None:
    """The event a death told alone belongs to: the latest of its type told that day and place by an
    event word, when the death names no killer but an unidentified one, no other victims' side, and is
    not told as another incident ("Gunmen ambushed a bus near Kessa. Two passengers were killed": one
    attack, with its toll)."""
    named = m.actor1 is not None and not m.actor1.name.startswith("Unidentified ")
    if named or told_as_another_incident(m):
        return None
    return next(
        (
            g
            for g in reversed(groups)
            if g.first.event_type is m.event_type
            and not all(death_only_mention(x) for x in g.mentions)
            and _dates_ok(g, m, exact=False)
            and same_place(g.place, m.place)
            and (m.actor2 is None or g.actor2 is None or m.actor2 == g.actor2)
        ),
        None,
    )


def _head_word(m: EventMention) -> str:
    """The trigger's last word, singular: "drone strike" and "the strikes" are both "strike"."""
    words = m.trigger.text.lower().split()
    return words[-1].removesuffix("s") if words else ""


def _named_again(groups: Sequence[EventGroup], m: EventMention) -> EventGroup | None:
    """The latest event of that day whose trigger phrase ends in the one word this definite mention uses
    ("a drone strike" ... "the strike"). The same word again reads the same way, so a new type it gets
    is news ("demonstrators gathered ... the demonstrators clashed with police"), not a re-mention."""
    if len(m.trigger.text.split()) != 1:
        return None
    word = _head_word(m)
    return next(
        (
            g
            for g in reversed(groups)
            if _dates_ok(g, m, exact=False)
            and len(g.first.trigger.text.split()) > 1
            and _head_word(g.first) == word
        ),
        None,
    )


# Words that name an incident of any violent kind: "Suicide bombers killed 12 ... The attack occurred at
# ..." tells the bombing again, not a second event.
_INCIDENT_WORDS = frozenset({"attack", "assault", "incident", "raid", "ambush"})
_VIOLENT_TYPES = frozenset({EventType.BATTLES, EventType.EXPLOSIONS, EventType.VIOLENCE_AGAINST_CIVILIANS})


def _incident_named(groups: Sequence[EventGroup], m: EventMention) -> EventGroup | None:
    """The latest violent event told that day at the place, which a definite "the attack" (or "the
    incident", "the raid") names again whatever its kind; the word alone tells no kind of its own."""
    if len(m.trigger.text.split()) != 1 or _head_word(m) not in _INCIDENT_WORDS:
        return None
    return next(
        (
            g
            for g in reversed(groups)
            if g.first.event_type in _VIOLENT_TYPES
            and _dates_ok(g, m, exact=False)
            and same_place(g.place, m.place)
        ),
        None,
    )


def _battle_around(m: EventMention, told: EventMention) -> bool:
    """Whether "the attack", read as a fight between armed sides, puts the bombing told just before in a
    battle (ACLED merges remote violence during a battle into Battles, which then outranks it)."""
    return m.event_type is EventType.BATTLES and told.event_type is EventType.EXPLOSIONS


def _as_type_of(m: EventMention, told: EventMention) -> EventMention:
    """The mention typed as the event it names again (its evidence says so)."""
    evidence = tuple(
        dataclasses.replace(e, value=told.sub_event_type.value, rule=e.rule + "+named-again")
        if e.field == "event_type"
        else e
        for e in m.evidence
    )
    return dataclasses.replace(m, sub_event_type=told.sub_event_type, evidence=evidence)


def _home_country(mentions: Sequence[EventMention], focus: str | None) -> str | None:
    """The country most of a document's mentions take place in, else their actors', else the document's
    `focus`: an event told with no place of its own happened, as far as a report says, where the rest did."""
    places = Counter(m.place.country for m in mentions if m.place is not None)
    if places:
        return places.most_common(1)[0][0]
    # Foreign forces fight abroad; civilians may be named by a foreign nationality ("a Swedish national")
    away = (Inter.EXTERNAL_OTHER, Inter.CIVILIANS)
    actors = Counter(
        a.country for m in mentions for a in (m.actor1, m.actor2) if a and a.country and a.inter not in away
    )
    return actors.most_common(1)[0][0] if actors else focus


# The template for an event's unnamed initiator, by event type (any other type: an armed group).
_UNNAMED_TEMPLATE = {EventType.PROTESTS: "protesters", EventType.RIOTS: "rioters"}


@functools.cache
def unnamed_actor1(event_type: EventType, country: str | None) -> Actor | None:
    """Return actor1 for an event in `country` whose report names no initiator (None: a country code the
    country table does not know).

    Protests are the country's protesters, riots its rioters, any other event an "Unidentified Armed Group".
    With no country at all (a report that names no place and no party of any country) the actor is the
    template's kind alone ("Protesters", "Unidentified Armed Group"): its type (inter) is still known.
    """
    t = load_actor_kb().templates[_UNNAMED_TEMPLATE.get(event_type, "unidentified_armed_group")]
    if country is None:
        return Actor(t.name.replace(" ({country})", ""), t.inter, None)
    found = load_countries().get(country)
    if found is None:
        return None
    return Actor(t.render(found.name, found.iso2), t.inter, found.iso2)


def unnamed_arrester(country: str | None, day: dt.date | None) -> Actor:
    """Who made arrests a report tells without naming them ("17 people were arrested in a house search"):
    arrests are the state's by definition (ACLED's Arrests sub-type), and its police make most of them."""
    found = load_countries().get(country) if country is not None else None
    if found is None:
        return Actor("Police Forces", 1, None)
    year, month = (day.year, day.month) if day is not None else (None, None)
    return Actor(state_forces_name(found.iso2, year, "police", month=month), 1, found.iso2)


# Triggers of what only a government decrees: a state of emergency, a pardon of prisoners
_DECREES = frozenset({"trigger:emergency", "trigger:pardon"})


def _decreed(m: EventMention) -> bool:
    return any(e.field == "event_type" and e.rule in _DECREES for e in m.evidence)


def unnamed_government(country: str | None, day: dt.date | None) -> Actor | None:
    """Who decreed a state of emergency or a pardon a report tells without naming its author ("Tunisia
    extended the state of emergency"): the country's government of the period, as ACLED names it ("Government
    of Tunisia (2014-)"), a state actor; None where the country is not known."""
    found = load_countries().get(country) if country is not None else None
    if found is None:
        return None
    year, month = (day.year, day.month) if day is not None else (None, None)
    forces = state_forces_name(found.iso2, year, "military", month=month)
    return Actor(forces.replace("Military Forces of", "Government of", 1), 1, found.iso2)


def _to_event(
    doc: Document,
    g: EventGroup,
    claims: list[FatalityClaim],
    evidence: tuple[Evidence, ...],
    choose_fatalities: Callable[[Sequence[FatalityClaim]], int],
    home: str | None,
) -> Event:
    top = top_mention(g)
    date = group_date(g)
    sentences: list[Source] = []
    for m in g.mentions:
        if all(s.start != m.sentence.start for s in sentences):
            sentences.append(
                Source(
                    doc.id,
                    m.sentence.text,
                    m.sentence.start,
                    m.sentence.end,
                    doc.url,
                    doc.outlet,
                    doc.published,
                )
            )
    notes = " ".join(s.sentence for s in sentences)
    if len(notes) > NOTES_MAX:
        notes = notes[: NOTES_MAX - 1].rstrip() + "…"
    flags = []
    if date is None:
        flags.append("date-unresolved")
    elif date.is_background:
        flags.append("background")
    elif date.rule.startswith(("inherited", "published")):
        flags.append("date-from-context")
    place = g.place
    if place is None:
        flags.append("no-location")
    actor1, actor2 = g.actor1, g.actor2_of(top.event_type)
    if actor2 != g.actor2:
        # civilians no side of the battle: their evidence goes with them
        dropped = {
            m.actor2.name
            for m in g.mentions
            if m.actor2 and m.actor2 != actor2 and m.actor2.inter == Inter.CIVILIANS
        }
        evidence = tuple(e for e in evidence if not (e.field == "actor2" and e.value in dropped))
    country = place.country if place is not None else home
    if (
        actor1 is not None
        and _decreed(top)
        and re.fullmatch(r"Military Forces of [^()]+ \([\d-]+\)", actor1.name)
    ):
        # a state (its name, "the government") that decrees is its government, not its army
        actor1 = unnamed_government(actor1.country, date.date if date else None) or actor1
    if actor1 is None:
        # ACLED never leaves actor1 empty: an event whose report names no initiator is coded to the
        # country's unidentified group. Only here, once mentions are merged: an actor-less mention is
        # a wildcard that merges with any actor pair, so filling it earlier would split events.
        actor1 = unnamed_actor1(top.event_type, country)
        if top.sub_event_type is SubEventType.ARRESTS:
            actor1 = unnamed_arrester(country, date.date if date else None)
        elif _decreed(top):
            actor1 = unnamed_government(country, date.date if date else None) or actor1
        if actor1 is not None:
            sent = g.first.sentence
            evidence += (
                Evidence("actor1", actor1.name, doc.id, sent.text, sent.start, sent.start, "",
                         "actor:unnamed-initiator", 0.3),
            )  # fmt: skip
    fatalities = choose_fatalities(claims)
    key = "|".join(
        [doc.id, top.event_type.value, date.date.isoformat() if date else "", place.name if place else "",
         actor1.name if actor1 else "", actor2.name if actor2 else "", str(g.first.sentence.start)]
    )  # fmt: skip
    return Event(
        event_id="PLM" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:12].upper(),
        sub_event_type=top.sub_event_type,
        date=date,
        actor1=actor1,
        actor2=actor2,
        place=place,
        fatalities=fatalities,
        notes=notes,
        sources=tuple(sentences),
        assoc_actor_1=tuple(dict.fromkeys(a for m in g.mentions for a in m.assoc_actor_1)),
        assoc_actor_2=tuple(dict.fromkeys(a for m in g.mentions for a in m.assoc_actor_2)),
        fatality_claims=tuple(claims),
        evidence=evidence,
        confidence=round(sum(m.confidence for m in g.mentions) / len(g.mentions), 3),
        flags=tuple(flags),
    )
