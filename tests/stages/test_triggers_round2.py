"""Event detection and typing, second round: communal clashes, attempted captures, ground attacks on armed
positions, mass arrests told by a number, bodies found, relative clauses and shared passive subjects.

Sentences are our own; each case names the general phenomenon it stands for.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from polemos.model import Document
from polemos.stages.modality import non_factual_reason


def _types(coder: Any, text: str) -> list[str]:
    doc = Document(id="t", text=text, published=dt.date(2020, 3, 10))
    return [e.sub_event_type.value for e in coder.code(doc)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # communal fighting with no weapon or armed word is still a battle between identity groups
        ("Heavy clashes broke out on Sunday between rival Dinka and Nuer communities in Bor.", "Armed clash"),
        # a clash the dead are told after is a fact, though "feared" governs the sentence
        ("Six people are feared dead following a clash between herders and farmers near Jos.", "Armed clash"),
        # a capture tried and failed is a fight for the place, not a change of control
        (
            "Government forces attempted to retake the town of Zintan on Monday but were repelled.",
            "Armed clash",
        ),
        ("The rebels failed to take over the airport on Tuesday.", "Armed clash"),
        # ground forces hitting armed positions: a battle; aircraft hitting them: an air strike
        ("Rebel fighters hit army positions outside Sirte on Friday.", "Armed clash"),
        # an attack on troops who "came under attack" is an attack on an armed target
        ("An army convoy came under attack near Gao on Monday.", "Armed clash"),
        # mass arrests told only by a number are politically significant
        ("Police arrested over 300 in Harare on Monday.", "Arrests"),
        # bodies found with no killing told: ACLED's Other
        ("Residents found the bodies of four men dumped near Bunia on Monday.", "Other"),
        # a trigger in a relative clause must not hide the killing told by the main clause
        ("Gunmen killed a trader who had defected from the ruling party, in Beni on Sunday.", "Attack"),
        # people doused and set alight share the passive subject of both verbs: they are victims
        ("Two men were beaten and set alight by a mob in Soweto on Monday.", "Mob violence"),
        # killings that can only be deliberate need no armed word
        ("A herder was beaten to death and thrown into a well near Gitega on Monday.", "Attack"),
        ("Three farmers were beheaded in the village of Kamako on Sunday.", "Attack"),
        # vigilante groups are armed groups
        ("Vigilantes shot dead a suspected thief in Onitsha on Monday.", "Attack"),
        # stones thrown by a crowd: a riot
        ("Rival party supporters threw stones at each other in Kisumu on Tuesday.", "Violent demonstration"),
        # a gathering that calls for something is a protest; downed tools are a labour strike
        ("About two hundred people gathered in Sfax on Monday to call for jobs.", "Peaceful protest"),
        (
            "Nurses at the district hospital downed tools on Monday over unpaid allowances.",
            "Peaceful protest",
        ),
        # communal violence told with no clash word: a battle; between party supporters: a riot
        ("Four people were killed in violence between two villages near Bouna on Monday.", "Armed clash"),
        ("Violence erupted between supporters of two candidates in Bo on Monday.", "Violent demonstration"),
        # "eliminated" a militant: a killing of an armed man, a battle
        ("The army eliminated two militants near Tipaza on Monday.", "Armed clash"),
        # a strong trigger whose conditions fail ("captured three" names no place) leaves the weak one free
        ("Troops killed two militants and captured three others near Jijel on Monday.", "Armed clash"),
        # resistance denied is a take-over without a fight; stiff resistance is a fight
        (
            "Rebels seized the town of Kidal on Monday without resistance.",
            "Non-violent transfer of territory",
        ),
        (
            "Rebel fighters seized control of Bani Walid on Monday despite stiff resistance.",
            "Non-state actor overtakes territory",
        ),
        # gendarmes and peacekeepers are armed men: killing them is a battle
        ("Gunmen shot dead two gendarmes at a checkpoint near Kayes on Monday.", "Armed clash"),
        # a crowd in the streets is a demonstration, whatever it wants
        ("Thousands took to the streets of Misrata on Friday to celebrate the verdict.", "Peaceful protest"),
        # an infinitive after "continue" or "manage" reports what was done
        ("Army and rebel forces continued to fight in Kidal on Monday.", "Armed clash"),
        # fire opened on a convoy is a fight with armed men
        ("An army convoy came under fire near Ansongo on Monday.", "Armed clash"),
    ],
)
def test_round2_sentence_codes_the_expected_sub_event_type(coder: Any, text: str, expected: str) -> None:
    assert expected in _types(coder, text)


@pytest.mark.parametrize(
    "text",
    [
        # a clash of words has no communal side, no armed word and no dead
        "The two parties clashed over the budget in parliament on Monday.",
        # a capture only planned or promised is no event
        "The commander vowed to retake the town of Zintan within a week.",
        # trying to take something that is not a place is no battle
        "The minister attempted to take questions from reporters on Monday.",
        # "hit" with no aircraft and no armed target is everyday English
        "The storm hit the coastal villages on Monday.",
        # "command and control" is jargon for a headquarters' function, not control of a place
        "The ministry set up a new command and control centre in the capital on Monday.",
        # violence talked about is no event
        "The minister condemned violence against women on Monday.",
        # an ability is not a deed
        "The army is able to retake the town of Kidal within a week.",
    ],
)
def test_round2_non_events_code_nothing(coder: Any, text: str) -> None:
    assert _types(coder, text) == []


def test_bodies_found_yield_to_the_killing_that_explains_them(coder: Any) -> None:
    text = "Militants shot dead five villagers in Gwoza on Monday and police later found their bodies."
    types = _types(coder, text)
    assert "Other" not in types and "Attack" in types


def test_a_time_phrase_presents_its_event_as_fact(nlp: Any) -> None:
    doc = nlp("Five people are feared dead following a clash in the village.")
    clash = next(t for t in doc if t.lower_ == "clash")
    assert non_factual_reason(clash) is None
    planned = nlp("They feared a clash in the village.")
    assert non_factual_reason(next(t for t in planned if t.lower_ == "clash")) is not None
