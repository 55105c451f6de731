"""Tolls told a sentence or two after their event (the real pipeline, own sentences): a toll sentence that
names no place or day of its own, a cause told between the fight and its toll, bodies found after a fight
or explained by a killing told after them, and dead told beside an abduction, a capture, an arrest or
weapons recovered."""

from __future__ import annotations

import datetime as dt
from typing import Any

from polemos.model import Document, Event
from polemos.taxonomy import SubEventType


def _figures(coder: Any, text: str) -> list[tuple[SubEventType, int]]:
    events: list[Event] = coder.code(Document(id="follow", text=text, published=dt.date(2019, 9, 12)))
    return sorted(((e.sub_event_type, e.fatalities) for e in events), key=lambda p: p[0].value)


def _dead(figures: list[tuple[SubEventType, int]], sub: SubEventType) -> int:
    return sum(n for s, n in figures if s is sub)


def test_a_sentence_between_that_describes_the_place_does_not_set_the_toll_apart(coder: Any) -> None:
    # The middle sentence names another town and a weekday: the toll sentence names neither of its own.
    figures = _figures(
        coder,
        "Fighting broke out in Gao between two armed groups on 10 September. "
        "Known as the Monday market, it supplies Timbuktu, 300 kilometres to the west, with grain. "
        "Four people were killed.",
    )
    assert figures == [(SubEventType.ARMED_CLASH, 4)]


def test_a_toll_naming_another_town_of_its_own_stays_apart(coder: Any) -> None:
    figures = _figures(
        coder,
        "Soldiers clashed with militants in Gao on 10 September. Bodies of four farmers were found in Kayes.",
    )
    assert _dead(figures, SubEventType.ARMED_CLASH) == 0


def test_a_cause_told_after_the_fight_does_not_take_its_toll(coder: Any) -> None:
    figures = _figures(
        coder,
        "Two clan militias clashed in Baidoa on 10 September. "
        "The clash came as a result of targeted assassinations between the two clans. "
        "Six people were killed.",
    )
    assert _dead(figures, SubEventType.ARMED_CLASH) == 6
    assert _dead(figures, SubEventType.ATTACK) == 0


def test_bodies_found_after_a_fight_are_its_dead(coder: Any) -> None:
    figures = _figures(
        coder,
        "Soldiers clashed with militants in Kidal on 10 September. "
        "The bodies of five militants were later found by troops.",
    )
    assert figures == [(SubEventType.ARMED_CLASH, 5)]


def test_a_killing_told_after_bodies_found_explains_them(coder: Any) -> None:
    figures = _figures(
        coder, "The bodies of four farmers were found in Bunia on 10 September. They had been shot dead."
    )
    assert figures == [(SubEventType.ATTACK, 4)]


def test_a_killing_elsewhere_does_not_explain_the_bodies(coder: Any) -> None:
    figures = _figures(
        coder,
        "The bodies of four farmers were found in Bunia on 10 September. In Goma, gunmen shot dead a trader.",
    )
    # the bodies keep their own four dead (a discovery of bodies codes as an attack on civilians)
    assert sorted(figures, key=lambda p: p[1]) == [(SubEventType.ATTACK, 1), (SubEventType.ATTACK, 4)]


def test_the_dead_beside_a_taking_are_the_ambush_s(coder: Any) -> None:
    figures = _figures(
        coder,
        "Six soldiers were killed and their guns taken away following a militant ambush on the outskirts "
        "of Menaka.",
    )
    assert _dead(figures, SubEventType.ARMED_CLASH) == 6
    assert _dead(figures, SubEventType.ABDUCTION) == 0


def test_dead_told_beside_captives_after_a_fight_are_the_fight_s(coder: Any) -> None:
    figures = _figures(
        coder,
        "Rebels fought the army in Sirte on 10 September. 13 soldiers were captured and 21 pronounced dead.",
    )
    assert _dead(figures, SubEventType.ARMED_CLASH) == 21
    assert not [n for s, n in figures if s is not SubEventType.ARMED_CLASH and n]


def test_a_killing_told_beside_news_that_holds_no_dead_is_the_event(coder: Any) -> None:
    # "recovered weapons" alone would be a strategic development; the killing is what ACLED codes.
    figures = _figures(
        coder, "Soldiers killed five militants in Kidal on 10 September and recovered weapons."
    )
    assert figures == [(SubEventType.ARMED_CLASH, 5)]


def test_dead_told_beside_arrests_are_not_the_arrests(coder: Any) -> None:
    figures = _figures(
        coder,
        "An armed robber was killed by residents of Gao on 10 September and three of his accomplices were "
        "arrested.",
    )
    assert _dead(figures, SubEventType.ARRESTS) == 0
    assert sum(n for _, n in figures) == 1
