"""Death tolls read since round 11 of issue #3: an event told only by its dead ("Two soldiers died", "At
least one civilian was killed") gives them to the event of its incident the report tells by name (the
blast, the strike, the beating); a toll told for a list of places is split between them as ACLED codes
one event per place. All sentences are written for these tests."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

import pytest
from told_mentions import told_mention

from polemos.model import (
    Actor,
    DatePoint,
    Document,
    EventMention,
    FatalityClaim,
    Place,
    TimePrecision,
)
from polemos.stages.aggregate import aggregate
from polemos.stages.fatalities import choose_fatalities, find_fatality_claims
from polemos.stages.fatality_periods import listed_places, spread_over_places
from polemos.taxonomy import SubEventType

TOWN = Place("Kessa", 4.0, 18.0, "Chad")
FAR = Place("Moyal", 5.5, 19.5, "Chad")  # about 230 km away
DOC = Document(id="d", text="x" * 600)
ARMY = Actor("Army", 1)
CIVILIANS = Actor("Civilians (Chad)", 7)
UNNAMED = Actor("Unidentified Armed Group (Chad)", 3)  # the parse's killer for a death told alone
DAY = DatePoint(dt.date(2019, 9, 2), TimePrecision.DAY, rule="explicit")
NEXT_DAY = DatePoint(dt.date(2019, 9, 3), TimePrecision.DAY, rule="explicit")

CLASH = SubEventType.ARMED_CLASH
ATTACK = SubEventType.ATTACK
IED = SubEventType.REMOTE_EXPLOSIVE
AIR = SubEventType.AIR_DRONE_STRIKE
BEATING = "trigger:execution"


def _mention(
    sentence: str,
    trigger: str,
    at: int,
    rule: str,
    *,
    actor: Actor = ARMY,
    foe: Actor | None = None,
    **kw: Any,
) -> EventMention:
    """A mention told by `trigger` (its evidence's rule `rule`), holding `dead` in its sentence."""
    kw = {"claim_rule": "passive:died", "place": TOWN, "date": DAY, **kw}
    return told_mention(sentence, trigger, at, evidence_rule=rule, actor1=actor, actor2=foe, **kw)


def _figures(*mentions: EventMention) -> dict[SubEventType, int]:
    return {e.sub_event_type: e.fatalities for e in aggregate(DOC, mentions, choose_fatalities)}


def _died(sentence: str = "A navy commander has died of his wounds.", **kw: object) -> EventMention:
    """A battle only because the dead man was a fighter: the sentence tells no fight."""
    return _mention(sentence, "died", 0, "trigger:kill+victims:armed", dead=1, **kw)  # type: ignore[arg-type]


def test_a_battle_told_only_by_its_dead_gives_them_to_the_blast_told_after() -> None:
    blast = _mention("He was hurt by a landmine near the port.", "landmine", 60, "trigger:explosive", sub=IED)
    assert _figures(_died(), blast) == {CLASH: 0, IED: 1}


def test_the_dead_of_a_battle_told_by_a_killer_stay_with_it() -> None:
    raid = _mention(
        "Troops killed five rebels at a checkpoint.", "killed", 0, "trigger:kill+victims:armed", dead=5,
        claim_rule="active:killed",
    )  # fmt: skip
    strike = _mention("Jets struck rebel camps nearby.", "struck", 60, "trigger:air-strike", sub=AIR)
    assert _figures(raid, strike) == {CLASH: 5, AIR: 0}


def test_a_battle_told_by_a_fight_word_keeps_its_dead() -> None:
    fight = _mention("Two soldiers died in fighting near the port.", "fighting", 0, "trigger:clash", dead=2)
    blast = _mention("A landmine later exploded there.", "landmine", 60, "trigger:explosive", sub=IED)
    assert _figures(fight, blast) == {CLASH: 2, IED: 0}


def test_a_death_only_battle_keeps_dead_another_day_or_place_or_incident_tells() -> None:
    far = _mention("A landmine went off in Moyal.", "landmine", 60, "trigger:explosive", sub=IED, place=FAR)
    assert _figures(_died(), far) == {CLASH: 1, IED: 0}
    later = _mention(
        "A landmine went off there.", "landmine", 60, "trigger:explosive", sub=IED, date=NEXT_DAY
    )
    assert _figures(_died(), later) == {CLASH: 1, IED: 0}
    apart = _mention(
        "In a separate incident, a landmine went off.", "landmine", 60, "trigger:explosive", sub=IED
    )
    assert _figures(_died(), apart) == {CLASH: 1, IED: 0}


def _killed(**kw: object) -> EventMention:
    """A death told alone: "killed" with no killer but the parse's unidentified one."""
    return _mention(
        "At least one trader was killed.", "killed", 40, "trigger:kill", sub=ATTACK, dead=1,
        claim_rule="passive:killed", foe=CIVILIANS, **kw,  # type: ignore[arg-type]
    )  # fmt: skip


def test_a_death_told_alone_is_the_toll_of_the_attack_told_before() -> None:
    beating = _mention("Soldiers beat traders in the market.", "beat", 0, BEATING, sub=ATTACK, foe=CIVILIANS)
    shots = _mention("Gunfire was heard at night.", "Gunfire", 80, "trigger:clash")
    events = aggregate(DOC, [beating, _killed(actor=UNNAMED), shots], choose_fatalities)
    # one attack with its dead; the gunfire told after it is no fight they fell in
    assert [(e.sub_event_type, e.fatalities) for e in events] == [(ATTACK, 1), (CLASH, 0)]
    assert len(events[0].sources) == 2


def test_a_death_told_alone_stays_apart_from_another_killer_day_or_place() -> None:
    beating = _mention("Soldiers beat traders in the market.", "beat", 0, BEATING, sub=ATTACK, foe=CIVILIANS)
    police = Actor("Police", 1)
    assert len(aggregate(DOC, [beating, _killed(actor=police)], choose_fatalities)) == 2
    assert len(aggregate(DOC, [beating, _killed(actor=UNNAMED, date=NEXT_DAY)], choose_fatalities)) == 2
    assert len(aggregate(DOC, [beating, _killed(actor=UNNAMED, place=FAR)], choose_fatalities)) == 2
    apart = _mention(
        "In a separate attack, a trader was killed.", "killed", 40, "trigger:kill", sub=ATTACK, dead=1,
        claim_rule="passive:killed", actor=UNNAMED, foe=CIVILIANS,
    )  # fmt: skip
    assert len(aggregate(DOC, [beating, apart], choose_fatalities)) == 2


# --- a toll told for several places -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "places"),
    [
        ("Soldiers on patrol in Oruma, Kesso and Tamba villages killed nine bandits.", 3),
        ("Rebels attacked army posts in the Buvira and Lenge areas of Kalehe territory.", 2),
        ("Police cleared Dalo and Munza of gunmen on Sunday.", 2),
        ("Raiders stormed two communities - Ekpe and Ofor - at dawn.", 2),
        ("Fighting raged in the Sheikh Omar & Bab al-Wadi districts of the old city.", 2),
        ("The army took over the villages of Arro, Berra and Gisa.", 3),
        # one place, a road between two, or no places at all
        ("Five people were killed in Oruma on Monday.", 1),
        ("Bandits ambushed a bus between Kesso and Tamba.", 1),
        ("Clashes between Bororo and Mbum herders left four dead.", 1),
        ("Fighting went on in June and July in the hills.", 1),
    ],
)
def test_listed_places_counts_the_places_a_sentence_gives_its_event(text: str, places: int) -> None:
    assert listed_places(text) == places


