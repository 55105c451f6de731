"""Armed groups of the continent known by name (public knowledge): Madagascar's dahalo cattle rustlers,
Burkina Faso's Koglweogo self-defence groups, Madagascar's fokonolona village militias and South Sudan's
National Security Service, and the Central African Republic's militias after the Séléka left power
(political militias, inter 3: none of them sought the capital)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from polemos.model import Document


def _first(coder: Any, text: str) -> Any:
    events = coder.code(Document(id="groups", text=text, published=dt.date(2017, 8, 2)))
    assert events
    return events[0]


@pytest.mark.parametrize(
    ("text", "name", "inter"),
    [
        ("Armed dahalo stole 40 zebus and shot a herder in Ihosy.", "Dahalo Militia", 3),
        ("Koglweogo members whipped two suspected thieves in Kaya.", "Koglweogo Militia", 3),
        (
            "UPC fighters burned houses and killed two traders in Alindao.",
            "UPC: Union for Peace in the Central African Republic",
            3,
        ),
        ("Anti-balaka militiamen killed a herder near Bossangoa.", "Anti-Balaka", 3),
        (
            "NSS agents detained a journalist at his office in Juba.",
            "Police Forces of South Sudan (2011-) National Security Service",
            1,
        ),
    ],
)
def test_a_named_group_is_actor1(coder: Any, text: str, name: str, inter: int) -> None:
    event = _first(coder, text)
    assert (event.actor1.name, event.actor1.inter) == (name, inter)


def test_a_village_community_pursuing_rustlers_is_its_communal_militia(coder: Any) -> None:
    event = _first(coder, "Fokonolona militia caught and killed two dahalo in Betroka.")
    assert event.actor1.name == "Fokonolona Communal Militia (Madagascar)"
    assert event.actor1.inter == 4


def test_a_return_is_no_armed_group(coder: Any) -> None:
    event = _first(coder, "Gunmen killed a woman near Bangassou as she tried to return to her home.")
    assert not event.actor1.name.startswith("RRR")
