"""The pieces of toll attachment that need no parser: which day can set a toll apart from the event told
before it, and which claims go back to that event when a sentence mixes a toll with news of its own."""

from __future__ import annotations

import datetime as dt

from polemos.model import DatePoint, EventMention, FatalityClaim, Span, TimePrecision
from polemos.stages.fatality_holders import attach_claims, split_tolls
from polemos.stages.fatality_tolls import _same_day
from polemos.taxonomy import SubEventType

PREV_SENTENCE = Span(0, 60, "x" * 60)  # the event told first: characters 0-60
TOLL_SENTENCE = Span(61, 100, "y" * 39)


def _mention(
    sentence: Span, trigger_at: int, date: DatePoint | None, sub: SubEventType = SubEventType.ARMED_CLASH
) -> EventMention:
    return EventMention(
        document_id="d",
        sub_event_type=sub,
        trigger=Span(trigger_at, trigger_at + 5, "kills"),
        sentence=sentence,
        date=date,
    )


def _day(day: int, start: int) -> DatePoint:
    return DatePoint(
        dt.date(2019, 9, day), TimePrecision.DAY, start=start, end=start + 5 if start >= 0 else -1
    )


def test_a_day_told_after_the_event_sets_the_toll_apart() -> None:
    prev = _mention(PREV_SENTENCE, 10, _day(8, 20))
    assert not _same_day(_mention(TOLL_SENTENCE, 70, _day(9, 80)), prev)
    assert _same_day(_mention(TOLL_SENTENCE, 70, _day(8, 80)), prev)


def test_a_day_the_toll_sentence_does_not_tell_does_not() -> None:
    prev = _mention(PREV_SENTENCE, 10, _day(8, 20))
    assert _same_day(_mention(TOLL_SENTENCE, 70, _day(12, -1)), prev)  # the report's own date


def test_a_day_told_in_a_sentence_between_does_not_set_the_toll_apart() -> None:
    # The date sits between the event's sentence (0-60) and the toll's (61-100): not the toll's own day.
    prev = _mention(PREV_SENTENCE, 10, _day(8, 20))
    toll = _mention(Span(101, 140, "z" * 39), 110, _day(11, 80))
    assert _same_day(toll, prev)


def test_the_dead_go_to_the_event_that_can_hold_them_not_the_nearest() -> None:
    taking = _mention(TOLL_SENTENCE, 70, None, SubEventType.ABDUCTION)
    clash = _mention(TOLL_SENTENCE, 95, None)
    dead = FatalityClaim(count=8, text="8 killed", start=62, end=70)
    got = attach_claims([taking, clash], [dead])
    assert [m.fatality_claims for m in got] == [(), (dead,)]
    # With nothing else told, an abduction keeps the claim (nothing better to hold it).
    assert attach_claims([taking], [dead])[0].fatality_claims == (dead,)


def test_claims_nearest_a_follow_up_hit_go_back_and_the_rest_stay() -> None:
    kill, abduct = _mention(TOLL_SENTENCE, 70, None), _mention(TOLL_SENTENCE, 90, None)
    dead = FatalityClaim(count=5, text="5 killed", start=62, end=72)
    other = FatalityClaim(count=2, text="2 killed", start=92, end=99)
    own, back = split_tolls([kill, abduct], [True, False], [dead, other])
    assert own == [abduct]
    assert back == (dead,)
    assert split_tolls([kill], [True], [dead]) == ([], (dead,))
    assert split_tolls([abduct], [False], [dead]) == ([abduct], ())
