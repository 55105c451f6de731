"""Death reports read since round 7 of issue #3: victim phrases that end at "over", acronyms that look
like stop words, units and modifiers before a person, adverbs between auxiliary and verb, "shot to
death", two single victims made one subject, a partitive "one of the two", a wounded count after the
verb, asides and relative clauses before the verb, "in addition to" lists, vague figures a given count
replaces, week-long totals, and strategic developments without violence. All sentences are written for
these tests."""

from __future__ import annotations

import datetime as dt

import pytest

from polemos.model import Actor, DatePoint, Document, EventMention, FatalityClaim, Place, Span, TimePrecision
from polemos.stages.aggregate import aggregate
from polemos.stages.fatalities import choose_fatalities, find_fatality_claims
from polemos.stages.fatality_choice import is_vague
from polemos.taxonomy import SubEventType


def _figure(text: str) -> int:
    return choose_fatalities(find_fatality_claims(text))


@pytest.mark.parametrize(
    ("text", "counts", "victims"),
    [
        # "over" is a preposition after the victims: the head is "gunmen", not "days".
        ("The brigade says it killed 25 gunmen over four weeks of raids.", [25], ["gunmen"]),
        # An acronym in capitals is a name, though "as" in lower case ends a phrase.
        ("Three AQ fighters and two AS fighters were killed.", [3, 2], ["AQ fighters", "AS fighters"]),
        # A first word that names no person may modify a person head ...
        ("Five bus drivers were killed at the depot.", [5], ["bus drivers"]),
        ("Two mine clearance experts were killed near Qarun.", [2], ["mine clearance experts"]),
        # An adverb of manner between auxiliary and verb.
        ("Six villagers were mistakenly killed in the raid.", [6], ["villagers"]),
        ("Nine pilgrims were shot to death on the road to Tessit.", [9], ["pilgrims"]),
        # A count after "of the" is the group the first count is one of.
        ("One of the two guards later died in hospital.", [1], ["the two guards"]),
    ],
)
def test_claims_are_read(text: str, counts: list[int], victims: list[str | None]) -> None:
    claims = find_fatality_claims(text)
    assert [c.count for c in claims] == counts
    assert [c.victims for c in claims] == victims


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A unit after the count is an age, never people.
        ("A 70 year old woman was stabbed to death in her home.", 1),
        ("A 12 year old girl was shot dead at the market.", 1),
        # Two single persons joined by "and" are two dead ...
        ("A village teacher and another civilian were killed in the ambush.", 2),
        ("The driver and his assistant were shot dead at the checkpoint.", 2),
        # ... but not when one of them is no person, or when they were hurt.
        ("The lorry and its driver were burned.", 0),
        ("A farmer and his son were wounded in the attack.", 0),
        # A count wounded after the verb is no object of it: "one killed, two wounded".
        ("In Kolo one guard killed two wounded.", 1),
        ("In Kolo one guard killed, two wounded.", 1),
        # A named single victim with adverbs before the verb.
        ("His eldest son Karim was also confirmed killed.", 1),
        ("One of the governor's bodyguards, Musa Tanko, is killed in the blast.", 1),
        # "1" written for "a" before the first of two single victims.
        ("On 4 May, 1 district chief and his driver were killed by a roadside bomb.", 2),
        # An aside between commas that tells who the victim was.
        ("On 2 May, 1 farmer, working in his field near the road, was abducted and killed by gunmen.", 1),
        ("Four porters, who were carrying supplies to the post, were shot dead.", 4),
        # "in addition to" and "along with" join one more group of the same dead.
        ("Gunmen shot and killed 1 village head in addition to 2 of his sons.", 3),
        ("Militants killed two rangers along with 3 porters.", 5),
        # A relative clause telling what befell the victims before stands between them and the verb ...
        ("Four traders who were taken hostage on Monday were executed by the gang.", 4),
        ("Two guards who had been hurt in the raid are reported to have been murdered in the clinic.", 2),
        # ... but not one that holds a clause or a death of its own: the wounded are no dead.
        ("Five people who were wounded when gunmen killed the mayor were taken to hospital.", 0),
        # A count after a death told as a noun is that noun's, not the first of the verb's list.
        ("Following the killing of two herders, 3 farmers who were taken captive were executed.", 3),
        # A week's total is a running count, not the day's toll.
        ("Dozens were killed on Friday. Reports speak of 150 killed in the past week.", 12),
    ],
)
def test_figures(text: str, expected: int) -> None:
    assert _figure(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A count a report gives replaces the vague figure that stands in for it ...
        ("Reports suggest three fatalities; the air force says it killed a number of fighters.", 3),
        ("The fighting left a number of deaths, among them the killing of a tribal elder.", 1),
        # ... but a vague count of another side still adds to one side's exact count.
        ("Four army soldiers killed and an unspecified number of rebel fighters killed.", 14),
        # With no exact count, the vague figure stands.
        ("Several people were killed in the crossfire.", 10),
    ],
)
def test_vague_figures_give_way_to_given_counts(text: str, expected: int) -> None:
    assert _figure(text) == expected


def test_is_vague() -> None:
    vague, exact = find_fatality_claims("Dozens of herders and 4 soldiers were killed.")
    assert is_vague(vague) and not is_vague(exact)
    # The first item's claim spans the second's count: only its own count makes it vague or not.
    exact, vague = find_fatality_claims("Two guards and several prisoners were killed.")
    assert not is_vague(exact) and is_vague(vague)


TOWN = Place("Alpha", 10.0, 10.0, "Chad")
DOC = Document(id="d", text="x" * 200)
DAY = DatePoint(dt.date(2019, 5, 2), TimePrecision.DAY, rule="explicit")


def _event_figure(sub: SubEventType) -> tuple[int, int]:
    sentence = "The two clans agreed a truce after fighting that killed 8 people."
    claim = FatalityClaim(8, "killed 8 people", 47, 62, victims="people")
    mention = EventMention(
        document_id="d",
        sub_event_type=sub,
        trigger=Span(15, 21, "agreed"),
        sentence=Span(0, len(sentence), sentence),
        actor1=Actor("Clan A", 4),
        actor2=Actor("Clan B", 4),
        place=TOWN,
        date=DAY,
        fatality_claims=(claim,),
    )
    (event,) = aggregate(DOC, [mention], choose_fatalities)
    return event.fatalities, len(event.fatality_claims)


def test_a_strategic_development_without_violence_has_no_dead() -> None:
    # The deaths are the war's the truce ends; they are no claim of the agreement either, so that a
    # corroborated event does not read them as one report's figure of none.
    assert _event_figure(SubEventType.AGREEMENT) == (0, 0)
    assert _event_figure(SubEventType.HEADQUARTERS_ESTABLISHED) == (0, 0)
    # A violent event keeps its toll.
    assert _event_figure(SubEventType.ARMED_CLASH) == (8, 1)
