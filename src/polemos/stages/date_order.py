"""Events a sentence tells as coming before its main event: "The breakthrough came after a series of
airstrikes", "following days of clashes". When such an event has no date of its own, the day it takes
from the narrative is the main event's, which it preceded: it is coded the day before, at week
precision (ACLED: "sometime during the week"), never after the day it preceded.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from spacy.tokens import Token

from polemos.model import DatePoint, TimePrecision

# Prepositions whose object happened before what they attach to.
_BEFORE_WORDS = frozenset({"after", "following"})
# How far up the parse a trigger may sit below the preposition ("after [a series of [airstrikes]]").
_MAX_CLIMB = 4


def told_as_preceding(anchor: Token, events: frozenset[int] = frozenset()) -> bool:
    """Is the trigger inside the object of an "after"/"following" phrase attached to a word that is not
    itself an event of the sentence (`events`: their tokens' indices)? "took the town after heavy
    clashes" tells one operation, whose fighting the capture's day already covers."""
    node = anchor
    for _ in range(_MAX_CLIMB):
        head = node.head
        if head.i == node.i:
            return False
        if node.dep_ in {"pobj", "dobj"} and head.lower_ in _BEFORE_WORDS and head.dep_ == "prep":
            return head.head.i != anchor.i and head.head.i not in events
        if node.pos_ in {"VERB", "AUX"} and node.i != anchor.i:
            return False  # a clause of its own: its tense, not this phrase, orders it
        node = head
    return False


def day_before(date: DatePoint) -> DatePoint:
    """The narrative's day moved to the day before, at week precision at best."""
    return dataclasses.replace(
        date,
        date=date.date - dt.timedelta(days=1),
        precision=max(date.precision, TimePrecision.WEEK),
        rule=f"preceding:{date.rule}",
    )
