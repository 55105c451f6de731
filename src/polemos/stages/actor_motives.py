"""Parties a sentence names only in what it says of the event's reasons or setting (extract stage), not
as its sides: the charge one side levels at another ("two groups exchanged fire after one accused the
other of supporting the regime's mercenaries"), the motive of a punishment ("officers were executed for
refusing to fire on protesters"), a person's former post ("a former official in Gaddafi's regime, was
killed by an assassin"), and who holds the ground a strategic development happens on ("youths who fled
towns held by the regime's forces joined the rebels", "he defected to rebel-held territory").

A coder reads the doer and the target of the deed itself; whom a charge or a motive names is what the
doers said or thought, and a place's holder only tells where. And soldiers killed by no one named for
refusing their orders or for defecting were put to death by their own command: the state's forces.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TypeVar

from polemos.stages.annotate import Sentence
from polemos.stages.arguments import ActorMentionLike
from polemos.taxonomy import EventType

__all__ = ["ground_holders", "in_charge_or_motive", "own_men_punished"]

M = TypeVar("M", bound=ActorMentionLike)

# The opening of a charge or a motive, and what may stand between it and a party it names (no clause
# break): "accuses the other of supporting", "suspected of helping", "for refusing to fire on", "for
# allegedly collaborating with", "on charges of spying for".
_CHARGE = re.compile(
    r"(?:\b(?:accus(?:e|es|ed|ing)|suspect(?:s|ed|ing)?|charg(?:e|es|ed|ing)|convict(?:s|ed)?)"
    # not "suspected members of X": the people suspected are X's men, X a side
    r"(?:\s+(?!(?:members?|fighters?|militants?|supporters?|elements?|affiliates?|operatives?|agents?"
    r"|followers?|loyalists?)\b)[\w'’-]+){0,3}?\s+(?:of|with)"
    r"|\bon\s+charges\s+of"
    r"|\bfor\s+(?:allegedly\s+|reportedly\s+)?(?:refusing|refusal|having|supporting|helping|aiding|backing"
    r"|collaborating|cooperating|spying|siding|working|defecting|deserting|disobeying|sympathi[sz]ing))"
    # but a charge of membership tells who the people it is levelled at are ("arrested 74 men accused of
    # belonging to a militia": the militia's men were arrested)
    r"(?!\s+(?:\w+ly\s+)?(?:belonging|being|membership|links|ties|affiliation|involvement\s+with))"
    r"\b[^.;:!?()]*$",
    re.IGNORECASE,
)
# A person's past post, told to say who he is: "Younes, a former senior official in Gaddafi's regime, was
# killed": the regime he served is no side of his killing (a group's own former men, "former Seleka
# rebels", are named by the group's name itself, not by a post "of" it)
_PAST_POST = re.compile(
    r"\bformer\s+(?:[\w-]+\s+){0,2}?(?:officials?|ministers?|officers?|members?|commanders?|head|chief|leaders?"
    r"|spokes(?:man|woman|person)|aides?|advis[eo]rs?|generals?|soldiers?|fighters?|ambassadors?|governors?"
    r"|heads?|director|employees?)\s+(?:of|in|with|for|under|to)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
# A place described by its holder: "towns held by Gaddafi's forces", "areas controlled by X", "X-held".
_HELD_BY = re.compile(r"\b(?:held|controlled|occupied|besieged)\s+by\s+(?:the\s+)?$", re.IGNORECASE)
_HELD_AFTER = re.compile(r"^[-‑](?:held|controlled|occupied)\b", re.IGNORECASE)
# Soldiers put to death for refusing their orders or for leaving their ranks: "A group of Army officers
# are rounded up and executed for refusing to ...", "soldiers were shot for trying to defect".
_OWN_MEN = re.compile(
    r"\b(?:officers|soldiers|troops|servicemen|policemen|police\s+officers|pilots|conscripts|commanders"
    r"|army\s+officers|guards)\b[^.;]{0,80}?\b(?:executed|shot|killed|hanged|put\s+to\s+death)\s+"
    r"(?:\w+\s+)?(?:for|after)\s+(?:(?:allegedly|reportedly)\s+)?(?:refusing|refusal|defecting|trying\s+to"
    r"\s+defect|attempting\s+to\s+defect|deserting|desertion|disobeying|mutiny|mutinying)\b",
    re.IGNORECASE,
)


def in_charge_or_motive(ms: Sequence[M], sent: Sentence, position: int) -> list[M]:
    """The mentions of `ms` that name a person's former post ("a former official in X's regime"), or
    stand, after the event's trigger (at document offset `position`), in a charge or a motive: "after one
    accused the other of supporting X", "executed for refusing to fire on protesters". Before the trigger
    such a phrase names the doers ("men accused of belonging to X attacked the village"), and the party a
    charge is levelled at ("accused the police of ...") is named before its "of": neither is taken."""
    out = []
    for m in ms:
        before = m.start - sent.start
        if before > 0 and _PAST_POST.search(sent.text, max(0, before - 80), before):
            out.append(m)  # "a former official in X's regime": who the person was, anywhere in the sentence
            continue
        if m.start <= position:
            continue
        lo = max(position, sent.start) - sent.start
        if _CHARGE.search(sent.text, lo, before):
            out.append(m)
    return out


def ground_holders(ms: Sequence[M], sent: Sentence, etype: EventType | None) -> list[M]:
    """The mentions of `ms` that, in a strategic development, only tell who holds a place ("fled towns
    held by X", "defected to X-held territory"). In a fight the holder is the side attacked, and stays."""
    if etype is not EventType.STRATEGIC_DEVELOPMENTS:
        return []
    out = []
    for m in ms:
        before, after = m.start - sent.start, m.end - sent.start
        if _HELD_BY.search(sent.text, 0, before) or _HELD_AFTER.match(sent.text[after:]):
            out.append(m)
    return out


def own_men_punished(sent: Sentence) -> bool:
    """Whether the sentence tells of soldiers (or police) put to death for refusing orders or for
    defecting: ACLED's doer is their own state's forces, whom the report need not name."""
    return bool(_OWN_MEN.search(sent.text))
