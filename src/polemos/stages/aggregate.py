"""Merge a document's event mentions into ACLED events: one event per day, place and actor pair, the
highest-ranked type winning (aggregate stage, after extract, before store). An event named again with a
definite article ("The clashes broke out ...") joins the one it names; an event's fatalities are chosen
from all its mentions' claims, split per day when its date is a range of days. One incident the report
tells as several violent events of that day and place has its dead counted once, by the highest-ranked.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import math
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from polemos.knowledge.actors import load_actor_kb
from polemos.knowledge.countries import load_countries
from polemos.model import (
    Actor,
    DatePoint,
    Document,
    Event,
    EventMention,
    Evidence,
    FatalityClaim,
    GeoPrecision,
    Place,
    Source,
)
from polemos.stages.fatality_choice import SPARKED
from polemos.stages.fatality_periods import range_days, spread_over_days
from polemos.taxonomy import EventType, SubEventType

# Two "near X" places this close are the same battlefield (ACLED codes both to the nearby town).
NEAR_KM = 20.0
# Closer than this, two places are one location whatever their precision (a district and its city).
SAME_KM = 5.0
NOTES_MAX = 600
# Two events of one report this close on one day may be one incident told in parts ("clashes broke out in
# a suburb of Tripoli ... artillery killed two"): the reach of a town and its suburbs.
INCIDENT_KM = 25.0
# Strategic developments that are acts of no violence (an agreement, a base set up, a group's change of
# activity): deaths a report tells beside one belong to another event (the war a truce ends), never to
# it. Peaceful protests and non-violent handovers are left out: deaths told beside them more often mean
# the report's event was not peaceful (security forces fired, the town was taken in a fight).
NON_VIOLENT = frozenset(
    {SubEventType.AGREEMENT, SubEventType.HEADQUARTERS_ESTABLISHED, SubEventType.CHANGE_TO_GROUP}
)


def distance_km(a: Place, b: Place) -> float:
    """Great-circle distance between two places."""
    r = math.radians
    h = (
        math.sin(r(b.latitude - a.latitude) / 2) ** 2
        + math.cos(r(a.latitude)) * math.cos(r(b.latitude)) * math.sin(r(b.longitude - a.longitude) / 2) ** 2
    )
    return 12742 * math.asin(math.sqrt(min(1.0, h)))


def same_place(a: Place | None, b: Place | None) -> bool:
    if a is None or b is None or a.inherited or b.inherited:
        return True
    if a.name.split(" - ")[0] == b.name.split(" - ")[0]:
        return True  # "Darnah - Eastern Coast" is in Darnah
    if distance_km(a, b) <= SAME_KM:
        return True
    loose = a.geo_precision >= GeoPrecision.NEAR or b.geo_precision >= GeoPrecision.NEAR
    return loose and distance_km(a, b) <= NEAR_KM


def _pair_ok(g: _Group, m: EventMention) -> bool:
    a = (g.actor1, g.actor2)
    b = (m.actor1, m.actor2)

    def ok(x: Actor | None, y: Actor | None) -> bool:
        return x is None or y is None or x == y

    return (ok(a[0], b[0]) and ok(a[1], b[1])) or (ok(a[0], b[1]) and ok(a[1], b[0]))


@dataclass
class _Group:
    mentions: list[EventMention] = field(default_factory=list)

    @property
    def first(self) -> EventMention:
        return self.mentions[0]

    @property
    def actor1(self) -> Actor | None:
        return next((m.actor1 for m in self.mentions if m.actor1), None)

    @property
    def actor2(self) -> Actor | None:
        return next((m.actor2 for m in self.mentions if m.actor2), None)

    @property
    def place(self) -> Place | None:
        places = [m.place for m in self.mentions if m.place]
        # A place the event's own sentence names beats one inherited from an earlier sentence.
        return min(places, key=lambda p: (p.inherited, p.geo_precision)) if places else None


def _is_inherited(m: EventMention) -> bool:
    return m.date is None or m.date.rule.startswith(("inherited", "published"))


def _dates_ok(g: _Group, m: EventMention, *, exact: bool) -> bool:
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
) -> list[Event]:
    """Group mentions into events under ACLED's aggregation rule and build each event's record."""
    groups: list[_Group] = []
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
        if target is None:
            groups.append(_Group([m]))
        else:
            target.mentions.append(m)
    home = _home_country(mentions)
    claims = _pooled_claims(groups)
    return [
        _to_event(document, g, c, _evidence(g, c, groups, claims), choose_fatalities, home)
        for g, c in zip(groups, claims, strict=True)
    ]


def _group_date(g: _Group) -> DatePoint | None:
    """The date an event is coded with: the most precise of its mentions' own dates (else any)."""
    dated = [m.date for m in g.mentions if m.date is not None]
    own = [d for d in dated if not d.rule.startswith(("inherited", "published"))]
    return min(own or dated, key=lambda d: d.precision) if dated else None


