"""A group's founding is the group founded's own event: actor 1 is the group named as formed, with no
second party, whoever founded it; any change to a group told without who made it (a force deployed) is
the changed group's alone (polemos.stages.group_founding)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from polemos.model import Actor, Document, Evidence
from polemos.stages.group_founding import founded_first
from polemos.taxonomy import SubEventType

BDB = "Brigades for the Defence of Benghazi"
CHANGE = SubEventType.CHANGE_TO_GROUP


def _ev(field: str, value: str) -> Evidence:
    return Evidence(field, value, "d", "s", 0, 1, "x", "actor:test", 0.5)


def test_the_group_formed_becomes_actor1_and_the_founders_are_dropped() -> None:
    founders = Actor("Unidentified Armed Group (Libya)", 3, "LY")
    group = Actor(BDB, 3, "LY")
    evidence = [
        _ev("event_type", "Change to group/activity"),
        _ev("actor1", founders.name),
        _ev("actor2", BDB),
    ]
    a1, a2, kept = founded_first("group-formation", CHANGE, founders, group, evidence)
    assert (a1, a2) == (group, None)
    assert [(e.field, e.value) for e in kept] == [("event_type", "Change to group/activity"), ("actor1", BDB)]


def test_other_triggers_and_non_groups_keep_their_sides() -> None:
    state = Actor("Military Forces of Libya (2016-) Government of National Accord", 1, "LY")
    group = Actor(BDB, 3, "LY")
    assert founded_first("change-to-group", CHANGE, state, group, [])[:2] == (state, group)
    civilians = Actor("Civilians (Libya)", 7, "LY")
    assert founded_first("group-formation", CHANGE, state, civilians, [])[:2] == (state, civilians)


def test_a_coded_founding_names_the_new_group_first(coder: Any) -> None:
    text = (
        "Several armed factions from western Libya announced the formation of the Brigades for the "
        "Defence of Benghazi in Ajdabiya on Thursday."
    )
    events = coder.code(Document(id="founding", text=text, published=dt.date(2016, 6, 3)))
    founding = [e for e in events if e.sub_event_type is SubEventType.CHANGE_TO_GROUP]
    assert founding
    assert founding[0].actor1 is not None and founding[0].actor1.name == BDB
    assert founding[0].actor2 is None


def test_a_change_to_a_group_with_no_first_party_is_the_changed_groups() -> None:
    army = Actor("Military Forces of Somalia (2017-)", 1, "SO")
    assert founded_first("change-to-group", CHANGE, None, army, [])[:2] == (army, None)
    arrests = SubEventType.ARRESTS
    assert founded_first("arrest", arrests, None, army, [])[:2] == (None, army)


@pytest.mark.parametrize(
    "text",
    [
        "Hundreds of Somali soldiers were deployed to Beledweyne on Friday.",
        "Somali troops are being redeployed to Beledweyne, officials said on Friday.",
    ],
)
def test_a_force_deployed_by_no_one_named_is_the_events_only_actor(coder: Any, text: str) -> None:
    events = coder.code(Document(id="deployed", text=text, published=dt.date(2017, 6, 3)))
    moved = [e for e in events if e.sub_event_type is CHANGE]
    assert moved
    assert moved[0].actor1 is not None and moved[0].actor1.name == "Military Forces of Somalia (2017-)"
    assert moved[0].actor2 is None
