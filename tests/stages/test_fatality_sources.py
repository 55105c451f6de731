"""Tests for who stands behind a death toll: coders' bookkeeping, party outlets, single victims, long
victim phrases and claimants that are not victims. All sentences are written for these tests."""

from __future__ import annotations

import pytest

from polemos.model import FatalityClaim
from polemos.stages.fatalities import choose_fatalities, find_fatality_claims
from polemos.stages.fatality_sources import is_party_claim, mask_coder_notes, party_of_sources


def _figure(text: str, outlet: str | None = None) -> int:
    return choose_fatalities(find_fatality_claims(text), outlet=outlet)


@pytest.mark.parametrize(
    "text",
    [
        "Three guards were killed at the gate. Fatalities coded as 0 (the group reported 3 fatalities).",
        "Nine herders were killed in two raids (fatalities coded across 2 events).",
        "Six rebels were killed near the river. Fatalities split between three events.",
        "Two or three villagers were killed (lower figure recorded).",
    ],
)
def test_coder_bookkeeping_is_blanked_and_never_read(text: str) -> None:
    masked = mask_coder_notes(text)
    assert len(masked) == len(text)
    assert "coded" not in masked and "split" not in masked and "recorded" not in masked
    assert all(c.text in text for c in find_fatality_claims(text))
    assert _figure(text) == find_fatality_claims(text)[0].count


def test_coded_as_figure_does_not_replace_the_reported_one() -> None:
    text = "Four soldiers were killed in an ambush. Fatalities coded as 9 (a source reported 9 fatalities)."
    assert [c.count for c in find_fatality_claims(text)] == [4]


def test_news_wording_with_recorded_is_still_read() -> None:
    assert _figure("Seven fatalities were recorded at the district hospital.") == 7


@pytest.mark.parametrize(
    ("outlet", "party"),
    [
        ("Voice of Jihad", "Taliban"),
        ("voice of jihad ", "Taliban"),
        ("Amaq; Amaq News Agency", "Islamic State"),
        ("Voice of Jihad; Daily Courier", None),
        ("Daily Courier", None),
        (None, None),
        ("", None),
    ],
)
def test_party_of_sources_needs_every_source_to_be_the_party(outlet: str | None, party: str | None) -> None:
    assert party_of_sources(outlet) == party


def test_party_claim_about_enemy_losses_is_kept_but_not_coded() -> None:
    text = "Taliban fighters ambushed a patrol, killing 6 soldiers."
    claims = find_fatality_claims(text)
    assert [c.count for c in claims] == [6]  # the claim stays visible
    assert choose_fatalities(claims, outlet="Voice of Jihad") == 0
    assert choose_fatalities(claims, outlet="Voice of Jihad; Daily Courier") == 6
    assert choose_fatalities(claims) == 6


def test_party_admitting_its_own_losses_is_coded() -> None:
    claim = FatalityClaim(2, "", 0, 0, None, "Taliban fighters")
    assert not is_party_claim(claim, "Taliban")
    assert choose_fatalities([claim], outlet="Voice of Jihad") == 2


