"""A battle the report tells as one side's operation ("operations by X killed", "a raid by X") lists that
side first even where the other camp leads the conflict's battles; the leading camp's habit stands for
fights told from no one's initiative or from its own."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest
from coded_sides import coded_sides

from polemos.model import Actor
from polemos.stages.actor_initiative import initiator, operation_by
from polemos.taxonomy import EventType

TALIBAN = "Taliban"
AFGHAN_ARMY = "Military Forces of Afghanistan (2014-)"
AFGHAN_POLICE = "Police Forces of Afghanistan (2014-)"
GADDAFI = "Military Forces of Libya (1969-2011)"
NLA = "NLA: National Liberation Army"


@dataclass(frozen=True)
class _Mention:
    start: int
    end: int
    text: str
    actor: Actor
    rule: str = "test"
    confidence: float = 1.0
    category: str = "armed"


RED = Actor("Red Front", 2, "Testland")
ARMY = Actor("Military Forces of Testland", 1, "Testland")


def _mention(text: str, name: str, actor: Actor) -> _Mention:
    start = text.index(name)
    return _Mention(start, start + len(name), name, actor)


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("Operations by the Testland army killed four militants.", True),
        ("Four militants were killed in an attack carried out by the Testland army.", True),
        ("Four militants were killed in a raid by a large number of Testland army commandos.", True),
        ("Four militants were killed by Testland army raids near the border.", True),
        # killed by the army, with no operation word: who fought first goes untold
        ("Four militants were killed by the Testland army near the border.", False),
        ("The Testland army repulsed an attack on its base.", False),
    ],
)  # fmt: skip
def test_the_agent_of_an_operation_by_phrase(text: str, named: bool) -> None:
    assert operation_by(text, _mention(text, "Testland army", ARMY)) is named


def test_the_initiator_is_the_one_side_so_named() -> None:
    text = "Red Front fighters were killed in an attack by the Testland army."
    ms = [_mention(text, "Red Front", RED), _mention(text, "Testland army", ARMY)]
    assert initiator(RED, ARMY, text, ms) == ARMY
    assert initiator(RED, ARMY, "Red Front and the Testland army clashed.", []) is None


def _battle(coder: Any, text: str, published: dt.date) -> tuple[str | None, str | None]:
    return coded_sides(coder, text, published, lambda e: e.event_type is EventType.BATTLES, "battle")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the government's operation: its forces first, though the Taliban lead Afghanistan's battles
        ("Operations by Afghan military forces killed nine Taliban militants in Sangin district on Monday.",
         (AFGHAN_ARMY, TALIBAN)),
        ("Eleven Taliban militants were killed by Afghan forces raids in Khas Uruzgan district on Monday.",
         (AFGHAN_ARMY, TALIBAN)),
        # the leading camp's own operation, or none told: the habit stands
        ("Four policemen were killed following an attack by Taliban militants on a checkpoint in Farah.",
         (TALIBAN, AFGHAN_POLICE)),
        ("Afghan forces repulsed a Taliban attack on a checkpoint in Kunduz province on Monday.",
         (TALIBAN, AFGHAN_ARMY)),
    ],
)  # fmt: skip
def test_a_battle_told_as_the_other_camps_operation_lists_it_first(
    coder: Any, text: str, expected: tuple[str, str]
) -> None:
    assert _battle(coder, text, dt.date(2020, 3, 10)) == expected
