"""Read event mentions out of a document's sentences: trigger, sub-event type, actors, place, date and
fatality claims, each with its evidence (extract stage; aggregation into events comes next).
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from collections.abc import Sequence
from typing import Any

from polemos.knowledge.lexicon import Lexicon
from polemos.model import (
    Actor,
    Document,
    EventMention,
    FatalityClaim,
    Span,
)
from polemos.stages.actor_choice import choose_actors
from polemos.stages.actor_parties import parties, peace_force
from polemos.stages.actor_unit_owners import not_unit_owners
from polemos.stages.annotate import Sentence
from polemos.stages.arguments import ActorMentionLike, assign_roles, claimant_tokens, token_at, verb_of
from polemos.stages.ceded_ground import ceded_ground
from polemos.stages.context_marks import context_marks
from polemos.stages.context_words import not_so_words
from polemos.stages.date_order import day_before, told_as_preceding
from polemos.stages.escalation import escalate_protests
from polemos.stages.fatality_holders import attach_claims, holds_dead, split_tolls
from polemos.stages.fatality_tolls import (
    TollContext,
    claims_go_back,
    claims_to_last_mention,
    explain_bodies,
    is_follow_up_toll,
    note_mentions,
    results_from,
    tells_outcome_of,
    toll_possible,
)
from polemos.stages.group_founding import founded_first
from polemos.stages.mention_context import (
    INHERIT_WINDOW,
    VIOLENT,
    DocumentActorsLike,
    SentenceFacts,
    evidence_at,
)
from polemos.stages.mention_setting import choose_date, choose_place
from polemos.stages.sentence_incidents import merge_in_sentence
from polemos.stages.taker_inter import unstated_agent_inter
from polemos.stages.token_view import view
from polemos.stages.trigger_objects import object_tokens
from polemos.stages.triggers import TriggerHit, candidate_hits, settle
from polemos.stages.victims import (
    ARMED_WORDS,
    CIVILIAN_WORDS,
    among_harmed,
    headline_participle,
    sentence_victims,
    victim_class,
)
from polemos.stages.war_assaults import assault_on_enemy_ground
from polemos.taxonomy import SubEventType


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
    ctx = TollContext(
        # a unit's owner, "the X Force of the government", is no party of its own (actor_unit_owners)
        main_actors=main_actors(not_unit_owners(actors.mentions_in(0, len(document.text)), document.text)),
        facts=facts,
        sentences=sentences,
    )
    out: list[EventMention] = []
    for sent, fact in zip(sentences, facts, strict=True):
        found: list[EventMention] = []
        if sent.is_parsed:
            found, tolls = _sentence_mentions(document, sent, fact, lexicon, actors, ctx)
            claims_to_last_mention(out, ctx, sent, tolls)
            explain_bodies(out, found, sent, ctx)
            note_mentions(out, found, sent, ctx)
        else:
            claims_to_last_mention(out, ctx, sent, fact.claims)
        dated = [d for d in fact.dates if not d.rule.startswith("since") and d.rule != "year-only"]
        if dated:
            ctx.last_date, ctx.last_date_sentence, ctx.last_date_paragraph = (
                dated[0],
                sent.index,
                sent.paragraph,
            )
        local = [p for p in fact.places if p.feature != "A" or p.geo_precision < 3]
        if local:
            ctx.last_place, ctx.last_place_sentence = local[-1], sent
    out = ceded_ground(out, {s.start: s.index for s in sentences})
    return escalate_protests(out, sentences, lexicon, actors)


def _sentence_mentions(
    doc: Document,
    sent: Sentence,
    fact: SentenceFacts,
    lexicon: Lexicon,
    actors: DocumentActorsLike,
    ctx: TollContext,
) -> tuple[list[EventMention], tuple[FatalityClaim, ...]]:
    """The sentence's event mentions, and the claims of its toll that go to the event told before it."""
    sdoc = sent.doc
    tokens = view(sdoc)
    place_tokens: set[int] = set()
    for p in fact.places:
        place_tokens.update(t.i for t in tokens.tokens if p.start <= sent.start + t.idx < p.end)
    mentions = list(actors.mentions_in(sent.start, sent.end))
    # Context words for the lexicon's conditions, leaving out who reports ("Police said a man stabbed ...").
    reporting = claimant_tokens(sdoc)
    unsaid = reporting | not_so_words(tokens.tokens, tokens.lowers)
    # Written forms too: the tagger sometimes mislemmatises news verbs ("staged" -> "stag").
    lemmas = {w for i, w in enumerate(tokens.lemmas) if i not in unsaid}
    lemmas.update(w for i, w in enumerate(tokens.lowers) if i not in unsaid)
    lemmas |= context_marks(tokens, lexicon)
    for m in mentions:
        tok = token_at(sdoc, m.end - 1 - sent.start)
        if m.category in ("state", "armed", "external") and tok is not None and tok.i not in reporting:
            lemmas.add("armed")  # a named armed actor puts the sentence in armed conflict
    prev = ctx.last_mention
    if (
        prev is not None
        and sent.index - ctx.last_mention_sentence <= INHERIT_WINDOW
        and prev.event_type in VIOLENT
    ):
        lemmas.add("armed")  # the sentence goes on with the fighting the previous one told
    hits = candidate_hits(sdoc, lexicon, frozenset(place_tokens))
    if any(h.trigger.id == INCENDIARY for h in hits):
        # "petrol bombed during protests": a crowd's violence (lexicon: protest_violence)
        lemmas.add("molotov")
    anchors = frozenset(h.anchor.i for h in hits)
    found: list[EventMention] = []
    # Weak triggers ("killed", "attacked") usually report the outcome of a stronger one in the same
    # sentence; they code an event only when no strong trigger of the sentence does. When that trigger
    # tells no fighting, a weak "killed" may still be the previous event's toll ("Six fighters killed,
    # 9 others abducted." after a clash). Triggers of a relative clause come last, when the main clause
    # coded nothing ("joined workers who took to the streets").
    is_toll: list[bool] = []
    for fallback, weak in _PASSES:
        if fallback and found:
            break
        told = bool(found)
        # Dead told beside news that cannot hold them ("killed four militants and recovered weapons",
        # "was killed and three others arrested"): the killing is the event ACLED codes with them, unless
        # it is that news' outcome ("detonated prematurely, killing two of them").
        unheld = told and not any(holds_dead(m) for m in found)
        if told and (
            not fact.claims
            or (not unheld and (any(m.event_type in VIOLENT for m in found) or not toll_possible(sent, ctx)))
        ):
            break
        for hit in (
            h
            for h in hits
            if h.trigger.weak is weak and h.fallback is fallback and (not told or h.trigger.id == "kill")
        ):
            if told and tells_outcome_of(hit, sent, found):
                continue
            mention = _mention(
                doc, sent, fact, lexicon, actors, ctx, hit, mentions, frozenset(lemmas), anchors
            )
            toll = mention is not None and is_follow_up_toll(hit, mention, sent, mentions, fact.claims, ctx)
            killing = (
                unheld and mention is not None and holds_dead(mention) and not results_from(hit, sent, found)
            )
            if mention is not None and (toll or not told or killing):
                found.append(mention)
                is_toll.append(toll)
    if not found:
        return [], tuple(fact.claims)  # a toll in a sentence of its own: the event just told
    own, back = split_tolls(found, is_toll, fact.claims)
    if not back and fact.claims and claims_go_back(own, hits, sent, ctx):
        back = tuple(fact.claims)
    return attach_claims(merge_in_sentence(own), [c for c in fact.claims if c not in back]), back


