"""Events told as what came before the sentence's main event."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from polemos.model import DatePoint, TimePrecision
from polemos.stages.date_order import day_before, told_as_preceding


def _token(nlp: Any, sentence: str, word: str) -> Any:
    return next(t for t in nlp(sentence) if t.text == word)


@pytest.mark.parametrize(
    ("sentence", "word"),
    [
        ("The advance came after a series of airstrikes on the depots.", "airstrikes"),
        ("Following days of clashes, calm returned to the town.", "clashes"),
        ("The ceasefire was announced after heavy shelling of the port.", "shelling"),
    ],
)
def test_the_object_of_after_or_following_preceded(nlp: Any, sentence: str, word: str) -> None:
    assert told_as_preceding(_token(nlp, sentence, word))


@pytest.mark.parametrize(
    ("sentence", "word"),
    [
        ("Clashes erupted after the meeting.", "Clashes"),  # the main event itself
        ("The army attacked the town after the rebels fled.", "fled"),  # a clause: its tense orders it
        ("Gunmen killed two soldiers.", "killed"),
    ],
)
def test_other_events_are_not_told_as_preceding(nlp: Any, sentence: str, word: str) -> None:
    assert not told_as_preceding(_token(nlp, sentence, word))


def test_an_after_phrase_attached_to_another_event_tells_one_operation(nlp: Any) -> None:
    doc = nlp("The army took the town after heavy clashes.")
    clashes = next(t for t in doc if t.text == "clashes")
    took = next(t for t in doc if t.text == "took")
    assert told_as_preceding(clashes)
    assert not told_as_preceding(clashes, events=frozenset({took.i}))


def test_the_day_before_keeps_week_precision_at_best() -> None:
    monday = DatePoint(dt.date(2018, 6, 4), TimePrecision.DAY, "on Monday", rule="weekday")
    moved = day_before(monday)
    assert moved.date == dt.date(2018, 6, 3) and moved.precision is TimePrecision.WEEK
    assert moved.rule == "preceding:weekday"
    month = DatePoint(dt.date(2018, 6, 15), TimePrecision.MONTH, rule="month")
    assert day_before(month).precision is TimePrecision.MONTH


def test_a_strike_told_as_preceding_the_dated_advance_is_coded_the_day_before(coder: Any) -> None:
    from polemos.model import Document
    from polemos.taxonomy import SubEventType

    text = (
        "Government forces entered the town of Sirte on Monday after weeks of fighting, the army said. "
        "The advance came after a series of airstrikes by the army on rebel positions in the town."
    )
    events = coder.code(Document(id="preceding", text=text, published=dt.date(2016, 8, 10)))
    strike = next(e for e in events if e.sub_event_type is SubEventType.AIR_DRONE_STRIKE)
    assert strike.date is not None
    assert strike.date.date == dt.date(2016, 8, 7)  # Monday 8 August, the day before
    assert strike.date.precision is TimePrecision.WEEK
