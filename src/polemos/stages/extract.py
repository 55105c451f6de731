"""Read event mentions out of a document's sentences: trigger, sub-event type, actors, place, date and
fatality claims, each with its evidence (extract stage; aggregation into events comes next).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Token

from polemos.knowledge.lexicon import Lexicon
from polemos.model import (
    Actor,
    DatePoint,
    Document,
    EventMention,
    Evidence,
    FatalityClaim,
    Place,
    Span,
    TimePrecision,
)
from polemos.stages.actor_choice import choose_actors, parties
from polemos.stages.aggregate import same_place
from polemos.stages.annotate import Sentence
from polemos.stages.arguments import ActorMentionLike, assign_roles, claimant_roots, token_at, verb_of
from polemos.stages.escalation import escalate_protests
from polemos.stages.mention_context import (
    INHERIT_WINDOW,
    VIOLENT,
    DocumentActorsLike,
    NarrativeContext,
    evidence_at,
)
from polemos.stages.triggers import (
    TriggerHit,
    candidate_hits,
    object_tokens,
    sentence_victims,
    settle,
    victim_class,
)
from polemos.taxonomy import EventType, SubEventType

# A sentence that places its event only "in the past" gives ACLED no date to code it with.
# Words that deny a fight when they qualify "resistance" ("met no resistance").
_NO_FIGHT_MODIFIERS = frozenset({"no", "little", "minimal", "any", "without", "negligible"})
_VAGUE_PAST = re.compile(
    r"\b(in the past|previously|historically|over the years|for years|in recent years)\b", re.I
)
# Place anaphora: the sentence's event is where the previous sentence's was.
_THERE = re.compile(r"\b(there|in the area|the (?:city|town|village|area|capital))\b", re.I)
# "Recently regained": ACLED's "past two or three weeks" rule gives month precision around two weeks back.
RECENT_DAYS = 14
# "since Monday" is an event of the last few days; "since 2015" is a continuing state.
SINCE_RECENT_DAYS = 7


@dataclass(frozen=True)
class SentenceFacts:
    """Dates, places and fatality claims found in one sentence (every sentence, parsed or not)."""

    dates: tuple[DatePoint, ...] = ()
    places: tuple[Place, ...] = ()
    claims: tuple[FatalityClaim, ...] = ()
    extra: dict[str, Any] = field(default_factory=dict)


def main_actors(mentions: Sequence[ActorMentionLike]) -> tuple[Actor, ...]:
    """The document's most-mentioned armed actors, most frequent first (for arguments left unstated)."""
    counts = Counter(
        m.actor for m in mentions if m.category in ("state", "armed") and "Unidentified" not in m.actor.name
    )
    return tuple(a for a, _ in counts.most_common(2))


def extract_mentions(
    document: Document,
    sentences: Sequence[Sentence],
    facts: Sequence[SentenceFacts],
    lexicon: Lexicon,
    actors: DocumentActorsLike,
) -> list[EventMention]:
    """Every factual event mention in the document, in text order."""
    ctx = NarrativeContext(main_actors=main_actors(actors.mentions_in(0, len(document.text))))
    out: list[EventMention] = []
    for sent, fact in zip(sentences, facts, strict=True):
        found: list[EventMention] = []
        if sent.is_parsed:
            found = _sentence_mentions(document, sent, fact, lexicon, actors, ctx)
            out.extend(found)
            if found:
                ctx.last_mention, ctx.last_mention_sentence = found[-1], sent.index
        if not (sent.is_parsed and found) and fact.claims and ctx.last_mention is not None:
            _claims_to_last_mention(out, ctx, sent, fact.claims)
        dated = [d for d in fact.dates if not d.rule.startswith("since") and d.rule != "year-only"]
        if dated:
            ctx.last_date, ctx.last_date_sentence, ctx.last_date_paragraph = (
                dated[0],
                sent.index,
                sent.paragraph,
            )
        local = [p for p in fact.places if p.feature != "A" or p.geo_precision < 3]
        if local:
            ctx.last_place = local[-1]
    return escalate_protests(out, sentences, lexicon, actors)


