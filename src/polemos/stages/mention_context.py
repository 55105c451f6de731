"""What the extract stage carries from sentence to sentence of a document (the narrative context), and
the small shared pieces its modules use: the facts found per sentence, the document-actors interface
and an evidence builder.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from polemos.model import Actor, DatePoint, Document, EventMention, Evidence, FatalityClaim, Place
from polemos.stages.annotate import Sentence
from polemos.stages.arguments import ActorMentionLike
from polemos.taxonomy import EventType

# Undated sentences take the date of a dated sentence at most this many sentences before, same paragraph;
# a battle's unnamed side and a later toll go to an event told this close before.
INHERIT_WINDOW = 2
VIOLENT = frozenset({EventType.BATTLES, EventType.EXPLOSIONS})


@dataclass(frozen=True)
class SentenceFacts:
    """Dates, places and fatality claims found in one sentence (every sentence, parsed or not)."""

    dates: tuple[DatePoint, ...] = ()
    places: tuple[Place, ...] = ()
    claims: tuple[FatalityClaim, ...] = ()
    extra: dict[str, Any] = field(default_factory=dict)


class DocumentActorsLike(Protocol):
    """The actor mentions of one document, and a resolver for generic phrases ("civilians")."""

    def mentions_in(self, start: int, end: int) -> Sequence[ActorMentionLike]: ...
    def resolve_phrase(self, phrase: str, position: int) -> ActorMentionLike | None: ...
    def leads_battles(self, actor: Actor) -> bool: ...
    def sole_opponent(self, actor: Actor) -> Actor | None: ...


@dataclass
class NarrativeContext:
    """What earlier sentences of the document tell later ones."""

    last_date: DatePoint | None = None
    last_date_sentence: int = -99
    last_date_paragraph: int = -1
    last_place: Place | None = None
    last_place_sentence: Sentence | None = None  # where last_place is named, for its evidence
    last_mention: EventMention | None = None
    last_mention_sentence: int = -99
    main_actors: tuple[Actor, ...] = ()


def evidence_at(
    doc: Document, sent: Sentence, fld: str, value: str, start: int, end: int, rule: str, conf: float
) -> Evidence:
    """Evidence for one field, quoting the document text [start, end) of the sentence."""
    return Evidence(fld, value, doc.id, sent.text, start, end, doc.text[start:end], rule, conf)
