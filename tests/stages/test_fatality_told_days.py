"""A length of fighting told in words ("two days of clashes", "the two-day conflict") splits the toll per
day, as a date range does (ACLED: multi-day totals are split evenly per day), also when the toll comes in
a later sentence of the event; a toll given its own day or one act ("killed when a shell hit") is not
split. A list of camps is a list of places. All sentences are written for these tests."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

import pytest
from told_mentions import told_mention

from polemos.model import Document, FatalityClaim
from polemos.stages.aggregate import aggregate
from polemos.stages.fatalities import choose_fatalities, find_fatality_claims
from polemos.stages.fatality_periods import listed_places, told_days


def _figure(text: str) -> int:
    return choose_fatalities(find_fatality_claims(text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The two-day armed conflict in the hills left at least 20 dead.", 10),
        ("At least 30 herders were killed after three days of fighting near the river.", 10),
        ("Four days of clashes between the clans left 16 dead.", 4),
        ("The three-day war between the villages killed 12.", 4),
    ],
)
def test_a_length_told_in_the_tolls_sentence_splits_it(text: str, expected: int) -> None:
    assert _figure(text) == expected


@pytest.mark.parametrize(
    ("sentence", "days"),
    [
        ("Militias from Alpha and Beta clashed over two days near the border.", 2),
        ("After five days of clashes, the army lost control of the district.", 5),
        ("The militia attacked the town on Monday.", 1),
    ],
)
def test_the_days_a_sentence_says_the_fighting_lasted(sentence: str, days: int) -> None:
    assert told_days(sentence) == days


def _fatalities(coder: Any, text: str) -> list[int]:
    doc = Document(id="t", text=text, published=dt.date(2017, 7, 10))
    return [e.fatalities for e in coder.code(doc)]


def test_a_toll_told_after_the_length_of_the_fighting_is_split(coder: Any) -> None:
    text = (
        "After five days of clashes between the army and the Mai-Mai militia in Kalemba, the army lost "
        "control of the town. 30 people were killed on both sides."
    )
    assert _fatalities(coder, text) == [6]


def test_a_toll_given_its_own_day_is_not_split(coder: Any) -> None:
    text = "Herders attacked the village of Kalemba over two days. 5 people were killed on 8 July."
    assert max(_fatalities(coder, text)) == 5  # not 3, its share of two days


def test_a_list_of_camps_is_a_list_of_places() -> None:
    assert listed_places("Twelve refugees were killed at Dalmuri and Kessa refugee camps.") == 2
    assert listed_places("Twelve refugees were killed at Dalmuri and Kessa camps.") == 2


def _told(text: str, first: str, toll: str, dead: int) -> list[int]:
    """The figures of `text`: a clash told by its `first` sentence, holding `dead` killed told by the words
    `toll` of the next sentence (as the extract stage gives a toll in a sentence of its own)."""
    at = text.index(toll)
    claim = FatalityClaim(dead, toll, at, at + len(toll), victims="civilians", rule="passive:killed")
    mention = told_mention(first, "fighting", 0)
    mention = replace(mention, fatality_claims=(claim,))
    doc = Document(id="d", text=text)
    return [e.fatalities for e in aggregate(doc, [mention], choose_fatalities)]


def test_a_toll_of_one_act_is_not_split() -> None:
    first = "The army retook the town of Kalemba after two days of fighting."
    text = first + " 12 civilians were killed when a shell hit the market."
    assert _told(text, first, "12 civilians were killed", 12) == [12]
    text = first + " 12 civilians were killed in the town."
    assert _told(text, first, "12 civilians were killed", 12) == [6]