def _sentence_mentions(
    doc: Document,
    sent: Sentence,
    fact: SentenceFacts,
    lexicon: Lexicon,
    actors: DocumentActorsLike,
    ctx: NarrativeContext,
) -> list[EventMention]:
    sdoc = sent.doc
    place_tokens: set[int] = set()
    for p in fact.places:
        for tok in sdoc:
            if p.start <= sent.start + tok.idx < p.end:
                place_tokens.add(tok.i)
    mentions = list(actors.mentions_in(sent.start, sent.end))
    # Context words for the lexicon's conditions, leaving out who reports ("Police said a man stabbed ...").
    reporting = {t.i for root in claimant_roots(sdoc) for t in root.subtree}
    # Written forms too: the tagger sometimes mislemmatises news verbs ("staged" -> "stag").
    lemmas = {w for t in sdoc if t.i not in reporting for w in (t.lemma_.lower(), t.lower_)}
    if any(_unopposed(t) for t in sdoc):
        lemmas.add("unopposed")  # "took the town without resistance"; "stiff resistance" is a fight
    for m in mentions:
        tok = token_at(sdoc, m.end - 1 - sent.start)
        if m.category in ("state", "armed") and tok is not None and tok.i not in reporting:
            lemmas.add("armed")  # a named armed actor puts the sentence in armed conflict
    prev = ctx.last_mention
    if (
        prev is not None
        and sent.index - ctx.last_mention_sentence <= INHERIT_WINDOW
        and prev.event_type in VIOLENT
    ):
        lemmas.add("armed")  # the sentence goes on with the fighting the previous one told
    hits = candidate_hits(sdoc, lexicon, frozenset(place_tokens))
    found: list[EventMention] = []
    # Weak triggers ("killed", "attacked") usually report the outcome of a stronger one in the same
    # sentence; they code an event only when no strong trigger of the sentence does.
    tolls = 0
    for weak in (False, True):
        for hit in (h for h in hits if h.trigger.weak is weak):
            mention = _mention(doc, sent, fact, lexicon, actors, ctx, hit, mentions, frozenset(lemmas))
            if mention is not None:
                found.append(mention)
                tolls += _is_follow_up_toll(hit, mention, sent, mentions, ctx)
        if found:
            break
    if found and tolls == len(found):
        return []  # the caller gives this sentence's claims to the event just told
    return _attach_claims(_merge_in_sentence(found), fact.claims)


_DEATH_VERBS = frozenset({"kill", "die"})


def _is_follow_up_toll(
    hit: TriggerHit,
    mention: EventMention,
    sent: Sentence,
    mentions: Sequence[ActorMentionLike],
    ctx: NarrativeContext,
) -> bool:
    """ "SAF bombed Deribat. Two farmers died." - a death told with no one doing it, right after an event at
    the same place and day, is that event's toll, not an event of its own (ACLED codes one event)."""
    prev = ctx.last_mention
    if (
        prev is None
        or sent.index - ctx.last_mention_sentence > INHERIT_WINDOW
        or prev.event_type not in VIOLENT
    ):
        return False  # deaths after a protest are an event of their own (excessive force)
    if hit.trigger.id != "kill" or hit.anchor.lemma_.lower() not in _DEATH_VERBS:
        return False
    roles = assign_roles(sent.doc, hit.anchor, mentions, sent.start)
    if any(m.category != "civilian" for m in roles.agents):
        return False
    same_day = mention.date is None or prev.date is None or mention.date.date == prev.date.date
    return same_day and same_place(prev.place, mention.place)


