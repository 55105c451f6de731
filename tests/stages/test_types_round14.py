"""Event typing, round 14: a protest told as "violent" or with bonfires lit is a riot; a killing's manner
told after the victim ("clubbed a man to death", "buried her alive") is a brutal killing; "assassinated"
tells a targeted killing by itself; people named by their trade or standing ("a tax collector", "a
diplomat") are people harmed; protesters arrested are one protest with intervention; joining ranks or
a faction is a change to group.

Sentences are our own; each case names the general phenomenon it stands for.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest


@pytest.mark.parametrize(
    "text",
    [
        "Council staff violently protested in Kusa on Monday over their removal from the payroll.",
        "Residents of Tarsek protested on Monday against the election result. They lit bonfires in the "
        "streets.",
    ],
)
def test_a_protest_told_violent_or_with_bonfires_is_a_riot(
    sub_event_types: Callable[[str], list[str]], text: str
) -> None:
    assert sub_event_types(text) == ["Violent demonstration"]


@pytest.mark.parametrize(
    "text",
    [
        "Party youths clubbed a man to death in Kusa on Monday after accusing him of theft.",
        "Prison guards in Tarsek beat a political prisoner to death on Monday.",
        "Villagers who accused a woman of witchcraft in Kusa buried her alive on Monday.",
    ],
)
def test_a_killing_told_by_its_manner_after_the_victim_is_an_attack(
    sub_event_types: Callable[[str], list[str]], text: str
) -> None:
    assert sub_event_types(text) == ["Attack"]


def test_a_match_won_is_no_killing(sub_event_types: Callable[[str], list[str]]) -> None:
    assert sub_event_types("The champions beat the visitors two to nil in Kusa on Sunday.") == []


@pytest.mark.parametrize(
    "text",
    [
        # "assassinated" needs no armed word: only people are assassinated, on purpose
        "A tax collector was assassinated in Kusa on Monday.",
        # a person named by his standing is a person harmed
        "In Tarsek, a former diplomat was killed on Monday.",
    ],
)
def test_a_targeted_killing_told_bare_is_an_attack(
    sub_event_types: Callable[[str], list[str]], text: str
) -> None:
    assert sub_event_types(text) == ["Attack"]


def test_a_plot_to_assassinate_is_no_event(sub_event_types: Callable[[str], list[str]]) -> None:
    assert (
        sub_event_types("Police in Kusa said on Monday they had foiled a plot to assassinate the mayor.")
        == []
    )


@pytest.mark.parametrize(
    "text",
    [
        "Police arrested 20 protesters in Kusa on Monday.",
        # people told demonstrating, by a participle or a relative clause
        "Police arrested 13 striking factory workers in Tarsek on Monday.",
        "Police in Kusa arrested at least 30 members of a youth group who were protesting against "
        "joblessness.",
    ],
)
def test_protesters_arrested_are_one_protest_with_intervention(
    sub_event_types: Callable[[str], list[str]], text: str
) -> None:
    # ACLED codes the arrest of demonstrators as the protest's intervention, not a second event
    assert sub_event_types(text) == ["Protest with intervention"]


def test_militants_arrested_are_still_arrests(sub_event_types: Callable[[str], list[str]]) -> None:
    assert sub_event_types("Police arrested 20 suspected militants in Kusa on Monday.") == ["Arrests"]


@pytest.mark.parametrize(
    "text",
    [
        # a defection told by the ranks or the faction joined
        "The governor of Kusa province resigned on Monday and joined the KLF ranks.",
        "Two hundred fighters in Kusa joined a breakaway faction on Monday.",
    ],
)
def test_joining_ranks_or_a_faction_is_a_change_to_group(
    sub_event_types: Callable[[str], list[str]], text: str
) -> None:
    assert sub_event_types(text) == ["Change to group/activity"]


def test_joining_a_team_is_no_event(sub_event_types: Callable[[str], list[str]]) -> None:
    assert sub_event_types("The striker joined the front line of the national team in Kusa.") == []
