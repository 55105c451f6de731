"""Tests for how claims combine into one figure: added dead, sides sharing a head noun, one more victim
written without a number, tolls told as "the total number of fatalities", and the shared verbs."""

from __future__ import annotations

import pytest

from polemos.model import FatalityClaim
from polemos.stages.fatalities import choose_fatalities, find_fatality_claims
from polemos.stages.fatality_choice import is_additional


def _figure(*sentences: str) -> int:
    claims: list[FatalityClaim] = []
    offset = 0
    for sentence in sentences:  # one sentence at a time, as the pipeline reads them
        claims += find_fatality_claims(sentence, offset=offset)
        offset += len(sentence) + 1
    return choose_fatalities(claims)


def _claim(count: int, victims: str | None, rule: str = "passive:killed") -> FatalityClaim:
    return FatalityClaim(count=count, text="", start=0, end=0, victims=victims, rule=rule)


@pytest.mark.parametrize(
    ("sentences", "expected"),
    [
        # Dead told as coming on top of a figure already given are added, not compared.
        (("Six bodies were found in a ditch.", "A further 20 corpses were uncovered near the well."), 26),
        (("Five guards were killed on Monday.", "Two other guards died of their wounds on Tuesday."), 7),
        (("Four miners died in the collapse.", "Another 3 miners were killed when the shaft fell in."), 7),
        # Without such a word a second figure for the same dead is a rival report: the lowest stays.
        (("Five guards were killed on Monday.", "Officials said 8 guards died."), 5),
        # A bare "others" makes a group of its own, which a total told before it may include.
        (("Soldiers raided the camp, killing 30.", "Three others were killed in a separate raid."), 30),
    ],
)
def test_dead_told_as_added_are_summed(sentences: tuple[str, ...], expected: int) -> None:
    assert _figure(*sentences) == expected


@pytest.mark.parametrize(
    ("before", "victims", "expected"),
    [
        ("Officials said a further ", "bodies", True),
        ("Then another ", "soldiers", True),
        ("Police said ", "more soldiers", True),
        ("Police said ", "other civilians", True),
        ("Police said ", "others", False),
        ("Police said ", "soldiers", False),
        ("It happened further ", None, True),
    ],
)
def test_is_additional_reads_the_words_of_addition(before: str, victims: str | None, expected: bool) -> None:
    assert is_additional(before, victims) is expected


@pytest.mark.parametrize(
    ("claims", "expected"),
    [
        # Two named sides with the same head noun: both sides' dead add up.
        ([_claim(3, "Red Brigade fighters"), _claim(10, "Blue Front fighters")], 13),
        # One name shared (an acronym and its long form) makes one side: rival figures.
        ([_claim(4, "fighters of the Blue Front (BF)"), _claim(6, "BF fighters")], 4),
        # One named, one not: rival figures for the same dead.
        ([_claim(21, "Red Brigade fighters"), _claim(10, "fighters")], 10),
        # An unnamed figure over two named sides is a total that competes with their sum.
        ([_claim(3, "Red fighters"), _claim(2, "Blue fighters"), _claim(9, "fighters")], 9),
        ([_claim(3, "Red fighters"), _claim(2, "Blue fighters"), _claim(4, "fighters")], 5),
    ],
)
def test_same_head_noun_is_split_by_named_sides(claims: list[FatalityClaim], expected: int) -> None:
    assert choose_fatalities(claims) == expected


