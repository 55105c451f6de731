"""Event typing, round 6: a "strike" that names no weapon or names its weapon, an event named
again without the modifier that typed it, strategic news placed after violence, who a number counts,
aircraft shot down with and without a crew, air strikes in a ground fight, units named by a weapon, a
dispersal tried, places taken after their holders withdrew, and former soldiers as civilian victims.

Sentences are our own; each case names the general phenomenon it stands for.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a strike that names no weapon, in an armed context, is an air strike (current reports' usage)
        (
            "Coalition forces struck five military targets around the town of Kusa on Monday.",
            "Air/drone strike",
        ),
        ("NATO strikes hit an ammunition depot near the port on Tuesday.", "Air/drone strike"),
        ("A NATO strike hit a bus near the town on Monday, killing 12 passengers.", "Air/drone strike"),
        # aircraft or bombs told with it make it an air strike; explosives, a remote explosive
        (
            "Air force jets carried out strikes on rebel positions near the town on Monday.",
            "Air/drone strike",
        ),
        (
            "NATO carried out strikes on army positions near the port on Monday in a night of sorties.",
            "Air/drone strike",
        ),
        (
            "Militants struck the border town on Monday and destroyed a telephone mast using explosives.",
            "Remote explosive/landmine/IED",
        ),
        # aircraft named in the sentence before or after: the strike was flown
        (
            "NATO jets flew over the port on Monday. NATO carried out strikes on army positions near"
            " the port.",
            "Air/drone strike",
        ),
        (
            "An air force jet crashed near the port on Monday. It had been launching a strike on rebel"
            " positions in the city.",
            "Air/drone strike",
        ),
        # a crewed aircraft shot down is a fight with its crew, or shelling when a long-range system
        # brought it down; a drone shot down is disrupted weapons use
        ("Rebel forces shot down an army helicopter near the town of Kusa on Monday.", "Armed clash"),
        (
            "Rebel forces shot down an army jet with a surface-to-air missile near the town of Kusa"
            " on Monday.",
            "Shelling/artillery/missile attack",
        ),
        ("Soldiers shot down a rebel drone near the town of Kusa on Monday.", "Disrupted weapons use"),
        ("The army downed an unmanned aircraft near the town of Kusa on Monday.", "Disrupted weapons use"),
        # air strikes backing forces that fought on the ground are part of that battle
        (
            "The army killed 40 militants across the province in ground and airstrikes on Monday.",
            "Armed clash",
        ),
        (
            "Ground forces supported by helicopter gunships raided two militant bases near Kusa on Monday.",
            "Armed clash",
        ),
        (
            "Airstrikes hit the town of Kusa on Monday, with no visible progress on the ground.",
            "Air/drone strike",
        ),
        # a unit named by its weapon is no attack with it
        (
            "A soldier of an artillery unit shot and killed his commander in the town of Kusa on Monday.",
            "Armed clash",
        ),
        # a dispersal tried is an intervention in a gathering that took place
        (
            "Police attempted to disperse an anti-immigrant march in the township on Monday.",
            "Protest with intervention",
        ),
        # a place taken after its holders withdrew, with no fight told, changed hands without one
        (
            "Al Shabaab took control of the village of Kusa on Monday after government troops withdrew.",
            "Non-violent transfer of territory",
        ),
        (
            "The army retook the town of Kusa on Monday following the withdrawal of the militants.",
            "Non-violent transfer of territory",
        ),
        # ... a fight told with the withdrawal makes it a battle won; "retook" is a capture too
        (
            "The army captured the town of Kusa on Monday after fierce fighting forced the militants to"
            " withdraw.",
            "Government regains territory",
        ),
        ("Government forces retook the town of Kusa on Monday.", "Government regains territory"),
        # a former soldier is a civilian victim
        (
            "An ex army soldier who had come to collect his pension was abducted by gunmen in the town of"
            " Kusa on Monday.",
            "Abduction/forced disappearance",
        ),
        (
            "Gunmen kidnapped a retired army general in the town of Kusa on Monday.",
            "Abduction/forced disappearance",
        ),
        # strategic news placed after (or amid) violence: the news is the event, the violence its background
        (
            "The two clans signed a peace agreement in the town on Monday after clashes in the area"
            " last month.",
            "Agreement",
        ),
        (
            "Hundreds of fighters defected to the government on Monday after clashes in the district.",
            "Change to group/activity",
        ),
    ],
)
def test_triggers_round6_sub_event_type(
    sub_event_types: Callable[[str], list[str]], text: str, expected: str
) -> None:
    assert expected in sub_event_types(text)


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        # the background violence is not coded beside the strategic news
        (
            "The two clans signed a peace agreement in the town on Monday after clashes in the area.",
            "Armed clash",
        ),
        ("Hundreds of fighters defected to the army on Monday after clashes in the district.", "Armed clash"),
    ],
)
def test_triggers_round6_background_is_not_coded(
    sub_event_types: Callable[[str], list[str]], text: str, absent: str
) -> None:
    assert absent not in sub_event_types(text)


def test_violence_placed_before_other_news_is_still_the_event(
    sub_event_types: Callable[[str], list[str]],
) -> None:
    # a death toll or a retreat after a fight is its outcome: the fight is the event
    types = sub_event_types(
        "Three soldiers were killed in the town on Monday after clashes broke out with militants."
    )
    assert "Armed clash" in types


def test_an_event_named_again_keeps_the_type_its_first_mention_read(
    sub_event_types: Callable[[str], list[str]],
) -> None:
    # "the strike" names the drone strike again: one air strike, not a second event typed as a battle
    types = sub_event_types(
        "The army announced it had carried out a drone strike in the north on Monday. Later it emerged"
        " the strike hit the town of Kusa."
    )
    assert types == ["Air/drone strike"]


def test_the_same_word_again_may_tell_a_new_type(sub_event_types: Callable[[str], list[str]]) -> None:
    # demonstrators named again who clash with police: the protest turned violent, no re-mention to keep
    types = sub_event_types(
        "Hundreds of demonstrators gathered in the town of Kusa on Monday to protest against the governor."
        " Later in the day the demonstrators clashed with police and burned tyres."
    )
    assert "Violent demonstration" in types


def test_a_place_hit_by_no_armed_force_is_no_event(sub_event_types: Callable[[str], list[str]]) -> None:
    assert sub_event_types("An earthquake hit the town of Kusa on Monday.") == []
