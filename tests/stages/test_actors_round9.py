"""Whose aircraft struck (the owner a report names with them), a leader's possessive whose apostrophe was
stripped, the war's air power read to the day (NATO over Libya only from 19 March 2011), the 2011 rebels named
by the adjective (a description that settles a report naming no place but never outvotes one), and a
bomb's casualties named after it ("killing two soldiers"), who are its target, not who set it off, as
is whoever "came under fire"."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from polemos.errors import KnowledgeError
from polemos.knowledge.actors import load_actor_kb
from polemos.knowledge.countries import load_countries
from polemos.knowledge.gazetteer import Gazetteer
from polemos.model import Document
from polemos.stages.actors import DocumentActors
from polemos.stages.doc_country import document_focus, own_country_votes

HAFTAR = "Military Forces of Libya (2014-) Haftar Faction"
GNA = "Military Forces of Libya (2016-) Government of National Accord"
MISRATA = "Misratah Communal Militia (Libya)"
GADDAFI = "Military Forces of Libya (1969-2011)"
OUP = "Operation Unified Protector: NATO Mission in Libya (2011-2011)"
REBELS = "Libyan Rebel Forces"
POLICE = "Police Forces of Libya (2016-)"


def _build(text: str, year: int, month: int | None = None, day: int | None = None) -> DocumentActors:
    return DocumentActors.build(text, load_actor_kb(), country="LY", year=year, month=month, day=day)


def _actor1(coder: Any, text: str, published: dt.date) -> list[str | None]:
    events = coder.code(Document(id="t", text=text, published=published))
    return [e.actor1.name if e.actor1 else None for e in events]


# ---------------------------------------------------------------------- the owner named with the aircraft
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Two jets thought to belong to Misratan forces bombed the airfield at Jufra late on Monday.",
            MISRATA,
        ),
        ("An air raid by aircraft believed to belong to Misratan brigades hit the depot at Hun.", MISRATA),
        ("Helicopters operated by the Government of National Accord struck a convoy south of Sirte.", GNA),
        # no owner named: the period's air power, as before
        ("Two jets bombed the airfield at Jufra late on Monday.", HAFTAR),
    ],
)
def test_unnamed_air_strike_goes_to_the_owner_named_with_the_aircraft(text: str, expected: str) -> None:
    doc = _build(text, 2017)
    found = doc.resolve_phrase("unidentified armed group", text.index(" the ") + 1)
    assert found is not None and found.actor.name == expected


def test_warplanes_belonging_to_a_named_force_are_its_own(coder: Any) -> None:
    text = "Warplanes belonging to the Government of National Accord pounded a camp near Waddan on Friday."
    assert _actor1(coder, text, dt.date(2018, 6, 2)) == [GNA]


def test_owner_link_attaches_a_generic_label_to_the_name_after_it() -> None:
    doc = _build("Gunmen belonging to the Libyan National Army stormed a farm outside Marj.", 2017)
    gunmen = next(m for m in doc.mentions if m.text.startswith("Gunmen"))
    assert gunmen.actor.name == HAFTAR


# ---------------------------------------------------------------------- "Gaddafis forces"
@pytest.mark.parametrize(
    "text",
    [
        "Rebels said they had pushed Gaddafis forces out of the oil port on Monday.",
        "Shelling by Qaddafis troops hit the western gate of the town overnight.",
    ],
)
def test_a_leaders_possessive_without_its_apostrophe_still_names_his_camp(text: str) -> None:
    doc = _build(text, 2011, 5, 10)
    names = {m.actor.name for m in doc.mentions}
    assert GADDAFI in names


def test_the_stripped_possessive_is_read_as_the_leader_himself() -> None:
    found = load_actor_kb().scan("Gaddafis men withdrew from the port.")
    assert [(m.text, m.how, m.key) for m in found] == [("Gaddafis", "leader", "Gaddafi")]


# ---------------------------------------------------------------------- air power read to the day
@pytest.mark.parametrize(
    ("month", "day", "expected"),
    [
        (3, 4, None),  # before the no-fly zone no default: "the army" reading, the regime's forces
        (3, 18, None),
        (3, 19, OUP),  # the coalition's first strikes
        (8, 10, OUP),
        (None, None, OUP),  # a month not known reads as mid-year
        (11, 15, None),  # after Operation Unified Protector ended: no default air power
    ],
)
def test_nato_is_the_default_air_power_only_during_its_campaign(
    month: int | None, day: int | None, expected: str | None
) -> None:
    found = load_actor_kb().default_reading("LY", 2011, "air", month, day)
    assert (found.name if found else None) == expected


def test_an_air_strike_on_a_rebel_town_before_the_no_fly_zone_is_the_regimes(coder: Any) -> None:
    text = "A warplane bombed the rebel-held town of Ras Lanuf on Wednesday, witnesses said."
    assert _actor1(coder, text, dt.date(2011, 3, 3)) == [GADDAFI]
    assert _actor1(coder, text, dt.date(2011, 4, 21)) == [OUP]


@pytest.mark.parametrize(
    ("years", "message"),
    [('["2011-13", 2011]', "`years`"), ('["2011-05", "2011-03"]', "ends")],
)
def test_a_defaults_day_bounds_are_checked(tmp_path: Path, years: str, message: str) -> None:
    extra = tmp_path / "defaults.yaml"
    extra.write_text(f"defaults:\n  - {{country: LY, years: {years}, labels: [air], actor: {HAFTAR}}}\n")
    with pytest.raises(KnowledgeError, match=message):
        load_actor_kb([extra])


# ---------------------------------------------------------------------- "rebel" and descriptive votes
def test_the_adjective_rebel_names_the_2011_rebels(coder: Any) -> None:
    text = "Government forces shelled rebel-held districts of a coastal town on Sunday."
    events = coder.code(Document(id="t", text=text, published=dt.date(2011, 3, 14)))
    assert [(e.actor1.name if e.actor1 else None, e.actor2.name if e.actor2 else None) for e in events] == [
        (GADDAFI, REBELS)
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a report that names no place: the description settles it, as before
        ("Government forces attacked rebel positions in a small town.", "LY"),
        # a place elsewhere outweighs a description that fits any country's war
        ("Rebel fighters attacked an army post outside Abidjan on Sunday.", "CI"),
        ("Rebels clashed with soldiers near Daraa on Friday.", "SY"),
    ],
)
def test_a_descriptive_alias_never_outvotes_a_toponym(gazetteer: Gazetteer, text: str, expected: str) -> None:
    assert document_focus(text, gazetteer, load_actor_kb(), 2011) == expected


def test_a_named_actor_still_counts_as_its_home_country() -> None:
    text = "The NTC said rebels had taken the town."
    votes = own_country_votes(text, load_actor_kb(), load_countries(), 2011)
    assert votes == {"LY": 3}  # the council's name speaks for its home (2), the description only weighs (1)


# ---------------------------------------------------------------------- a bomb's casualties named after it
UAG = "Unidentified Armed Group (Libya)"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "A roadside bomb went off near Ubari on Tuesday, killing two soldiers and a passer-by.",
            (UAG, HAFTAR),
        ),
        ("A car exploded in the centre of Sabha, leaving four wounded including a soldier.", (UAG, HAFTAR)),
        (
            "A suicide bomber blew himself up at a checkpoint near Sabha, killing three soldiers.",
            (UAG, HAFTAR),
        ),
        ("A grenade was thrown at a checkpoint near Sabha, wounding three policemen.", (UAG, POLICE)),
        # named after the verb of dying, as before
        ("Two soldiers were killed when a roadside bomb went off near Ubari on Tuesday.", (UAG, HAFTAR)),
    ],
)
def test_a_bombs_casualties_are_its_target_not_who_set_it_off(
    coder: Any, text: str, expected: tuple[str, str]
) -> None:
    events = coder.code(Document(id="t", text=text, published=dt.date(2017, 1, 26)))
    assert [(e.actor1.name if e.actor1 else None, e.actor2.name if e.actor2 else None) for e in events] == [
        expected
    ]


# ---------------------------------------------------------------------- "came under fire"
def test_who_came_under_fire_is_the_side_fired_on(coder: Any) -> None:
    text = "Rebels advancing toward Zlitan came under heavy mortar fire on Tuesday."
    events = coder.code(Document(id="t", text=text, published=dt.date(2011, 7, 20)))
    assert [(e.actor1.name if e.actor1 else None, e.actor2.name if e.actor2 else None) for e in events] == [
        (GADDAFI, "NLA: National Liberation Army")
    ]


def test_police_under_attack_are_the_target_of_an_unnamed_attacker(coder: Any) -> None:
    text = "Policemen came under attack on the road outside Kaduna on Monday."
    events = coder.code(Document(id="t", text=text, published=dt.date(2017, 5, 9)))
    pairs = [(e.actor1.name if e.actor1 else "", e.actor2.name if e.actor2 else "") for e in events]
    assert len(pairs) == 1
    assert pairs[0][0] == "Unidentified Armed Group (Nigeria)" and pairs[0][1].startswith(
        "Police Forces of Nigeria"
    )
