"""Defaults limited to places: the "militants" a report ties to no named group are the group that fought
the war of the city or region where the event took place (Benghazi's shura council 2014-2017, North
Sinai's Islamic State province), nowhere else and at no other time; the knowledge file's `places` are
checked at load."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from polemos.errors import KnowledgeError
from polemos.knowledge.actor_defaults import place_names
from polemos.knowledge.actors import load_actor_kb
from polemos.model import Document

BRSC = "BRSC: Shura Council of Benghazi Revolutionaries"
SINAI = "State of Sinai"
UAG_LY = "Unidentified Armed Group (Libya)"
HAFTAR = "Military Forces of Libya (2014-) Haftar Faction"


@pytest.mark.parametrize(
    ("country", "year", "places", "expected"),
    [
        ("LY", 2016, ("Benghazi",), BRSC),
        ("LY", 2016, ("Benghazi - Ganfouda", "Benghazi", "Ganfouda"), BRSC),
        ("LY", 2016, ("Qawarsha", "Banghazi"), BRSC),  # a suburb, known by its region
        ("LY", 2016, ("Zawiya",), None),  # elsewhere in the country: no reading
        ("LY", 2016, (), None),  # no place known: a reading limited to places never holds
        ("LY", 2019, ("Benghazi",), None),  # after the city's war
        ("EG", 2017, ("Arish", "Shamal Sina'"), SINAI),
        ("EG", 2017, ("Giza",), None),
    ],
)
def test_a_militants_reading_holds_only_at_its_places_and_in_its_years(
    country: str, year: int, places: tuple[str, ...], expected: str | None
) -> None:
    found = load_actor_kb().default_reading(country, year, "militants", 6, 1, places)
    assert (found.name if found else None) == expected


def test_a_place_answers_to_its_own_name_its_district_parts_and_its_regions() -> None:
    assert place_names("Benghazi - Sabri", "Banghazi", None) == (
        "Benghazi - Sabri",
        "Benghazi",
        "Sabri",
        "Banghazi",
    )
    assert place_names("Arish", None, None) == ("Arish",)


def test_a_reading_limited_to_places_comes_before_the_countrys(tmp_path: Path) -> None:
    extra = tmp_path / "places.yaml"
    extra.write_text(
        "defaults:\n"
        f"  - {{country: LY, years: [2016, 2016], labels: [militants], actor: {HAFTAR}}}\n"
        "  - {country: LY, years: [2016, 2016], places: [Misrata], labels: [militants],"
        " actor: Islamic State (Libya)}\n"
    )
    kb = load_actor_kb([extra])
    assert kb.default_reading("LY", 2016, "militants", places=("misrata",)).name == "Islamic State (Libya)"  # type: ignore[union-attr]
    assert kb.default_reading("LY", 2016, "militants", places=("Tobruk",)).name == HAFTAR  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ("{country: LY, places: [Benghazi], labels: [air], actor: Taliban}", "`places` limits only"),
        ("{country: LY, places: [], labels: [militants], actor: Taliban}", "at least one place"),
        ("{country: LY, places: Benghazi, labels: [militants], actor: Taliban}", "`places` must be a list"),
        (
            "{country: LY, place: [Benghazi], labels: [militants], actor: Taliban}",
            "unknown field(s) ['place']",
        ),
    ],
)
def test_bad_place_limits_name_the_file_and_the_entry(tmp_path: Path, entry: str, message: str) -> None:
    extra = tmp_path / "bad-places.yaml"
    extra.write_text(f"defaults:\n  - {entry}\n")
    with pytest.raises(KnowledgeError) as err:
        load_actor_kb([extra])
    assert "bad-places.yaml" in str(err.value) and "defaults[0] (Taliban)" in str(err.value)
    assert message in str(err.value)


def _actor1(coder: Any, text: str, published: dt.date) -> str | None:
    events = coder.code(Document(id="placed", text=text, published=published))
    assert events, text
    return events[0].actor1.name if events[0].actor1 else None


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        # the city's war: its militants are the shura council's fighters
        ("Militants in Benghazi blew up a bridge on the coast road into the Sabri district.",
         dt.date(2016, 11, 3), BRSC),
        # the same deed elsewhere, or after the city's war, is an unidentified group's
        ("Militants in Zawiya blew up a bridge on the coast road.", dt.date(2016, 11, 3), UAG_LY),
        ("Militants in Benghazi blew up a bridge on the coast road into the Sabri district.",
         dt.date(2019, 11, 3), UAG_LY),
        # "unknown gunmen" are unidentified wherever they struck
        ("Unknown gunmen shot dead a shopkeeper in Benghazi.", dt.date(2016, 11, 3), UAG_LY),
        ("Militants shot dead two shopkeepers at a market in Arish.", dt.date(2017, 8, 2), SINAI),
    ],
)  # fmt: skip
def test_militants_are_the_group_that_fought_the_war_of_the_events_place(
    coder: Any, text: str, published: dt.date, expected: str
) -> None:
    assert _actor1(coder, text, published) == expected


def test_a_battle_that_names_no_side_is_fought_between_the_places_group_and_its_only_enemy(
    coder: Any,
) -> None:
    # Benghazi's war had two sides: Haftar's forces (listed first in Libya's battles) and the shura council
    text = "Heavy fighting raged overnight in the Sabri district of Benghazi."
    events = coder.code(Document(id="fight", text=text, published=dt.date(2017, 3, 12)))
    assert [(e.actor1.name if e.actor1 else None, e.actor2.name if e.actor2 else None) for e in events] == [
        (HAFTAR, BRSC)
    ]
    elsewhere = "Heavy fighting raged overnight in the centre of Zawiya."
    events = coder.code(Document(id="fight2", text=elsewhere, published=dt.date(2017, 3, 12)))
    assert all(e.actor1 is None or e.actor1.name == UAG_LY for e in events)
    assert all(e.actor2 is None for e in events)