# The order triggers code in: (relative clause, weak).
_PASSES = ((False, False), (False, True), (True, False), (True, True))
# Words of a toll told in a sentence of its own ("Two soldiers dead.", "Five policemen were wounded.").
_TOLL_WORDS = frozenset({"dead", "killed", "died", "wounded", "injured", "slain"})
_WORD = re.compile(r"[a-z]+")


# The lexicon trigger of petrol bombs and Molotov cocktails: the sentence's context then counts a Molotov
# ("molotov" in protest_violence), so that a protest told beside one is a violent demonstration.
INCENDIARY = "incendiary"


def _mention(
    doc: Document,
    sent: Sentence,
    fact: SentenceFacts,
    lexicon: Lexicon,
    actors: DocumentActorsLike,
    ctx: TollContext,
    hit: TriggerHit,
    mentions: Sequence[ActorMentionLike],
    lemmas: frozenset[str],
    anchors: frozenset[int] = frozenset(),
) -> EventMention | None:
    """One event mention from one trigger hit; `anchors` are the tokens of the sentence's other hits."""
    roles = assign_roles(sent.doc, hit.anchor, mentions, sent.start)
    verb = verb_of(hit.anchor)
    # Who was harmed: the object, the passive subject, and the subject of "die".
    harmed = object_tokens(hit.anchor) + [
        c
        for c in verb.children
        if c.dep_ == "nsubjpass"
        or (c.dep_ == "nsubj" and (verb.lemma_ == "die" or headline_participle(verb)))
    ]
    # "including 4 fighters": armed men among the dead make the killing a fight
    harmed.extend(among_harmed(verb))
    if (hit.anchor.dep_ == "amod" and hit.anchor.tag_ == "VBN") or (
        hit.anchor.dep_ == "acl" and hit.anchor.tag_ in ("VBN", "VBD")
    ):
        # headline style: "2 soldiers killed in Wau" - the noun is the victim (the tagger sometimes reads
        # "an officer shot dead" as a past tense)
        harmed.append(hit.anchor.head)
    victims = victim_class(harmed, [m.category for m in _harmed_patients(roles.patients, harmed, sent)])
    if victims is None:
        victims = victim_class(sentence_victims(sent.doc), [])
    if victims is None:
        victims = _victims_told_next(sent, ctx)
    if victims is None and any(
        m.category in ("state", "armed", "external") for m in roles.patients + roles.others
    ):
        victims = "armed"  # an attack where armed forces are the other party named is a battle
    if (
        victims is None
        and len({m.actor for m in parties([m for m in mentions if m.category != "external"])}) >= 2
    ):
        victims = "armed"  # two armed parties in one sentence of killing: they fought each other
    armed_agents = [m for m in roles.agents if m.category != "civilian"]
    if victims is None and assault_on_enemy_ground(hit, armed_agents, actors):
        victims = "armed"
    settled = settle(
        hit.trigger,
        lexicon,
        hit.object_classes,
        lemmas,
        victims,
        # a UN mission's troops act as the state they serve does: their detentions are arrests
        (1 if peace_force(armed_agents[0].actor) else armed_agents[0].actor.inter)
        if armed_agents
        else unstated_agent_inter(hit, verb, lexicon, mentions, sent),
    )
    if settled is None:
        return None
    sub, rule = settled
    date = choose_date(doc, sent, fact, hit, ctx)
    borrowed = date is not None and date.rule.startswith(("inherited", "published"))
    if date is not None and borrowed and told_as_preceding(hit.anchor, anchors - {hit.anchor.i}):
        date = day_before(date)  # "came after a series of airstrikes": the day before, at best
    if date is None and doc.published is not None:
        return None  # the sentence dates its event in a way ACLED cannot code (e.g. "in the past", "since")
    trig_start = sent.start + sent.doc[hit.start].idx
    trig_end = sent.start + sent.doc[hit.end - 1].idx + len(sent.doc[hit.end - 1].text)
    evidence = [
        evidence_at(doc, sent, "event_type", sub.value, trig_start, trig_end, rule, hit.trigger.confidence)
    ]
    place = choose_place(sent, fact, hit, ctx)
    a1, a2, actor_ev = choose_actors(doc, sent, sub, roles, actors, ctx, trig_start, place, mentions)
    a1, a2, actor_ev = founded_first(hit.trigger.id, sub, a1, a2, actor_ev)
    evidence.extend(actor_ev)
    if sub is SubEventType.ABDUCTION and a1 is not None and a1.inter == 1:
        # ACLED: detention by state forces is an arrest; by anyone else, an abduction.
        sub, rule = SubEventType.ARRESTS, rule + "+actor1:state"
        evidence[0] = dataclasses.replace(evidence[0], value=sub.value, rule=rule)
    if place is not None:
        # A place taken from another sentence ("there", a sentence naming none, a town named just after) is
        # quoted where it is named.
        holders = (sent, ctx.last_place_sentence, *ctx.sentences)
        named_in = next((s for s in holders if s is not None and s.start <= place.start < s.end), sent)
        evidence.append(
            evidence_at(
                doc,
                named_in,
                "location",
                place.name,
                max(place.start, named_in.start),
                max(place.end, named_in.start),
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


def _harmed_patients(
    patients: Sequence[ActorMentionLike], harmed: Sequence[Any], sent: Sentence
) -> list[ActorMentionLike]:
    """The patients named among the harmed words: in "eight residents were killed when gunmen attacked
    the town" an armed patient of the attack is not who was killed. All of them when the sentence names
    no harmed word (the fallbacks after this one still see every patient)."""
    if not harmed:
        return list(patients)
    # each harmed word with the words before it in its phrase ("two Kenyan army bases")
    spans = [(sent.start + t.left_edge.idx, sent.start + t.idx + len(t.text)) for t in harmed]
    return [m for m in patients if any(m.start < end and start < m.end for start, end in spans)]


def _victims_told_next(sent: Sentence, ctx: TollContext) -> str | None:
    """Who was harmed, told in the next sentence of the paragraph when the sentence of the attack names no
    one ("Militants attacked the village. Eight soldiers reported dead."): their side types the attack."""
    following = ctx.sentences[sent.index + 1 : sent.index + 2]
    nxt = following[0] if following else None
    if nxt is None or nxt.paragraph != sent.paragraph:
        return None
    if nxt.is_parsed:
        return victim_class(sentence_victims(nxt.doc), [])
    # A toll alone ("Eight soldiers reported dead.") holds no trigger and is not parsed: its words tell.
    written = set(_WORD.findall(nxt.text.lower()))
    words = written | {w.removesuffix("s") for w in written}
    if not words & _TOLL_WORDS:
        return None
    if words & ARMED_WORDS:
        return "armed"
    return "civilian" if words & CIVILIAN_WORDS else None
