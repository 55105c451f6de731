"""Event mentions built by hand for the aggregation and toll tests: a sentence of document "d", the word
that told the event, and the dead its sentence holds. Test modules import it by name (pytest puts
tests/support on the path: pyproject.toml's `pythonpath`)."""

from __future__ import annotations

from polemos.model import Actor, DatePoint, EventMention, Evidence, FatalityClaim, Place, Span
from polemos.taxonomy import SubEventType


def told_mention(
    sentence: str,
    trigger: str,
    at: int,
    *,
    sub: SubEventType = SubEventType.ARMED_CLASH,
    dead: int = 0,
    victims: str | None = None,
    claim_rule: str = "",
    place: Place | None = None,
    date: DatePoint | None = None,
    actor1: Actor | None = None,
    actor2: Actor | None = None,
    evidence_rule: str | None = None,
) -> EventMention:
    """The mention `sentence` (at offset `at` of the document) tells by its word `trigger`: `dead` > 0 is
    one claim over the whole sentence; `evidence_rule`, if given, is the rule of its event type's evidence."""
    start = at + sentence.index(trigger)
    end = start + len(trigger)
    claims = (
        (FatalityClaim(dead, sentence, at, at + len(sentence), victims=victims, rule=claim_rule),)
        if dead
        else ()
    )
    return EventMention(
        document_id="d",
        sub_event_type=sub,
        trigger=Span(start, end, trigger),
        sentence=Span(at, at + len(sentence), sentence),
        actor1=actor1,
        actor2=actor2,
        place=place,
        date=date,
        fatality_claims=claims,
        evidence=()
        if evidence_rule is None
        else (Evidence("event_type", sub.value, "d", sentence, start, end, trigger, evidence_rule),),
    )
