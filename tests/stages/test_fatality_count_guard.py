"""The passive death-count pattern opens with a cheap guard on the first word of a count
(fatality_numbers.FIRST_WORDS); it must never change what the pattern finds."""

from __future__ import annotations

import re

from polemos.stages import fatalities

# One sentence per way a count can open, written for this test.
SENTENCES = [
    "5 soldiers were killed in the attack.",
    "1,200 people have died since March.",
    "Twenty-one civilians were killed.",
    "Eleven fighters were killed and 3 wounded.",
    "A dozen militants were killed near the base.",
    "Two dozen protesters were reportedly shot dead.",
    "Hundreds of people were killed in the shelling.",
    "Dozens of soldiers were killed overnight.",
    "Tens of fighters died in clashes.",
    "Scores of villagers were massacred.",
    "Several policemen were killed.",
    "Many civilians died in the fire set by the militia.",
    "A few residents were killed by stray bullets.",
    "An unknown number of militants were killed.",
    "At least 12 people were killed.",
    "More than 30 civilians were killed.",
    "Over 40 soldiers have been killed.",
    "Upwards of 50 people were killed.",
    "In excess of 100 people died.",
    "No fewer than 7 guards were killed.",
    "About 20 fighters were killed.",
    "Around 15 people were killed.",
    "Approximately 9 soldiers died.",
    "Nearly 60 people were killed.",
    "Almost 30 militants were slain.",
    "Roughly 25 people died.",
    "Up to 18 civilians were killed.",
    "As many as 70 people were killed.",
    "An estimated 300 people were killed.",
    "A total of 14 soldiers were killed.",
    "Fewer than 10 people died.",
    "Less than 5 people were killed.",
    "Between 10 and 15 fighters were killed.",
    "A family of five was killed in the strike.",
    "The suicide bomber was killed in the blast.",
    'Some "several" fighters were killed, the group said.',
    "Numerous people were killed.",
    "Some of the guards were killed.",
    "Police said the gunmen, two brothers, were killed by soldiers in Kano on Monday.",
]


def test_the_guard_changes_no_match() -> None:
    guarded = fatalities._PASSIVE
    unguarded = re.compile(guarded.pattern.replace(fatalities._MAY_COUNT, "", 1), guarded.flags)
    assert unguarded.pattern != guarded.pattern
    found = 0
    for text in SENTENCES:
        mine = [m.span() for m in guarded.finditer(text)]
        assert mine == [m.span() for m in unguarded.finditer(text)], text
        found += bool(mine)
    assert found >= len(SENTENCES) - 3  # the sentences do hold counts the pattern reads
