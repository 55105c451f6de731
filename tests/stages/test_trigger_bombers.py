"""Suicide bombers stopped by forces: ACLED codes a bomber whom soldiers, police or a vigilance group shot,
intercepted or chased, before or as he set off his charge, as an Armed clash (the two sides fought); a
bombing with no forces acting on the bomber, even one at a checkpoint, stays a Suicide bomb.

Sentences are our own; each case names the general phenomenon it stands for.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from polemos.stages.trigger_bombers import STOPPING_VERBS, shot_from_forces, stops_bomber


@pytest.mark.parametrize(
    "text",
    [
        # passive, with the forces as its doer
        "A suicide bomber was shot dead by soldiers in Kelvoro on Monday before he could detonate his vest.",
        # active, the bomber the object of the second of two verbs
        "Police officers shot and killed a suicide bomber at the gate of a market in Tarsek on Friday.",
        # a vigilance group chasing the bombers, who then blew themselves up
        "Vigilance group members chased two female suicide bombers in Ndaro on Sunday before the bombers "
        "detonated their belts, killing themselves.",
        # the forces' act told as a noun
        "A suicide bomber detonated his vest after a shot from security forces near a camp in Kalvo.",
        # a bomber among militants killed in the forces' operation
        "Two militants, one of them a suicide bomber, were killed in a security operation in Tarsek.",
    ],
)
def test_a_bomber_stopped_by_forces_is_a_clash(
    sub_event_types: Callable[[str], list[str]], text: str
) -> None:
    assert sub_event_types(text) == ["Armed clash"]


@pytest.mark.parametrize(
    "text",
    [
        # a bombing at a checkpoint, with no forces acting on the bomber
        "A suicide bomber blew himself up at a police checkpoint in Velmora, killing three policemen.",
        "A suicide car bomb exploded at an army checkpoint in Ndaro on Sunday, killing two soldiers.",
        "A suicide bomber killed five civilians at a market in Tarsek on Friday.",
        # forces as the bomber's victims, shot by him
        "A suicide bomber shot two soldiers at the gate of the barracks in Kalvo before blowing himself up.",
    ],
)
def test_a_plain_suicide_bombing_stays_one(sub_event_types: Callable[[str], list[str]], text: str) -> None:
    assert "Suicide bomb" in sub_event_types(text)


def _stopped(nlp: Any, text: str) -> bool:
    doc = nlp(text)
    return any(
        (t.lemma_.lower() in STOPPING_VERBS and t.pos_ == "VERB" and stops_bomber(t)) or shot_from_forces(t)
        for t in doc
    )


@pytest.mark.parametrize(
    ("text", "stopped"),
    [
        ("The bomber was intercepted at the checkpoint and set off his charge.", True),
        ("Three bombers attacked the camp but were shot by guards.", True),
        # stopped by an animal or a crowd: no forces fought him
        ("The bombers were stopped by a barking dog near the gate and set off their charges.", False),
        # forces as the ones shot
        ("Soldiers were shot at the checkpoint by a bomber.", False),
    ],
)
def test_who_stopped_the_bomber(nlp: Any, text: str, stopped: bool) -> None:
    assert _stopped(nlp, text) is stopped