def _top(g: _Group) -> EventMention:
    return min(g.mentions, key=lambda m: m.sub_event_type.rank)


def _one_incident(a: _Group, b: _Group) -> bool:
    """Whether two events of one report are facets of one incident: the same day, at one place or at
    places a town's reach apart."""
    da, db = _group_date(a), _group_date(b)
    if da is None or db is None:
        if da is not db:
            return False
    elif da.date != db.date:
        # A date the report gives only by context (its publication, an earlier sentence's) may be a day
        # off the one told: "Two are dead following an attack. ... they were shot by security personnel."
        context = da.rule.startswith(("inherited", "published")) or db.rule.startswith(
            ("inherited", "published")
        )
        if not context or abs((da.date - db.date).days) > 1:
            return False
    # Not `same_place`: a place inherited from an earlier sentence is a guess, no wildcard here ("Troops
    # took X near Sirte. At least 10 militiamen were killed in airstrikes": strikes anywhere).
    pa, pb = a.place, b.place
    if pa is None or pb is None or pa.name.split(" - ")[0] == pb.name.split(" - ")[0]:
        return True
    return distance_km(pa, pb) <= INCIDENT_KM


# Event types whose incident may hold others' dead: fighting, strikes, attacks on civilians, riots. A
# peaceful protest or a strategic development told beside a killing is news about it, not its toll.
_VIOLENT = frozenset(
    {EventType.BATTLES, EventType.EXPLOSIONS, EventType.VIOLENCE_AGAINST_CIVILIANS, EventType.RIOTS}
)
# A sentence that tells its deaths as another incident's: "14 soldiers were killed in a separate
# advance", "two more died in another attack in the area", "elsewhere, a policeman was shot"; "the following
# day ... leaving six dead" is another day's event, whatever date the parse could give it. A sequel told
# with "later", "then", "afterwards" or "after the attack" is another incident of the day ("gunmen killed
# five herders; the youth later clashed with the army"), but not a later report or death ("later reports
# put the toll at").
_OTHER_INCIDENT = re.compile(
    r"\b(?:separate(?:ly)?|elsewhere|another\s+(?:[a-z]+\s+)?(?:attack|incident|ambush|clash|raid|shooting"
    r"|strike|explosion|blast)|(?:second|third)\s+(?:[a-z]+\s+)?(?:attack|incident|ambush|raid|shooting)"
    r"|(?:following|next)\s+(?:day|morning)|a\s+day\s+later|later\s+(?:that|the\s+same|in\s+the)\s+day"
    r"|(?<!\bsince\s)(?<!\buntil\s)then(?![\w-])|afterwards?|subsequently"
    r"|(?:following|after)\s+the\s+(?:[a-z]+\s+)?(?:attack|raid|blast|explosion|strike|ambush|assault|incident)"
    r"|later(?!\s+(?:reports?|said|says|stated|claimed|confirmed|died|succumbed|raised|revised|rose|put)\b))\b",
    re.I,
)


def _takes_others_dead(sub_event_type: SubEventType) -> bool:
    return (
        sub_event_type.event_type in _VIOLENT
        or sub_event_type is SubEventType.EXCESSIVE_FORCE_AGAINST_PROTESTERS
    )


# Armed men among the dead: an attack on civilians counts its civilian victims, so a fight's dead
# fighters are no toll of it ("Seven members of the militia killed, 12 others abducted").
_ARMED_DEAD = re.compile(
    r"\b(?:soldiers?|troops?|fighters?|militants?|rebels?|insurgents?|jihadists?|militiam[ae]n|gunm[ae]n"
    r"|attackers?|assailants?|combatants?|policem[ae]n|gendarmes?|militias?|army|forces)\b",
    re.I,
)


def _may_take(receiver: SubEventType, claim: FatalityClaim) -> bool:
    """Whether an event may count another facet's toll: not fighters' dead for an attack on civilians."""
    if receiver.event_type is not EventType.VIOLENCE_AGAINST_CIVILIANS:
        return True
    return not _ARMED_DEAD.search(claim.victims or "")


