"""Death tolls read since round 10 of issue #3: the dead of one incident a report tells as several
violent events of one day and place are counted once, by the highest-ranked of them; a death that set
off a fight is the fight's; deaths a report tells without a number are ACLED's vague 10; lower-case side
words tell two sides' dead apart. All sentences are written for these tests."""

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
    Evidence,
    FatalityClaim,
    Place,
    TimePrecision,
)
from polemos.stages.aggregate import aggregate
from polemos.stages.fatalities import choose_fatalities, find_fatality_claims
from polemos.stages.fatality_choice import SPARKED
from polemos.taxonomy import SubEventType

TOWN = Place("Alpha", 10.0, 10.0, "Chad")
SUBURB = Place("Alpha East", 10.1, 10.05, "Chad")  # about 12 km away: the town's reach
FAR = Place("Beta", 11.0, 11.0, "Chad")  # about 155 km away
DOC = Document(id="d", text="x" * 600)
ARMY = Actor("Army", 1)
MILITIA = Actor("Militia", 3)
CIVILIANS = Actor("Civilians (Chad)", 7)
DAY = DatePoint(dt.date(2018, 5, 4), TimePrecision.DAY, rule="explicit")
NEXT_DAY = DatePoint(dt.date(2018, 5, 5), TimePrecision.DAY, rule="explicit")
PUBLISHED = DatePoint(dt.date(2018, 5, 5), TimePrecision.DAY, rule="published")

CLASH = SubEventType.ARMED_CLASH
ATTACK = SubEventType.ATTACK
SHELLING = SubEventType.SHELLING


def _mention(
    sentence: str,
    trigger: str,
    at: int,
    *,
    sub: SubEventType = CLASH,
    rule: str = "passive:killed",
    **kw: Any,
) -> EventMention:
    """The army's mention; its foe is the civilians of an attack, else the militia."""
    foe = CIVILIANS if sub.event_type is ATTACK.event_type else MILITIA
    kw = {"victims": "people", "place": TOWN, "date": DAY, **kw}
    return told_mention(sentence, trigger, at, sub=sub, claim_rule=rule, actor1=ARMY, actor2=foe, **kw)


def _figures(*mentions: EventMention) -> dict[SubEventType, int]:
    return {e.sub_event_type: e.fatalities for e in aggregate(DOC, mentions, choose_fatalities)}


# --- one incident told as several events ----------------------------------------------------------------


def test_the_dead_of_an_attack_told_inside_a_clash_are_the_clash_s() -> None:
    clash = _mention("Soldiers and militiamen fought in Alpha.", "fought", 0)
    attack = _mention("Gunmen shot four farmers dead during the fighting.", "shot", 50, sub=ATTACK, dead=4)
    # ACLED: civilians killed inside a battle are the battle's dead; the attack gives them up
    assert _figures(clash, attack) == {CLASH: 4, ATTACK: 0}


def test_a_shared_toll_s_evidence_goes_with_it() -> None:
    clash = _mention("Soldiers and militiamen fought in Alpha.", "fought", 0)
    attack = _mention("Gunmen shot four farmers dead during the fighting.", "shot", 50, sub=ATTACK, dead=4)
    (claim,) = attack.fatality_claims
    said = Evidence(
        "fatalities", "4", "d", claim.text, claim.start, claim.end, claim.text, "fatalities:passive:dead"
    )
    attack = dataclasses.replace(attack, evidence=(said,))
    events = {e.sub_event_type: e for e in aggregate(DOC, [clash, attack], choose_fatalities)}
    (borrowed,) = [e for e in events[CLASH].evidence if e.field == "fatalities"]
    assert borrowed.rule == "fatalities:passive:dead+same-incident"
    # the event that told them keeps its evidence, marked as counted by the incident's other event
    assert [e.rule for e in events[ATTACK].evidence if e.field == "fatalities"] == [
        "fatalities:passive:dead+counted-with-incident"
    ]


def test_the_tolls_of_an_incident_s_facets_add_up_by_group() -> None:
    clash = _mention("Two soldiers were killed as troops advanced in Alpha.", "advanced", 0, dead=2,
                     victims="soldiers")  # fmt: skip
    shelling = _mention("Three traders died in the shelling.", "shelling", 60, sub=SHELLING, dead=3,
                        victims="traders")  # fmt: skip
    assert _figures(clash, shelling) == {CLASH: 5, SHELLING: 0}


