"""Tests for the words that tell a protest turned violent in the sentences after it: an act's word with an
inflection's ending counts ("stoned", "looters"), a longer word that merely starts like one does not
("Petroleum", "stonewalled"). Sentences are our own."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from polemos.stages.escalation import _inflects

_STEMS = frozenset({"stone", "petrol", "loot", "vandalise", "throw", "riot"})


@pytest.mark.parametrize(
    "word", ["stoned", "stones", "looters", "vandalising", "thrown", "rioting", "petrol"]
)
def test_inflections_of_a_crowds_acts(word: str) -> None:
    assert _inflects(word, _STEMS)


@pytest.mark.parametrize("word", ["petroleum", "stonewalled", "throwback", "riotously"])
def test_words_that_only_start_like_them(word: str) -> None:
    assert not _inflects(word, _STEMS)


def test_a_petroleum_guard_makes_no_riot(sub_event_types: Callable[[str], list[str]]) -> None:
    found = sub_event_types(
        "Workers protested outside the oil terminal near Zawiya on Monday over unpaid wages. "
        "The pipeline valves were later shut by members of the Petroleum Facilities Guard."
    )
    assert "Peaceful protest" in found and "Violent demonstration" not in found


def test_a_crowd_that_stoned_cars_still_rioted(sub_event_types: Callable[[str], list[str]]) -> None:
    found = sub_event_types(
        "Residents protested outside the town hall in Kasese on Monday over water cuts. "
        "Some of them stoned passing cars."
    )
    assert "Violent demonstration" in found
