"""An event's dead, as the aggregate stage counts them: its mentions' claims split per day and per place
listed, the death that set off a battle among its dead, and one incident told as several events of a
day and place counted once, by the highest-ranked of them (ACLED: civilians killed in a battle are the
battle's dead); a battle told only by its dead gives them to the event of the incident the report names
(the blast, the strike), a clash's go to the capture of ground it was, and a non-violent event's to a
violent one of its incident."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence

from polemos.model import EventMention, Evidence, FatalityClaim
from polemos.stages.event_groups import EventGroup, distance_km, group_date, top_mention
from polemos.stages.fatality_choice import SPARKED, is_vague
from polemos.stages.fatality_periods import (
    listed_places,
    range_days,
    spread_over_days,
    spread_over_places,
    told_days,
)
from polemos.taxonomy import EventType, SubEventType

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


def _one_incident(a: EventGroup, b: EventGroup) -> bool:
    """Whether two events of one report are facets of one incident: the same day, at one place or at
    places a town's reach apart."""
    da, db = group_date(a), group_date(b)
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
# put the toll at"). Attackers who "also attacked" or "also raided" another target commit another act,
# which ACLED codes as its own event with its own dead ("killing two policemen. The gunmen also attacked
# the chief's house and shot him dead"); "were also killed in the attack" tells more dead of the same one.
_OTHER_INCIDENT = re.compile(
    r"\b(?:separate(?:ly)?|elsewhere|also\s+(?:attack|raid|storm|ambush|target)(?:ed|e?s)\b"
    r"|another\s+(?:[a-z]+\s+)?(?:attack|incident|ambush|clash|raid|shooting"
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


def _shared_claims(g: EventGroup, kind: SubEventType | None = None) -> list[FatalityClaim]:
    """The tolls of a group that a higher-ranked event of the same incident may count: all but those a
    sentence tells as another incident's (none of a peaceful event's, unless its `kind` is given)."""
    own = top_mention(g).sub_event_type
    if kind is None and not _takes_others_dead(own):
        return []
    claims: list[FatalityClaim] = []
    for m in g.mentions:
        if m.fatality_claims and not _OTHER_INCIDENT.search(m.sentence.text):
            claims.extend(mention_claims(m, own if kind is None else kind))
    return claims


def _told_apart(g: EventGroup) -> bool:
    """Whether every sentence telling the event tells it as another incident than the report's first."""
    return all(_OTHER_INCIDENT.search(m.sentence.text) for m in g.mentions)


_Span = tuple[int, int]


def _span(c: FatalityClaim) -> _Span:
    return (c.start, c.end)


def _order(g: EventGroup) -> tuple[int, int, int]:
    """A group's place in the incident's hierarchy, then in the report: the same whatever order the
    events were listed in (ties between events of one type go to the one told first)."""
    return (top_mention(g).sub_event_type.rank, g.first.sentence.start, g.first.trigger.start)


def _may_receive(g: EventGroup, owner: EventGroup) -> bool:
    """Whether `g` may count the toll `owner` tells as the dead of their one incident: `g` is violent,
    is not told as another incident, and ranks above the owner in ACLED's hierarchy."""
    return (
        _takes_others_dead(top_mention(g).sub_event_type)
        and top_mention(g).sub_event_type.rank < top_mention(owner).sub_event_type.rank
        and not _told_apart(g)
        and _one_incident(g, owner)
    )


def _told_by(g: EventGroup, claim: FatalityClaim) -> bool:
    """Whether the report has told the event by the sentence of the claim (in it or before it). An event
    told only after the dead is their aftermath or an aside ("An airstrike killed 12. Rebels lost ground
    and troops took parts of the town"), not the fight they fell in."""
    return min(m.sentence.start for m in g.mentions) <= claim.start


# The words of the trigger "kill" that tell a death and nothing of what caused it ("died", "were killed",
# "injured"); "shot dead", "gunned down", "opened fire" tell a shooting.
_DEATH_WORD = re.compile(r"^(?:kill|die|dead|death|wound|injur)", re.I)


# Claims read from a killer's verb ("Troops killed five militants"): a fight the sentence tells.
_KILLER_NAMED = ("active:", "single-active:")


def told_as_another_incident(m: EventMention) -> bool:
    """Whether the mention's sentence tells its event as another incident than the one told before it
    ("In a separate attack, two more were killed")."""
    return bool(_OTHER_INCIDENT.search(m.sentence.text))


def death_only_mention(m: EventMention) -> bool:
    """Whether a mention is told only by a death: its trigger a word of dying ("died", "were killed",
    "injured"), no event word in its sentence, and no killer doing it in its claims. Such a mention is
    the report's reading of a toll, not an act it tells."""
    return (
        bool(_DEATH_WORD.match(m.trigger.text))
        and not any(c.rule.startswith(_KILLER_NAMED) for c in m.fatality_claims)
        and any(e.field == "event_type" and e.rule.split("+")[0] == "trigger:kill" for e in m.evidence)
    )


def _death_only_battle(g: EventGroup) -> bool:
    """Whether the event is a battle only because its dead were armed men, every sentence telling it a
    death with no fight told ("Two soldiers died", "a commander was killed")."""
    return top_mention(g).event_type is EventType.BATTLES and all(death_only_mention(m) for m in g.mentions)


def _tells_the_deaths(g: EventGroup, owner: EventGroup) -> bool:
    """Whether `g` is the violent event of the incident whose dead the death-only battle `owner` tells,
    told by an event word of its own, before or after the deaths and whatever its rank ("The commander
    has died of wounds. He was hurt in a landmine blast")."""
    return (
        _takes_others_dead(top_mention(g).sub_event_type)
        and not all(death_only_mention(m) for m in g.mentions)
        and not _told_apart(g)
        and _one_incident(g, owner)
    )


_GROUND = frozenset(
    {SubEventType.GOVERNMENT_REGAINS_TERRITORY, SubEventType.NON_STATE_ACTOR_OVERTAKES_TERRITORY}
)


def _ground_won(g: EventGroup, owner: EventGroup) -> bool:
    """Whether `g` is the capture of ground the armed clash `owner` was fought over, one battle: it counts
    the clash's dead even when told after them ("Two soldiers were killed in fighting in the district. The
    army says it has taken more of it"); ACLED codes the day's fight once, as the capture."""
    return (
        top_mention(g).sub_event_type in _GROUND
        and top_mention(owner).sub_event_type is SubEventType.ARMED_CLASH
    )


def _receiver(claim: FatalityClaim, owner: int, groups: Sequence[EventGroup], shared: set[_Span]) -> int:
    """The event that counts a claim: the highest-ranked violent event of the owner's incident that may
    take it ("civilians killed inside a battle are the battle's dead"), else the owner itself. The toll
    of a battle told only by its dead goes to the event of the incident the report tells by name (the
    strike, the blast)."""
    if _span(claim) not in shared:
        return owner
    death_only = _death_only_battle(groups[owner])
    takers = [
        i
        for i, g in enumerate(groups)
        if i != owner
        and (
            (_may_receive(g, groups[owner]) and (_told_by(g, claim) or _ground_won(g, groups[owner])))
            or (death_only and _tells_the_deaths(g, groups[owner]))
        )
        and _may_take(top_mention(g).sub_event_type, claim)
    ]
    return min(takers, key=lambda i: _order(groups[i]), default=owner)


def pooled_claims(groups: Sequence[EventGroup], text: str = "") -> list[list[FatalityClaim]]:
    """Each event's tolls: its own, less those another event of its incident counts, plus those it counts
    for the others.

    ACLED codes an incident once: the civilians killed in a battle, the dead of a strike during the
    fighting and the fighters executed after it are all the battle's dead. A report's parse may split
    the incident into events of several types; their tolls then go to the highest-ranked of them, and
    the others give them up, so that a sum over the dataset counts the incident's dead once. A claim
    two events hold (one sentence read into both) is counted by one of them only, the higher-ranked.
    """
    own = [event_claims(g, top_mention(g).sub_event_type, text) for g in groups]
    shared = [{_span(c) for c in _shared_claims(g)} for g in groups]
    by_rank = sorted(range(len(groups)), key=lambda i: _order(groups[i]))
    counted: dict[_Span, tuple[int, FatalityClaim]] = {}
    for j in by_rank:
        for c in own[j]:
            if _span(c) not in counted:
                counted[_span(c)] = (_receiver(c, j, groups, shared[j]), c)
    # A non-violent event counts no toll (`event_claims`), but the dead its sentences tell may be a violent
    # event's of its incident ("Gunmen attacked a police car. A recruit was killed.", the recruit misread as a
    # recruitment): they go to such an event, never stay with the non-violent one.
    for j, g in enumerate(groups):
        if (kind := top_mention(g).sub_event_type) in NON_VIOLENT:
            spans = {_span(c) for c in _shared_claims(g, kind)}
            for c in _told_claims(g, kind, text):
                if _span(c) not in counted and (i := _receiver(c, j, groups, spans)) != j:
                    counted[_span(c)] = (i, c)
    # Each event's own tolls first, in the order its report told them, then those it counts for others.
    pooled = [[c for c in own[i] if counted[_span(c)][0] == i] for i in range(len(groups))]
    for i, c in counted.values():
        if all(_span(c) != _span(x) for x in pooled[i]):
            pooled[i].append(c)
    return pooled


def incident_evidence(
    g: EventGroup,
    claims: Sequence[FatalityClaim],
    groups: Sequence[EventGroup],
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
    g: EventGroup, claims: Sequence[FatalityClaim], groups: Sequence[EventGroup]
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


def event_claims(g: EventGroup, sub_event_type: SubEventType, text: str = "") -> list[FatalityClaim]:
    """The tolls of a group's mentions, each once, split per day over a range of days and between the
    places its sentences list; none for a non-violent event, whose told deaths are another event's
    (kept off it so that corroboration does not read them as its report of no deaths)."""
    if sub_event_type in NON_VIOLENT:
        return []
    return _told_claims(g, sub_event_type, text)


def _told_claims(g: EventGroup, sub_event_type: SubEventType, text: str) -> list[FatalityClaim]:
    """`event_claims` whatever the event's type."""
    # "Troops cleared Alpha and Beta of rebels. Six were killed.": ACLED codes an event per place and
    # splits the toll between them; the event's share is the first place's. A vague figure ("an unknown
    # number", coded 10) is ACLED's stand-in for each event's dead, no total to split.
    # The list may be told in the claim's own sentence, when the event's is another ("Troops swept Alpha
    # and Beta, leaving seven rebels dead. Five soldiers were wounded.").
    places = max(listed_places(m.sentence.text) for m in g.mentions)
    claims: list[FatalityClaim] = []
    for m in g.mentions:
        for c in (_over_told_days(c, g, text) for c in mention_claims(m, sub_event_type)):
            if all((c.start, c.end) != (x.start, x.end) for x in claims):
                here = max(places, listed_places(_sentence_at(text, c.start)))
                claims.append(c if is_vague(c) else spread_over_places(c, here))
    return claims


# "5 killed on June 20", "two died on Monday": a toll given its own day is that day's, not a period's.
_ONE_DAY = re.compile(
    r"\bon\s+(?:the\s+)?(?:[0-9]{1,2}(?:st|nd|rd|th)?\s+(?-i:[A-Z])[a-z]+|(?-i:[A-Z])[a-z]+\s+[0-9]{1,2}\b"
    r"|[0-9]{1,2}/[0-9]{1,2}\b|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)",
    re.I,
)


# "30 civilians were killed when tanks shelled their block": a toll told as one act's is that act's dead.
_ONE_ACT = re.compile(r"\s+(?:when|as)\s+(?!a\s+result)", re.I)


def _over_told_days(c: FatalityClaim, g: EventGroup, text: str) -> FatalityClaim:
    """`c` split per day over the length of fighting a sentence of the event told before it or in it
    ("Two days of clashes in Fedis. A total of 16 people killed." -> 8), as a date range splits it; not a
    toll its own sentence gives a day of its own ("5 killed on June 20") or one act ("killed when a shell
    hit"), nor a vague figure (ACLED's stand-in for each event's dead)."""
    days = max((told_days(m.sentence.text) for m in g.mentions if m.sentence.start <= c.start), default=1)
    if (
        days < 2
        or is_vague(c)
        or _ONE_DAY.search(_sentence_at(text, c.start), max(0, c.end - _start_of(text, c.start)))
        or _ONE_ACT.match(text, c.end)
    ):
        return c
    return spread_over_days(c, days)


def _start_of(text: str, at: int) -> int:
    """Where the sentence of `text` around offset `at` starts."""
    return max(text.rfind(". ", 0, at), text.rfind("\n", 0, at)) + 1


def _sentence_at(text: str, at: int) -> str:
    """The sentence of `text` around offset `at` (empty when the text is not known)."""
    if not 0 <= at < len(text):
        return ""
    start = max(text.rfind(". ", 0, at), text.rfind("\n", 0, at)) + 1
    end = min((i for i in (text.find(". ", at), text.find("\n", at)) if i >= 0), default=len(text))
    return text[start:end]


# "Fighting continued for a second day following the murder of a commander": a fight that goes on came
# after its spark on an earlier day, whose event holds that death.
_GOES_ON = re.compile(r"\b(?:continu\w*|resum\w*|renewed|(?:second|third|another)\s+day)\b", re.I)


def mention_claims(m: EventMention, sub_event_type: SubEventType) -> list[FatalityClaim]:
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
