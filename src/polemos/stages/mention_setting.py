"""Where and when one event mention happened: its date and place, chosen among the sentence's own,
the document's earlier ones and the publication date (ACLED's rules for vague and inherited dates); a
report that names its place only after the event takes the place named next.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from typing import Any

from polemos.model import DatePoint, Document, Place, TimePrecision
from polemos.stages.annotate import Sentence
from polemos.stages.arguments import claimant_tokens, token_at, verb_of
from polemos.stages.mention_context import INHERIT_WINDOW, NarrativeContext, SentenceFacts
from polemos.stages.place_words import PlaceWords, place_words
from polemos.stages.trigger_objects import object_tokens
from polemos.stages.triggers import TriggerHit
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
# Prepositions of where someone or something went or came from: "the delegation to Moscow".
_DIRECTIONS = frozenset({"to", "from", "towards", "toward", "into"})
# A compass point "of" a town ("Southwest of Gwoza") places the event near it.
_COMPASS = re.compile(r"(?:north|south)?-?(?:east|west)?(?:ern)?")


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
    kept = [p for p in local if _aside(sent, p, hit) is None]
    if kept:
        # A foreign capital in a home story is where a delegation went, not where the event happened.
        home = [p for p in kept if p.country == ctx.home_country]
        kept = home or kept
        spans = [(sent.start + t.left_edge.idx, sent.start + t.right_edge.idx + len(t.right_edge.text))
                 for t in object_tokens(hit.anchor, with_setting=True)]  # fmt: skip
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
        # Only a phrase about something else names a place, yet it is the report's only place so far: "a
        # man who had travelled to Bujumbura was abducted" happened there more often than not.
        return min(local, key=lambda p: (abs(p.start - anchor_pos), p.geo_precision))
    after = ctx.place_after(sent.index)
    if after is not None:
        # A report that opens on its event and names the place next ("A man was executed. A video shows
        # him kneeling in Ajdabiya."); inherited, so that a mention naming its own place still wins.
        return dataclasses.replace(after, inherited=True, reason=f"named next: {after.name}; {after.reason}")
    return None


def _place_root(sent: Sentence, place: Place) -> Any:
    """The token heading a toponym's words ("Lanuf" of "Ras Lanuf")."""
    tok = token_at(sent.doc, place.start - sent.start)
    for _ in range(4):
        if tok is None or tok.head.i == tok.i:
            break
        head = tok.head
        if not place.start <= sent.start + head.idx < place.end:
            break
        tok = head
    return tok


def _aside(sent: Sentence, place: Place, hit: TriggerHit) -> str | None:
    """Why a place the sentence names is not where its trigger's event happened, or None if it may be:
    it sits in a relative clause about something else, it is where someone or something went or came
    from, or it is part of a name ("the Brigades for the Defence of Benghazi", "Misrata's Third Force")."""
    tok = _place_root(sent, place)
    if tok is None:
        return None
    reporters = claimant_tokens(sent.doc)  # kept on the parse: one scan per sentence
    if tok.i in reporters and hit.anchor.i not in reporters:
        return "who reports"  # "sources in Pretoria said trucks were burnt near Zebediela"
    verb = verb_of(hit.anchor)
    if tok.dep_ == "pobj" and tok.head.lower_ in _DIRECTIONS:
        attached = tok.head.head
        if attached.i not in (hit.anchor.i, verb.i):
            return "direction"  # "the delegation to Moscow", "flights were diverted to Misrata"
    node = tok
    for _ in range(8):
        if node.head.i == node.i:
            break
        # A clause describing the trigger itself tells where it happened ("an airstrike that hit his
        # house in Sirte").
        if (
            node.dep_ == "relcl"
            and node.head.i != hit.anchor.i
            and not (node.left_edge.i <= hit.anchor.i <= node.right_edge.i)
        ):
            return "other clause"  # "mines which militias used to explode mosques in Tripoli"
        node = node.head
    if _in_name(place, sent, tok, hit):
        return "part of a name"
    return None


def _in_name(place: Place, sent: Sentence, tok: Any, hit: TriggerHit) -> bool:
    """Whether the toponym only qualifies an organisation: "Misrata's Third Force", "the Tripoli
    Revolutionaries' Brigade", "the Brigades for the Defence of Benghazi" (not "Lupane State University"
    or "Rafah City", which stand where the place is)."""
    words = place_words()
    node = tok
    for _ in range(4):
        link = node.dep_
        if link in ("poss", "compound"):
            node = node.head
        elif link == "pobj" and node.head.lower_ in ("of", "for"):
            node = node.head.head
        else:
            return False
        if node.i == hit.anchor.i or place.start <= sent.start + node.idx < place.end:
            continue
        if node.text in words.organisation_words and node.text not in words.institutions:
            return True
        if link == "compound" and node.lower_ in words.actor_after:
            return True  # "Abala militia attack Tur", "Misrata forces"
        if link == "compound" or node.pos_ != "PROPN":
            continue
        if node.text in words.institutions or node.text in words.structures:
            continue  # "Bani Walid University", "Tripoli's Martyrs Square": where it stands
        if link == "poss":
            return True  # a town's own group, named as the town's: "Misrata's ThirdForce"
        if node.text[:1].isupper() and not _stands_at_place(node.lower_, node.text, words):
            return True  # "the Defence of Benghazi", whatever the parser hung "Defence" on
    return False


def _stands_at_place(lower: str, text: str, words: PlaceWords) -> bool:
    """Whether a capitalised word "of" a town still names where it is: a kind of place ("the City of
    Tripoli", from the plain words that also name places), a facility, or a title ("the Mayor of Misrata")."""
    if _COMPASS.fullmatch(lower):
        return True  # "10km Southwest of Gwoza": near it
    return lower in words.common or lower in words.facilities or text in words.titles


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