def test_a_suburb_s_event_and_the_town_s_are_one_incident() -> None:
    clash = _mention("Clashes broke out in a suburb of Alpha.", "Clashes", 0, place=SUBURB)
    shelling = _mention(
        "Artillery fire killed two guards.", "fire", 50, sub=SHELLING, dead=2, victims="guards"
    )
    assert _figures(clash, shelling)[CLASH] == 2


def test_a_date_read_from_the_publication_may_be_a_day_off_the_one_told() -> None:
    clash = _mention("Police exchanged fire with gunmen in Alpha.", "exchanged", 0, date=PUBLISHED)
    attack = _mention("The gunmen shot dead a teacher on Friday.", "shot", 50, sub=ATTACK, dead=1)
    assert _figures(clash, attack) == {CLASH: 1, ATTACK: 0}


def test_events_of_other_days_or_places_keep_their_own_dead() -> None:
    attack = _mention("Gunmen killed two herders in Alpha.", "killed", 0, sub=ATTACK, dead=2)
    clash = _mention("Herders fought the gunmen in Beta.", "fought", 50, place=FAR)
    assert _figures(attack, clash) == {ATTACK: 2, CLASH: 0}
    later = _mention("Herders fought the gunmen there.", "fought", 50, date=NEXT_DAY)
    assert _figures(attack, later) == {ATTACK: 2, CLASH: 0}


def test_a_place_inherited_from_an_earlier_sentence_is_no_wildcard_here() -> None:
    taken = SubEventType.GOVERNMENT_REGAINS_TERRITORY
    regained = _mention("Troops retook Alpha.", "retook", 0, sub=taken)
    # the strike's sentence names no place: the parse lends it Beta, told earlier, about 155 km away
    lent = dataclasses.replace(FAR, inherited=True)
    air = SubEventType.AIR_DRONE_STRIKE
    strike = _mention("Ten militiamen were killed in airstrikes.", "airstrikes", 50, sub=air, dead=10,
                      victims="militiamen", place=lent)  # fmt: skip
    assert _figures(regained, strike) == {taken: 0, air: 10}


@pytest.mark.parametrize(
    "sentence",
    [
        "In a separate attack, five villagers were killed.",
        "Elsewhere, five villagers were killed.",
        "Five villagers were killed in another raid on the market.",
        "The following day, five villagers were killed.",
        "Five villagers were killed later that day.",
    ],
)
def test_dead_a_report_tells_as_another_incident_s_are_not_shared(sentence: str) -> None:
    clash = _mention("Soldiers and militiamen fought in Alpha.", "fought", 0)
    attack = _mention(sentence, "killed", 50, sub=ATTACK, dead=5, victims="villagers")
    assert _figures(clash, attack) == {CLASH: 0, ATTACK: 5}


def test_an_event_told_as_another_incident_takes_no_one_else_s_dead() -> None:
    attack = _mention("Gunmen killed two herders in Alpha.", "killed", 0, sub=ATTACK, dead=2)
    clash = _mention("The next day herders fought the gunmen.", "fought", 50)
    assert _figures(attack, clash) == {ATTACK: 2, CLASH: 0}


def test_a_peaceful_protest_or_a_strategic_development_takes_no_toll() -> None:
    attack = _mention("Police shot dead two men in Alpha.", "shot", 0, sub=ATTACK, dead=2)
    protest = _mention(
        "Residents marched to the town hall.", "marched", 50, sub=SubEventType.PEACEFUL_PROTEST
    )
    arrests = _mention("Police arrested the chief.", "arrested", 100, sub=SubEventType.ARRESTS)
    figures = _figures(attack, protest, arrests)
    assert figures[SubEventType.PEACEFUL_PROTEST] == 0
    assert figures[SubEventType.ARRESTS] == 0


def test_an_attack_on_civilians_takes_no_fighters_dead() -> None:
    clash = _mention("Seven fighters were killed as troops and rebels fought in Alpha.", "fought", 0, dead=7,
                     victims="fighters")  # fmt: skip
    attack = _mention("Troops also beat residents.", "beat", 80, sub=ATTACK)
    assert _figures(clash, attack) == {CLASH: 7, ATTACK: 0}


def _two_clashes_of_other_pairs() -> tuple[EventMention, EventMention]:
    first = _mention("Soldiers and militiamen fought in Alpha; three soldiers died.", "fought", 0, dead=3,
                     victims="soldiers")  # fmt: skip
    other = dataclasses.replace(
        _mention("Two herders died as rival herders fought there.", "fought", 70, dead=2, victims="herders"),
        actor1=Actor("Herders", 4),
        actor2=Actor("Farmers", 4),
    )
    return first, other


