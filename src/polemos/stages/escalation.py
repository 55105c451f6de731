"""Protests that turn violent (extract stage, after the sentences' mentions are read): a demonstration
whose following sentences tell of the crowd's violence is coded as ACLED codes it, a violent demonstration.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from typing import Protocol

from polemos.knowledge.lexicon import Lexicon
from polemos.model import EventMention
from polemos.stages.annotate import Sentence
from polemos.stages.arguments import ActorMentionLike
from polemos.taxonomy import EventType, SubEventType

# How many following sentences may tell that a protest turned violent.
ESCALATION_WINDOW = 2
_CALM_PROTESTS = frozenset({SubEventType.PEACEFUL_PROTEST, SubEventType.PROTEST_WITH_INTERVENTION})


class PhraseResolver(Protocol):
    def resolve_phrase(self, phrase: str, position: int) -> ActorMentionLike | None: ...


def _sentence_words(sent: Sentence) -> set[str]:
    if sent.is_parsed:
        return {w for t in sent.doc for w in (t.lemma_.lower(), t.lower_)}
    return set(re.findall(r"[a-z]+", sent.text.lower()))


def escalate_protests(
    mentions: list[EventMention],
    sentences: Sequence[Sentence],
    lexicon: Lexicon,
    actors: PhraseResolver,
) -> list[EventMention]:
    """A peaceful protest whose next sentences tell of the crowd's violence (or of a riot, and of no other
    event) is a violent demonstration: ACLED codes a demonstration that turns violent as a riot."""
    violent = lexicon.classes.get("escalation", frozenset())
    stems = tuple(w for w in violent if len(w) >= 4)
    told: dict[int, set[EventType]] = {}
    for m in mentions:
        told.setdefault(m.sentence.start, set()).add(m.event_type)
    index = {s.start: i for i, s in enumerate(sentences)}
    out = []
    for m in mentions:
        at = index.get(m.sentence.start)
        if at is not None and m.sub_event_type in _CALM_PROTESTS:
            for s in sentences[at + 1 : at + 1 + ESCALATION_WINDOW]:
                if s.paragraph != sentences[at].paragraph:
                    break
                if s.start in told:
                    # a riot told next is this protest turning violent; any other event ends the story
                    if told[s.start] == {EventType.RIOTS}:
                        m = _as_riot(m, actors)
                    break
                words = _sentence_words(s)
                if words & violent or any(w.startswith(stems) for w in words):
                    m = _as_riot(m, actors)
                    break
        out.append(m)
    return out


def _as_riot(m: EventMention, actors: PhraseResolver) -> EventMention:
    sub = SubEventType.VIOLENT_DEMONSTRATION
    ev = dataclasses.replace(m.evidence[0], value=sub.value, rule=m.evidence[0].rule + "+escalation")
    actor1 = m.actor1
    if actor1 is not None and actor1.inter == 6:  # the protesters became rioters
        rioters = actors.resolve_phrase("rioters", m.trigger.start)
        actor1 = rioters.actor if rioters is not None else actor1
    return dataclasses.replace(m, sub_event_type=sub, actor1=actor1, evidence=(ev, *m.evidence[1:]))
