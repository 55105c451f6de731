"""Ground taken from a side that the report says withdrew from it, with no fight told, is one non-violent
transfer: the taker actor 1, the side that left actor 2, whether the capture and the withdrawal are told in
one sentence or two (polemos.stages.ceded_ground); a fight told keeps the capture a battle."""

from __future__ import annotations

import datetime as dt
from typing import Any

from polemos.model import Document, Event
from polemos.taxonomy import EventType, SubEventType

SOMALIA = "Military Forces of Somalia (2017-)"
SHABAAB = "Al Shabaab"


def _events(coder: Any, text: str) -> list[Event]:
    return list(coder.code(Document(id="ceded", text=text, published=dt.date(2017, 6, 7))))


def _sides(e: Event) -> tuple[str | None, str | None]:
    return (e.actor1.name if e.actor1 else None, e.actor2.name if e.actor2 else None)


def test_a_capture_and_the_losers_withdrawal_told_apart_are_one_transfer_taker_first(coder: Any) -> None:
    text = (
        "Somali troops retook the town of Bulo Burde from al Shabaab on Tuesday. Al Shabaab fighters "
        "withdrew from Bulo Burde and headed south."
    )
    events = _events(coder, text)
    assert [e.sub_event_type for e in events] == [SubEventType.NON_VIOLENT_TRANSFER]
    assert _sides(events[0]) == (SOMALIA, SHABAAB)


def test_a_fight_told_with_the_capture_keeps_it_a_battle(coder: Any) -> None:
    text = (
        "Somali troops retook the town of Bulo Burde from al Shabaab on Tuesday after heavy fighting. "
        "Al Shabaab fighters withdrew from Bulo Burde and headed south."
    )
    events = _events(coder, text)
    battles = [e for e in events if e.event_type is EventType.BATTLES]
    assert battles and battles[0].sub_event_type is SubEventType.GOVERNMENT_REGAINS_TERRITORY
    assert _sides(battles[0]) == (SOMALIA, SHABAAB)


def test_a_withdrawal_with_no_taker_told_stays_the_leavers(coder: Any) -> None:
    text = "Al Shabaab fighters withdrew from Bulo Burde on Tuesday and headed south."
    events = _events(coder, text)
    assert events and events[0].sub_event_type is SubEventType.NON_VIOLENT_TRANSFER
    assert _sides(events[0]) == (SHABAAB, None)


def test_a_capture_after_a_withdrawal_told_in_one_sentence_takes_the_leaver_as_actor2(coder: Any) -> None:
    text = "Somali troops took control of Bulo Burde on Tuesday after al Shabaab fighters withdrew from it."
    events = _events(coder, text)
    assert [e.sub_event_type for e in events] == [SubEventType.NON_VIOLENT_TRANSFER]
    assert _sides(events[0]) == (SOMALIA, SHABAAB)


def test_a_withdrawal_from_another_place_is_no_part_of_the_capture(coder: Any) -> None:
    text = (
        "Somali troops took control of Bulo Burde on Tuesday. Al Shabaab fighters withdrew from Baidoa "
        "and headed south."
    )
    transfers = [e for e in _events(coder, text) if e.sub_event_type is SubEventType.NON_VIOLENT_TRANSFER]
    assert transfers and _sides(transfers[0]) == (SHABAAB, None)
