"""Tests for the fatality stage: number reading, claim finding, ACLED's choice of figure, day splits."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from polemos.model import FatalityClaim
from polemos.stages.fatalities import (
    choose_fatalities,
    find_fatality_claims,
    parse_number,
    split_multi_day,
)
from polemos.stages.fatality_choice import SPARKED


def _claim(count: int, victims: str | None = None, claimant: str | None = None) -> FatalityClaim:
    return FatalityClaim(count=count, text="", start=0, end=0, claimant=claimant, victims=victims)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12", 12),
        ("twelve", 12),
        ("twenty-five", 25),
        ("Twenty five", 25),
        ("1,000", 1000),
        ("1,250,000", 1250000),
        ("one", 1),
        ("a", 1),
        ("an", 1),
        ("a dozen", 12),
        ("two dozen", 24),
        ("a hundred", 100),
        ("two hundred and five", 205),
        ("three thousand", 3000),
        ("dozens", 12),
        ("hundreds", 100),
        ("thousands", 1000),
        ("scores", 20),
        ("several", 10),
        ("many", 10),
        ("a number", 10),
        ("few", 3),
        ("a few", 3),
        ("a couple", 2),
        ("an unknown number", 10),
        ("An unspecified number", 10),
        ("an undisclosed number", 10),
    ],
)
def test_parse_number_reads_digits_words_and_vague_terms(text: str, expected: int) -> None:
    assert parse_number(text) == expected


@pytest.mark.parametrize("text", ["", "soldiers", "12 soldiers", "1,00", "and", "dozen dozen x", "9" * 5000])
def test_parse_number_returns_none_for_non_numbers(text: str) -> None:
    assert parse_number(text) is None


@pytest.mark.parametrize(
    ("sentence", "counts", "victims"),
    [
        ("12 Taliban militants including 2 commanders were killed in the raid.", [12], ["Taliban militants"]),
        ("Gunmen opened fire on the market, killing 5 civilians.", [5], ["civilians"]),
        ("Four soldiers were killed and five wounded in the ambush.", [4], ["soldiers"]),
        ("Three children were killed in fighting on Sunday.", [3], ["children"]),
        ("The council said one of its fighters was killed.", [1], ["its fighters"]),
        (
            "At least 10 members of the brigade were neutralised in airstrikes.",
            [10],
            ["members of the brigade"],
        ),
        ("The army said it eliminated 7 terrorists near the border.", [7], ["terrorists"]),
        ("Nine people died when the shell hit their house.", [9], ["people"]),
        ("The death toll rose to 20 on Tuesday.", [20], [None]),
        ("The death toll from the attack rose from 5 to 10.", [10], [None]),
        ("The attack left five soldiers dead and 10 others wounded.", [5], ["soldiers"]),
        ("The bombing claimed the lives of 7 worshippers.", [7], ["worshippers"]),
        ("A man was shot dead outside the mosque.", [1], ["man"]),
        ("Unknown gunmen killed a policeman near his home.", [1], ["policeman"]),
        ("2 bodies were found by the roadside.", [2], ["bodies"]),
        ("The bodies of three men were recovered from the river.", [3], ["men"]),
        ("Dozens were killed in the clashes.", [12], [None]),
        ("Hundreds killed as fighting spreads to the south.", [100], [None]),
        ("Several killed in overnight shelling.", [10], [None]),
        ("Two dozen fighters were killed.", [24], ["fighters"]),
        ("The militants killed 3 and wounded 4 in the attack.", [3], [None]),
        ("2 Taliban and 3 soldiers were killed.", [2, 3], ["Taliban", "soldiers"]),
        ("The strike killed two commanders, four fighters and a civilian.", [2, 4, 1], None),
        ("5 killed, 2 wounded in market blast.", [5], [None]),
        ("Market blast kills 5.", [5], [None]),
        ("Three soldiers killed two militants near the base.", [2], ["militants"]),
        ("An airstrike killed at least 5 militants.", [5], ["militants"]),
        ("Two policemen were shot and killed at a checkpoint.", [2], ["policemen"]),
        ("Some 20 civilians were reportedly killed overnight.", [20], ["civilians"]),
        ("Between 10 and 15 people were killed.", [10], ["people"]),
        ("The raid killed 10-15 fighters.", [10], ["fighters"]),
        ("Two or three guards died.", [2], ["guards"]),
        ("Killing 5 civilians, 2 of them children, the attack drew condemnation.", [5], ["civilians"]),
        ("The blast killed 6 people including the bomber.", [6], ["people"]),
        ("The blast killed 6 people as well as the bomber.", [6, 1], ["people", "bomber"]),
        ("A suicide bomber blew himself up at the gate.", [1], ["suicide bomber"]),
        ("In 2011, 5 soldiers were killed.", [5], ["soldiers"]),
        ("Many were feared dead after the landslide of fire.", [10], [None]),
        ("Seven fatalities were recorded.", [7], [None]),
        # A figure the report says it does not know is ACLED's vague "a number", not one victim.
        ("An unknown number of rebels died when their truck was hit.", [10], ["rebels"]),
        (
            "Two guards killed at dawn and an unspecified number of raiders killed later.",
            [2, 10],
            ["guards", "raiders"],
        ),
        ("The shelling killed an unknown number of herders and their goats.", [10], ["herders"]),
        # Reports quote vague words they do not vouch for.
        ('Troops drove the gang out of the hills, killing "several" of its members.', [10], None),
        # A nickname in quotes inside brackets stays part of the victims' name.
        ("Witnesses saw two Red Hill (“Hill Wolves”) Battalion men being killed.", [2], None),
        # Modifiers between the victims and the verb: allegiance, two places of origin, an acronym.
        ("Four guards serving with the Coastal Brigade are reported to have been killed.", [4], ["guards"]),
        ("Three traders from the Sandy Market from Port Ilo were killed at the bridge.", [3], ["traders"]),
        ("At least 12 recruits from the Iron Wall (IW) training camp were killed.", [12], ["recruits"]),
    ],
)
def test_find_fatality_claims_reads_death_reports(
    sentence: str, counts: list[int], victims: list[str | None] | None
) -> None:
    claims = find_fatality_claims(sentence)
    assert [c.count for c in claims] == counts
    if victims is not None:
        assert [c.victims for c in claims] == victims


@pytest.mark.parametrize(
    ("sentence", "count", "is_minimum"),
    [
        ("The attack on May 2 left at least 12 dead.", 12, True),
        ("The siege lasted months, with more than 1,000 killed in the violence.", 1000, True),
        ("Over 30 people were killed.", 30, True),
        ("About 30 people were killed.", 30, False),
        ("30 people were killed.", 30, False),
    ],
)
def test_find_fatality_claims_marks_minimum_figures(sentence: str, count: int, is_minimum: bool) -> None:
    (claim,) = find_fatality_claims(sentence)
    assert (claim.count, claim.is_minimum) == (count, is_minimum)


@pytest.mark.parametrize(
    "sentence",
    [
        "No casualties were reported.",
        "No one was killed in the attack.",
        "No-one was killed.",
        "Casualties unknown.",
        "The blast injured 5 people.",
        "5 wounded in the attack.",
        "Seven policemen were killed and wounded in the attack.",
        "Militants killed and injured 7 soldiers.",
        "12 Taliban militants were arrested.",
        "They captured hills 15 kilometres east of the town.",
        "1,000 families displaced by the fighting.",
        "In 2011 the town was captured.",
        "The commander was killed in 2011.",
        "He was killed two days ago.",
        "The peace efforts have reached a dead end, he said.",
        "The attack caused many casualties.",
        "Hundreds of thousands fled the city.",
        "Two soldiers were shot in the leg.",
        # A part of a toll told elsewhere is no toll of its own.
        "Only two of the dead were known to be local men.",
        "Three of the dead were children.",
        # A death that is the subject of a meeting is background to the event, not among its dead.
        "Elders travelled to the capital to discuss the alleged killing of 40 villagers.",
    ],
)
def test_find_fatality_claims_ignores_non_deaths(sentence: str) -> None:
    assert find_fatality_claims(sentence) == []


@pytest.mark.parametrize(
    ("sentence", "claimant"),
    [
        ("Nine people died in the blast, police said.", "police"),
        ("Nine people died in the blast, said the health ministry.", "the health ministry"),
        ("Nine died according to the director of the city hospital.", "the director of the city hospital"),
        ("According to medics, nine people died.", "medics"),
        ("The council said one of its fighters was killed.", "The council"),
        ("Villagers reported 3 children were killed.", "Villagers"),
        ("Fighting went on, with a field hospital doctor saying 4 soldiers died.", "a field hospital doctor"),
        ("Officials said 4 people were reported killed.", "Officials"),
        ("Four soldiers were killed.", None),
    ],
)
def test_find_fatality_claims_attributes_claimant(sentence: str, claimant: str | None) -> None:
    (claim,) = find_fatality_claims(sentence)
    assert claim.claimant == claimant


def test_find_fatality_claims_gives_each_claim_its_own_claimant() -> None:
    sentence = "The army said it killed 40 fighters, but local sources said 12 civilians died."
    claims = find_fatality_claims(sentence)
    assert [(c.count, c.claimant) for c in claims] == [(40, "The army"), (12, "local sources")]


def test_find_fatality_claims_offsets_point_into_the_document() -> None:
    document = "Heavy fighting. The DMSC said one of its fighters was killed."
    offset = document.index("The DMSC")
    (claim,) = find_fatality_claims(document[offset:], offset=offset)
    assert document[claim.start : claim.end] == claim.text == "one of its fighters was killed"
    assert claim.rule == "passive:killed"


@pytest.mark.parametrize(
    ("claims", "expected"),
    [
        ([], 0),
        ([_claim(4, "soldiers", "a doctor"), _claim(1, "its fighters", "the DMSC")], 5),
        ([_claim(4, "soldiers", "a doctor"), _claim(6, "soldiers", "the army")], 4),
        ([_claim(4, "soldiers"), _claim(1, "soldier")], 1),
        ([_claim(2, "Taliban"), _claim(3, "soldiers")], 5),
        ([_claim(12), _claim(20)], 12),
        ([_claim(10, "people"), _claim(3, "soldiers"), _claim(2, "civilians")], 10),
        ([_claim(4, "people"), _claim(3, "soldiers"), _claim(2, "civilians")], 5),
        ([_claim(6, "people"), _claim(1, "bomber")], 7),
        ([_claim(12, "Taliban militants"), _claim(15, "militants")], 12),
    ],
)
def test_choose_fatalities_takes_lowest_per_group_and_sums_groups(
    claims: list[FatalityClaim], expected: int
) -> None:
    assert choose_fatalities(claims) == expected


def test_choose_fatalities_codes_the_seed_derna_report() -> None:
    # Two reports of one clash: the doctor's count of soldiers and the DMSC's own loss (gold: 5).
    text = (
        "Fighting has concentrated around a flour factory, with a field hospital doctor saying four "
        "soldiers were killed and five wounded on Monday. The DMSC said one of its fighters was killed."
    )
    assert choose_fatalities(find_fatality_claims(text)) == 5


@pytest.mark.parametrize(
    ("total", "days", "expected"),
    [
        (12, 3, [4, 4, 4]),
        (10, 3, [4, 3, 3]),
        (11, 3, [4, 4, 3]),
        (0, 2, [0, 0]),
        (5, 1, [5]),
        (2, 4, [1, 1, 0, 0]),
    ],
)
def test_split_multi_day_spreads_evenly_with_remainder_first(
    total: int, days: int, expected: list[int]
) -> None:
    assert split_multi_day(total, days) == expected


@pytest.mark.parametrize(("total", "days"), [(5, 0), (-1, 2)])
def test_split_multi_day_rejects_impossible_splits(total: int, days: int) -> None:
    with pytest.raises(ValueError, match="split_multi_day"):
        split_multi_day(total, days)


@given(st.text())
def test_parse_number_never_raises(text: str) -> None:
    result = parse_number(text)
    assert result is None or result >= 0


_NEWSY = st.lists(
    st.sampled_from(
        [
            "12",
            "1,000",
            "a",
            "one",
            "dozens",
            "at least",
            "soldiers",
            "of",
            "its",
            "were",
            "killed",
            "and",
            "wounded",
            "dead",
            "left",
            "killing",
            "said",
            "police",
            ",",
            ".",
            "the",
            "bomber",
            "death",
            "toll",
            "to",
            "bodies",
            "between",
            "-",
            "no",
            "according",
            "2011",
            "including",
        ]
    ),
    max_size=30,
).map(" ".join)


@given(st.one_of(st.text(), _NEWSY), st.integers(min_value=0, max_value=10_000))
def test_find_fatality_claims_offsets_stay_inside_the_text(text: str, offset: int) -> None:
    for claim in find_fatality_claims(text, offset=offset):
        assert offset <= claim.start < claim.end <= offset + len(text)
        assert text[claim.start - offset : claim.end - offset] == claim.text
        assert claim.count >= 0


# --- partitives, pronouns, unnamed last victims, killings named as a cause ---


def test_a_partitive_after_an_active_verb_still_counts() -> None:
    assert [c.count for c in find_fatality_claims("Raiders killed 4 of the guards at the gate.")] == [4]


def test_a_pronoun_victim_competes_with_the_total_instead_of_adding_to_it() -> None:
    text = "Gangs fought in the market, leaving a number of them dead. Estimates range from five to 12 dead."
    claims = find_fatality_claims(text)
    assert [c.count for c in claims] == [10, 5]
    assert choose_fatalities(claims) == 5


def test_the_unknown_number_of_one_side_is_added_to_the_other_sides_dead() -> None:
    claims = find_fatality_claims(
        "Two guards killed at dawn and an unspecified number of raiders killed later."
    )
    assert choose_fatalities(claims) == 12


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Raiders killed a shepherd and his brother on the road.", 2),
        ("The strike killed 3 fighters and their young commander.", 4),
        ("Gunmen killed a driver and another passenger at the bridge.", 2),
        # The one more person must be a person, and dead.
        ("Bandits killed a herder and his camels.", 1),
        ("Gunmen killed a trader and his wife was injured.", 1),
    ],
)
def test_a_last_victim_without_a_number_is_one_more_death(sentence: str, expected: int) -> None:
    assert choose_fatalities(find_fatality_claims(sentence)) == expected


def test_a_killing_named_as_the_cause_through_two_nouns_is_background() -> None:
    sentence = "Students marched in the town following the shooting and killing of two classmates by police."
    # Kept as the spark of the event told (a battle it set off counts it, see aggregate), never its toll.
    claims = find_fatality_claims(sentence)
    assert claims and all(SPARKED in c.rule for c in claims)
    assert choose_fatalities(claims) == 0


def test_a_sentence_read_again_elsewhere_gives_the_same_claims_at_its_own_offsets() -> None:
    said = "The army said 12 militants and two soldiers were killed in the clashes."
    first = find_fatality_claims(said, offset=0)
    again = find_fatality_claims(said, offset=140)  # the same sentence later in another document
    assert [c.count for c in first] == [12, 2]
    assert [(c.start + 140, c.end + 140) for c in first] == [(c.start, c.end) for c in again]
    assert [(c.count, c.victims, c.claimant, c.rule) for c in first] == [
        (c.count, c.victims, c.claimant, c.rule) for c in again
    ]
    assert find_fatality_claims(said, offset=0) == first  # and nothing was shifted in place