# The invariant: a report that tells one incident as two events counts the incident's dead once, whatever
# order the events come in (analysts sum fatalities over the dataset).
INCIDENTS = [
    (
        _mention("Soldiers and militiamen fought in Alpha.", "fought", 0),
        _mention("Gunmen shot four farmers dead during the fighting.", "shot", 50, sub=ATTACK, dead=4),
        4,
    ),
    (
        _mention("Two soldiers were killed as troops advanced in Alpha.", "advanced", 0, dead=2,
                 victims="soldiers"),
        _mention("Three traders died in the shelling.", "shelling", 60, sub=SHELLING, dead=3,
                 victims="traders"),
        5,
    ),
    (
        _mention("Clashes broke out in a suburb of Alpha.", "Clashes", 0, place=SUBURB),
        _mention("Artillery fire killed two guards.", "fire", 50, sub=SHELLING, dead=2, victims="guards"),
        2,
    ),
    (*_two_clashes_of_other_pairs(), 5),
]  # fmt: skip


@pytest.mark.parametrize(("first", "second", "figure"), INCIDENTS)
def test_an_incident_told_as_two_events_counts_its_dead_once(
    first: EventMention, second: EventMention, figure: int
) -> None:
    forward = aggregate(DOC, [first, second], choose_fatalities)
    backward = aggregate(DOC, [second, first], choose_fatalities)
    assert sum(e.fatalities for e in forward) == figure
    assert sorted((e.sub_event_type.rank, e.fatalities) for e in forward) == sorted(
        (e.sub_event_type.rank, e.fatalities) for e in backward
    )


def test_two_fights_of_other_sides_at_one_place_keep_their_own_dead() -> None:
    # ACLED: a different actor pair at the same place and day is another event, with its own dead.
    first, other = _two_clashes_of_other_pairs()
    figures = sorted(e.fatalities for e in aggregate(DOC, [first, other], choose_fatalities))
    assert figures == [2, 3]


def test_a_claim_two_events_hold_is_counted_by_one() -> None:
    sentence = "Troops shelled Alpha and fought the militia there; six people were killed."
    clash = _mention(sentence, "fought", 0, dead=6)
    shelling = dataclasses.replace(_mention(sentence, "shelled", 0, sub=SHELLING, dead=6), actor2=None)
    assert _figures(shelling, clash) == {CLASH: 6, SHELLING: 0}


def test_an_event_told_only_after_the_dead_does_not_take_them() -> None:
    # "An airstrike killed nine people in Alpha. Rebels lost ground and troops took parts of the town.": the
    # capture told after the dead is their aftermath, not the fight they fell in.
    air = SubEventType.AIR_DRONE_STRIKE
    taken = SubEventType.GOVERNMENT_REGAINS_TERRITORY
    strike = _mention("An airstrike killed nine people in Alpha.", "airstrike", 0, sub=air, dead=9)
    capture = _mention("Rebels lost ground and troops took parts of the town.", "took", 50, sub=taken)
    assert _figures(strike, capture) == {air: 9, taken: 0}


@pytest.mark.parametrize(
    ("sequel", "trigger"),
    [
        ("The gunmen later clashed with troops sent to the village.", "clashed"),
        ("Troops then fought the gunmen near the river.", "fought"),
        ("Following the attack, troops fought the gunmen.", "fought"),
        ("Afterwards the army exchanged fire with the gunmen.", "exchanged"),
    ],
)
def test_a_fight_told_as_a_sequel_takes_no_toll_of_the_attack_before(sequel: str, trigger: str) -> None:
    attack = _mention("Gunmen killed three herders in Alpha.", "killed", 0, sub=ATTACK, dead=3)
    clash = _mention(sequel, trigger, 50)
    assert _figures(attack, clash) == {ATTACK: 3, CLASH: 0}


def test_a_later_report_is_no_sequel() -> None:
    clash = _mention("Soldiers and militiamen fought in Alpha.", "fought", 0)
    strike = _mention("Later reports said mortar fire killed two guards.", "fire", 50, sub=SHELLING, dead=2,
                      victims="guards")  # fmt: skip
    assert _figures(clash, strike) == {CLASH: 2, SHELLING: 0}


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        (
            "Government troops fought rebels in Kidal on 3 September. Residents said that three civilians "
            "were killed in shelling by the troops on 3 September.",
            3,
        ),
        (
            "An airstrike killed nine people in Kidal on 2 September. Troops later took control of the town.",
            9,
        ),
    ],
)
def test_a_report_of_one_incident_counts_its_dead_once_end_to_end(coder: Any, text: str, figure: int) -> None:
    events = coder.code(Document(id="once", text=text, published=dt.date(2019, 9, 4)))
    assert len(events) >= 2  # the parse tells the incident as several events
    assert sum(e.fatalities for e in events) == figure


