"""A deed done in hiding (a planted bomb, an assassin, a man shot in his own home) is no war party's by
default: in a war whose dominant side did the open fighting and shelling a report leaves unnamed (Libya
2011), its unnamed doer stays an unidentified armed group, while open violence keeps the default."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from coded_sides import coded_sides

from polemos.stages.actor_clandestine import clandestine

GADDAFI = "Military Forces of Libya (1969-2011)"
UNIDENTIFIED = "Unidentified Armed Group (Libya)"
WAR_DAY = dt.date(2011, 6, 14)


@pytest.mark.parametrize(
    "sentence",
    [
        "A car bomb went off outside a courthouse, wounding four guards.",
        "An improvised explosive device struck a patrol on the coast road.",
        "A bomb planted under his vehicle killed a militia leader.",
        "The council's spokesman was assassinated as he left a mosque.",
        "A local judge was shot dead in his home overnight.",
        "Explosives-laden vehicles were found near the port.",
    ],
)
def test_deeds_done_in_hiding_are_clandestine(sentence: str) -> None:
    assert clandestine(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "Heavy shelling hit the port district, killing six.",
        "Six residents were killed in their homes when artillery shells struck the town.",
        "Snipers on the rooftops fired at the advancing fighters.",
        "Fighting raged on the outskirts of the town.",
        "Mortar bombs fell on the market.",
    ],
)
def test_open_violence_is_not_clandestine(sentence: str) -> None:
    assert not clandestine(sentence)


@pytest.mark.parametrize(
    "text",
    [
        "A car bomb exploded near a rebel command post in Tobruk, slightly wounding three guards.",
        "A roadside bomb went off near a rebel checkpoint outside Tobruk, killing two fighters.",
        "A retired engineer was shot dead in his home in Tobruk.",
        "A rebel field commander was killed by an assassin in Tobruk.",
        # one camp blaming the other is a claim, not the doer
        "A car bomb exploded in the car park of a hotel used by foreign envoys in Tobruk. It caused no "
        "casualties but led the rebel council to blame Gaddafi forces for the attack.",
    ],
)
def test_a_clandestine_deeds_unnamed_doer_stays_unidentified_in_the_war(coder: Any, text: str) -> None:
    assert coded_sides(coder, text, WAR_DAY)[0] == UNIDENTIFIED


@pytest.mark.parametrize(
    "text",
    [
        "Heavy shelling hit Tobruk, killing five civilians.",
        "Five civilians were killed in their homes when shells hit Tobruk.",
        "Five civilians were killed in Tobruk.",
    ],
)
def test_open_violence_left_unnamed_stays_the_war_partys(coder: Any, text: str) -> None:
    assert coded_sides(coder, text, WAR_DAY)[0] == GADDAFI
