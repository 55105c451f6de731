"""A crowd's destruction (crowd_attacks.py, lexicon class protest_violence): a crowd that destroys a
checkpoint or a building riots (ACLED: mob violence, rioters attacking property or armed men), and
demonstrators who destroy property make their demonstration violent; armed men destroying a position, or
a destruction the crowd protests, do not.

Sentences are our own; each case names the general phenomenon it stands for.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a crowd (its words: "a group of youths") destroys an armed post: mob violence, no battle
        ("A group of youths destroyed a police checkpoint outside Karvo on Monday.", "Mob violence"),
        # demonstrators destroying property while they protest
        ("Students destroyed school property in Velmora on Tuesday while protesting the quality of meals.",
         "Violent demonstration"),
    ],
)  # fmt: skip
def test_a_crowds_destruction_is_a_riot(
    sub_event_types: Callable[[str], list[str]], text: str, expected: str
) -> None:
    types = sub_event_types(text)
    assert expected in types and "Armed clash" not in types and "Peaceful protest" not in types


@pytest.mark.parametrize(
    ("text", "unexpected"),
    [
        # armed men destroying a checkpoint fight for it
        ("Rebels destroyed a police checkpoint outside Karvo on Monday.", "Mob violence"),
        # the destruction the crowd protests, told by its noun
        ("Residents protested in Velmora on Monday against the destruction of their homes by the army.",
         "Violent demonstration"),
    ],
)  # fmt: skip
def test_no_riot_without_a_crowds_destruction(
    sub_event_types: Callable[[str], list[str]], text: str, unexpected: str
) -> None:
    assert unexpected not in sub_event_types(text)