def _shared_claims(g: _Group) -> list[FatalityClaim]:
    """The tolls of a group that a higher-ranked event of the same incident may count: all but those a
    sentence tells as another incident's."""
    if not _takes_others_dead(_top(g).sub_event_type):
        return []
    claims: list[FatalityClaim] = []
    for m in g.mentions:
        if m.fatality_claims and not _OTHER_INCIDENT.search(m.sentence.text):
            claims.extend(_mention_claims(m, _top(g).sub_event_type))
    return claims


def _told_apart(g: _Group) -> bool:
    """Whether every sentence telling the event tells it as another incident than the report's first."""
    return all(_OTHER_INCIDENT.search(m.sentence.text) for m in g.mentions)


_Span = tuple[int, int]


def _span(c: FatalityClaim) -> _Span:
    return (c.start, c.end)


def _order(g: _Group) -> tuple[int, int, int]:
    """A group's place in the incident's hierarchy, then in the report: the same whatever order the
    events were listed in (ties between events of one type go to the one told first)."""
    return (_top(g).sub_event_type.rank, g.first.sentence.start, g.first.trigger.start)


def _may_receive(g: _Group, owner: _Group) -> bool:
    """Whether `g` may count the toll `owner` tells as the dead of their one incident: `g` is violent,
    is not told as another incident, and ranks above the owner in ACLED's hierarchy."""
    return (
        _takes_others_dead(_top(g).sub_event_type)
        and _top(g).sub_event_type.rank < _top(owner).sub_event_type.rank
        and not _told_apart(g)
        and _one_incident(g, owner)
    )


def _told_by(g: _Group, claim: FatalityClaim) -> bool:
    """Whether the report has told the event by the sentence of the claim (in it or before it). An event
    told only after the dead is their aftermath or an aside ("An airstrike killed 12. Rebels lost ground
    and troops took parts of the town"), not the fight they fell in."""
    return min(m.sentence.start for m in g.mentions) <= claim.start


def _receiver(claim: FatalityClaim, owner: int, groups: Sequence[_Group], shared: set[_Span]) -> int:
    """The event that counts a claim: the highest-ranked violent event of the owner's incident that may
    take it ("civilians killed inside a battle are the battle's dead"), else the owner itself."""
    if _span(claim) not in shared:
        return owner
    takers = [
        i
        for i, g in enumerate(groups)
        if i != owner
        and _may_receive(g, groups[owner])
        and _told_by(g, claim)
        and _may_take(_top(g).sub_event_type, claim)
    ]
    return min(takers, key=lambda i: _order(groups[i]), default=owner)


def _pooled_claims(groups: Sequence[_Group]) -> list[list[FatalityClaim]]:
    """Each event's tolls: its own, less those another event of its incident counts, plus those it counts
    for the others.

    ACLED codes an incident once: the civilians killed in a battle, the dead of a strike during the
    fighting and the fighters executed after it are all the battle's dead. A report's parse may split
    the incident into events of several types; their tolls then go to the highest-ranked of them, and
    the others give them up, so that a sum over the dataset counts the incident's dead once. A claim
    two events hold (one sentence read into both) is counted by one of them only, the higher-ranked.
    """
    own = [_event_claims(g, _top(g).sub_event_type) for g in groups]
    shared = [{_span(c) for c in _shared_claims(g)} for g in groups]
    by_rank = sorted(range(len(groups)), key=lambda i: _order(groups[i]))
    counted: dict[_Span, tuple[int, FatalityClaim]] = {}
    for j in by_rank:
        for c in own[j]:
            if _span(c) not in counted:
                counted[_span(c)] = (_receiver(c, j, groups, shared[j]), c)
    # Each event's own tolls first, in the order its report told them, then those it counts for others.
    pooled = [[c for c in own[i] if counted[_span(c)][0] == i] for i in range(len(groups))]
    for i, c in counted.values():
        if all(_span(c) != _span(x) for x in pooled[i]):
            pooled[i].append(c)
    return pooled


def _evidence(
    g: _Group,
    claims: Sequence[FatalityClaim],
    groups: Sequence[_Group],
    pooled: Sequence[Sequence[FatalityClaim]],
) -> tuple[Evidence, ...]:
    """An event's evidence: its mentions', those of the tolls it gave up to another event of its incident
    marked as counted there, and those of the tolls it counts for the others marked as borrowed."""
    counted = {_span(c) for other in pooled if other is not claims for c in other}
    counted -= {_span(c) for c in claims}
    own = tuple(
        dataclasses.replace(e, rule=e.rule + "+counted-with-incident")
        if e.field == "fatalities" and (e.start, e.end) in counted
        else e
        for m in g.mentions
        for e in m.evidence
    )
    return own + _borrowed_evidence(g, claims, groups)


