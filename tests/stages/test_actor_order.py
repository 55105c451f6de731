"""Which side of a battle or strike is actor 1: the camp a conflict's coding leads with, foreign forces
before it, peers by who acted; a side left unnamed taken from the only camp the named one fights; and the
target of an air strike that names only a group that does not fly."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from coded_sides import coded_sides

from polemos.knowledge.actors import load_actor_kb
from polemos.model import Actor, Document
from polemos.stages.actors import DocumentActors
from polemos.taxonomy import EventType

GADDAFI = "Military Forces of Libya (1969-2011)"
REBELS = "Libyan Rebel Forces"
NLA = "NLA: National Liberation Army"  # ACLED's name for the rebels from June to September 2011
HAFTAR = "Military Forces of Libya (2014-) Haftar Faction"
GNA = "Military Forces of Libya (2016-) Government of National Accord"
TALIBAN = "Taliban"
AFGHAN_ARMY = "Military Forces of Afghanistan (2014-)"
AFGHAN_POLICE = "Police Forces of Afghanistan (2014-)"


def _doc(text: str, country: str, year: int) -> DocumentActors:
    return DocumentActors.build(text, load_actor_kb(), country=country, year=year)


@pytest.mark.parametrize(
    ("name", "inter", "country", "year", "leads"),
    [
        (GADDAFI, 1, "LY", 2011, True),
        (REBELS, 2, "LY", 2011, False),
        (HAFTAR, 1, "LY", 2017, True),
        (GNA, 1, "LY", 2017, False),
        (TALIBAN, 2, "AF", 2020, True),
        (AFGHAN_ARMY, 1, "AF", 2020, False),
        ("Unidentified Armed Group (Libya)", 3, "LY", 2017, False),
    ],
)
def test_leading_camps_are_the_ones_the_knowledge_base_marks(
    name: str, inter: int, country: str, year: int, leads: bool
) -> None:
    doc = _doc("A report.", country, year)
    assert doc.leads_battles(Actor(name, inter, country)) is leads


@pytest.mark.parametrize(
    ("month", "gaddafi_leads", "rebels_lead"),
    [(2, False, True), (3, True, False), (4, True, False), (8, True, False), (10, True, False),
     (None, True, False)],
)  # fmt: skip
def test_the_camp_that_leads_libyas_2011_battles_follows_the_month_of_the_report(
    month: int | None, gaddafi_leads: bool, rebels_lead: bool
) -> None:
    # The uprising's rebels took the initiative in February 2011; in March it changed hands by the week (a
    # report of unknown day reads as mid-month: the regime's counter-offensive; the days are tested in
    # test_actors_round10); from April the regime, and its loyalist remnants to the end of the year, led;
    # a report of unknown month reads as mid-year.
    kb = load_actor_kb()
    doc = DocumentActors.build("A report.", kb, country="LY", year=2011, month=month)
    regime = kb.entry(GADDAFI)
    assert regime is not None  # from October written as a militia, its name then
    assert doc.leads_battles(Actor(regime.name_in(2011, month), 1, "LY")) is gaddafi_leads
    assert doc.leads_battles(Actor(REBELS, 2, "LY")) is rebels_lead


def test_sole_opponent_is_the_forces_of_the_only_camp_fought() -> None:
    doc = _doc("Rebel forces took the town.", "LY", 2011)
    foe = doc.sole_opponent(Actor(REBELS, 2, "LY"))
    assert foe is not None and (foe.name, foe.inter) == (GADDAFI, 1)
    # the LNA fought the Tripoli camp, the shura councils and the jihadists: no single opponent
    assert _doc("LNA forces advanced.", "LY", 2017).sole_opponent(Actor(HAFTAR, 1, "LY")) is None
    # the Taliban fought the republic and the Islamic State, which had no army: an unnamed opponent of
    # theirs is the republic's (round 10)
    foe = _doc("Taliban attacked.", "AF", 2020).sole_opponent(Actor(TALIBAN, 2, "AF"))
    assert foe is not None and (foe.name, foe.inter) == (AFGHAN_ARMY, 1)


def _sides(coder: Any, text: str, published: dt.date) -> tuple[str | None, str | None]:
    fights = (EventType.BATTLES, EventType.EXPLOSIONS)
    return coded_sides(coder, text, published, lambda e: e.event_type in fights, "battle or strike")


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        # the leading camp goes first whoever attacked
        ("Rebel forces captured the town of Brega from Gaddafi forces on Monday.", dt.date(2011, 7, 20),
         (GADDAFI, NLA)),
        ("Afghan forces repulsed a Taliban attack on a checkpoint in Kunduz province on Monday.",
         dt.date(2020, 3, 10), (TALIBAN, AFGHAN_ARMY)),
        ("BRSC fighters attacked an LNA position in the Sabri district of Benghazi on Tuesday.",
         dt.date(2017, 3, 12), (HAFTAR, "BRSC: Shura Council of Benghazi Revolutionaries")),
        # and in strikes between a leading state camp and a non-state group
        ("The Benghazi Defence Brigades shelled an LNA position near Ras Lanuf on Tuesday.",
         dt.date(2017, 3, 12), (HAFTAR, "Brigades for the Defence of Benghazi")),
        # a foreign force's strikes stay under the foreign force
        ("British jets struck a Gaddafi ammunition depot near Sirte on Tuesday.", dt.date(2011, 6, 10),
         ("Military Forces of United Kingdom", GADDAFI)),
        # two governments' forces are peers: the one acting goes first, either way round
        ("GNA forces attacked LNA positions near Tarhuna on Friday.", dt.date(2020, 6, 7), (GNA, HAFTAR)),
        ("LNA forces attacked GNA positions near Tarhuna on Friday.", dt.date(2020, 6, 7), (HAFTAR, GNA)),
        # no camp is known in Nigeria: ACLED's general habit lists state forces before the named groups
        # they fight, whoever attacked (see test_actor_sources)
        ("Boko Haram fighters attacked a Nigerian army base in Borno state on Monday.", dt.date(2016, 7, 12),
         ("Military Forces of Nigeria (2015-)", "Boko Haram - Wilayat Gharb Ifriqiyyah")),
        ("Soldiers clashed with Boko Haram fighters in Borno state on Monday.", dt.date(2016, 7, 12),
         ("Military Forces of Nigeria (2015-)", "Boko Haram - Wilayat Gharb Ifriqiyyah")),
    ],
)  # fmt: skip
def test_actor_order_follows_the_conflicts_lead_camp(
    coder: Any, text: str, published: dt.date, expected: tuple[str, str]
) -> None:
    assert _sides(coder, text, published) == expected


def test_a_battle_with_one_named_side_takes_the_only_camp_it_fights(coder: Any) -> None:
    text = "Rebel fighters took control of a small coastal town west of Misrata on Sunday."
    assert _sides(coder, text, dt.date(2011, 7, 20)) == (GADDAFI, NLA)
    assert _sides(coder, text, dt.date(2011, 4, 20)) == (GADDAFI, REBELS)


def test_a_battle_naming_only_the_regime_takes_the_uprisings_rebels(coder: Any) -> None:
    # the uprising's camp had no state's forces, but fielded its own rebels: they were the regime's only
    # opponent, under the name of the period (the NLA through the summer)
    text = "Gaddafi forces took control of a small desert town south of Ajdabiya on Sunday."
    assert _sides(coder, text, dt.date(2011, 4, 20)) == (GADDAFI, REBELS)
    assert _sides(coder, text, dt.date(2011, 7, 20)) == (GADDAFI, NLA)


def test_a_stateless_camps_fighters_are_its_enemys_opponent_but_never_its_army() -> None:
    kb = load_actor_kb()
    foe = kb.sole_opponent(GADDAFI, "LY", 2011, 4)
    assert foe is not None and foe.name == REBELS
    ntc = kb.sides["ntc"]
    assert ntc.fighters == (REBELS,) and kb.forces_for("ntc", 2011) is None


def test_after_the_ntc_was_recognised_gaddafis_forces_are_a_militia_listed_first(coder: Any) -> None:
    text = "Rebel fighters attacked Gaddafi loyalists in the centre of Bani Walid on Monday."
    events = coder.code(Document(id="late-2011", text=text, published=dt.date(2011, 10, 12)))
    battle = next(e for e in events if e.event_type is EventType.BATTLES)
    assert battle.actor1 is not None and battle.actor2 is not None
    assert (battle.actor1.name, battle.actor1.inter) == ("Militia (Pro-Government)", 3)
    assert (battle.actor2.name, battle.actor2.inter) == (GADDAFI, 1)  # the state's forces' name then


def test_a_battle_with_one_named_side_in_a_many_sided_war_is_not_filled(coder: Any) -> None:
    text = "LNA forces took control of a small coastal town west of Sirte on Sunday."
    assert _sides(coder, text, dt.date(2017, 7, 20)) == (HAFTAR, None)


def test_an_air_strike_on_a_group_that_does_not_fly_is_by_the_period_air_power(coder: Any) -> None:
    text = "Air strikes hit positions of the Benghazi Defence Brigades near Ras Lanuf on Sunday."
    assert _sides(coder, text, dt.date(2017, 3, 12)) == (HAFTAR, "Brigades for the Defence of Benghazi")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("French aircraft destroyed several tanks south of Benghazi.", "Military Forces of France"),
        (
            "British Apache helicopters destroyed a radar station near Brega.",
            "Military Forces of United Kingdom",
        ),
        ("British Tornado jets struck a depot.", "Military Forces of United Kingdom"),
        # an aircraft model alone after the demonym
        ("Canadian CF-18s bombed a supply depot near Misrata.", "Military Forces of Canada"),
        ("Two Turkish F-16s struck a depot near Misrata.", "Military Forces of Turkey"),
    ],
)
def test_a_demonym_before_aircraft_names_that_states_foreign_forces(text: str, expected: str) -> None:
    found = [(m.actor.name, m.actor.inter) for m in _doc(text, "LY", 2011).mentions]
    assert (expected, 8) in found


def test_a_demonym_before_a_unit_number_is_no_aircraft() -> None:
    doc = _doc("Libyan 12th Brigade fighters left.", "LY", 2017)
    assert all(not m.text.startswith("Libyan 12th") for m in doc.mentions)


def test_anti_aircraft_guns_are_no_air_strike() -> None:
    doc = _doc("Clashes with anti-aircraft guns broke out in Tripoli.", "LY", 2017)
    unnamed = doc.resolve_phrase("unidentified armed group", doc.text.index("broke"))
    assert unnamed is not None and unnamed.actor.name == "Unidentified Armed Group (Libya)"
    doc = _doc("Air strikes hit the port of Sirte.", "LY", 2017)
    flyer = doc.resolve_phrase("unidentified armed group", doc.text.index("hit"))
    assert flyer is not None and flyer.actor.name == HAFTAR


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("Two soldiers of the Libyan National Army were killed in a landmine explosion in Benghazi.",
         dt.date(2017, 6, 22), ("Unidentified Armed Group (Libya)", HAFTAR)),
        ("One policeman was killed when a roadside bomb exploded in Kandahar city on Saturday.",
         dt.date(2020, 3, 7), ("Unidentified Armed Group (Afghanistan)", AFGHAN_POLICE)),
        # a force said to set the bomb off keeps actor 1
        ("Afghan forces detonated an IED near a Taliban hideout in Kandahar on Saturday.",
         dt.date(2020, 3, 7), (AFGHAN_ARMY, TALIBAN)),
    ],
)  # fmt: skip
def test_a_party_killed_by_a_mine_is_its_target_not_its_planter(
    coder: Any, text: str, published: dt.date, expected: tuple[str, str]
) -> None:
    assert _sides(coder, text, published) == expected


def test_a_battle_naming_neither_side_in_a_two_camp_war_is_fought_by_both(coder: Any) -> None:
    # in 2011 the regime did the violence reports leave unnamed, and fought only the rebels: a battle
    # that names neither side was theirs (the `fighting` default); no such war in Libya in 2017
    text = "Heavy fighting was reported on the southern edge of Zlitan on Tuesday."
    assert _sides(coder, text, dt.date(2011, 4, 20)) == (GADDAFI, REBELS)
    assert _sides(coder, text, dt.date(2017, 4, 20))[1] is None


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        # the state's forces in a war of two camps shelled the other camp where no target is named
        ("Gaddafi forces shelled the western districts of Zlitan overnight.", dt.date(2011, 4, 20),
         (GADDAFI, REBELS)),
        # but a shelling whose casualties are named civilians hit them, and with several camps no one
        ("Gaddafi forces shelled Zlitan overnight, killing four civilians.", dt.date(2011, 4, 20),
         (GADDAFI, "Civilians (Libya)")),
        ("LNA forces shelled the western districts of Zlitan overnight.", dt.date(2017, 4, 20),
         (HAFTAR, None)),
    ],
)  # fmt: skip
def test_a_state_camps_strike_with_no_target_named_hit_its_only_enemy(
    coder: Any, text: str, published: dt.date, expected: tuple[str, str | None]
) -> None:
    strikes = (EventType.EXPLOSIONS,)
    assert coded_sides(coder, text, published, lambda e: e.event_type in strikes, "strike") == expected


def test_a_navys_ship_prefix_names_its_state_forces(coder: Any) -> None:
    # "HMS" (Her Majesty's Ship) is a Royal Navy ship: a foreign force, listed before the side it fought
    text = "Loyalist gunboats fired on the HMS Cumberland off Misrata on Thursday."
    assert _sides(coder, text, dt.date(2011, 5, 12)) == ("Military Forces of United Kingdom", GADDAFI)


def test_the_uprisings_fighters_called_anti_government_are_the_rebels(coder: Any) -> None:
    text = "Anti-government fighters clashed with government troops near Brega on Monday."
    assert _sides(coder, text, dt.date(2011, 4, 20)) == (GADDAFI, REBELS)
