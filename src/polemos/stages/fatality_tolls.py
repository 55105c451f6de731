"""Which event a sentence's death toll belongs to: its own, or the event the report was just telling."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from polemos.model import EventMention, FatalityClaim
from polemos.stages.annotate import Sentence
from polemos.stages.arguments import ActorMentionLike, assign_roles
from polemos.stages.event_groups import same_place
from polemos.stages.fatality_holders import attach_claims, holds_dead
from polemos.stages.fatality_words import fatality_words
from polemos.stages.mention_context import INHERIT_WINDOW, VIOLENT, NarrativeContext
from polemos.stages.triggers import TriggerHit
from polemos.taxonomy import TERRITORY_CHANGES, EventType, SubEventType

# "injure"/"wound" count too: in "Two people killed and three injured." after a clash, the injure hit is
# as much a report of the clash's outcome as the kill hit, and must not make the sentence an event of its own.
_DEATH_VERBS = frozenset({"kill", "die", "injure", "wound"})
# Last words of the kill trigger's phrases that tell a death ("shot dead", "gunned down"), unlike "shoot at".
_DEATH_PHRASE_ENDS = frozenset({"dead", "down"})
# Bodies found right after a fight are its dead ("The bodies of three militants were found.").
_BODIES = "bodies-found"
# Events whose dead a later sentence may tell: ACLED puts a riot's dead on the riot, as a battle's on it.
_TOLL_TAKERS = VIOLENT | {EventType.RIOTS}


@dataclass
class TollContext(NarrativeContext):
    """The narrative context, plus the last event told that could take a later toll and its position in
    the extract stage's list of mentions."""

    taker: EventMention | None = None
    taker_index: int = -1
    taker_sentence: int = -99
    # A toll told before the report's first event ("Nine fighters were reported dead on Sunday. Rebels
    # clashed with ..."): its claims, its sentence and that sentence's index, until an event is told.
    pending: tuple[FatalityClaim, ...] = ()
    pending_text: str = ""
    pending_sentence: int = -99
    # A killing told with no one doing it as the report's first event ("Nine killed in a push for Brega."),
    # while it may still be the toll of the fighting the next sentence tells: its sentence and trigger,
    # then the mention itself once noted.
    lead_killing_at: tuple[int, int] = (-99, -1)
    lead_killing: EventMention | None = None


def takes_tolls(prev: EventMention) -> bool:
    """Deaths after a protest are an event of their own (excessive force); after fighting, bombing, a riot
    or a take-over of ground ("The army took the district. Two soldiers died.") they are its cost."""
    return prev.event_type in _TOLL_TAKERS or prev.sub_event_type in TERRITORY_CHANGES


def toll_target(out: Sequence[EventMention], ctx: TollContext, sent: Sentence) -> int | None:
    """Where in `out` a toll told in `sent` goes: the last fighting, bombing or take-over told a sentence or
    two before, even when the report told something else after it ("The clash came as a result of targeted
    assassinations. Five were killed."); else the last event told, if that close."""
    if _taker(ctx, sent) is not None:
        return ctx.taker_index
    if ctx.last_mention is None or sent.index - ctx.last_mention_sentence > INHERIT_WINDOW:
        return None
    return max(k for k, m in enumerate(out) if m is ctx.last_mention)


def note_mentions(
    out: list[EventMention], found: list[EventMention], sent: Sentence, ctx: TollContext
) -> None:
    """Add a sentence's mentions to `out`, and remember the last of them as the event a later toll joins."""
    if found and ctx.pending:
        claims_from_lead(found, sent, ctx)
    if found and ctx.lead_killing is not None:
        lead_killing_to_event(out, found, sent, ctx)
    out.extend(found)
    if not found:
        return
    if ctx.lead_killing_at[0] == sent.index and len(out) == 1:
        _remember_lead_killing(found, ctx)
    ctx.last_mention, ctx.last_mention_sentence = found[-1], sent.index
    takers = [k for k, m in enumerate(found) if takes_tolls(m)]
    if takers:
        ctx.taker, ctx.taker_sentence = found[takers[-1]], sent.index
        ctx.taker_index = len(out) - len(found) + takers[-1]


