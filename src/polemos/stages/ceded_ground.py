"""Ground taken from a side that the report says withdrew: one non-violent transfer, the taker first.

A report often tells a change of hands twice, in two sentences: "X retook the airbase from Y. Y's
brigade withdrew from the base and headed north." The territory trigger already reads a capture whose
own sentence tells a withdrawal and no fight as a non-violent transfer (triggers.yaml, `territory`);
this extract-stage pass does the same across the report: a capture from a side that the same or the
next sentence says withdrew from the place (or a capture naming no loser, with such a withdrawal told
beside it), told with no fight, is a non-violent transfer (ACLED: territory taken
"without armed interaction"), and the withdrawal is that same transfer, so its actors become the
taker (actor 1) and the side that left (actor 2) rather than the leaving side alone. The two mentions
then share type, pair, place and day and aggregate into one event.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from polemos.model import Actor, EventMention, Evidence
from polemos.taxonomy import EventType, SubEventType

_CAPTURES = frozenset(
    {SubEventType.GOVERNMENT_REGAINS_TERRITORY, SubEventType.NON_STATE_ACTOR_OVERTAKES_TERRITORY}
)
# the words of the transfer trigger that tell a side leaving a place (not "handed over", a deal)
_LEAVING = ("withdr", "pull", "retreat")
# how many sentences apart the capture and the withdrawal may be told
_WINDOW = 1


def ceded_ground(mentions: Sequence[EventMention], sentence_index: dict[int, int]) -> list[EventMention]:
    """Return the document's mentions (text order) with each capture from a side told to have withdrawn
    read as one non-violent transfer (see the module doc). `sentence_index` maps a sentence's start
    offset to its index in the document."""
    out = list(mentions)
    fought = {sentence_index.get(m.sentence.start) for m in mentions if _fight(m)}
    for i, w in enumerate(out):
        leaver = _leaver(w)
        if leaver is None:
            continue
        w_at = sentence_index.get(w.sentence.start, -1)
        for j, c in enumerate(out):
            c_at = sentence_index.get(c.sentence.start, -1)
            if (
                not _capture(c)
                or c.actor2 not in (None, leaver)
                or c.actor1 is None
                or c.actor1 == leaver
                or abs(c_at - w_at) > _WINDOW
                or (c.place is not None and w.place is not None and c.place.name != w.place.name)
                or fought & {c_at, w_at}
                or any(e.field == "event_type" and "fight_told" in e.rule for e in c.evidence)
            ):
                continue
            out[j] = _as_transfer(c, w, leaver)
            out[i] = _taken_from(w, c, leaver)
            break
    return out


def _capture(m: EventMention) -> bool:
    """Whether a mention tells ground taken: a battle won, or the territory trigger's transfer."""
    if m.sub_event_type in _CAPTURES:
        return True
    return m.sub_event_type is SubEventType.NON_VIOLENT_TRANSFER and any(
        e.field == "event_type" and e.rule.startswith("trigger:territory") for e in m.evidence
    )


def _leaver(m: EventMention) -> Actor | None:
    """The side a withdrawal mention tells leaving a place, where it names one and no taker."""
    if m.sub_event_type is not SubEventType.NON_VIOLENT_TRANSFER or m.actor2 is not None:
        return None
    if not m.trigger.text.lower().startswith(_LEAVING):
        return None
    return m.actor1


def _fight(m: EventMention) -> bool:
    """Whether a mention tells fighting (a battle other than ground taken, or an explosion)."""
    return m.sub_event_type not in _CAPTURES and m.event_type in (EventType.BATTLES, EventType.EXPLOSIONS)


def _as_transfer(m: EventMention, withdrawal: EventMention, leaver: Actor) -> EventMention:
    """The capture as a transfer, from the side that left where it named none."""
    sub = SubEventType.NON_VIOLENT_TRANSFER
    evidence = [
        dataclasses.replace(e, value=sub.value, rule=e.rule + "+withdrawal told")
        if e.field == "event_type"
        else e
        for e in m.evidence
    ]
    if m.actor2 is None:
        evidence.extend(
            dataclasses.replace(e, field="actor2", rule=e.rule + "+withdrew")
            for e in withdrawal.evidence
            if e.field == "actor1"
        )
    return dataclasses.replace(m, sub_event_type=sub, actor2=leaver, evidence=tuple(evidence))


def _taken_from(m: EventMention, capture: EventMention, leaver: Actor) -> EventMention:
    """The withdrawal as the transfer it is: the capture's taker actor 1 (with the capture's evidence for
    it), the side that left actor 2."""
    taker = [dataclasses.replace(e, rule=e.rule + "+took ground left") for e in capture.evidence
             if e.field == "actor1"]  # fmt: skip
    kept: list[Evidence] = []
    for e in m.evidence:
        if e.field == "actor1":
            kept.append(dataclasses.replace(e, field="actor2", rule=e.rule + "+withdrew"))
        else:
            kept.append(e)
    return dataclasses.replace(m, actor1=capture.actor1, actor2=leaver, evidence=(*kept, *taker))
