"""Who a bomb, shell or air strike hit (its casualties, civilians or armed, and a state's post or vehicle
named as its target), who planted a mine whatever ran over it, Afghanistan's village militias in the plural,
and the camp that leads Libya's battles in March 2011, read to the day of the report."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from coded_sides import coded_sides

from polemos.knowledge.actors import load_actor_kb
from polemos.model import Actor
from polemos.stages.actors import DocumentActors
from polemos.taxonomy import EventType

GADDAFI = "Military Forces of Libya (1969-2011)"
REBELS = "Libyan Rebel Forces"
TALIBAN = "Taliban"
AFGHAN_POLICE = "Police Forces of Afghanistan (2014-)"
AFGHAN_ARMY = "Military Forces of Afghanistan (2014-)"
PRO_GOVERNMENT = "Militia (Pro-Government)"


def _sides(coder: Any, text: str, published: dt.date, etype: EventType) -> tuple[str | None, str | None]:
    return coded_sides(coder, text, published, lambda e: e.event_type is etype, etype.value)


# ---------------------------------------------------------------------- the civilians a weapon hit
@pytest.mark.parametrize(
    ("text", "published"),
    [
        ("On 4 May 2020, two civilians were killed when a bomb hidden in a cart exploded in a market of "
         "Kunduz city.", dt.date(2020, 5, 5)),
        ("On 6 May 2020, mortar rounds fired by Taliban militants killed four villagers in Dand district, "
         "Kandahar.", dt.date(2020, 5, 7)),
        ("On 7 May 2020, a grenade was thrown into a wedding hall in Herat city, wounding eleven guests and "
         "killing three children.", dt.date(2020, 5, 8)),
    ],
)  # fmt: skip
def test_the_civilians_a_weapon_killed_are_its_actor2(coder: Any, text: str, published: dt.date) -> None:
    _, actor2 = _sides(coder, text, published, EventType.EXPLOSIONS)
    assert actor2 == "Civilians (Afghanistan)"


def test_armed_casualties_go_before_the_civilians_killed_beside_them(coder: Any) -> None:
    text = (
        "On 9 May 2020, a roadside bomb killed a civilian and three policemen travelling in a pickup in "
        "Nawa district, Helmand."
    )
    assert _sides(coder, text, dt.date(2020, 5, 10), EventType.EXPLOSIONS)[1] == AFGHAN_POLICE


def test_a_bomb_that_hit_no_one_named_keeps_no_actor2(coder: Any) -> None:
    text = "On 11 May 2020, a bomb exploded near an empty school in Ghazni city. No casualties were reported."
    assert _sides(coder, text, dt.date(2020, 5, 12), EventType.EXPLOSIONS)[1] is None


# ---------------------------------------------------------------------- who planted it
@pytest.mark.parametrize(
    "text",
    [
        "On 12 May 2020, three soldiers were killed when their truck hit a Taliban-planted mine in Musa Qala "
        "district, Helmand.",
        "On 12 May 2020, two soldiers died when their patrol drove over a landmine planted by the Taliban in "
        "Musa Qala district, Helmand.",
    ],
)
def test_the_party_that_planted_a_mine_is_actor1_whatever_ran_over_it(coder: Any, text: str) -> None:
    assert _sides(coder, text, dt.date(2020, 5, 13), EventType.EXPLOSIONS) == (TALIBAN, AFGHAN_ARMY)


# ---------------------------------------------------------------------- a state's post as the target
@pytest.mark.parametrize(
    ("text", "etype", "expected"),
    [
        ("On 14 May 2020, Taliban militants attacked an army outpost in Qaisar district, Faryab.",
         EventType.BATTLES, AFGHAN_ARMY),
        ("On 14 May 2020, Taliban militants fired rockets at a police checkpoint in Qaisar district, Faryab.",
         EventType.EXPLOSIONS, AFGHAN_POLICE),
    ],
)  # fmt: skip
def test_a_states_post_named_as_the_target_is_its_forces(
    coder: Any, text: str, etype: EventType, expected: str
) -> None:
    assert _sides(coder, text, dt.date(2020, 5, 15), etype) == (TALIBAN, expected)


def test_a_state_word_describing_an_operation_stays_no_target(coder: Any) -> None:
    # "a military operation" names what was done, not whom it was done to
    text = (
        "On 16 May 2020, Taliban militants were killed in a military operation in Shindand district, Herat."
    )
    sides = _sides(coder, text, dt.date(2020, 5, 17), EventType.BATTLES)
    assert TALIBAN in sides


def test_a_post_of_the_state_abroad_goes_before_the_armed_group_that_attacked_it(coder: Any) -> None:
    # no desk habit known for Somalia: ACLED's general one lists state forces first
    text = "Al Shabaab fighters attacked a military outpost near Balad on Monday before withdrawing."
    actor1, actor2 = _sides(coder, text, dt.date(2017, 8, 15), EventType.BATTLES)
    assert (actor1 or "").startswith("Military Forces of Somalia")
    assert actor2 == "Al Shabaab"


# ---------------------------------------------------------------------- Afghanistan's village militias
@pytest.mark.parametrize("word", ["Arbakis", "arbakai", "uprising militiamen"])
def test_the_village_militias_are_named_in_the_plural_too(word: str) -> None:
    text = f"Taliban militants ambushed and killed two {word} in Khost province."
    doc = DocumentActors.build(text, load_actor_kb(), country="AF", year=2020)
    assert PRO_GOVERNMENT in {m.actor.name for m in doc.mentions}


# ---------------------------------------------------------------------- Libya, March 2011, by the day
@pytest.mark.parametrize(
    ("day", "gaddafi_leads", "rebels_lead"),
    [
        (3, False, True),  # the rebels' advance to Bin Jawad
        (6, False, True),  # a report of 6 March tells of the 5th
        (7, True, False),  # the regime's counter-offensive, from Bin Jawad on the 6th
        (20, True, False),
        (25, True, False),
        (26, False, True),  # the rebels' advance from Ajdabiya to Nofaliya (25-28 March)
        (29, False, True),
        (30, True, False),  # the rebels' rout from Bin Jawad on the 29th
    ],
)
def test_the_camp_that_leads_libyas_march_2011_battles_follows_the_day_of_the_report(
    day: int, gaddafi_leads: bool, rebels_lead: bool
) -> None:
    doc = DocumentActors.build("A report.", load_actor_kb(), country="LY", year=2011, month=3, day=day)
    assert doc.leads_battles(Actor(GADDAFI, 1, "LY")) is gaddafi_leads
    assert doc.leads_battles(Actor(REBELS, 2, "LY")) is rebels_lead


def test_a_battle_in_the_regimes_counter_offensive_lists_the_regime_first(coder: Any) -> None:
    text = "Rebel fighters shot down a government helicopter over Ras Lanuf on Thursday."
    assert _sides(coder, text, dt.date(2011, 3, 11), EventType.BATTLES) == (GADDAFI, REBELS)


def test_a_battle_in_the_rebels_advance_lists_the_rebels_first(coder: Any) -> None:
    text = "Gaddafi forces pulled back from Brega after heavy fighting with rebel fighters on Sunday."
    assert _sides(coder, text, dt.date(2011, 3, 28), EventType.BATTLES) == (REBELS, GADDAFI)


# ------------------------------------------------------------- the trigger's own words name the target
def test_what_an_explosion_went_off_at_is_the_target_though_the_explosion_is_the_subject(coder: Any) -> None:
    # "an explosion at X killed ...": X's owners were hit; the trigger's subject role is not theirs
    text = "An explosion at a rebel ammunition store in Zintan killed seven on Friday."
    actor1, actor2 = _sides(coder, text, dt.date(2011, 5, 14), EventType.EXPLOSIONS)
    assert actor2 == REBELS
    assert actor1 != REBELS


def test_who_a_bomb_was_planted_by_is_its_doer_however_deep_the_phrase(coder: Any) -> None:
    text = (
        "On 18 May 2020, a bomb believed to have been planted by the Taliban killed two civilians in Spin "
        "Boldak district, Kandahar."
    )
    assert _sides(coder, text, dt.date(2020, 5, 19), EventType.EXPLOSIONS) == (
        TALIBAN,
        "Civilians (Afghanistan)",
    )


@pytest.mark.parametrize("holder", ["Taliban-held", "Taliban held", "Taliban-controlled"])
def test_the_holder_of_the_place_struck_is_the_target(coder: Any, holder: str) -> None:
    text = f"On 19 May 2020, airstrikes hit {holder} villages in Nad Ali district, Helmand."
    actor1, actor2 = _sides(coder, text, dt.date(2020, 5, 20), EventType.EXPLOSIONS)
    assert actor2 == TALIBAN
    assert actor1 != TALIBAN


def test_the_holder_of_the_place_struck_is_the_target_when_the_parse_makes_it_a_subject(coder: Any) -> None:
    # the parser reads "targets" as a noun and the holder as the sentence's subject
    text = "An air raid targets rebel held positions, kills 4 near Misrata."
    actor1, actor2 = _sides(coder, text, dt.date(2011, 5, 21), EventType.EXPLOSIONS)
    assert actor2 == REBELS
    assert actor1 != REBELS


# ---------------------------------------------------------------------- an armed group's unnamed opponent
def test_an_armed_groups_unnamed_opponent_is_the_one_army_it_fights() -> None:
    # Benghazi's shura councils fought Haftar's forces and the Islamic State, which had no army
    doc = DocumentActors.build("BRSC fighters attacked.", load_actor_kb(), country="LY", year=2017)
    foe = doc.sole_opponent(Actor("BRSC: Shura Council of Benghazi Revolutionaries", 3, "LY"))
    assert foe is not None and foe.name == "Military Forces of Libya (2014-) Haftar Faction"


def test_an_army_that_fights_several_camps_has_no_single_unnamed_opponent() -> None:
    # Haftar's forces fought the Tripoli camp's army as well as armed groups: no single opponent
    doc = DocumentActors.build("LNA forces advanced.", load_actor_kb(), country="LY", year=2017)
    assert doc.sole_opponent(Actor("Military Forces of Libya (2014-) Haftar Faction", 1, "LY")) is None


def test_a_battle_against_an_armed_group_alone_is_with_the_army_it_fights(coder: Any) -> None:
    text = "On 22 May 2020, Taliban militants attacked a base in Sayedabad district, Wardak."
    assert _sides(coder, text, dt.date(2020, 5, 23), EventType.BATTLES) == (TALIBAN, AFGHAN_ARMY)
