"""Event typing, round 10: water wanted is no water cannon, clashes of words over a topic, a headline's
present-tense capture verb misread as a noun, ground cleared of an armed group, members of the security
forces or of vigilante groups as armed victims, people named by a civilian trade as civilians, and
attempted captures of premises and attempted ambushes or assassinations as events, premises taken in a
fight as territory, and "riot police" as no riot.

Sentences are our own; each case names the general phenomenon it stands for.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

TERRITORY = {"Government regains territory", "Non-state actor overtakes territory"}
RIOTS = {"Violent demonstration", "Mob violence"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # water cannon still tells an intervention, by its second word
        (
            "Police fired water cannon at students marching on the ministry in Tarsek on Monday.",
            "Protest with intervention",
        ),
        # a fight between party camps that hurt people is still a riot, whatever it was about
        (
            "Opposing party camps clashed over the results in Velmora on Wednesday, leaving two injured.",
            "Violent demonstration",
        ),
        # clashes over a span of time are no topic
        (
            "Rival political groups clashed over the weekend outside a tallying centre in Tarsek.",
            "Violent demonstration",
        ),
        # ground cleared of an armed group is ground taken
        (
            "Army units cleared Kalvoro Hill of militants on Tuesday after a three-day operation.",
            "Government regains territory",
        ),
        (
            "Government troops cleared Ndaro and Kalvo of insurgents on Monday, killing five.",
            "Government regains territory",
        ),
        # a member of the security forces, by the word "security" before his title, is an armed victim
        ("A security official was shot dead by gunmen in Tarsek on Monday.", "Armed clash"),
        ("Unknown attackers killed two security agents at the market of Velmora on Friday.", "Armed clash"),
        # vigilantes are an armed group: killing them is a fight, not violence against civilians
        ("Gunmen killed two vigilantes in Kusa on Monday night.", "Armed clash"),
    ],
)
def test_triggers_round10_sub_event_type(
    sub_event_types: Callable[[str], list[str]], text: str, expected: str
) -> None:
    assert expected in sub_event_types(text)


def test_protesting_water_cuts_is_no_intervention(sub_event_types: Callable[[str], list[str]]) -> None:
    types = sub_event_types("Residents of Tarsek protested water cuts outside the town hall on Monday.")
    assert types == ["Peaceful protest"]


@pytest.mark.parametrize(
    "text",
    [
        # a clash over a topic with no harm, weapon or crowd told is a dispute in words
        "Rival parties clashed over the budget in Velmora on Monday.",
        "Two factions of the ruling party clashed over the nomination of a candidate in Tarsek on Tuesday.",
    ],
)
def test_a_clash_of_words_over_a_topic_codes_nothing(
    sub_event_types: Callable[[str], list[str]], text: str
) -> None:
    assert sub_event_types(text) == []


def test_a_headline_capture_verb_read_as_a_noun_still_takes_ground(
    sub_event_types: Callable[[str], list[str]],
) -> None:
    # "overrun" after a plural subject, in the present tense of a headline, is parsed as a compound noun
    types = sub_event_types("Rebel forces overrun Velmora airport.")
    assert TERRITORY & set(types)


def test_cleared_of_charges_takes_no_ground(sub_event_types: Callable[[str], list[str]]) -> None:
    types = sub_event_types("The court cleared Joseph Kamau of all charges on Monday.")
    assert not TERRITORY & set(types)


def test_a_security_word_alone_names_no_victim(sub_event_types: Callable[[str], list[str]]) -> None:
    # a farmer killed near a security checkpoint is a civilian victim
    types = sub_event_types("Gunmen shot dead a farmer near a security checkpoint outside Tarsek on Monday.")
    assert "Attack" in types
    assert "Armed clash" not in types


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a capture tried on premises or an armed post is a fight for it
        (
            "Fighters from a clan militia attempted to overtake a police station in Velmora on Sunday.",
            "Armed clash",
        ),
        # an ambush tried is an attack on whom it was laid for
        ("Militants attempted to ambush a civilian bus between Tarsek and Kusa on Monday.", "Attack"),
        ("Gunmen tried to assassinate a police officer in Velmora on Monday.", "Armed clash"),
    ],
)
def test_attempted_violence_is_coded(
    sub_event_types: Callable[[str], list[str]], text: str, expected: str
) -> None:
    assert expected in sub_event_types(text)


def test_people_named_by_a_civilian_trade_are_civilians_whatever_actor_they_resolve_to(nlp: Any) -> None:
    from polemos.stages.victims import victim_class

    doc = nlp("two pastoralists and their camels")
    # the actor stage may resolve a phrase around them to an armed actor: the trade named tells
    assert victim_class(list(doc), ["state"]) == "civilian"
    # an armed word among them keeps them armed
    assert victim_class(list(nlp("two soldiers and a farmer")), ["state"]) == "armed"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # premises taken in a fight told are ground won
        (
            "The army captured a key building in the Kusa district on Monday, forcing the militants out.",
            "Government regains territory",
        ),
        (
            "Troops took a building in street fighting in the Velmora district on Tuesday.",
            "Government regains territory",
        ),
        # taken with no fight, or with none told, they changed hands without one
        (
            "Rebels took over the ministry of finance in Tarsek on Monday without resistance.",
            "Non-violent transfer of territory",
        ),
    ],
)
def test_premises_taken_in_a_fight_are_territory(
    sub_event_types: Callable[[str], list[str]], text: str, expected: str
) -> None:
    assert expected in sub_event_types(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "riot police" are police for crowds: they make no riot, told in the sentence or after it
        (
            "Riot police fired tear gas to disperse protesters in Tarsek on Monday.",
            "Protest with intervention",
        ),
        (
            "Protesters marched to the ministry in Velmora on Monday as riot police looked on.",
            "Peaceful protest",
        ),
        (
            "Teachers marched to the education office in Kusa on Tuesday. Riot police in full gear watched"
            " them from the gate.",
            "Peaceful protest",
        ),
    ],
)
def test_riot_police_make_no_riot(
    sub_event_types: Callable[[str], list[str]], text: str, expected: str
) -> None:
    types = sub_event_types(text)
    assert expected in types
    assert not RIOTS & set(types)


def test_a_crowd_rioting_beside_riot_police_still_riots(sub_event_types: Callable[[str], list[str]]) -> None:
    types = sub_event_types("Youths rioted in Kusa on Monday and riot police fired tear gas at them.")
    assert "Violent demonstration" in types


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a body found is someone's violent death: an attack on a civilian
        ("The body of a man was found in a car parked in Tarsek on Monday.", "Attack"),
        # the bodies of fighters found: a fight
        (
            "The bodies of four suspected militants were discovered by herders near Kusa on Tuesday.",
            "Armed clash",
        ),
        # a grave found stays ACLED's Other
        ("Police said eight bodies were found buried in a makeshift grave near Velmora on Monday.", "Other"),
    ],
)
def test_bodies_found_code_the_violence_they_tell(
    sub_event_types: Callable[[str], list[str]], text: str, expected: str
) -> None:
    assert sub_event_types(text) == [expected]