def test_coordinated_sides_in_one_sentence_add_up() -> None:
    sentence = "Three Red Brigade fighters were killed and an unknown number of Blue Front fighters killed."
    assert _figure(sentence) == 13


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("A trader was killed along with his 12-year-old son as they left the market.", 2),
        ("The blast also killed the mayor's driver and another man.", 2),
        ("A guard was killed together with his brother at the gate.", 2),
        # The second person is wounded, or the phrase ends before any person: no one more.
        ("A sergeant was killed and another wounded when gunmen opened fire.", 1),
        ("Gunmen killed a trader and his wife was injured.", 1),
    ],
)
def test_one_more_victim_without_a_number(sentence: str, expected: int) -> None:
    assert _figure(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The ministry said the total number of fatalities from the clashes was 31.", 31),
        ("The number of deaths rose to 14 on Sunday.", 14),
        ("The number of deaths since the war began reached 400.", 0),  # a running count, no one event's
    ],
)
def test_toll_told_as_a_number_of_fatalities(sentence: str, expected: int) -> None:
    assert _figure(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # Verbs the counted reading had and the single-victim reading lacked, and the reverse.
        ("The unit managed to eliminate the leader of the gang near the river.", 1),
        ("Troops neutralised a terrorist at the checkpoint.", 1),
        ("A mob lynched two thieves in the market.", 2),
        ("Two women were stoned to death by the militants.", 2),
        ("The militia massacred a farmer and his son.", 2),
    ],
)
def test_counted_and_single_readings_share_their_verbs(sentence: str, expected: int) -> None:
    assert _figure(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # The list goes on after an "including" aside: the second group is no part of the first.
        ("40 guards, including two officers, and 12 raiders were killed in the assault.", 52),
        ("Nine guards, including two officers, were killed in the assault.", 9),
        ("Six people, including two boys and a woman, were killed.", 6),
        # Bombers who kill only themselves are counted by their own number.
        ("Two suicide bombers struck the market gate, killing only themselves.", 2),
        ("Three female suicide bombers set off their vests, killing themselves and injuring 4 others.", 3),
    ],
)
def test_lists_around_including_and_bombers_who_kill_themselves(sentence: str, expected: int) -> None:
    assert _figure(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # The single victim stands before a relative clause.
        ("A guard with the port brigade which is based in the old town was shot dead at dawn.", 1),
        ("A teacher from the north but who lived in the capital, was killed on Monday.", 1),
        ("The truck which carried the grain was burned near the bridge.", 0),
    ],
)
def test_single_victim_before_a_relative_clause(sentence: str, expected: int) -> None:
    assert _figure(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # A counted group after a single victim: one more claim with its own number.
        ("The strike killed the governor and three young grandchildren.", 4),
        ("Raiders killed the village chief and two of his sons.", 3),
        ("Raiders killed the driver and a passenger near the ford.", 2),
        ("Raiders killed the driver and two passengers were wounded.", 1),
        ("Raiders killed the herder and forty cows.", 1),
        # A claimed toll told through "were claimed to have been killed".
        ("Four raiders were claimed to have been killed in the chase.", 4),
    ],
)
def test_a_counted_group_after_a_single_victim(sentence: str, expected: int) -> None:
    assert _figure(sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "A guard was killed and two porters from the Harbour Company injured in the blast.",
        "A guard was killed and his brother injured in the blast.",
        "A farmer has been shot dead and four of his relatives abducted near the well.",
    ],
)
def test_a_group_with_another_fate_is_no_more_dead(sentence: str) -> None:
    assert _figure(sentence) == 1


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # A result word between the quarrel and the deaths: they are this event's, not its cause.
        ("The two villages clashed in a dispute over water leading to the death of three people.", 3),
        ("Fighting resumed after the death of a commander.", 0),
        # Communiqués' jargon in quotes, and a single body found.
        ("The bandit leader was “neutralised” by the army.", 1),
        ("Residents said a body was discovered near the river bank.", 1),
        ("A suspicious package was discovered near the river bank.", 0),
    ],
)
def test_results_quotes_and_single_bodies(sentence: str, expected: int) -> None:
    assert _figure(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # Deaths the clause protests, mourns or charges someone with are an earlier event's.
        ("Traders marched to protest against a wave of robberies that had killed six people.", 0),
        ("Youths clashed with police during a vigil for two men killed in a robbery.", 0),
        ("Police arrested a man suspected of killing three herders.", 0),
        # After a comma the killing is the clause's own result.
        ("Police fired on people protesting against the election, killing 4.", 4),
        # The victim stands before the protest words: his own death.
        ("A man who had protested against the mayor was killed in his shop.", 1),
    ],
)
def test_deaths_that_are_protested_or_mourned_are_background(sentence: str, expected: int) -> None:
    assert _figure(sentence) == expected


def test_a_charge_holds_only_its_own_verb() -> None:
    assert _figure("A man accused of being a spy (a local said) was executed by the rebels.") == 1