def _borrowed_evidence(
    g: _Group, claims: Sequence[FatalityClaim], groups: Sequence[_Group]
) -> tuple[Evidence, ...]:
    """The fatalities evidence of the tolls an event counts for its report's other events of the
    incident: their own evidence, marked as borrowed."""
    own = {(e.start, e.end) for m in g.mentions for e in m.evidence if e.field == "fatalities"}
    spans = {_span(c) for c in claims} - own
    found: dict[_Span, Evidence] = {}
    for h in groups:
        for m in h.mentions:
            for e in m.evidence:
                if e.field == "fatalities" and (e.start, e.end) in spans:
                    found.setdefault((e.start, e.end), dataclasses.replace(e, rule=e.rule + "+same-incident"))
    return tuple(found.values())


def _head_word(m: EventMention) -> str:
    """The trigger's last word, singular: "drone strike" and "the strikes" are both "strike"."""
    words = m.trigger.text.lower().split()
    return words[-1].removesuffix("s") if words else ""


def _named_again(groups: Sequence[_Group], m: EventMention) -> _Group | None:
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


def _as_type_of(m: EventMention, told: EventMention) -> EventMention:
    """The mention typed as the event it names again (its evidence says so)."""
    evidence = tuple(
        dataclasses.replace(e, value=told.sub_event_type.value, rule=e.rule + "+named-again")
        if e.field == "event_type"
        else e
        for e in m.evidence
    )
    return dataclasses.replace(m, sub_event_type=told.sub_event_type, evidence=evidence)


def _home_country(mentions: Sequence[EventMention]) -> str | None:
    """Return the country most of a document's mentions take place in (else the one its actors are of).

    An event told with no place of its own happened, as far as the report says, where the rest of it did.
    """
    places = Counter(m.place.country for m in mentions if m.place is not None)
    if places:
        return places.most_common(1)[0][0]
    # Foreign forces (inter 8) are of another country than the one they fight in.
    actors = Counter(
        a.country for m in mentions for a in (m.actor1, m.actor2) if a and a.country and a.inter != 8
    )
    return actors.most_common(1)[0][0] if actors else None


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


def _event_claims(g: _Group, sub_event_type: SubEventType) -> list[FatalityClaim]:
    """The tolls of a group's mentions, each once, split per day over a range of days; none for a
    non-violent event, whose told deaths are another event's (kept off it so that corroboration does
    not read them as its report of no deaths)."""
    if sub_event_type in NON_VIOLENT:
        return []
    claims: list[FatalityClaim] = []
    for m in g.mentions:
        for c in _mention_claims(m, sub_event_type):
            if all((c.start, c.end) != (x.start, x.end) for x in claims):
                claims.append(c)
    return claims


# "Fighting continued for a second day following the murder of a commander": a fight that goes on came
# after its spark on an earlier day, whose event holds that death.
_GOES_ON = re.compile(r"\b(?:continu\w*|resum\w*|renewed|(?:second|third|another)\s+day)\b", re.I)


def _mention_claims(m: EventMention, sub_event_type: SubEventType) -> list[FatalityClaim]:
    """A mention's tolls as its event counts them: split per day over a range of days, and the death that
    set off a battle among its dead (`SPARKED`: "clashes erupted after the killing of a guard")."""
    if not m.fatality_claims:
        return []
    days = range_days(m.date)
    claims = [spread_over_days(c, days) for c in m.fatality_claims]
    sparked = any(SPARKED in c.rule for c in claims)
    if not sparked or sub_event_type.event_type is not EventType.BATTLES or _GOES_ON.search(m.sentence.text):
        return claims
    return [dataclasses.replace(c, rule=c.rule.replace(SPARKED, "")) for c in claims]


def _to_event(
    doc: Document,
    g: _Group,
    claims: list[FatalityClaim],
    evidence: tuple[Evidence, ...],
    choose_fatalities: Callable[[Sequence[FatalityClaim]], int],
    home: str | None,
) -> Event:
    top = _top(g)
    date = _group_date(g)
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
    actor1, actor2 = g.actor1, g.actor2
    country = place.country if place is not None else home
    if actor1 is None:
        # ACLED never leaves actor1 empty: an event whose report names no initiator is coded to the
        # country's unidentified group. Only here, once mentions are merged: an actor-less mention is
        # a wildcard that merges with any actor pair, so filling it earlier would split events.
        actor1 = unnamed_actor1(top.event_type, country)
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