def _mention(
    doc: Document,
    sent: Sentence,
    fact: SentenceFacts,
    lexicon: Lexicon,
    actors: DocumentActorsLike,
    ctx: NarrativeContext,
    hit: TriggerHit,
    mentions: Sequence[ActorMentionLike],
    lemmas: frozenset[str],
) -> EventMention | None:
    roles = assign_roles(sent.doc, hit.anchor, mentions, sent.start)
    verb = verb_of(hit.anchor)
    # Who was harmed: the object, the passive subject, and the subject of "die".
    harmed = object_tokens(hit.anchor) + [
        c for c in verb.children if c.dep_ == "nsubjpass" or (c.dep_ == "nsubj" and verb.lemma_ == "die")
    ]
    if hit.anchor.dep_ in ("acl", "amod") and hit.anchor.tag_ == "VBN":
        harmed.append(hit.anchor.head)  # headline style: "2 soldiers killed in Wau" - the noun is the victim
    victims = victim_class(harmed, [m.category for m in roles.patients])
    if victims is None:
        victims = victim_class(sentence_victims(sent.doc), [])
    if victims is None and any(m.category in ("state", "armed") for m in roles.patients + roles.others):
        victims = "armed"  # an attack where armed forces are the other party named is a battle
    if (
        victims is None
        and len({m.actor for m in parties([m for m in mentions if m.category != "external"])}) >= 2
    ):
        victims = "armed"  # two armed parties in one sentence of killing: they fought each other
    armed_agents = [m for m in roles.agents if m.category != "civilian"]
    settled = settle(
        hit.trigger,
        lexicon,
        hit.object_classes,
        lemmas,
        victims,
        armed_agents[0].actor.inter if armed_agents else _unnamed_agent_inter(verb, lexicon),
    )
    if settled is None:
        return None
    sub, rule = settled
    date = _choose_date(doc, sent, fact, hit, ctx)
    if date is None and doc.published is not None:
        return None  # the sentence dates its event in a way ACLED cannot code (e.g. "in the past", "since")
    trig_start = sent.start + sent.doc[hit.start].idx
    trig_end = sent.start + sent.doc[hit.end - 1].idx + len(sent.doc[hit.end - 1].text)
    evidence = [
        evidence_at(doc, sent, "event_type", sub.value, trig_start, trig_end, rule, hit.trigger.confidence)
    ]
    place = _choose_place(sent, fact, hit, ctx)
    a1, a2, actor_ev = choose_actors(doc, sent, sub, roles, actors, ctx, trig_start, place, mentions)
    evidence.extend(actor_ev)
    if sub is SubEventType.ABDUCTION and a1 is not None and a1.inter == 1:
        # ACLED: detention by state forces is an arrest; by anyone else, an abduction.
        sub, rule = SubEventType.ARRESTS, rule + "+actor1:state"
        evidence[0] = dataclasses.replace(evidence[0], value=sub.value, rule=rule)
    if place is not None:
        evidence.append(
            evidence_at(
                doc,
                sent,
                "location",
                place.name,
                max(place.start, sent.start),
                max(place.end, sent.start),
                f"place:{place.reason}"[:200],
                0.8 if place.geo_precision == 1 else 0.6,
            )
        )
    if date is not None:
        s, e = (date.start, date.end) if date.start >= 0 else (sent.start, sent.start)
        evidence.append(
            evidence_at(doc, sent, "event_date", date.date.isoformat(), s, e, f"date:{date.rule}", 0.9)
        )
    return EventMention(
        document_id=doc.id,
        sub_event_type=sub,
        trigger=Span(trig_start, trig_end, doc.text[trig_start:trig_end]),
        sentence=Span(sent.start, sent.end, sent.text),
        actor1=a1,
        actor2=a2,
        place=place,
        date=date,
        evidence=tuple(evidence),
        confidence=hit.trigger.confidence,
    )


def _choose_date(
    doc: Document, sent: Sentence, fact: SentenceFacts, hit: TriggerHit, ctx: NarrativeContext
) -> DatePoint | None:
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


