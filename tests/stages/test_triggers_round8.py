"""Event typing, round 8: phrasal verbs whose particle stands after the object, ground occupied, places
"under the control of" a group, crowds forcing their way in, relative-clause triggers as a fallback,
stabbings and murders told bare, harm done to oneself, stolen goods taken back, blockades of a border
post or of traffic, and gatherings "in support of" someone.

Sentences are our own; each case names the general phenomenon it stands for.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

TERRITORY = {"Government regains territory", "Non-state actor overtakes territory"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a particle after the object: "drove the insurgents out of", "pushed the rebels back"
        (
            "Government troops drove the insurgents out of the town of Velmora on Sunday.",
            "Government regains territory",
        ),
        ("Army units pushed the rebels back towards Tarsek on Monday.", "Armed clash"),
        # ground occupied by an armed group is ground taken
        (
            "Insurgents occupied several villages near Tarsek on Wednesday.",
            "Non-state actor overtakes territory",
        ),
        # what is "under the control of" a group is the place taken, and the group holds it
        (
            "The airport of Velmora is now under the control of the rebels, a spokesman said on Tuesday.",
            "Non-state actor overtakes territory",
        ),
        # a crowd forcing its way in: a violent demonstration, with or without a protest word
        (
            "Angry students forced their way into the rector's office in Tarsek on Monday.",
            "Violent demonstration",
        ),
        (
            "Dockers protested in Velmora on Tuesday and tried to force their way into the port authority.",
            "Violent demonstration",
        ),
        # a relative clause's trigger codes when the main clause's does not
        ("Bus drivers joined teachers who took to the streets of Tarsek on Monday.", "Peaceful protest"),
        # stabbings and murders of people are killings whoever did them; a headline's verb keeps its victim
        ("A trader was stabbed in the market of Velmora on Friday.", "Attack"),
        ("Police officer assassinated in the Nabo quarter of Velmora.", "Armed clash"),
        # a stabbing to death told as a noun; a person "shot down" was shot
        ("Party officials condemned the stabbing to death of a campaigner in Tarsek on Saturday.", "Attack"),
        ("A young man was shot down near the market of Velmora on Monday.", "Attack"),
        # a headline's subject is its victim: a councillor killed is a political target
        ("Councillor killed in the Nabo quarter of Velmora.", "Attack"),
        # attackers killed are armed men: a fight
        ("Soldiers engaged the attackers near the dam of Tarsek on Monday, killing two.", "Armed clash"),
        # a blockade of a border post or of traffic is a crowd's destructive act
        (
            "Taxi drivers blocked the border post at Velmora on Monday to protest new fuel taxes.",
            "Violent demonstration",
        ),
        (
            "About 300 farmers blocked vehicles on the main highway near Tarsek on Tuesday.",
            "Violent demonstration",
        ),
        # a gathering "in support of" someone is a demonstration
        (
            "Hundreds of party members gathered outside the high court in Velmora in support of a jailed"
            " activist on Monday.",
            "Peaceful protest",
        ),
    ],
)
def test_triggers_round8_sub_event_type(
    sub_event_types: Callable[[str], list[str]], text: str, expected: str
) -> None:
    assert expected in sub_event_types(text)


@pytest.mark.parametrize(
    "text",
    [
        # no one harmed him
        "A man shot himself in the town of Velmora on Monday.",
        # stolen goods recovered: police work, no capture
        "Police recovered stolen goods from a warehouse in Velmora on Monday.",
    ],
)
def test_triggers_round8_no_event(sub_event_types: Callable[[str], list[str]], text: str) -> None:
    assert sub_event_types(text) == []


def test_one_who_killed_himself_and_others_still_codes(sub_event_types: Callable[[str], list[str]]) -> None:
    types = sub_event_types("A gunman killed himself and three guards at a checkpoint in Velmora on Monday.")
    assert types


def test_protesters_occupying_a_building_are_no_take_over(
    sub_event_types: Callable[[str], list[str]],
) -> None:
    types = sub_event_types("Hundreds of protesters occupied the ministry building in Tarsek on Monday.")
    assert "Peaceful protest" in types
    assert not TERRITORY & set(types)


def test_police_forcing_their_way_in_are_no_riot(sub_event_types: Callable[[str], list[str]]) -> None:
    types = sub_event_types(
        "Police forced their way into a house in Tarsek on Monday and arrested a student."
    )
    assert "Violent demonstration" not in types


def test_a_trigger_coordinated_inside_a_relative_clause_stays_subordinate(
    sub_event_types: Callable[[str], list[str]],
) -> None:
    types = sub_event_types(
        "A student who had campaigned for the opposition and protested against the vote was shot dead in"
        " Tarsek on Monday."
    )
    assert "Attack" in types
    assert not {"Peaceful protest", "Excessive force against protesters"} & set(types)


def test_split_particle_found_and_kept_by_the_pre_filter(coder: Any) -> None:
    from polemos.stages.annotate import TriggerFilter
    from polemos.stages.triggers import find_trigger_spans

    text = "Loyalist units beat the attackers back near the dam."
    spans = find_trigger_spans(coder.nlp(text), coder.lexicon)
    assert [t.id for _, _, t in spans] == ["clash-verb"]
    assert TriggerFilter(coder.nlp, coder.lexicon).may_trigger(coder.nlp.tokenizer(text))
    # a particle that heads its own phrase is a preposition, not the verb's: "took the town over the weekend"
    # still finds "take" alone, never a split "take over"
    plain = find_trigger_spans(coder.nlp("The committee beat the deadline by a day."), coder.lexicon)
    assert not [t for _, _, t in plain if t.id == "clash-verb"]