def claims_from_lead(found: list[EventMention], sent: Sentence, ctx: TollContext) -> None:
    """ "Nine fighters were reported dead on Sunday. Rebels clashed with government forces near Brega.":
    a toll told a sentence or two before the report's first event, with no event of its own, is that
    event's cost when the event is fighting, bombing or a take-over that tells no toll itself, on the day
    the toll names (if it names one). Either way the lead's toll is spent: a later event is other news."""
    claims, text, told = ctx.pending, ctx.pending_text, ctx.pending_sentence
    ctx.pending = ()
    if sent.index - told > INHERIT_WINDOW:
        return
    k = next((k for k, m in enumerate(found) if takes_tolls(m) and holds_dead(m)), None)
    if k is None or found[k].fatality_claims or not _lead_day_ok(found[k], told, ctx):
        return
    found[k] = attach_claims([found[k]], claims, text)[0]


def lead_killing_to_event(
    out: list[EventMention], found: list[EventMention], sent: Sentence, ctx: TollContext
) -> None:
    """ "Nine killed and 79 injured in a push for Brega. Rebels battled government troops for the town.":
    a killing with no one doing it, told as the report's only news before the fighting of the next
    sentence or two, at its place and on its day, is that fighting's toll (ACLED codes one event), as a
    toll told just after it is (`is_follow_up_toll`). Drops the killing from `out`."""
    lead, ctx.lead_killing = ctx.lead_killing, None
    if lead is None or out != [lead] or sent.index - ctx.lead_killing_at[0] > INHERIT_WINDOW:
        return
    k = next((k for k, m in enumerate(found) if takes_tolls(m) and holds_dead(m)), None)
    if k is None or found[k].fatality_claims:
        return
    taker = found[k]
    if not (_same_day(lead, taker) and _same_place(lead, taker)):
        return
    found[k] = attach_claims([taker], lead.fatality_claims, lead.sentence.text)[0]
    out.pop()
    if ctx.last_mention is lead:
        ctx.last_mention = None


def _lead_day_ok(mention: EventMention, told: int, ctx: TollContext) -> bool:
    """Whether the toll's sentence names no day, or the event's: "Twelve died last month." is history."""
    if told >= len(ctx.facts) or mention.date is None:
        return True
    days = {d.date for d in ctx.facts[told].dates if not d.rule.startswith("since") and d.rule != "year-only"}
    return not days or mention.date.date in days


def _remember_lead_killing(found: Sequence[EventMention], ctx: TollContext) -> None:
    """Keep the report's first sentence's only event as a lead killing when it is the one `_may_lead`
    found, coded as an attack for want of anything else (one the sentence reads as fighting or a strike,
    "killed in air strikes", is that event already)."""
    lead = found[0]
    if (
        lead.trigger.start == ctx.lead_killing_at[1]
        and lead.event_type is EventType.VIOLENCE_AGAINST_CIVILIANS
    ):
        ctx.lead_killing = lead


def _taker(ctx: TollContext, sent: Sentence) -> EventMention | None:
    return ctx.taker if sent.index - ctx.taker_sentence <= INHERIT_WINDOW else None


def toll_possible(sent: Sentence, ctx: TollContext) -> bool:
    """Whether an event told just before could take this sentence's toll (a cheap test before the rest)."""
    return _taker(ctx, sent) is not None


def results_from(hit: TriggerHit, sent: Sentence, found: Sequence[EventMention]) -> bool:
    """Whether a killing hangs from an event the sentence already codes ("a bomb detonated prematurely,
    killing two of them", "shot down a jet, killing the pilots"): the dead are that event's outcome, even
    an event that holds no dead otherwise. "recovered weapons and killed four" joins two pieces of news."""
    starts = {m.trigger.start for m in found}
    node = hit.anchor
    for _ in range(8):  # a short climb: the outcome clause hangs right from its cause
        if node.dep_ == "conj" or node.head.i == node.i:
            return False
        node = node.head
        if sent.start + node.idx in starts:
            return True
    return False


