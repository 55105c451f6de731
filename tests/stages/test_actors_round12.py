"""The other side of a protest or a riot (the force that met the crowd, never the crowd itself; none for a
peaceful protest), and the country of a report whose only own actor is an armed group raiding across its
border."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from polemos.knowledge.actors import load_actor_kb
from polemos.knowledge.gazetteer import Gazetteer
from polemos.model import Document
from polemos.stages.doc_country import document_focus
from polemos.taxonomy import EventType

DAY = dt.date(2017, 8, 10)


def _sides(coder: Any, text: str, etype: EventType) -> tuple[Any, Any]:
    events = [e for e in coder.code(Document(id="r12", text=text, published=DAY)) if e.event_type is etype]
    assert events, f"no {etype.value} event coded in {text!r}"
    return events[0].actor1, events[0].actor2


# ---------------------------------------------------------------------- the force that met the crowd
@pytest.mark.parametrize(
    ("text", "etype", "crowd", "force"),
    [
        ("Police dispersed protesters in Kisumu on Tuesday using tear gas.", EventType.PROTESTS,
         "Protesters (Kenya)", "Police Forces of Kenya"),
        ("Riot police fired tear gas to disperse hundreds of students protesting in Kampala over fees.",
         EventType.PROTESTS, "Protesters (Uganda)", "Police Forces of Uganda"),
        ("Soldiers opened fire on demonstrators in Gondar, killing five.", EventType.PROTESTS,
         "Protesters (Ethiopia)", "Military Forces of Ethiopia"),
        # unspecified security forces keeping public order are the police (stages/actor_crowd_forces.py)
        ("Security forces arrested 20 demonstrators during a protest in Bamako.", EventType.PROTESTS,
         "Protesters (Mali)", "Police Forces of Mali"),
        ("Police clashed with stone-throwing youths in Nakuru.", EventType.RIOTS,
         "Rioters (Kenya)", "Police Forces of Kenya"),
    ],
)  # fmt: skip
def test_the_force_that_met_the_crowd_is_actor2(
    coder: Any, text: str, etype: EventType, crowd: str, force: str
) -> None:
    actor1, actor2 = _sides(coder, text, etype)
    assert actor1 is not None and actor1.name == crowd
    assert actor2 is not None and actor2.name.startswith(force)


@pytest.mark.parametrize(
    "text",
    [
        "Imbonerakure held a march in Gitega to celebrate the anniversary.",
        "Former soldiers staged a protest in Tamale to demand their pensions.",
    ],
)
def test_who_marches_in_a_peaceful_protest_is_its_crowd_not_its_other_side(coder: Any, text: str) -> None:
    _, actor2 = _sides(coder, text, EventType.PROTESTS)
    assert actor2 is None


@pytest.mark.parametrize(
    "text",
    [
        "Hundreds of women marched in Juba to protest against killings by soldiers.",
        "Traders in Bouake held a sit-in outside the police headquarters over extortion at checkpoints.",
        "Residents of Gulu demonstrated peacefully against the army's land grab.",
    ],
)
def test_a_force_a_peaceful_protest_names_is_no_side_of_it(coder: Any, text: str) -> None:
    """ACLED's peaceful protest met no intervention: the force the crowd protests against is no side."""
    actor1, actor2 = _sides(coder, text, EventType.PROTESTS)
    assert actor1 is not None and actor1.inter == 6
    assert actor2 is None


# ---------------------------------------------------------------------- an armed group's raid abroad
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Al-Shabaab militants raided a police post in Wajir overnight, killing two officers.", "KE"),
        ("Al-Shabaab fighters burned a school in Garissa on Monday.", "KE"),
        ("Boko Haram fighters attacked a village near Mora, killing three herders.", "CM"),
        ("ADF rebels killed six villagers in Bundibugyo.", "UG"),
    ],
)
def test_an_armed_groups_raid_lies_where_its_scene_lies_near_home(
    gazetteer: Gazetteer, text: str, expected: str
) -> None:
    assert document_focus(text, gazetteer, load_actor_kb(), 2017) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Al-Shabaab fighters attacked an army base in Baidoa.",  # a scene at home
        "Al-Shabaab militants ambushed a convoy near Salem, killing three soldiers.",  # namesakes far away
        "Al-Shabaab militants ambushed a convoy on the road to Kaya.",  # a namesake far away, no scene
    ],
)
def test_an_armed_group_stays_home_without_a_scene_near_it_abroad(gazetteer: Gazetteer, text: str) -> None:
    assert document_focus(text, gazetteer, load_actor_kb(), 2017) == "SO"
