"""What the extract stage carries from sentence to sentence of a document (the narrative context), and
the small shared pieces its modules use: the facts found per sentence, the document-actors interface
and an evidence builder.
"""

from __future__ import annotations

import re
from collections import Counter
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
    def trails_battles(self, actor: Actor) -> bool: ...
    def knows_camps(self) -> bool: ...
    def sole_opponent(self, actor: Actor) -> Actor | None: ...
    def struck_by(self, striker: Actor) -> Actor | None: ...
    def at_place(self, m: ActorMentionLike, place: Place | None, label_class: str) -> ActorMentionLike: ...


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
    # Every sentence's facts, by sentence index: a sentence that names no place may take one named just
    # after it, and the country most of the document's places lie in tells a foreign place from a home one.
    facts: Sequence[SentenceFacts] = ()
    sentences: Sequence[Sentence] = ()  # the document's sentences, as `facts`, parsed or not
    home_country: str | None = field(init=False, default=None)

    def __post_init__(self) -> None:
        self.home_country = home_country(self.facts)

    def place_after(self, index: int, window: int = INHERIT_WINDOW) -> Place | None:
        """The first town-level place named in the `window` sentences after sentence `index`, leaving out
        a town that only says where the people that sentence is about are ("Officials in Sirte condemned
        it": a reaction, told from elsewhere)."""
        for k, fact in enumerate(self.facts[index + 1 : index + 1 + window], start=index + 1):
            sent = self.sentences[k] if k < len(self.sentences) else None
            for p in fact.places:
                if p.feature == "A" and p.geo_precision >= 3:
                    continue
                if sent is not None and _qualifies_subject(sent.text[: max(0, p.start - sent.start)]):
                    continue
                return p
        return None


# A sentence opening with a short noun phrase that a town qualifies: "Officials in", "Residents of",
# "Women activists from" (not "In", "On Monday in": those open on where it happened).
_SUBJECT_OF_PLACE = re.compile(r"(?:[A-Za-z'-]+\s+){1,3}(?:in|of|from)\s+(?:the\s+)?", re.I)
_LEADING_PREPOSITION = re.compile(r"(?:in|on|at|near|around|outside|inside|during|after|before)\b", re.I)
# "The city of Sirte was shelled": the town is the subject itself, named through its kind.
_KIND_OF_PLACE = re.compile(
    r"\b(?:city|town|village|district|area|region|province|outskirts|suburbs?)\b", re.I
)


def _qualifies_subject(before: str) -> bool:
    """Whether the text before a toponym in its sentence makes it qualify the sentence's subject."""
    return (
        bool(_SUBJECT_OF_PLACE.fullmatch(before))
        and not _LEADING_PREPOSITION.match(before)
        and not _KIND_OF_PLACE.search(before)
    )


def home_country(facts: Sequence[SentenceFacts]) -> str | None:
    """The country more of the document's places lie in than any other, if there is one."""
    ranked = Counter(p.country for f in facts for p in f.places if p.country).most_common(2)
    if not ranked or (len(ranked) == 2 and ranked[0][1] == ranked[1][1]):
        return None  # "Abala militia attack Tur": a tie tells nothing, whichever is named first
    return ranked[0][0]


def evidence_at(
    doc: Document, sent: Sentence, fld: str, value: str, start: int, end: int, rule: str, conf: float
) -> Evidence:
    """Evidence for one field, quoting the document text [start, end) of the sentence."""
    return Evidence(fld, value, doc.id, sent.text, start, end, doc.text[start:end], rule, conf)
