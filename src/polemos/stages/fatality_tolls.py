"""Which event a sentence's death toll belongs to: its own, or the event the report was just telling."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from polemos.model import EventMention, Evidence, FatalityClaim
from polemos.stages.aggregate import same_place
from polemos.stages.annotate import Sentence
from polemos.stages.arguments import ActorMentionLike, assign_roles
from polemos.stages.fatality_words import fatality_words
from polemos.stages.mention_context import INHERIT_WINDOW, VIOLENT, NarrativeContext
from polemos.stages.triggers import TriggerHit
from polemos.taxonomy import TERRITORY_CHANGES

# "injure"/"wound" count too: in "Two people killed and three injured." after a clash, the injure hit is
# as much a report of the clash's outcome as the kill hit, and must not make the sentence an event of its own.
_DEATH_VERBS = frozenset({"kill", "die", "injure", "wound"})


def _takes_tolls(prev: EventMention) -> bool:
    """Deaths after a protest are an event of their own (excessive force); after fighting, bombing or a
    take-over of ground ("The army took the district. Two soldiers died.") they are its cost."""
    return prev.event_type in VIOLENT or prev.sub_event_type in TERRITORY_CHANGES


def toll_possible(sent: Sentence, ctx: NarrativeContext) -> bool:
    """Whether the event told just before could take this sentence's toll (a cheap test before the rest)."""
    prev = ctx.last_mention
    return (
        prev is not None and sent.index - ctx.last_mention_sentence <= INHERIT_WINDOW and _takes_tolls(prev)
    )


def tells_outcome_of(hit: TriggerHit, sent: Sentence, found: Sequence[EventMention]) -> bool:
    """Whether a weak killing verb governs an event the sentence already codes ("four were killed in
    shelling"): then the dead are that event's, whatever came before."""
    left, right = hit.anchor.left_edge, hit.anchor.right_edge
    start, end = sent.start + left.idx, sent.start + right.idx + len(right.text)
    return any(start <= m.trigger.start < end for m in found)


def is_follow_up_toll(
    hit: TriggerHit,
    mention: EventMention,
    sent: Sentence,
    mentions: Sequence[ActorMentionLike],
    claims: Sequence[FatalityClaim],
    ctx: NarrativeContext,
) -> bool:
    """ "SAF bombed Deribat. Two farmers died." - a death told with no one doing it, right after an event at
    the same place and day, is that event's toll, not an event of its own (ACLED codes one event)."""
    prev = ctx.last_mention
    if prev is None or not toll_possible(sent, ctx):
        return False
    if hit.trigger.id != "kill" or hit.anchor.lemma_.lower() not in _DEATH_VERBS:
        return False
    separate = fatality_words().separate_event
    if any(t.lower_ in separate and t.head.dep_ == "pobj" for t in hit.anchor.subtree):
        return False  # "killed in a separate attack": an event of its own
    roles = assign_roles(sent.doc, hit.anchor, mentions, sent.start)
    # A group named inside a toll is its dead, not their killer: the parser takes "Six fighters from the
    # X brigade reportedly killed" (headline style, no "were") for an active clause with an armed subject.
    killers = [m for m in roles.agents if not any(c.start <= m.start < c.end for c in claims)]
    if any(m.category != "civilian" for m in killers):
        return False
    return _same_day(mention, prev) and same_place(prev.place, mention.place)


def _same_day(mention: EventMention, prev: EventMention) -> bool:
    """Only a date told after the previous event's sentence can set the toll apart from it: a sentence
    without one ("3 people killed.") falls back on the report's date, which says nothing about the day."""
    date = mention.date
    if date is None or prev.date is None or date.date == prev.date.date:
        return True
    return date.start < prev.sentence.start


def split_tolls(
    found: list[EventMention], is_toll: list[bool], claims: Sequence[FatalityClaim]
) -> tuple[list[EventMention], tuple[FatalityClaim, ...]]:
    """The sentence's own event mentions, and the claims that go to the event told before it.

    In "Five soldiers were killed and eight others abducted." after a clash, the killing is the clash's
    toll while the abduction is news: the claims nearest a follow-up hit go back, the rest stay."""
    if not any(is_toll):
        return found, ()
    if all(is_toll):
        return [], tuple(claims)
    back = tuple(c for c in claims if is_toll[_nearest(found, c)])
    return [m for m, t in zip(found, is_toll, strict=True) if not t], back


def _nearest(mentions: Sequence[EventMention], claim: FatalityClaim) -> int:
    return min(range(len(mentions)), key=lambda i: abs(mentions[i].trigger.start - claim.start))


def claims_to_last_mention(
    out: list[EventMention], ctx: NarrativeContext, sent: Sentence, claims: Sequence[FatalityClaim]
) -> None:
    """A toll told in a sentence of its own ("Three fighters died, a hospital source said.") belongs to
    the event the report was just telling, if that was a sentence or two before."""
    last = ctx.last_mention
    if last is None or not claims or sent.index - ctx.last_mention_sentence > INHERIT_WINDOW:
        return
    i = max(k for k, m in enumerate(out) if m is last)
    out[i] = attach_claims([last], claims, sent.text)[0]
    ctx.last_mention = out[i]


def attach_claims(
    mentions: list[EventMention], claims: Sequence[FatalityClaim], sentence_text: str | None = None
) -> list[EventMention]:
    """Give each claim to the nearest mention; `sentence_text` is the claims' sentence when it is not the
    mentions' own."""
    if not mentions or not claims:
        return mentions
    where = sentence_text or mentions[0].sentence.text
    by: dict[int, list[FatalityClaim]] = {}
    for c in claims:
        by.setdefault(_nearest(mentions, c), []).append(c)
    out = []
    for i, m in enumerate(mentions):
        mine = tuple(by.get(i, ()))
        evidence = tuple(
            Evidence("fatalities", str(c.count), m.document_id, where, c.start, c.end, c.text,
                     f"fatalities:{c.rule}" + (f" claimed by {c.claimant}" if c.claimant else ""), 0.7)
            for c in mine
        )  # fmt: skip
        out.append(
            dataclasses.replace(m, fatality_claims=m.fatality_claims + mine, evidence=m.evidence + evidence)
        )
    return out
