"""Parties named only in a charge, a motive or a place's holding are no side of the event; soldiers put to
death for refusing orders or defecting were killed by their own state's forces; a locality's own militia
("a local militia") is an identity militia (inter 4), as is an "anti-X" tribal militia, whose other side in a
fight that names no other is X's forces."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest
from coded_sides import coded_sides

from polemos.model import Actor
from polemos.stages.actor_motives import ground_holders, in_charge_or_motive, own_men_punished
from polemos.stages.annotate import Sentence
from polemos.taxonomy import EventType

WAR_DAY = dt.date(2011, 5, 2)
GADDAFI = "Military Forces of Libya (1969-2011)"
REBELS = ("NLA: National Liberation Army", "Libyan Rebel Forces")  # the period's names


@dataclass
class _M:
    start: int
    end: int
    text: str
    actor: Actor
    rule: str = "alias"
    confidence: float = 0.9
    category: str = "armed"
    is_generic: bool = False


def _mention(text: str, words: str) -> _M:
    i = text.index(words)
    return _M(i, i + len(words), words, Actor(words, 3, "LY"))


def _sentence(text: str) -> Sentence:
    return Sentence(index=0, start=0, end=len(text), text=text, paragraph=0)


@pytest.mark.parametrize(
    ("text", "trigger", "party"),
    [
        (
            "Two clans traded fire after one accused the other of arming the Hawiye militia.",
            "traded",
            "Hawiye",
        ),
        ("Guards shot five men suspected of spying for the rebels.", "shot", "rebels"),
        ("Ten conscripts were executed for refusing to fire on protesters.", "executed", "protesters"),
        ("A man was beaten for allegedly collaborating with the army.", "beaten", "army"),
    ],
)
def test_a_party_named_in_a_charge_or_motive_after_the_deed_is_set_aside(
    text: str, trigger: str, party: str
) -> None:
    m = _mention(text, party)
    assert in_charge_or_motive([m], _sentence(text), text.index(trigger)) == [m]


@pytest.mark.parametrize(
    ("text", "trigger", "party"),
    [
        # before the deed a charge names its doers
        ("Men accused of belonging to the Shabaab attacked a bus.", "attacked", "Shabaab"),
        # whom a charge is levelled at is named before its "of"
        ("Students stoned a patrol after they accused the police of killing a boy.", "stoned", "police"),
        # a charge of membership tells who the people charged are: that militia's men
        ("Police arrested ten men accused of belonging to the Hawiye militia.", "arrested", "Hawiye"),
        ("Villagers attacked suspected members of the Hawiye militia.", "attacked", "Hawiye"),
        # a plain object of the deed
        ("Rebels shelled the army's positions for hours.", "shelled", "army"),
    ],
)
def test_doers_and_targets_are_no_charge(text: str, trigger: str, party: str) -> None:
    assert in_charge_or_motive([_mention(text, party)], _sentence(text), text.index(trigger)) == []


def test_a_places_holder_only_tells_where_in_a_strategic_development() -> None:
    text = "Youths who left towns held by the militia joined the army, and others went to rebel-held areas."
    held, rebel, army = _mention(text, "militia"), _mention(text, "rebel"), _mention(text, "army")
    sent = _sentence(text)
    assert ground_holders([held, rebel, army], sent, EventType.STRATEGIC_DEVELOPMENTS) == [held, rebel]
    # in a fight the holder is the side attacked
    assert ground_holders([held, rebel], sent, EventType.BATTLES) == []


@pytest.mark.parametrize(
    ("text", "punished"),
    [
        ("Dozens of soldiers were shot for refusing to open fire on the crowd.", True),
        ("Three pilots were executed after trying to defect.", True),
        ("Several officers were put to death for desertion.", True),
        ("Soldiers executed three prisoners.", False),
        ("Two soldiers were killed in an ambush.", False),
    ],
)
def test_soldiers_put_to_death_for_refusing_orders(text: str, punished: bool) -> None:
    assert own_men_punished(_sentence(text)) is punished


def test_officers_executed_for_refusing_orders_were_killed_by_their_own_forces(coder: Any) -> None:
    text = (
        "Dozens of army officers were rounded up in Misrata and executed for refusing to order their men to "
        "fire on protesters."
    )
    assert coded_sides(coder, text, WAR_DAY)[0] == GADDAFI


def test_youths_who_joined_the_rebels_from_regime_held_towns_are_the_rebels_move(coder: Any) -> None:
    text = (
        "Hundreds of young men who escaped cities controlled by Gaddafi's troops have joined rebels near "
        "Zintan."
    )
    rebels, other = coded_sides(coder, text, WAR_DAY)
    assert rebels in REBELS and other is None


def test_a_defector_to_rebel_held_ground_is_his_own_camps(coder: Any) -> None:
    text = "A senior Gaddafi aide has defected to rebel-held Misrata."
    # the rebels only hold the ground he went to: no side of his move
    assert coded_sides(coder, text, WAR_DAY) == (GADDAFI, None)


@pytest.mark.parametrize(
    "text",
    [
        "A local militia clashed with gunmen near the market in Sabha.",
        "Local militiamen exchanged fire with an armed gang in Sabha.",
    ],
)
def test_a_local_militia_is_an_identity_militia(coder: Any, text: str) -> None:
    events = [e for e in coder.code(_doc(text)) if e.actor1 is not None]
    assert events and events[0].actor1 is not None
    assert events[0].actor1.inter == 4


def _doc(text: str) -> Any:
    from polemos.model import Document

    return Document(id="local", text=text, published=dt.date(2017, 3, 4))


def test_a_charge_names_no_side_from_the_reports_main_actors_either(coder: Any) -> None:
    text = (
        "Gunmen opened fire on a checkpoint in Sabha after accusing its guards of sheltering Gaddafi "
        "loyalists."
    )
    assert "Militia (Pro-Government)" not in coded_sides(coder, text, dt.date(2012, 3, 2))


def test_an_anti_x_tribal_militia_is_an_identity_militia_fighting_xs_forces(coder: Any) -> None:
    text = "An anti-Gaddafi tribal militia seized a small oasis town south of Sabha."
    sides = coded_sides(coder, text, dt.date(2011, 8, 20))
    assert set(sides) == {GADDAFI, "Unidentified Communal Militia (Libya)"}


def test_a_local_militia_led_by_a_named_leader_is_his_group(coder: Any) -> None:
    text = "Clashes erupted in Tripoli between the local militia led by Ghneiwa and a rival force."
    sides = coded_sides(coder, text, dt.date(2017, 5, 1))
    assert "Unidentified Communal Militia (Libya)" not in sides


@pytest.mark.parametrize(
    ("text", "end"),
    [
        ("Rebels repulsed loyalists near Brega.", "Rebels"),
        ("Rebels fought soldiers near Brega.", "Rebels"),
        ("Haftar aligned forces entered the town.", "Haftar aligned forces"),
    ],
)
def test_a_verb_between_a_name_and_an_armed_noun_ends_the_name(text: str, end: str) -> None:
    from polemos.stages.actor_labels import extend_head

    heads = frozenset({"loyalists", "soldiers", "forces"})
    first = text.split()[0]
    assert text[: extend_head(text, len(first), heads)] == end


def test_a_shelling_in_a_fight_the_sentence_tells_hit_the_foe_it_names(coder: Any) -> None:
    text = (
        "Rebels drove back loyalists who had taken the village of Qawalish and pursued them towards "
        "Asabiah, shelling the town from the hills."
    )
    events = [e for e in coder.code(_doc_on(text, WAR_DAY))]
    sides = {(e.actor1.name if e.actor1 else None, e.actor2.name if e.actor2 else None) for e in events}
    assert all(None not in s for s in sides)
    assert any(GADDAFI in s for s in sides)


def _doc_on(text: str, day: dt.date) -> Any:
    from polemos.model import Document

    return Document(id="foe", text=text, published=day)


def test_a_victims_former_post_names_no_side_of_his_killing(coder: Any) -> None:
    text = (
        "Colonel Musa Kabir, a former intelligence chief in Gaddafi's regime who went over to the rebels, "
        "was killed by an assassin in Benghazi."
    )
    assert coded_sides(coder, text, WAR_DAY)[0] != GADDAFI


def test_a_past_post_is_set_aside_but_a_groups_own_former_men_are_not() -> None:
    text = "Kabir, a former official in the Hawiye administration, was shot by former Hawiye rebels."
    post, men = _mention(text, "Hawiye administration"), _mention(text, "Hawiye rebels")
    assert in_charge_or_motive([post, men], _sentence(text), text.index("shot")) == [post]


def test_a_strike_by_aircraft_the_report_calls_unidentified_is_no_war_partys(coder: Any) -> None:
    text = "Blasts shook a depot south of Brega after a raid by unidentified aircraft. No one was hurt."
    assert coded_sides(coder, text, dt.date(2011, 2, 22))[0] == "Unidentified Armed Group (Libya)"


@pytest.mark.parametrize(
    ("text", "unknown"),
    [
        ("A raid by unidentified aircraft hit the depot.", True),
        ("Unknown gunmen opened fire on the checkpoint.", True),
        ("Government aircraft bombed the depot.", False),
    ],
)
def test_a_doer_told_unknown(text: str, unknown: bool) -> None:
    from polemos.stages.actor_unknown import told_unknown

    assert told_unknown(text) is unknown
