"""Event typing, round 9: crowds attacking premises, rival party camps fighting, looters and broken windows,
self-immolation as a protest act, ground won told as "made gains", fire exchanged by anyone, targets
that "came under fire", premises shut down by people in protest, ground ceded or lost, control
reestablished, names taken by verbs that take only ground, campaign names with a modal in them, and ground
still held ("remained in control").

Sentences are our own; each case names the general phenomenon it stands for.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

TERRITORY = {"Government regains territory", "Non-state actor overtakes territory"}
RIOTS = {"Violent demonstration", "Mob violence"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # premises attacked by a crowd (no armed word told) are a riot
        ("Rowdy youths attacked the polling stations in Tarsek on Monday.", "Mob violence"),
        (
            "Supporters of the ruling party stormed the district office in Velmora on Tuesday and chased the"
            " staff away.",
            "Mob violence",
        ),
        # looters and broken windows are a crowd's destruction
        ("Looters targeted shops owned by foreigners in Tarsek on Friday.", "Mob violence"),
        ("Party cadres shattered windows of campaign buses in Velmora on Sunday.", "Mob violence"),
        # rival party camps fighting: a riot, with or without a toll told
        (
            "Rival political groups fought outside a tallying centre in Tarsek on Monday.",
            "Violent demonstration",
        ),
        (
            "After the disputed council vote, opposing party camps clashed in Velmora on Wednesday.",
            "Violent demonstration",
        ),
        # setting oneself on fire is a protest act
        (
            "A street vendor set himself on fire outside the town hall of Tarsek on Monday.",
            "Peaceful protest",
        ),
        (
            "A jobless graduate immolated himself in front of the court in Velmora on Tuesday.",
            "Peaceful protest",
        ),
        # ground won, told as gains or advances
        (
            "Army units made further gains in the hills around Tarsek on Monday.",
            "Government regains territory",
        ),
        ("Rebel fighters made rapid advances in Velmora on Thursday.", "Non-state actor overtakes territory"),
        # fire exchanged: both sides were armed, a crowd's name notwithstanding
        (
            "Angry youths exchanged fire with the governor's guards at a rally in Tarsek on Monday.",
            "Armed clash",
        ),
        ("Police intercepted the gunmen near Velmora on Friday and shots were exchanged.", "Armed clash"),
        # what came under fire was attacked
        ("An army patrol came under heavy fire near the market of Tarsek on Saturday.", "Armed clash"),
        # ground given up: who lost it tells who won it; given up with no fight, it changed hands without one
        (
            "Kenyan troops lost control of the town of Velmora to the rebels after heavy fighting on Monday.",
            "Non-state actor overtakes territory",
        ),
        (
            "The militia was forced to cede the hilltop checkpoint near Tarsek to the army on Sunday.",
            "Government regains territory",
        ),
        (
            "The rebels ceded the town of Tarsek to the army on Monday under a deal brokered by elders.",
            "Non-violent transfer of territory",
        ),
        # control put back over ground; a name taken by a verb that takes only ground is a place
        (
            "Army units reestablished control over Kalvoro on Tuesday after a week of fighting.",
            "Government regains territory",
        ),
        (
            "Government troops recaptured Ndaro Kei on Monday following a gun battle with the rebels.",
            "Government regains territory",
        ),
        # a capitalised modal inside a sentence is part of a campaign's name, not the clause's modality
        (
            "Students gathered outside the parliament of Tarsek on Monday in support of the Rent Must Fall"
            " campaign.",
            "Peaceful protest",
        ),
        # people shutting premises down are demonstrating, with or without a protest word
        (
            "Angry parents shut down the primary school in Velmora on Monday, demanding more teachers.",
            "Peaceful protest",
        ),
        (
            "The clinic in Tarsek was shut down by residents on Tuesday over a shortage of nurses.",
            "Peaceful protest",
        ),
    ],
)
def test_triggers_round9_sub_event_type(
    sub_event_types: Callable[[str], list[str]], text: str, expected: str
) -> None:
    assert expected in sub_event_types(text)


def test_armed_men_attacking_premises_stay_property_destruction(
    sub_event_types: Callable[[str], list[str]],
) -> None:
    types = sub_event_types("Gunmen attacked the district office in Velmora on Tuesday and burned files.")
    assert "Mob violence" not in types


def test_burning_oneself_in_protest_is_no_riot(sub_event_types: Callable[[str], list[str]]) -> None:
    types = sub_event_types(
        "A young teacher burned himself in the main square of Tarsek on Monday in protest against unpaid"
        " wages. He is being treated for burns."
    )
    assert "Peaceful protest" in types
    assert not RIOTS & set(types)


def test_gains_outside_armed_conflict_code_nothing(sub_event_types: Callable[[str], list[str]]) -> None:
    types = sub_event_types("The ruling party made gains in the municipal vote in Velmora on Sunday.")
    assert not TERRITORY & set(types)


def test_a_crowd_burning_tyres_after_a_march_still_riots(sub_event_types: Callable[[str], list[str]]) -> None:
    types = sub_event_types("Students marched in Tarsek on Monday. They later burned tyres on the main road.")
    assert "Violent demonstration" in types


@pytest.mark.parametrize(
    "text",
    [
        # authorities and armed men closing premises are no protest
        "Health authorities shut down the clinic in Tarsek on Monday after a cholera outbreak.",
        "Police shut down the market of Velmora on Tuesday.",
        "An unidentified armed group shut down the gas pipeline near Tarsek on Monday.",
    ],
)
def test_shutdowns_by_authorities_or_armed_men_are_no_protest(
    sub_event_types: Callable[[str], list[str]], text: str
) -> None:
    assert not {"Peaceful protest", "Protest with intervention"} & set(sub_event_types(text))


def test_a_name_captured_by_a_verb_that_takes_people_too_is_no_place(
    sub_event_types: Callable[[str], list[str]],
) -> None:
    types = sub_event_types("Rebels captured Ndaro Kei, the rebel commander, on Monday.")
    assert not TERRITORY & set(types)


def test_a_headline_in_title_case_keeps_its_modal(sub_event_types: Callable[[str], list[str]]) -> None:
    assert sub_event_types("Rebels Will Attack Tarsek Town On Monday.") == []


def test_ground_still_held_is_no_take_over(sub_event_types: Callable[[str], list[str]]) -> None:
    types = sub_event_types(
        "Fighting broke out between the army and the rebels in Kalvoro on Monday. The rebels said they"
        " remained in control of the town."
    )
    assert "Armed clash" in types
    assert not TERRITORY & set(types)
