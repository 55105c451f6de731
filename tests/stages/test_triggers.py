"""Event detection and typing from trigger words: the ACLED sub-event type a sentence codes to, including
communal clashes, attempted captures, attacks on armed positions, mass arrests told by a number, bodies
found, relative clauses and shared passive subjects.

Sentences are our own; each case names the general phenomenon it stands for.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from polemos.errors import KnowledgeError
from polemos.knowledge.lexicon import build_lexicon, parse_lexicon
from polemos.stages.modality import non_factual_reason
from polemos.stages.triggers import candidate_hits


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "strike" alone: an air strike in armed context, a labour strike among workers or when called
        ("A NATO strike hit three military vehicles near Brega on Sunday.", "Air/drone strike"),
        (
            "NATO aircraft carried out a strike on three military vehicles near Brega on Sunday.",
            "Air/drone strike",
        ),
        ("The air force struck an insurgent base near Gwoza on Monday.", "Air/drone strike"),
        (
            "Workers at the textile company went on a three-day strike to demand higher salaries.",
            "Peaceful protest",
        ),
        ("Doctors began a strike in the capital on Monday.", "Peaceful protest"),
        ("The opposition called a nationwide strike on Monday over fuel prices.", "Peaceful protest"),
        # territory: plain "take" of a place, "in control of", driving a force out
        ("Rebel forces took the town of Zawiya on Monday.", "Non-state actor overtakes territory"),
        ("Rebels are now in full control of the airport.", "Non-state actor overtakes territory"),
        # a drone shot down is disrupted weapons use; a crewed helicopter shot down, a fight with its crew
        ("Rebel forces shot down a government drone over Benghazi on Friday.", "Disrupted weapons use"),
        ("Rebel forces shot down a government helicopter over Benghazi on Friday.", "Armed clash"),
        # a deal struck is an agreement, not a strike
        ("The two sides struck a deal on Monday to exchange prisoners.", "Agreement"),
        # a headline-style participle names its victim: armed victims make a battle
        ("2 soldiers killed in Wau on Monday.", "Armed clash"),
        # clashes that kill are battles even between unnamed groups
        (
            "Two killed and 30 wounded in clashes between rival communities near the town of Djenne.",
            "Armed clash",
        ),
        # targeted killing of an armed man on duty vs of a civilian
        ("Unidentified gunmen assassinated a police officer in Galkacyo on Monday.", "Armed clash"),
        ("Gunmen murdered a schoolteacher in his home in Wau on Sunday.", "Attack"),
        # ambush of travellers vs of a patrol
        ("Unknown gunmen ambushed two people on the road near Wau on Tuesday, killing one.", "Attack"),
        ("Militants ambushed an army patrol near Gao on Tuesday, killing four soldiers.", "Armed clash"),
        # property burnt by an angry crowd is mob violence
        ("Three houses were set alight by angry residents in Rustenburg on Sunday.", "Mob violence"),
        # an acronym tagged as a name is still a weapon
        (
            "Militants fired an RPG at an army tank in the district on Monday.",
            "Shelling/artillery/missile attack",
        ),
        # a bomb that goes off in its carrier's hands is disrupted weapons use
        (
            "A bomb carried by militants detonated prematurely on Sunday, killing two of them.",
            "Disrupted weapons use",
        ),
        # soldiers joining the insurgents: a change to the group
        ("Twenty policemen joined the insurgents in the district on Friday.", "Change to group/activity"),
        # abduction followed by killing is an attack (ACLED hierarchy)
        ("A shopkeeper was kidnapped and killed by gunmen in the town on Friday.", "Attack"),
        # a checkpoint overrun is a battle, not territory
        ("Two checkpoints were seized by militants in the district on Monday.", "Armed clash"),
        # "to protest" as the purpose of an act that happened is a protest that happened
        (
            "Pensioners slept at the gate of the governor's office on Monday to protest unpaid pensions.",
            "Peaceful protest",
        ),
        # a strong trigger that is only a purpose must not hide the weak one that tells the event
        ("Students began a strike on Monday to protest a decree about scholarships.", "Peaceful protest"),
        # a crowd beating a man to death is violence even with no armed group named
        ("A man caught stealing a goat was beaten to death by villagers on Sunday.", "Attack"),
        # a sit-in (tokenised sit - in) is a protest
        ("Students staged a sit-in in front of the ministry in Tunis on Monday.", "Peaceful protest"),
    ],
)
def test_trigger_codes_the_expected_sub_event_type(
    sub_event_types: Callable[[str], list[str]], text: str, expected: str
) -> None:
    assert expected in sub_event_types(text)


@pytest.mark.parametrize(
    "text",
    [
        "The ceremony took place in Tripoli on Monday, officials said.",
        "A magnitude 6.1 earthquake struck the coastal province on Tuesday.",
        "The minister took part in a conference in Tunis on Monday.",
        "Soldiers took up positions around the city on Friday.",
        "Unions threatened to protest if the decree is not withdrawn.",
        "The home side beat their rivals 2-1 in the cup final on Friday.",
    ],
)
def test_idioms_and_non_military_strikes_code_nothing(
    sub_event_types: Callable[[str], list[str]], text: str
) -> None:
    assert sub_event_types(text) == []


def test_idioms_consume_their_words_and_pos_limits_a_trigger(nlp: Any) -> None:
    data = {
        "classes": {},
        "idioms": ["take place"],
        "triggers": [
            {"id": "take", "sub_event_type": "Armed clash", "phrases": ["take"]},
            {"id": "ctl", "sub_event_type": "Armed clash", "phrases": ["control"], "pos": ["NOUN"]},
        ],
    }
    lexicon = build_lexicon(*parse_lexicon(data, "test"))

    def ids(text: str) -> list[str]:
        return [h.trigger.id for h in candidate_hits(nlp(text), lexicon, frozenset())]

    assert ids("The talks took place in Geneva.") == []
    assert ids("They took the town.") == ["take"]
    assert ids("Rebels controlled the town.") == []
    assert ids("Rebels are in control of the town.") == ["ctl"]


def test_a_protest_that_turns_violent_in_the_next_sentence_is_a_riot(
    sub_event_types: Callable[[str], list[str]],
) -> None:
    text = (
        "Hundreds of residents marched in the town centre on Monday to protest the killing of a rider by "
        "police. The protesters later stoned the police station and burned tyres."
    )
    assert sub_event_types(text) == ["Violent demonstration"]


def test_a_calm_protest_followed_by_other_news_stays_peaceful(
    sub_event_types: Callable[[str], list[str]],
) -> None:
    text = (
        "Hundreds of teachers marched in the capital on Monday to protest unpaid salaries. "
        "The minister said talks would resume next week."
    )
    assert sub_event_types(text) == ["Peaceful protest"]


def test_needs_accepts_a_list_of_alternatives() -> None:
    data = {
        "classes": {"a": ["x"], "b": ["y"]},
        "triggers": [
            {"id": "t", "sub_event_type": "Attack", "phrases": ["hit"], "needs": ["context:a", "context:b"]}
        ],
    }
    (trigger,), _ = parse_lexicon(data, "test")
    assert [str(n) for n in trigger.needs] == ["context:a", "context:b"]


def test_malformed_idioms_are_rejected() -> None:
    with pytest.raises(KnowledgeError):
        parse_lexicon({"classes": {}, "triggers": [], "idioms": [""]}, "test")


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
        # bodies found with no killing told: a violent death, an attack on civilians (ACLED keeps Other
        # for graves found)
        ("Residents found the bodies of four men dumped near Bunia on Monday.", "Attack"),
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
def test_round2_sentence_codes_the_expected_sub_event_type(
    sub_event_types: Callable[[str], list[str]], text: str, expected: str
) -> None:
    assert expected in sub_event_types(text)


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
def test_round2_non_events_code_nothing(sub_event_types: Callable[[str], list[str]], text: str) -> None:
    assert sub_event_types(text) == []


def test_bodies_found_yield_to_the_killing_that_explains_them(
    sub_event_types: Callable[[str], list[str]],
) -> None:
    text = "Militants shot dead five villagers in Gwoza on Monday and police later found their bodies."
    types = sub_event_types(text)
    assert "Other" not in types and "Attack" in types


def test_a_time_phrase_presents_its_event_as_fact(nlp: Any) -> None:
    doc = nlp("Five people are feared dead following a clash in the village.")
    clash = next(t for t in doc if t.lower_ == "clash")
    assert non_factual_reason(clash) is None
    planned = nlp("They feared a clash in the village.")
    assert non_factual_reason(next(t for t in planned if t.lower_ == "clash")) is not None
