"""Event typing, round 4: crowds blocking roads, police dispersing crowds, property destroyed by people no
armed word describes, clashes between party camps, the agents of attack nouns, prospective event nouns,
protest acts told without the word "protest", and the lexicon's all-of conditions.

Sentences are our own; each case names the general phenomenon it stands for.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from polemos.errors import KnowledgeError
from polemos.knowledge.lexicon import build_lexicon, parse_lexicon
from polemos.stages.triggers import settle


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a crowd blocking a road is a violent demonstration, with or without a protest word
        ("Residents blocked the main highway to the capital on Monday over power cuts.",
         "Violent demonstration"),
        ("Traders protested in the market town on Monday and blocked the national road.",
         "Violent demonstration"),
        # ... told with "closed" too
        ("Protesters closed the road to the airport on Tuesday to demand jobs.", "Violent demonstration"),
        # police blocking roads around a protest do not make it a riot
        ("Police in Nairobi blocked the roads to the stadium on Monday as protesters gathered.",
         "Peaceful protest"),
        ("Angry youths erected barricades on the main road in the township on Monday.",
         "Violent demonstration"),
        ("Police set up roadblocks around the square as protesters gathered on Monday.", "Peaceful protest"),
        # police breaking up a crowd: a protest with intervention even when no protest word is written
        ("Police fired tear gas to disperse the crowd in Kalemie on Monday.", "Protest with intervention"),
        # property destroyed by people no armed word describes is mob violence ...
        ("Two minibuses were set alight in Sunnyside on Monday.", "Mob violence"),
        # ... by armed men or amid fighting, looting/property destruction
        ("Militants looted shops in the town on Monday.", "Looting/property destruction"),
        ("Hundreds of homes and shops were looted during clashes in the capital on Monday.",
         "Looting/property destruction"),
        # deadly clashes between party camps with no armed group named are a riot
        ("After the disputed mayoral election, opposing political groups clashed in the town on Monday, "
         "killing one man.", "Violent demonstration"),
        # the modifier of an attack noun is who attacked, not who was hit
        ("Two villagers are killed during a Boko Haram raid on Wumbi village on Monday.", "Attack"),
        # killed at home: the victims are civilians
        ("Unknown gunmen shot dead a couple in their home in Wau town on Monday.", "Attack"),
        # "perpetrators" put a killing into political violence
        ("Unidentified perpetrators killed a trader in the market district on Monday.", "Attack"),
        # the acts of a demonstration told without its name
        ("Over 200 health workers laid down their tools at the hospital in Juba on Monday, "
         "demanding their pay.", "Peaceful protest"),
        ("Residents waved placards outside the court in Pietermaritzburg on Monday.", "Peaceful protest"),
        # rebels or militias in a fight make it a battle whoever joined them; a crowd alone, a riot
        # (no place fled: state forces fleeing a city in a fight lost it, test_territory_changes.py)
        ("Police forces retreated on Monday after fighting with rebels and protesters.", "Armed clash"),
        ("Protesters clashed with police in the city centre on Monday.", "Violent demonstration"),
        # the "by" phrase of an attack names who attacked, not what was attacked
        ("A school principal and another civilian were killed in an attack by suspected fighters on a "
         "school in Djibo on Monday.", "Attack"),
        # a soldier killed off duty is a civilian victim
        ("Unknown gunmen shot and killed a soldier while he was off duty in Wau town on Monday.", "Attack"),
        # a violent crowd is a riot even when someone died; lethal force on a peaceful one is excessive force
        ("Students blocked the road and stoned cars in protest on Monday after a car killed one of the "
         "students.", "Violent demonstration"),
        ("Security forces opened fire on peaceful protesters in the capital on Monday, killing three.",
         "Excessive force against protesters"),
        # mutinous soldiers firing in the air: rioters
        ("Mutinous soldiers fired shots in the air in Bouake on Monday.", "Violent demonstration"),
        # a journalist killed is political violence though no armed word is written
        ("A journalist was shot dead in Mogadishu on Monday.", "Attack"),
        # a take-over "without violence" is a non-violent transfer
        ("Al Shabaab gained control of the town without violence on Monday after the army left.",
         "Non-violent transfer of territory"),
        # who a place is taken from is not taken captive
        ("The army said it had recaptured more territory from militants in Benghazi on Monday.",
         "Government regains territory"),
        # a planned march that took place is a protest
        ("A planned march by students concluded in a peaceful manner in the city centre on Monday.",
         "Peaceful protest"),
    ],
)  # fmt: skip
def test_round4_sentence_codes_the_expected_sub_event_type(
    sub_event_types: Callable[[str], list[str]], text: str, expected: str
) -> None:
    assert sub_event_types(text) == [expected]


def test_a_protest_whose_crowd_blocks_a_road_next_is_a_riot(
    sub_event_types: Callable[[str], list[str]],
) -> None:
    text = (
        "Hundreds of casual workers at the hospital began a protest on Monday over unpaid wages. "
        "The protesters blocked the entrance to the hospital."
    )
    assert sub_event_types(text) == ["Violent demonstration"]


def test_police_stopping_protesters_next_leaves_the_protest_peaceful(
    sub_event_types: Callable[[str], list[str]],
) -> None:
    text = (
        "About 100 former soldiers protested in front of the defence ministry on Monday. "
        "Gendarmes blocked them from reaching the building."
    )
    assert sub_event_types(text) == ["Peaceful protest"]


@pytest.mark.parametrize(
    "text",
    [
        "A landslide blocked the main road to the village on Monday.",
        "The ruling party and the opposition clashed over the budget in parliament on Monday.",
        # (the security forces' checkpoints ahead of planned protests: the checkpoints are coded, the
        # protests not; tests/stages/test_modality_prevented.py)
        "Organisers cancelled the planned march through the city centre on Saturday.",
    ],
)
def test_round4_non_events_code_nothing(sub_event_types: Callable[[str], list[str]], text: str) -> None:
    assert sub_event_types(text) == []


def _lexicon(trigger: dict[str, Any]) -> Any:
    data = {"classes": {"road": ["road"], "crowd": ["crowd"], "lethal": ["kill"]}, "triggers": [trigger]}
    return build_lexicon(*parse_lexicon(data, "test"))


def test_requires_needs_all_its_conditions_before_any_refinement() -> None:
    lexicon = _lexicon(
        {"id": "b", "sub_event_type": "Violent demonstration", "phrases": ["block"],
         "requires": ["object:road"], "refine": [{"when": "context:crowd", "sub_event_type": "Mob violence"}]}
    )  # fmt: skip
    (trigger,) = lexicon.triggers
    crowd = frozenset({"crowd"})
    blocked = settle(trigger, lexicon, frozenset({"road"}), crowd, None, None)
    assert blocked is not None and blocked[0].value == "Mob violence"
    # no road blocked: the refinement that holds does not rescue it
    assert settle(trigger, lexicon, frozenset(), crowd, None, None) is None


def test_a_refinement_with_a_list_of_conditions_needs_them_all() -> None:
    lexicon = _lexicon(
        {"id": "c", "sub_event_type": "Armed clash", "phrases": ["clash"],
         "refine": [{"when": ["context:crowd", "context:lethal"], "sub_event_type": "Violent demonstration"}]}
    )  # fmt: skip
    (trigger,) = lexicon.triggers
    both = settle(trigger, lexicon, frozenset(), frozenset({"crowd", "kill"}), None, None)
    one = settle(trigger, lexicon, frozenset(), frozenset({"crowd"}), None, None)
    assert both is not None and both[0].value == "Violent demonstration"
    assert both[1] == "trigger:c+context:crowd+context:lethal"
    assert one is not None and one[0].value == "Armed clash"


@pytest.mark.parametrize(
    "trigger",
    [
        {"id": "x", "sub_event_type": "Armed clash", "phrases": ["x"], "requires": ["object:nowhere"]},
        {"id": "x", "sub_event_type": "Armed clash", "phrases": ["x"], "requires": {"a": 1}},
        {"id": "x", "sub_event_type": "Armed clash", "phrases": ["x"], "refine": ["context:crowd"]},
        {"id": "x", "sub_event_type": "Armed clash", "phrases": ["x"],
         "refine": [{"when": [], "sub_event_type": "Armed clash"}]},
    ],
)  # fmt: skip
def test_malformed_conditions_are_rejected(trigger: dict[str, Any]) -> None:
    with pytest.raises(KnowledgeError):
        parse_lexicon({"classes": {"crowd": ["crowd"]}, "triggers": [trigger]}, "test")
