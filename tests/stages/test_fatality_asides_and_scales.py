"""Death tolls told in more ways: deaths by torture or strangling, a hyphenated "gunned-down",
asides between a counted victim phrase and its verb (each victim's origin in turn, where they hail from,
what they are believed to be, "from both sides"), and casualties of a stressed scale ("heavy casualties").
All sentences are written for these tests."""

from __future__ import annotations

import pytest

from polemos.stages.fatalities import choose_fatalities, find_fatality_claims


def _toll(text: str) -> int:
    return choose_fatalities(find_fatality_claims(text))


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("A trader was tortured to death by a vigilante group in Kesso.", 1),
        ("Three detainees were tortured to death in a police cell.", 3),
        ("Militiamen tortured to death two herders near the well.", 2),
        ("A woman was strangled to death in her home in Dalo.", 1),
        ("The nephew of the district chief was gunned-down at the cattle market.", 1),
        ("Two captives were put to death by the militia.", 2),
        # A court's sentence is no death, nor is torture that does not end in one.
        ("A militia court sentenced 12 rebels to death.", 0),
        ("The court sentenced the killer to death after the elders agreed.", 0),
        ("Two men were sentenced to death by a court in Kano.", 0),
        # Torture that does not end in death is no toll.
        ("Two detainees were tortured in custody and later released.", 0),
    ],
)
def test_manners_of_killing(text: str, count: int) -> None:
    assert _toll(text) == count


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("Two herders, one from Kalo and another from Bira, were killed by gunmen near Tuma.", 2),
        ("Three villagers, hailing from the Rera sub-clan, were shot dead at a well.", 3),
        ("Four men, believed to be cattle rustlers, were killed by a posse.", 4),
        ("At least 12 gunmen believed to be bandits were shot dead in a battle with troops.", 12),
        ("At least six fighters from both sides were reportedly killed in the clash.", 6),
        # A bare count after the comma is the list's next item, not an aside: the civilian is no second toll.
        ("Two soldiers, one civilian, were killed.", 0),
    ],
)
def test_asides_between_victims_and_verb(text: str, count: int) -> None:
    assert _toll(text) == count


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("A spokesman said the attackers suffered heavy casualties.", 10),
        ('The air strike caused "serious causalities" among the militants.', 10),
        ('"Significant" casualties were reported on both sides.', 10),
        # Casualties alone may be wounded only, and a negated scale says nothing of deaths.
        ("The attack caused casualties among the guards.", 0),
        ("There were no heavy casualties in the raid.", 0),
        # A count of the dead in the report stands in for the vague figure.
        ("Three soldiers were killed and the rebels suffered heavy casualties.", 3),
    ],
)
def test_casualties_of_a_stressed_scale(text: str, count: int) -> None:
    assert _toll(text) == count


@pytest.mark.parametrize(
    ("text", "count"),
    [
        # "thieves" is the plural of "thief", a person noun.
        ("A mob set two thieves ablaze in the market of Kuso.", 2),
        ("Residents burned three suspected thieves near the bus stop.", 3),
        # Trades and callings that name the victim.
        ("An angry crowd set two scavengers ablaze mistaking them for kidnappers.", 2),
        ("A herbalist was beaten to death by a mob in Tema.", 1),
        # What burned is no person.
        ("Protesters set two buses ablaze on the highway.", 0),
    ],
)
def test_burned_victims_named_by_plural_or_trade(text: str, count: int) -> None:
    assert _toll(text) == count


@pytest.mark.parametrize(
    ("text", "count"),
    [
        # A whole group the report does not count, and "a lot of": ACLED's vague plural.
        ("All militants inside the trucks were killed by the strike.", 10),
        ("All the passengers were shot dead by the gunmen.", 10),
        ('Bandits attacked two hamlets and "killed a lot of people."', 10),
        ("Lots of civilians were killed in the shelling.", 10),
        # A count of the same dead replaces the vague figure; "all" before a count is that count.
        ("All of the victims were killed in the raid. Six bodies were found.", 6),
        ("All three guards were killed.", 3),
        # What was killed is no person, or the group was killed or wounded.
        ("Raiders killed a lot of cattle.", 0),
        ("All the villagers were killed or wounded.", 0),
    ],
)
def test_uncounted_whole_groups(text: str, count: int) -> None:
    assert _toll(text) == count
