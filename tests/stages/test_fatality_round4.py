"""Death reports read since round 4 of issue #3: victims with a place or body named in lower case, the
whole victim phrase of a death told as a noun, unnumbered casualties, and avenged deaths set aside.
All sentences are written for these tests."""

from __future__ import annotations

import pytest

from polemos.stages.fatalities import choose_fatalities, find_fatality_claims


def _figure(text: str) -> int:
    return choose_fatalities(find_fatality_claims(text))


@pytest.mark.parametrize(
    ("text", "counts", "victims"),
    [
        # A phrase naming where the victims came from stands between them and the verb, even in lower case.
        ("Four guards from the prison were shot dead at the gate.", [4], ["guards"]),
        # Headline style, no auxiliary: "reportedly killed" is still passive.
        ("Seven soldiers from the army reportedly killed near the border post.", [7], ["soldiers"]),
        ("Two nurses inside the clinic were killed when the shell landed.", [2], ["nurses"]),
        # A death told as a noun keeps its whole victim phrase, and a last victim told without a number.
        (
            "The raid led to the deaths of three farm workers and their driver.",
            [3, 1],
            ["farm workers", "their driver"],
        ),
        # "a" before a thing is no count: only the attackers' dead are.
        (
            "One policeman was hurt by a grenade and two fatalities were reported among the gunmen.",
            [2],
            [None],
        ),
    ],
)
def test_claims_are_read(text: str, counts: list[int], victims: list[str | None]) -> None:
    claims = find_fatality_claims(text)
    assert [c.count for c in claims] == counts
    assert [c.victims for c in claims] == victims


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Casualties asserted but not counted are ACLED's vague 10 ...
        ("Casualties reported, numbers not known.", 10),
        ("The mortar fire caused causalities of unknown number in the camp.", 10),
        ("There were an unspecified number of casualties on both sides.", 10),
        # ... a real figure beside them wins (the lowest of rival totals) ...
        ("Three fatalities and an unspecified number of casualties were reported.", 3),
        # ... and casualties merely not known are no deaths at all (ACLED: 0).
        ("Casualties not known.", 0),
        ("It is not known whether there were casualties or how many.", 0),
        ("Both sides suffered casualties.", 0),
    ],
)
def test_unnumbered_casualties(text: str, expected: int) -> None:
    assert _figure(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Deaths the protest is against, with a place between the verb and its preposition.
        ("Students protested in the capital against a string of raids that killed four people.", 0),
        # Deaths a clause of the avenged act tells belong to that earlier act.
        ("The gang burned the market in retaliation for a raid in which three herders were killed.", 0),
        ("Gunmen stormed the post in revenge for an ambush that killed 6 of their fighters.", 0),
        # The avenging act's own dead count.
        ("In response, the troops killed 5 militants near the river.", 5),
        ("In retaliation for the raid the militia killed two herders.", 2),
    ],
)
def test_avenged_and_protested_deaths(text: str, expected: int) -> None:
    assert _figure(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A wounded person's later death comes on top of the dead told before it ...
        ("One trader was killed and another badly hurt. He died of his wounds the next day.", 2),
        ("The ambush left 4 guards injured and 1 killed. 2 later died of their injuries.", 3),
        ("Two soldiers were killed and three wounded. One of the wounded succumbed in hospital.", 3),
        # ... and alone it is the one death there is.
        ("A herder succumbed to his wounds after being shot at the well.", 1),
        # The dead told as "including two who died of their wounds" are among the four.
        ("The raid left four killed, including two who died of their wounds.", 4),
        # "one of them" is part of a toll told elsewhere, no rival figure to it ...
        ("Three people were killed in the raid. One of them died on the way to hospital.", 3),
        # ... unless no other figure is told.
        ("Gunmen attacked the convoy and a number of them were killed.", 10),
    ],
)
def test_later_deaths_and_pronoun_partitives(text: str, expected: int) -> None:
    assert _figure(text) == expected
