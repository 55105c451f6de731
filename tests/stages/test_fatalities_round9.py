"""Death reports read since round 9 of issue #3: deaths by burning in mob justice ("residents burned a
suspected thief", "three were set ablaze"), a headline behind a dateline ("3 March, night: Clan elder
killed, ..."), a person "shot down", a death the event followed, tolls of an incident the report calls
earlier, and tolls the report says were raised. All sentences are written for these tests."""

from __future__ import annotations

import pytest

from polemos.model import FatalityClaim
from polemos.stages.fatalities import choose_fatalities, find_fatality_claims
from polemos.stages.fatality_burning import burning_claims
from polemos.stages.fatality_revisions import REVISED, raised_tolls


def _figure(text: str) -> int:
    return choose_fatalities(find_fatality_claims(text))


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        # A person burned by a mob is a death.
        ("Villagers in Kitoro burned a suspected cattle thief on Tuesday.", 1),
        ("Traders at the Mbale market burnt a man they accused of pickpocketing.", 1),
        ("Four are set ablaze by a mob in Kawempe for allegedly stealing a motorbike.", 4),
        ("Two alleged robbers were set on fire by residents of Nyakabanda.", 2),
        ("Footage shows a captured gunman being burned alive by militiamen.", 1),
        ("An angry crowd set him ablaze near the taxi park.", 1),
        ("The youths set ablaze three suspected witches in Dodoma.", 3),
        ("A mob set fire to the suspect before police arrived.", 1),
        # Property burned is no death, nor is a person's property, nor an effigy.
        ("Protesters burned the mayor's house and set ablaze a police post.", 0),
        ("Raiders burnt 40 huts and set fire to a school in Tonj.", 0),
        ("Students burned the vice-chancellor in effigy.", 0),
        ("Rioters burnt down a trader's kiosk near the stadium.", 0),
        ("Three vehicles were set ablaze during the demonstration.", 0),
    ],
)
def test_burning(text: str, figure: int) -> None:
    assert _figure(text) == figure


def test_burning_claim_ends_at_its_victim() -> None:
    (claim,) = burning_claims("Residents burned a suspected thief in the market.")
    assert claim.text == "burned a suspected thief"
    assert claim.victims == "suspected thief"


def test_burning_needs_a_burning_word() -> None:
    assert burning_claims("Gunmen killed a farmer near Jos.") == []


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        # A headline's bare singular noun behind a dateline.
        ("3 March, night: Clan elder killed, Hodan district, Banadir.", 1),
        ("14 July, 09:30EAT: Court delegate shot dead, Bondhere district.", 1),
        # The same with a plural or an object stays as before.
        ("3 March, night: Soldiers killed in Hodan district.", 0),
        ("3 March: Gunman killed two traders in Hodan district.", 2),
    ],
)
def test_headline_behind_a_dateline(text: str, figure: int) -> None:
    assert _figure(text) == figure


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        ("A young herder was shot down by soldiers at the checkpoint in Kidal.", 1),
        ("The shopkeeper was shot down outside his store.", 1),
        # An aircraft shot down is no death of its own.
        ("A surveillance helicopter was shot down near the border.", 0),
        ("A plane was shot down over the lake.", 0),
        ("A militia aircraft was shot down near the airport.", 0),
    ],
)
def test_shot_down(text: str, figure: int) -> None:
    assert _figure(text) == figure


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        # A death the event followed, or that an incident the report calls earlier caused, is not its toll.
        ("The looting of the clinic followed the death of a patient from one of the clans.", 0),
        ("Fighting broke out in Kasarani following an earlier shooting in which a student was killed.", 0),
        ("Militias clashed at the well after a previous attack that killed three herders.", 0),
        # A death told as the outcome is still counted.
        ("A dispute over grazing land led to the death of two herders.", 2),
        ("Gunmen raided the village in an attack in which a teacher was killed.", 1),
    ],
)
def test_earlier_deaths(text: str, figure: int) -> None:
    assert _figure(text) == figure


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        # The report's raised toll replaces the figure it told first.
        ("Between 7 and 9 were first thought dead, though the number was later raised to twelve.", 12),
        ("At least 4 died in the blast. The toll rose to 9 by the evening.", 9),
        ("Eight people were reported killed; the figure was raised to 15 the next day.", 15),
        ("The death toll has climbed to 31 after more bodies were found in the rubble.", 31),
        # Other numbers that rose are no toll.
        ("Two were killed and the number of displaced rose to 4,000.", 2),
        ("The number of injured rose to 25 while three died.", 3),
        ("Fuel prices rose to 30 percent above last year's.", 0),
    ],
)
def test_raised_tolls(text: str, figure: int) -> None:
    assert _figure(text) == figure


def test_raised_toll_claim_is_marked() -> None:
    (claim,) = raised_tolls("The toll rose to at least 9 by the evening after the attack killed people.")
    assert claim.count == 9
    assert claim.is_minimum
    assert REVISED in claim.rule


