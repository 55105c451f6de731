"""Words that do not stand for themselves in the lexicon's context tests: the word after "anti-" names no
such thing ("anti-aircraft guns" are no aircraft), and "home" before "town"/"village" is where one comes
from, not the home an off-duty victim was at. Sentences are our own."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest


@pytest.mark.parametrize(
    ("text", "expected", "not_expected"),
    [
        (
            "Militants fired on the army base with anti-aircraft guns near Sirte on Monday.",
            "Armed clash",
            "Air/drone strike",
        ),
        (
            "Rebels attacked government positions with anti-aircraft weapons in Brega on Monday.",
            "Armed clash",
            "Air/drone strike",
        ),
        ("A soldier was shot dead by gunmen in his home town of Gao on Monday.", "Armed clash", "Attack"),
        (
            "A policeman was killed by militants in his home village near Kidal on Monday.",
            "Armed clash",
            "Attack",
        ),
        # at home, off duty: a civilian victim (ACLED), as before
        ("A soldier was shot dead by gunmen at his home in Gao on Monday.", "Attack", "Armed clash"),
    ],
)
def test_context_words_that_name_something_else(
    sub_event_types: Callable[[str], list[str]], text: str, expected: str, not_expected: str
) -> None:
    found = sub_event_types(text)
    assert expected in found and not_expected not in found


@pytest.mark.parametrize(
    ("text", "verb"),
    [
        ("Rebel fighters are able to gain control of the town.", "gain"),
        ("Militia fighters managed to take control of the village.", "take"),
        ("Insurgents took control of the village.", "took"),
    ],
)
def test_an_unnamed_non_state_subject_is_found_above_an_xcomp(coder: Any, text: str, verb: str) -> None:
    from polemos.stages.taker_inter import _unnamed_agent_inter
    from polemos.stages.token_view import view

    tokens = view(coder.nlp(text))
    anchor = next(t for t in tokens if t.text == verb)
    assert _unnamed_agent_inter(anchor, coder.lexicon) == 3


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # what a protest is against is others' violence, not the crowd's
        ("Protests against rising crime and looting were held in Nyala on Monday.", ["Peaceful protest"]),
        ("Taxi owners protested the vandalism of their cars in Mzuzu on Monday.", ["Peaceful protest"]),
        (
            "Students marched through Kasama on Monday to protest against a string of stabbings that had "
            "killed four people.",
            ["Peaceful protest"],
        ),
        # the crowd's own acts still make a riot, beside a grievance or misparsed into it
        (
            "Residents protested over the killing of a trader and burned tyres on the main road in Kisii.",
            ["Violent demonstration"],
        ),
        ("Protesters against the tax burned tyres in Kano on Monday.", ["Violent demonstration"]),
    ],
)
def test_a_protests_grievance_is_not_its_violence(
    sub_event_types: Callable[[str], list[str]], text: str, expected: list[str]
) -> None:
    assert sub_event_types(text) == expected


def test_an_air_strikes_target_is_no_grievance() -> None:
    """ "strike" is a walk-out's word and a weapon's: the target of air strikes stays in the context."""
    from polemos.stages.context_words import _armed_strike

    class Tok:
        def __init__(self, lower: str, pos: str, children: list[Any]) -> None:
            self.lower_, self.pos_, self.children = lower, pos, children

    assert _armed_strike(Tok("strikes", "NOUN", [Tok("air", "NOUN", [])]))
    assert _armed_strike(Tok("struck", "VERB", []))
    assert not _armed_strike(Tok("strike", "NOUN", [Tok("general", "ADJ", [])]))