def _choose_place(
    sent: Sentence, fact: SentenceFacts, hit: TriggerHit, ctx: NarrativeContext
) -> Place | None:
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
        return min(in_object or kept, key=lambda p: (abs(p.start - anchor_pos), p.geo_precision))
    if _THERE.search(sent.text) and ctx.last_place is not None:
        return dataclasses.replace(ctx.last_place, reason=f"anaphora 'there' -> {ctx.last_place.name}")
    countries = [p for p in fact.places if p.feature == "A"]
    if countries and hit.sub_event_type.event_type is EventType.STRATEGIC_DEVELOPMENTS:
        return countries[0]  # ACLED records some strategic developments at country level
    return None


def _compatible(x: Actor | None, y: Actor | None) -> bool:
    return x is None or y is None or x == y


def _merge_in_sentence(found: list[EventMention]) -> list[EventMention]:
    """ACLED's hierarchy inside a sentence: triggers sharing actors and place are one event, highest wins."""
    merged: list[EventMention] = []
    for m in found:
        for i, g in enumerate(merged):
            same_pair = _compatible(g.actor1, m.actor1) and _compatible(g.actor2, m.actor2)
            if not same_pair and g.event_type is m.event_type:
                # One sentence, one kind of event: "attacked a police post, killing 3 policemen" names the
                # sides twice in other words; sharing one side is enough.
                same_pair = bool({g.actor1, g.actor2} & {m.actor1, m.actor2} - {None})
            near = g.place is None or m.place is None or same_place(g.place, m.place)
            same_day = g.date is None or m.date is None or g.date.date == m.date.date
            if same_pair and near and same_day:
                top, other = (g, m) if g.sub_event_type.rank <= m.sub_event_type.rank else (m, g)
                merged[i] = dataclasses.replace(
                    top,
                    actor1=top.actor1 or other.actor1,
                    actor2=top.actor2 or other.actor2,
                    place=top.place or other.place,
                    evidence=top.evidence + tuple(e for e in other.evidence if e.field != "event_type"),
                    confidence=max(top.confidence, other.confidence),
                )
                break
        else:
            merged.append(m)
    return merged


def _unopposed(tok: Token) -> bool:
    """ "no resistance", "little resistance", "without resistance": a take-over with no fight."""
    if tok.lemma_.lower() != "resistance":
        return False
    if any(c.lower_ in _NO_FIGHT_MODIFIERS for c in tok.children if c.dep_ in ("det", "amod", "advmod")):
        return True
    return tok.dep_ == "pobj" and tok.head.lower_ == "without"


def _unnamed_agent_inter(verb: Token, lexicon: Lexicon) -> int | None:
    """Rebels, insurgents, militants no knowledge entry names are still non-state: "Rebels are now in
    control of the airport" is a non-state actor overtaking territory whatever their name."""
    nonstate = lexicon.classes.get("nonstate_group", frozenset())
    for child in verb.children:
        if child.dep_ == "nsubj" and child.lemma_.lower() in nonstate:
            return 3  # political militia: the inter ACLED gives an unnamed organised non-state group
    return None


def _claims_to_last_mention(
    out: list[EventMention], ctx: NarrativeContext, sent: Sentence, claims: Sequence[FatalityClaim]
) -> None:
    """A toll told in a sentence of its own ("Three fighters died, a hospital source said.") belongs to
    the event the report was just telling, if that was a sentence or two before."""
    last = ctx.last_mention
    if last is None or sent.index - ctx.last_mention_sentence > INHERIT_WINDOW:
        return
    i = max(k for k, m in enumerate(out) if m is last)
    out[i] = _attach_claims([last], claims, sent.text)[0]
    ctx.last_mention = out[i]


def _attach_claims(
    mentions: list[EventMention], claims: Sequence[FatalityClaim], sentence_text: str | None = None
) -> list[EventMention]:
    """Give each claim to the nearest mention; `sentence_text` is the claims' sentence when it is not the
    mentions' own."""
    if not mentions or not claims:
        return mentions
    where = sentence_text or mentions[0].sentence.text
    by: dict[int, list[FatalityClaim]] = {}
    for c in claims:
        nearest = min(range(len(mentions)), key=lambda i: abs(mentions[i].trigger.start - c.start))
        by.setdefault(nearest, []).append(c)
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