def test_a_toll_told_for_several_places_is_the_first_place_s_share() -> None:
    (claim,) = find_fatality_claims("Five soldiers were killed.")
    # ACLED: one event per place, the remainder to the first
    assert spread_over_places(claim, 4).count == 2
    assert spread_over_places(claim, 4).rule.endswith("split 5/4 places")
    assert spread_over_places(claim, 1) == claim
    assert spread_over_places(claim, 6) == claim  # fewer dead than places: no share to tell


def test_an_event_s_toll_is_split_between_the_places_its_report_lists() -> None:
    cleared = _mention(
        "Troops cleared Dalo and Munza of gunmen.", "cleared", 0, "trigger:territory",
        sub=SubEventType.GOVERNMENT_REGAINS_TERRITORY,
    )  # fmt: skip
    dead = _mention(
        "Troops cleared Dalo and Munza of gunmen. Eight gunmen were killed.", "killed", 0, "trigger:kill",
        sub=SubEventType.GOVERNMENT_REGAINS_TERRITORY, dead=8, claim_rule="passive:killed",
    )  # fmt: skip
    assert _figures(cleared, dead) == {SubEventType.GOVERNMENT_REGAINS_TERRITORY: 4}


def test_a_vague_toll_is_each_place_s_not_split() -> None:
    told = "Clashes in the Buvira and Lenge areas left an unknown number dead."
    clash = _mention(told, "Clashes", 0, "trigger:clash", dead=10, claim_rule="casualties:unknown-number")
    assert _figures(clash) == {CLASH: 10}


def test_a_list_of_places_in_the_claim_s_own_sentence_splits_it_too() -> None:
    text = "Troops raided camps in Dalo and Munza, leaving nine rebels dead. Four soldiers were wounded."
    doc = Document(id="d", text=text)
    dead = text.index("nine rebels dead")
    claim = FatalityClaim(9, "nine rebels dead", dead, dead + len("nine rebels dead"), rule="passive:dead")
    told = "Four soldiers were wounded."
    # the event is read from the second sentence, the toll from the first, whose places it lists
    wounded = _mention(told, "wounded", text.index(told), "trigger:kill+victims:armed")
    wounded = dataclasses.replace(wounded, fatality_claims=(claim,))
    (event,) = aggregate(doc, [wounded], choose_fatalities)
    assert event.fatalities == 5