def test_raised_toll_adds_to_no_group_but_stands_for_the_total() -> None:
    claims = [
        FatalityClaim(5, "5 soldiers killed", 0, 17, None, "soldiers", False, "passive:killed"),
        FatalityClaim(11, "toll rose to 11", 20, 35, None, None, False, f"revised:toll{REVISED}"),
    ]
    assert choose_fatalities(claims) == 11


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        # Killings of an uncounted plural group are ACLED's vague plural, 10.
        ('The shelling killed "fighters and farmers," a witness said.', 10),
        ("Police were seen killing unarmed protesters near the bridge.", 10),
        ("The gunmen went from house to house killing men and boys.", 10),
        ("The air force said it killed suspected smugglers at the border post.", 10),
        # A count of the same dead replaces the vague figure; another group's count adds to it.
        ("Raiders killed villagers in Gidan Bako. Seven villagers were killed in all.", 7),
        ("Troops killed Al Shabaab fighters and 2 civilians died in the crossfire.", 12),
        # A possessive, a definite group told elsewhere, a threat: no claim.
        ("Bandits killed herders' cattle near the river.", 0),
        ("Police later killed the suspects.", 0),
        ("The group threatened to kill journalists.", 0),
    ],
)
def test_uncounted_plurals(text: str, figure: int) -> None:
    assert _figure(text) == figure


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        # Two names joined by "and" qualify one head: the count is the group's.
        ("12 Hema and Lendu villagers were killed near Djugu.", 12),
        ("Militiamen killed 6 Tiv and Jukun farmers on Monday.", 6),
        ("3 ANA and ANP were killed when the post was overrun.", 3),
        # Lower case after "and" is another item or the end of the phrase, as before.
        ("Four soldiers and 2 civilians were killed in the raid.", 6),
    ],
)
def test_names_joined_in_a_victim_phrase(text: str, figure: int) -> None:
    assert _figure(text) == figure


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        # One of the wounded who died afterwards is one dead.
        ("Militiamen blocked the road so that medics could not reach one of the wounded, who later died.", 1),
        ("Soldiers stopped the car carrying one of the injured, who subsequently died in the bush.", 1),
        ("One of the wounded was flown to Juba for treatment.", 0),
    ],
)
def test_one_of_the_wounded_died(text: str, figure: int) -> None:
    assert _figure(text) == figure


def test_burning_minimum() -> None:
    (claim,) = burning_claims("At least three men were set ablaze by the crowd.")
    assert (claim.count, claim.is_minimum) == (3, True)


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        # Person nouns learnt this round: a single victim named by them is one dead.
        ("A retired diplomat was shot dead outside his residence in Tunis.", 1),
        ("An envoy of the council was murdered on the road to Gedo.", 1),
        ("Villagers lynched a suspected kidnapper near Kaduna.", 1),
    ],
)
def test_new_person_nouns(text: str, figure: int) -> None:
    assert _figure(text) == figure


@pytest.mark.parametrize(
    "text",
    [
        "The ministry denied killing civilians in the raid on Tawila.",
        "Soldiers did not kill protesters, the governor said.",
        "The militia vowed to kill soldiers who enter the valley.",
        "Troops dispersed the crowd without killing demonstrators.",
    ],
)
def test_uncounted_plurals_not_reported(text: str) -> None:
    assert _figure(text) == 0


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        # One person's death told as a noun with "the": one dead.
        ("The raid ended with the execution of the shopkeeper and the death of one of the raiders.", 2),
        ("The killing of the driver sparked a strike by bus owners.", 1),
        # Named as the cause or what is protested, it is another event's; a thing's "death" is none.
        ("Clashes broke out in Mopti after the killing of the village chief.", 0),
        ("Traders protested against the murder of the money changer.", 0),
        ("Observers lamented the death of the ceasefire.", 0),
    ],
)
def test_definite_nominal_singles(text: str, figure: int) -> None:
    assert _figure(text) == figure


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        # A quoted vague word is ACLED's vague figure all the same.
        ('A "number" of border guards were killed when their post was shelled.', 10),
        # A bracketed nationality may follow the first of two joined names.
        ("Seven Mission (Kenyan) and Somali troops were killed near Afmadow.", 7),
        ('A "number" of Mission (Burundian) and Somali soldiers are feared dead after the blast.', 10),
    ],
)
def test_quoted_vague_and_bracketed_names(text: str, figure: int) -> None:
    assert _figure(text) == figure


@pytest.mark.parametrize(
    "text",
    [
        # A person noun that only qualifies the thing burned, or a definite plural of unknown size.
        "A student hostel was set on fire during the riot in Zomba.",
        "The office of the National Electoral Commission was set ablaze.",
        "The raiders burnt a civilian truck carrying maize.",
        "Youths then set the opposition supporters alight, witnesses said.",
    ],
)
def test_burning_needs_a_person_head(text: str) -> None:
    assert _figure(text) == 0
