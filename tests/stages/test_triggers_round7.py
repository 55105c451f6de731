"""Event typing, round 7: killings told bare (no armed word, no mishap), who was harmed told by "dead",
by "including", by a headline's verb or in the next sentence, shots that are a harm's means rather than a
fight, "take" with a destination or "as hostages", goods seized by armed men, which patients of a
sentence are the harmed, clashes that broke out, clashes told with injuries, former soldiers as no
armed target, "off-duty" however tokenized, and "engaged to" as no combat.

Sentences are our own; each case names the general phenomenon it stands for.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # people harmed by a verb of deliberate harm, no mishap named: a killing whoever did it
        ("A shopkeeper was killed in the village of Matoro on Tuesday.", "Attack"),
        ("Two herdsmen's sons killed near Lokuta on Wednesday.", "Attack"),
        ("Unknown men on a motorbike shot a trader in the market of Dimbo on Friday.", "Attack"),
        ("A girl was wounded in the arm in the Kiboko quarter of Lalandi on Sunday.", "Attack"),
        # a soldier or a policeman killed at home is a civilian victim
        ("An army sergeant was shot dead at his home in Dimbo on Thursday.", "Attack"),
        # armed men among the harmed make the killing a fight
        (
            "At least six people were killed, including three militia fighters, when gunmen stormed"
            " militia positions in Lokuta on Monday.",
            "Armed clash",
        ),
        # who "dead" says died: soldiers reported dead after an attack, told in the next sentence
        (
            "Insurgents attacked the village of Matoro on Tuesday. Six soldiers reported dead.",
            "Armed clash",
        ),
        (
            "Insurgents attacked the village of Matoro on Tuesday. Four farmers were killed.",
            "Attack",
        ),
        # a tagger's past tense for a headline participle: the noun is still the victim
        ("Footage showed a police officer shot dead in Lalandi on Saturday.", "Armed clash"),
        # shots that are the means of a harm are no fight
        ("Gunmen raided the village of Dimbo on Monday, wounding five villagers with gunfire.", "Attack"),
        ("Three women were killed by gunfire in the Kiboko quarter of Lalandi on Friday.", "Attack"),
        # a headline's verb, read as a past tense: its subject is the victim ("Five soldiers wounded.")
        ("Trader killed in Matoro.", "Attack"),
        (
            "Gunmen attacked the village of Kusa on Monday. Five soldiers wounded.",
            "Armed clash",
        ),
        # clashes that broke out are a fight whoever fought; between crowds, a riot
        ("Clashes broke out in the eastern quarter of Kusa on Sunday.", "Armed clash"),
        ("Clashes erupted between rival party supporters in Kusa on Monday.", "Violent demonstration"),
        # injuries make a clash physical: between party camps, a riot
        (
            "Rival party camps clashed in Kusa on Monday after the vote count, causing several injuries.",
            "Violent demonstration",
        ),
        # people taken "as hostages" are captives, whatever their trade, not ground taken
        (
            "Two engineers were taken as hostages by gunmen in the district of Kusa on Monday.",
            "Abduction/forced disappearance",
        ),
        # a former soldier is a civilian, no armed target; an off-duty officer, written "off-duty", too
        (
            "A former soldier was killed by militants while travelling on a bus near the town of Kusa on"
            " Monday.",
            "Attack",
        ),
        (
            "A militant killed his cousin, a police officer (off-duty), in the town of Kusa on Monday.",
            "Attack",
        ),
        # livestock seized by armed men is looting, not ground taken
        (
            "Militiamen seized 300 head of cattle from herders near Lokuta on Wednesday.",
            "Looting/property destruction",
        ),
    ],
)
def test_triggers_round7_sub_event_type(
    sub_event_types: Callable[[str], list[str]], text: str, expected: str
) -> None:
    assert expected in sub_event_types(text)


@pytest.mark.parametrize(
    "text",
    [
        # a mishap told with the harm: no event
        "Three people were killed in a house fire in the town of Matoro on Tuesday.",
        "Two children were injured when a wall fell on them in Dimbo on Monday.",
        "A minibus overturned near Lokuta on Sunday, killing nine passengers.",
        "Five fishermen drowned when their boat capsized off Dimbo on Friday, killing all aboard.",
        "Malaria has killed 25 people in the district of Lokuta since May, officials said.",
        "A pedestrian was killed by a speeding truck in Dimbo on Thursday.",
        "A lion killed two villagers near Lokuta on Saturday.",
        # no one harmed him
        "A man killed himself in the town of Matoro on Monday.",
        # "take" with a destination moves people, it captures nothing
        "Four injured soldiers were taken to a hospital in Lalandi on Monday.",
    ],
)
def test_triggers_round7_no_event(sub_event_types: Callable[[str], list[str]], text: str) -> None:
    assert sub_event_types(text) == []


def test_shots_exchanged_are_still_a_fight(sub_event_types: Callable[[str], list[str]]) -> None:
    types = sub_event_types(
        "Two park rangers were killed in an exchange of gunfire with poachers near Lokuta on Monday."
    )
    assert "Armed clash" in types


def test_gunfire_that_hit_a_target_is_still_a_fight(sub_event_types: Callable[[str], list[str]]) -> None:
    assert "Armed clash" in sub_event_types(
        "A supply boat sank off Dimbo on Monday after it was hit by gunfire."
    )


def test_a_captive_taken_away_is_coded_once_by_the_abduction(
    sub_event_types: Callable[[str], list[str]],
) -> None:
    types = sub_event_types(
        "Gunmen abducted a trader in Matoro on Tuesday and took him to an unknown destination."
    )
    assert types == ["Abduction/forced disappearance"]


@dataclass(frozen=True)
class _Mention:
    start: int
    end: int
    category: str


def test_only_patients_named_among_the_harmed_type_the_victims(coder: Any) -> None:
    from polemos.stages.annotate import Sentence
    from polemos.stages.extract import _harmed_patients
    from polemos.stages.token_view import view

    text = "Eight residents were killed when the Kusa Brigade attacked the town."
    tokens = view(coder.nlp(text))
    sent = Sentence(index=0, start=0, end=len(text), text=text, paragraph=0)
    residents = next(t for t in tokens if t.text == "residents")
    brigade = _Mention(text.index("the Kusa Brigade"), text.index(" attacked"), "armed")
    villagers = _Mention(text.index("Eight"), text.index(" were"), "civilian")
    # the armed group is a patient of the attack, not one of the dead
    assert _harmed_patients([brigade, villagers], [residents], sent) == [villagers]
    # with no harmed word named, every patient is still seen
    assert _harmed_patients([brigade], [], sent) == [brigade]


def test_engaged_to_someone_is_no_attack(coder: Any) -> None:
    from polemos.stages.triggers import candidate_hits

    doc = coder.nlp("The militia commander had got engaged to a teacher from the town of Kusa.")
    assert not [h for h in candidate_hits(doc, coder.lexicon, frozenset()) if h.trigger.id == "attack"]
