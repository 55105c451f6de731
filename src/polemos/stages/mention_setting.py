"""Where and when one event mention happened: its date and place, chosen among the sentence's own,
the document's earlier ones and the publication date (ACLED's rules for vague and inherited dates).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

from polemos.model import DatePoint, Document, Place, TimePrecision
from polemos.stages.annotate import Sentence
from polemos.stages.arguments import token_at, verb_of
from polemos.stages.mention_context import INHERIT_WINDOW, NarrativeContext, SentenceFacts
from polemos.stages.triggers import TriggerHit, object_tokens
from polemos.taxonomy import EventType

# A sentence that places its event only "in the past" gives ACLED no date to code it with.
_VAGUE_PAST = re.compile(
    r"\b(in the past|previously|historically|over the years|for years|in recent years)\b", re.I
)
# Place anaphora: the sentence's event is where the previous sentence's was.
_THERE = re.compile(r"\b(there|in the area|the (?:city|town|village|area|capital))\b", re.I)
# What joins the members of a list of places: "Ras Lanuf, Sidra and Ben Jawad", "Zawiya or Surman".
_LIST_GAP = re.compile(r"\s*(?:,|&|/|,?\s+(?:and|or)\b)\s*")
# "Recently regained": ACLED's "past two or three weeks" rule gives month precision around two weeks back.
RECENT_DAYS = 14
# "since Monday" is an event of the last few days; "since 2015" is a continuing state.
SINCE_RECENT_DAYS = 7


def choose_date(
    doc: Document, sent: Sentence, fact: SentenceFacts, hit: TriggerHit, ctx: NarrativeContext
) -> DatePoint | None:
    """The day of the event a trigger names: a date of its own clause, of its sentence, or inherited."""
    verb = verb_of(hit.anchor)
    lo, hi = sent.start + verb.left_edge.idx, sent.start + verb.right_edge.idx + len(verb.right_edge.text)
    usable = [d for d in fact.dates if d.rule != "year-only"]
    if usable and all(d.rule.startswith("since") for d in usable):
        recent = [
            d for d in usable if doc.published and 0 <= (doc.published - d.date).days <= SINCE_RECENT_DAYS
        ]
        if not recent:
            return None  # "since mid-2015": a continuing state, not an atomic event day
        # "killing five since Monday": a few days' violence, coded to the day it began (ACLED's first day)
        return dataclasses.replace(recent[0], rule=f"recent-{recent[0].rule}", is_background=False)
    usable = [d for d in usable if not d.rule.startswith("since")]
    in_clause = [d for d in usable if lo <= d.start < hi]
    anchor_pos = sent.start + hit.anchor.idx
    if in_clause:
        return min(in_clause, key=lambda d: abs(d.start - anchor_pos))
    if doc.published and any(c.lower_ == "recently" for c in verb.children):
        return DatePoint(
            doc.published - dt.timedelta(days=RECENT_DAYS), TimePrecision.MONTH, "recently", rule="recently"
        )
    if usable:
        return min(usable, key=lambda d: abs(d.start - anchor_pos))
    if _VAGUE_PAST.search(sent.text):
        return None
    if (
        ctx.last_date is not None
        and sent.index - ctx.last_date_sentence <= INHERIT_WINDOW
        and sent.paragraph == ctx.last_date_paragraph
    ):
        return dataclasses.replace(ctx.last_date, rule=f"inherited:{ctx.last_date.rule}")
    if doc.published is not None:
        return DatePoint(doc.published, TimePrecision.WEEK, "", rule="published")
    return None


def choose_place(sent: Sentence, fact: SentenceFacts, hit: TriggerHit, ctx: NarrativeContext) -> Place | None:
    anchor_pos = sent.start + hit.anchor.idx
    local = [p for p in fact.places if not (p.feature == "A" and p.geo_precision >= 3)]
    # Places inside a relative clause that does not hold the trigger describe something else
    # ("mines which militias used to explode mosques in Tripoli").
    kept = []
    for p in local:
        tok = token_at(sent.doc, p.start - sent.start)
        in_other_clause = False
        node = tok
        for _ in range(8):
            if node is None or node.head.i == node.i:
                break
            # A clause describing the trigger itself tells where it happened ("an airstrike that hit
            # his house in Sirte").
            describes_trigger = node.head.i == hit.anchor.i
            if (
                node.dep_ == "relcl"
                and not describes_trigger
                and not (node.left_edge.i <= hit.anchor.i <= node.right_edge.i)
            ):
                in_other_clause = True
                break
            node = node.head
        if not in_other_clause:
            kept.append(p)
    if kept:
        spans = [(sent.start + t.left_edge.idx, sent.start + t.right_edge.idx + len(t.right_edge.text))
                 for t in object_tokens(hit.anchor)]  # fmt: skip
        in_object = [p for p in kept if any(lo <= p.start < hi for lo, hi in spans)]
        chosen = min(in_object or kept, key=lambda p: (abs(p.start - anchor_pos), p.geo_precision))
        return list_head(sent, kept, chosen)
    if _THERE.search(sent.text) and ctx.last_place is not None:
        return dataclasses.replace(ctx.last_place, reason=f"anaphora 'there' -> {ctx.last_place.name}")
    countries = [p for p in fact.places if p.feature == "A"]
    if countries and hit.sub_event_type.event_type is EventType.STRATEGIC_DEVELOPMENTS:
        return countries[0]  # ACLED records some strategic developments at country level
    if ctx.last_place is not None:
        # A sentence that names no place of its own goes on telling about the place named before
        # ("Clashes broke out in Sirte. Two fighters were killed."); marked inherited, so that it still
        # merges with a mention that names its own place.
        last = ctx.last_place
        return dataclasses.replace(last, inherited=True, reason=f"named earlier: {last.name}; {last.reason}")
    if local:
        # Only a clause about something else names a place, yet it is the report's only place: "a man
        # who had travelled to Bujumbura was abducted" happened there more often than not.
        return min(local, key=lambda p: (abs(p.start - anchor_pos), p.geo_precision))
    return None


def list_head(sent: Sentence, places: list[Place], chosen: Place) -> Place:
    """The first town of the list `chosen` belongs to: ACLED codes one event per town of "clashes in
    Ras Lanuf, Sidra and Ben Jawad", the first standing for the event polemos codes once."""
    ordered = sorted(places, key=lambda p: p.start)
    i = next(k for k, p in enumerate(ordered) if p is chosen)
    while i > 0:
        before = ordered[i - 1]
        gap = sent.text[before.end - sent.start : ordered[i].start - sent.start]
        if before.geo_precision >= 3 or not _LIST_GAP.fullmatch(gap):
            break
        i -= 1
    return ordered[i]
