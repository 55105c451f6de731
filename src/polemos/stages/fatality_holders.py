"""Which event of a sentence holds its dead, and which event each fatality claim goes to: the nearest one
that can hold dead (ACLED puts no dead on arrests or abductions), or the event told before for a follow-up
toll."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from polemos.model import EventMention, Evidence, FatalityClaim
from polemos.taxonomy import TERRITORY_CHANGES, EventType, SubEventType

# ACLED codes no dead on arrests and abductions: "killed and their guns taken away in an ambush" is the
# ambush's toll.
_NO_DEAD = frozenset({SubEventType.ARRESTS, SubEventType.ABDUCTION})


def holds_dead(m: EventMention) -> bool:
    """Whether ACLED would put dead on this kind of event: not on arrests, abductions or strategic
    developments other than a take-over of ground (bodies found hold them only when nothing else does)."""
    if m.sub_event_type in _NO_DEAD:
        return False
    return m.event_type is not EventType.STRATEGIC_DEVELOPMENTS or m.sub_event_type in TERRITORY_CHANGES


def split_tolls(
    found: list[EventMention], is_toll: list[bool], claims: Sequence[FatalityClaim]
) -> tuple[list[EventMention], tuple[FatalityClaim, ...]]:
    """The sentence's own event mentions, and the claims that go to the event told before it.

    In "Five soldiers were killed and eight others abducted." after a clash, the killing is the clash's
    toll while the abduction is news: the claims nearest a follow-up hit go back, the rest stay."""
    if not any(is_toll):
        return found, ()
    if all(is_toll):
        return [], tuple(claims)
    back = tuple(c for c in claims if is_toll[_nearest(found, c)])
    return [m for m, t in zip(found, is_toll, strict=True) if not t], back


def _nearest(mentions: Sequence[EventMention], claim: FatalityClaim) -> int:
    return min(range(len(mentions)), key=lambda i: abs(mentions[i].trigger.start - claim.start))


def attach_claims(
    mentions: list[EventMention], claims: Sequence[FatalityClaim], sentence_text: str | None = None
) -> list[EventMention]:
    """Give each claim to the nearest mention that can hold dead; `sentence_text` is the claims' sentence
    when it is not the mentions' own."""
    if not mentions or not claims:
        return mentions
    where = sentence_text or mentions[0].sentence.text
    # Among the sentence's events, those that can hold dead take them ("Eight soldiers were killed and
    # their guns taken away in an ambush": the ambush's, not the taking's).
    holders = [i for i, m in enumerate(mentions) if holds_dead(m)] or list(range(len(mentions)))
    by: dict[int, list[FatalityClaim]] = {}
    for c in claims:
        k = holders[_nearest([mentions[i] for i in holders], c)]
        by.setdefault(k, []).append(c)
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