def tells_outcome_of(hit: TriggerHit, sent: Sentence, found: Sequence[EventMention]) -> bool:
    """Whether a weak killing verb governs an event the sentence already codes ("four were killed in
    shelling"): then the dead are that event's, whatever came before. A verb joined to it by "and" tells
    news of its own ("killed four militants and recovered weapons"), not the killing's cause."""

    def span(left: Any, right: Any) -> tuple[int, int]:
        return sent.start + left.idx, sent.start + right.idx + len(right.text)

    start, end = span(hit.anchor.left_edge, hit.anchor.right_edge)
    joined = [span(c.left_edge, c.right_edge) for c in hit.anchor.children if c.dep_ == "conj"]
    return any(
        start <= m.trigger.start < end and not any(lo <= m.trigger.start < hi for lo, hi in joined)
        for m in found
    )


def is_follow_up_toll(
    hit: TriggerHit,
    mention: EventMention,
    sent: Sentence,
    mentions: Sequence[ActorMentionLike],
    claims: Sequence[FatalityClaim],
    ctx: TollContext,
) -> bool:
    """ "SAF bombed Deribat. Two farmers died." - a death told with no one doing it, or bodies found, right
    after an event at the same place and day, is that event's toll, not an event of its own (ACLED codes one
    event)."""
    prev = _taker(ctx, sent)
    if prev is None:
        if _may_lead(hit, sent, mentions, claims, ctx):
            ctx.lead_killing_at = (sent.index, mention.trigger.start)  # see `lead_killing_to_event`
        return False
    if not _bare_death(hit, sent, mentions, claims):
        return False
    return _same_day(mention, prev) and _same_place(mention, prev)


def _may_lead(
    hit: TriggerHit,
    sent: Sentence,
    mentions: Sequence[ActorMentionLike],
    claims: Sequence[FatalityClaim],
    ctx: TollContext,
) -> bool:
    """Whether the hit is the first killing of the report's first sentence of news, with a count and no
    one doing it ("Nine killed and 79 injured ...": "injured" after it is the same news)."""
    if ctx.last_mention is not None or not claims or hit.trigger.id != "kill":
        return False
    return ctx.lead_killing_at[0] != sent.index and _bare_death(hit, sent, mentions, claims)


def _bare_death(
    hit: TriggerHit, sent: Sentence, mentions: Sequence[ActorMentionLike], claims: Sequence[FatalityClaim]
) -> bool:
    """Whether the hit tells deaths (or bodies) with no armed party doing the killing, and not as "a
    separate attack"."""
    if not _tells_death(hit, sent):
        return False
    separate = fatality_words().separate_event
    if any(t.lower_ in separate and t.head.dep_ == "pobj" for t in hit.anchor.subtree):
        return False  # "killed in a separate attack": an event of its own
    if hit.trigger.id == "kill":
        roles = assign_roles(sent.doc, hit.anchor, mentions, sent.start)
        # A group named inside a toll is its dead, not their killer: the parser takes "Six fighters from
        # the X brigade reportedly killed" (headline style, no "were") for an active clause with an armed
        # subject. (Who finds bodies did not kill them: that test is for killings only.)
        killers = [m for m in roles.agents if not any(c.start <= m.start < c.end for c in claims)]
        if any(m.category != "civilian" for m in killers):
            return False
    return True


def _tells_death(hit: TriggerHit, sent: Sentence) -> bool:
    if hit.trigger.id == _BODIES:
        return True
    if hit.trigger.id != "kill":
        return False
    last = sent.doc[hit.end - 1].lower_
    return hit.anchor.lemma_.lower() in _DEATH_VERBS or (
        hit.end - hit.start > 1 and last in _DEATH_PHRASE_ENDS
    )


def _told_in(span_start: int, mention: EventMention) -> bool:
    return mention.sentence.start <= span_start < mention.sentence.end