# --- a death that set off a fight ------------------------------------------------------------------------


def test_a_death_an_event_came_after_is_kept_as_its_spark() -> None:
    (claim,) = find_fatality_claims("Fighting erupted in Alpha after the killing of a shopkeeper.")
    assert SPARKED in claim.rule
    assert choose_fatalities([claim]) == 0  # no toll on its own: the event's type decides
    # what a protest or a fight is said to be over, avenge or condemn stays no claim at all
    assert find_fatality_claims("Traders protested over the killing of a shopkeeper.") == []


def test_the_death_that_set_off_a_fight_is_among_its_dead() -> None:
    sentence = "Fighting erupted in Alpha after the killing of a shopkeeper."
    spark = f"single-nominal:killing of{SPARKED}"
    clash = _mention(sentence, "Fighting", 0, dead=1, victims="shopkeeper", rule=spark)
    assert _figures(clash) == {CLASH: 1}
    riot = _mention(sentence, "Fighting", 0, sub=SubEventType.VIOLENT_DEMONSTRATION, dead=1, rule=spark)
    assert _figures(riot) == {SubEventType.VIOLENT_DEMONSTRATION: 0}
    # a fight that goes on came after a spark of an earlier day
    again = "Fighting resumed in Alpha for a second day after the killing of a shopkeeper."
    assert _figures(_mention(again, "Fighting", 0, dead=1, rule=spark)) == {CLASH: 0}


def test_a_fight_sparked_by_a_killing_counts_it_end_to_end(coder: Any) -> None:
    events = coder.code(
        Document(
            id="r10",
            text="Rival militias clashed in Bossangoa on 3 May following the murder of a cattle trader.",
            published=dt.date(2018, 5, 4),
        )
    )
    assert [e.fatalities for e in events if e.sub_event_type is CLASH] == [1]


# --- deaths told without a number ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        ("Fatalities were reported in Moundou.", 10),
        ("Heavy gunfire was heard all night; deaths have also been recorded in the camp.", 10),
        ("The raid on the depot caused deaths among the guards.", 10),
        ("Shelling of the market, causing a number of injuries and deaths.", 10),
        # a report of none, or a count told elsewhere in the sentence, stays as it was
        ("No fatalities were reported.", 0),
        ("Six were wounded but no deaths were recorded.", 0),
        ("Three deaths were reported in the village.", 3),
        ("The clash resulted in the deaths of two herders.", 2),
        # a count beside it replaces ACLED's vague figure
        ("Four soldiers were killed; deaths were also reported among the rebels.", 4),
    ],
)
def test_deaths_told_without_a_number(text: str, figure: int) -> None:
    assert choose_fatalities(find_fatality_claims(text)) == figure


# --- two sides told apart by lower-case words ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        ("One rebel fighter was killed and three pro-government fighters were reported killed.", 4),
        ("Two government soldiers were killed, and 5 enemy soldiers died.", 7),
        # the same side, or no side named, still compete: the lowest figure
        ("Two rebel fighters were killed, though residents said five rebel fighters were killed.", 2),
        ("Two government soldiers were killed; a witness said three soldiers died.", 2),
    ],
)
def test_side_words_tell_two_sides_dead_apart(text: str, figure: int) -> None:
    assert choose_fatalities(find_fatality_claims(text)) == figure


# --- another outlet's total --------------------------------------------------------------------------------


def _told(count: int, victims: str | None, claimant: str | None = None) -> FatalityClaim:
    return FatalityClaim(count, "", 0, 0, claimant=claimant, victims=victims, rule="passive:killed")


def test_another_outlet_s_total_is_a_rival_figure_and_the_lower_is_kept() -> None:
    # "Six gendarmes are dead after the ambush. Reuters reports 9 dead.": two reports of the same dead
    assert choose_fatalities([_told(6, "gendarmes"), _told(9, None, "Reuters")]) == 6
    assert choose_fatalities([_told(6, "gendarmes"), _told(9, None, "a separate source")]) == 6
    # a total an official gives is the whole the breakdown is part of: the larger stays
    assert choose_fatalities([_told(6, "gendarmes"), _told(9, None, "the governor")]) == 9
    # the outlet that told the breakdown gives its own total
    assert choose_fatalities([_told(6, "gendarmes", "Reuters"), _told(9, None, "Reuters")]) == 9