def test_claimant_naming_a_party_outlet_in_the_text_is_a_party_claim() -> None:
    claim = FatalityClaim(12, "", 0, 0, "the Voice of Jihad website", "soldiers")
    assert is_party_claim(claim, None)
    assert not is_party_claim(FatalityClaim(12, "", 0, 0, "a police spokesman", "soldiers"), None)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Gunmen stormed the post, killing four officers, a provincial spokesman said.", 4),
        ("Militants attacked the town, killing 3 civilians, the governor told reporters.", 3),
        ("The raid killed 2 soldiers and a civilian, officials said.", 3),
    ],
)
def test_claimant_after_a_list_of_victims_is_not_a_victim(text: str, expected: int) -> None:
    assert _figure(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A police colonel was shot dead outside his home on Tuesday.", 1),
        ("Unknown gunmen gunned down a village chief near the market.", 1),
        ("Bandits stopped a lorry and shot the driver dead.", 1),
        ("Suspected militants kill council member in the north.", 1),
        ("A girl wounded in the shelling later died of her injuries.", 1),
        ("Farid Haddou was found dead in the old quarter.", 1),
        ("The attacker detonated his vest at the gate, killing himself.", 1),
        ("A senior commander in the 44 Infantry Brigade is reported to have been killed by a mine.", 1),
        ("A herder accused of stealing 15 sheep was beaten to death by a mob.", 1),
        ("No one was killed in the blast.", 0),
        ("The raid was executed at dawn.", 0),
        ("The governor was killed in 2009, his brother recalled.", 0),
        ("Soldiers killed the rebels in the forest.", 0),
    ],
)
def test_single_victims_without_a_number(text: str, expected: int) -> None:
    assert _figure(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Nine fighters of the Southern Defence Front (SDF) were killed in the clashes.", 9),
        ("One member of the Northern Hills People's Revolutionary Council was killed on Friday.", 1),
        ("Twenty-one members of the river patrol unit, including a captain, died in the attack.", 21),
        ("At least 10 to 15 villagers were killed.", 10),
        ("Dozens of civilians were killed in the market.", 12),
    ],
)
def test_long_victim_phrases_and_number_forms(text: str, expected: int) -> None:
    assert _figure(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Six soldiers were killed or wounded in the ambush.",
        "Five people were injured when the roof collapsed.",
        "A doctor saying nothing else was wounded.",
    ],
)
def test_casualties_and_injuries_are_not_deaths(text: str) -> None:
    assert _figure(text) == 0


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Rebels seized a hill town, three fighters reported killed and 20 wounded.", 3),
        ("Two clans clashed in the valley, killing a family of four.", 4),
        ("Gunmen hanged two traders, 11 others reported killed in the fighting.", 13),
        ("The militia lost five men in the assault on the port.", 5),
        ("The militia lost four vehicles in the assault.", 0),
        ('"Several" people were killed near the bridge.', 10),
        ("A few villagers were killed near the bridge.", 3),
        ("Five IS militants were killed by an airstrike.", 5),
        ("On 2 May, 1 'Arbaki' and 1 policeman were killed at a checkpoint.", 2),
        ("Two shopkeepers were abducted and later killed by gunmen.", 2),
        ("Three guards (7 according to the attackers) were killed at the depot.", 3),
    ],
)
def test_more_ways_reports_write_their_dead(text: str, expected: int) -> None:
    assert _figure(text) == expected


def test_a_source_inside_the_claims_own_brackets_is_not_its_claimant() -> None:
    claims = find_fatality_claims("Three guards (7 according to Voice of Jihad) were killed at the depot.")
    assert [(c.count, c.claimant) for c in claims] == [(3, None)]
    assert choose_fatalities(claims, outlet=None) == 3


def test_party_outlet_names_match_whole_words_only() -> None:
    assert not is_party_claim(FatalityClaim(3, "", 0, 0, "Vojislav Petrovic", "soldiers"), None)
    assert is_party_claim(FatalityClaim(3, "", 0, 0, "VoJ", "soldiers"), None)


def test_generic_words_of_a_party_name_do_not_make_enemy_dead_its_own() -> None:
    # The outlet speaks for "Islamic State"; "state security officers" are its enemies, not its own.
    assert is_party_claim(FatalityClaim(4, "", 0, 0, None, "state security officers"), "Islamic State")
    assert not is_party_claim(FatalityClaim(4, "", 0, 0, None, "Islamic State fighters"), "Islamic State")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("From 12/04 to 19/04 army units say they killed 30 rebels.", 30),
        ("At 21:00 3 soldiers were killed at the gate.", 3),
        ("Between 14/06 and 02/07 Kenyan troops claimed to have killed 8 militants.", 8),
    ],
)
def test_date_and_clock_digits_are_not_counts(text: str, expected: int) -> None:
    assert _figure(text) == expected