def _same_day(mention: EventMention, prev: EventMention) -> bool:
    """Only a date the toll sentence tells can set the toll apart from the event: a sentence without one
    ("3 people killed.") falls back on the report's date or a sentence before, which say nothing about the
    day of these deaths."""
    date = mention.date
    if date is None or prev.date is None or date.date == prev.date.date:
        return True
    return not _told_in(date.start, mention)


def _same_place(mention: EventMention, prev: EventMention) -> bool:
    """Likewise only a place the toll sentence names: one it inherits may come from a sentence in between
    that describes the place ("it supplies Tripoli, 25 km north, with vegetables. 5 people were killed.")."""
    place = mention.place
    return place is None or not _told_in(place.start, mention) or same_place(prev.place, place)


def claims_to_last_mention(
    out: list[EventMention], ctx: TollContext, sent: Sentence, claims: Sequence[FatalityClaim]
) -> None:
    """A toll told in a sentence of its own ("Three fighters died, a hospital source said.") belongs to
    the event the report was just telling, if that was a sentence or two before (see `toll_target`)."""
    i = toll_target(out, ctx, sent)
    if i is None and claims and not out:
        # No event told yet: the lead may give the toll before the event (see `claims_from_lead`).
        ctx.pending, ctx.pending_text, ctx.pending_sentence = tuple(claims), sent.text, sent.index
    if i is None or not claims:
        return
    old = out[i]
    out[i] = attach_claims([old], claims, sent.text)[0]
    if ctx.last_mention is old:
        ctx.last_mention = out[i]
    if ctx.taker is old:
        ctx.taker = out[i]


def explain_bodies(
    out: list[EventMention], found: list[EventMention], sent: Sentence, ctx: TollContext
) -> None:
    """ "The bodies of three men were found in X. They had been shot dead.": a killing told right after a
    discovery of bodies explains them, and ACLED codes the killing, with the discovery's dead, instead of
    the discovery ("Other" is for bodies nothing explains). Drops the discovery from `out`."""
    last = ctx.last_mention
    if last is None or not out or out[-1] is not last or sent.index - ctx.last_mention_sentence > 1:
        return
    if not _is_discovery(last) or not last.fatality_claims:
        return
    # A killing counted only as "one" by default ("had been shot dead" with no number) tells no count
    # that could set it apart from the bodies.
    killing = next(
        (k for k, m in enumerate(found) if holds_dead(m) and all(_uncounted(c) for c in m.fatality_claims)),
        None,
    )
    if killing is None or not _same_place(found[killing], last):
        return
    m = found[killing]
    dead = tuple(e for e in last.evidence if e.field == "fatalities")
    found[killing] = dataclasses.replace(
        m,
        fatality_claims=last.fatality_claims,
        evidence=tuple(e for e in m.evidence if e.field != "fatalities") + dead,
        place=m.place if m.place is not None and _told_in(m.place.start, m) else last.place or m.place,
    )
    out.pop()
    ctx.last_mention = None


def _uncounted(claim: FatalityClaim) -> bool:
    return claim.rule.startswith("single-")


def _is_discovery(m: EventMention) -> bool:
    """A report of dead found: bodies (coded by the violence they tell: an attack, a fight, or "Other"
    for a grave), or a mass grave as "Other" (not a coup)."""
    rule = next((e.rule for e in m.evidence if e.field == "event_type"), "")
    grave = m.sub_event_type is SubEventType.OTHER and "grave" in m.trigger.text.lower()
    return rule.startswith(f"trigger:{_BODIES}") or grave


def claims_go_back(
    own: Sequence[EventMention], hits: Sequence[TriggerHit], sent: Sentence, ctx: TollContext
) -> bool:
    """ "13 fighters were captured, 21 pronounced dead." right after a battle: when no event of the sentence
    can hold dead and no killing is told in it, its toll is the battle's (bodies found hold their own dead
    unless `is_follow_up_toll` found them the battle's)."""
    if any(holds_dead(m) or _is_discovery(m) for m in own) or any(h.trigger.id == "kill" for h in hits):
        return False
    taker = _taker(ctx, sent)
    return taker is not None and all(_same_day(m, taker) and _same_place(m, taker) for m in own)
