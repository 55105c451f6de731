"""Protests that turn violent (extract stage, after the sentences' mentions are read): a demonstration
whose following sentences tell of the crowd's violence is coded as ACLED codes it, a violent demonstration.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from typing import Any, Protocol

from polemos.knowledge.lexicon import Lexicon
from polemos.model import Actor, EventMention
from polemos.stages.annotate import Sentence
from polemos.stages.arguments import ActorMentionLike
from polemos.stages.crowd_attacks import as_crowd_attack, crowd_attack
from polemos.stages.crowd_clashes import as_crowd_riot, crowd_clash
from polemos.stages.crowd_force import crowd_beats, crowd_sets_fire, told_crowd_dispersal
from polemos.stages.crowd_harm import as_crowd_harm, as_rioters, crowd_harm_verb
from polemos.stages.modality import denied_word
from polemos.stages.token_view import view
from polemos.stages.victims import ARMED_WORDS, former
from polemos.taxonomy import EventType, Inter, SubEventType

# How many following sentences may tell that a protest turned violent.
ESCALATION_WINDOW = 2
_CALM_PROTESTS = frozenset({SubEventType.PEACEFUL_PROTEST, SubEventType.PROTEST_WITH_INTERVENTION})
# Verbs that block a road when their object is one ("closed the road to Dire Dawa"); alone they close shops.
_BLOCKING_VERBS = frozenset({"block", "blockade", "barricade", "close", "shut", "seal", "obstruct"})
# Verbs that put up a barrier ("erected barricades", "set up roadblocks"); "built a road" blocks nothing.
_ERECTING_VERBS = frozenset({"erect", "mount", "set", "put", "build", "place", "raise", "establish"})
_BARRIERS = frozenset({"roadblock", "barricade", "blockade", "barrier"})
# Every lemma `blocks_road` can accept: callers skip the other tokens without asking it.
ROAD_VERBS = _BLOCKING_VERBS | _ERECTING_VERBS
# The context word the extract stage adds for a crowd's blockade (lexicon classes `blockade`,
# `protest_violence`); not a word of English, so that the word "roadblock" alone does not count.
BLOCKADE_MARK = "crowd-blockade"
# The context word the extract stage adds when people (not the police, the army or an authority) shut
# premises down (lexicon class `shutdown`); not a word of English.
SHUTDOWN_MARK = "crowd-shutdown"
# Verbs that shut premises down with the particle "down": "parents shut down the school".
SHUTTING_VERBS = frozenset({"shut", "close"})
# The lexicon class of the people who shut premises down in protest ("residents", "parents", "workers").
_SHUTTERS = "gathering"

# What "riot" names when it qualifies them ("riot police", "riot gear"): police for crowds, no riot.
RIOT_UNITS = frozenset(
    {"police", "policemen", "squad", "gear", "control", "unit", "units", "officers", "troops"}
)
_RIOT_UNIT_WORDS = re.compile(r"\briot[\s-]+(?:" + "|".join(sorted(RIOT_UNITS)) + r")\b")

# The lexicon trigger of a protester setting himself on fire: the burns told after it are his own.
SELF_IMMOLATION = "self-immolation"
_BURN_WORDS = frozenset({"burn", "burns", "burnt", "burned", "burning"})


class PhraseResolver(Protocol):
    def resolve_phrase(self, phrase: str, position: int) -> ActorMentionLike | None: ...


def _sentence_words(sent: Sentence) -> set[str]:
    """The sentence's words, less the "riot" of "riot police" (the police coming tells no crowd's
    violence) and what it says there was none of ("no damage was reported")."""
    if sent.is_parsed:
        tokens = view(sent.doc)
        lowers = tokens.lowers
        left_out = {i for i, t in enumerate(tokens.tokens) if denied_word(t)}
        if "riot" in lowers:
            left_out.update(
                i for i in range(len(lowers) - 1) if lowers[i] == "riot" and lowers[i + 1] in RIOT_UNITS
            )
        return {w for i in range(len(lowers)) if i not in left_out for w in (tokens.lemmas[i], lowers[i])}
    text = sent.text.lower()
    words = re.findall(r"[a-z]+", _RIOT_UNIT_WORDS.sub(" ", text) if "riot" in text else text)
    if _SET_ON_FIRE.search(text) and not ARMED_WORDS & {w.removesuffix("s") for w in words}:
        words.append("arson")  # "they then set the office on fire", told by no armed men: the crowd's
    # unparsed: "no damage", "without looting" by the word before
    return {w for i, w in enumerate(words) if i == 0 or words[i - 1] not in _NONE_WORDS}


# A place set on fire with its object between ("set the rector's office on fire"), in a sentence left
# unparsed (no trigger's words are contiguous in it).
_SET_ON_FIRE = re.compile(r"\bset\s+(?:[\w'’-]+\s+){1,4}on\s+fire\b")
# Words that deny the word after them in a sentence read without its parse ("no damage was reported").
_NONE_WORDS = frozenset({"no", "without"})


def escalate_protests(
    mentions: list[EventMention],
    sentences: Sequence[Sentence],
    lexicon: Lexicon,
    actors: PhraseResolver,
) -> list[EventMention]:
    """A peaceful protest whose next sentences tell of the crowd's violence (`crowd_beats` among it), or of
    a riot, and of no other event, is a violent demonstration: ACLED codes a demonstration that turns
    violent as a riot."""
    violent = lexicon.classes.get("escalation", frozenset())
    stems = frozenset(w for w in violent if len(w) >= 4)
    told: dict[int, set[EventType]] = {}
    by_sentence: dict[int, list[EventMention]] = {}
    for m in mentions:
        told.setdefault(m.sentence.start, set()).add(m.event_type)
        by_sentence.setdefault(m.sentence.start, []).append(m)
    index = {s.start: i for i, s in enumerate(sentences)}
    # the clashes with a force alone that a protest's crowd fought (`crowd_clash`), by id: its riot
    clashes: dict[int, EventMention] = {}
    out = []
    for m in _with_told_crowds(
        _crowd_harms(mentions, sentences, index, lexicon, actors), sentences, index, lexicon
    ):
        if id(m) in clashes:
            out.append(clashes[id(m)])
            continue
        at = index.get(m.sentence.start)
        if at is not None and m.sub_event_type in _CALM_PROTESTS:
            for s in sentences[at + 1 : at + 1 + ESCALATION_WINDOW]:
                if s.paragraph != sentences[at].paragraph:
                    break
                if s.start in told:
                    # a riot told next is this protest turning violent, and so is a clash of a force with
                    # a side left unnamed (the crowd); any other event ends the story
                    if told[s.start] == {EventType.RIOTS}:
                        m = _as_riot(m, actors)
                    elif all(crowd_clash(c, s) for c in by_sentence[s.start]):
                        m = _as_riot(m, actors)
                        crowd = m.actor1 if m.actor1 is not None and m.actor1.inter == 5 else None
                        clashes.update((id(c), as_crowd_riot(c, crowd)) for c in by_sentence[s.start])
                    break
                words = _sentence_words(s)
                if _self_immolation(m):
                    words -= _BURN_WORDS  # "He is being treated for burns": his own, no crowd's violence
                if (
                    words & violent
                    or any(_inflects(w, stems) for w in words)
                    or (
                        s.is_parsed
                        and any(
                            blocks_road(t, lexicon) or crowd_beats(t, lexicon) or crowd_sets_fire(t, lexicon)
                            for t in s.doc
                        )
                    )
                ):
                    m = _as_riot(m, actors)
                    break
        out.append(m)
    return out


_CROWD_EVENTS = frozenset({EventType.PROTESTS, EventType.RIOTS})


def _crowd_harms(
    mentions: list[EventMention],
    sentences: Sequence[Sentence],
    index: dict[int, int],
    lexicon: Lexicon,
    actors: PhraseResolver,
) -> list[EventMention]:
    """The mentions, where a protest's crowd is told harming unarmed people (`crowd_harm_verb`: "killed
    by protesters") as that violence against civilians, not a protest met with force; and violence against
    civilians done by protesters as done by rioters (ACLED's protesters are peaceful by definition)."""
    out: list[EventMention] = []
    for m in mentions:
        at = index.get(m.sentence.start)
        sent = sentences[at] if at is not None else None
        tok = None
        if sent is not None and sent.is_parsed:
            tok = next((t for t in sent.doc if sent.start + t.idx == m.trigger.start), None)
        if m.event_type is EventType.PROTESTS and tok is not None:
            verb = crowd_harm_verb(tok, lexicon)
            if verb is not None:
                m = as_crowd_harm(m, verb, actors)
        elif tok is not None and (targets := crowd_attack(m, tok, lexicon)) is not None:
            m = as_crowd_attack(m, targets, lexicon, actors)  # "an angry mob attacked the office"
        elif (
            m.event_type is EventType.VIOLENCE_AGAINST_CIVILIANS
            and m.actor1 is not None
            and m.actor1.inter == Inter.PROTESTERS
        ):
            m = as_rioters(m, actors)  # "they took a bus hostage", told of protesters: rioters now
        out.append(m)
    return out


def _with_told_crowds(
    mentions: list[EventMention], sentences: Sequence[Sentence], index: dict[int, int], lexicon: Lexicon
) -> list[EventMention]:
    """The mentions, where a dispersal of a pronoun ("fired tear gas to disperse them", read as a protest
    with intervention only for its pronoun: `told_crowd_dispersal`) follows a protest or a riot just told,
    as the force used on that crowd: on rioters it is part of their riot (the riot's type, its rioters
    against the force). Where no crowd was just told, or no force is named, it is left out: after an
    attack by gunmen "them" is the gunmen."""
    out: list[EventMention] = []
    for m in mentions:
        at = index.get(m.sentence.start)
        rule = m.evidence[0].rule if m.evidence else ""
        if (
            at is None
            or m.sub_event_type is not SubEventType.PROTEST_WITH_INTERVENTION
            or "+" in rule  # refined by the sentence's own words ("leaving three dead"), not the pronoun
            or not sentences[at].is_parsed
            or not told_crowd_dispersal(sentences[at], m.trigger.start, lexicon)
        ):
            out.append(m)
            continue
        before = [
            o
            for o in out
            if (i := index.get(o.sentence.start)) is not None
            and at - ESCALATION_WINDOW <= i < at
            and sentences[i].paragraph == sentences[at].paragraph
        ]
        forces = [a for a in (m.actor1, m.actor2) if a is not None and a.inter in (1, 8)]
        if not forces or not before or before[-1].event_type not in _CROWD_EVENTS:
            continue
        crowd = before[-1]
        if crowd.event_type is EventType.RIOTS:
            m = _on_rioters(m, crowd, forces[0])
        out.append(m)
    return out


def _on_rioters(m: EventMention, riot: EventMention, force: Actor) -> EventMention:
    """The force's dispersal of rioters as part of their riot: its type, its rioters, the force."""
    sub = riot.sub_event_type
    rule = "+on-rioters"
    evidence = tuple(
        dataclasses.replace(e, value=sub.value, rule=e.rule + rule) if e.field == "event_type" else e
        for e in m.evidence
        if e.field != "actor1"  # the crowd read as protesters: the riot's rioters now
    )
    return dataclasses.replace(m, sub_event_type=sub, actor1=riot.actor1, actor2=force, evidence=evidence)


# The endings an act's word takes in a report ("stoned", "looters", "rioting", "thrown"): an unparsed
# sentence's words are matched by them, so that a longer word that merely starts like one ("Petroleum
# Facilities Guard", "tireless", "stonewalled") tells no crowd's violence.
_ENDINGS = ("", "s", "es", "d", "ed", "n", "en", "ing", "ings", "er", "ers")


def _inflects(word: str, stems: frozenset[str]) -> bool:
    """Whether `word` is one of `stems` with an inflection's ending ("vandalising": "vandalise" less its
    final e)."""
    for cut in range(4, len(word) + 1):
        head, ending = word[:cut], word[cut:]
        if ending not in _ENDINGS:
            continue
        if head in stems or (ending.startswith(("i", "e")) and head + "e" in stems):
            return True
    return False


def shuts_down(tok: Any, lexicon: Lexicon) -> bool:
    """ "residents shut down a clinic", "the school was shut down by angry parents": people of a crowd
    (lexicon class `gathering`), not an authority or armed men, close premises down in protest."""
    if tok.lemma_.lower() not in SHUTTING_VERBS or not any(
        c.dep_ == "prt" and c.lower_ == "down" for c in tok.children
    ):
        return False
    doers = [c for c in tok.children if c.dep_ == "nsubj"]
    doers += [p for c in tok.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]
    words = [w for d in doers for w in (d, *d.conjuncts)]
    # "an armed group", "gunmen": armed men shutting a pipeline down are no crowd
    words += [c for w in words for c in w.children if c.dep_ in ("amod", "compound")]
    forms = {f for w in words for f in (w.lemma_.lower(), w.lower_, w.lower_.removesuffix("s"))}
    if forms & (ARMED_WORDS | {"armed"}):
        return False
    return any(lexicon.in_class(f, _SHUTTERS) for f in forms)


def _self_immolation(m: EventMention) -> bool:
    return any(
        e.field == "event_type" and e.rule.startswith(f"trigger:{SELF_IMMOLATION}") for e in m.evidence
    )


def blocks_road(tok: Any, lexicon: Lexicon) -> bool:
    """ "blocked the highway", "closed the road", "erected barricades": a road blocked, by anyone but the
    police or the army (who close roads against a protest, not in one)."""
    lemma = tok.lemma_.lower()
    if lemma not in _BLOCKING_VERBS and lemma not in _ERECTING_VERBS:
        return False
    # "former fighters blocked the highway": ex-combatants are a crowd now, as they are civilian victims
    if any(c.dep_ == "nsubj" and c.lemma_.lower() in ARMED_WORDS and not former(c) for c in tok.children):
        return False
    heads = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
    # "blocking schools, transport and roads": every conjunct is blocked; "the border post", "the
    # highway bridge": the word before names what the post or the bridge stands on
    nouns = [o for h in heads for o in (h, *h.conjuncts)]
    objects = [w.lemma_.lower() for o in nouns for w in (o, *(c for c in o.children if c.dep_ == "compound"))]
    if lemma in _ERECTING_VERBS:
        # "set up road blocks": the barrier written in two words
        return any(o in _BARRIERS for o in objects) or any(
            w.lemma_.lower() == "block"
            and any(c.dep_ == "compound" and c.lower_ == "road" for c in w.children)
            for w in nouns
        )
    return any(lexicon.in_class(o, "road") for o in objects)


def _as_riot(m: EventMention, actors: PhraseResolver) -> EventMention:
    sub = SubEventType.VIOLENT_DEMONSTRATION
    ev = dataclasses.replace(m.evidence[0], value=sub.value, rule=m.evidence[0].rule + "+escalation")
    actor1 = m.actor1
    if actor1 is not None and actor1.inter == 6:  # the protesters became rioters
        rioters = actors.resolve_phrase("rioters", m.trigger.start)
        actor1 = rioters.actor if rioters is not None else actor1
    return dataclasses.replace(m, sub_event_type=sub, actor1=actor1, evidence=(ev, *m.evidence[1:]))
